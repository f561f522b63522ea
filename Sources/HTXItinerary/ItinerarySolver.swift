import Foundation
import HTXCore

/// A solved itinerary: one schedule per day, the sites left out with the reason, and the objective's value.
public struct ItinerarySolution: Sendable {
    public var days: [DaySchedule]
    public var dropped: [(site: Int, reason: Message)]
    public var value: DaySolver.Value
    /// Whether the answer is proven optimal: at most `DaySolver.maximumPool` sites; one day over at most
    /// `DaySolver.maximumProvenPool` solved exactly within the limit; several days through every one of at most
    /// `DaySolver.maximumProvenPlan` sites split exactly within the limit; or every site visited (each counting) with
    /// travel at its bound.
    public var optimal: Bool
    /// The least travel any plan visiting exactly these sites within the days must drive, as proven (`TravelBound`,
    /// or exactly for at most `DaySolver.maximumPool` sites, or by the exact split up to
    /// `DaySolver.maximumProvenPlan`); nil when not computed.
    public var travelBound: Int?

    public init(
        days: [DaySchedule], dropped: [(site: Int, reason: Message)], value: DaySolver.Value, optimal: Bool,
        travelBound: Int? = nil
    ) {
        self.days = days
        self.dropped = dropped
        self.value = value
        self.optimal = optimal
        self.travelBound = travelBound
    }
}

/// Plans the whole instance: exactly when it has at most 12 sites (every feasible day, then the best split between
/// days); otherwise a local search over which sites go on which day, each day always solved exactly by `DaySolver`
/// (moves, swaps and insertions between days and the unvisited sites), then large-neighbourhood steps that
/// re-solve two to four neighbouring days together exactly, exact re-splits of three to five fuller days, and ruin
/// and recreate; stopped by a work budget (the same answer on every run and machine), with the time limit as an
/// upper bound. Up to 30 sites, several days through all of them are then split exactly, and one day over all of
/// them solved exactly, when time allows; beyond, with two processors, two searches run side by side
/// (`SearchStrategy`) and the better plan is kept.
public struct ItinerarySolver: Sendable {
    public let instance: ItineraryInstance
    public var timeLimit: Double
    /// When the caller's whole request started (reading the catalog, building the matrix): the time limit counts
    /// from there, so it bounds the whole plan. Nil: from the call to `solve`.
    public var startedAt: Date?
    /// The exact day solves each search may make (`defaultWork`), and a quarter more for its re-splits: the
    /// deterministic stop. The time limit stays an upper bound, reached first on a slow or busy machine, or on a
    /// large instance with a short limit (120 sites over 24 days need 1.3 s here).
    public var work: Int
    /// The clock the time limit is read from.
    public var clock: @Sendable () -> Date
    /// Whether the answer carries its travel bound (`ItinerarySolution.travelBound`), computed after the search in
    /// what is left of the time limit: exactly for at most `DaySolver.maximumPool` sites, else by `TravelBound`'s
    /// rounds, as many as end before the limit.
    public var certify = true

    /// Enough day solves for every shared benchmark instance to converge (the most any needs is 5,810: 50 sites over
    /// 13 days), and for generated instances of 120 sites given 2 s: one over 24 days needs 26,101 (1.3 s in a
    /// release build here); with 20,000 its search stopped 5 % above where it converges. At the default 1 s limit
    /// such an instance is stopped by the time limit instead.
    public static let defaultWork = 30_000

    public init(
        instance: ItineraryInstance, timeLimit: Double = 1, startedAt: Date? = nil, work: Int = defaultWork,
        clock: @escaping @Sendable () -> Date = Date.init
    ) {
        self.instance = instance
        self.timeLimit = timeLimit
        self.startedAt = startedAt
        self.work = work
        self.clock = clock
    }

    public func solve() -> ItinerarySolution {
        let days = DaySolver(instance: instance)
        let n = instance.sites.count
        if n <= DaySolver.maximumPool {
            let (routes, value) = days.solve(pool: Array(0..<n), days: instance.days)
            return finish(routes, value: value, optimal: true)
        }
        let began = startedAt ?? clock()
        // Up to `DaySolver.maximumProvenPlan` sites one search, whose plan the exact proofs settle; beyond, the
        // portfolio side by side (with two processors), the plan of most value kept (on a tie the first strategy's).
        let strategies = SearchStrategy.strategies(sites: n, processors: ProcessInfo.processInfo.activeProcessorCount)
        let found = SearchResults(count: strategies.count)
        DispatchQueue.concurrentPerform(iterations: strategies.count) { index in
            found.set(index, search(strategies[index], began: began))
        }
        let best = found.best
        if best.proven { return finish(best.routes, value: best.value, optimal: true) }
        let routes = best.routes
        let value = best.value
        // One day over at most `DaySolver.maximumProvenPool` sites: the exact labelling over all of them, in what is
        // left of the limit, proves the answer (or finds a better one); without time for it the search's answer stands.
        if instance.days == 1 && n <= DaySolver.maximumProvenPool {
            let clock = self.clock
            let proofDeadline = began.addingTimeInterval(timeLimit * 0.9)
            if let exact = days.solve(pool: Array(0..<n), stop: { clock() >= proofDeadline }), !(exact.value < value) {
                // On a tie the search's day stands, so that the plan does not depend on whether the proof ended.
                return finish(value < exact.value ? [exact.order] : routes, value: exact.value, optimal: true)
            }
        }
        return finish(routes, value: value, optimal: false, certifyBy: began.addingTimeInterval(timeLimit))
    }

    /// One search of the plan, as `strategy` says, from the sweep's days to ruin and recreate: its days and their
    /// value, proven when the exact split settled them.
    func search(_ strategy: SearchStrategy, began: Date) -> SearchOutcome {
        let days = DaySolver(instance: instance)
        let n = instance.sites.count
        // Leave a margin of the limit for reading the instance, the certificate and writing the answer.
        let budget = WorkBudget(limit: work, deadline: began.addingTimeInterval(timeLimit * 0.8), clock: clock)
        var cache: [[Int]: (order: [Int], value: DaySolver.Value)] = [:]
        func day(_ pool: [Int]) -> (order: [Int], value: DaySolver.Value) {
            let key = pool.sorted()
            if let hit = cache[key] { return hit }
            budget.spend()
            let result = days.solve(pool: key)
            cache[key] = result
            return result
        }
        // Whether one day can visit every site of a pool: for an instance whose every site must be visited, a move
        // or swap that leaves a day unable to is worse whatever else it does, and is passed over without the exact
        // solve. On 120 sites over 30 days the moves then took 9,631 exact solves instead of 18,690, to the same plan.
        let allMust = instance.sites.allSatisfy(\.mustVisit)
        var fitting: [[Int]: Bool] = [:]
        func fits(_ pool: [Int]) -> Bool {
            let key = pool.sorted()
            if let hit = cache[key] { return hit.order.count == key.count }
            if let known = fitting[key] { return known }
            let result = days.visitsAll(key)
            fitting[key] = result
            return result
        }
        // The nearest neighbours by travel time there and back (ties by index), for candidate moves and seed pools:
        // the first `ItinerarySolver.neighbours`, picked in one pass per site rather than by sorting all of them.
        let near: [[Int]] = (0..<n).map { s in
            ItinerarySolver.nearest(s, count: ItinerarySolver.neighbours, n: n) { a in
                instance.travel[s + 1][a + 1] + instance.travel[a + 1][s + 1]
            }
        }
        var routes: [[Int]]
        if instance.days == 1 {
            // Seed with the best pool of a site and its nearest neighbours.
            var best: (order: [Int], value: DaySolver.Value) = ([], .empty)
            for s in 0..<n {
                let result = day([s] + near[s].prefix(DaySolver.maximumPool - 1))
                if best.value < result.value { best = result }
                if budget.exhausted { break }
            }
            routes = [best.order]
        } else {
            routes = sweep(day, budget: budget)
        }
        // Improve: insert unvisited sites, move and swap sites between days and with the unvisited.
        var improved = true
        var tried = Set<[Int]>()
        // Where the scan for a better move starts: the first site, or the last one that improved.
        var first = 0
        while improved && !budget.exhausted {
            improved = false
            var visitedDay = Array(repeating: -1, count: n)
            for (d, route) in routes.enumerated() { for s in route { visitedDay[s] = d } }
            let current = routes.map { day($0).value }
            func total(_ values: [DaySolver.Value]) -> DaySolver.Value { values.reduce(.empty, +) }
            search: for step in 0..<n {
                let s = (first + step) % n
                if budget.exhausted { break }
                let from = visitedDay[s]
                let targets = Set(
                    near[s].prefix(8).map { visitedDay[$0] } + (0..<routes.count).filter { routes[$0].isEmpty }
                ).filter { $0 >= 0 && $0 != from }
                for d in targets.sorted() {
                    // Move (or insert) s into day d.
                    if routes[d].count < DaySolver.maximumPool, !allMust || from < 0 || fits(routes[d] + [s]) {
                        let into = day(routes[d] + [s])
                        var values = current
                        values[d] = into.value
                        var leave: (order: [Int], value: DaySolver.Value)?
                        if from >= 0 {
                            let left = day(routes[from].filter { $0 != s })
                            leave = left
                            values[from] = left.value
                        }
                        if total(current) < total(values) {
                            routes[d] = into.order
                            if from >= 0, let leave { routes[from] = leave.order }
                            improved = true
                            if !strategy.rescanFromFirst { first = s }
                            break search
                        }
                    }
                    // Swap s with a site u of day d.
                    for u in routes[d] where !budget.exhausted {
                        if allMust, from >= 0,
                            !fits(routes[d].filter { $0 != u } + [s]) || !fits(routes[from].filter { $0 != s } + [u])
                        {
                            continue
                        }
                        let into = day(routes[d].filter { $0 != u } + [s])
                        var values = current
                        values[d] = into.value
                        var back: (order: [Int], value: DaySolver.Value)?
                        if from >= 0 {
                            let swapped = day(routes[from].filter { $0 != s } + [u])
                            back = swapped
                            values[from] = swapped.value
                        }
                        if total(current) < total(values) {
                            routes[d] = into.order
                            if from >= 0, let back { routes[from] = back.order }
                            improved = true
                            if !strategy.rescanFromFirst { first = s }
                            break search
                        }
                    }
                }
            }
            if !improved && !budget.exhausted {
                improved = regroup(&routes, budget: budget, day: day, tried: &tried)
            }
        }
        // A plan over several days that visits every one of at most `DaySolver.maximumProvenPlan` sites, each of
        // which counts: the exact split of their travel, if it ends by 70 % of the limit, gives the best plan there
        // is (a better split, or none: this one), and the search ends there. The sites go in the plan's order, so
        // that the split's search meets good days first (in index order it took 9 s instead of 0.8 s on n30_d8).
        // Whether it ends in time depends on the machine, as the one-day proof in `solve` does.
        if instance.days > 1, n <= DaySolver.maximumProvenPlan, everySiteCounts, routes.joined().count == n {
            let value = routes.map { day($0).value }.reduce(.empty, +)
            let clock = self.clock
            let proofBy = began.addingTimeInterval(timeLimit * 0.7)
            var effort = 0
            switch days.split(
                visiting: Array(routes.joined()), days: instance.days, below: value.travel, effort: &effort,
                stop: { clock() >= proofBy })
            {
            case .found(let travel, let better):
                let value = DaySolver.Value(must: value.must, priority: value.priority, travel: travel)
                return SearchOutcome(routes: better, value: value, proven: true)
            // Each day in its exact order, as `value` counts it (a day the sweep filled greedily may drive more).
            case .none: return SearchOutcome(routes: routes.map { day($0).order }, value: value, proven: true)
            case .stopped: break
            }
        }
        // Then days too full for `regroup` trade sites by exact splits of three to five of them, with work of their
        // own (a quarter of the search's), until 60 % of the limit at most, so that the certificate keeps its time;
        // before ruin and recreate, which then starts from the better plan (200 sites over 31 days: 3,328 travel
        // minutes instead of 3,340).
        let polish = WorkBudget(limit: work / 4, deadline: began.addingTimeInterval(timeLimit * 0.6), clock: clock)
        while !polish.exhausted && resplit(&routes, budget: polish, day: day, tried: &tried) {}
        routes = ruinAndRecreate(routes, budget: budget, near: near, day: day) { !allMust || fits($0) }
        return SearchOutcome(routes: routes, value: routes.map { day($0).value }.reduce(.empty, +), proven: false)
    }

    /// Re-solves groups of two or three days whose sites together fit the exact solver, nearest groups first, with
    /// the unvisited sites near them; keeps the first strict improvement. Returns whether it improved.
    func regroup(
        _ routes: inout [[Int]], budget: WorkBudget, day: ([Int]) -> (order: [Int], value: DaySolver.Value),
        tried: inout Set<[Int]>
    ) -> Bool {
        let solver = DaySolver(instance: instance)
        let visited = Set(routes.flatMap { $0 })
        let unvisited = instance.sites.indices.filter { !visited.contains($0) }
        let groups = nearbyGroups(routes, sizes: 2...4)
        for group in groups {
            guard !budget.exhausted else { return false }
            var pool = group.flatMap { routes[$0] }
            guard pool.count <= DaySolver.maximumPool else { continue }
            let before = group.map { day(routes[$0]).value }.reduce(.empty, +)
            // Unvisited sites close to the group may join while the pool stays exact.
            for site in unvisited where pool.count < DaySolver.maximumPool {
                if pool.contains(where: { instance.travel[$0 + 1][site + 1] <= 20 }) { pool.append(site) }
            }
            // A pool split before (same sites, same number of days) cannot improve again.
            let signature = pool.sorted() + [-group.count]
            guard tried.insert(signature).inserted else { continue }
            // An exact split of a pool over several days costs about as much as one day solve per day.
            budget.spend(group.count)
            let (split, after) = solver.solve(pool: pool, days: group.count)
            if before < after {
                for (day, route) in zip(group, split) { routes[day] = route }
                return true
            }
        }
        return false
    }

    /// Groups of `sizes` days near one another (by the centres of their sites): for each day, those it makes with
    /// the size + 4 days nearest it, smaller groups first, each group once, its days in ascending order.
    func nearbyGroups(_ routes: [[Int]], sizes: ClosedRange<Int>) -> [[Int]] {
        func centre(_ route: [Int]) -> (Double, Double) {
            let points = route.compactMap { instance.sites[$0].place.point }
            guard !points.isEmpty else { return (0, 0) }
            return (
                points.map(\.lat).reduce(0, +) / Double(points.count),
                points.map(\.lon).reduce(0, +) / Double(points.count)
            )
        }
        let centres = routes.map(centre)
        func gap(_ a: Int, _ b: Int) -> Double { hypot(centres[a].0 - centres[b].0, centres[a].1 - centres[b].1) }
        var groups: [[Int]] = []
        var seen = Set<[Int]>()
        for size in sizes {
            for a in routes.indices {
                let others = routes.indices.filter { $0 != a }.sorted {
                    gap(a, $0) != gap(a, $1) ? gap(a, $0) < gap(a, $1) : $0 < $1
                }
                // Among the size + 4 nearest days: with + 2, a generated plan of 120 sites over 30 full days stopped
                // at 2,804 travel minutes, with + 4 at 2,756 (VROOM: 2,749); the shared instances are unchanged.
                let near = Array(others.prefix(size + 4))
                func combinations(_ start: Int, _ chosen: [Int]) {
                    if chosen.count == size - 1 {
                        let group = ([a] + chosen).sorted()
                        if seen.insert(group).inserted { groups.append(group) }
                        return
                    }
                    for i in start..<near.count { combinations(i + 1, chosen + [near[i]]) }
                }
                combinations(0, [])
            }
        }
        return groups
    }

    /// Initial days: sites in angular order around the start place, cut into `days` runs of about equal size; the
    /// best of every rotation of the cut tried within the budget. Once it is used up, the days of the first cut not
    /// yet solved exactly are filled greedily, so that even a tiny limit over many days answers in time.
    func sweep(_ day: ([Int]) -> (order: [Int], value: DaySolver.Value), budget: WorkBudget) -> [[Int]] {
        let n = instance.sites.count
        let origin = instance.start.point
        let angles: [Double] = instance.sites.enumerated().map { index, site in
            guard let o = origin, let p = site.place.point else { return Double(index) }
            return atan2(p.lat - o.lat, p.lon - o.lon)
        }
        let order = (0..<n).sorted { angles[$0] != angles[$1] ? angles[$0] < angles[$1] : $0 < $1 }
        let per = min(DaySolver.maximumPool, max(1, Int((Double(n) / Double(instance.days)).rounded(.up))))
        var best: (routes: [[Int]], value: DaySolver.Value)?
        for shift in 0..<max(1, n) {
            if shift > 0 && budget.exhausted { break }
            let rotated = Array(order[shift...] + order[..<shift])
            var routes: [[Int]] = []
            var value = DaySolver.Value.empty
            for d in 0..<instance.days {
                let chunk = Array(rotated.dropFirst(d * per).prefix(per))
                let result = budget.exhausted ? greedyDay(chunk) : day(chunk)
                routes.append(result.order)
                value = value + result.value
            }
            if best.map({ $0.value < value }) ?? true { best = (routes, value) }
        }
        return best?.routes ?? []
    }

    /// How many nearest neighbours each site keeps (a day's pool at most, and the moves look at eight).
    static let neighbours = DaySolver.maximumPool

    /// The `count` sites other than `s` of least `cost`, least first, ties by index: what sorting them all would
    /// give at the front, found with one pass and a short sorted list.
    static func nearest(_ s: Int, count: Int, n: Int, cost: (Int) -> Int) -> [Int] {
        var best: [(cost: Int, site: Int)] = []
        best.reserveCapacity(count + 1)
        for a in 0..<n where a != s {
            let c = cost(a)
            if best.count == count, let last = best.last, (last.cost, last.site) < (c, a) { continue }
            let position = best.firstIndex { ($0.cost, $0.site) > (c, a) } ?? best.count
            best.insert((c, a), at: position)
            if best.count > count { best.removeLast() }
        }
        return best.map(\.site)
    }

    /// A day that does not leave the start place.
    static func emptyDay(_ instance: ItineraryInstance) -> DaySchedule {
        DaySchedule(
            stops: [], departAt: instance.dayStart, lunchStart: nil, lunchAfter: nil, returnAt: instance.dayStart,
            travelMinutes: 0, distanceKm: 0)
    }

    /// A quick day over `pool`: the sites in the given order, each kept if the day stays feasible with it.
    func greedyDay(_ pool: [Int]) -> (order: [Int], value: DaySolver.Value) {
        let evaluator = ScheduleEvaluator(instance: instance)
        var order: [Int] = []
        var schedule: DaySchedule?
        for site in pool {
            if case .success(let next) = evaluator.evaluate(order + [site]) {
                order.append(site)
                schedule = next
            }
        }
        let must = order.filter { instance.sites[$0].mustVisit }.count
        let priority = order.filter { !instance.sites[$0].mustVisit }.reduce(0) { $0 + instance.sites[$1].priority }
        return (order, DaySolver.Value(must: must, priority: priority, travel: schedule?.travelMinutes ?? 0))
    }

    /// Whether every site counts in the value (a must-visit site, or one of some priority): then a plan that visits
    /// them all has the most value there is, and only its travel can be bettered.
    var everySiteCounts: Bool { instance.sites.allSatisfy { $0.mustVisit || $0.priority > 0 } }

    /// Schedules each day's order and explains every site left out.
    func finish(
        _ routes: [[Int]], value: DaySolver.Value, optimal: Bool, certifyBy deadline: Date? = nil
    ) -> ItinerarySolution {
        let evaluator = ScheduleEvaluator(instance: instance)
        var days: [DaySchedule] = []
        // Every day has the same hours, so the days with visits come first: a programme never opens on an empty day.
        let routes = routes.filter { !$0.isEmpty } + routes.filter(\.isEmpty)
        for d in 0..<instance.days {
            let order = d < routes.count ? routes[d] : []
            if case .success(let schedule) = evaluator.evaluate(order) {
                days.append(schedule)
            } else {
                days.append(ItinerarySolver.emptyDay(instance))
            }
        }
        let visited = Set(days.flatMap(\.sites))
        let travel = days.reduce(0) { $0 + $1.travelMinutes }
        var dropped: [(Int, Message)] = []
        for site in instance.sites.indices where !visited.contains(site) {
            if case .failure(let violation) = evaluator.evaluate([site]) {
                dropped.append((site, violation.message))
            } else if instance.sites[site].mustVisit {
                dropped.append(
                    (
                        site,
                        Message(
                            "không xếp được cùng các điểm bắt buộc khác trong \(instance.days) ngày",
                            "does not fit with the other must-visit sites in \(instance.days) day(s)")
                    ))
            } else {
                dropped.append(
                    (
                        site,
                        Message(
                            "không đủ thời gian trong ngày; các điểm đã chọn được ưu tiên hơn hoặc gần hơn",
                            "no time left in the day; the chosen sites have higher priority or less travel")
                    ))
            }
        }
        let bound = optimal ? travel : certify ? travelBound(days.map(\.sites), travel: travel, by: deadline) : nil
        // A plan that visits every site has the most must-visit sites and priority there is, and when every optional
        // site has a priority, any other plan with as much visits them all too: it is optimal when no plan through
        // them all drives less. (A site of priority 0 could be left out to drive less.)
        return ItinerarySolution(
            days: days, dropped: dropped, value: value,
            optimal: optimal || (dropped.isEmpty && everySiteCounts && bound == travel), travelBound: bound)
    }

    /// The certificate of a plan of `routes` with `travel` minutes: exact for a set the exact solver takes or, up to
    /// `DaySolver.maximumProvenPlan` sites, the exact split when it ends in time; else the Lagrangian bound.
    /// With a `deadline`, the bound's rounds stop there (the best bound so far stands; nil if the first round had
    /// not finished): then it is the same on every run only when its rounds end before it.
    public func travelBound(_ routes: [[Int]], travel: Int, by deadline: Date? = nil) -> Int? {
        let sites = routes.flatMap { $0 }
        if sites.count <= DaySolver.maximumPool {
            return DaySolver(instance: instance).leastTravel(visiting: sites, days: instance.days) ?? travel
        }
        let clock = self.clock
        if sites.count <= DaySolver.maximumProvenPlan {
            // The exact split in three quarters of what is left, then the Lagrangian bound in the rest if it did not
            // finish (over so few sites its rounds are quick).
            let now = clock()
            let share = deadline.map { now.addingTimeInterval(max(0, $0.timeIntervalSince(now)) * 0.75) }
            let exact = DaySolver(instance: instance).leastTravel(
                visiting: sites, days: instance.days, upper: travel, stop: { share.map { clock() >= $0 } ?? false })
            if let exact { return exact }
        }
        return TravelBound(instance: instance).lowerBound(
            routes: routes, days: instance.days, upper: travel, stop: { deadline.map { clock() >= $0 } ?? false })
    }
}
