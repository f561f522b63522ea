import HTXCore

/// Chooses exactly `size` candidates with the largest total score under quotas, exactly (not greedily).
///
/// Quotas only count picks per sector and per district, so some optimal choice takes, within every
/// (district, sector) group, that group's best candidates: the search is over how many to take from each
/// group. A dynamic programme runs district by district over states (picks so far, sector minimums still
/// owed); sectors that owe nothing are pooled, so the state stays small for city-sized catalogs.
public struct ShortlistSelector: Sendable {
    /// One eligible cooperative as the selector sees it.
    public struct Candidate: Sendable {
        public var score: Double
        public var sector: String
        public var district: String

        public init(score: Double, sector: String, district: String) {
            self.score = score
            self.sector = sector
            self.district = district
        }
    }

    public var size: Int
    /// Every sector that has an eligible candidate must get at least this many picks.
    public var minPerSector: Int
    /// No district may get more than this many picks; nil for no limit.
    public var maxPerDistrict: Int?

    public init(size: Int, minPerSector: Int = 0, maxPerDistrict: Int? = nil) {
        self.size = size
        self.minPerSector = minPerSector
        self.maxPerDistrict = maxPerDistrict
    }

    /// The indexes of the chosen candidates. `candidates` must be in preference order (score, then name):
    /// among equal totals the earlier candidates win. `required` indexes are always chosen.
    public func select(_ candidates: [Candidate], required: Set<Int> = []) throws(ShortlistError) -> [Int] {
        guard size > 0 else { throw .sizeNotPositive(size) }
        guard candidates.count >= size else { throw .tooFewEligible(available: candidates.count, size: size) }
        guard required.count <= size else { throw .tooManyRequired(required: required.count, size: size) }
        if let maxPerDistrict {
            var counts: [String: Int] = [:]
            for index in required { counts[candidates[index].district, default: 0] += 1 }
            if let (district, count) = counts.first(where: { $0.value > maxPerDistrict }) {
                throw .requiredExceedDistrictQuota(district: district, required: count, maximum: maxPerDistrict)
            }
        }
        let sectors = Array(Set(candidates.map(\.sector))).sorted()
        if minPerSector > 0 {
            // Compared by division: a per-sector minimum of 10^18 must not overflow the product.
            if minPerSector > size / max(1, sectors.count) {
                throw .sectorQuotasExceedSize(
                    sectors: sectors.count, perSector: minPerSector, size: size, eligible: candidates.count)
            }
            for sector in sectors {
                let available = candidates.filter { $0.sector == sector }.count
                if available < minPerSector {
                    throw .sectorQuotaCannotHold(sector: sector, available: available, required: minPerSector)
                }
            }
        }
        if let chosen = solve(candidates, required: required, sectors: sectors) { return chosen }
        throw .quotasCannotFill(maxPerDistrict: maxPerDistrict, minPerSector: minPerSector, size: size)
    }

    func solve(_ candidates: [Candidate], required: Set<Int>, sectors: [String]) -> [Int]? {
        // A tiny preference for earlier candidates breaks ties between equal totals deterministically.
        let epsilon = 1e-9
        func worth(_ index: Int) -> Double { candidates[index].score - epsilon * Double(index) }
        // Sector minimums still owed after the required picks.
        var owed: [String: Int] = [:]
        for sector in sectors where minPerSector > 0 { owed[sector] = minPerSector }
        for index in required {
            if let need = owed[candidates[index].sector] { owed[candidates[index].sector] = max(0, need - 1) }
        }
        let tracked = sectors.filter { (owed[$0] ?? 0) > 0 }
        let radix = tracked.map { (owed[$0] ?? 0) + 1 }
        let slots = size - required.count
        func encode(_ picks: Int, _ needs: [Int]) -> Int {
            var key = picks
            for (need, base) in zip(needs, radix) { key = key * base + need }
            return key
        }
        // Groups per district: one per tracked sector, one pool for the rest; each sorted best first.
        var districtPicks: [String: Int] = [:]
        for index in required { districtPicks[candidates[index].district, default: 0] += 1 }
        var groupsByDistrict: [String: [[Int]]] = [:]
        for (index, candidate) in candidates.enumerated() where !required.contains(index) {
            var groups = groupsByDistrict[candidate.district] ?? Array(repeating: [], count: tracked.count + 1)
            groups[tracked.firstIndex(of: candidate.sector) ?? tracked.count].append(index)
            groupsByDistrict[candidate.district] = groups
        }
        let districts = groupsByDistrict.keys.sorted()
        struct Step {
            var previous: Int
            var take: [Int]
        }
        let startNeeds = tracked.map { owed[$0] ?? 0 }
        var layer: [Int: (value: Double, picks: Int, needs: [Int])] = [encode(0, startNeeds): (0, 0, startNeeds)]
        var back: [[Int: Step]] = []
        for district in districts {
            let groups = (groupsByDistrict[district] ?? []).map { $0.sorted { worth($0) > worth($1) } }
            let prefix = groups.map { group in group.reduce(into: [0.0]) { $0.append(($0.last ?? 0) + worth($1)) } }
            let capacity = maxPerDistrict.map { max(0, $0 - (districtPicks[district] ?? 0)) } ?? slots
            var next: [Int: (value: Double, picks: Int, needs: [Int])] = [:]
            var steps: [Int: Step] = [:]
            // Every way to take k_g from each group with Σk ≤ capacity.
            var take = Array(repeating: 0, count: groups.count)
            func visit(_ group: Int, _ used: Int) {
                if group == groups.count {
                    for (key, state) in layer {
                        let picks = state.picks + used
                        guard picks <= slots else { continue }
                        var needs = state.needs
                        for t in 0..<tracked.count { needs[t] = max(0, needs[t] - take[t]) }
                        var value = state.value
                        for g in 0..<groups.count { value += prefix[g][take[g]] }
                        let nextKey = encode(picks, needs)
                        if let existing = next[nextKey], existing.value >= value { continue }
                        next[nextKey] = (value, picks, needs)
                        steps[nextKey] = Step(previous: key, take: take)
                    }
                    return
                }
                let limit = min(groups[group].count, capacity - used)
                for k in stride(from: limit, through: 0, by: -1) {
                    take[group] = k
                    visit(group + 1, used + k)
                }
                take[group] = 0
            }
            visit(0, 0)
            layer = next
            back.append(steps)
        }
        let goal = encode(slots, tracked.map { _ in 0 })
        guard layer[goal] != nil else { return nil }
        var chosen = Array(required)
        var key = goal
        for (stage, district) in districts.enumerated().reversed() {
            guard let step = back[stage][key] else { return nil }
            let groups = (groupsByDistrict[district] ?? []).map { $0.sorted { worth($0) > worth($1) } }
            for (group, count) in step.take.enumerated() { chosen += groups[group].prefix(count) }
            key = step.previous
        }
        return chosen.sorted()
    }
}
