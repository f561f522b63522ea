import Foundation
import HTXCore

/// A self-contained itinerary problem: days, the day's limits, the lunch rule, the start place, the sites and
/// the travel times between them (docs/CONTRACT.md §4). `htx itinerary solve` reads it as JSON; `itinerary plan` builds
/// it
/// from the catalog.
public struct ItineraryInstance: Sendable {
    /// A place with coordinates.
    public struct Place: Sendable, Equatable {
        public var id: String
        public var name: String
        public var point: GeoPoint?

        public init(id: String, name: String, point: GeoPoint?) {
            self.id = id
            self.name = name
            self.point = point
        }
    }

    /// A site to visit.
    public struct Site: Sendable, Equatable {
        public var place: Place
        /// Visit length in minutes.
        public var service: Int
        /// Reception windows (minutes after midnight); a visit lies wholly inside one.
        public var windows: [TimeWindow]
        public var mustVisit: Bool
        /// The value of visiting an optional site.
        public var priority: Int

        public init(place: Place, service: Int, windows: [TimeWindow], mustVisit: Bool, priority: Int) {
            self.place = place
            self.service = service
            self.windows = windows
            self.mustVisit = mustVisit
            self.priority = priority
        }

        /// The earliest start at or after `ready` at which the whole visit fits in a window, or nil.
        public func earliestStart(readyAt ready: Int) -> Int? {
            for window in windows {
                let start = max(ready, window.start)
                if start + service <= window.end { return start }
            }
            return nil
        }
    }

    /// Lunch: a break of `minutes` that starts between `earliest` and `latest`.
    public struct Lunch: Sendable, Equatable {
        public var earliest: Int
        public var latest: Int
        public var minutes: Int

        public init(earliest: Int, latest: Int, minutes: Int) {
            self.earliest = earliest
            self.latest = latest
            self.minutes = minutes
        }
    }

    public var days: Int
    public var dayStart: Int
    public var dayEnd: Int
    public var lunch: Lunch
    public var start: Place
    public var sites: [Site]
    /// Travel minutes; index 0 is the start place, then the sites in order.
    public var travel: [[Int]]
    /// Road distance in km, same indexing (estimated from coordinates when the matrix came from a file).
    public var distance: [[Double]]
    /// The calendar dates of the days, when known.
    public var dates: [String]
    /// The programme's clock, in minutes: every printed time is a multiple of it (1: the solver's own minutes).
    public var grid: Int

    public init(
        days: Int, dayStart: Int, dayEnd: Int, lunch: Lunch, start: Place, sites: [Site], travel: [[Int]],
        distance: [[Double]], dates: [String] = [], grid: Int = 1
    ) {
        self.days = days
        self.dayStart = dayStart
        self.dayEnd = dayEnd
        self.lunch = lunch
        self.start = start
        self.sites = sites
        self.travel = travel
        self.distance = distance
        self.dates = dates
        self.grid = grid
    }
}

extension ItineraryInstance {
    /// The JSON shape of docs/CONTRACT.md §4.
    struct File: Decodable {
        struct FileLunch: Decodable {
            var earliest: String
            var latest: String
            var minutes: Int
        }
        struct FilePlace: Decodable {
            var id: String
            var name: String?
            var lat: Double?
            var lon: Double?
        }
        struct FileSite: Decodable {
            var id: String
            var name: String?
            var lat: Double?
            var lon: Double?
            var serviceMinutes: Int?
            var windows: [[String]]?
            var mustVisit: Bool?
            var priority: Int?
        }
        var days: Int?
        var dayStart: String?
        var dayEnd: String?
        var lunch: FileLunch?
        var start: FilePlace
        var sites: [FileSite]
        var travelMinutes: [[Double]]?
        var dates: [String]?
        var grid: Int?
    }

    /// Reads an instance from JSON, checking every time, window and the matrix's shape; a missing matrix is
    /// filled from the coordinates with `model`.
    public static func parse(
        json data: Data, file: String, model: TravelModel = TravelModel()
    ) throws -> ItineraryInstance {
        let parsed: File
        do { parsed = try JSONDecoder().decode(File.self, from: data) } catch {
            let detail = DecodingProblem.describe(error)
            throw UserError(
                "\(file): không đọc được bài toán lịch trình (JSON): \(detail.vi)",
                "\(file): cannot read the itinerary instance (JSON): \(detail.en)")
        }
        func minutes(_ text: String?, _ field: String, default value: Int) throws(UserError) -> Int {
            guard let text else { return value }
            guard let m = TimeWindow.minutes(text) else {
                throw UserError(
                    "\(file): \(field) \"\(text)\" không phải giờ HH:MM",
                    "\(file): \(field) \"\(text)\" is not a HH:MM time")
            }
            return m
        }
        try ItineraryLimits.check(sites: parsed.sites.count, days: parsed.days ?? 1, file: file)
        let dates = parsed.dates ?? []
        if let bad = dates.first(where: { VietnameseDate.parse($0) == nil }) {
            throw UserError(
                "\(file): ngày \"\(bad)\" không có thật hoặc không đúng dạng YYYY-MM-DD",
                "\(file): the date \"\(bad)\" is not a real YYYY-MM-DD date")
        }
        guard dates.isEmpty || dates.count == (parsed.days ?? 1) else {
            throw UserError(
                "\(file): có \(dates.count) ngày trong dates nhưng days là \(parsed.days ?? 1)",
                "\(file): dates lists \(dates.count) days but days is \(parsed.days ?? 1)")
        }
        let dayStart = try minutes(parsed.dayStart, "dayStart", default: 480)
        let dayEnd = try minutes(parsed.dayEnd, "dayEnd", default: 1050)
        guard dayStart < dayEnd else {
            throw UserError("\(file): dayStart phải trước dayEnd", "\(file): dayStart must be before dayEnd")
        }
        let lunch = Lunch(
            earliest: try minutes(parsed.lunch?.earliest, "lunch.earliest", default: 660),
            latest: try minutes(parsed.lunch?.latest, "lunch.latest", default: 750),
            minutes: parsed.lunch?.minutes ?? 60)
        try ItineraryLimits.check(minutes: lunch.minutes, .lunch, file: file)
        try ItineraryLimits.check(lunch: lunch, dayStart: dayStart, dayEnd: dayEnd, file: file)
        func point(_ id: String, _ lat: Double?, _ lon: Double?) throws(UserError) -> GeoPoint? {
            guard let lat, let lon else { return nil }
            guard (-90...90).contains(lat), (-180...180).contains(lon) else {
                throw UserError(
                    "\(file): toạ độ của \(id) (\(lat), \(lon)) không hợp lệ: vĩ độ từ -90 đến 90, kinh độ từ -180 "
                        + "đến 180",
                    "\(file): the coordinates of \(id) (\(lat), \(lon)) are invalid: latitude -90 to 90, longitude "
                        + "-180 to 180"
                )
            }
            return GeoPoint(lat: lat, lon: lon)
        }
        let start = Place(
            id: parsed.start.id, name: parsed.start.name ?? parsed.start.id,
            point: try point(parsed.start.id, parsed.start.lat, parsed.start.lon))
        var sites: [Site] = []
        var seen = Set<String>([start.id])
        for site in parsed.sites {
            guard seen.insert(site.id).inserted else {
                throw UserError("\(file): mã điểm \"\(site.id)\" bị lặp", "\(file): site id \"\(site.id)\" repeats")
            }
            var windows: [TimeWindow] = []
            for pair in site.windows ?? [["08:00", "11:30"], ["13:30", "17:00"]] {
                guard pair.count == 2, let a = TimeWindow.minutes(pair[0]), let b = TimeWindow.minutes(pair[1]), a < b
                else {
                    throw UserError(
                        "\(file): khung giờ của \(site.id) không hợp lệ: \(pair)",
                        "\(file): invalid window for \(site.id): \(pair)")
                }
                windows.append(TimeWindow(start: a, end: b))
            }
            try ItineraryLimits.check(minutes: site.serviceMinutes ?? 60, .service(site: site.id), file: file)
            guard (0...ItineraryLimits.priority).contains(site.priority ?? 1) else {
                throw UserError(
                    "\(file): priority của \(site.id) phải từ 0 đến \(ItineraryLimits.priority)",
                    "\(file): the priority of \(site.id) must be 0 to \(ItineraryLimits.priority)")
            }
            sites.append(
                Site(
                    place: Place(
                        id: site.id, name: site.name ?? site.id, point: try point(site.id, site.lat, site.lon)),
                    service: site.serviceMinutes ?? 60,
                    windows: windows.sorted { $0.start < $1.start }, mustVisit: site.mustVisit ?? false,
                    priority: site.priority ?? 1))
        }
        let places = [start] + sites.map(\.place)
        var travel: [[Int]]
        if let matrix = parsed.travelMinutes {
            guard matrix.count == places.count, matrix.allSatisfy({ $0.count == places.count }) else {
                throw UserError(
                    "\(file): travelMinutes phải là ma trận vuông \(places.count)×\(places.count) (điểm xuất phát rồi "
                        + "các điểm)",
                    "\(file): travelMinutes must be a square \(places.count)×\(places.count) matrix (start, then the "
                        + "sites)"
                )
            }
            guard matrix.allSatisfy({ $0.allSatisfy { $0 == $0.rounded() } }) else {
                throw UserError(
                    "\(file): travelMinutes phải là số phút nguyên", "\(file): travelMinutes must be whole minutes")
            }
            guard matrix.allSatisfy({ $0.allSatisfy { $0 >= 0 && $0 <= Double(ItineraryLimits.minutes) } }) else {
                throw UserError(
                    "\(file): travelMinutes có giá trị âm hoặc quá một tuần (\(ItineraryLimits.minutes) phút)",
                    "\(file): travelMinutes has a value that is negative or more than a week "
                        + "(\(ItineraryLimits.minutes) minutes)"
                )
            }
            travel = matrix.map { $0.map { Int($0.rounded()) } }
        } else {
            guard places.allSatisfy({ $0.point != nil }) else {
                throw UserError(
                    "\(file): thiếu travelMinutes thì mọi điểm cần lat/lon",
                    "\(file): without travelMinutes every place needs lat/lon")
            }
            travel = model.matrix(places.compactMap(\.point), at: dayStart)
            // Coordinates a continent away give travel times no day can hold: name the place to check.
            for (i, row) in travel.enumerated() {
                if let j = row.firstIndex(where: { $0 > ItineraryLimits.minutes }) {
                    throw UserError(
                        "\(file): \(places[i].id) → \(places[j].id) cách nhau hơn một tuần đường; kiểm tra toạ độ",
                        "\(file): \(places[i].id) → \(places[j].id) is more than a week's travel apart; check the "
                            + "coordinates"
                    )
                }
            }
        }
        let distance = places.map { a in
            places.map { b in
                a.point.flatMap { p in b.point.map { p.distanceKm(to: $0) * model.circuity } } ?? 0
            }
        }
        let grid = parsed.grid ?? 1
        guard ItineraryLimits.grids.contains(grid) else {
            throw ItineraryError.gridNotDivisor(file: file, grid: grid, allowed: ItineraryLimits.grids.sorted())
        }
        return ItineraryInstance(
            days: parsed.days ?? 1, dayStart: dayStart, dayEnd: dayEnd, lunch: lunch, start: start, sites: sites,
            travel: travel, distance: distance, dates: parsed.dates ?? [], grid: grid)
    }
}

extension ItineraryInstance {
    /// The instance as JSON in the format `parse(json:)` reads (docs/CONTRACT.md §4), with the travel matrix and the
    /// dates,
    /// so a saved itinerary can be checked and re-planned exactly as it was solved.
    public func json() throws -> String {
        struct Out: Encodable {
            struct OutLunch: Encodable {
                var earliest: String
                var latest: String
                var minutes: Int
            }
            struct OutPlace: Encodable {
                var id: String
                var name: String
                var lat: Double?
                var lon: Double?
            }
            struct OutSite: Encodable {
                var id: String
                var name: String
                var lat: Double?
                var lon: Double?
                var serviceMinutes: Int
                var windows: [[String]]
                var mustVisit: Bool
                var priority: Int
            }
            var days: Int
            var dayStart: String
            var dayEnd: String
            var lunch: OutLunch
            var start: OutPlace
            var sites: [OutSite]
            var travelMinutes: [[Int]]
            var dates: [String]
            var grid: Int
        }
        let out = Out(
            days: days, dayStart: TimeWindow.format(dayStart), dayEnd: TimeWindow.format(dayEnd),
            lunch: .init(
                earliest: TimeWindow.format(lunch.earliest), latest: TimeWindow.format(lunch.latest),
                minutes: lunch.minutes),
            start: .init(id: start.id, name: start.name, lat: start.point?.lat, lon: start.point?.lon),
            sites: sites.map {
                .init(
                    id: $0.place.id, name: $0.place.name, lat: $0.place.point?.lat, lon: $0.place.point?.lon,
                    serviceMinutes: $0.service,
                    windows: $0.windows.map { [TimeWindow.format($0.start), TimeWindow.format($0.end)] },
                    mustVisit: $0.mustVisit, priority: $0.priority)
            },
            travelMinutes: travel, dates: dates, grid: grid)
        return try JSONText.encode(out)
    }
}
