import Foundation
import HTXCore
import HTXItinerary
import HTXKit
import Testing
import ZIPFoundation

@testable import HTXBriefing
@testable import HTXDocument

let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

/// A small document with every kind of block.
let sample = Document(
    info: .init(title: "Thử", author: "htx", footer: "Số liệu đến năm 2020 · Bản 1"),
    blocks: [
        .table(
            Table(
                widths: [1, 1],
                rows: [[Paragraph("UBND THÀNH PHỐ HÀ NỘI"), Paragraph([.bold("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")])]],
                borders: false)),
        .heading(1, "Chương trình làm việc", anchor: "ct"),
        .paragraph(
            Paragraph(
                [Run("Đoàn làm việc với "), .bold("HTX Đông Hội"), Run(" và "), .italic("HTX <Bát Tràng> & *Gốm*")],
                indent: true)),
        .table(
            Table(
                widths: [1, 3], header: [[Paragraph([.bold("Thời gian")]), Paragraph([.bold("Nội dung")])]],
                rows: [[Paragraph("08:00 - 09:00"), Paragraph("Làm việc | tham quan")]])),
        .list([Paragraph("OCOP 4 sao"), Paragraph("VietGAP")], ordered: false),
        .drawing(
            Drawing(
                width: 100, height: 50,
                shapes: [
                    .circle(x: 10, y: 10, radius: 5, fillGray: 1),
                    .text(x: 10, y: 13, "1", size: 8, bold: true, anchor: .center),
                ],
                caption: "Sơ đồ: 1. HTX Đông Hội")),
        .pageBreak,
    ])

@Suite("Document renderers")
struct DocumentTests {
    @Test(
        "Markdown and HTML match their golden files",
        arguments: [("md", MarkdownRenderer() as DocumentRenderer), ("html", HTMLRenderer() as DocumentRenderer)])
    func goldens(pair: (String, DocumentRenderer)) throws {
        let output = String(decoding: try pair.1.render(sample), as: UTF8.self)
        let file = golden.appendingPathComponent("sample.\(pair.0)")
        if ProcessInfo.processInfo.environment["HTX_UPDATE_GOLDEN"] == "1" {
            try output.write(to: file, atomically: true, encoding: .utf8)
        }
        #expect(
            output == (try String(contentsOf: file, encoding: .utf8)),
            "rendering changed; inspect and run with HTX_UPDATE_GOLDEN=1 if intended")
    }

    @Test("HTML is self-contained, A4 with the Nghị định 30 margins, and escapes text")
    func html() throws {
        let html = String(decoding: try HTMLRenderer().render(sample), as: UTF8.self)
        #expect(html.contains("@page { size: A4; margin: 20mm 15mm 20mm 30mm; }"))
        #expect(html.contains("HTX &lt;Bát Tràng&gt; &amp; *Gốm*") && !html.contains("<Bát"))
        #expect(html.contains("<svg") && html.contains("<thead>") && !html.contains("src=\"http"))
    }
}

@Suite("Briefing")
struct BriefingTests {
    func fixture(publicOnly: Bool) throws -> Document {
        var coop = Cooperative(
            name: "HTX Nông nghiệp Đông Hội".decomposedStringWithCanonicalMapping.precomposedStringWithCanonicalMapping)
        coop.id = 7
        coop.district = "Đông Anh"
        coop.address = "Thôn Đông, xã Đông Hội, huyện Đông Anh"
        coop.figures = [
            YearlyFigures(year: 2019, revenue: 1000, profit: 80), YearlyFigures(year: 2020, revenue: 1200, profit: 60),
        ]
        coop.certifications = [Certification(kind: .ocop, product: "Rau an toàn", stars: 4)]
        coop.contacts = [
            Contact(role: "Giám đốc", name: "Nguyễn Văn A (minh hoạ)", phone: "+84900000101", email: "a@example.org")
        ]
        let instance = ItineraryInstance(
            days: 1, dayStart: 450, dayEnd: 1050, lunch: .init(earliest: 660, latest: 750, minutes: 60),
            start: .init(id: "start", name: "16 Cát Linh", point: GeoPoint(lat: 21.028, lon: 105.834)),
            sites: [
                .init(
                    place: .init(id: "7", name: coop.name, point: GeoPoint(lat: 21.13, lon: 105.85)), service: 60,
                    windows: TimeWindow.officeHours, mustVisit: true, priority: 1)
            ],
            travel: [[0, 40], [40, 0]], distance: [[0, 15], [15, 0]], dates: ["2021-10-28"])
        let report = ItineraryReport(ItinerarySolver(instance: instance).solve(), instance: instance)
        var visit = VisitDetails()
        visit.issuedOn = "2021-10-22"
        var settings = BriefingSettings(visit: visit)
        settings.publicOnly = publicOnly
        return BriefingBuilder(
            settings: settings, report: report, instance: instance, cooperatives: ["7": coop],
            criteria: ["7": ["ocop", "revenueGrowth"]]
        ).packet()
    }

    @Test("the packet has the header block, the programme by day, the sheet and the annex")
    func content() throws {
        let text = String(decoding: try MarkdownRenderer().render(try fixture(publicOnly: false)), as: UTF8.self)
        for part in [
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Hà Nội, ngày 22 tháng 10 năm 2021",
            "Thứ Năm, ngày 28/10/2021",
            "Thời gian", "Thành phần/Đơn vị chuẩn bị", "## 1. HTX Nông nghiệp Đông Hội", "Vì sao là mô hình điển hình",
            "Có sản phẩm Rau an toàn đạt OCOP 4 sao.", "định hướng nâng hạng lên 5 sao",
            "Nguyên nhân lợi nhuận năm 2020 giảm còn 60 triệu đồng (năm 2019: 80 triệu đồng)",
            "Gợi ý nội dung trao đổi", "Phụ lục: Danh sách liên hệ", "0900 000 101", "a@example.org",
            "Số liệu đến năm 2020 · Bản 1",
        ] {
            #expect(text.contains(part), "missing \(part)")
        }
        #expect(text.contains("HTX Nông nghiệp Đông Hội".precomposedStringWithCanonicalMapping))
    }

    @Test("the sheet's sentences follow the data: no upgrade past 5 stars, a falling figure raised, awards once")
    func prose() {
        var coop = Cooperative(name: "HTX Gốm")
        coop.founded = "2008-06-20"
        coop.figures = [
            YearlyFigures(year: 2019, revenue: 2000, profit: 300, memberIncome: 104.9),
            YearlyFigures(year: 2020, revenue: 2500, profit: 400, memberIncome: 55.4),
        ]
        coop.certifications = [Certification(kind: .ocop, product: "gốm men rạn", stars: 5)]
        coop.grades = [Grade(year: 2020, scheme: "TT01/2020", score: 81.5, grade: "Tốt")]
        let award = Award(title: "Bằng khen", level: .meritPrimeMinister, issuer: "Thủ tướng Chính phủ", year: 2020)
        coop.awards = [award]
        let strengths = SheetProse.strengths(coop, criteria: ["memberIncome", "grade", "ocop", "award"], limit: 4)
        #expect(!strengths.contains { $0.contains("Thu nhập") }, "a falling income is no strength")
        #expect(
            strengths.contains("Được đánh giá, xếp loại Tốt năm 2020 với 81,5 điểm theo Thông tư số 01/2020/TT-BKHĐT."))
        #expect(strengths.contains("Có sản phẩm gốm men rạn đạt OCOP 5 sao."))
        #expect(strengths.contains("Được tặng Bằng khen Thủ tướng Chính phủ (năm 2020)."))
        let points = SheetProse.discussion(coop)
        #expect(!points.joined().contains("nâng hạng") && points.joined().contains("giữ vững chất lượng"))
        #expect(
            points.contains(
                "Nguyên nhân thu nhập bình quân của thành viên năm 2020 giảm còn 55,4 triệu đồng/năm (năm 2019: 104,9 "
                    + "triệu đồng/năm) và giải pháp khắc phục."))
        #expect(OfficialText.founded("2008-06-20") == "20/06/2008" && OfficialText.founded("2011") == "2011")
    }

    @Test("--public leaves out personal names, phones and e-mails")
    func publicCopy() throws {
        for renderer in [MarkdownRenderer() as DocumentRenderer, HTMLRenderer()] {
            let text = String(decoding: try renderer.render(try fixture(publicOnly: true)), as: UTF8.self)
            #expect(!text.contains("0900") && !text.contains("example.org") && !text.contains("Nguyễn Văn A"))
            #expect(text.contains("Giám đốc") && text.contains("Bản công khai"))
        }
    }

    @Test("the date line follows Nghị định 30 (leading zeros for days below 10 and months 1–2), or leaves room")
    func dateLine() {
        func line(_ date: String?) -> String {
            var visit = VisitDetails()
            visit.issuedOn = date
            return BriefingSettings(visit: visit).placeAndDate
        }
        #expect(line("2021-02-05") == "Hà Nội, ngày 05 tháng 02 năm 2021")
        #expect(line("2021-10-28") == "Hà Nội, ngày 28 tháng 10 năm 2021")
        #expect(line(nil) == "Hà Nội, ngày ………… tháng ………… năm …………")
        #expect(VietnameseDate.dayHeading("2021-10-28") == "Thứ Năm, ngày 28/10/2021")
    }
}

@Suite("DOCX")
struct DOCXTests {
    @Test(
        "the DOCX has Nghị định 30 margins, A4, no page number on page 1, repeated table headers, real styles"
    )
    func package() throws {
        let bytes = try DOCXRenderer().render(sample)
        let archive = try ZIPFoundation.Archive(data: Data(bytes), accessMode: .read)
        func part(_ path: String) throws -> String {
            var out = Data()
            _ = try archive.extract(try #require(archive[path]), consumer: { out.append($0) })
            return String(decoding: out, as: UTF8.self)
        }
        let document = try part("word/document.xml")
        #expect(document.contains("<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"), "A4")
        #expect(document.contains("w:top=\"1134\" w:right=\"850\" w:bottom=\"1134\" w:left=\"1701\""), "20/15/20/30 mm")
        #expect(
            document.contains("<w:titlePg/>") && document.contains("<w:tblHeader/>")
                && document.contains("w:type=\"page\""))
        #expect(document.contains("HTX &lt;Bát Tràng&gt; &amp; *Gốm*"))
        #expect(try part("word/header1.xml").contains(" PAGE "))
        let styles = try part("word/styles.xml")
        #expect(
            styles.contains("Times New Roman") && styles.contains("w:styleId=\"Heading1\"")
                && styles.contains("<w:sz w:val=\"26\"/>"))
        #expect(try part("[Content_Types].xml").contains("wordprocessingml.document.main+xml"))
    }

    @Test(
        "pandoc reads the DOCX back with its Vietnamese text",
        .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/pandoc"), "pandoc is not installed"))
    func pandoc() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("htx-\(UUID().uuidString).docx")
        try Data(try DOCXRenderer().render(sample)).write(to: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/pandoc")
        process.arguments = [file.path, "-t", "plain"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(
            text.contains("Chương trình làm việc") && text.contains("HTX Đông Hội")
                && text.contains("Làm việc | tham quan"))
    }
}

@Suite("Letters")
struct LetterTests {
    @Test("one notice per visit with Kính gửi, the time window, what to prepare, Nơi nhận and the signature block")
    func letters() throws {
        var coop = Cooperative(name: "HTX Gốm Bát Tràng Mới")
        coop.id = 3
        coop.district = "Gia Lâm"
        coop.figures = [YearlyFigures(year: 2020, revenue: 100)]
        let json = """
            {"days":[{"date":"2021-10-28","departAt":"07:30","stops":[{"id":"3","name":"HTX Gốm Bát Tràng \
            Mới","arrive":"08:10","start":"08:10",
            "depart":"09:10","travelMinutes":40,"distanceKm":16}],"lunch":null,"returnAt":"10:00",
            "travelMinutes":80,"distanceKm":32}],
            "dropped":[],"totalTravelMinutes":80,"totalDistanceKm":32,"sitesVisited":1,"optimal":true}
            """
        let withStop = try JSONDecoder().decode(ItineraryReport.self, from: Data(json.utf8))
        let district = District(code: "018", type: "Huyện", name: "Gia Lâm", centre: GeoPoint(lat: 21.03, lon: 105.94))
        var visit = VisitDetails()
        visit.issuedOn = "2021-10-20"
        visit.signer = VisitDetails.Signer(name: "Trần Văn Bình")
        visit.contact = VisitDetails.Person(name: "Lê Thị Hoa", title: "Chuyên viên", phone: "0912345678")
        let letters = LetterBuilder(
            settings: BriefingSettings(visit: visit), report: withStop, cooperatives: ["3": coop],
            districts: [district]
        ).letters()
        #expect(letters.count == 1 && letters[0].id == "3")
        let text = String(decoding: try MarkdownRenderer().render(letters[0].document), as: UTF8.self)
        for part in [
            "Kính gửi: **Hợp tác xã Gốm Bát Tràng Mới**", "từ 08 giờ 10 đến 09 giờ 10, thứ Năm, ngày 28/10/2021",
            "**Trần Văn Bình**", "đồng chí Lê Thị Hoa, Chuyên viên, điện thoại 0912 345 678", "trước ngày 26/10/2021",
            "giai đoạn 2018–2020", "V/v đón",
            "Nơi nhận:", "UBND huyện Gia Lâm (để phối hợp)", "Lưu: VT, LMHTX.", "TM. BAN THƯỜNG VỤ",
            "Hà Nội, ngày 20 tháng 10 năm 2021",
        ] {
            #expect(text.contains(part), "missing \(part)")
        }
    }
}

@Suite("PDF")
struct PDFTests {
    func run(_ executable: String, _ arguments: [String]) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }

    static func tool(_ name: String) -> String? {
        ["/usr/bin/\(name)", "/usr/local/bin/\(name)"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// The sample packet as a PDF in a temporary file.
    func samplePDF() throws -> URL {
        let fonts = try #require(FontLocator.serif())
        let document = try BriefingTests().fixture(publicOnly: false)
        let bytes = try PDFRenderer(fonts: fonts).render(document)
        #expect(bytes.starts(with: Array("%PDF-1.7".utf8)))
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("htx-\(UUID().uuidString).pdf")
        try Data(bytes).write(to: file)
        return file
    }

    static let fonts = FontLocator.serif() != nil

    @Test("qpdf finds the PDF valid", .enabled(if: fonts && tool("qpdf") != nil, "needs qpdf and a serif font"))
    func qpdfCheck() throws {
        let file = try samplePDF()
        defer { try? FileManager.default.removeItem(at: file) }
        let (status, output) = try run(try #require(PDFTests.tool("qpdf")), ["--check", file.path])
        #expect(status == 0 && output.contains("No syntax or stream encoding errors"), "\(output)")
    }

    @Test(
        "the PDF is A4 and embeds every font as a subset with ToUnicode",
        .enabled(if: fonts && tool("pdfinfo") != nil && tool("pdffonts") != nil, "needs poppler-utils and a serif font")
    )
    func pageAndFonts() throws {
        let file = try samplePDF()
        defer { try? FileManager.default.removeItem(at: file) }
        let (_, info) = try run(try #require(PDFTests.tool("pdfinfo")), [file.path])
        #expect(info.contains("595.28 x 841.89 pts (A4)"), "\(info)")
        let (_, output) = try run(try #require(PDFTests.tool("pdffonts")), [file.path])
        let rows = output.split(separator: "\n").dropFirst(2)
        #expect(!rows.isEmpty)
        for row in rows {
            #expect(row.contains("+") && row.contains("CID TrueType") && row.contains("yes yes yes"), "\(row)")
        }
    }

    @Test(
        "the PDF gives back its Vietnamese text",
        .enabled(if: fonts && tool("pdftotext") != nil, "needs poppler-utils and a serif font"))
    func extractedText() throws {
        let file = try samplePDF()
        defer { try? FileManager.default.removeItem(at: file) }
        let (_, text) = try run(try #require(PDFTests.tool("pdftotext")), [file.path, "-"])
        let name = "HTX Nông nghiệp Đông Hội".precomposedStringWithCanonicalMapping
        #expect(text.precomposedStringWithCanonicalMapping.contains(name), "\(text.prefix(300))")
        #expect(text.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") && text.contains("Thứ Năm, ngày 28/10/2021"))
    }

    @Test(
        "tables longer than a page repeat their header row; page 1 has no page number, page 2 has one",
        .enabled(if: FontLocator.serif() != nil, "no Liberation Serif or DejaVu Serif installed"))
    func pagination() throws {
        let rows = (1...80).map { [Paragraph("Dòng \($0)"), Paragraph("HTX số \($0) – Hợp tác xã thử nghiệm")] }
        let document = Document(
            info: .init(title: "t", author: "a"),
            blocks: [
                .table(
                    Table(
                        widths: [1, 3], header: [[Paragraph([.bold("TIÊU ĐỀ")]), Paragraph([.bold("NỘI DUNG")])]],
                        rows: rows))
            ])
        let layout = PDFLayout(fonts: try #require(FontLocator.serif()), footer: "")
        for block in document.blocks { layout.place(block) }
        layout.finishPages()
        #expect(layout.pages.count >= 2)
        let pages = try layout.pages.map(inflated)
        let headerGlyphs = Set("TIÊUĐỀ".unicodeScalars.map { String(format: "%04X", layout.fonts.bold.glyph($0)) })
        for page in pages {
            #expect(headerGlyphs.allSatisfy { page.contains($0) }, "every page repeats the header row")
        }
        let numberLine = " \(PDFLayout.number(PDFLayout.pageHeight - 36)) Td <"
        let two = String(format: "%04X", layout.fonts.regular.glyph("2"))
        #expect(pages[1].contains(numberLine + two + "> Tj"), "page 2 shows its number in the top margin")
        #expect(!pages[0].contains(numberLine), "page 1 has no page number")
    }
}

@Suite("PDF numbers and hex")
struct PDFNumberTests {
    @Test("content-stream numbers: at most two decimals (or three), no trailing zeros, never a trap")
    func numbers() {
        #expect(PDFLayout.number(3.14159) == "3.14")
        #expect(PDFLayout.number(-2.5) == "-2.5")
        #expect(PDFLayout.number(0.05) == "0.05")
        #expect(PDFLayout.number(12) == "12")
        #expect(PDFLayout.number(-0.001) == "0")
        #expect(PDFLayout.number(.nan) == "0")
        #expect(PDFLayout.number(.infinity) == "0")
        #expect(PDFLayout.number(-1e12) == "-1000000000")
        #expect(PDFLayout.number(0.125, places: 3) == "0.125")
        #expect(PDFLayout.number(0.5, places: 3) == "0.5")
        #expect(PDFLayout.number(0.1204, places: 3) == "0.12")
        #expect(PDFLayout.number(0.0504, places: 3) == "0.05")
        #expect(PDFLayout.number(0.007, places: 3) == "0.007")
        #expect(PDFLayout.number(1, places: 3) == "1")
        #expect(PDFLayout.number(2.46, places: 1) == "2.5" && PDFLayout.number(2.46, places: 0) == "2")
        #expect(PDFLayout.number(0.00125, places: 4) == "0.0013" && PDFLayout.number(-1.5, places: 9) == "-1.5")
        // The same value String(format:) would write, within its precision.
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let value = Double.random(in: -900...900, using: &generator)
            #expect(abs(Double(PDFLayout.number(value))! - value) <= 0.005 + 1e-9)
            #expect(abs(Double(PDFLayout.number(value, places: 3))! - value) <= 0.0005 + 1e-9)
        }
    }

    @Test("UTF-16 as hex: four upper-case digits per unit, as String(format: \"%04X\") writes them")
    func hex() {
        let text = "Hợp tác xã Đông Anh 𝕏"
        #expect(PDFWriter.hex(text.utf16) == text.utf16.map { String(format: "%04X", $0) }.joined())
        #expect(PDFWriter.text("Đ") == "<FEFF0110>")
        #expect(PDFWriter.hex([0xFFFF, 0, 0xABC]) == "FFFF00000ABC")
    }
}

@Suite("Damaged fonts")
struct DamagedFontTests {
    /// A real TrueType file to damage: the regular face `FontLocator` finds, else DejaVu Serif.
    static let source: [UInt8]? = {
        for path in [
            "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
            "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
            "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
        ] {
            if let data = FileManager.default.contents(atPath: path) { return [UInt8](data) }
        }
        return nil
    }()

    @Test(
        "a truncated or damaged font is refused or used, never a trap: 300 cuts and 600 byte flips",
        .enabled(if: source != nil, "no TrueType font installed"))
    func damaged() throws {
        let font = try #require(DamagedFontTests.source)
        var generator = SeededGenerator(seed: 12)
        func next(_ bound: Int) -> Int { generator.below(bound) }
        var refused = 0
        var used = 0
        func attempt(_ bytes: [UInt8]) {
            guard let face = try? TrueTypeFont(data: bytes) else {
                refused += 1
                return
            }
            used += 1
            let glyphs = Set("Hợp tác xã Đông Anh – 2021".unicodeScalars.map { face.glyph($0) })
            _ = face.width("Hợp tác xã Đông Anh", size: 13)
            _ = face.subset(glyphs)
        }
        for cut in 0..<300 { attempt(Array(font.prefix(cut * font.count / 300))) }
        for _ in 0..<600 {
            var bytes = font
            for _ in 0..<(1 + next(8)) { bytes[next(min(bytes.count, 4096 + next(bytes.count)))] = UInt8(next(256)) }
            attempt(bytes)
        }
        #expect(refused > 0 && used > 0, "refused \(refused), used \(used)")
    }
}

/// A zlib stream (a PDF page's content) decompressed to its text.
func inflated(_ zlib: [UInt8]) throws -> String {
    let raw = Data(zlib.dropFirst(2).dropLast(4))
    var out = Data()
    _ = try Data.decompress(
        size: Int64(raw.count), bufferSize: 64 * 1024, skipCRC32: true,
        provider: { position, size in raw.subdata(in: Int(position)..<min(raw.count, Int(position) + size)) },
        consumer: { out.append($0) })
    return String(decoding: out, as: UTF8.self)
}

@Suite("Deflate streams")
struct DeflateTests {
    @Test("Adler-32 matches RFC 1950's examples, across the 5,552-byte reductions")
    func adler() throws {
        #expect(PDFWriter.adler32(Array("Wikipedia".utf8)) == 0x11E6_0398)
        #expect(PDFWriter.adler32([]) == 1)
        // A long run of 0xFF, where unreduced sums would overflow: checked against the per-byte definition.
        let long = [UInt8](repeating: 0xFF, count: 100_000)
        var a: UInt32 = 1
        var b: UInt32 = 0
        for byte in long {
            a = (a + UInt32(byte)) % 65_521
            b = (b + a) % 65_521
        }
        #expect(PDFWriter.adler32(long) == (b << 16) | a)
        #expect(try inflated(PDFWriter.zlib(Array("BT ET".utf8))) == "BT ET")
    }
}
