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

    public init(
        year: Int, revenue: Double? = nil, profit: Double? = nil, memberIncome: Double? = nil, members: Int? = nil
    ) {
        self.year = year
        self.revenue = revenue
        self.profit = profit
        self.memberIncome = memberIncome
        self.members = members
    }
}
