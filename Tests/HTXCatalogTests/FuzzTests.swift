import Foundation
import HTXCore
import HTXTestSupport
import Testing
import ZIPFoundation

@testable import HTXCatalog

/// Deterministic random inputs thrown at every parser: none may crash or hang; errors are fine.
@Suite("Fuzz (deterministic)")
struct FuzzTests {

    /// Bytes that look like CSV: delimiters, quotes, line breaks, Vietnamese UTF-8, NULs and junk.
    static let csvAlphabet: [UInt8] =
        Array(",;\t\"\n\r ab09.-/'=+@".utf8) + Array("Đông Hồ ệ".utf8) + [0, 0xFF, 0xC3, 0xE1]

    @Test("CSV decoding and reading never crash on random bytes")
    func csv() {
        var g = SeededGenerator(seed: 1)
        for round in 0..<600 {
            let bytes = g.bytes(g.below(400), from: round % 3 == 0 ? nil : FuzzTests.csvAlphabet)
            guard let decoded = try? TextEncoding.decode(bytes, file: "fuzz.csv") else { continue }
            var reader = CSVReader(utf8: decoded.utf8, file: "fuzz.csv")
            var rows = 0
            while (try? reader.next()) != nil {
                rows += 1
                if rows > 10_000 {
                    Issue.record("runaway reader")
                    break
                }
            }
        }
    }

    @Test("plain records read straight from the bytes exactly as the byte-by-byte loop reads them")
    func csvFastPathAgrees() {
        /// Every record, or the error that stopped the reader.
        func read(_ bytes: [UInt8], plain: Bool) -> [String] {
            var reader = CSVReader(utf8: bytes, file: "fuzz.csv")
            reader.readsPlainRecords = plain
            var out: [String] = []
            do {
                while let (row, cells) = try reader.next() { out.append("\(row): \(cells)") }
            } catch {
                out.append("error: \(error.message.en)")
            }
            return out
        }
        var g = SeededGenerator(seed: 11)
        let alphabet = Array(",;\t\"\n\r ab\"\",".utf8) + Array("Đông Hồ ệ".utf8)
        for _ in 0..<3000 {
            let bytes = g.bytes(g.below(120), from: alphabet)
            guard let decoded = try? TextEncoding.decode(bytes, as: .utf8, file: "fuzz.csv") else { continue }
            #expect(
                read(decoded.utf8, plain: true) == read(decoded.utf8, plain: false),
                "\(String(decoding: decoded.utf8, as: UTF8.self).debugDescription)")
        }
        // A cell past the size limit is refused the same way.
        let long = Array(("a,\"" + String(repeating: "x", count: CSVReader.maximumCellBytes + 1) + "\"\n").utf8)
        #expect(read(long, plain: true) == read(long, plain: false))
        #expect(read(long, plain: true).last?.hasPrefix("error") == true)
    }

    @Test("UTF-8 validation in place agrees with the standard library")
    func utf8Validation() {
        var g = SeededGenerator(seed: 12)
        let alphabet: [UInt8] = [
            0x41, 0x20, 0x7F, 0x80, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xA0, 0xED, 0x9F, 0xA0, 0xEF, 0xF0, 0x90, 0xF4,
            0x8F, 0xF5, 0xFF,
        ]
        for round in 0..<20_000 {
            let bytes = g.bytes(g.below(24), from: round % 2 == 0 ? alphabet : nil)
            #expect(
                TextEncoding.isValidUTF8(bytes[...]) == (String(validating: bytes, as: UTF8.self) != nil), "\(bytes)")
        }
    }

    @Test("value parsers never crash on random text")
    func values() {
        var g = SeededGenerator(seed: 2)
        let alphabet = Array("0123456789 .,-+()/°'\"NEWSđĐtỷriệuđồngabc\u{0301}\u{0323}".unicodeScalars)
        for _ in 0..<3000 {
            let text = String(
                String.UnicodeScalarView(
                    (0..<g.below(24)).map { _ in alphabet[g.below(alphabet.count)] }))
            _ = try? TaxCode.parse(text)
            _ = try? PhoneNumber.parse(text)
            _ = try? EmailAddress.normalize(text)
            _ = VietnameseNumber.parse(text)
            _ = CellValue.money(text, scale: .million)
            _ = CellValue.taxCode(text)
            _ = CellValue.point(text)
            _ = CooperativeNormalizer.isoDate(text)
            _ = TimeWindow.minutes(text)
            _ = VietnameseText.sortKey(text)
            _ = VietnameseText.searchForms(text)
            _ = SearchQuery(text).tiers.map(\.expression)
        }
    }

    @Test("search never fails on random queries over the sample catalog")
    func search() throws {
        let catalog = try makeCatalog()
        let seeds = Fixtures.seeds
        _ = try catalog.addAll(seeds.sampleCatalog(), origin: origin)
        var g = SeededGenerator(seed: 3)
        let alphabet = Array("abcdđ ôơư\"*()-:^{}NEARANDORNOT'; ÁẠ".unicodeScalars)
        for _ in 0..<400 {
            let query = String(
                String.UnicodeScalarView(
                    (0..<g.below(16)).map { _ in alphabet[g.below(alphabet.count)] }))
            _ = try catalog.search(query)
        }
    }

    @Test("XLSX reading never crashes on malformed sheet XML inside a sound ZIP")
    func xlsxXML() throws {
        var g = SeededGenerator(seed: 5)
        let alphabet = Array("<>/=\"' abcrvst0123456789:&;#x\u{0}".utf8)
        for round in 0..<120 {
            let sheet =
                #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#
                + #"<row r="1"><c r="A1" t="inlineStr"><is><t>Tên HTX</t></is></c><c r="B1" t="s"><v>0</v></c></row>"#
                + #"<row r="2"><c r="A2" s="9"><v>44197</v></c></row></sheetData>"#
                + #"<mergeCells><mergeCell ref="A1:ZZZ9999"/></mergeCells></worksheet>"#
            var xml = Array(sheet.utf8)
            for _ in 0..<(1 + g.below(6)) {
                xml[g.below(xml.count)] = alphabet[g.below(alphabet.count)]
            }
            let archive = try ZIPFoundation.Archive(accessMode: .create)
            let parts = [
                (
                    "xl/workbook.xml",
                    Array(#"<workbook><sheets><sheet name="S" r:id="rId1"/></sheets></workbook>"#.utf8)
                ),
                (
                    "xl/_rels/workbook.xml.rels",
                    Array(
                        #"<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>"#.utf8
                    )
                ),
                ("xl/worksheets/sheet1.xml", xml),
            ]
            for (path, bytes) in parts {
                let data = Data(bytes)
                try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count)) { position, size in
                    data.subdata(in: Int(position)..<Int(position) + size)
                }
            }
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("htx-fuzz-xml-\(round).xlsx")
            try archive.data!.write(to: url)
            defer { try? FileManager.default.removeItem(at: url) }
            if var reader = try? XLSXReader(url: url, sheet: nil, file: "fuzz.xlsx") {
                var rows = 0
                while (try? reader.next()) != nil {
                    rows += 1
                    if rows > 100_000 { break }
                }
            }
        }
    }

    @Test("XLSX reading never crashes on damaged workbooks")
    func xlsx() throws {
        let good = try handMadeWorkbook()
        var g = SeededGenerator(seed: 4)
        for round in 0..<150 {
            var bytes = good
            if round % 5 == 0 {
                bytes = g.bytes(g.below(2000))
            } else {
                for _ in 0..<(1 + g.below(8)) {
                    bytes[g.below(bytes.count)] = UInt8(truncatingIfNeeded: g.next() >> 24)
                }
            }
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("htx-fuzz-\(round).xlsx")
            try Data(bytes).write(to: url)
            defer { try? FileManager.default.removeItem(at: url) }
            if var reader = try? XLSXReader(url: url, sheet: nil, file: "fuzz.xlsx") {
                var rows = 0
                while (try? reader.next()) != nil {
                    rows += 1
                    if rows > 100_000 { break }
                }
            }
        }
    }
}
