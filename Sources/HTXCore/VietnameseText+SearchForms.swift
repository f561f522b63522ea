import Foundation

#if canImport(Glibc)
    import Glibc
#endif

extension VietnameseText {
    /// Returns the accent-exact search form: lower case, vowel marks and đ kept, each word's tone moved to a digit at
    /// its end.
    ///
    /// Tone placement no longer matters: "Hòa" and "Hoà" both give `"hoa1"`; "Đông Anh" gives `"đông anh"`;
    /// "Hợp" gives `"hơp5"`. FTS5 with `remove_diacritics 0` indexes these words as they are.
    public static func exactForm(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var wordTone: UInt8 = 0
        var inWord = false
        func endWord() {
            if inWord, wordTone > 0 { out.append(Unicode.Scalar(UInt8(0x30) + wordTone)) }
            inWord = false
            wordTone = 0
        }
        for unit in TextUnits(text) {
            switch unit {
            case .letter(let info):
                if !inWord, !out.isEmpty { out.append(" ") }
                inWord = true
                out.append(info.base)
                if info.tone > 0 { wordTone = info.tone }
            case .digit(let d):
                if !inWord, !out.isEmpty { out.append(" ") }
                inWord = true
                out.append(Unicode.Scalar(UInt8(0x30) + d))
            case .otherLetter(let scalar):
                if !inWord, !out.isEmpty { out.append(" ") }
                inWord = true
                for lower in scalar.properties.lowercaseMapping.unicodeScalars { out.append(lower) }
            case .separator:
                endWord()
            }
        }
        endWord()
        return String(out)
    }

    /// Both search forms of a text in one scan: `fold(text)` and `exactForm(text)` (the index stores both).
    public static func searchForms(_ text: String) -> (folded: String, exact: String) {
        if let quick = quickForms(text, exact: true) { return quick }
        return scannedForms(text)
    }

    /// `searchForms` (or only its folded form, with `exact` false) read straight from the UTF-8 bytes, for text made
    /// of ASCII, precomposed Vietnamese letters and the punctuation of U+2010–U+2027; nil for anything else (other
    /// letters, combining marks, symbols), which `TextUnits` reads instead.
    static func quickForms(_ text: String, exact wantsExact: Bool) -> (folded: String, exact: String)? {
        var text = text
        return text.withUTF8 { utf8 -> (folded: String, exact: String)? in
            let count = utf8.count
            var output = FormBuffers(capacity: count, exact: wantsExact)
            defer { output.deallocate() }
            guard output.append(utf8, exact: wantsExact) else { return nil }
            return output.strings()
        }
    }

    /// Output buffers for `quickForms`: the folded form is never longer than its text; the exact form adds at most a
    /// tone digit per word, and a word with a tone takes at least two bytes.
    struct FormBuffers {
        let folded: UnsafeMutablePointer<UInt8>, exact: UnsafeMutablePointer<UInt8>
        var f = 0, e = 0

        init(capacity: Int, exact wantsExact: Bool) {
            folded = .allocate(capacity: capacity + 1)
            exact = .allocate(capacity: wantsExact ? capacity + capacity / 2 + 2 : 1)
        }

        func deallocate() {
            folded.deallocate()
            exact.deallocate()
        }

        func strings() -> (folded: String, exact: String) {
            (
                String(decoding: UnsafeBufferPointer(start: folded, count: f), as: UTF8.self),
                String(decoding: UnsafeBufferPointer(start: exact, count: e), as: UTF8.self)
            )
        }

        /// Appends the forms of `utf8` (a space first when something is there already); false, with the buffers in
        /// an unspecified state, for text the byte-level reading does not cover.
        mutating func append(_ utf8: UnsafeBufferPointer<UInt8>, exact wantsExact: Bool) -> Bool {
            let count = utf8.count
            var inWord = false
            var wordTone: UInt8 = 0
            var i = 0
            return VietnameseText.asciiForms.withUnsafeBufferPointer { ascii -> Bool in
                while i < count {
                    let byte = utf8[i]
                    if byte < 0x80 {
                        let lower = ascii[Int(byte)]
                        i += 1
                        if lower == 0 {
                            if inWord, wordTone > 0, wantsExact {
                                exact[e] = 0x30 + wordTone
                                e += 1
                            }
                            inWord = false
                            wordTone = 0
                            continue
                        }
                        if !inWord, f > 0 {
                            folded[f] = 0x20
                            f += 1
                            if wantsExact {
                                exact[e] = 0x20
                                e += 1
                            }
                        }
                        inWord = true
                        folded[f] = lower
                        f += 1
                        if wantsExact {
                            exact[e] = lower
                            e += 1
                        }
                        continue
                    }
                    let scalar: Int
                    if byte >= 0xC2 && byte <= 0xDF && i + 1 < count {
                        scalar = Int(byte & 0x1F) << 6 | Int(utf8[i + 1] & 0x3F)
                        i += 2
                    } else if byte >= 0xE1 && byte <= 0xEF && i + 2 < count {
                        scalar = Int(byte & 0x0F) << 12 | Int(utf8[i + 1] & 0x3F) << 6 | Int(utf8[i + 2] & 0x3F)
                        i += 3
                    } else {
                        return false
                    }
                    let letter: LetterInfo?
                    if scalar < LetterTable.limit {
                        letter = LetterTable.table[scalar]
                        guard letter != nil else { return false }
                    } else if (0x2010...0x2027).contains(scalar) {
                        letter = nil
                    } else {
                        return false
                    }
                    guard let info = letter else {
                        if inWord, wordTone > 0, wantsExact {
                            exact[e] = 0x30 + wordTone
                            e += 1
                        }
                        inWord = false
                        wordTone = 0
                        continue
                    }
                    // A combining mark after a letter changes it: the careful way handles that.
                    if i < count, utf8[i] == 0xCC || utf8[i] == 0xCD { return false }
                    if !inWord, f > 0 {
                        folded[f] = 0x20
                        f += 1
                        if wantsExact {
                            exact[e] = 0x20
                            e += 1
                        }
                    }
                    inWord = true
                    folded[f] = info.ascii
                    f += 1
                    if wantsExact {
                        exact[e] = info.utf8First
                        e += 1
                        if info.utf8Second != 0 {
                            exact[e] = info.utf8Second
                            e += 1
                        }
                    }
                    if info.tone > 0 { wordTone = info.tone }
                }
                if inWord, wordTone > 0, wantsExact {
                    exact[e] = 0x30 + wordTone
                    e += 1
                }
                return true
            }
        }

        /// Whether the exact form from `start` to the end stands, as whole words, in the exact form before `start - 1`
        /// (the space that joined it).
        func exactRepeats(from start: Int) -> Bool {
            guard start > 1, e > start else { return false }
            return VietnameseText.containsWords(
                UnsafeBufferPointer(start: exact, count: start - 1),
                UnsafeBufferPointer(start: exact + start, count: e - start))
        }
    }

    /// What an ASCII byte adds to both search forms: its lower-case letter or digit, 0 for a separator.
    static let asciiForms: [UInt8] = (0..<128).map { byte in
        switch byte {
        case 0x30...0x39, 0x61...0x7A: return UInt8(byte)
        case 0x41...0x5A: return UInt8(byte + 0x20)
        default: return 0
        }
    }

    /// `searchForms` by `TextUnits`, for any text.
    static func scannedForms(_ text: String) -> (folded: String, exact: String) {
        var folded: [UInt8] = []
        var exact: [UInt8] = []
        folded.reserveCapacity(text.utf8.count)
        exact.reserveCapacity(text.utf8.count + 8)
        var inWord = false
        var wordTone: UInt8 = 0
        var other = String.UnicodeScalarView()
        func flushOther() {
            guard !other.isEmpty else { return }
            folded.append(
                contentsOf: String(other).folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
                    .lowercased().utf8)
            other = String.UnicodeScalarView()
        }
        func endWord() {
            if inWord, wordTone > 0 { exact.append(0x30 + wordTone) }
            flushOther()
            inWord = false
            wordTone = 0
        }
        func startWord() {
            if !inWord, !exact.isEmpty {
                exact.append(0x20)
                folded.append(0x20)
            }
            inWord = true
        }
        for unit in TextUnits(text) {
            switch unit {
            case .letter(let info):
                startWord()
                flushOther()
                folded.append(info.ascii)
                exact.append(info.utf8First)
                if info.utf8Second != 0 { exact.append(info.utf8Second) }
                if info.tone > 0 { wordTone = info.tone }
            case .digit(let d):
                startWord()
                folded.append(0x30 + d)
                exact.append(0x30 + d)
            case .otherLetter(let scalar):
                startWord()
                other.append(scalar)
                exact.append(contentsOf: String(scalar.properties.lowercaseMapping).utf8)
            case .separator:
                endWord()
            }
        }
        endWord()
        return (String(decoding: folded, as: UTF8.self), String(decoding: exact, as: UTF8.self))
    }

    /// The search forms of several parts of one text, joined: a part whose words already stand, in order and with
    /// the same accents, in an earlier part adds nothing and is left out.
    ///
    /// A commune and a district are usually spelled out in the address, and the products in the achievements;
    /// every search that finds the record through the repeated part finds it through the first one, so the index
    /// holds each such run of words once.
    public static func searchForms(parts: [String]) -> (folded: String, exact: String) {
        let total = parts.reduce(0) { $0 + $1.utf8.count + 1 }
        var output = FormBuffers(capacity: total, exact: true)
        defer { output.deallocate() }
        for var part in parts {
            let (f, e) = (output.f, output.e)
            guard part.withUTF8({ output.append($0, exact: true) }) else { return scannedForms(parts: parts) }
            // Nothing added, or only what is there already: leave the part out.
            if output.e == e || (e > 0 && output.exactRepeats(from: e + 1)) { (output.f, output.e) = (f, e) }
        }
        return output.strings()
    }

    /// `searchForms(parts:)` part by part through `searchForms`, for any text.
    static func scannedForms(parts: [String]) -> (folded: String, exact: String) {
        var folded: [UInt8] = []
        var exact: [UInt8] = []
        for part in parts {
            let forms = searchForms(part)
            let repeats = exact.withUnsafeBufferPointer { earlier in
                Array(forms.exact.utf8).withUnsafeBufferPointer { containsWords(earlier, $0) }
            }
            guard !forms.exact.isEmpty, !repeats else { continue }
            if !exact.isEmpty {
                exact.append(0x20)
                folded.append(0x20)
            }
            exact.append(contentsOf: forms.exact.utf8)
            folded.append(contentsOf: forms.folded.utf8)
        }
        return (String(decoding: folded, as: UTF8.self), String(decoding: exact, as: UTF8.self))
    }

    /// Whether the space-separated words of `needle` occur, in order and as whole words, in the space-separated
    /// words of `haystack` (both as the search forms are written: single spaces, none at either end); with
    /// `lastAsPrefix`, the needle's last word may be the start of a longer word.
    public static func containsWords(
        _ haystack: UnsafeBufferPointer<UInt8>, _ needle: UnsafeBufferPointer<UInt8>, lastAsPrefix: Bool = false
    ) -> Bool {
        let length = needle.count
        guard length > 0, length <= haystack.count, let text = haystack.baseAddress, let words = needle.baseAddress
        else { return false }
        var word = 0
        while word + length <= haystack.count {
            if lastAsPrefix || word + length == haystack.count || text[word + length] == 0x20,
                memcmp(text + word, words, length) == 0
            {
                return true
            }
            while word < haystack.count, text[word] != 0x20 { word += 1 }
            word += 1
        }
        return false
    }

    /// Tells whether the text carries any Vietnamese mark (tone, vowel mark or đ), that is whether it differs from its
    /// fold beyond case.
    public static func hasMarks(_ text: String) -> Bool {
        for unit in TextUnits(text) {
            if case .letter(let info) = unit, info.tone > 0 || info.base.value >= 0x80 { return true }
        }
        return false
    }
}
