/// A lower bound on the travel of every plan that visits exactly a given set of sites within the instance's days: the
/// certificate beside a plan, which then says "optimal" or "within X % of optimal".
///
/// It is the Lagrangian bound of the set-partitioning model (each site of the set on exactly one day's route, at most
/// `days` routes). Give each site a price λ; a route's reduced cost is its travel less the prices of its visits; then
/// Σ λ + days × min(0, the least reduced cost of any route) is below the travel of every such plan, whatever the
/// prices. The least reduced cost is taken over more routes than a day can drive (a site may come back, though never
/// straight after itself, nor after one other site), which only lowers it, so the bound stays valid; the labelling
/// that finds it times every leg with the solver's own clock (grid, windows, lunch, the end of the day). The prices
/// are improved for a fixed number of rounds by subgradient steps on averaged routes (the volume algorithm of
/// Barahona and Anbil), so the same set gives the same bound on every run and machine.
public struct TravelBound: Sendable {
    public let instance: ItineraryInstance

    /// The rounds of price improvement by default: each solves one labelling over the set.
    public static let defaultRounds = 120

    public init(instance: ItineraryInstance) { self.instance = instance }

    /// The largest whole number of travel minutes that every plan visiting exactly the sites of `routes` (instance
    /// indexes; the plan's days) over at most `days` days must drive; `upper` is that plan's travel (the bound never
    /// exceeds it), so the rounds stop as soon as the bound reaches it.
    /// `stop` is asked every few thousand labels: once it says so, the rounds end with the best bound so far. Nil when
    /// no round finished, or when a site of the set takes no time at all (a visit of 0 minutes), where the
    /// labelling's routes could loop without end.
    public func lowerBound(
        routes: [[Int]], days: Int, upper: Int, rounds: Int = defaultRounds, stop: () -> Bool = { false }
    ) -> Int? {
        let sites = routes.flatMap { $0 }
        guard !sites.isEmpty, days > 0 else { return 0 }
        guard sites.allSatisfy({ instance.sites[$0].service > 0 }) else { return nil }
        let n = sites.count
        // Start from what reaching each site costs at least: from the start place or another site of the set.
        var prices = instance.leastTravelInto(sites).map(Double.init)
        var best: Double?
        var averaged: [Double]?
        var step = 0.05
        var previous = -Double.infinity
        for _ in 0..<rounds {
            guard let route = cheapestRoute(sites, prices: prices, stop: stop) else { break }
            let value = prices.reduce(0, +) + Double(days) * min(0, route.cost)
            best = max(best ?? 0, value)
            if value > Double(upper) - 1e-6 { break }
            // The direction: what the cheapest distinct routes (at most one per last site, at most `days`) would
            // cover, averaged over the rounds. Only the value above is the bound, so any direction keeps it valid.
            var visits = [Double](repeating: 0, count: n)
            for other in route.negative.prefix(days) { for position in other.visits { visits[position] += 1 } }
            let mean = averaged.map { zip($0, visits).map { 0.9 * $0 + 0.1 * $1 } } ?? visits
            averaged = mean
            let direction = mean.map { 1 - $0 }
            let norm = direction.reduce(0) { $0 + $1 * $1 }
            guard norm > 1e-9 else { break }
            step = value > previous ? min(step * 1.1, 2) : step * 0.8
            previous = value
            let length = step * (Double(upper) - value) / norm
            for position in 0..<n { prices[position] += length * direction[position] }
        }
        return best.map { min(upper, Int(($0 - 1e-6).rounded(.up))) }
    }

    /// One label: a partial day that has just left a site (or the start place) at `time`.
    struct Label {
        var time: Int
        var cost: Double
        /// The position in the set of the site just left, -1 for the start place.
        var at: Int32
        var parent: Int32
        var lunch: Bool
    }

    /// The labels of one labelling, each in the list of its departure minute (a linked list through `next`).
    struct LabelStore {
        let dayStart: Int
        let dayEnd: Int
        let lunchLatest: Int
        var labels: [Label] = []
        var next: [Int32] = []
        /// The last label pushed at each minute of the day, -1 for none.
        var head: [Int32]

        init(dayStart: Int, dayEnd: Int, lunchLatest: Int) {
            self.dayStart = dayStart
            self.dayEnd = dayEnd
            self.lunchLatest = lunchLatest
            head = [Int32](repeating: -1, count: dayEnd - dayStart + 1)
            labels.reserveCapacity(1 << 16)
            next.reserveCapacity(1 << 16)
        }

        /// Adds a label that leaves by the end of the day (any other cannot get back in time), and, with lunch still
        /// ahead, by lunch's latest start (any other can never take it).
        mutating func push(_ label: Label) {
            guard label.time <= dayEnd, label.lunch || label.time <= lunchLatest else { return }
            let slot = label.time - dayStart
            labels.append(label)
            next.append(head[slot])
            head[slot] = Int32(labels.count - 1)
        }
    }

    /// The day route of least reduced cost (travel less `prices`) over the positions of `sites`, at least one visit,
    /// with a site allowed again after two others; nil when no site can be visited in a day, or `stop` said so.
    func cheapestRoute(
        _ sites: [Int], prices: [Double], stop: () -> Bool = { false }
    ) -> (cost: Double, visits: [Int], negative: [(cost: Double, visits: [Int])])? {
        let n = sites.count
        let travel = instance.travel
        let lunch = instance.lunch
        let dayStart = instance.onGrid(instance.dayStart)
        let dayEnd = instance.dayEnd
        guard dayEnd >= dayStart else { return nil }
        // Each site's visit and windows in flat arrays, read in the inner loop without touching the instance's sites.
        let service = sites.map { instance.sites[$0].service }
        var windowStart: [Int] = []
        var windowEnd: [Int] = []
        var windowRange: [Range<Int>] = []
        for site in sites {
            let lower = windowStart.count
            for window in instance.sites[site].windows {
                windowStart.append(window.start)
                windowEnd.append(window.end)
            }
            windowRange.append(lower..<windowStart.count)
        }
        /// When the visit to position `j` ends, starting as soon as it may once ready at `ready` (as `visitStart`).
        func departure(_ j: Int, _ ready: Int) -> Int? {
            for w in windowRange[j] {
                let start = instance.onGrid(max(ready, windowStart[w]))
                let end = instance.onGrid(start + service[j])
                if end <= windowEnd[w] { return end }
            }
            return nil
        }
        var store = LabelStore(dayStart: dayStart, dayEnd: dayEnd, lunchLatest: lunch.latest)
        store.push(Label(time: dayStart, cost: 0, at: -1, parent: -1, lunch: false))
        if let first = instance.lunchAtStart(from: dayStart) {
            store.push(Label(time: first + lunch.minutes, cost: 0, at: -1, parent: -1, lunch: true))
        }
        // Per (site, lunch taken): the least cost settled so far and the site before it, and the least cost with
        // another site before it. Labels are settled in time order, so a new label is beaten by an earlier one that
        // costs no more and came from the same site, or by two that came from different sites.
        var first = [Double](repeating: .infinity, count: 2 * n)
        var firstFrom = [Int32](repeating: -2, count: 2 * n)
        var second = [Double](repeating: .infinity, count: 2 * n)
        var bestEnd: (cost: Double, label: Int)?
        var closing = [(cost: Double, label: Int)](repeating: (.infinity, -1), count: n)
        // Every visit takes time, so a label only ever goes to a later bucket.
        for slot in store.head.indices {
            var cursor = store.head[slot]
            while cursor >= 0 {
                let index32 = cursor
                let index = Int(index32)
                if index & 4095 == 4095 && stop() { return nil }
                let label = store.labels[index]
                cursor = store.next[index]
                let before = label.parent >= 0 ? store.labels[Int(label.parent)].at : -1
                let from = label.at < 0 ? 0 : sites[Int(label.at)] + 1
                if label.at >= 0 {
                    let state = Int(label.at) * 2 + (label.lunch ? 1 : 0)
                    // Lunch behind is never worse than lunch ahead, so a label with lunch ahead is also beaten by
                    // those with it behind.
                    func beaten(_ state: Int) -> Bool {
                        first[state] <= label.cost && (firstFrom[state] == before || second[state] <= label.cost)
                    }
                    if beaten(state) || (!label.lunch && beaten(state + 1)) { continue }
                    if label.cost < first[state] {
                        if firstFrom[state] != before { second[state] = first[state] }
                        first[state] = label.cost
                        firstFrom[state] = before
                    } else if firstFrom[state] != before && label.cost < second[state] {
                        second[state] = label.cost
                    }
                    // Close the day: back to the start place, with lunch there if not yet taken.
                    let home = instance.onGrid(label.time + travel[from][0])
                    let closes =
                        label.lunch
                        ? home <= dayEnd
                        : instance.lunchAtStart(from: home).map { $0 + lunch.minutes <= dayEnd } ?? false
                    let cost = label.cost + Double(travel[from][0])
                    if closes && cost < (bestEnd?.cost ?? .infinity) { bestEnd = (cost, index) }
                    if closes && cost < closing[Int(label.at)].cost { closing[Int(label.at)] = (cost, index) }
                }
                let lunchLegs = !label.lunch && label.at >= 0
                let row = travel[from]
                for j in 0..<n where j != Int(label.at) && j != Int(before) {
                    let minutes = row[sites[j] + 1]
                    let cost = label.cost + Double(minutes) - prices[j]
                    if let leg = instance.leg(leaving: label.time, minutes: minutes, lunch: false),
                        let depart = departure(j, leg.ready)
                    {
                        store.push(Label(time: depart, cost: cost, at: Int32(j), parent: index32, lunch: label.lunch))
                    }
                    if lunchLegs, let leg = instance.leg(leaving: label.time, minutes: minutes, lunch: true),
                        let depart = departure(j, leg.ready)
                    {
                        store.push(Label(time: depart, cost: cost, at: Int32(j), parent: index32, lunch: true))
                    }
                }
            }
        }
        guard let bestEnd else { return nil }
        func visits(_ label: Int) -> [Int] {
            var visits: [Int] = []
            var cursor = label
            while cursor >= 0, store.labels[cursor].at >= 0 {
                visits.append(Int(store.labels[cursor].at))
                cursor = Int(store.labels[cursor].parent)
            }
            return visits.reversed()
        }
        var others: [(cost: Double, visits: [Int])] = []
        var seen = Set<[Int]>()
        for end in closing.sorted(by: { $0.cost < $1.cost }) where end.cost < 0 {
            let route = visits(end.label)
            if seen.insert(route).inserted { others.append((end.cost, route)) }
        }
        return (bestEnd.cost, visits(bestEnd.label), others)
    }
}
