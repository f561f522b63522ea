/// An award received: title, level on the award ladder, issuer and year.
public struct Award: Codable, Sendable, Equatable {
    /// The award ladder, lowest to highest (Luật Thi đua, khen thưởng), plus the Alliance's CoopStar.
    public enum Level: String, Codable, Sendable, CaseIterable, Comparable {
        case certificate = "giay-khen"
        case meritCity = "bang-khen-thanh-pho"
        case meritMinistry = "bang-khen-bo"
        case meritVCA = "bang-khen-lien-minh"
        case coopStar = "ngoi-sao-htx"
        case meritPrimeMinister = "bang-khen-thu-tuong"
        case emulationFlag = "co-thi-dua"
        case labourOrder3 = "huan-chuong-lao-dong-hang-ba"
        case labourOrder2 = "huan-chuong-lao-dong-hang-nhi"
        case labourOrder1 = "huan-chuong-lao-dong-hang-nhat"
        case labourHero = "anh-hung-lao-dong"

        /// Position on the ladder, 1 for the lowest.
        public var rank: Int { (Level.allCases.firstIndex(of: self) ?? 0) + 1 }

        public static func < (a: Level, b: Level) -> Bool { a.rank < b.rank }

        /// The Vietnamese name.
        public var label: String {
            switch self {
            case .certificate: "Giấy khen"
            case .meritCity: "Bằng khen UBND Thành phố"
            case .meritMinistry: "Bằng khen cấp Bộ"
            case .meritVCA: "Bằng khen Liên minh HTX Việt Nam"
            case .coopStar: "Ngôi sao HTX"
            case .meritPrimeMinister: "Bằng khen Thủ tướng Chính phủ"
            case .emulationFlag: "Cờ thi đua"
            case .labourOrder3: "Huân chương Lao động hạng Ba"
            case .labourOrder2: "Huân chương Lao động hạng Nhì"
            case .labourOrder1: "Huân chương Lao động hạng Nhất"
            case .labourHero: "Anh hùng Lao động"
            }
        }
    }

    public var title: String
    public var level: Level
    public var issuer: String?
    public var year: Int?

    public init(title: String, level: Level, issuer: String? = nil, year: Int? = nil) {
        self.title = title
        self.level = level
        self.issuer = issuer
        self.year = year
    }
}
