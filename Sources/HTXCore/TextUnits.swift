import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One unit of scanned text: a Vietnamese letter (with tone and vowel marks folded in), a digit, another letter, or a
/// break (a space, punctuation or a symbol, which collation orders and search treats as a word boundary).
enum TextUnit {
    case letter(LetterInfo)
    case digit(UInt8)
    case otherLetter(Unicode.Scalar)
    case separator(Unicode.Scalar)
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

    /// Whether a scalar is a combining mark; Vietnamese marks (U+0300–U+036F) and ASCII are decided without property
    /// tables.
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
        if scalar.value < 0x80 { return .separator(scalar) }
        if scalar.properties.isAlphabetic || scalar.properties.numericType != nil { return .otherLetter(scalar) }
        return .separator(scalar)
    }
}
