extension DaySolver {
    /// The most sites whose least travel over several days `leastTravel(visiting:days:upper:stop:)` proves: 30
    /// sites over 8 days take 0.6 s; 50 over 13 days need more than `maximumLabels` labels.
    public static let maximumProvenPlan = 30

    /// What `split(visiting:days:below:stop:)` found.
    enum Split {
        /// The least travel, below the limit, and the days that drive it (each a route of sites in order).
        case found(travel: Int, routes: [[Int]])
        /// No plan visiting every site drives less than the limit.
        case none
        /// `stop` said so, or the labelling passed `maximumLabels`.
        case stopped
    }

    /// The least travel of any plan that visits every site of `sites` (at most `maximumProvenPlan`) within `days`
    /// days, when it is at most `upper` (the travel of a plan known to visit them all); nil when `stop` said so first,
    /// the labelling passed `maximumLabels`, or no split reaches `upper` after all.
    public func leastTravel(visiting sites: [Int], days: Int, upper: Int, stop: () -> Bool) -> Int? {
        var effort = 0
        switch split(visiting: sites, days: days, below: upper + 1, effort: &effort, stop: stop) {
        case .found(let travel, _): return travel
        // A plan of `upper` minutes visits them all, so none below `upper + 1` would be a fault: no proof then.
        case .none, .stopped: return nil
        }
    }

    /// The plan of least travel that visits every site of `sites` (at most `maximumProvenPlan`) within `days` days,
    /// if it drives less than `below` minutes, with at most `largestDay` sites a day. `effort` grows by the labels
    /// made and the splits tried, a measure of the work done that is the same on every machine.
    ///
    /// One labelling over the sites gives the least travel of every set of them a day can visit; a depth-first
    /// search then splits the sites between the days, each day's set taken among those holding the first site not yet
    /// placed (so every split is met once), cheapest first, cut where the travel so far and a lower bound of the rest
    /// reach the best split found, and remembering what each (sites left, days left) was proven to cost.
    func split(
        visiting sites: [Int], days: Int, below: Int, largestDay: Int = .max, effort: inout Int, stop: () -> Bool
    ) -> Split {
        precondition(sites.count <= DaySolver.maximumProvenPlan, "too many sites for the exact split")
        let m = sites.count
        guard m > 0 else { return below > 0 ? .found(travel: 0, routes: []) : .none }
        // The least travel into each site, from the start place or another site of the set.
        let into = instance.leastTravelInto(sites)
        var least = IntTable<(travel: Int, label: Int)>(capacity: 1 << 12)
        let labelled = labelRoutes(
            pool: sites, sparse: m > DaySolver.maximumPool, cut: (into, below), stop: stop
        ) { mask, value, label in
            if least[mask].map({ value.travel < $0.travel }) ?? true { least[mask] = (value.travel, label) }
        }
        guard let labels = labelled else { return .stopped }
        effort += labels.count
        var travels: [Int: Int] = [:]
        for (mask, day) in least.entries { travels[mask] = day.travel }
        let (prices, leastReduced) = DaySolver.prices(
            sets: travels, count: m, days: days, into: into, upper: below - 1)
        /// The least ways into the sites of `mask`, and their prices, summed.
        func sums(_ mask: Int) -> (into: Int, priced: Double) {
            var sums = (into: 0, priced: 0.0)
            var rest = mask
            while rest != 0 {
                let j = rest.trailingZeroBitCount
                sums.into += into[j]
                sums.priced += prices[j]
                rest &= rest - 1
            }
            return sums
        }
        // The day sets by their first site, cheapest first, each with its sums (what leaving it out of a bound
        // takes away, without a pass over its sites).
        var holding = [[(mask: Int, travel: Int, into: Int, priced: Double)]](repeating: [], count: m)
        for (mask, day) in least.entries where mask.nonzeroBitCount <= largestDay {
            let sum = sums(mask)
            holding[mask.trailingZeroBitCount].append((mask, day.travel, sum.into, sum.priced))
        }
        for i in holding.indices { holding[i].sort { ($0.travel, $0.mask) < ($1.travel, $1.mask) } }
        let impossible = Int.max / 4
        /// A lower bound on the travel of `daysLeft` days over exactly the sites whose sums are given: the least way
        /// into each, or the sum of their prices and of the days' least reduced travel, whichever is higher.
        func bound(_ sum: (into: Int, priced: Double), _ daysLeft: Int) -> Int {
            max(sum.into, Int((sum.priced + Double(daysLeft) * leastReduced - 1e-6).rounded(.up)))
        }
        /// What each (sites left, days left) was proven to cost: exactly, with the first day's set, or at least.
        var proven = IntTable<(travel: Int, exact: Bool, day: Int)>(capacity: 1 << 12)
        var steps = 0
        var stopped = false
        /// The least travel of the days left over the sites of `left` when below `budget` (exact); otherwise a
        /// lower bound of it at least `budget`.
        func split(_ left: Int, _ daysLeft: Int, _ budget: Int) -> Int {
            if left == 0 { return 0 }
            if daysLeft == 0 { return impossible }
            let sum = sums(left)
            let floor = bound(sum, daysLeft)
            if floor >= budget { return floor }
            let key = left * (days + 1) + daysLeft
            if let known = proven[key], known.exact || known.travel >= budget { return known.travel }
            var best = impossible
            var chosen = 0
            for day in holding[left.trailingZeroBitCount] where day.mask & ~left == 0 {
                steps += 1
                if steps & 1023 == 0 && stop() { stopped = true }
                if stopped { return 0 }
                let limit = min(best, budget) - day.travel
                if limit <= 0 { break }
                if bound((sum.into - day.into, sum.priced - day.priced), daysLeft - 1) >= limit { continue }
                let others = split(left & ~day.mask, daysLeft - 1, limit)
                if others < limit {
                    best = day.travel + others
                    chosen = day.mask
                }
            }
            let result = best < budget ? (best, true, chosen) : (budget, false, 0)
            proven[key] = result
            return result.0
        }
        let full = (1 << m) - 1
        let result = split(full, days, below)
        effort += steps
        guard !stopped else { return .stopped }
        guard result < below else { return .none }
        // Follow the first day's set of each exact state from all the sites.
        var routes: [[Int]] = []
        var left = full
        while left != 0, let state = proven[left * (days + 1) + days - routes.count], state.exact {
            guard let day = least[state.day] else { break }
            routes.append(DaySolver.order(ending: day.label, in: labels))
            left &= ~state.day
        }
        precondition(left == 0, "the exact split lost its days")
        return .found(travel: result, routes: routes)
    }

    /// Prices for the sites of a split (positions 0..<count) and the least reduced travel of a day under them
    /// (at most 0): whatever the prices, a split of a set L over at most `days` days drives at least the prices of L
    /// plus `days` times that least, so the search cuts by it. Subgradient steps from `into` towards the split of
    /// `upper` minutes, a fixed number, so the same sets give the same prices.
    static func prices(
        sets: [Int: Int], count: Int, days: Int, into: [Int], upper: Int
    ) -> (prices: [Double], leastReduced: Double) {
        let sets = sets.sorted { $0.key < $1.key }
        var prices = into.map(Double.init)
        var best: (prices: [Double], least: Double, value: Double) = (prices, 0, -.infinity)
        var step = 1.0
        for _ in 0..<200 {
            var least = 0.0
            var cheapest = 0
            for (mask, travel) in sets {
                var reduced = Double(travel)
                var rest = mask
                while rest != 0 {
                    reduced -= prices[rest.trailingZeroBitCount]
                    rest &= rest - 1
                }
                if reduced < least {
                    least = reduced
                    cheapest = mask
                }
            }
            let value = prices.reduce(0, +) + Double(days) * least
            if value > best.value {
                best = (prices, least, value)
            } else {
                step *= 0.9
            }
            if value > Double(upper) - 1e-6 { break }
            let direction = (0..<count).map { 1 - Double(days) * Double((cheapest >> $0) & 1) }
            let norm = direction.reduce(0) { $0 + $1 * $1 }
            guard norm > 1e-9 else { break }
            let length = step * (Double(upper) - value) / norm
            for j in 0..<count { prices[j] += length * direction[j] }
        }
        return (best.prices, best.least)
    }
}
