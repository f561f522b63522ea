extension ItineraryInstance {
    /// The least travel into each of `sites` (instance indexes) from the start place or another of them: what any
    /// plan through exactly those sites spends at least to reach each one once.
    func leastTravelInto(_ sites: [Int]) -> [Int] {
        sites.map { site in
            ([0] + sites.filter { $0 != site }.map { $0 + 1 }).map { travel[$0][site + 1] }.min() ?? 0
        }
    }
}
