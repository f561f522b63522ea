import Foundation
import HTXCore
import Testing

@testable import HTXItinerary

/// Copies of the shared benchmark instances (see Instances/README.md).
let benchFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Instances")

/// One of the shared benchmark instances, by name ("n30_d8").
func benchInstance(_ name: String) throws -> ItineraryInstance {
    try ItineraryInstance.parse(json: Data(contentsOf: benchFolder.appendingPathComponent("\(name).json")), file: name)
}

/// An independent feasibility checker: it reads only the report's clock times and the instance, and shares no code
/// with the evaluator or the solver.
func check(_ report: ItineraryReport, _ instance: ItineraryInstance) -> [String] {
    var problems: [String] = []
    func minutes(_ text: String) -> Int { Int(text.prefix(2))! * 60 + Int(text.suffix(2))! }
    let index = Dictionary(uniqueKeysWithValues: instance.sites.enumerated().map { ($1.place.id, $0) })
    var seen = Set<String>()
    var total = 0
    for (d, day) in report.days.enumerated() {
        var clock = minutes(day.departAt)
        if clock < instance.dayStart { problems.append("day \(d) leaves before the day starts") }
        var previous = 0
        var visits: [(Int, Int)] = []
        let lunch = day.lunch.map { (minutes($0.start), minutes($0.end), $0.after) }
        if let lunch {
            if lunch.0 < instance.lunch.earliest || lunch.0 > instance.lunch.latest {
                problems.append("day \(d) lunch starts outside its window")
            }
            if lunch.1 - lunch.0 != instance.lunch.minutes { problems.append("day \(d) lunch has the wrong length") }
            if lunch.2 == instance.start.id, day.stops.first.map({ lunch.1 <= minutes($0.start) }) != true,
                lunch.0 < minutes(day.returnAt)
            {
                // Before leaving: it must end by the departure.
                if lunch.1 > clock { problems.append("day \(d) lunch before leaving ends after departure") }
            }
        } else if !day.stops.isEmpty {
            problems.append("day \(d) has visits but no lunch")
        }
        var dayTravel = 0
        for (k, stop) in day.stops.enumerated() {
            guard let site = index[stop.id] else {
                problems.append("unknown site \(stop.id)")
                continue
            }
            if !seen.insert(stop.id).inserted { problems.append("\(stop.id) visited twice") }
            let travel = instance.travel[previous][site + 1]
            var earliest = clock + travel
            if let lunch, k > 0, lunch.2 == day.stops[k - 1].id {
                earliest = max(clock + travel, instance.lunch.earliest) + instance.lunch.minutes
            }
            let start = minutes(stop.start)
            let end = minutes(stop.depart)
            if start < earliest { problems.append("\(stop.id) starts at \(stop.start), before it can be reached") }
            if end < start + instance.sites[site].service || end >= start + instance.sites[site].service + instance.grid
            {
                problems.append("\(stop.id) visit has the wrong length")
            }
            if !instance.sites[site].windows.contains(where: { $0.start <= start && end <= $0.end }) {
                problems.append("\(stop.id) visit outside its windows")
            }
            if stop.travelMinutes != travel { problems.append("\(stop.id) travel minutes differ from the matrix") }
            visits.append((start, end))
            dayTravel += travel
            clock = end
            previous = site + 1
        }
        let back = instance.travel[previous][0]
        dayTravel += back
        if minutes(day.returnAt) < clock + back {
            problems.append("day \(d) returns before the last departure plus the trip back")
        }
        if minutes(day.returnAt) > instance.dayEnd { problems.append("day \(d) returns after the day ends") }
        if let lunch {
            for visit in visits where lunch.0 < visit.1 && visit.0 < lunch.1 {
                problems.append("day \(d) lunch overlaps a visit")
            }
            if lunch.2 == instance.start.id, !day.stops.isEmpty, lunch.0 >= minutes(day.returnAt),
                lunch.1 > instance.dayEnd
            {
                problems.append("day \(d) lunch after returning ends after the day")
            }
        }
        if day.travelMinutes != dayTravel { problems.append("day \(d) travel total is wrong") }
        total += dayTravel
    }
    if report.totalTravelMinutes != total { problems.append("total travel is wrong") }
    let dropped = Set(report.dropped.map(\.id))
    if seen.union(dropped) != Set(instance.sites.map(\.place.id)) || !seen.isDisjoint(with: dropped) {
        problems.append("visited and dropped do not partition the sites")
    }
    return problems
}

/// A random small instance around Hanoi with a travel matrix from the model.
func randomInstance(seed: UInt64, sites: Int, days: Int, mustShare: Double) -> ItineraryInstance {
    var state = seed &+ 0x9E37
    func next() -> Double {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Double(state >> 11) / Double(1 << 53)
    }
    let office = GeoPoint(lat: 21.0287, lon: 105.8282)
    var list: [ItineraryInstance.Site] = []
    for i in 0..<sites {
        let point = GeoPoint(lat: 21.0287 + (next() - 0.5) * 0.3, lon: 105.8282 + (next() - 0.5) * 0.3)
        let morningEnd = [600, 660, 690][Int(next() * 3)]
        let windows =
            next() < 0.3
            ? [TimeWindow(start: 480, end: morningEnd)]
            : [TimeWindow(start: 450, end: morningEnd), TimeWindow(start: 810, end: 1000)]
        list.append(
            .init(
                place: .init(id: "S\(i)", name: "HTX \(i)", point: point), service: [45, 60, 90][Int(next() * 3)],
                windows: windows,
                mustVisit: next() < mustShare, priority: 1 + Int(next() * 3)))
    }
    let points = [office] + list.map { $0.place.point! }
    let model = TravelModel()
    return ItineraryInstance(
        days: days, dayStart: 450, dayEnd: 1050, lunch: .init(earliest: 660, latest: 750, minutes: 60),
        start: .init(id: "office", name: "Văn phòng", point: office), sites: list,
        travel: model.matrix(points, at: 450), distance: points.map { a in points.map { a.distanceKm(to: $0) * 1.35 } })
}

/// Every ordered selection of sites spread over the days, evaluated one by one: the brute-force optimum.
func bruteForce(_ instance: ItineraryInstance) -> DaySolver.Value {
    let evaluator = ScheduleEvaluator(instance: instance)
    let n = instance.sites.count
    var dayValues: [Int: DaySolver.Value] = [:]
    func permutations(_ items: [Int]) -> [[Int]] {
        guard items.count > 1 else { return [items] }
        return items.indices.flatMap { i in permutations(Array(items[..<i] + items[(i + 1)...])).map { [items[i]] + $0 }
        }
    }
    for mask in 0..<(1 << n) {
        let sites = (0..<n).filter { mask & (1 << $0) != 0 }
        var best: DaySolver.Value?
        for order in permutations(sites) {
            if case .success(let day) = evaluator.evaluate(order) {
                let v = DaySolver.Value(
                    must: sites.filter { instance.sites[$0].mustVisit }.count,
                    priority: sites.filter { !instance.sites[$0].mustVisit }.map { instance.sites[$0].priority }.reduce(
                        0, +),
                    travel: day.travelMinutes)
                if best == nil || best! < v { best = v }
            }
        }
        if let best { dayValues[mask] = best }
    }
    var layer: [Int: DaySolver.Value] = [0: .empty]
    for _ in 0..<instance.days {
        var next: [Int: DaySolver.Value] = [:]
        for (covered, value) in layer {
            for (mask, day) in dayValues where mask & covered == 0 {
                let total = value + day
                if next[covered | mask] == nil || next[covered | mask]! < total { next[covered | mask] = total }
            }
        }
        layer = next
    }
    return layer.values.max()!
}

@Suite("Itinerary")
struct ItineraryTests {
    @Test(
        "on a 5- or 15-minute clock every time is on the grid, and the solver still equals brute force on that grid",
        arguments: 0..<12)
    func humanClock(seed: Int) throws {
        for grid in [5, 15] {
            var instance = randomInstance(
                seed: UInt64(seed), sites: 4 + seed % 3, days: 1 + seed % 2, mustShare: seed % 3 == 0 ? 0.5 : 0)
            instance.grid = grid
            let solution = ItinerarySolver(instance: instance).solve()
            #expect(solution.optimal && solution.value == bruteForce(instance), "seed \(seed), grid \(grid)")
            let report = ItineraryReport(solution, instance: instance)
            #expect(check(report, instance).isEmpty, "\(check(report, instance))")
            let times = report.days.flatMap { day in
                [day.departAt, day.returnAt] + (day.lunch.map { [$0.start, $0.end] } ?? [])
                    + day.stops.flatMap { [$0.arrive, $0.start, $0.depart] }
            }
            let off = times.filter { (Int($0.suffix(2)) ?? 1) % grid != 0 }
            #expect(off.isEmpty, "seed \(seed), grid \(grid): \(off)")
            // What the programme prints is what evaluating its order gives.
            let evaluator = ScheduleEvaluator(instance: instance)
            for day in solution.days where !day.stops.isEmpty {
                #expect(try evaluator.evaluate(day.sites).get() == day)
            }
        }
    }

    @Test("the programme shows lunch where it is taken and the waits before a reception, in time order")
    func programmeLines() {
        typealias Stop = ItineraryReport.Stop
        func stop(_ id: String, _ arrive: String, _ start: String, _ depart: String) -> Stop {
            Stop(id: id, name: id, arrive: arrive, start: start, depart: depart, travelMinutes: 20, distanceKm: 9)
        }
        func lines(_ stops: [Stop], lunch: (String, String, String)?) -> [String] {
            let day = ItineraryReport.Day(
                date: nil, departAt: "07:30", stops: stops,
                lunch: lunch.map { ItineraryReport.Lunch(start: $0.0, end: $0.1, after: $0.2) }, returnAt: "16:00",
                travelMinutes: 60, distanceKm: 30)
            return day.programme.map { item in
                let what: String
                switch item.kind {
                case .departure: what = "leave"
                case .wait(let s): what = "wait \(s.id)"
                case .visit(let s): what = "visit \(s.id)"
                case .arrival: what = "back"
                case .lunch(.beforeLeaving): what = "lunch at start"
                case .lunch(.afterReturning): what = "lunch back at start"
                case .lunch(.after(let s, _)): what = "lunch at \(s.id)"
                case .lunch(.onTheWay(let s)): what = "lunch on the way to \(s.id)"
                case .lunch(.before(let s)): what = "lunch near \(s.id)"
                }
                return "\(item.start)\(item.end.map { "-" + $0 } ?? "") \(what)"
            }
        }
        let a = stop("A", "08:00", "08:00", "10:40")
        #expect(
            lines([a, stop("B", "12:50", "13:30", "14:30")], lunch: ("11:00", "12:00", "A")) == [
                "07:30 leave", "08:00-10:40 visit A", "11:00-12:00 lunch on the way to B", "12:50-13:30 wait B",
                "13:30-14:30 visit B", "16:00 back",
            ])
        #expect(
            lines([a, stop("B", "10:55", "13:30", "14:30")], lunch: ("11:00", "12:00", "A")) == [
                "07:30 leave", "08:00-10:40 visit A", "10:55-11:00 wait B", "11:00-12:00 lunch near B",
                "12:00-13:30 wait B", "13:30-14:30 visit B", "16:00 back",
            ])
        let late = stop("A", "08:00", "09:30", "11:30")
        #expect(
            lines([late, stop("B", "12:50", "12:50", "13:50")], lunch: ("11:30", "12:30", "A")) == [
                "07:30 leave", "08:00-09:30 wait A", "09:30-11:30 visit A", "11:30-12:30 lunch at A",
                "12:50-13:50 visit B", "16:00 back",
            ])
        #expect(
            lines([a], lunch: ("16:00", "17:00", "start")) == [
                "07:30 leave", "08:00-10:40 visit A", "16:00 back", "16:00-17:00 lunch back at start",
            ])
    }

    @Test("the exact solver equals brute force on random small instances", arguments: 0..<24)
    func exact(seed: Int) throws {
        let instance = randomInstance(
            seed: UInt64(seed), sites: 4 + seed % 3, days: 1 + seed % 2, mustShare: seed % 3 == 0 ? 0.5 : 0)
        let solution = ItinerarySolver(instance: instance).solve()
        #expect(solution.optimal)
        #expect(solution.value == bruteForce(instance), "seed \(seed)")
        let problems = check(ItineraryReport(solution, instance: instance), instance)
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test(
        "every benchmark answer is feasible, at least as good as the best other solver, and proven up to 30 sites",
        arguments: [
            ("n05_d1", 4, 144), ("n05_d2", 5, 275), ("n08_d1", 5, 128), ("n08_d2", 8, 316), ("n10_d1", 5, 153),
            ("n10_d3", 10, 400),
            ("n12_d1", 6, 129), ("n12_d3", 12, 495), ("n15_d1", 5, 69), ("n15_d4", 15, 501), ("n20_d1", 7, 93),
            ("n20_d5", 20, 558),
            ("n30_d1", 6, 55), ("n30_d8", 30, 865), ("n50_d1", 8, 78), ("n50_d13", 50, 1414),
        ])
    func bench(entry: (String, Int, Int)) throws {
        let instance = try benchInstance(entry.0)
        // A long limit: the work budget stops the search long before it, and a debug build is slow.
        let solution = ItinerarySolver(instance: instance, timeLimit: 60).solve()
        let report = ItineraryReport(solution, instance: instance)
        #expect(check(report, instance).isEmpty, "\(entry.0): \(check(report, instance))")
        #expect(report.sitesVisited >= entry.1, "\(entry.0) visits \(report.sitesVisited)")
        if report.sitesVisited == entry.1 {
            #expect(report.totalTravelMinutes <= entry.2, "\(entry.0) travels \(report.totalTravelMinutes)")
        }
        // Up to 30 sites the answer is proven: one day by the labelling over every site, several days (every site
        // visited) by the exact split of their travel.
        if instance.sites.count <= 30 {
            #expect(solution.optimal, "\(entry.0)")
            #expect(report.travelLowerBound == report.totalTravelMinutes && report.travelGapPercent == 0)
        }
    }

    @Test("an impossible must-visit site is reported with its reason")
    func impossible() throws {
        var instance = randomInstance(seed: 5, sites: 3, days: 1, mustShare: 1)
        instance.sites[1].windows = [TimeWindow(start: 420, end: 480)]
        instance.travel[0][2] = 90
        let solution = ItinerarySolver(instance: instance).solve()
        let report = ItineraryReport(solution, instance: instance)
        let dropped = try #require(report.dropped.first { $0.id == "S1" })
        #expect(
            dropped.mustVisit && dropped.reason.contains("tiếp đón đến 08:00") && dropped.reason.contains("sớm nhất"))
        #expect(check(report, instance).isEmpty)
    }

    @Test("a hand-made order is evaluated: times, lunch placement, and the broken constraint by name")
    func evaluate() {
        let instance = randomInstance(seed: 9, sites: 3, days: 1, mustShare: 0)
        let evaluator = ScheduleEvaluator(instance: instance)
        if case .success(let day) = evaluator.evaluate([0, 1]) {
            #expect(day.lunchStart.map { $0 >= 660 && $0 <= 750 } == true)
            #expect(day.stops.count == 2 && day.returnAt <= 1050)
        }
        var tight = instance
        tight.dayEnd = 600
        if case .failure(let violation) = ScheduleEvaluator(instance: tight).evaluate([0, 1, 2]) {
            #expect(!violation.message.vi.isEmpty)
        } else {
            Issue.record("a 10:00 day end cannot hold three visits and lunch")
        }
    }

    @Test("malformed instances are refused with the field named")
    func badInstance() {
        #expect(throws: UserError.self) {
            try ItineraryInstance.parse(
                json: Data("{\"start\":{\"id\":\"o\"},\"sites\":[{\"id\":\"a\"}]}".utf8), file: "x.json")
        }
        #expect(throws: UserError.self) {
            try ItineraryInstance.parse(
                json: Data(
                    (#"{"start":{"id":"o","lat":21,"lon":105.8},"#
                        + #""sites":[{"id":"a","lat":21,"lon":105.9,"windows":[["09:00","08:00"]]}]}"#).utf8),
                file: "x.json")
        }
        #expect(throws: UserError.self) {
            try ItineraryInstance.parse(
                json: Data("{\"start\":{\"id\":\"o\"},\"sites\":[{\"id\":\"a\"}],\"travelMinutes\":[[0,1]]}".utf8),
                file: "x.json")
        }
    }
}

@Suite("Re-planning")
struct ReplanTests {
    @Test("a delay of no minutes, a negative one, or one that runs past midnight is refused, never saved")
    func delayBounds() throws {
        let instance = try benchInstance("n12_d1")
        let solution = ItinerarySolver(instance: instance).solve()
        let replanner = Replanner(instance: instance)
        for delay in [0, -30, 100_000] {
            #expect(throws: UserError.self, "\(delay)") {
                try replanner.replan(solution.days, day: 0, after: nil, delay: delay)
            }
        }
        // The longest delay the day takes still returns before midnight.
        let leaving = solution.days[0].departAt
        let longest = 24 * 60 - leaving
        #expect(throws: UserError.self) { try replanner.replan(solution.days, day: 0, after: nil, delay: longest + 1) }
        let (day, _, _) = try replanner.replan(solution.days, day: 0, after: nil, delay: longest)
        #expect(day.returnAt <= 24 * 60)
        #expect(TimeWindow.minutes(TimeWindow.format(day.returnAt)) == day.returnAt, "the return time reads back")
    }

    @Test(
        "after a delay the rest of the day shifts, sites that no longer fit are dropped, and the plan stays feasible",
        arguments: [1, 15, 45, 120, 300])
    func delay(minutes: Int) throws {
        let instance = try benchInstance("n12_d1")
        let solution = ItinerarySolver(instance: instance).solve()
        let day = solution.days[0]
        let after = day.stops[1].site
        let (newDay, changes, dropped) = try Replanner(instance: instance).replan(
            solution.days, day: 0, after: after, delay: minutes)
        let report = ItineraryReport(
            ItinerarySolution(
                days: [newDay],
                dropped: instance.sites.indices.filter { !newDay.sites.contains($0) }.map { ($0, Message("", "")) },
                value: .empty, optimal: false), instance: instance)
        if minutes <= 120 {
            #expect(check(report, instance).isEmpty, "\(minutes) min: \(check(report, instance))")
        } else {
            // Five hours late: only the lunch rule can still be broken, and the change list says so.
            let remaining = check(report, instance)
            #expect(remaining.allSatisfy { $0.contains("no lunch") }, "\(remaining)")
            #expect(changes.contains { $0.vi.contains("nghỉ trưa") })
        }
        #expect(Array(newDay.stops.prefix(2)) == Array(day.stops.prefix(2)), "stops before the delay stay as they were")
        if minutes == 0 { #expect(dropped.isEmpty && newDay.returnAt == day.returnAt) }
        if minutes > 0, newDay.stops.count > 2 { #expect(newDay.stops[2].start >= day.stops[1].depart + minutes) }
        #expect(newDay.stops.count + dropped.count == day.stops.count)
        #expect(!changes.isEmpty)
    }
}

@Suite("Itinerary search beyond the first local optimum")
struct RuinAndRecreateTests {
    @Test("the same instance and work budget give the same plan on every run")
    func deterministic() throws {
        let instance = try benchInstance("n30_d8")
        // The plan only: its certificate's own determinism is the certificate suite's.
        var solver = ItinerarySolver(instance: instance, timeLimit: 600, work: 4_000)
        solver.certify = false
        let first = solver.solve()
        let second = solver.solve()
        #expect(first.days == second.days)
        #expect(first.value == second.value)
    }

    @Test("beyond 30 sites both strategies search, the plan of more value is kept, the same on every run")
    func portfolio() throws {
        let instance = try benchInstance("n50_d13")
        var solver = ItinerarySolver(instance: instance, timeLimit: 600, work: 700)
        solver.certify = false
        let began = Date()
        let searches = SearchStrategy.portfolio.map { solver.search($0, began: began) }
        #expect(searches.count == 2)
        // Here the second strategy's plan is the better, so a solve that kept the first would fail.
        try #require(searches[0].value < searches[1].value)
        let first = solver.solve()
        if ProcessInfo.processInfo.activeProcessorCount >= 2 {
            #expect(first.value == searches[1].value)
        } else {
            #expect(first.value == searches[0].value)
        }
        #expect(solver.solve().days == first.days)
    }

    @Test("the second search runs only beyond 30 sites and with a second processor")
    func strategies() {
        let both = SearchStrategy.portfolio
        #expect(both.count == 2 && both[0].rescanFromFirst && !both[1].rescanFromFirst)
        #expect(SearchStrategy.strategies(sites: 30, processors: 8) == [both[0]])
        #expect(SearchStrategy.strategies(sites: 31, processors: 1) == [both[0]])
        #expect(SearchStrategy.strategies(sites: 31, processors: 2) == both)
    }

    @Test("ruin and recreate never returns a plan worse than the one it started from, and betters a poor one")
    func neverWorse() throws {
        let instance = try benchInstance("n30_d8")
        let solver = ItinerarySolver(instance: instance, timeLimit: 600, work: 3_000)
        let days = DaySolver(instance: instance)
        var cache: [[Int]: (order: [Int], value: DaySolver.Value)] = [:]
        func day(_ pool: [Int]) -> (order: [Int], value: DaySolver.Value) {
            let key = pool.sorted()
            if let hit = cache[key] { return hit }
            let result = days.solve(pool: key)
            cache[key] = result
            return result
        }
        // A poor start: the sites in index order, four a day.
        let start = (0..<instance.days).map { d in day(Array((d * 4..<min(30, d * 4 + 4)))).order }
        let near = (0..<30).map { s in
            ItinerarySolver.nearest(s, count: ItinerarySolver.neighbours, n: 30) { a in
                instance.travel[s + 1][a + 1] + instance.travel[a + 1][s + 1]
            }
        }
        let budget = WorkBudget(limit: 3_000, deadline: Date().addingTimeInterval(600), clock: Date.init)
        let improved = solver.ruinAndRecreate(start, budget: budget, near: near, day: day)
        let before = start.map { day($0).value }.reduce(.empty, +)
        let after = improved.map { day($0).value }.reduce(.empty, +)
        #expect(before < after)
        // Every site is still visited exactly once.
        #expect(improved.flatMap { $0 }.sorted() == Array(0..<30))
    }
}

extension RuinAndRecreateTests {
    @Test("a site left out that fits no day does not make ruin and recreate solve a day past twelve sites")
    func fullDaysDoNotTrap() {
        // Two days of twelve short visits close to the office, each received in its own half hour so that one order
        // only is feasible (the exact solves stay quick); a thirteenth site far away fits a day only alone.
        let office = GeoPoint(lat: 21.0287, lon: 105.8282)
        var sites: [ItineraryInstance.Site] = (0..<24).map { i in
            let slot = 480 + (i % 12) * 40 + (i % 12 >= 5 ? 60 : 0)
            return .init(
                place: .init(
                    id: "S\(i)", name: "HTX \(i)",
                    point: GeoPoint(lat: 21.0287 + Double(i % 5) * 0.002, lon: 105.8282 + Double(i / 5) * 0.002)),
                service: 20, windows: [TimeWindow(start: slot, end: slot + 30)], mustVisit: true, priority: 0)
        }
        sites.append(
            .init(
                place: .init(id: "far", name: "HTX xa", point: GeoPoint(lat: 21.25, lon: 105.8282)), service: 20,
                windows: [TimeWindow(start: 450, end: 1050)], mustVisit: true, priority: 0))
        let points = [office] + sites.map { $0.place.point! }
        let instance = ItineraryInstance(
            days: 2, dayStart: 450, dayEnd: 1050, lunch: .init(earliest: 660, latest: 750, minutes: 60),
            start: .init(id: "office", name: "Văn phòng", point: office), sites: sites,
            travel: TravelModel().matrix(points, at: 450),
            distance: points.map { a in points.map { a.distanceKm(to: $0) } })
        let solver = ItinerarySolver(instance: instance)
        let days = DaySolver(instance: instance)
        let routes = [days.solve(pool: Array(0..<12)).order, days.solve(pool: Array(12..<24)).order]
        #expect(routes.map(\.count) == [12, 12])
        #expect(days.solve(pool: [24]).order == [24])
        #expect(!days.visitsAll(Array(0..<11) + [24]))
        let near = (0..<25).map { s in
            ItinerarySolver.nearest(s, count: ItinerarySolver.neighbours, n: 25) { a in
                instance.travel[s + 1][a + 1] + instance.travel[a + 1][s + 1]
            }
        }
        let budget = WorkBudget(limit: 100, deadline: Date().addingTimeInterval(600), clock: Date.init)
        let plan = solver.ruinAndRecreate(routes, budget: budget, near: near, day: { days.solve(pool: $0) })
        // Whatever it keeps, no day is past what the exact solver takes, and no site twice.
        #expect(plan.allSatisfy { $0.count <= DaySolver.maximumPool })
        #expect(Set(plan.flatMap { $0 }).count == plan.flatMap { $0 }.count)
    }
}

@Suite("Itinerary certificate")
struct TravelBoundTests {
    @Test(
        "the Lagrangian bound never exceeds the exact least travel of the same sites, and comes close to it",
        arguments: 1...8)
    func belowExact(seed: Int) throws {
        let instance = randomInstance(seed: UInt64(seed) * 7, sites: 11, days: 3, mustShare: 0.5)
        let exact = DaySolver(instance: instance).solve(pool: Array(0..<11), days: 3)
        let routes = exact.routes.filter { !$0.isEmpty }
        let sites = routes.flatMap { $0 }
        let least = try #require(DaySolver(instance: instance).leastTravel(visiting: sites, days: 3))
        #expect(least == exact.value.travel)
        // The bound of a plan is never above any plan of the same sites: given a worse plan's travel as `upper`, it
        // still stays at or under the exact least.
        let bound = try #require(
            TravelBound(instance: instance).lowerBound(routes: routes, days: 3, upper: least + 500))
        #expect(bound <= least)
        #expect(Double(bound) >= 0.8 * Double(least), "bound \(bound), least \(least)")
    }

    @Test("the bound of one set is the same on every run, and reaching the plan's travel stops at it")
    func deterministic() throws {
        let instance = try benchInstance("n30_d8")
        let solution = ItinerarySolver(instance: instance, timeLimit: 600, work: 4_000).solve()
        let travel = solution.days.reduce(0) { $0 + $1.travelMinutes }
        let bound = TravelBound(instance: instance)
        let first = try #require(bound.lowerBound(routes: solution.days.map(\.sites), days: 8, upper: travel))
        #expect(bound.lowerBound(routes: solution.days.map(\.sites), days: 8, upper: travel) == first)
        #expect(first <= travel && first > travel * 9 / 10)
        // The plan's own certificate is the exact split of its 30 sites, at or above the Lagrangian bound.
        let exact = try #require(solution.travelBound)
        #expect(exact >= first && exact <= travel)
        let split = DaySolver(instance: instance).leastTravel(
            visiting: solution.days.flatMap(\.sites), days: 8, upper: travel, stop: { false })
        #expect(split == exact)
        let report = ItineraryReport(solution, instance: instance)
        #expect(report.travelLowerBound == exact)
        #expect(report.travelGapPercent == ItineraryReport.gapPercent(travel: travel, bound: exact))
        // A set the exact solver takes is certified exactly; a bound at the plan's travel is a gap of 0.
        let small = randomInstance(seed: 3, sites: 8, days: 2, mustShare: 0.5)
        let smallPlan = ItinerarySolver(instance: small).solve()
        #expect(smallPlan.travelBound == smallPlan.days.reduce(0) { $0 + $1.travelMinutes })
        #expect(ItineraryReport(smallPlan, instance: small).travelGapPercent == 0)
    }

    @Test("the gap is in percent of the bound, rounded up to a tenth")
    func gap() {
        #expect(ItineraryReport.gapPercent(travel: 100, bound: 100) == 0)
        #expect(ItineraryReport.gapPercent(travel: 1001, bound: 1000) == 0.1)
        #expect(ItineraryReport.gapPercent(travel: 1414, bound: 1343) == 5.3)
        #expect(ItineraryReport.gapPercent(travel: 5, bound: 0) == nil)
    }

    @Test("a visit of no minutes gives no certificate rather than a labelling without end")
    func zeroVisit() {
        var instance = randomInstance(seed: 4, sites: 14, days: 2, mustShare: 0)
        instance.sites[0].service = 0
        let bound = TravelBound(instance: instance).lowerBound(routes: [[0, 1], [2]], days: 2, upper: 300)
        #expect(bound == nil)
    }
}

@Suite("Exact beyond twelve sites")
struct ExactProofTests {
    @Test(
        "the labelling over reached states finds the same best route of every set as the one over all states",
        arguments: 0..<6)
    func sparseEqualsDense(seed: Int) throws {
        let instance = randomInstance(seed: UInt64(seed) * 13 + 1, sites: 9 + seed % 3, days: 1, mustShare: 0.3)
        let solver = DaySolver(instance: instance)
        let pool = Array(instance.sites.indices)
        let dense = solver.bestRouteTable(pool: pool)
        var sparse = [Int: DaySolver.Value]()
        let labels = try #require(
            solver.labelRoutes(pool: pool, sparse: true) { mask, value, _ in
                if sparse[mask].map({ $0 < value }) ?? true { sparse[mask] = value }
            })
        #expect(!labels.isEmpty)
        #expect(dense.values.indices.filter { $0 != 0 && dense.values[$0] != nil }.count == sparse.count)
        for (mask, value) in sparse { #expect(dense.values[mask] == value, "seed \(seed), set \(mask)") }
        let best = try #require(solver.solve(pool: pool, stop: { false }))
        #expect(best.value == solver.solve(pool: pool).value)
    }

    @Test(
        "a day can visit a whole pool exactly when the best day over it visits every site (all must-visit)",
        arguments: 0..<6)
    func visitsAllAgreesWithTheBestDay(seed: Int) {
        let instance = randomInstance(seed: UInt64(seed) * 11 + 2, sites: 10, days: 1, mustShare: 1)
        let solver = DaySolver(instance: instance)
        var generator = SeededGenerator(seed: UInt64(seed) + 40)
        var both = (fits: 0, not: 0)
        for _ in 0..<60 {
            let pool = Array(instance.sites.indices.shuffled(using: &generator).prefix(generator.int(1...8)))
            let whole = solver.solve(pool: pool).order.count == pool.count
            #expect(solver.visitsAll(pool) == whole, "seed \(seed), pool \(pool)")
            if whole { both.fits += 1 } else { both.not += 1 }
        }
        // Both answers occur, so that the check is not passed by a constant.
        #expect(both.fits > 0 && both.not > 0, "seed \(seed): \(both)")
    }

    @Test("the best day is the table's best set, the smallest mask on a tie, with that set's route", arguments: 0..<8)
    func bestDayIsTheTablesBest(seed: Int) throws {
        let instance = randomInstance(seed: UInt64(seed) * 7 + 3, sites: 6 + seed % 5, days: 1, mustShare: 0.4)
        let solver = DaySolver(instance: instance)
        let pool = Array(instance.sites.indices)
        let table = solver.bestRouteTable(pool: pool)
        var mask = 0
        for candidate in table.values.indices {
            guard let value = table.values[candidate], let best = table.values[mask] else { continue }
            if best < value { mask = candidate }
        }
        let day = solver.solve(pool: pool)
        #expect(day.value == table.values[mask])
        #expect(day.order == table.order(mask))
        #expect(Set(day.order) == Set(pool.indices.filter { mask & (1 << $0) != 0 }.map { pool[$0] }))
    }

    @Test("the exact split of a set over several days equals the subset programme's least travel", arguments: 0..<8)
    func splitEqualsCoverings(seed: Int) throws {
        let instance = randomInstance(seed: UInt64(seed) * 31 + 5, sites: 11, days: 3, mustShare: 0.5)
        let solver = DaySolver(instance: instance)
        let plan = solver.solve(pool: Array(0..<11), days: 3)
        let sites = plan.routes.flatMap { $0 }
        let least = try #require(solver.leastTravel(visiting: sites, days: 3))
        // Given the plan's travel or a worse one as the known split, it finds the least.
        for upper in [plan.value.travel, plan.value.travel + 200] {
            #expect(solver.leastTravel(visiting: sites, days: 3, upper: upper, stop: { false }) == least)
        }
        // Told of a plan below the least (a fault), it proves nothing rather than a bound above the truth.
        #expect(solver.leastTravel(visiting: sites, days: 3, upper: least - 1, stop: { false }) == nil)
        // With fewer days than the sites need, no split is below the known one.
        if let fewer = solver.leastTravel(visiting: sites, days: 2) {
            #expect(solver.leastTravel(visiting: sites, days: 2, upper: fewer + 50, stop: { false }) == fewer)
        }
    }

    @Test("a stop before the end gives no answer rather than an unproven one")
    func stopped() throws {
        let instance = try benchInstance("n30_d1")
        let solver = DaySolver(instance: instance)
        #expect(solver.solve(pool: Array(0..<30), stop: { true }) == nil)
        #expect(solver.leastTravel(visiting: Array(0..<14), days: 3, upper: 10_000, stop: { true }) == nil)
    }

    @Test("three days too full for the exact pool are re-split to the least travel of their sites, never worse")
    func resplit() throws {
        let instance = try benchInstance("n30_d8")
        let days = DaySolver(instance: instance)
        // A poor start: sites in index order, the best of each six in a day.
        var routes = (0..<3).map { d in days.solve(pool: Array(d * 6..<d * 6 + 6)).order }
        let sites = routes.flatMap { $0 }.sorted()
        try #require(sites.count > DaySolver.maximumPool)
        let before = routes.reduce(0) { $0 + days.solve(pool: $1).value.travel }
        let least = try #require(days.leastTravel(visiting: sites, days: 3, upper: before, stop: { false }))
        try #require(least < before)
        let solver = ItinerarySolver(instance: instance)
        let budget = WorkBudget(limit: 10_000, deadline: Date().addingTimeInterval(600), clock: Date.init)
        var tried = Set<[Int]>()
        #expect(solver.resplit(&routes, budget: budget, day: { days.solve(pool: $0) }, tried: &tried))
        #expect(routes.flatMap { $0 }.sorted() == sites)
        #expect(routes.reduce(0) { $0 + days.solve(pool: $1).value.travel } == least)
        #expect(budget.used > 1)
        // Split once, the same days are not tried again.
        #expect(!solver.resplit(&routes, budget: budget, day: { days.solve(pool: $0) }, tried: &tried))
    }

    @Test("entanglement counts the sites whose nearest site of the group is on another day")
    func entanglement() {
        var instance = randomInstance(seed: 5, sites: 6, days: 3, mustShare: 0)
        // Three pairs of sites 5 minutes apart, every other way 50 minutes.
        let pair = [0, 0, 1, 1, 2, 2]
        func minutes(_ a: Int, _ b: Int) -> Int {
            if a == b { return 0 }
            return a > 0 && b > 0 && pair[a - 1] == pair[b - 1] ? 5 : 50
        }
        instance.travel = (0...6).map { a in (0...6).map { b in minutes(a, b) } }
        let solver = ItinerarySolver(instance: instance)
        // Each pair on its own day: apart.
        #expect(solver.entanglement([0, 1, 2], of: [[0, 1], [2, 3], [4, 5]]) == 0)
        // Every pair split between two days: each site's nearest is elsewhere.
        #expect(solver.entanglement([0, 1, 2], of: [[0, 2], [1, 4], [3, 5]]) == 1)
        // One pair split: two of six.
        #expect(solver.entanglement([0, 1], of: [[0, 1, 2], [3, 4, 5], []]) == 2.0 / 6)
        // A day outside the group does not count: the partners of sites 2 and 4 are there, so each finds its nearest
        // at 50 minutes, first met on day 0 (site 2's own day, site 4's other one); 0 and 1 are split.
        #expect(solver.entanglement([0, 1], of: [[0, 2], [1, 4], [3, 5]]) == 3.0 / 4)
        #expect(solver.entanglement([0, 1, 2], of: [[], [], []]) == 0)
    }

    @Test("a re-split keeps every day within the exact pool, even when one day could take the whole group")
    func resplitKeepsDaysSmall() throws {
        // Fifteen sites close together, visits of 5 minutes open all day: one day could visit them all.
        var instance = randomInstance(seed: 77, sites: 15, days: 3, mustShare: 0)
        for i in instance.sites.indices {
            instance.sites[i].service = 5
            instance.sites[i].windows = [TimeWindow(start: 450, end: 1000)]
        }
        let days = DaySolver(instance: instance)
        var routes = (0..<3).map { d in days.solve(pool: Array(d * 5..<d * 5 + 5)).order }
        let sites = routes.flatMap { $0 }.sorted()
        try #require(sites == Array(0..<15))
        let before = routes.reduce(0) { $0 + days.solve(pool: $1).value.travel }
        let solver = ItinerarySolver(instance: instance)
        let budget = WorkBudget(limit: 10_000, deadline: Date().addingTimeInterval(600), clock: Date.init)
        var tried = Set<[Int]>()
        _ = solver.resplit(&routes, budget: budget, day: { days.solve(pool: $0) }, tried: &tried)
        #expect(routes.allSatisfy { $0.count <= DaySolver.maximumPool })
        #expect(routes.flatMap { $0 }.sorted() == sites)
        #expect(routes.reduce(0) { $0 + days.solve(pool: $1).value.travel } <= before)
        // Unbounded, the split would put the whole group in one day.
        var effort = 0
        guard
            case .found(_, let free) = days.split(
                visiting: sites, days: 3, below: before, effort: &effort,
                stop: {
                    false
                })
        else {
            Issue.record("no split below the start")
            return
        }
        #expect(free.contains { $0.count > DaySolver.maximumPool })
    }

    @Test("every site visited at the least travel is optimal only when no optional site has priority 0")
    func priorityZero() throws {
        var instance = try benchInstance("n15_d4")
        let proven = ItinerarySolver(instance: instance, timeLimit: 120).solve()
        #expect(proven.optimal && proven.dropped.isEmpty)
        let routes = proven.days.map(\.sites)
        // The same plan, once one site becomes optional of priority 0: every site visited, travel at its bound, yet
        // leaving that site out could drive less for the same value, so the plan is not claimed optimal.
        instance.sites[0].mustVisit = false
        instance.sites[0].priority = 0
        let solver = ItinerarySolver(instance: instance, timeLimit: 120)
        let same = solver.finish(routes, value: proven.value, optimal: false)
        #expect(same.dropped.isEmpty)
        #expect(same.travelBound == same.days.reduce(0) { $0 + $1.travelMinutes })
        #expect(!same.optimal)
        // With priority 1 the same plan is proven.
        instance.sites[0].priority = 1
        #expect(
            ItinerarySolver(instance: instance, timeLimit: 120).finish(routes, value: proven.value, optimal: false)
                .optimal)
    }

    @Test(
        "the exact split ends the search of a plan through every one of 30 sites, with little work and no certificate")
    func splitEndsSearch() throws {
        let instance = try benchInstance("n30_d8")
        // So little work that the search stops early; no certificate is asked, so only the split can prove it.
        var solver = ItinerarySolver(instance: instance, timeLimit: 120, work: 60)
        solver.certify = false
        let solution = solver.solve()
        #expect(solution.optimal && solution.dropped.isEmpty)
        #expect(solution.days.reduce(0) { $0 + $1.travelMinutes } == 865)
        #expect(check(ItineraryReport(solution, instance: instance), instance).isEmpty)
    }
}
