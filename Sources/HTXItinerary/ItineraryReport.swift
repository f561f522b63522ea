import HTXCore

/// The itinerary JSON of docs/CONTRACT.md §3 (`plan`, `show`, `solve`): days with timed stops and lunch, dropped sites,
/// total
/// travel.
public struct ItineraryReport: Codable, Sendable, Equatable {
    public struct Stop: Codable, Sendable, Equatable {
        public var id: String
        public var name: String
        public var arrive: String
        public var start: String
        public var depart: String
        public var travelMinutes: Int
        public var distanceKm: Double
    }

    public struct Lunch: Codable, Sendable, Equatable {
        public var start: String
        public var end: String
        /// The id of the stop lunch follows, or the start place's id when taken before leaving or after returning.
        public var after: String
    }

    public struct Day: Codable, Sendable, Equatable {
        public var date: String?
        public var departAt: String
        public var stops: [Stop]
        public var lunch: Lunch?
        public var returnAt: String
        public var travelMinutes: Int
        public var distanceKm: Double
    }

    public struct Dropped: Codable, Sendable, Equatable {
        public var id: String
        public var name: String
        public var mustVisit: Bool
        public var reason: String
        /// Why, as data, when the caller can offer a way past it (absent in files written before it existed).
        public var kind: Kind?

        /// A reason a caller can act on.
        public enum Kind: String, Codable, Sendable, Equatable {
            /// The cooperative has no coordinates (and the travel matrix does not name it).
            case noCoordinates
            /// Its coordinates are more than a week's travel from the start or another cooperative.
            case tooFar
        }

        public init(id: String, name: String, mustVisit: Bool, reason: String, kind: Kind? = nil) {
            self.id = id
            self.name = name
            self.mustVisit = mustVisit
            self.reason = reason
            self.kind = kind
        }
    }

    public var days: [Day]
    public var dropped: [Dropped]
    public var totalTravelMinutes: Int
    public var totalDistanceKm: Double
    public var sitesVisited: Int
    /// Whether the solver proved the answer optimal.
    public var optimal: Bool
    /// The least travel, in minutes, that any plan visiting exactly these sites within the days must drive, as
    /// proven; absent when not computed (a hand-made programme, or a file written before it existed).
    public var travelLowerBound: Int?
    /// How far the total travel can be above the least possible for these sites, in percent of that bound, rounded
    /// up to a tenth: 0 when proven optimal; absent without a bound, or above a bound of 0.
    public var travelGapPercent: Double?

    /// The report of a solution, messages in `lang`.
    public init(_ solution: ItinerarySolution, instance: ItineraryInstance, lang: Lang = .vi) {
        func km(_ value: Double) -> Double { (value * 10).rounded() / 10 }
        days = solution.days.enumerated().map { index, day in
            let stops = day.stops.map { stop in
                Stop(
                    id: instance.sites[stop.site].place.id, name: instance.sites[stop.site].place.name,
                    arrive: TimeWindow.format(stop.arrive),
                    start: TimeWindow.format(stop.start), depart: TimeWindow.format(stop.depart),
                    travelMinutes: stop.travelMinutes, distanceKm: km(stop.distanceKm))
            }
            var lunch: Lunch?
            if let start = day.lunchStart, let after = day.lunchAfter {
                let afterID =
                    after >= 0 && after < day.stops.count - 1
                    ? instance.sites[day.stops[after].site].place.id : instance.start.id
                lunch = Lunch(
                    start: TimeWindow.format(start), end: TimeWindow.format(start + instance.lunch.minutes),
                    after: afterID)
            }
            return Day(
                date: index < instance.dates.count ? instance.dates[index] : nil,
                departAt: TimeWindow.format(day.departAt), stops: stops, lunch: lunch,
                returnAt: TimeWindow.format(day.returnAt), travelMinutes: day.travelMinutes,
                distanceKm: km(day.distanceKm))
        }
        dropped = solution.dropped.map {
            Dropped(
                id: instance.sites[$0.site].place.id, name: instance.sites[$0.site].place.name,
                mustVisit: instance.sites[$0.site].mustVisit, reason: $0.reason.text(lang))
        }
        totalTravelMinutes = solution.days.reduce(0) { $0 + $1.travelMinutes }
        totalDistanceKm = km(solution.days.reduce(0) { $0 + $1.distanceKm })
        sitesVisited = solution.days.reduce(0) { $0 + $1.stops.count }
        optimal = solution.optimal
        travelLowerBound = solution.travelBound
        travelGapPercent = solution.travelBound.flatMap { bound in
            ItineraryReport.gapPercent(travel: totalTravelMinutes, bound: bound)
        }
    }

    /// The gap between a plan's travel and its proven bound, in percent of the bound, rounded up to a tenth; nil for
    /// travel above a bound of 0, which no percentage measures.
    static func gapPercent(travel: Int, bound: Int) -> Double? {
        guard travel > bound else { return 0 }
        guard bound > 0 else { return nil }
        return (Double(travel - bound) * 1000 / Double(bound)).rounded(.up) / 10
    }
}

extension ItineraryReport.Day {
    /// The day as a schedule of `instance`, with the times it was saved with (a re-planned day keeps its delay),
    /// or nil when a stop or a time does not belong to the instance (a damaged or hand-edited record).
    public func schedule(in instance: ItineraryInstance) -> DaySchedule? {
        let index = Dictionary(instance.sites.enumerated().map { ($1.place.id, $0) }, uniquingKeysWith: { a, _ in a })
        var stops: [DaySchedule.Stop] = []
        for stop in self.stops {
            guard let site = index[stop.id], let arrive = TimeWindow.minutes(stop.arrive),
                let start = TimeWindow.minutes(stop.start),
                let depart = TimeWindow.minutes(stop.depart), arrive <= start, start <= depart
            else { return nil }
            stops.append(
                .init(
                    site: site, arrive: arrive, start: start, depart: depart, travelMinutes: stop.travelMinutes,
                    distanceKm: stop.distanceKm))
        }
        guard let departAt = TimeWindow.minutes(self.departAt), let returnAt = TimeWindow.minutes(self.returnAt) else {
            return nil
        }
        var lunchStart: Int?
        var lunchAfter: Int?
        if let lunch {
            guard let start = TimeWindow.minutes(lunch.start) else { return nil }
            lunchStart = start
            if let position = stops.firstIndex(where: { instance.sites[$0.site].place.id == lunch.after }) {
                lunchAfter = position
            } else {
                lunchAfter = stops.first.map { start < $0.arrive ? -1 : stops.count - 1 } ?? -1
            }
        }
        return DaySchedule(
            stops: stops, departAt: departAt, lunchStart: lunchStart, lunchAfter: lunchAfter, returnAt: returnAt,
            travelMinutes: travelMinutes, distanceKm: distanceKm)
    }
}
