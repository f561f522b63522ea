/// A commune-level unit of Hanoi in force since 1 July 2025 (Nghị quyết 1656/NQ-UBTVQH15): a phường or a xã.
///
/// Its JSON form is `coop show`'s `unit2025` key: `{"code", "name", "type"}`.
public struct AdminUnit: Codable, Sendable, Equatable, Hashable {
    /// The GSO code of QĐ 19/2025/QĐ-TTg, five digits, e.g. `00004`; a namespace apart from the 2021 codes.
    public var code: String
    /// The name without its type, e.g. "Ba Đình".
    public var name: String
    /// "phường" or "xã".
    public var type: String

    public init(code: String, name: String, type: String) {
        self.code = code
        self.name = name
        self.type = type
    }

    /// The name with its type as written inside a sentence: "phường Ba Đình".
    public var fullName: String { "\(type) \(name)" }
}

/// A commune-level unit of 2021 (phường, xã, thị trấn) and the units of 2025 it went into.
public struct FormerUnit: Sendable, Equatable {
    /// The 2021 GSO code; a namespace apart from the 2025 codes.
    public var code: String
    public var name: String
    /// "phường", "xã" or "thị trấn".
    public var type: String
    /// The 2021 district-level unit's name without its type, e.g. "Đông Anh".
    public var district: String
    /// The 2025 units' codes, in the resolution's order; one code with `whole` when it went whole into one unit.
    public var into: [String]
    /// True when the whole unit went into the single unit of `into`.
    public var whole: Bool

    public init(code: String, name: String, type: String, district: String, into: [String], whole: Bool) {
        self.code = code
        self.name = name
        self.type = type
        self.district = district
        self.into = into
        self.whole = whole
    }

    /// The name with its type as written inside a sentence: "xã Uy Nỗ".
    public var fullName: String { "\(type) \(name)" }
}
