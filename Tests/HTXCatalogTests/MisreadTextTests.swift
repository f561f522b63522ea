import Foundation
import HTXCore
import HTXTestSupport
import Testing

@testable import HTXCatalog
@testable import HTXCore

/// Text mis-decoded on its way (UTF-8 read as a single-byte code page) and lines too long to quote (issue 17).
@Suite struct MisreadTextTests {
    @Test("the quick check lets through every mis-read text and stops sound Vietnamese before the read-back")
    func quickCheck() {
        for text in [
            "HTX Đông Hội – “Xanh” ưu tiên", "Hà Nội", "Xã Tân Lập, huyện Đan Phượng", "Thôn Đoài, xã Vân Hà",
            "Thủy sản Ứng Hoà", "Bưởi Diễn, Phú Diễn",
        ] {
            #expect(!Mojibake.mayHold(text), "\(text)")
            let misread = String(decoding: MisreadTextTests.doubleEncoded(text), as: UTF8.self)
            #expect(Mojibake.mayHold(misread), "\(misread)")
            // With the no-break space of "à" (C3 A0) cleaned to a space.
            let cleaned = misread.replacingOccurrences(of: "\u{A0}", with: " ")
            #expect(Mojibake.mayHold(cleaned), "\(cleaned)")
        }
    }

    @Test("a character's code-page byte is the tables' for every scalar, the range skipped without lookup included")
    func codePageBytes() {
        for value in UInt32(0)...0x2FFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let expected: UInt8? =
                value <= 0xFF ? UInt8(value) : (Mojibake.cp1252High[value] ?? Mojibake.cp1258Letters[value])
            #expect(Mojibake.byte(scalar) == expected, "U+\(String(value, radix: 16))")
        }
        #expect(Mojibake.byte("\u{1EC7}") == nil)  // ệ
        #expect(Mojibake.byte("\u{2122}") == 0x99)  // ™
        #expect(Mojibake.byte("\u{01B0}") == 0xFD)  // ư, Windows-1258
    }

    /// "Tên hợp tác xã,…" written as UTF-8, read as Windows-1252 and saved again as UTF-8 (double-encoded).
    static func doubleEncoded(_ text: String) -> [UInt8] {
        let cp1252: [UInt8: UInt32] = [
            0x80: 0x20AC, 0x82: 0x201A, 0x83: 0x0192, 0x84: 0x201E, 0x85: 0x2026, 0x86: 0x2020, 0x87: 0x2021,
            0x88: 0x02C6, 0x89: 0x2030, 0x8A: 0x0160, 0x8B: 0x2039, 0x8C: 0x0152, 0x8E: 0x017D, 0x91: 0x2018,
            0x92: 0x2019, 0x93: 0x201C, 0x94: 0x201D, 0x95: 0x2022, 0x96: 0x2013, 0x97: 0x2014, 0x98: 0x02DC,
            0x99: 0x2122, 0x9A: 0x0161, 0x9B: 0x203A, 0x9C: 0x0153, 0x9E: 0x017E, 0x9F: 0x0178,
        ]
        let misread = String(
            String.UnicodeScalarView(
                text.utf8.map { Unicode.Scalar(cp1252[$0] ?? UInt32($0)) ?? "?" }))
        return Array(misread.utf8)
    }

    @Test func repairReadsBackMisdecodedTextAndLeavesVietnameseAlone() throws {
        #expect(Mojibake.repair("TÃªn hợp tÃ¡c xÃ£") == "Tên hợp tác xã")
        let whole = String(decoding: MisreadTextTests.doubleEncoded("HTX Đông Hội – “Xanh” ưu tiên"), as: UTF8.self)
        #expect(Mojibake.repair(whole) == "HTX Đông Hội – “Xanh” ưu tiên")
        for name in try Fixtures.seeds.sampleCatalog().flatMap({ [$0.name, $0.address ?? "", $0.achievements ?? ""] }) {
            #expect(Mojibake.repair(name) == nil, "\(name) is not mis-read")
        }
        // "à" is C3 A0: mis-read it is "Ã" and a no-break space, which cleaning made a plain space.
        for text in ["Hoàng Mai, Hà Nội", "HTX Sản xuất và kinh doanh", "Đoàn Toàn Bài", "và nông"] {
            let misread = String(decoding: MisreadTextTests.doubleEncoded(text), as: UTF8.self)
            #expect(Mojibake.repair(VietnameseText.clean(misread)) == text)
        }
        for text in [
            "NGÃ BA ĐÔNG", "Ngã tư Sở – “Hà Nội”", "21°08'20\"N", "ĐƠN VỊ ƯU TÚ", "Ăn uống", "© 2021",
            "“HỢP TÁC XÃ”", "HTX “PHÚ”", "LÊ–VŨ", "XÃ “TIÊN PHONG”", "“TÀI XÃ”",
        ] {
            #expect(Mojibake.repair(text) == nil, "\(text)")
        }
    }

    @Test func aMisreadHeaderIsReadBackNamedAndItsCellsNeedConsent() throws {
        let catalog = try makeCatalog()
        let text = "Tên hợp tác xã,MST,Quận/huyện\nHTX Đông Hội,0100233488,Đông Anh\n"
        let path = try temporaryFile("moji.csv", MisreadTextTests.doubleEncoded(text))
        let report = try importFile(catalog, path, dryRun: true)
        let header = try #require(report.problems.first { $0.row == 1 })
        #expect(header.severity == .warning)
        #expect(header.message.vi.contains("\"Tên hợp tác xã | MST | Quận/huyện\""))
        #expect(header.message.vi.contains("--repair-text"))
        let cells = report.problems.filter { $0.severity == .error }
        #expect(Set(cells.compactMap(\.column)) == ["Tên hợp tác xã", "Quận/huyện"])
        #expect(cells.allSatisfy { $0.row == 2 })
        #expect(try importFile(catalog, path).committed == false && catalog.count() == 0)
        // With consent, each read-back cell is a warning and the record is as meant.
        var options = ImportOptions(origin: origin)
        options.repairText = true
        let repaired = try CatalogImporter(catalog: catalog).importFile(
            path, encoding: nil, sheet: nil, options: options)
        #expect(repaired.added == 1)
        let stored = try catalog.cooperative("0100233488")
        #expect(stored.name == "HTX Đông Hội" && stored.district == "Đông Anh")
    }

    @Test func aUTF8FileReadWithASingleByteCodePageIsToldToUseUTF8() throws {
        let catalog = try makeCatalog()
        let path = try temporaryFile("u8.csv", Array("Tên hợp tác xã,MST\nHTX Bát Tràng,0100233488\n".utf8))
        let report = try importFile(catalog, path, encoding: .windows1258, dryRun: true)
        #expect(report.problems.contains { $0.row == 1 && $0.message.vi.contains("--encoding utf-8") })
    }

    @Test func aLineOfThousandsOfCharactersIsQuotedShort() throws {
        let catalog = try makeCatalog()
        let path = try temporaryFile("d.csv", Array((String(repeating: "D", count: 5_000) + "\n").utf8))
        do {
            _ = try importFile(catalog, path, dryRun: true)
            Issue.record("a file without a header was read")
        } catch let error as UserError {
            #expect(error.message.vi.count < 260, "\(error.message.vi.count) characters")
            #expect(error.message.vi.contains("… (5000)"))
        }
        #expect(ImportProblem.excerpt(String(repeating: "x", count: 81)).count <= 90)
        #expect(ImportProblem.excerpt("ngắn") == "ngắn")
    }
}
