import Foundation

#if canImport(Glibc)
    import Glibc
#endif

extension VietnameseText {
    /// Returns a byte string whose order is Vietnamese alphabetical order, exactly as ICU's `vi` collator orders
    /// (CLDR root with the Vietnamese tailoring, punctuation non-ignorable, tertiary strength).
    ///
    /// Primary: spaces, then punctuation and symbols in CLDR root order, then digits, then letters (a ă â b c d đ e
    /// ê …); every space and punctuation mark counts, so "Sản xuất kinh" < "Sản xuất và" < "Sản xuất-kinh" <
    /// "Sản xuất, kinh". Secondary: each letter's tone (ngang < huyền < hỏi < ngã < sắc < nặng) where it sits, so
    /// "Hoà" < "Hòa". Tertiary: case, lower first.
    public static func sortKey(_ text: String) -> [UInt8] {
        var primary: [UInt8] = []
        var secondary: [UInt8] = []
        var tertiary: [UInt8] = []
        primary.reserveCapacity(text.utf8.count + 2)
        secondary.reserveCapacity(text.utf8.count)
        tertiary.reserveCapacity(text.utf8.count)
        for unit in TextUnits(text) {
            switch unit {
            case .letter(let info):
                primary.append(0x10 + info.rank)
                secondary.append(0x01 + info.tone)
                tertiary.append(info.upper ? 0x02 : 0x01)
            case .digit(let d):
                primary.append(0x05 + d)
            case .otherLetter(let scalar):
                let lower = scalar.properties.lowercaseMapping.unicodeScalars.first ?? scalar
                let v = lower.value
                primary.append(contentsOf: [
                    0x40, UInt8((v >> 16) & 0xFF) | 0x80, UInt8((v >> 8) & 0xFF) | 0x01, UInt8(v & 0xFF) | 0x01,
                ])
                tertiary.append(lower == scalar ? 0x01 : 0x02)
            case .separator(let scalar):
                primary.append(contentsOf: separatorWeight(scalar))
            }
        }
        return primary + [0x00] + secondary + [0x00] + tertiary
    }

    /// Spaces, punctuation and symbols in the order of ICU's CLDR root collation, as ICU 72's `vi` collator weighs
    /// them (`Tests/HTXCoreTests/CollationTests.swift` checks it with PyICU); marks on one line weigh the same.
    static let separatorOrder: [[Unicode.Scalar]] = [
        ["\u{09}"], ["\u{0A}"], ["\u{0D}"], [" ", "\u{A0}", "\u{2007}", "\u{202F}", "\u{3000}"], ["_"], ["-"],
        ["\u{2010}", "\u{2011}"], ["\u{2013}"], ["\u{2014}"], [","], [";"], [":"], ["!"], ["?"], ["."], ["\u{B7}"],
        ["'"], ["\u{2018}"], ["\u{2019}"], ["\""], ["\u{201C}"], ["\u{201D}"], ["\u{AB}"], ["\u{BB}"], ["("], [")"],
        ["["], ["]"], ["{"], ["}"], ["\u{A7}"], ["@"], ["*"], ["/"], ["\\"], ["&"], ["#"], ["%"], ["\u{2022}"], ["`"],
        ["^"], ["\u{B0}"], ["\u{A9}"], ["\u{AE}"], ["+"], ["\u{D7}"], ["<"], ["="], [">"], ["|"], ["~"], ["\u{2212}"],
        ["$"], ["\u{20AB}"], ["\u{20AC}"],
    ]

    /// The rank of each listed mark, from 1.
    static let separatorRanks: [UInt32: UInt8] = {
        var ranks: [UInt32: UInt8] = [:]
        for (index, marks) in separatorOrder.enumerated() {
            for mark in marks { ranks[mark.value] = UInt8(index + 1) }
        }
        return ranks
    }()

    /// A separator's primary weight: below every digit and letter; "…" weighs as three full stops, as in CLDR; a
    /// mark the table does not list comes after the listed ones, by code point.
    @inline(__always)
    static func separatorWeight(_ scalar: Unicode.Scalar) -> [UInt8] {
        if let rank = separatorRanks[scalar.value] { return [0x02, rank] }
        if scalar.value == 0x2026, let dot = separatorRanks[0x2E] { return [0x02, dot, 0x02, dot, 0x02, dot] }
        let v = scalar.value
        return [0x03, UInt8((v >> 14) & 0x7F) | 0x80, UInt8((v >> 7) & 0x7F) | 0x80, UInt8(v & 0x7F) | 0x80]
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
