/// One year's figures for a cooperative. Money is in million VND (triệu đồng).
public struct YearlyFigures: Codable, Sendable, Equatable {
    public var year: Int
    /// Revenue, million VND.
    public var revenue: Double?
    /// Profit after tax, million VND.
    public var profit: Double?
    /// Average income per member, million VND per year.
    public var memberIncome: Double?
    public var members: Int?

    public init(year: Int, revenue: Double? = nil, profit: Double? = nil, memberIncome: Double? = nil, members: Int? = nil) {
        self.year = year
        self.revenue = revenue
        self.profit = profit
        self.memberIncome = memberIncome
        self.members = members
    }
}

extension YearlyFigures {
    /// Encodes every key, absent values as null, so the JSON shape is the same for every record.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(year, forKey: .year)
        try c.encode(revenue, forKey: .revenue)
        try c.encode(profit, forKey: .profit)
        try c.encode(memberIncome, forKey: .memberIncome)
        try c.encode(members, forKey: .members)
    }
}
