/// The legal form of an organisation in the catalog.
public enum LegalForm: String, CaseIterable, Codable, Sendable {
    case cooperative = "htx"
    case union = "lien-hiep-htx"
    case creditFund = "quy-tin-dung"
    case cooperativeGroup = "to-hop-tac"
    case other = "khac"

    /// The Vietnamese name.
    public var label: String {
        switch self {
        case .cooperative: "Hợp tác xã"
        case .union: "Liên hiệp hợp tác xã"
        case .creditFund: "Quỹ tín dụng nhân dân"
        case .cooperativeGroup: "Tổ hợp tác"
        case .other: "Khác"
        }
    }

    static let synonyms: [String: LegalForm] = {
        var map: [String: LegalForm] = [:]
        for form in LegalForm.allCases {
            map[VietnameseText.fold(form.rawValue)] = form
            map[VietnameseText.fold(form.label)] = form
        }
        map.merge([
            "htx": .cooperative, "cooperative": .cooperative, "lh htx": .union, "lien hiep": .union,
            "lien hiep htx": .union, "union": .union, "qtd": .creditFund, "qtdnd": .creditFund,
            "quy tin dung": .creditFund, "credit fund": .creditFund, "tht": .cooperativeGroup,
            "to hop tac": .cooperativeGroup, "cong ty": .other, "doanh nghiep": .other, "khac": .other,
            "other": .other,
        ]) { _, new in new }
        return map
    }()

    /// Finds a legal form by code, label or synonym, ignoring case and tones.
    public static func parse(_ text: String) -> LegalForm? {
        synonyms[VietnameseText.fold(text)]
    }
}
