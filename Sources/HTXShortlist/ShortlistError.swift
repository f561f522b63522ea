/// Why no shortlist can be made, with the values the words need (they are the edge's, `HTXMessages`).
public enum ShortlistError: Error, Equatable, Sendable {
    /// The size asked for is not positive.
    case sizeNotPositive(Int)
    /// Fewer eligible cooperatives than the size asked for: of `considered`, each filter's removals are counted.
    case tooFewEligible(available: Int, size: Int, considered: Int = 0, removed: [Removal] = [])
    /// More cooperatives required than the size.
    case tooManyRequired(required: Int, size: Int)
    /// Required cooperatives in one district exceed the district quota.
    case requiredExceedDistrictQuota(district: String, required: Int, maximum: Int)
    /// The sectors times the per-sector minimum need more places than the size; `eligible` cooperatives could be
    /// chosen at all.
    case sectorQuotasExceedSize(sectors: Int, perSector: Int, size: Int, eligible: Int)
    /// A sector has fewer eligible cooperatives than the per-sector minimum.
    case sectorQuotaCannotHold(sector: String, available: Int, required: Int)
    /// The district maximum and the sector minimum together cannot fill the size.
    case quotasCannotFill(maxPerDistrict: Int?, minPerSector: Int, size: Int)
    /// An included or excluded id that is not in the catalog.
    case unknownCooperative(Int64)
    /// An id both included and excluded.
    case includedAndExcluded(Int64)

    /// How many cooperatives one filter of the profile (or `--exclude`) removed.
    public struct Removal: Equatable, Sendable {
        public enum Filter: String, Sendable {
            case excluded, legalForm, noGrade, lowGrade, tooYoung
        }

        public var filter: Filter
        public var count: Int
        /// The filter's value: the minimum grade, the minimum years.
        public var value: String

        public init(filter: Filter, count: Int, value: String) {
            self.filter = filter
            self.count = count
            self.value = value
        }
    }
}
