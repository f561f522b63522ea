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
        let suspicious = text.containsByte { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 || $0 == 0xD8 || $0 == 0xE2 }
        guard suspicious else { return nil }
        return text.unicodeScalars.first { scalar in
            switch scalar.value {
            case 0x00...0x1F, 0x7F...0x9F, 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
            default: return false
            }
        }
    }

    /// Whether the text has a character a reader sees: not only white space, default-ignorable characters (soft
    /// hyphens, joiners, the Hangul fillers U+115F/U+3164, U+034F) and the blank Braille pattern U+2800, which all
    /// print as nothing.
    public static func hasVisibleCharacter(_ text: String) -> Bool {
        text.unicodeScalars.contains { scalar in
            let properties = scalar.properties
            return !properties.isWhitespace && !properties.isDefaultIgnorableCodePoint && scalar.value != 0x2800
                && properties.generalCategory != .control && properties.generalCategory != .format
        }
    }

    /// Returns the string in NFC with surrounding white space trimmed and inner runs of white space collapsed to one
    /// space.
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
}
