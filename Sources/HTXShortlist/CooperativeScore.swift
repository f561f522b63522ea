import HTXCore

/// A cooperative's score under a profile: total points (0–100), points per criterion, confidence and reasons.
public struct CooperativeScore: Sendable {
    public let coop: Cooperative
    /// 0–100: the weighted criteria scaled so that a perfect record scores 100.
    public let total: Double
    /// Points each criterion contributed.
    public let points: [(Criterion, Double)]
    /// Share of the profile's weight whose data the record has, 0–1.
    public let confidence: Double
    /// Criteria the record lacks data for.
    public let missing: [Criterion]
    /// Plain-language reasons, strongest contribution first (empty unless built with `explain`).
    public let reasons: [Message]

    /// Scores a record; missing data adds nothing and lowers the confidence, it never fails. With `explain`,
    /// the reasons are written too (the selection scores the whole catalog without them, then explains its picks).
    public init(_ coop: Cooperative, profile: CriteriaProfile, year: Int, explain: Bool = true) {
        self.coop = coop
        let scale = 100 / profile.totalWeight
        var points: [(Criterion, Double)] = []
        var missing: [Criterion] = []
        var backed = 0.0
        var reasons: [(Double, Message)] = []
        for (criterion, weight) in profile.weights {
            let evaluation = criterion.evaluate(coop, year: year, explain: explain)
            if let value = evaluation.value {
                backed += weight
                points.append((criterion, value * weight * scale))
                if let reason = evaluation.reason { reasons.append((value * weight, reason)) }
            } else {
                missing.append(criterion)
                points.append((criterion, 0))
            }
        }
        self.points = points
        self.missing = missing
        total = points.reduce(0) { $0 + $1.1 }
        confidence = backed / profile.totalWeight
        self.reasons = reasons.sorted { $0.0 > $1.0 }.map(\.1)
    }

    /// The total rounded to one decimal, as reports print it.
    public var rounded: Double { (total * 10).rounded() / 10 }
}
