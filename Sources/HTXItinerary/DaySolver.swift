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
    /// The largest pool `solve(pool:stop:)` takes: only the states a day reaches are kept, so one day over 30 sites
    /// (six visited) is solved in 0.3 s, measured on the shared instances; over 50 sites (eight visited) it took 5 s
    /// and 450 MB, beyond the limits a plan is made in.
    public static let maximumProvenPool = 30
    /// The most labels `solve(pool:stop:)` keeps before it gives up: about 64 MB of them.
    public static let maximumLabels = 2_000_000

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

    /// One partial route: when it leaves its last site and what it has driven, in 32-bit fields so that the
    /// labels of a large pool stay small.
    struct Label {
        var time: Int32
        var travel: Int32
        var parent: Int32
        var site: Int16
        /// The next label of the same state, in the order they were added (-1: the last).
        var next: Int32 = -1
    }

    /// The best day over `pool` (site indexes, at most `maximumPool`): its order and value.
    public func solve(pool: [Int]) -> (order: [Int], value: Value) {
        precondition(pool.count <= DaySolver.maximumPool, "pool too large for the exact day solver")
        guard !pool.isEmpty else { return ([], .empty) }
        // The route of most value; on a tie the one of the smallest set mask, and in one set the first recorded, as a
        // pass over `bestRouteTable` by mask would pick it, without making a route for every set.
        var best: (value: Value, mask: Int, label: Int) = (.empty, 0, -1)
        let labels = labelRoutes(pool: pool, sparse: false) { mask, value, label in
            if best.value < value || (!(value < best.value) && mask < best.mask) { best = (value, mask, label) }
        }
        return (DaySolver.order(ending: best.label, in: labels ?? []), best.value)
    }

    /// The best day over `pool` (site indexes, at most `maximumProvenPool`), exactly; nil when `stop` said so first,
    /// or when the routes a day can drive through the pool need more than `maximumLabels` labels.
    public func solve(pool: [Int], stop: () -> Bool) -> (order: [Int], value: Value)? {
        precondition(pool.count <= DaySolver.maximumProvenPool, "pool too large for the exact day solver")
        var best: (value: Value, label: Int) = (.empty, -1)
        let labels = labelRoutes(pool: pool, sparse: pool.count > DaySolver.maximumPool, stop: stop) {
            _, value, label in
            if best.value < value { best = (value, label) }
        }
        guard let labels else { return nil }
        return (DaySolver.order(ending: best.label, in: labels), best.value)
    }

    /// For every set of pool sites one day can visit, the best route through exactly that set, indexed by the set's
    /// bit mask (bit i for `pool[i]`).
    func bestRouteTable(pool: [Int]) -> RouteTable {
        precondition(pool.count <= DaySolver.maximumPool, "pool too large for the exact day solver")
        var table = RouteTable(
            values: [Value?](repeating: nil, count: 1 << pool.count),
            ends: [Int32](repeating: -1, count: 1 << pool.count),
            labels: [])
        table.values[0] = .empty
        guard !pool.isEmpty else { return table }
        table.labels =
            labelRoutes(pool: pool, sparse: false) { mask, value, label in
                if table.values[mask].map({ $0 < value }) ?? true {
                    table.values[mask] = value
                    table.ends[mask] = Int32(label)
                }
            } ?? []
        return table
    }

    /// The labelling behind the exact solves: every route from the start place through the pool that a day can
    /// drive, as labels, each complete route handed to `record` with its set's mask, its value and its last label.
    /// `sparse` keeps the states of each level in a table of those reached (for pools beyond `maximumPool`, whose
    /// every state would not fit in memory); otherwise in arrays indexed by state. Nil when `stop` said so (asked
    /// every few thousand labels) or, when `sparse`, the labels passed `maximumLabels` (a pool the dense arrays
    /// take is bounded by them already).
    ///
    /// With a `cut`, only the routes that can belong to a plan over the whole pool driving less than `below` are
    /// kept: a partial route of travel T through a set M leads to no plan cheaper than T plus the least way into
    /// (`into`, from the start place or another pool site) each site not in M, since each of those is still reached
    /// once, by this day or another.
    func labelRoutes(
        pool: [Int], sparse: Bool, cut: (into: [Int], below: Int)? = nil, stop: () -> Bool = { false },
        record: (Int, Value, Int) -> Void
    ) -> [Label]? {
        let m = pool.count
        // Without a cut, every way in costs nothing and no plan reaches the limit.
        let into = cut?.into ?? Array(repeating: 0, count: m)
        let intoAll = into.reduce(0, +)
        let below = cut?.below ?? Int.max
        let lunch = instance.lunch
        var labels: [Label] = []
        labels.reserveCapacity(4096)
        // The labels of each state (mask, last, lunch taken) as a list linked through `Label.next`, oldest first,
        // with its first (`head`) and last (`tail`) label: no array per state, so a small pool's solve allocates
        // almost nothing. Each level holds the states with k visits, as (key, slot): the slot is the key itself in
        // the dense arrays, or the state's place in the arrays grown as states are reached.
        var head = [Int32](repeating: -1, count: sparse ? 0 : (1 << m) * (m + 1) * 2)
        var tail = head
        var slots = IntTable<Int>(capacity: sparse ? 1 << 12 : 0)
        func key(_ mask: Int, _ last: Int, _ lunchTaken: Bool) -> Int {
            (mask * (m + 1) + last) * 2 + (lunchTaken ? 1 : 0)
        }
        /// Adds `label` to the state unless one of its labels is as early and as cheap; drops those it beats.
        func add(_ key: Int, _ label: Label, into next: inout [(key: Int, slot: Int)]) {
            let slot: Int
            if sparse {
                if let known = slots[key] {
                    slot = known
                } else {
                    slot = head.count
                    head.append(-1)
                    tail.append(-1)
                    slots[key] = slot
                }
            } else {
                slot = key
            }
            var cursor = head[slot]
            while cursor >= 0 {
                let other = labels[Int(cursor)]
                if other.time <= label.time && other.travel <= label.travel { return }
                cursor = other.next
            }
            if head[slot] < 0 { next.append((key, slot)) }
            var previous: Int32 = -1
            cursor = head[slot]
            while cursor >= 0 {
                let other = labels[Int(cursor)]
                if other.time >= label.time && other.travel >= label.travel {
                    if previous < 0 { head[slot] = other.next } else { labels[Int(previous)].next = other.next }
                    if tail[slot] == cursor { tail[slot] = previous }
                } else {
                    previous = cursor
                }
                cursor = other.next
            }
            let index = Int32(labels.count)
            labels.append(label)
            if tail[slot] < 0 { head[slot] = index } else { labels[Int(tail[slot])].next = index }
            tail[slot] = index
        }
        // Start: leave at the day's start, or after lunch at the start place.
        var level: [(key: Int, slot: Int)] = []
        let dayStart = instance.onGrid(instance.dayStart)
        add(key(0, m, false), Label(time: Int32(dayStart), travel: 0, parent: -1, site: -1), into: &level)
        if let lunchFirst = instance.lunchAtStart(from: dayStart) {
            add(
                key(0, m, true), Label(time: Int32(lunchFirst + lunch.minutes), travel: 0, parent: -1, site: -1),
                into: &level)
        }
        let times = PoolTimes(pool: pool, instance: instance)
        let mustVisit = pool.map { instance.sites[$0].mustVisit }
        let priority = pool.map { instance.sites[$0].mustVisit ? 0 : instance.sites[$0].priority }
        func value(_ mask: Int, travel: Int) -> Value {
            var value = Value(must: 0, priority: 0, travel: travel)
            var rest = mask
            while rest != 0 {
                let j = rest.trailingZeroBitCount
                value.must += mustVisit[j] ? 1 : 0
                value.priority += priority[j]
                rest &= rest - 1
            }
            return value
        }
        var expanded = 0
        while !level.isEmpty {
            var next: [(key: Int, slot: Int)] = []
            if sparse { slots.removeAll() }
            for state in level {
                let lunchTaken = state.key % 2 == 1
                let last = (state.key / 2) % (m + 1)
                let mask = (state.key / 2) / (m + 1)
                // The least way into the sites not yet visited (0 without a cut).
                var rest = intoAll
                var bits = cut == nil ? 0 : mask
                while bits != 0 {
                    rest -= into[bits.trailingZeroBitCount]
                    bits &= bits - 1
                }
                var cursor = head[state.slot]
                while cursor >= 0 {
                    let index = Int(cursor)
                    let label = labels[index]
                    let time = Int(label.time)
                    let driven = Int(label.travel)
                    cursor = label.next
                    expanded += 1
                    if (sparse && labels.count > DaySolver.maximumLabels) || (expanded & 4095 == 0 && stop()) {
                        return nil
                    }
                    // Close the day: go back, with lunch after returning if not yet taken.
                    if mask != 0, times.closes(from: last, at: time, lunchTaken: lunchTaken) {
                        record(mask, value(mask, travel: driven + times.leg(last, m)), index)
                    }
                    for j in 0..<m where mask & (1 << j) == 0 {
                        let minutes = times.leg(last, j)
                        if driven + minutes + rest - into[j] >= below { continue }
                        let bit = mask | (1 << j)
                        if let leaves = times.leave(j, leaving: time, minutes: minutes, lunch: false) {
                            add(
                                key(bit, j, lunchTaken),
                                Label(
                                    time: Int32(leaves), travel: Int32(driven + minutes), parent: Int32(index),
                                    site: Int16(pool[j])), into: &next)
                        }
                        if !lunchTaken, mask != 0,
                            let leaves = times.leave(j, leaving: time, minutes: minutes, lunch: true)
                        {
                            add(
                                key(bit, j, true),
                                Label(
                                    time: Int32(leaves), travel: Int32(driven + minutes), parent: Int32(index),
                                    site: Int16(pool[j])), into: &next)
                        }
                    }
                }
            }
            level = next
        }
        return labels
    }

    /// The best route of each set of a pool's sites, by the set's bit mask: its value (nil where no day visits
    /// exactly that set) and its last label, whose route is made only when asked for.
    struct RouteTable {
        var values: [Value?]
        var ends: [Int32]
        var labels: [Label]

        /// The sites of the best route through the set `mask`, in the order visited (none where there is none).
        func order(_ mask: Int) -> [Int] { DaySolver.order(ending: Int(ends[mask]), in: labels) }
    }

    /// The sites of the route that ends at `label`, in the order visited (none for -1).
    static func order(ending label: Int, in labels: [Label]) -> [Int] {
        var order: [Int] = []
        var cursor = label
        while cursor >= 0, labels[cursor].site >= 0 {
            order.append(Int(labels[cursor].site))
            cursor = Int(labels[cursor].parent)
        }
        return order.reversed()
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
            result.append(routes.order(t))
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
    ) -> (layer: [Value?], choices: [[Int32]], routes: RouteTable) {
        let routes = bestRouteTable(pool: pool)
        let values = routes.values
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
                    if let day = values[t] {
                        let union = covered | t
                        let total = value + day
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
