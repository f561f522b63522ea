import HTXCore

/// One day of a programme with its times: when each visit starts and ends, where lunch falls, when the day ends.
public struct DaySchedule: Sendable, Equatable {
    /// One visit.
    public struct Stop: Sendable, Equatable {
        /// The site's index in the instance.
        public var site: Int
        public var arrive: Int
        public var start: Int
        public var depart: Int
        /// Minutes and km from the previous place.
        public var travelMinutes: Int
        public var distanceKm: Double
    }

    public var stops: [Stop]
    /// When the delegation leaves the start place.
    public var departAt: Int
    public var lunchStart: Int?
    /// The stop lunch follows (-1: before leaving; the last stop's position: after returning to the start place).
    public var lunchAfter: Int?
    public var returnAt: Int
    /// Minutes on the road this day, the way back included.
    public var travelMinutes: Int
    public var distanceKm: Double

    /// The visited sites in order.
    public var sites: [Int] { stops.map(\.site) }
}

/// A constraint a hand-made order breaks, in words.
public struct ScheduleViolation: Sendable, Equatable, Error {
    public var site: Int?
    public var message: Message
}

/// Computes the earliest feasible times of an order of visits, trying every place lunch can go.
public struct ScheduleEvaluator: Sendable {
    public let instance: ItineraryInstance

    public init(instance: ItineraryInstance) { self.instance = instance }

    /// The schedule of `order` (site indexes) that returns earliest, or the violation of the attempt that got furthest.
    ///
    /// By default the day starts at the start place at the day's start; `origin` (a matrix index: 0 is the start
    /// place, site i is i + 1), `time` and `lunchTaken` resume a day part-way, as re-planning after a delay does.
    public func evaluate(
        _ order: [Int], origin: Int = 0, time: Int? = nil, lunchTaken: Bool = false
    ) -> Result<DaySchedule, ScheduleViolation> {
        let begin = time ?? instance.dayStart
        guard !order.isEmpty || origin != 0 else {
            return .success(
                DaySchedule(
                    stops: [], departAt: begin, lunchStart: nil, lunchAfter: nil, returnAt: begin, travelMinutes: 0,
                    distanceKm: 0))
        }
        var best: DaySchedule?
        var furthest: (Int, ScheduleViolation)?
        // Lunch gaps: -1 before the first visit (at the start place, or at `origin`), k after visit k, the last one
        // after
        // returning; -2 when lunch is already behind; -3 after returning when nothing is left to visit.
        for gap in lunchTaken ? [-2] : (order.isEmpty ? [-3] : Array(-1..<order.count)) {
            switch simulate(order, lunchGap: gap, origin: origin, time: begin) {
            case .success(let day):
                if best.map({ day.returnAt < $0.returnAt }) ?? true { best = day }
            case .failure(let blocked):
                // The attempt that got furthest tells the real obstacle; among equals, the one with lunch latest (the
                // earliest arrivals).
                if furthest.map({ blocked.reached >= $0.0 }) ?? true { furthest = (blocked.reached, blocked.violation) }
            }
        }
        if let best { return .success(best) }
        return .failure(
            furthest?.1
                ?? ScheduleViolation(site: nil, message: Message("không có thứ tự nào khả thi", "no order is feasible"))
        )
    }

    func name(_ site: Int) -> String { instance.sites[site].place.name }
    func clock(_ minutes: Int) -> String { TimeWindow.format(minutes) }

    /// The day with lunch after stop `lunchGap` (-1: before leaving, last: on the way back); on failure, how many stops
    /// were reached.
    func simulate(
        _ order: [Int], lunchGap: Int, origin: Int = 0, time begin: Int? = nil
    ) -> Result<DaySchedule, Blocked> {
        let lunch = instance.lunch
        var time = instance.onGrid(begin ?? instance.dayStart)
        var lunchStart: Int?
        if lunchGap == -1 {
            guard let start = instance.lunchAtStart(from: time) else {
                return .failure(Blocked(reached: 0, violation: lunchViolation(nil)))
            }
            lunchStart = start
            time = start + lunch.minutes
        }
        let departAt = time
        var previous = origin
        var stops: [DaySchedule.Stop] = []
        var distance = 0.0
        var travel = 0
        for (position, site) in order.enumerated() {
            let minutes = instance.travel[previous][site + 1]
            let withLunch = lunchGap == position - 1 && position > 0
            guard let leg = instance.leg(leaving: time, minutes: minutes, lunch: withLunch) else {
                return .failure(Blocked(reached: position, violation: lunchViolation(order[position - 1])))
            }
            if withLunch { lunchStart = leg.lunch }
            let ready = leg.ready
            guard let start = instance.visitStart(instance.sites[site], readyAt: ready) else {
                let closes = instance.sites[site].windows.last.map { clock($0.end) } ?? "?"
                return .failure(
                    Blocked(
                        reached: position,
                        violation: ScheduleViolation(
                            site: site,
                            message: Message(
                                "\(name(site)) tiếp đón đến \(closes) (buổi \(instance.sites[site].service) phút); "
                                    + "sớm nhất chỉ bắt đầu được lúc \(clock(ready))",
                                "\(name(site)) receives until \(closes) (a \(instance.sites[site].service)-minute "
                                    + "visit); the earliest start is \(clock(ready))"
                            ))))
            }
            let depart = instance.onGrid(start + instance.sites[site].service)
            stops.append(
                DaySchedule.Stop(
                    site: site, arrive: leg.arrive, start: start, depart: depart, travelMinutes: minutes,
                    distanceKm: instance.distance[previous][site + 1]))
            travel += minutes
            distance += instance.distance[previous][site + 1]
            time = depart
            previous = site + 1
        }
        let back = instance.travel[previous][0]
        let returnAt = instance.onGrid(time + back)
        var endOfDay = returnAt
        if (lunchGap >= 0 && lunchGap == order.count - 1) || lunchGap == -3 {
            // After the last visit, lunch is taken back at the start place (docs/CONTRACT.md §4).
            guard let start = instance.lunchAtStart(from: returnAt) else {
                return .failure(Blocked(reached: order.count, violation: lunchViolation(order.last)))
            }
            lunchStart = start
            endOfDay = start + lunch.minutes
        }
        guard endOfDay <= instance.dayEnd else {
            return .failure(
                Blocked(
                    reached: order.count,
                    violation: ScheduleViolation(
                        site: order.last,
                        message: Message(
                            "về đến \(instance.start.name) lúc \(clock(endOfDay)), muộn hơn \(clock(instance.dayEnd))",
                            "back at \(instance.start.name) at \(clock(endOfDay)), later than \(clock(instance.dayEnd))"
                        ))))
        }
        travel += back
        distance += instance.distance[previous][0]
        return .success(
            DaySchedule(
                stops: stops, departAt: departAt, lunchStart: lunchStart, lunchAfter: lunchGap, returnAt: returnAt,
                travelMinutes: travel, distanceKm: distance))
    }

    /// How far a simulation got before a constraint stopped it.
    struct Blocked: Error {
        var reached: Int
        var violation: ScheduleViolation
    }

    func lunchViolation(_ after: Int?) -> ScheduleViolation {
        let location = after.map { " sau \(name($0))" } ?? ""
        let whereEn = after.map { " after \(name($0))" } ?? ""
        return ScheduleViolation(
            site: after,
            message: Message(
                "không bắt đầu được bữa trưa\(location) trước \(clock(instance.lunch.latest))",
                "lunch cannot start\(whereEn) by \(clock(instance.lunch.latest))"))
    }
}
