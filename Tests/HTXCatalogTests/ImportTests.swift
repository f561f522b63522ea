import Foundation
import HTXCore
import HTXTestSupport
import Testing
import ZIPFoundation

@testable import HTXCatalog

/// Writes bytes to a fresh temporary file and returns its path.
func temporaryFile(_ name: String, _ bytes: [UInt8]) throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("htx-import-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let url = dir.appendingPathComponent(name)
    try Data(bytes).write(to: url)
    return url.path
}

/// Encodes text in a single-byte Vietnamese encoding, tones as combining bytes where the table has no precomposed
/// letter.
func singleByte(_ text: String, table: [UInt32]) -> [UInt8] {
    var reverse: [UInt32: UInt8] = [:]
    for (index, value) in table.enumerated() where reverse[value] == nil { reverse[value] = UInt8(0x80 + index) }
    let tones: Set<UInt32> = [0x300, 0x301, 0x303, 0x309, 0x323]
    var out: [UInt8] = []
    for character in text {
        let composed = String(character).precomposedStringWithCanonicalMapping.unicodeScalars
        if composed.count == 1, let scalar = composed.first {
            if scalar.value < 0x80 {
                out.append(UInt8(scalar.value))
                continue
            }
            if let byte = reverse[scalar.value] {
                out.append(byte)
                continue
            }
        }
        let parts = Array(String(character).decomposedStringWithCanonicalMapping.unicodeScalars)
        let base = String(String.UnicodeScalarView(parts.filter { !tones.contains($0.value) }))
            .precomposedStringWithCanonicalMapping.unicodeScalars.first!
        out.append(base.value < 0x80 ? UInt8(base.value) : reverse[base.value]!)
        if let tone = parts.first(where: { tones.contains($0.value) }) { out.append(reverse[tone.value]!) }
    }
    return out
}

func importFile(
    _ catalog: Catalog, _ path: String, encoding: TextEncoding? = nil, sheet: String? = nil, dryRun: Bool = false,
    onConflict: ConflictPolicy = .update
) throws -> ImportReport {
    var options = ImportOptions(origin: ChangeOrigin(by: "Kiểm thử", source: nil))
    options.dryRun = dryRun
    options.onConflict = onConflict
    return try CatalogImporter(catalog: catalog).importFile(path, encoding: encoding, sheet: sheet, options: options)
}

let sampleCSV = """
    STT;Tên hợp tác xã;MST;Quận/Huyện;Lĩnh vực;Điện thoại;Doanh thu 2021 (tỷ đồng);Lợi nhuận 2021 (triệu đồng);Vĩ \
    độ;Kinh độ
    1;HTX Nông nghiệp Đông Hội;0100233488;Huyện Đông Anh;Nông nghiệp;0912 345 678;1,5;120;21°08'20"N;105°50'56"E
    2;Hợp tác xã Gốm Bát Tràng Mới;;gia lam;CN-TTCN;024 3765 4321;12,25;1.250;21.0286;105.9408
    """

@Suite("Import")
struct ImportTests {
    @Test("headers are recognised by folding, with years and money units")
    func headers() {
        let recognizer = HeaderRecognizer()
        #expect(recognizer.role(of: "TEN HTX") == .field("name", scale: .million))
        #expect(recognizer.role(of: "Tên hợp tác xã") == .field("name", scale: .million))
        #expect(recognizer.role(of: "Mã số thuế") == .field("taxCode", scale: .million))
        #expect(recognizer.role(of: "MST") == .field("taxCode", scale: .million))
        #expect(recognizer.role(of: "Quận/Huyện") == .field("district", scale: .million))
        #expect(recognizer.role(of: "Năm thành lập") == .field("founded", scale: .million))
        #expect(recognizer.role(of: "Số thành viên") == .field("members", scale: .million))
        #expect(recognizer.role(of: "Doanh thu 2021 (triệu đồng)") == .yearly(.revenue, year: 2021, scale: .million))
        #expect(
            recognizer.role(of: "Doanh thu năm 2020 (tỷ đồng)")
                == .yearly(.revenue, year: 2020, scale: MoneyScale(exponent: 3)))
        #expect(
            recognizer.role(of: "Lợi nhuận 2019 (đồng)")
                == .yearly(.profit, year: 2019, scale: MoneyScale(exponent: -6)))
        #expect(
            recognizer.role(of: "Thu nhập bình quân thành viên 2021 (triệu đồng/người/năm)")
                == .yearly(.memberIncome, year: 2021, scale: .million))
        #expect(recognizer.role(of: "Số thành viên 2021") == .yearly(.members, year: 2021, scale: .million))
        #expect(
            recognizer.role(of: "Vốn điều lệ (tỷ đồng)") == .field("charterCapital", scale: MoneyScale(exponent: 3)))
        #expect(recognizer.role(of: "Xếp loại 2021") == .grade(year: 2021))
        #expect(recognizer.role(of: "SĐT") == .contact(.phone))
        #expect(recognizer.role(of: "STT") == .ignored)
        #expect(recognizer.role(of: "Màu yêu thích") == nil)
    }

    @Test("values: Vietnamese numbers with units, tax codes Excel stored as numbers, degree coordinates")
    func values() {
        #expect(CellValue.money("1,5 tỷ", scale: .million) == 1500)
        #expect(CellValue.money("800 triệu", scale: .million) == 800)
        #expect(CellValue.money("1.200.000.000 đồng", scale: .million) == 1200)
        #expect(CellValue.money("12,5", scale: MoneyScale(exponent: 3)) == 12500)
        #expect(CellValue.money("abc", scale: .million) == nil)
        #expect(CellValue.taxCode("100233488") == "0100233488")
        #expect(CellValue.taxCode("1.00233488E+08") == "0100233488")
        #expect(CellValue.taxCode("314409058-002") == "0314409058002")
        #expect(CellValue.taxCode("12345") == "12345")
        #expect(abs(CellValue.degrees("21°01'42.6\"N")! - 21.0285) < 0.0001)
        #expect(abs(CellValue.degrees("105° 51' 15\" E")! - 105.854167) < 0.0001)
        #expect(CellValue.point("21.0285, 105.8542") == GeoPoint(lat: 21.0285, lon: 105.8542))
    }

    @Test("a semicolon CSV with Vietnamese headers imports: units, synonyms, DMS coordinates, contacts")
    func semicolonCSV() throws {
        let catalog = try makeCatalog()
        let report = try importFile(catalog, try temporaryFile("dong-anh.csv", Array(sampleCSV.utf8)))
        #expect(report.errors.isEmpty, "\(report.problems.map { $0.text(.en) })")
        #expect(report.added == 2 && report.committed)
        #expect(report.encoding == "utf-8 (tự nhận)")
        let first = try catalog.cooperative("0100233488")
        #expect(first.district == "Đông Anh")
        #expect(first.figures == [YearlyFigures(year: 2021, revenue: 1500, profit: 120)])
        #expect(first.contacts.first?.phone == "+84912345678")
        #expect(abs(first.location!.lat - 21.13889) < 0.0001)
        let second = try catalog.cooperative("2")
        #expect(second.sectors == [.industryCrafts] && second.district == "Gia Lâm")
        #expect(second.figures.first?.profit == 1250 && second.figures.first?.revenue == 12250)
        #expect(try catalog.history("2").first?.source == "dong-anh.csv")
    }

    @Test(
        "encodings are detected and said",
        arguments: [
            ("utf-8 BOM", [0xEF, 0xBB, 0xBF] + Array(sampleCSV.utf8), "utf-8"),
            (
                "utf-16le BOM", [0xFF, 0xFE] + sampleCSV.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] },
                "utf-16le"
            ),
            ("utf-16be no BOM", sampleCSV.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }, "utf-16be"),
            ("windows-1258", singleByte(sampleCSV, table: TextEncoding.windows1258High), "windows-1258"),
            (
                "tcvn3", singleByte(sampleCSV.replacingOccurrences(of: "°", with: " "), table: TextEncoding.tcvn3High),
                "tcvn3"
            ),
        ] as [(String, [UInt8], String)])
    func encodings(sample: (String, [UInt8], String)) throws {
        let catalog = try makeCatalog()
        let report = try importFile(catalog, try temporaryFile("f.csv", sample.1))
        #expect(report.encoding?.hasPrefix(sample.2) == true, "\(sample.0): \(report.encoding ?? "nil")")
        #expect(report.added == 2, "\(sample.0): \(report.problems.map { $0.text(.en) })")
        let names = try catalog.list().map(\.name)
        #expect(names == ["Hợp tác xã Gốm Bát Tràng Mới", "HTX Nông nghiệp Đông Hội"], "\(sample.0)")
        #expect(try catalog.search("dong hoi").count == 1)
    }

    @Test("unknown columns are reported, and a --map file assigns them")
    func mapFile() throws {
        let catalog = try makeCatalog()
        let csv = "Tên HTX,Quận/huyện,Tổng thu năm 2021,Màu cờ\nHTX Đông Hội,Đông Anh,\"1.234\",đỏ\n"
        let path = try temporaryFile("m.csv", Array(csv.utf8))
        let plain = try importFile(catalog, path, dryRun: true)
        #expect(plain.unknownColumns == ["Tổng thu năm 2021", "Màu cờ"])
        #expect(plain.warnings.first?.message.vi.contains("Tổng thu năm 2021, Màu cờ") == true)
        let map = try HeaderRecognizer.parseMap(
            "# cột lạ\nTổng thu năm 2021 = revenue 2021\nMàu cờ = ignore\n", file: "cot.txt")
        var options = ImportOptions(origin: origin)
        options.recognizer = HeaderRecognizer(map: map)
        let mapped = try CatalogImporter(catalog: catalog).importFile(path, encoding: nil, sheet: nil, options: options)
        #expect(mapped.unknownColumns.isEmpty && mapped.added == 1)
        #expect(try catalog.cooperative("1").figures == [YearlyFigures(year: 2021, revenue: 1234)])
        #expect(throws: UserError.self) { try HeaderRecognizer.parseMap("Cột = không có trường này\n", file: "x.txt") }
        // A mapped money column keeps its header's unit: tỷ đồng is 1,000 million, đồng a millionth.
        let money = HeaderRecognizer(
            map: try HeaderRecognizer.parseMap(
                "Doanh số 2022 (tỷ đồng) = revenue 2022\nVốn góp (đồng) = charterCapital\n", file: "m.txt"))
        #expect(
            money.role(of: "Doanh số 2022 (tỷ đồng)") == .yearly(.revenue, year: 2022, scale: MoneyScale(exponent: 3)))
        #expect(money.role(of: "Vốn góp (đồng)") == .field("charterCapital", scale: MoneyScale(exponent: -6)))
    }

    @Test("an existing record is updated field by field, skipped, or refused, as asked")
    func conflicts() throws {
        let catalog = try makeCatalog()
        let path = try temporaryFile("a.csv", Array(sampleCSV.utf8))
        _ = try importFile(catalog, path)
        let again = try importFile(catalog, path)
        #expect(again.unchanged == 2 && again.added == 0)
        let changed = try temporaryFile(
            "b.csv", Array("Tên HTX,Mã số thuế,Số thành viên\nHTX Nông nghiệp Đông Hội,0100233488,321\n".utf8))
        let updated = try importFile(catalog, changed)
        #expect(updated.updated == 1)
        let record = try catalog.cooperative("0100233488")
        #expect(record.members == 321 && record.district == "Đông Anh" && record.figures.count == 1)
        let last = try #require(try catalog.history("0100233488").last)
        #expect(last.field == "members" && last.new == "321" && last.source == "b.csv")
        #expect(try importFile(catalog, changed, onConflict: .skip).skipped == 1)
        let refused = try importFile(catalog, changed, onConflict: .fail)
        #expect(!refused.committed && refused.errors.first?.message.en.contains("already in the catalog") == true)
    }

    @Test("rows find their record by every key it has, stored before the import or written earlier in it")
    func matchKeys() throws {
        let catalog = try makeCatalog()
        _ = try importFile(catalog, try temporaryFile("a.csv", Array(sampleCSV.utf8)))
        let csv = """
            Tên HTX,Mã số thuế,Quận/huyện,Số thành viên
            HTX Nông nghiệp Đông Hội,,Đông Anh,11
            HTX Rau sạch Mới,0100109106,Sóc Sơn,12
            Hợp tác xã Rau sạch Mới,,Sóc Sơn,13
            HTX Gốm Bát Tràng Mới,,Gia Lâm,14
            """
        let report = try importFile(catalog, try temporaryFile("b.csv", Array(csv.utf8)))
        #expect(
            try catalog.cooperative("0100233488").members == 11,
            "a stored record with a tax code, found by its name and district")
        #expect(
            try catalog.cooperative("0100109106").members == 13,
            "the record row 3 wrote, found by row 4 by its name key")
        #expect(
            try catalog.list().first { $0.name.hasSuffix("Gốm Bát Tràng Mới") }.map {
                try catalog.cooperative(String($0.id)).members
            } == 14,
            "a stored record without a tax code, found by name")
        #expect(report.added == 1 && report.updated == 3, "\(report.added) added, \(report.updated) updated")
        #expect(try catalog.count() == 3)
    }

    @Test(
        "export then import into an empty catalog reproduces the catalog exactly", arguments: ["csv", "xlsx", "json"])
    func roundTrip(format: String) throws {
        let source = try makeCatalogWithUnits()
        let seeds = Fixtures.seeds
        var extra = Cooperative(name: "=HYPERLINK(\"http://example.org\")")
        extra.otherNames = ["Tên; có chấm phẩy"]
        extra.charterCapital = 1.234
        extra.district = "Ba Vì"
        _ = try source.addAll(seeds.sampleCatalog() + [extra], origin: origin)
        let before = try source.allCooperatives()
        let data = try CatalogExporter.export(before, format: format, publicOnly: false)
        let target = try makeCatalogWithUnits()
        let report = try importFile(target, try temporaryFile("out.\(format)", [UInt8](data)))
        #expect(report.errors.isEmpty, "\(report.errors.map { $0.text(.en) })")
        let after = try target.allCooperatives()
        #expect(after.count == before.count)
        func strip(_ c: Cooperative) -> Cooperative {
            var x = c
            x.id = nil
            return x
        }
        for (a, b) in zip(before, after) { #expect(strip(a) == strip(b), "\(a.name)") }
    }

    @Test("--public exports carry no personal contact")
    func publicExport() throws {
        let seeds = Fixtures.seeds
        let coops = try seeds.sampleCatalog()
        for format in ["csv", "json", "xlsx"] {
            let data = try CatalogExporter.export(coops, format: format, publicOnly: true)
            let text = format == "xlsx" ? try xlsxSheetText(data) : String(decoding: data, as: UTF8.self)
            #expect(
                !text.contains("0900 000") && !text.contains("+84900") && !text.contains("@example.org"), "\(format)")
        }
        let full = String(decoding: try CatalogExporter.export(coops, format: "csv", publicOnly: false), as: UTF8.self)
        #expect(full.contains("0900 000 101") && full.hasPrefix("\u{FEFF}"))
    }

    @Test(
        "XLSX: chosen sheet, title block, merged cells, shared and rich strings, dates, numeric tax codes"
    )
    func xlsx() throws {
        let catalog = try makeCatalog()
        let report = try importFile(
            catalog, try temporaryFile("bao-cao.xlsx", try handMadeWorkbook()), sheet: "danh sach")
        #expect(report.errors.isEmpty, "\(report.problems.map { $0.text(.en) })")
        #expect(report.sheet == "Danh sách" && report.headerRow == 3 && report.added == 3)
        let first = try catalog.cooperative("0100233488")
        #expect(first.name == "HTX Rau sạch Vân Nội")
        #expect(first.founded == "2021-01-01")
        #expect(first.figures.first?.revenue == 1500)
        #expect(try catalog.list(ListFilter(district: "Gia Lâm")).count == 2)
        #expect(throws: UserError.self) {
            try importFile(catalog, try temporaryFile("b.xlsx", try handMadeWorkbook()), sheet: "Không có")
        }
    }

    @Test("a workbook saved with the 1904 date system gives the same dates; an absurd date serial is not a date")
    func dates1904() throws {
        // Serial 44197 is 01/01/2021 in the 1900 system and 02/01/2025 in the 1904 one.
        for (date1904, expected) in [(false, "01/01/2021"), (true, "02/01/2025")] {
            let file = try temporaryFile("mac.xlsx", try handMadeWorkbook(date1904: date1904))
            var reader = try XLSXReader(url: URL(fileURLWithPath: file), sheet: "danh sach", file: "mac.xlsx")
            var founded: String?
            while let (row, cells) = try reader.next() {
                if row == 4 { founded = cells.count > 4 ? cells[4] : nil }
            }
            #expect(founded == expected, "1904: \(date1904)")
        }
        #expect(SheetParser.date(40000) == "06/07/2009" && SheetParser.date(40000, date1904: true) == "07/07/2013")
        #expect(SheetParser.date(1e300) == nil && SheetParser.date(-5) == nil && SheetParser.date(.nan) == nil)
    }

    @Test("a ZIP bomb (a 300 MB sheet packed into a small workbook) is refused without unpacking it")
    func zipBomb() throws {
        let catalog = try makeCatalog()
        let archive = try Archive(accessMode: .create)
        for (path, text) in [
            ("xl/workbook.xml", #"<workbook><sheets><sheet name="S" r:id="rId1"/></sheets></workbook>"#),
            (
                "xl/_rels/workbook.xml.rels",
                #"<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>"#
            ),
        ] {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count)) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        let spaces = Data(repeating: 0x20, count: 1 << 20)
        try archive.addEntry(
            with: "xl/worksheets/sheet1.xml", type: .file, uncompressedSize: Int64(300 << 20),
            compressionMethod: .deflate
        ) { (_: Int64, size: Int) in
            spaces.prefix(size)
        }
        let bytes = [UInt8](archive.data!)
        #expect(bytes.count < 2 << 20, "packed small: \(bytes.count) bytes")
        let path = try temporaryFile("bom.xlsx", bytes)
        #expect {
            try importFile(catalog, path)
        } throws: { error in
            (error as? UserError)?.message.vi
                == "bom.xlsx: phần xl/worksheets/sheet1.xml của sổ tính giải nén ra quá 256 MB; chia sổ tính thành "
                + "nhiều tệp rồi nhập lần lượt"
        }
        #expect(try catalog.count() == 0)
        // The same bomb declaring a 1,000-byte sheet: counted while unzipping, it is refused all the same.
        var lying = bytes
        let name = Array("xl/worksheets/sheet1.xml".utf8)
        for (signature, sizeOffset, nameOffset) in [
            ([0x50, 0x4B, 0x03, 0x04] as [UInt8], 22, 30), ([0x50, 0x4B, 0x01, 0x02], 24, 46),
        ] {
            let header = try #require(
                (0..<(lying.count - nameOffset - name.count)).first { at in
                    Array(lying[at..<at + 4]) == signature
                        && Array(lying[(at + nameOffset)..<(at + nameOffset + name.count)]) == name
                })
            lying.replaceSubrange((header + sizeOffset)..<(header + sizeOffset + 4), with: [0xE8, 0x03, 0, 0])
        }
        let liar = try temporaryFile("noi-doi.xlsx", lying)
        #expect {
            try importFile(catalog, liar)
        } throws: { error in
            (error as? UserError)?.message.vi
                == "noi-doi.xlsx: phần xl/worksheets/sheet1.xml của sổ tính giải nén ra quá 256 MB; chia sổ tính "
                + "thành nhiều tệp rồi nhập lần lượt"
        }
        #expect(try catalog.count() == 0)
    }
}

/// All text of an XLSX's first sheet, for checks.
func xlsxSheetText(_ data: Data) throws -> String {
    let archive = try Archive(data: data, accessMode: .read)
    var out = Data()
    _ = try archive.extract(archive["xl/worksheets/sheet1.xml"]!) { out.append($0) }
    return String(decoding: out, as: UTF8.self)
}

/// A small workbook made by hand, shaped like the ones district offices send; `date1904` saves it with the 1904
/// date system, as old Excel for Mac did.
func handMadeWorkbook(date1904: Bool = false) throws -> [UInt8] {
    let parts: [String: String] = [
        "[Content_Types].xml": "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>",
        "xl/workbook.xml": """
        <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
        xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
        \(date1904 ? "<workbookPr date1904=\"1\"/>" : "")<sheets><sheet name="Ghi chú" sheetId="1" \
        r:id="rId1"/><sheet name="Danh sách" sheetId="2" r:id="rId2"/></sheets></workbook>
        """,
        "xl/_rels/workbook.xml.rels": """
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
        <Relationship Id="rId1" Type="x" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="x" \
        Target="/xl/worksheets/sheet2.xml"/></Relationships>
        """,
        "xl/sharedStrings.xml": """
        <sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>DANH SÁCH HTX ĐIỂN HÌNH</t></si>
        <si><r><t>HTX Rau sạch </t></r><r><rPr><b/></rPr><t>Vân Nội</t></r><rPh><t>x</t></rPh></si><si><t>Tên hợp tác \
        xã</t></si></sst>
        """,
        "xl/styles.xml": """
        <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt \
        numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>
        <cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/></cellXfs></styleSheet>
        """,
        "xl/worksheets/sheet1.xml":
            "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData/></worksheet>",
        "xl/worksheets/sheet2.xml": """
        <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
        <row r="1"><c r="A1" t="s"><v>0</v></c></row>
        <row r="3"><c r="A3" t="inlineStr"><is><t>STT</t></is></c><c r="B3" t="s"><v>2</v></c><c r="C3" \
        t="inlineStr"><is><t>MST</t></is></c>
        <c r="D3" t="inlineStr"><is><t>Quận/Huyện</t></is></c><c r="E3" t="inlineStr"><is><t>Ngày thành lập</t></is></c>
        <c r="F3" t="inlineStr"><is><t>Doanh thu 2021 (tỷ đồng)</t></is></c></row>
        <row r="4"><c r="A4"><v>1</v></c><c r="B4" t="s"><v>1</v></c><c r="C4"><v>100233488</v></c><c r="D4" \
        t="inlineStr"><is><t>Đông Anh</t></is></c>
        <c r="E4" s="1"><v>44197</v></c><c r="F4"><v>1.5</v></c></row>
        <row r="5"><c r="A5"><v>2</v></c><c r="B5" t="str"><v>HTX Gốm Kim Lan</v></c><c r="D5" \
        t="inlineStr"><is><t>Gia Lâm</t></is></c><c r="E5" s="2"><v>36526</v></c></row>
        <row r="6"><c r="A6"><v>3</v></c><c r="B6" t="inlineStr"><is><t>HTX Dịch vụ Bát Tràng</t></is></c></row>
        </sheetData><mergeCells count="2"><mergeCell ref="A1:F1"/><mergeCell ref="D5:D6"/></mergeCells></worksheet>
        """,
    ]
    return try zipped(parts.map { ($0.key, $0.value) })
}

/// A ZIP archive of text parts (path, text), deflated, in the order given.
func zipped(_ parts: [(path: String, text: String)]) throws -> [UInt8] {
    let archive = try Archive(accessMode: .create)
    for (path, text) in parts {
        let data = Data(text.utf8)
        try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate)
        { position, size in
            data.subdata(in: Int(position)..<Int(position) + size)
        }
    }
    return [UInt8](archive.data!)
}
