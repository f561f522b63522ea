import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Vietnamese text rules in one place: NFC normalisation, search folding, exact-accent forms and sort keys.
///
/// Letters are read from a scalar table built once from the Vietnamese alphabet, so text in NFC
/// or NFD (tones as combining marks, as Windows-1258 files carry them) gives the same results.
public enum VietnameseText {
    /// Returns the string in Unicode NFC, the form every stored string takes.
    public static func nfc(_ text: String) -> String {
        if isNFCQuick(text) { return text }
        return text.precomposedStringWithCanonicalMapping
    }

    /// A fast sufficient test for NFC: no combining mark, and every scalar either below U+0300 or a precomposed
    /// letter of Latin Extended Additional (U+1E00–U+1EFF), which is how NFC Vietnamese text is spelled.
    static func isNFCQuick(_ text: String) -> Bool {
        for byte in text.utf8 where byte >= 0x80 {
            return text.unicodeScalars.allSatisfy { $0.value < 0x0300 || (0x1E00...0x1EFF).contains($0.value) }
        }
        return true
    }

    /// White space as `clean` collapses it, tested without Unicode property tables for the common scalars. The
    /// zero-width space (U+200B) and word joiner (U+2060), which text copied from web pages carries, count as
    /// white space: a name of only such characters is empty.
    @inline(__always)
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x80 { return v == 0x20 || (0x09...0x0D).contains(v) }
        switch v {
        case 0x85, 0xA0, 0x1680, 0x2000...0x200B, 0x2028, 0x2029, 0x202F, 0x205F, 0x2060, 0x3000, 0xFEFF: return true
        default: return false
        }
    }

    /// The first invisible control character in `text`: C0 and C1 controls (after `clean`, tabs and line breaks
    /// are spaces already) and the bidirectional marks, embeddings, overrides and isolates (U+061C, U+200E–U+200F,
    /// U+202A–U+202E, U+2066–U+2069). Nil for ordinary text, found with one pass over the bytes.
    public static func invisibleControl(in text: String) -> Unicode.Scalar? {
        // Every such scalar is below 0x20, 0x7F, or starts with the byte 0xC2 (C1), 0xD8 (U+061C) or 0xE2 (U+2xxx).
        let suspicious = text.utf8.contains { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 || $0 == 0xD8 || $0 == 0xE2 }
        guard suspicious else { return nil }
        return text.unicodeScalars.first { scalar in
            switch scalar.value {
            case 0x00...0x1F, 0x7F...0x9F, 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
            default: return false
            }
        }
    }

    /// Returns the string in NFC with surrounding white space trimmed and inner runs of white space collapsed to one space.
    public static func clean(_ text: String) -> String {
        isCleanNFCQuick(text) ? text : cleanScanned(text)
    }

    /// `clean` scalar by scalar, for any text.
    static func cleanScanned(_ text: String) -> String {
        let normalized = nfc(text)
        if isClean(normalized) { return normalized }
        var out = ""
        out.reserveCapacity(normalized.utf8.count)
        var pendingSpace = false
        for scalar in normalized.unicodeScalars {
            if isSpace(scalar) {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace {
                out.unicodeScalars.append(" ")
                pendingSpace = false
            }
            out.unicodeScalars.append(scalar)
        }
        return out
    }

    /// A one-pass byte test for the common case `clean` returns untouched: NFC by `isNFCQuick`'s rule, and no
    /// white space but single inner spaces. False means "look closer", not "unclean".
    ///
    /// Vietnamese letters are two-byte scalars below U+0300 or three-byte scalars of U+1E00–U+1EFF (lead byte 0xE1,
    /// second byte 0xB8–0xBB); any other non-ASCII lead byte, or a white-space byte, sends the text the slow way.
    static func isCleanNFCQuick(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { utf8 in
            cleanByteClass.withUnsafeBufferPointer { classes in
                var previousSpace = true
                var i = 0
                let count = utf8.count
                while i < count {
                    let byte = utf8[i]
                    switch classes[Int(byte)] {
                    case 0:
                        i += 1
                        previousSpace = false
                    case 1:
                        if previousSpace { return false }
                        previousSpace = true
                        i += 1
                    case 2:
                        i += 2
                        previousSpace = false
                    case 3:
                        guard i + 1 < count, utf8[i + 1] >= 0xB8 && utf8[i + 1] <= 0xBB else { return false }
                        i += 3
                        previousSpace = false
                    default:
                        return false
                    }
                }
                return !previousSpace || count == 0
            }
        }
    }

    /// `isCleanNFCQuick`'s byte classes: 0 plain ASCII, 1 space, 2 lead byte of U+00C0–U+02FF (0xC3–0xCB; 0xC2,
    /// which leads U+0085 and U+00A0, is left to the slow way), 3 lead byte 0xE1, 4 anything that needs a closer look.
    static let cleanByteClass: [UInt8] = (0..<256).map { byte in
        switch byte {
        case 0x20: return 1
        case 0x21...0x7E: return 0
        case 0xC3...0xCB: return 2
        case 0xE1: return 3
        default: return 4
        }
    }

    /// Whether text has no white space but single inner spaces: the common case `clean` returns untouched.
    static func isClean(_ text: String) -> Bool {
        var previousSpace = true
        for scalar in text.unicodeScalars {
            if scalar == " " {
                if previousSpace { return false }
                previousSpace = true
            } else if isSpace(scalar) {
                return false
            } else {
                previousSpace = false
            }
        }
        return !previousSpace || text.isEmpty
    }

    /// Folds case, tones, vowel marks and đ/Đ → d, and turns every run of non-word characters into one space.
    ///
    /// `fold("Hợp tác xã Đông Anh")` is `"hop tac xa dong anh"`; "hòa" and "hoà" both fold to `"hoa"`.
    public static func fold(_ text: String) -> String {
        quickForms(text, exact: false)?.folded ?? foldScanned(text)
    }

    /// `fold` by `TextUnits`, for any text.
    static func foldScanned(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var other = String.UnicodeScalarView()
        var needSpace = false
        func flushOther() {
            guard !other.isEmpty else { return }
            let folded = String(other).folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
                .lowercased()
            bytes.append(contentsOf: folded.utf8)
            other = String.UnicodeScalarView()
        }
        for unit in TextUnits(text) {
            switch unit {
            case .letter(let info):
                flushOther()
                if needSpace {
                    bytes.append(0x20)
                    needSpace = false
                }
                bytes.append(info.ascii)
            case .digit(let d):
                flushOther()
                if needSpace {
                    bytes.append(0x20)
                    needSpace = false
                }
                bytes.append(0x30 + d)
            case .otherLetter(let scalar):
                if needSpace {
                    flushOther()
                    bytes.append(0x20)
                    needSpace = false
                }
                other.append(scalar)
            case .separator:
                flushOther()
                needSpace = !bytes.isEmpty
            }
        }
        flushOther()
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A safe file-name stem from any text: folded, words joined by "-", at most 80 characters, never empty.
    ///
    /// Folding turns every non-word character ("/", ".", control characters) into a separator, so the stem can
    /// never name a parent folder, a subfolder or a hidden file: `fileName("../HTX Đông/Hồ")` is `"htx-dong-ho"`.
    public static func fileName(_ text: String) -> String {
        var stem = String(fold(text).replacingOccurrences(of: " ", with: "-").prefix(80))
        while stem.hasSuffix("-") { stem.removeLast() }
        return stem.isEmpty ? "htx" : stem
    }

    /// Splits text into its folded words: `words("Đông Anh, Hà Nội")` is `["dong", "anh", "ha", "noi"]`.
    public static func foldedWords(_ text: String) -> [String] {
        fold(text).split(separator: " ").map(String.init)
    }

    /// Returns the accent-exact search form: lower case, vowel marks and đ kept, each word's tone moved to a digit at its end.
    ///
    /// Tone placement no longer matters: "Hòa" and "Hoà" both give `"hoa1"`; "Đông Anh" gives `"đông anh"`;
    /// "Hợp" gives `"hơp5"`. FTS5 with `remove_diacritics 0` indexes these words as they are.
    public static func exactForm(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var wordTone: UInt8 = 0
        var inWord = false
        func endWord() {
            if inWord, wordTone > 0 { out.append(Unicode.Scalar(0x30 + UInt32(wordTone))!) }
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
                out.append(Unicode.Scalar(0x30 + UInt32(d))!)
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

    /// Tells whether the text carries any Vietnamese mark (tone, vowel mark or đ), that is whether it differs from its fold beyond case.
    public static func hasMarks(_ text: String) -> Bool {
        for unit in TextUnits(text) {
            if case .letter(let info) = unit, info.tone > 0 || info.base.value >= 0x80 { return true }
        }
        return false
    }

    /// Returns a byte string whose order is Vietnamese alphabetical order (CLDR vi).
    ///
    /// Letters compare first (a ă â b c d đ e ê … with digits before letters and word breaks before
    /// both), then each word's tone (ngang < huyền < hỏi < ngã < sắc < nặng), then case (lower first).
    public static func sortKey(_ text: String) -> [UInt8] {
        var primary: [UInt8] = []
        var secondary: [UInt8] = []
        var tertiary: [UInt8] = []
        primary.reserveCapacity(text.utf8.count + 2)
        var inWord = false
        var wordTone: UInt8 = 0
        var pendingBreak = false
        func startWordIfNeeded() {
            if pendingBreak {
                primary.append(0x01)
                pendingBreak = false
            }
            inWord = true
        }
        func endWord() {
            if inWord { secondary.append(0x01 + wordTone) }
            inWord = false
            wordTone = 0
        }
        for unit in TextUnits(text) {
            switch unit {
            case .letter(let info):
                startWordIfNeeded()
                primary.append(0x10 + info.rank)
                tertiary.append(info.upper ? 0x02 : 0x01)
                if info.tone > 0 { wordTone = info.tone }
            case .digit(let d):
                startWordIfNeeded()
                primary.append(0x05 + d)
            case .otherLetter(let scalar):
                startWordIfNeeded()
                let lower = scalar.properties.lowercaseMapping.unicodeScalars.first ?? scalar
                let v = lower.value
                primary.append(contentsOf: [
                    0x40, UInt8((v >> 16) & 0xFF) | 0x80, UInt8((v >> 8) & 0xFF) | 0x01, UInt8(v & 0xFF) | 0x01,
                ])
                tertiary.append(lower == scalar ? 0x01 : 0x02)
            case .separator:
                endWord()
                pendingBreak = !primary.isEmpty
            }
        }
        endWord()
        return primary + [0x00] + secondary + [0x00] + tertiary
    }

    /// Compares two strings in Vietnamese order.
    public static func areInIncreasingOrder(_ a: String, _ b: String) -> Bool {
        sortKey(a).lexicographicallyPrecedes(sortKey(b))
    }
}

extension Sequence {
    /// Sorts the elements in Vietnamese order of the given text, computing each sort key once.
    public func sortedVietnamese(by text: (Element) -> String) -> [Element] {
        map { (key: VietnameseText.sortKey(text($0)), value: $0) }
            .sorted { $0.key.lexicographicallyPrecedes($1.key) }
            .map(\.value)
    }
}

/// What the text scanner knows about one Vietnamese letter.
struct LetterInfo: Sendable {
    /// Position in the Vietnamese alphabet, 1-based (a = 1, ă = 2, â = 3, b = 4 …).
    var rank: UInt8
    /// 0 ngang, 1 huyền, 2 hỏi, 3 ngã, 4 sắc, 5 nặng.
    var tone: UInt8
    var upper: Bool
    /// The lower-case letter without tone (ă, đ, ơ …).
    var base: Unicode.Scalar
    /// The ASCII letter it folds to.
    var ascii: UInt8
    /// `base` in UTF-8: the first byte, and the second or 0 (Vietnamese base letters take one or two bytes).
    var utf8First: UInt8
    var utf8Second: UInt8
}

/// The letter table: every precomposed Vietnamese letter (upper and lower case, each tone) by scalar value.
enum LetterTable {
    static let alphabet: [(String, Character)] = [
        ("a", "a"), ("ă", "a"), ("â", "a"), ("b", "b"), ("c", "c"), ("d", "d"), ("đ", "d"), ("e", "e"),
        ("ê", "e"), ("f", "f"), ("g", "g"), ("h", "h"), ("i", "i"), ("j", "j"), ("k", "k"), ("l", "l"),
        ("m", "m"), ("n", "n"), ("o", "o"), ("ô", "o"), ("ơ", "o"), ("p", "p"), ("q", "q"), ("r", "r"),
        ("s", "s"), ("t", "t"), ("u", "u"), ("ư", "u"), ("v", "v"), ("w", "w"), ("x", "x"), ("y", "y"),
        ("z", "z"),
    ]
    static let vowels: Set<String> = ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"]
    /// Combining tone marks in tone order 1…5.
    static let toneMarks: [Unicode.Scalar] = ["\u{0300}", "\u{0309}", "\u{0303}", "\u{0301}", "\u{0323}"]
    static let limit = 0x2000

    static let table: [LetterInfo?] = {
        var table = [LetterInfo?](repeating: nil, count: limit)
        for (index, (letter, ascii)) in alphabet.enumerated() {
            let base = letter.unicodeScalars.first!
            let tones: [String] = vowels.contains(letter) ? [""] + toneMarks.map { String($0) } : [""]
            for (tone, mark) in tones.enumerated() {
                let lower = (letter + mark).precomposedStringWithCanonicalMapping
                let upper = lower.uppercased()
                for (form, isUpper) in [(lower, false), (upper, true)] {
                    let scalars = Array(form.unicodeScalars)
                    guard scalars.count == 1, Int(scalars[0].value) < limit else { continue }
                    let bytes = Array(String(base).utf8)
                    table[Int(scalars[0].value)] = LetterInfo(
                        rank: UInt8(index + 1), tone: UInt8(tone), upper: isUpper, base: base,
                        ascii: ascii.asciiValue!, utf8First: bytes[0], utf8Second: bytes.count > 1 ? bytes[1] : 0)
                }
            }
        }
        return table
    }()

    /// Applies a combining vowel mark (breve, circumflex, horn) to a letter, as NFD text spells ă â ê ô ơ ư.
    static func applyVowelMark(_ mark: Unicode.Scalar, to info: LetterInfo) -> LetterInfo? {
        let target: String?
        switch (info.base, mark.value) {
        case ("a", 0x0306): target = "ă"
        case ("a", 0x0302): target = "â"
        case ("e", 0x0302): target = "ê"
        case ("o", 0x0302): target = "ô"
        case ("o", 0x031B): target = "ơ"
        case ("u", 0x031B): target = "ư"
        default: target = nil
        }
        guard let target, let scalar = target.unicodeScalars.first, let found = table[Int(scalar.value)] else {
            return nil
        }
        var result = found
        result.tone = info.tone
        result.upper = info.upper
        return result
    }

    /// Returns the tone (1 huyền … 5 nặng) of a combining tone mark, or nil for any other mark.
    static func tone(of mark: Unicode.Scalar) -> UInt8? {
        switch mark.value {
        case 0x0300, 0x0340: return 1
        case 0x0309: return 2
        case 0x0303: return 3
        case 0x0301, 0x0341: return 4
        case 0x0323: return 5
        default: return nil
        }
    }
}

/// One unit of scanned text: a Vietnamese letter (with tone and vowel marks folded in), a digit, another letter, or a break.
enum TextUnit {
    case letter(LetterInfo)
    case digit(UInt8)
    case otherLetter(Unicode.Scalar)
    case separator
}

/// Scans text into `TextUnit`s, folding combining marks into the letter before them.
struct TextUnits: Sequence, IteratorProtocol {
    private var scalars: String.UnicodeScalarView.Iterator
    private var pending: TextUnit?

    init(_ text: String) { scalars = text.unicodeScalars.makeIterator() }

    mutating func next() -> TextUnit? {
        while true {
            guard let scalar = scalars.next() else {
                defer { pending = nil }
                return pending
            }
            let unit: TextUnit
            if scalar.value < 0x80 {
                unit = TextUnits.ascii[Int(scalar.value)]
            } else if TextUnits.isMark(scalar) {
                if case .letter(var info)? = pending {
                    if let tone = LetterTable.tone(of: scalar) {
                        info.tone = tone
                    } else if let marked = LetterTable.applyVowelMark(scalar, to: info) {
                        info = marked
                    }
                    pending = .letter(info)
                }
                continue
            } else {
                unit = TextUnits.classify(scalar)
            }
            if let previous = pending {
                pending = unit
                return previous
            }
            pending = unit
        }
    }

    /// The units of the 128 ASCII scalars, looked up instead of classified: most of any Vietnamese text is ASCII.
    static let ascii: [TextUnit] = (0..<128).map { classify(Unicode.Scalar(UInt8($0))) }

    /// Whether a scalar is a combining mark; Vietnamese marks (U+0300–U+036F) and ASCII are decided without property tables.
    @inline(__always)
    static func isMark(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x0300 { return false }
        if v <= 0x036F { return true }
        if v < LetterTable.limit, LetterTable.table[Int(v)] != nil { return false }
        let category = scalar.properties.generalCategory
        return category == .nonspacingMark || category == .spacingMark || category == .enclosingMark
    }

    static func classify(_ scalar: Unicode.Scalar) -> TextUnit {
        let value = Int(scalar.value)
        if value < LetterTable.limit, let info = LetterTable.table[value] { return .letter(info) }
        if scalar.value >= 0x30, scalar.value <= 0x39 { return .digit(UInt8(scalar.value - 0x30)) }
        if scalar.value < 0x80 { return .separator }
        if scalar.properties.isAlphabetic || scalar.properties.numericType != nil { return .otherLetter(scalar) }
        return .separator
    }
}
