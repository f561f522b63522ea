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
        /// Points per criterion (keys of the profile).
        public var criteria: [String: Double]
        /// Share of the profile's weight backed by data, 0–1.
        public var confidence: Double
        public var status: Status
        public var reasons: [String]
        public var note: String?
        public var by: String?

        public init(rank: Int, id: Int64, name: String, district: String?, sector: String?, score: Double, criteria: [String: Double],
                    confidence: Double, status: Status = .proposed, reasons: [String], note: String? = nil, by: String? = nil) {
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
            self.note = note
            self.by = by
        }
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

    public init(name: String, profile: String, parameters: [String: String], builtAt: String, dataYear: Int, entries: [Entry], notSelected: [Miss]) {
        self.name = name
        self.profile = profile
        self.parameters = parameters
        self.builtAt = builtAt
        self.dataYear = dataYear
        self.entries = entries
        self.notSelected = notSelected
    }
}
