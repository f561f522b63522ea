import Foundation
import Testing

@testable import HTXCore

@Suite("Vietnamese text")
struct VietnameseTextTests {
    @Test("folding drops case, tones, vowel marks and đ")
    func folding() {
        #expect(VietnameseText.fold("Đông Anh") == "dong anh")
        #expect(VietnameseText.fold("ĐÔNG ANH") == "dong anh")
        #expect(VietnameseText.fold("Hợp tác xã") == "hop tac xa")
        #expect(VietnameseText.fold("Ứng Hòa") == VietnameseText.fold("Ứng Hoà"))
        #expect(VietnameseText.fold("Thủy") == VietnameseText.fold("Thuỷ"))
        #expect(VietnameseText.fold("  Bát Tràng,  Gia Lâm! ") == "bat trang gia lam")
        #expect(VietnameseText.fold("Quận/Huyện") == "quan huyen")
    }

    @Test("file names from cooperative names cannot leave their folder")
    func fileNames() {
        #expect(VietnameseText.fileName("Hợp tác xã Đông Hồ") == "hop-tac-xa-dong-ho")
        #expect(VietnameseText.fileName("../../etc/passwd") == "etc-passwd")
        #expect(VietnameseText.fileName("HTX A/B\u{0}\u{7}\n\\C") == "htx-a-b-c")
        #expect(VietnameseText.fileName(".hidden") == "hidden")
        #expect(VietnameseText.fileName("/// ..") == "htx")
        #expect(VietnameseText.fileName(String(repeating: "Đông ", count: 40)).count <= 80)
        for name in ["..", ".", "a/../../b", "\u{202E}gpj.exe", "con:aux", "x\u{0}y"] {
            let stem = VietnameseText.fileName(name)
            #expect(
                !stem.contains("/") && !stem.hasPrefix(".") && !stem.contains("\u{0}") && !stem.isEmpty,
                "\(name) → \(stem)")
        }
    }

    @Test("NFD input folds and sorts like NFC")
    func nfdInput() {
        let nfd = "Hợp tác xã Đông Anh".decomposedStringWithCanonicalMapping
        #expect(nfd.unicodeScalars.count > "Hợp tác xã Đông Anh".unicodeScalars.count)
        #expect(VietnameseText.fold(nfd) == "hop tac xa dong anh")
        #expect(VietnameseText.sortKey(nfd) == VietnameseText.sortKey("Hợp tác xã Đông Anh"))
        #expect(VietnameseText.exactForm(nfd) == VietnameseText.exactForm("Hợp tác xã Đông Anh"))
        #expect(VietnameseText.nfc(nfd) == "Hợp tác xã Đông Anh")
        #expect(VietnameseText.clean(" \u{00A0}Ba\t\tVì\n") == "Ba Vì")
    }

    @Test("the exact form keeps vowel marks and moves the tone to a digit")
    func exactForm() {
        #expect(VietnameseText.exactForm("Hợp") == "hơp5")
        #expect(VietnameseText.exactForm("Đông Anh") == "đông anh")
        #expect(VietnameseText.exactForm("Hòa") == "hoa1")
        #expect(VietnameseText.exactForm("hoà") == "hoa1")
        #expect(VietnameseText.exactForm("Thủy") == VietnameseText.exactForm("thuỷ"))
        #expect(VietnameseText.exactForm("Đồng") != VietnameseText.exactForm("Đông"))
        #expect(VietnameseText.hasMarks("Đông") && !VietnameseText.hasMarks("Dong Anh"))
    }

    @Test(
        "sorting follows the Vietnamese alphabet, then tones",
        arguments: [
            ("Ba Đình", "Ba Vì"), ("Cầu Giấy", "Chương Mỹ"), ("Dương Liễu", "Đan Phượng"), ("dz", "đa"),
            ("Ba", "Ba Vì"), ("an", "ăn"), ("ăn", "ân"), ("ân", "bao"), ("o", "ô"), ("ô", "ơ"), ("u", "ư"),
            ("ma", "mà"), ("mà", "mả"), ("mả", "mã"), ("mã", "má"), ("má", "mạ"), ("HTX 2", "HTX An"),
            ("e", "ê"), ("Hà Đông", "Hai Bà Trưng"),
        ])
    func sortOrder(pair: (String, String)) {
        #expect(VietnameseText.areInIncreasingOrder(pair.0, pair.1), "\(pair.0) < \(pair.1)")
        #expect(!VietnameseText.areInIncreasingOrder(pair.1, pair.0), "not \(pair.1) < \(pair.0)")
    }

    @Test("the two tone placements sort side by side, the tone on the later letter first (as ICU's vi does)")
    func tonePlacement() {
        #expect(VietnameseText.areInIncreasingOrder("Ứng Hoà", "Ứng Hòa"))
        #expect(VietnameseText.areInIncreasingOrder("Ứng Hòa", "Ứng Hoa A"))
        #expect(VietnameseText.areInIncreasingOrder("Ứng Hoa", "Ứng Hoà"))
    }

    @Test("sorting the 30 districts puts Đ after D and Ư after U")
    func districts() {
        let names = [
            "Đống Đa", "Ba Vì", "Ứng Hòa", "Chương Mỹ", "Cầu Giấy", "Ba Đình", "Đan Phượng", "Hoài Đức", "Hà Đông",
            "Mỹ Đức", "Mê Linh", "Thường Tín", "Thanh Trì",
        ]
        let sorted = names.sortedVietnamese { $0 }
        #expect(
            sorted == [
                "Ba Đình", "Ba Vì", "Cầu Giấy", "Chương Mỹ", "Đan Phượng", "Đống Đa", "Hà Đông", "Hoài Đức", "Mê Linh",
                "Mỹ Đức", "Thanh Trì", "Thường Tín", "Ứng Hòa",
            ])
    }

    @Test(
        "numbers are read the Vietnamese way",
        arguments: [
            ("1.234.567", 1_234_567.0), ("12,5", 12.5), ("1,234.5", 1234.5), ("1.234,5", 1234.5), ("42", 42.0),
            ("-3,5", -3.5), ("1 234", 1234.0), ("0.5", 0.5),
        ])
    func numbers(pair: (String, Double)) {
        #expect(VietnameseNumber.parse(pair.0) == pair.1)
    }

    @Test("non-numbers are refused", arguments: ["", "abc", "1.2.3,4,5", "12a", "--1"])
    func notNumbers(text: String) {
        #expect(VietnameseNumber.parse(text) == nil)
    }
}

@Suite("One-pass forms")
struct OnePassFormTests {
    @Test(
        "searchForms equals fold and exactForm",
        arguments: [
            "Hợp tác xã Đông Anh", "HTX 3 Miền – Ứng Hoà!", "  Bát Tràng,  Gia Lâm ", "Café Ñoño 2021", "Привет мир",
            "", "a1b2", "ĐẶNG XÁ",
            "Hợp tác xã Đông Anh".decomposedStringWithCanonicalMapping, "x—y", "日本 語",
        ])
    func agrees(text: String) {
        let forms = VietnameseText.searchForms(text)
        #expect(forms.folded == VietnameseText.fold(text))
        #expect(forms.exact == VietnameseText.exactForm(text))
    }

    @Test("a part already spelled out in an earlier part is indexed once; a look-alike is not a repeat")
    func partsOnce() {
        let forms = VietnameseText.searchForms(parts: [
            "Thôn Văn, xã Hồng Dương, Quận Ba Đình", "xã Hồng Dương", "Ba Đình", "Ba Dinh", "Hồng", "ông", "Dương Nội",
        ])
        #expect(forms.exact == "thôn văn xa3 hông1 dương quân5 ba đinh1 ba dinh ông dương nôi5")
        #expect(forms.folded == "thon van xa hong duong quan ba dinh ba dinh ong duong noi")
        #expect(VietnameseText.searchForms(parts: ["", "Gốm", "gốm"]) == VietnameseText.searchForms("Gốm"))
    }
}

/// The byte-level fast paths (`isCleanNFCQuick`, `quickForms`) against the scalar-by-scalar ways they stand in for,
/// on random text built from what district files hold and from what must send the fast path away.
@Suite("Fast text paths")
struct FastTextPathTests {
    static let pieces: [String] = [
        "a", "Z", "0", "9", " ", " ", "  ", "\t", "\n", ",", ";", "-", "(", "'", "\"", "ă", "â", "đ", "Đ", "ê", "ô",
        "ơ", "ư", "Ư",
        "à", "ả", "ã", "á", "ạ", "ằ", "ẩ", "ễ", "ố", "ợ", "ữ", "ỳ", "Ỷ", "Ấ", "ệ", "Hợp tác xã", "Đông Anh", "Ứng Hoà",
        "thủy",
        "\u{0301}", "\u{0323}", "\u{0302}", "\u{031B}", "\u{00A0}", "\u{0085}", "\u{1680}", "\u{2003}", "\u{2028}",
        "\u{3000}", "\u{FEFF}",
        "–", "—", "“", "”", "…", "°", "©", "ª", "²", "ñ", "ß", "Ω", "Ж", "日", "🙂", "\u{1E00}", "\u{1EFF}", "\u{1DC0}",
        "\u{20D0}", "e\u{0301}",
    ]

    static func samples() -> [String] {
        var state: UInt64 = 7
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33)
        }
        return (0..<4000).map { _ in (0..<(next() % 14)).map { _ in pieces[next() % pieces.count] }.joined() }
    }

    @Test("clean's quick test never passes text the careful way would change")
    func cleanAgrees() {
        for text in FastTextPathTests.samples() {
            #expect(
                VietnameseText.clean(text) == VietnameseText.cleanScanned(text),
                "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
            if VietnameseText.isCleanNFCQuick(text) { #expect(VietnameseText.cleanScanned(text) == text) }
        }
    }

    @Test("the byte-level search forms equal the scanned ones whenever they answer")
    func formsAgree() {
        var answered = 0
        for text in FastTextPathTests.samples() {
            let scanned = VietnameseText.scannedForms(text)
            if let quick = VietnameseText.quickForms(text, exact: true) {
                answered += 1
                #expect(quick == scanned, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
            }
            #expect(VietnameseText.fold(text) == VietnameseText.foldScanned(text))
            #expect(VietnameseText.searchForms(text) == scanned)
        }
        #expect(answered > 500, "the fast path answers for ordinary text")
    }

    @Test("parts joined in one buffer, repeats left out, equal parts joined one by one")
    func partsAgree() {
        let samples = FastTextPathTests.samples()
        let words = [
            "xã Hồng Dương", "Ba Đình", "Hồng", "Dương", "gạo", "Thôn Văn, xã Hồng Dương", "Ba Đình Hà Nội", "–", "",
        ]
        for (index, text) in samples.enumerated() {
            let parts = [
                text, words[index % words.count], samples[(index * 7) % samples.count],
                words[(index / 3) % words.count], text,
            ]
            #expect(VietnameseText.searchForms(parts: parts) == VietnameseText.scannedForms(parts: parts), "\(parts)")
        }
    }
}

/// `SearchQuery.TierCheck` (bytes, as the catalog reads them from SQLite) against `Tier.matches` (split words),
/// for every tier of random queries over random indexed forms.
@Suite("Search tier checks")
struct TierCheckTests {
    @Test("the byte-level check decides every tier as the word-level one does")
    func agrees() {
        let vocabulary = [
            "dong", "đông", "anh", "an", "anh1", "toan", "toan1", "rau", "ha", "nôi5", "a", "ab", "abc", "b",
        ]
        var state: UInt64 = 3
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33) % bound
        }
        func words(_ count: Int) -> String {
            (0..<count).map { _ in vocabulary[next(vocabulary.count)] }.joined(separator: " ")
        }
        var decided = 0
        for _ in 0..<1500 {
            let query = SearchQuery(words(1 + next(3)) + (next(2) == 0 ? " Đông" : ""))
            let names = words(next(5))
            let text = words(next(12))
            for tier in query.tiers {
                let expected = tier.matches(
                    names: names.split(separator: " "), text: tier.scope == .names ? [] : text.split(separator: " "))
                let got = Array(names.utf8).withUnsafeBufferPointer { n in
                    Array(text.utf8).withUnsafeBufferPointer { t in
                        SearchQuery.TierCheck(tier).matches(names: n, text: t)
                    }
                }
                #expect(
                    got == expected,
                    "\(tier.words) \(tier.kind) \(tier.scope) prefix \(tier.prefixLast) in [\(names)] [\(text)]")
                if expected { decided += 1 }
            }
        }
        #expect(decided > 200, "enough matches to tell: \(decided)")
    }
}

@Suite("Bytes of a string")
struct StringBytesTests {
    @Test("a byte test over a string's storage answers as over its byte view, short and long, and where it matters")
    func containsByte() {
        let texts = [
            "", "a", "Hà Nội", "HTX \"Sao Đỏ\"", String(repeating: "Hợp tác xã Nông nghiệp ", count: 20),
            String(repeating: "x", count: 300) + "\\", "tab\there", "\u{202E}đảo",
            String(repeating: "y", count: 15) + "\n",
        ]
        let tests: [(UInt8) -> Bool] = [
            { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0xE2 }, { $0 == 0xC3 || $0 == 0xC4 || $0 == 0xC6 },
            { $0 == 0xFF },
        ]
        var found = 0
        for text in texts {
            for test in tests {
                #expect(text.containsByte(where: test) == text.utf8.contains(where: test), "\(text)")
                found += text.containsByte(where: test) ? 1 : 0
            }
        }
        #expect(found == 9)
        // What the JSON writer escapes: a quote at the end of a long text is found.
        var out = ""
        JSONText.writeString(String(repeating: "ả", count: 100) + "\"", into: &out)
        #expect(out.hasSuffix("\\\"\""))
    }
}
