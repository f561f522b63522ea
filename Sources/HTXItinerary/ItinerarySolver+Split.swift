extension ItinerarySolver {
    /// The most sites a group of days re-split exactly by `resplit` holds: more than `DaySolver.maximumPool`, which
    /// `regroup` takes, so that four or five full days can trade sites.
    static let maximumResplit = 20

    /// Re-splits groups of three to five nearby days whose sites are too many for `regroup`, at most
    /// `maximumResplit`: the plan of least travel over the same sites and days (`DaySolver.split`), kept when it
    /// drives less. The value's other terms stay as they were, since the same sites are visited. Returns whether it
    /// improved. Each split spends a unit of work per 400 labels and steps (about what one day solve takes), so
    /// the stop stays the same on every machine.
    ///
    /// Smaller groups go first and, among groups of one size, the most entangled (`entanglement`): on a generated
    /// plan of 120 sites over 30 days, the first split that drove less was the 87th tried in the order of
    /// `nearbyGroups` and the 6th in this one; the one that saved 14 minutes came 21st, after 0.19 s of splits.
    func resplit(
        _ routes: inout [[Int]], budget: WorkBudget, day: ([Int]) -> (order: [Int], value: DaySolver.Value),
        tried: inout Set<[Int]>
    ) -> Bool {
        let solver = DaySolver(instance: instance)
        // The groups of a size to re-split and not split before, each with its sites' signature.
        typealias Candidate = (group: [Int], pool: [Int], signature: [Int], entangled: Double, index: Int)
        let groups = nearbyGroups(routes, sizes: 3...5).enumerated().compactMap { index, group -> Candidate? in
            let pool = group.flatMap { routes[$0] }
            guard pool.count > DaySolver.maximumPool, pool.count <= ItinerarySolver.maximumResplit else { return nil }
            let signature = pool.sorted() + [-group.count]
            guard !tried.contains(signature) else { return nil }
            return (group, pool, signature, entanglement(group, of: routes), index)
        }.sorted {
            ($0.group.count, -$0.entangled, $0.index) < ($1.group.count, -$1.entangled, $1.index)
        }
        for (group, pool, signature, _, _) in groups {
            guard !budget.exhausted else { return false }
            guard tried.insert(signature).inserted else { continue }
            let before = group.reduce(0) { $0 + day(routes[$1]).value.travel }
            var effort = 0
            // Days of at most `DaySolver.maximumPool` sites, as every day of the search is (each is solved again).
            let found = solver.split(
                visiting: pool, days: group.count, below: before, largestDay: DaySolver.maximumPool, effort: &effort,
                stop: { budget.exhausted })
            budget.spend(1 + effort / 400)
            guard case .found(_, let split) = found else { continue }
            let padded = split + Array(repeating: [], count: group.count - split.count)
            for (d, route) in zip(group, padded) { routes[d] = day(route).order }
            return true
        }
        return false
    }

    /// The share of the sites of `group`'s days whose nearest other site among them (by travel there and back; ties
    /// to the first met) is on another day: 0 for days apart, more as they mingle, where a re-split is likelier to
    /// find a better split.
    func entanglement(_ group: [Int], of routes: [[Int]]) -> Double {
        let travel = instance.travel
        var sites = 0
        var mingled = 0
        for d in group {
            for s in routes[d] {
                sites += 1
                var nearest = (travel: Int.max, day: d)
                for e in group {
                    for u in routes[e] where u != s {
                        let both = travel[s + 1][u + 1] + travel[u + 1][s + 1]
                        if both < nearest.travel { nearest = (both, e) }
                    }
                }
                if nearest.day != d { mingled += 1 }
            }
        }
        return sites == 0 ? 0 : Double(mingled) / Double(sites)
    }
}
