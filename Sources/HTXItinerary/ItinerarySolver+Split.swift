extension ItinerarySolver {
    /// The most sites a group of days re-split exactly by `resplit` holds: more than `DaySolver.maximumPool`, which
    /// `regroup` takes, so that four or five full days can trade sites.
    static let maximumResplit = 20

    /// Re-splits groups of three to five nearby days whose sites are too many for `regroup`, at most
    /// `maximumResplit`: the plan of least travel over the same sites and days (`DaySolver.split`), kept when it
    /// drives less. The value's other terms stay as they were, since the same sites are visited. Returns whether it
    /// improved. Each split spends a unit of work per 400 labels and steps (about what one day solve takes), so
    /// the stop stays the same on every machine.
    func resplit(
        _ routes: inout [[Int]], budget: WorkBudget, day: ([Int]) -> (order: [Int], value: DaySolver.Value),
        tried: inout Set<[Int]>
    ) -> Bool {
        let solver = DaySolver(instance: instance)
        for group in nearbyGroups(routes, sizes: 3...5) {
            guard !budget.exhausted else { return false }
            let pool = group.flatMap { routes[$0] }
            guard pool.count > DaySolver.maximumPool, pool.count <= ItinerarySolver.maximumResplit else { continue }
            let signature = pool.sorted() + [-group.count]
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
}
