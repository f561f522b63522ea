import Foundation

#if canImport(Glibc)
    import Glibc
#endif

extension VietnameseText {
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
