import HTXCore

/// The exact solver for one day: the best set and order of sites from a pool of at most `maximumPool`.
///
/// A dynamic programme over (visited set, last site, lunch taken yet) keeps, for every state, the Pareto set of
/// (departure time, travel minutes) labels: waiting is free, so an earlier departure is never worse, and a
/// cheaper path is kept while it might still be the best one. Every complete route is scored by the objective
/// of docs/CONTRACT.md §4 — must-visit sites first, then summed priority of optional sites, then least travel — so the
/// answer is optimal over the pool, not just good.
public struct DaySolver: Sendable {
    public let instance: ItineraryInstance
    /// The largest pool solved exactly: 2^12 sets × 12 last sites × 2 lunch states.
    public static let maximumPool = 12

    public init(instance: ItineraryInstance) { self.instance = instance }

    /// The lexicographic value of a day: must-visit sites, optional priority, then least travel.
    public struct Value: Comparable, Sendable {
        public var must: Int
        public var priority: Int
        public var travel: Int

        public static let empty = Value(must: 0, priority: 0, travel: 0)

        public static func < (a: Value, b: Value) -> Bool {
            if a.must != b.must { return a.must < b.must }
            if a.priority != b.priority { return a.priority < b.priority }
            return a.travel > b.travel
        }

        public static func + (a: Value, b: Value) -> Value {
            Value(must: a.must + b.must, priority: a.priority + b.priority, travel: a.travel + b.travel)
        }
    }

    struct Label {
        var time: Int
        var travel: Int
        var parent: Int32
        var site: Int16
        /// The next label of the same state, in the order they were added (-1: the last).
        var next: Int32 = -1
    }

    /// The best day over `pool` (site indexes, at most `maximumPool`): its order and value.
    public func solve(pool: [Int]) -> (order: [Int], value: Value) {
        var best: (order: [Int], value: Value) = ([], .empty)
        for entry in bestRouteTable(pool: pool) { if let entry, best.value < entry.value { best = entry } }
        return best
    }

    /// For every set of pool sites one day can visit, the best route through exactly that set, indexed by the set's
    /// bit mask (bit i for `pool[i]`; nil where no day visits exactly that set).
    func bestRouteTable(pool: [Int]) -> [(order: [Int], value: Value)?] {
        precondition(pool.count <= DaySolver.maximumPool, "pool too large for the exact day solver")
        let m = pool.count
        guard m > 0 else { return [([], .empty)] }
        let lunch = instance.lunch
        let travel = instance.travel
        var labels: [Label] = []
        labels.reserveCapacity(4096)
        // The labels of each state (mask, last, lunch taken) as a list linked through `Label.next`, oldest first,
        // with its first (`head`) and last (`tail`) label: no array per state, so a small pool's solve allocates
        // almost nothing. Each level holds the states with k visits.
        let stateCount = (1 << m) * (m + 1) * 2
        var head = [Int32](repeating: -1, count: stateCount)
        var tail = [Int32](repeating: -1, count: stateCount)
        func key(_ mask: Int, _ last: Int, _ lunchTaken: Bool) -> Int {
            (mask * (m + 1) + last) * 2 + (lunchTaken ? 1 : 0)
        }
        /// Adds `label` to the state unless one of its labels is as early and as cheap; drops those it beats.
        func add(_ key: Int, _ label: Label, into next: inout [Int]) {
            var cursor = head[key]
            while cursor >= 0 {
                let other = labels[Int(cursor)]
                if other.time <= label.time && other.travel <= label.travel { return }
                cursor = other.next
            }
            if head[key] < 0 { next.append(key) }
            var previous: Int32 = -1
            cursor = head[key]
            while cursor >= 0 {
                let other = labels[Int(cursor)]
                if other.time >= label.time && other.travel >= label.travel {
                    if previous < 0 { head[key] = other.next } else { labels[Int(previous)].next = other.next }
                    if tail[key] == cursor { tail[key] = previous }
                } else {
                    previous = cursor
                }
                cursor = other.next
            }
            let index = Int32(labels.count)
            labels.append(label)
            if tail[key] < 0 { head[key] = index } else { labels[Int(tail[key])].next = index }
            tail[key] = index
        }
        // Start: leave at the day's start, or after lunch at the start place.
        var level: [Int] = []
        let dayStart = instance.onGrid(instance.dayStart)
        add(key(0, m, false), Label(time: dayStart, travel: 0, parent: -1, site: -1), into: &level)
        if let lunchFirst = instance.lunchAtStart(from: dayStart) {
            add(key(0, m, true), Label(time: lunchFirst + lunch.minutes, travel: 0, parent: -1, site: -1), into: &level)
        }
        // What the inner loop reads of each pool site, read once: a site is a large value (its place's names,
        // its windows), and taking it out of the instance for every label and next site copied it each time.
        let service = pool.map { instance.sites[$0].service }
        let windows = pool.map { instance.sites[$0].windows }
        // `ItineraryInstance.visitStart`, over the values read above.
        func visitStart(_ j: Int, readyAt ready: Int) -> Int? {
            for window in windows[j] {
                let start = instance.onGrid(max(ready, window.start))
                if instance.onGrid(start + service[j]) <= window.end { return start }
            }
            return nil
        }
        var must = [Int](repeating: 0, count: 1 << m)
        var priority = [Int](repeating: 0, count: 1 << m)
        for mask in 1..<(1 << m) {
            let low = mask.trailingZeroBitCount
            let site = instance.sites[pool[low]]
            must[mask] = must[mask & (mask - 1)] + (site.mustVisit ? 1 : 0)
            priority[mask] = priority[mask & (mask - 1)] + (site.mustVisit ? 0 : site.priority)
        }
        var best = [(value: Value, label: Int)?](repeating: nil, count: 1 << m)
        best[0] = (.empty, -1)
        while !level.isEmpty {
            var next: [Int] = []
            for stateKey in level {
                let lunchTaken = stateKey % 2 == 1
                let last = (stateKey / 2) % (m + 1)
                let mask = (stateKey / 2) / (m + 1)
                let from = last == m ? 0 : pool[last] + 1
                var cursor = head[stateKey]
                while cursor >= 0 {
                    let index = Int(cursor)
                    let label = labels[index]
                    cursor = label.next
                    // Close the day: go back, with lunch after returning if not yet taken.
                    if mask != 0 {
                        let home = instance.onGrid(label.time + travel[from][0])
                        let ok =
                            lunchTaken
                            ? home <= instance.dayEnd
                            : instance.lunchAtStart(from: home).map { $0 + lunch.minutes <= instance.dayEnd } ?? false
                        if ok {
                            let v = Value(
                                must: must[mask], priority: priority[mask], travel: label.travel + travel[from][0])
                            if best[mask].map({ $0.value < v }) ?? true { best[mask] = (v, index) }
                        }
                    }
                    for j in 0..<m where mask & (1 << j) == 0 {
                        let minutes = travel[from][pool[j] + 1]
                        if let leg = instance.leg(leaving: label.time, minutes: minutes, lunch: false),
                            let start = visitStart(j, readyAt: leg.ready)
                        {
                            add(
                                key(mask | (1 << j), j, lunchTaken),
                                Label(
                                    time: instance.onGrid(start + service[j]), travel: label.travel + minutes,
                                    parent: Int32(index), site: Int16(pool[j])), into: &next)
                        }
                        if !lunchTaken, mask != 0,
                            let leg = instance.leg(leaving: label.time, minutes: minutes, lunch: true),
                            let start = visitStart(j, readyAt: leg.ready)
                        {
                            add(
                                key(mask | (1 << j), j, true),
                                Label(
                                    time: instance.onGrid(start + service[j]), travel: label.travel + minutes,
                                    parent: Int32(index), site: Int16(pool[j])), into: &next)
                        }
                    }
                }
            }
            level = next
        }
        return best.map { entry in
            guard let entry else { return nil }
            var order: [Int] = []
            var cursor = entry.label
            while cursor >= 0, labels[cursor].site >= 0 {
                order.append(Int(labels[cursor].site))
                cursor = Int(labels[cursor].parent)
            }
            return (order.reversed(), entry.value)
        }
    }
}

extension DaySolver {
    /// The best plan of `pool` (at most `maximumPool` sites) over `days` days, exactly: every feasible day is known
    /// from one `bestRouteTable` run, then a dynamic programme over subsets splits the pool between the days.
    public func solve(pool: [Int], days: Int) -> (routes: [[Int]], value: Value) {
        let (layer, choices, routes) = coverings(pool: pool, days: days)
        let size = 1 << pool.count
        var end = 0
        for s in 0..<size {
            guard let candidate = layer[s] else { continue }
            if layer[end].map({ $0 < candidate }) ?? true { end = s }
        }
        guard let value = layer[end] else { return (Array(repeating: [], count: days), .empty) }
        var result: [[Int]] = []
        var covered = end
        for choice in choices.reversed() {
            let t = Int(choice[covered])
            result.append(routes[t]?.order ?? [])
            covered &= ~t
        }
        return (result.reversed(), value)
    }

    /// The least travel of any plan that visits every site of `pool` (at most `maximumPool`) within `days` days, or
    /// nil when no plan visits them all.
    public func leastTravel(visiting pool: [Int], days: Int) -> Int? {
        coverings(pool: pool, days: days).layer[(1 << pool.count) - 1]?.travel
    }

    /// The subset programme behind `solve(pool:days:)`: the best value of covering exactly each set of pool sites
    /// within the days, the last day's set for each after every day, and the best route of each set.
    func coverings(
        pool: [Int], days: Int
    ) -> (layer: [Value?], choices: [[Int32]], routes: [(order: [Int], value: Value)?]) {
        let routes = bestRouteTable(pool: pool)
        let size = 1 << pool.count
        let full = size - 1
        // layer[S]: best value of covering exactly S with the days so far; choice[d][S]: the last day's set.
        var layer = [Value?](repeating: nil, count: size)
        layer[0] = .empty
        var choices: [[Int32]] = []
        for _ in 0..<days {
            var next = [Value?](repeating: nil, count: size)
            var choice = [Int32](repeating: -1, count: size)
            for covered in 0..<size {
                guard let value = layer[covered] else { continue }
                let free = full & ~covered
                var t = free
                while true {
                    if let day = routes[t] {
                        let union = covered | t
                        let total = value + day.value
                        if next[union].map({ $0 < total }) ?? true {
                            next[union] = total
                            choice[union] = Int32(t)
                        }
                    }
                    if t == 0 { break }
                    t = (t - 1) & free
                }
            }
            layer = next
            choices.append(choice)
        }
        return (layer, choices, routes)
    }
}
