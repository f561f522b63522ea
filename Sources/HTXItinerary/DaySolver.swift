import HTXCore

/// The exact solver for one day: the best set and order of sites from a pool of at most `maximumPool`.
///
/// A dynamic programme over (visited set, last site, lunch taken yet) keeps, for every state, the Pareto set of
/// (departure time, travel minutes) labels: waiting is free, so an earlier departure is never worse, and a
/// cheaper path is kept while it might still be the best one. Every complete route is scored by the objective
/// of SPEC §6 — must-visit sites first, then summed priority of optional sites, then least travel — so the
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
    }

    /// The best day over `pool` (site indexes, at most `maximumPool`): its order and value.
    public func solve(pool: [Int]) -> (order: [Int], value: Value) {
        let all = bestRoutes(pool: pool)
        guard let best = all.values.max(by: { $0.value < $1.value }) else { return ([], .empty) }
        return best.value < .empty ? ([], .empty) : best
    }

    /// For every set of pool sites one day can visit, the best route through exactly that set (key: bit i for `pool[i]`).
    public func bestRoutes(pool: [Int]) -> [Int: (order: [Int], value: Value)] {
        precondition(pool.count <= DaySolver.maximumPool, "pool too large for the exact day solver")
        let m = pool.count
        guard m > 0 else { return [0: ([], .empty)] }
        let lunch = instance.lunch
        let travel = instance.travel
        var labels: [Label] = []
        // States keyed by (mask, last, lunch); level k holds the states with k visits.
        var level: [Int: [Int]] = [:]
        func key(_ mask: Int, _ last: Int, _ lunchTaken: Bool) -> Int { (mask * (m + 1) + last) * 2 + (lunchTaken ? 1 : 0) }
        func add(_ key: Int, _ label: Label, into states: inout [Int: [Int]]) {
            var list = states[key] ?? []
            if list.contains(where: { labels[$0].time <= label.time && labels[$0].travel <= label.travel }) { return }
            list.removeAll { labels[$0].time >= label.time && labels[$0].travel >= label.travel }
            labels.append(label)
            list.append(labels.count - 1)
            states[key] = list
        }
        // Start: leave at the day's start, or after lunch at the start place.
        labels.append(Label(time: instance.dayStart, travel: 0, parent: -1, site: -1))
        level[key(0, m, false)] = [0]
        let lunchFirst = max(instance.dayStart, lunch.earliest)
        if lunchFirst <= lunch.latest {
            labels.append(Label(time: lunchFirst + lunch.minutes, travel: 0, parent: -1, site: -1))
            level[key(0, m, true)] = [1]
        }
        var bestByMask: [Int: (value: Value, label: Int)] = [0: (.empty, -1)]
        func value(_ mask: Int, _ travelled: Int) -> Value {
            var v = Value(must: 0, priority: 0, travel: travelled)
            for i in 0..<m where mask & (1 << i) != 0 {
                if instance.sites[pool[i]].mustVisit { v.must += 1 } else { v.priority += instance.sites[pool[i]].priority }
            }
            return v
        }
        for _ in 0...m {
            var next: [Int: [Int]] = [:]
            for (stateKey, list) in level {
                let lunchTaken = stateKey % 2 == 1
                let last = (stateKey / 2) % (m + 1)
                let mask = (stateKey / 2) / (m + 1)
                let from = last == m ? 0 : pool[last] + 1
                for index in list {
                    let label = labels[index]
                    // Close the day: go back, with lunch after returning if not yet taken.
                    if mask != 0 {
                        let back = travel[from][0]
                        let home = label.time + back
                        let ok = lunchTaken ? home <= instance.dayEnd
                            : max(home, lunch.earliest) <= lunch.latest && max(home, lunch.earliest) + lunch.minutes <= instance.dayEnd
                        if ok {
                            let v = value(mask, label.travel + back)
                            if bestByMask[mask] == nil || bestByMask[mask]!.value < v { bestByMask[mask] = (v, index) }
                        }
                    }
                    for j in 0..<m where mask & (1 << j) == 0 {
                        let site = instance.sites[pool[j]]
                        let minutes = travel[from][pool[j] + 1]
                        if let start = site.earliestStart(readyAt: label.time + minutes) {
                            add(key(mask | (1 << j), j, lunchTaken),
                                Label(time: start + site.service, travel: label.travel + minutes, parent: Int32(index), site: Int16(pool[j])), into: &next)
                        }
                        if !lunchTaken, mask != 0, max(label.time, lunch.earliest) <= lunch.latest,
                           let start = site.earliestStart(readyAt: max(label.time + minutes, lunch.earliest) + lunch.minutes) {
                            add(key(mask | (1 << j), j, true),
                                Label(time: start + site.service, travel: label.travel + minutes, parent: Int32(index), site: Int16(pool[j])), into: &next)
                        }
                    }
                }
            }
            level = next
            if level.isEmpty { break }
        }
        return bestByMask.mapValues { entry in
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
    /// from one `bestRoutes` run, then a dynamic programme over subsets splits the pool between the days.
    public func solve(pool: [Int], days: Int) -> (routes: [[Int]], value: Value) {
        let routes = bestRoutes(pool: pool)
        let full = (1 << pool.count) - 1
        // layer[S]: best value of covering exactly S with the days so far, and the last day's set.
        var layer: [Int: Value] = [0: .empty]
        var choices: [[Int: Int]] = []
        for _ in 0..<days {
            var next: [Int: Value] = [:]
            var choice: [Int: Int] = [:]
            for (covered, value) in layer {
                let free = full & ~covered
                var t = free
                while true {
                    if let day = routes[t] {
                        let union = covered | t
                        let total = value + day.value
                        if next[union] == nil || next[union]! < total { next[union] = total; choice[union] = t }
                    }
                    if t == 0 { break }
                    t = (t - 1) & free
                }
            }
            layer = next
            choices.append(choice)
        }
        guard let (end, value) = layer.max(by: { $0.value < $1.value }) else { return (Array(repeating: [], count: days), .empty) }
        var result: [[Int]] = []
        var covered = end
        for choice in choices.reversed() {
            let t = choice[covered]!
            result.append(routes[t]!.order)
            covered &= ~t
        }
        return (result.reversed(), value)
    }
}
