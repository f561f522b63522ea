import Foundation
import Testing

@testable import HTXCore

/// ICU's sort keys of `names` for `vi_VN`, from PyICU over the system's ICU (Debian's python3-icu), or nil when that
/// is not installed. (Foundation's own `compare(_:locale:)` on Linux is not the reference: it holds "Hoàng" equal to
/// "Hồng".)
func icuSortKeys(_ names: [String]) throws -> [String]? {
    let python = "/usr/bin/python3"
    let script = """
        import sys
        import icu
        c = icu.Collator.createInstance(icu.Locale("vi_VN"))
        for line in sys.stdin.read().split("\\n"):
            print(c.getSortKey(line).hex())
        """
    guard FileManager.default.isExecutableFile(atPath: python) else { return nil }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: python)
    process.arguments = ["-c", script]
    let input = Pipe()
    let output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    input.fileHandleForWriting.write(Data(names.joined(separator: "\n").utf8))
    try input.fileHandleForWriting.close()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { return nil }
    let keys = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    return keys.count == names.count ? keys : nil
}

/// Whether PyICU answers (the collation test needs it; `make test-tools` installs python3-icu).
let pyICUAnswers: Bool = (try? icuSortKeys(["a"])) != nil

/// `VietnameseText.sortKey` against ICU's collator for `vi_VN` (CLDR root + the Vietnamese tailoring, punctuation
/// non-ignorable), on the sample's names and 1,500 generated ones with commas, dashes, brackets, quotes,
/// digits and both tone placements.
@Suite("Collation is ICU's vi")
struct CollationTests {
    /// The names compared: the sample's, the pair, and generated ones.
    static func names() throws -> [String] {
        struct Sample: Decodable { var cooperatives: [Cooperative] }
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Seeds/sample-catalog.json")
        let sample = try JSONDecoder().decode(Sample.self, from: Data(contentsOf: file))
        var names = sample.cooperatives.flatMap { [$0.name] + $0.otherNames }
        names += [
            "HTX Sản xuất, kinh doanh, dịch vụ nông nghiệp", "HTX Sản xuất và kinh doanh dịch vụ",
            "HTX Sản xuất kinh doanh", "HTX Sản xuất-kinh doanh", "HTX Sản xuất – kinh doanh",
            "HTX (Đông Anh)", "HTX [Gia Lâm]", "HTX \"Xanh\"", "HTX “Xanh”", "HTX 'Xanh'", "HTX Xanh.", "HTX Xanh",
            "HTX Xanh 2", "HTX Xanh 10", "HTX Xanh/Sạch", "HTX Xanh & Sạch", "HTX Xanh + Sạch", "HTX Xanh: Sạch",
            "HTX Xanh; Sạch", "HTX Xanh_Sạch", "HTX Xanh!", "HTX Xanh?", "Hoà", "Hòa", "Hoa", "hoa", "HOA", "Thuỵ",
            "Thụy", "Ứng Hoà", "Ứng Hòa", "Đa", "Dz", "da", "Đà", "dă", "dâ",
        ]
        var generator = SeededGenerator(seed: 2025)
        let words = [
            "Sản xuất", "kinh doanh", "dịch vụ", "nông nghiệp", "Đông Anh", "Gia Lâm", "thủy sản", "Thuỷ sản",
            "Hoà Bình", "Hòa Bình", "Bát Tràng", "gốm sứ", "Ứng Hòa", "mây tre đan", "chè", "Chè", "cá", "Ca",
            "rau an toàn", "Rau", "ĐÔNG", "dong", "số 1", "số 10", "số 2", "Ba Vì", "Bà", "ba", "bả", "bã", "bá",
            "bạ", "Ân", "ăn", "an", "ơn", "ôn", "on", "ưa", "ua", "thôn Đoài",
        ]
        let joins = [
            " ", " ", " ", ", ", " - ", "-", " – ", " — ", " (", ") ", " [", "] ", " \"", "\" ", " “", "” ", ". ",
            "; ", ": ", "/", " & ", " + ", "'", " 2 ", " 10 ",
        ]
        let prefixes = ["HTX ", "Hợp tác xã ", "HTX ", "Quỹ tín dụng nhân dân ", "Tổ hợp tác ", "", "(", "\"", "1 "]
        while names.count < 1_600 {
            var name = prefixes[generator.below(prefixes.count)]
            for index in 0..<(1 + generator.below(4)) {
                if index > 0 { name += joins[generator.below(joins.count)] }
                name += words[generator.below(words.count)]
            }
            names.append(VietnameseText.nfc(name))
        }
        return names
    }

    @Test("sorting by the key orders 1,600 names exactly as ICU's vi collator", .enabled(if: pyICUAnswers))
    func matchesICU() throws {
        let names = try CollationTests.names()
        #expect(names.count >= 1_000)
        let icu = try #require(try icuSortKeys(names))
        // The two orders are the same: ICU's order sorted by our key stays put, and ties are the same ties.
        let pairs = zip(names, icu).sorted { $0.1 < $1.1 }
        var disagreements: [String] = []
        for (a, b) in zip(pairs, pairs.dropFirst()) {
            let (ours, theirs) = (VietnameseText.sortKey(a.0), VietnameseText.sortKey(b.0))
            let agrees = a.1 == b.1 ? ours == theirs : ours.lexicographicallyPrecedes(theirs)
            if !agrees { disagreements.append("\(a.0) | \(b.0)") }
        }
        #expect(disagreements.isEmpty, "\(disagreements.count): \(disagreements.prefix(10).joined(separator: "; "))")
    }

    @Test("a space comes before a comma or a dash, as CLDR puts it (the issue's two names)")
    func spaceBeforeComma() {
        #expect(
            VietnameseText.areInIncreasingOrder(
                "HTX Sản xuất và kinh doanh dịch vụ", "HTX Sản xuất, kinh doanh, dịch vụ nông nghiệp"))
        #expect(VietnameseText.areInIncreasingOrder("HTX Sản xuất kinh", "HTX Sản xuất-kinh"))
        #expect(VietnameseText.areInIncreasingOrder("HTX Sản xuất-kinh", "HTX Sản xuất, kinh"))
        #expect(VietnameseText.areInIncreasingOrder("(A)", "A"), "punctuation is not ignored")
    }
}
