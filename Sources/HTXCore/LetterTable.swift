import Foundation

#if canImport(Glibc)
    import Glibc
#endif

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
            guard let base = letter.unicodeScalars.first, let asciiValue = ascii.asciiValue else { continue }
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
                        ascii: asciiValue, utf8First: bytes[0], utf8Second: bytes.count > 1 ? bytes[1] : 0)
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
