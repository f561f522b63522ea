/// A saved shortlist: the choice, the profile it was made with, and each pick's status in the proposal workflow.
///
/// HTXShortlist makes it, the catalog stores it, the itinerary reads it; its JSON is the contract of `shortlist show`.
public struct ShortlistRecord: Codable, Sendable, Equatable {
    /// Where a pick stands: proposed by the Alliance, then approved or rejected by the Department.
    public enum Status: String, Codable, Sendable, CaseIterable { case proposed, approved, rejected }

    /// One pick.
    public struct Entry: Codable, Sendable, Equatable {
        public var rank: Int
        public var id: Int64
        public var name: String
        public var district: String?
        public var sector: String?
        /// Total score, 0–100.
        public var score: Double
        /// Points per criterion, in the profile's order.
        public var criteria: CriterionPoints
        /// Share of the profile's weight backed by data, 0–1.
        public var confidence: Double
        public var status: Status
        public var reasons: [String]
        /// What each of `reasons` is, in the same order (absent in shortlists saved before it was recorded).
        public var reasonKinds: [ReasonKind]?
        public var note: String?
        public var by: String?

        /// The reasons that speak for the cooperative: its strengths and that it was asked for, not the data it
        /// lacks.
        public var strengths: [String] {
            guard let kinds = reasonKinds, kinds.count == reasons.count else {
                // Shortlists saved before the kinds were recorded: their missing-data reason was the one sentence
                // the builder wrote with this opening.
                return reasons.filter { !$0.hasPrefix("thiếu dữ liệu") }
            }
            return zip(reasons, kinds).filter { $0.1 != .missingData }.map(\.0)
        }

        public init(
            rank: Int, id: Int64, name: String, district: String?, sector: String?, score: Double,
            criteria: CriterionPoints,
            confidence: Double, status: Status = .proposed, reasons: [String], reasonKinds: [ReasonKind]? = nil,
            note: String? = nil, by: String? = nil
        ) {
            self.rank = rank
            self.id = id
            self.name = name
            self.district = district
            self.sector = sector
            self.score = score
            self.criteria = criteria
            self.confidence = confidence
            self.status = status
            self.reasons = reasons
            self.reasonKinds = reasonKinds
            self.note = note
            self.by = by
        }
    }

    /// What a reason says about a pick.
    public enum ReasonKind: String, Codable, Sendable {
        /// A strength, from the criteria.
        case strength
        /// It was chosen because it was asked for.
        case included
        /// Data the criteria needed and the record lacks.
        case missingData
    }

    /// A cooperative that was not chosen and why: the near-misses and those the filters kept out.
    public struct Miss: Codable, Sendable, Equatable {
        public var id: Int64
        public var name: String
        public var score: Double?
        public var reason: String

        public init(id: Int64, name: String, score: Double?, reason: String) {
            self.id = id
            self.name = name
            self.score = score
            self.reason = reason
        }
    }

    public var name: String
    /// The profile's name (its file's `name:`).
    public var profile: String
    /// The selection parameters, for the record: size, quotas, exclusions.
    public var parameters: [String: String]
    /// When it was built (ISO 8601) and the latest data year it used.
    public var builtAt: String
    public var dataYear: Int
    public var entries: [Entry]
    public var notSelected: [Miss]

    public init(
        name: String, profile: String, parameters: [String: String], builtAt: String, dataYear: Int, entries: [Entry],
        notSelected: [Miss]
    ) {
        self.name = name
        self.profile = profile
        self.parameters = parameters
        self.builtAt = builtAt
        self.dataYear = dataYear
        self.entries = entries
        self.notSelected = notSelected
    }
}

/// Points per criterion as an ordered JSON object (`{"grade": 17.2, "ocop": 8, …}`), in the order the profile lists
/// them.
public struct CriterionPoints: Codable, Sendable, Equatable {
    public var pairs: [(key: String, points: Double)]

    public init(_ pairs: [(key: String, points: Double)]) { self.pairs = pairs }

    /// The points of one criterion, or nil when the profile did not weigh it.
    public subscript(key: String) -> Double? { pairs.first { $0.key == key }?.points }

    public static func == (a: CriterionPoints, b: CriterionPoints) -> Bool {
        a.pairs.map(\.key) == b.pairs.map(\.key) && a.pairs.map(\.points) == b.pairs.map(\.points)
    }

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        let order = Dictionary(uniqueKeysWithValues: Criterion.allCases.enumerated().map { ($1.rawValue, $0) })
        pairs = try container.allKeys.map { ($0.stringValue, try container.decode(Double.self, forKey: $0)) }
            .sorted { (order[$0.0] ?? Int.max, $0.0) < (order[$1.0] ?? Int.max, $1.0) }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        for pair in pairs { try container.encode(pair.points, forKey: Key(stringValue: pair.key)) }
    }
}
