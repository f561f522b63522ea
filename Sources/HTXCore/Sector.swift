/// A sector of activity, as plan 231/KH-UBND lists them, plus "other".
public enum Sector: String, CaseIterable, Codable, Sendable {
    case agriculture = "nong-nghiep"
    case industryCrafts = "cong-nghiep"
    case tradeServices = "thuong-mai"
    case construction = "xay-dung"
    case transport = "van-tai"
    case credit = "tin-dung"
    case environment = "moi-truong"
    case insurance = "bao-hiem"
    case tourism = "du-lich"
    case other = "khac"

    /// The Vietnamese name printed in listings and documents.
    public var label: String {
        switch self {
        case .agriculture: "Nông nghiệp"
        case .industryCrafts: "Công nghiệp - Tiểu thủ công nghiệp"
        case .tradeServices: "Thương mại - Dịch vụ - Tiêu dùng"
        case .construction: "Xây dựng - Nhà ở"
        case .transport: "Giao thông vận tải"
        case .credit: "Tín dụng (Quỹ tín dụng nhân dân)"
        case .environment: "Môi trường - Nước sạch"
        case .insurance: "Bảo hiểm"
        case .tourism: "Du lịch"
        case .other: "Khác"
        }
    }

    /// A short label for narrow table columns.
    public var shortLabel: String {
        switch self {
        case .agriculture: "Nông nghiệp"
        case .industryCrafts: "CN - TTCN"
        case .tradeServices: "TM - DV"
        case .construction: "Xây dựng"
        case .transport: "Vận tải"
        case .credit: "Tín dụng"
        case .environment: "Môi trường"
        case .insurance: "Bảo hiểm"
        case .tourism: "Du lịch"
        case .other: "Khác"
        }
    }

    /// Folded synonyms people write in files and on the command line.
    static let synonyms: [String: Sector] = {
        var map: [String: Sector] = [:]
        for sector in Sector.allCases {
            map[VietnameseText.fold(sector.rawValue)] = sector
            map[VietnameseText.fold(sector.label)] = sector
            map[VietnameseText.fold(sector.shortLabel)] = sector
        }
        let extra: [String: Sector] = [
            "nong nghiep": .agriculture, "nn": .agriculture, "trong trot": .agriculture, "chan nuoi": .agriculture,
            "thuy san": .agriculture, "lam nghiep": .agriculture, "nong lam thuy san": .agriculture,
            "agriculture": .agriculture,
            "cong nghiep": .industryCrafts, "tieu thu cong nghiep": .industryCrafts, "cn ttcn": .industryCrafts,
            "tieu thu cong": .industryCrafts, "lang nghe": .industryCrafts, "thu cong my nghe": .industryCrafts,
            "industry": .industryCrafts, "crafts": .industryCrafts,
            "thuong mai": .tradeServices, "dich vu": .tradeServices, "tieu dung": .tradeServices,
            "thuong mai dich vu": .tradeServices, "tm dv": .tradeServices, "trade": .tradeServices,
            "services": .tradeServices,
            "xay dung": .construction, "nha o": .construction, "construction": .construction,
            "van tai": .transport, "giao thong": .transport, "giao thong van tai": .transport,
            "gtvt": .transport, "transport": .transport,
            "tin dung": .credit, "quy tin dung": .credit, "quy tin dung nhan dan": .credit, "qtdnd": .credit,
            "credit": .credit,
            "moi truong": .environment, "nuoc sach": .environment, "ve sinh moi truong": .environment,
            "environment": .environment,
            "bao hiem": .insurance, "insurance": .insurance,
            "du lich": .tourism, "tourism": .tourism,
            "khac": .other, "other": .other,
        ]
        map.merge(extra) { _, new in new }
        return map
    }()

    /// Finds a sector by code, label or synonym, ignoring case, tones and punctuation.
    public static func parse(_ text: String) -> Sector? {
        synonyms[VietnameseText.fold(text)]
    }
}
