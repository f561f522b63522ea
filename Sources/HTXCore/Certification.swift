/// A certification or quality label: OCOP stars with the product, VietGAP, organic, high-tech, ISO …
public struct Certification: Codable, Sendable, Equatable {
    /// The kinds of certification the catalog knows.
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case ocop, vietgap, globalgap, organic, highTech, iso, other

        /// The Vietnamese name.
        public var label: String {
            switch self {
            case .ocop: "OCOP"
            case .vietgap: "VietGAP"
            case .globalgap: "GlobalGAP"
            case .organic: "Hữu cơ"
            case .highTech: "Nông nghiệp ứng dụng công nghệ cao"
            case .iso: "ISO"
            case .other: "Khác"
            }
        }
    }

    public var kind: Kind
    /// The product the certification covers (OCOP is per product).
    public var product: String?
    /// OCOP stars, 1–5.
    public var stars: Int?
    public var year: Int?
    public var issuer: String?
    /// Free text, e.g. the ISO standard's number.
    public var note: String?

    public init(
        kind: Kind, product: String? = nil, stars: Int? = nil, year: Int? = nil, issuer: String? = nil,
        note: String? = nil
    ) {
        self.kind = kind
        self.product = product
        self.stars = stars
        self.year = year
        self.issuer = issuer
        self.note = note
    }

    /// A one-line Vietnamese description: "OCOP 4 sao – Gạo nếp cái hoa vàng (2021)".
    public var summary: String {
        var text = kind == .ocop ? "OCOP" + (stars.map { " \($0) sao" } ?? "") : kind.label
        if let note, !note.isEmpty { text += " \(note)" }
        if let product, !product.isEmpty { text += " – \(product)" }
        if let year { text += " (\(year))" }
        return text
    }
}
