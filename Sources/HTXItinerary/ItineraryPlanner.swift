import HTXCore

/// Turns cooperatives from the catalog into an itinerary instance: their points, reception hours and a visit length,
/// the start place, the day's limits, lunch and the dates. Cooperatives it cannot place are returned with the reason.
public struct ItineraryPlanner: Sendable {
    /// How the programme is asked for (`itinerary plan` options).
    public struct Options: Sendable {
        public var date: String
        public var days = 1
        public var start = ItineraryInstance.Place(
            id: "start", name: "Trụ sở Sở Kế hoạch và Đầu tư, 16 Cát Linh, Đống Đa",
            point: GeoPoint(lat: 21.0280, lon: 105.8340))
        public var depart = 450
        public var returnBy = 1050
        public var lunch = ItineraryInstance.Lunch(earliest: 660, latest: 750, minutes: 60)
        public var visitMinutes = 60
        /// The programme's clock in minutes (docs/CONTRACT.md §4): every printed time is a multiple of it.
        public var grid = 5
        public var model = TravelModel()
        /// A travel matrix in minutes by id (the start place's id and the cooperatives' ids), overriding the model.
        public var matrix: [String: [String: Int]]?

        public init(date: String) { self.date = date }
    }

    public var options: Options

    public init(options: Options) { self.options = options }

    /// The instance for `coops` (each visited once, all must-visit), and those that cannot be placed (no
    /// coordinates, or coordinates a week's travel away).
    public func instance(
        for coops: [Cooperative]
    ) throws(ItineraryError) -> (
        instance: ItineraryInstance, unplaced: [(id: String, name: String, reason: ItineraryReport.Dropped.Kind)]
    ) {
        try ItineraryLimits.check(sites: coops.count, days: options.days, file: nil)
        try ItineraryLimits.check(minutes: options.visitMinutes, .visit, file: nil)
        guard ItineraryLimits.grids.contains(options.grid) else {
            throw .gridNotDivisor(file: nil, grid: options.grid, allowed: ItineraryLimits.grids.sorted())
        }
        try ItineraryLimits.check(minutes: options.lunch.minutes, .lunch, file: nil)
        try ItineraryLimits.check(lunch: options.lunch, dayStart: options.depart, dayEnd: options.returnBy, file: nil)
        var sites: [ItineraryInstance.Site] = []
        var unplaced: [(String, String, ItineraryReport.Dropped.Kind)] = []
        for coop in coops {
            let id = String(coop.id ?? 0)
            if coop.location == nil && options.matrix?[id] == nil {
                unplaced.append((id, coop.name, .noCoordinates))
                continue
            }
            sites.append(
                .init(
                    place: .init(id: id, name: coop.name, point: coop.location), service: options.visitMinutes,
                    windows: coop.effectiveReceptionHours, mustVisit: true, priority: 1))
        }
        var places = [options.start] + sites.map(\.place)
        var travel: [[Int]]
        var roadKm: [[Double]]?
        if let matrix = options.matrix {
            travel = try places.map { (a) throws(ItineraryError) in
                try places.map { (b) throws(ItineraryError) in
                    if a.id == b.id { return 0 }
                    guard let minutes = matrix[a.id]?[b.id] else { throw .missingTravelTime(from: a.id, to: b.id) }
                    try ItineraryLimits.check(minutes: minutes, .travel(from: a.id, to: b.id), file: nil)
                    return minutes
                }
            }
        } else {
            guard options.start.point != nil else {
                throw ItineraryError.startWithoutCoordinates
            }
            // Trips are timed at mid-morning speeds: a matrix cannot follow the hour of each trip, and the morning rush
            // would slow every leg of the day.
            let tables = options.model.tables(places.compactMap(\.point), at: 600)
            travel = tables.minutes
            roadKm = tables.km
            // A site a week's travel or more from the start or from another site (coordinates far outside Hanoi) cannot
            // be visited, and a saved instance with such a leg would not read back: set it aside, farthest first.
            var kept = Array(places.indices)
            while let (a, b) = kept.lazy.flatMap({ a in kept.lazy.map { b in (a, b) } }).first(where: {
                travel[$0.0][$0.1] > ItineraryLimits.minutes
            }) {
                let far = a == 0 ? b : b == 0 ? a : (travel[0][a] >= travel[0][b] ? a : b)
                kept.removeAll { $0 == far }
                let site = sites[far - 1]
                unplaced.append((site.place.id, site.place.name, .tooFar))
            }
            if kept.count < places.count {
                sites = kept.dropFirst().map { sites[$0 - 1] }
                places = kept.map { places[$0] }
                travel = kept.map { a in kept.map { b in travel[a][b] } }
                roadKm = kept.map { a in kept.map { b in tables.km[a][b] } }
            }
        }
        let distance =
            roadKm
            ?? places.map { a in
                places.map { b in
                    a.point.flatMap { p in b.point.map { p.distanceKm(to: $0) * options.model.circuity } } ?? 0
                }
            }
        let dates = (0..<options.days).map { VietnameseDate.adding($0, to: options.date) }
        let instance = ItineraryInstance(
            days: options.days, dayStart: options.depart, dayEnd: options.returnBy, lunch: options.lunch,
            start: options.start,
            sites: sites, travel: travel, distance: distance, dates: dates, grid: options.grid)
        return (instance, unplaced)
    }
}

/// Shifts the rest of a day after a delay: the stops after `after` start later, lunch moves if it must, and sites
/// that no longer fit are dropped (optional ones first), with every change said in words.
public struct Replanner: Sendable {
    public let instance: ItineraryInstance

    public init(instance: ItineraryInstance) { self.instance = instance }

    /// The new day and the changes, for day `day` of `days` delayed by `delay` minutes after stop `after` (site index;
    /// nil: the departure itself is late).
    ///
    /// A delay is at least a minute, and no longer than what the calendar day has left: a delegation that would be
    /// back after midnight needs a new plan, not a shifted one.
    public func replan(
        _ days: [DaySchedule], day: Int, after: Int?, delay: Int
    ) throws(UserError)
        -> (day: DaySchedule, changes: [Message], dropped: [(site: Int, reason: Message)])
    {
        let old = days[day]
        let evaluator = ScheduleEvaluator(instance: instance)
        let position = after.flatMap { site in old.stops.firstIndex { $0.site == site } }
        let kept = position.map { Array(old.stops[...$0]) } ?? []
        var tail = Array(old.stops[(position.map { $0 + 1 } ?? 0)...]).map(\.site)
        let origin = position.map { old.stops[$0].site + 1 } ?? 0
        let leaving = position.map { old.stops[$0].depart } ?? old.departAt
        guard delay > 0 else {
            throw UserError(
                "số phút trễ phải lớn hơn 0 (đã cho \(delay)); lịch đến sớm hơn thì lập lại lịch trình",
                "the delay must be more than 0 minutes (got \(delay)); to move visits earlier, plan the itinerary again"
            )
        }
        let latest = 24 * 60 - instance.travel[origin][0] - leaving
        guard delay <= latest else {
            throw UserError(
                "trễ \(delay) phút thì không về kịp trong ngày (trễ nhiều nhất \(max(0, latest)) phút sau "
                    + "\(TimeWindow.format(leaving))); "
                    + "lập lại lịch trình cho ngày khác",
                "a delay of \(delay) minutes runs past midnight (at most \(max(0, latest)) minutes after "
                    + "\(TimeWindow.format(leaving))); plan the itinerary again for another day")
        }
        let resume = leaving + delay
        let lunchBehind =
            old.lunchStart.map { start in
                position.map { start + instance.lunch.minutes <= old.stops[$0].depart } ?? false
            } ?? false
        var dropped: [(Int, Message)] = []
        var result = evaluator.evaluate(tail, origin: origin, time: resume, lunchTaken: lunchBehind)
        while case .failure(let violation) = result, !tail.isEmpty {
            // Drop an optional site first, else the one the violation names, else the last.
            let victim =
                tail.first { !instance.sites[$0].mustVisit } ?? violation.site.flatMap { v in tail.contains(v) ? v : nil
                } ?? tail[tail.count - 1]
            dropped.append((victim, violation.message))
            tail.removeAll { $0 == victim }
            result = evaluator.evaluate(tail, origin: origin, time: resume, lunchTaken: lunchBehind)
        }
        // A delay so long that even going straight back leaves no room for lunch: go back, and say lunch is lost.
        var lunchLost = false
        var rest =
            (try? result.get())
            ?? {
                // Lunch is lost only if it was still ahead; once taken, going straight back just returns later.
                lunchLost = !lunchBehind
                return DaySchedule(
                    stops: [], departAt: resume, lunchStart: nil, lunchAfter: nil,
                    returnAt: instance.onGrid(resume + instance.travel[origin][0]),
                    travelMinutes: instance.travel[origin][0], distanceKm: instance.distance[origin][0])
            }()
        var merged = rest
        merged.stops = kept + rest.stops
        merged.departAt = old.departAt
        if lunchBehind { merged.lunchStart = old.lunchStart }
        // Lunch follows the last stop that ends before it (-1: before leaving).
        merged.lunchAfter = merged.lunchStart.map { start in (merged.stops.lastIndex { $0.depart <= start }) ?? -1 }
        let keptTravel = kept.reduce(0) { $0 + $1.travelMinutes }
        merged.travelMinutes = keptTravel + rest.travelMinutes
        merged.distanceKm = kept.reduce(0) { $0 + $1.distanceKm } + rest.distanceKm
        rest = merged
        var changes: [Message] = []
        for stop in rest.stops {
            guard let before = old.stops.first(where: { $0.site == stop.site }), before.start != stop.start else {
                continue
            }
            let name = instance.sites[stop.site].place.name
            changes.append(
                Message(
                    "\(name): \(TimeWindow.format(before.start)) → \(TimeWindow.format(stop.start))",
                    "\(name): \(TimeWindow.format(before.start)) → \(TimeWindow.format(stop.start))"))
        }
        if old.lunchStart != rest.lunchStart, let start = rest.lunchStart {
            changes.append(
                Message(
                    "nghỉ trưa: \(old.lunchStart.map(TimeWindow.format) ?? "–") → \(TimeWindow.format(start))",
                    "lunch: \(old.lunchStart.map(TimeWindow.format) ?? "–") → \(TimeWindow.format(start))"))
        }
        if old.returnAt == rest.returnAt {
            changes.append(
                Message(
                    "về: \(TimeWindow.format(rest.returnAt)), không đổi",
                    "back: \(TimeWindow.format(rest.returnAt)), unchanged"))
        } else {
            changes.append(
                Message(
                    "về: \(TimeWindow.format(old.returnAt)) → \(TimeWindow.format(rest.returnAt))",
                    "back: \(TimeWindow.format(old.returnAt)) → \(TimeWindow.format(rest.returnAt))"))
        }
        if lunchLost {
            changes.append(
                Message(
                    "không còn bố trí được nghỉ trưa trong khung "
                        + "\(TimeWindow.format(instance.lunch.earliest))–\(TimeWindow.format(instance.lunch.latest))",
                    "no room left for lunch within "
                        + "\(TimeWindow.format(instance.lunch.earliest))–\(TimeWindow.format(instance.lunch.latest))"
                ))
        }
        for (site, reason) in dropped {
            changes.append(
                Message(
                    "bỏ \(instance.sites[site].place.name): \(reason.vi)",
                    "dropped \(instance.sites[site].place.name): \(reason.en)"))
        }
        return (rest, changes, dropped)
    }
}
