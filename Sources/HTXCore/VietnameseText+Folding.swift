import Foundation

#if canImport(Glibc)
    import Glibc
#endif

extension VietnameseText {
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
}
