import Foundation
import HTXCore
import HTXTestSupport
import Testing

@testable import HTXCatalog

/// A file read as a stream of chunks reads exactly as the whole file read at once: records, row numbers, errors.
@Suite("Streaming import")
struct StreamingImportTests {
    /// Every record of `bytes` read whole, or the error that stopped the reader.
    static func whole(_ utf8: [UInt8]) -> [String] {
        var reader = CSVReader(utf8: utf8, delimiter: 0x2C, file: "t.csv")
        return drain(&reader)
    }

    static func drain(_ reader: inout CSVReader) -> [String] {
        var out: [String] = []
        do {
            while let (row, cells) = try reader.next() { out.append("\(row): \(cells)") }
        } catch {
            out.append("error: \(error.message.en)")
        }
        return out
    }

    /// The records of the file at `path` read through a stream of `chunk`-byte reads.
    static func streamed(_ path: String, encoding: TextEncoding, chunk: Int, preload: Int) -> [String] {
        do {
            let stream = try TextStream(path: path, name: "t.csv", encoding: encoding, skip: 0, chunkBytes: chunk)
            var reader = try CSVReader(stream: stream, delimiter: 0x2C, file: "t.csv", preload: preload)
            return drain(&reader)
        } catch {
            return ["error: \(error.message.en)"]
        }
    }

    @Test("random CSV read in chunks of 1 to 9 bytes gives the records and errors of the whole text")
    func chunksAgree() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("t.csv")
        var g = SeededGenerator(seed: 18)
        // Whole characters, one to four bytes each: a chunk edge falls inside many of them.
        let alphabet = Array(",\"\n\r ab\"\",\r\nĐôngHồệ𝔸").map { Array(String($0).utf8) }
        for round in 0..<400 {
            let bytes = (0..<g.below(120)).flatMap { _ in alphabet[g.below(alphabet.count)] }
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            let expected = StreamingImportTests.whole(bytes)
            let chunk = 1 + round % 9
            #expect(
                StreamingImportTests.streamed(path, encoding: .utf8, chunk: chunk, preload: 1 + round % 5) == expected,
                "\(String(decoding: bytes, as: UTF8.self).debugDescription), chunks of \(chunk)")
        }
    }

    @Test("UTF-16 and Windows-1258 streams cut no character and decode as the whole file does")
    func encodingsAgree() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("t.csv")
        let text = "Tên HTX,Quận\r\n\"Hợp tác xã Đông Hồ, \"\"gốm\"\"\",Thuận Thành 𝔸\nHTX Ứng Hoà,Mỹ Đức\n"
        var utf16: [UInt8] = []
        for unit in text.utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        try Data(utf16).write(to: URL(fileURLWithPath: path))
        let expected = StreamingImportTests.whole(Array(text.utf8))
        for chunk in 1...7 {
            #expect(StreamingImportTests.streamed(path, encoding: .utf16le, chunk: chunk, preload: 3) == expected)
        }
        // Windows-1258 writes tones as combining marks; the cells come out NFC either way.
        let plain = "Tên HTX,Quận\nHTX Đông,Hà Đông\n"
        let cp1258 = singleByte(plain, table: TextEncoding.windows1258High)
        try Data(cp1258).write(to: URL(fileURLWithPath: path))
        let decoded = try TextEncoding.decode(cp1258, as: .windows1258, file: "t.csv")
        for chunk in 1...5 {
            #expect(
                StreamingImportTests.streamed(path, encoding: .windows1258, chunk: chunk, preload: 2)
                    == StreamingImportTests.whole(decoded.utf8))
        }
    }

    @Test("the survey finds the encoding decode() finds, and refuses damaged UTF-8 with its row")
    func survey() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("t.csv")
        let cases: [[UInt8]] = [
            Array("Tên HTX\nĐông Hồ\n".utf8),
            [0xEF, 0xBB, 0xBF] + Array("Tên HTX\n".utf8),
            [0xFF, 0xFE] + Array("T\0e\0n\0\n\0".utf8),
            singleByte(
                "Tên HTX,Quận\nHTX Đông Hồ,Hà Đông\nHợp tác xã Ứng Hoà,Mỹ Đức\n", table: TextEncoding.windows1258High),
        ]
        for bytes in cases {
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            let survey = try TextSurvey(path: path, name: "t.csv", given: nil)
            let decoded = try TextEncoding.decode(bytes, file: "t.csv")
            #expect(survey.encoding == decoded.encoding)
            #expect(survey.detected)
        }
        // UTF-8 but for one stray Latin-1 byte on row 3.
        var damaged = Array("Tên HTX\nHTX Đông Hồ\nHTX Ph".utf8) + [0xE9] + Array("\nHTX Ứng Hoà\n".utf8)
        try Data(damaged).write(to: URL(fileURLWithPath: path))
        #expect(throws: ImportError.almostUTF8(file: "t.csv", invalid: 1, row: 3)) {
            try TextSurvey(path: path, name: "t.csv", given: nil)
        }
        // Said to be UTF-8 and it is not: refused before anything is read.
        damaged = [0xEF, 0xBB, 0xBF] + damaged
        try Data(damaged).write(to: URL(fileURLWithPath: path))
        #expect(throws: ImportError.invalidUTF8(file: "t.csv")) {
            try TextSurvey(path: path, name: "t.csv", given: nil)
        }
    }

    @Test("a file of several chunks imports whole: every row, a multi-line cell across a chunk edge, the last row")
    func largeFile() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("big.csv")
        var text = "Tên HTX,Quận/huyện,Địa chỉ,Mã số thuế\r\n"
        let rows = 9_000
        for index in 0..<rows {
            let road = String(repeating: "đường làng nghề gốm sứ truyền thống ", count: 8)
            let address = index % 7 == 0 ? "\"Thôn \(index),\r\nxã Đông Hồ\"" : "Thôn \(index) \(road)"
            text += "HTX Nông nghiệp Đông Hồ \(index),Gia Lâm,\(address),\(taxCode(index))\r\n"
        }
        text += "HTX cuối cùng,Gia Lâm,Thôn cuối,BAD"
        #expect(text.utf8.count > 2 * TextStream.chunkBytes)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let catalog = try makeCatalog()
        let report = try importFile(catalog, path, dryRun: true)
        #expect(report.rows == rows + 1)
        // The bad tax code of the last line is found on its row (a spreadsheet's: a quoted cell with a line break
        // is one row): the records were counted across every chunk edge.
        #expect(report.errors.map(\.row) == [rows + 2])
        #expect(report.errors.first?.column == "Mã số thuế")
    }

    /// A valid tax code for `index`, one per index.
    func taxCode(_ index: Int) -> String {
        var n = 1_000_000 + index * 7
        while true {
            let digits = ("01" + String(n).suffix(7)).compactMap(\.wholeNumberValue)
            if let check = TaxCode.expectedCheckDigit(digits) {
                return digits.map(String.init).joined() + String(check)
            }
            n += 1
        }
    }
}
