import Foundation
import HTXCatalog
import HTXCore
import HTXItinerary

/// A travel-matrix file as given: its name, for messages, and its bytes (CSV of minutes, ids in the first row
/// and column).
public struct MatrixFile: Sendable {
    public var name: String
    public var bytes: [UInt8]

    public init(name: String, bytes: [UInt8]) {
        self.name = name
        self.bytes = bytes
    }
}

/// The planning of an itinerary (`htx itinerary plan`, the web's itinerary form), as typed: times and the lunch
/// rule are text, read here, so that both doors read them the same way.
public struct PlanRequest: Sendable {
    /// Where the cooperatives come from.
    public enum Source: Sendable, Equatable {
        /// A shortlist's approved entries (or, while none is approved, those not rejected).
        case shortlist(String)
        /// Cooperatives by id or tax code.
        case cooperatives([String])
    }

    public var name: String
    public var source: Source
    /// The first day, `YYYY-MM-DD`.
    public var date: String
    public var days = 1
    /// "Name@lat,lon" (or "lat,lon"); nil for the Department's office.
    public var start: String?
    public var depart = "07:30"
    public var returnBy = "17:30"
    /// "HH:MM-HH:MM/MIN": the window lunch starts in, and its length.
    public var lunch = "11:00-12:30/60"
    public var visitMinutes = 60
    /// The programme's clock in minutes: every printed time a multiple of it.
    public var grid = 5
    public var matrix: MatrixFile?
    /// Seconds the whole plan may take, counted from `startedAt`.
    public var timeLimit = 1.0
    public var startedAt: Date?
    /// Plan again over an itinerary of the same name.
    public var replace = false
    /// The language of the reasons written into the saved programme (its JSON carries them as text).
    public var lang: Lang = .vi

    public init(name: String, source: Source, date: String) {
        self.name = name
        self.source = source
        self.date = date
    }
}

/// A planned, saved itinerary.
public struct PlanResult: Sendable {
    public var report: ItineraryReport
    public var instance: ItineraryInstance
    /// When the shortlist had no approved entry yet: how many proposed entries were planned instead.
    public var usedProposed: Int?
    /// Days with visits that fall on a weekend or a public holiday: worth a second look before the letters go out.
    public var notices: [PlanNotice] = []
    /// How many must-visit cooperatives could not be placed.
    public var mustVisitDropped: Int { report.dropped.filter(\.mustVisit).count }
}

/// Something about a planned day the caller should be told.
public enum PlanNotice: Sendable, Equatable {
    /// A visit day on a Saturday (7) or Sunday (1).
    case weekend(date: String, weekday: Int)
    /// A visit day on a solar public holiday.
    case holiday(date: String, VietnameseDate.Holiday)
}

/// A saved itinerary read back: the record, the instance it was solved on, and the programme.
public struct SavedPlan: Sendable {
    public var saved: SavedItinerary
    public var instance: ItineraryInstance
    public var report: ItineraryReport
}

/// A hand-made order evaluated: the programme it gives and every constraint it breaks.
public struct CheckResult: Sendable {
    public var report: ItineraryReport
    public var violations: [Message]
    public var instance: ItineraryInstance
}

/// A re-planned day: the new programme and every change, in words.
public struct ReplanResult: Sendable {
    public var report: ItineraryReport
    public var changes: [Message]
    public var instance: ItineraryInstance
}

extension Kit {
    /// Plans the itinerary, saves it, and gives back the programme.
    public func planItinerary(_ request: PlanRequest) throws -> PlanResult {
        guard VietnameseDate.parse(request.date) != nil else { throw KitError.invalidDate(request.date) }
        _ = try Kit.checked(request.name, .itineraryName, required: true)
        var options = ItineraryPlanner.Options(date: request.date)
        options.days = request.days
        options.visitMinutes = request.visitMinutes
        options.grid = request.grid
        guard let depart = TimeWindow.minutes(request.depart), let back = TimeWindow.minutes(request.returnBy),
            depart < back
        else { throw KitError.invalidDayTimes(depart: request.depart, returnBy: request.returnBy) }
        options.depart = depart
        options.returnBy = back
        options.lunch = try Kit.lunch(request.lunch)
        if let start = request.start { options.start = try Kit.start(start) }
        if let matrix = request.matrix { options.matrix = try Kit.travelMatrix(matrix) }
        var chosen: [Cooperative]
        var usedProposed: Int?
        switch request.source {
        case .shortlist(let name):
            let record = try catalog.shortlist(name)
            let approved = record.entries.filter { $0.status == .approved }
            let entries = approved.isEmpty ? record.entries.filter { $0.status != .rejected } : approved
            if approved.isEmpty { usedProposed = entries.count }
            chosen = try entries.map { try catalog.cooperative(String($0.id)) }
        case .cooperatives(let refs):
            chosen = try refs.map { try catalog.cooperative($0) }
        }
        let (instance, unplaced) = try ItineraryPlanner(options: options).instance(for: chosen)
        let solution = ItinerarySolver(instance: instance, timeLimit: request.timeLimit, startedAt: request.startedAt)
            .solve()
        var report = ItineraryReport(solution, instance: instance, lang: request.lang)
        report.dropped += unplaced.map {
            ItineraryReport.Dropped(
                id: $0.id, name: $0.name, mustVisit: true,
                reason: Kit.unplacedReason($0.reason).text(request.lang), kind: $0.reason)
        }
        var parameters = [
            "date": request.date, "days": String(request.days), "depart": request.depart, "returnBy": request.returnBy,
            "lunch": request.lunch, "visit": String(request.visitMinutes),
            "grid": String(request.grid),
        ]
        switch request.source {
        case .shortlist(let name): parameters["shortlist"] = name
        case .cooperatives(let refs): parameters["coops"] = refs.joined(separator: ",")
        }
        try catalog.saveItinerary(
            name: request.name, instanceJSON: try instance.json(),
            reportJSON: try JSONText.encode(report, pretty: false),
            parameters: parameters, replace: request.replace)
        var result = PlanResult(report: report, instance: instance, usedProposed: usedProposed)
        for day in report.days where !day.stops.isEmpty {
            guard let date = day.date else { continue }
            if let holiday = VietnameseDate.holiday(date) {
                result.notices.append(.holiday(date: date, holiday))
            } else if let weekday = VietnameseDate.weekday(date), weekday == 1 || weekday == 7 {
                result.notices.append(.weekend(date: date, weekday: weekday))
            }
        }
        return result
    }

    /// A saved itinerary with its instance and programme.
    public func itinerary(_ name: String) throws -> SavedPlan {
        let saved = try catalog.itinerary(name)
        let instance = try ItineraryInstance.parse(json: Data(saved.instanceJSON.utf8), file: name)
        let report: ItineraryReport
        do {
            report = try JSONDecoder().decode(ItineraryReport.self, from: Data(saved.reportJSON.utf8))
        } catch {
            throw KitError.unreadableItinerary(name)
        }
        return SavedPlan(saved: saved, instance: instance, report: report)
    }

    /// A short fingerprint of itinerary `name`'s programme as saved (FNV-1a of its JSON): a form carries it, so a
    /// change made from a page that no longer shows the saved programme (sent twice, or after another replan) can
    /// be refused.
    public func itineraryVersion(_ name: String) throws -> String {
        Fingerprint.of(try catalog.itinerary(name).reportJSON)
    }

    /// Evaluates a hand-made order ("12,7;3,18": days by semicolons) against a saved itinerary's data.
    public func checkOrder(_ name: String, order: String, lang: Lang) throws -> CheckResult {
        let plan = try itinerary(name)
        // A cooperative may be given by its tax code, as everywhere else: it stands for its internal id here.
        let ids = Set(plan.instance.sites.map(\.place.id))
        let orders = ItineraryChecker.parse(order).map { day in
            day.map { ref in
                ids.contains(ref) ? ref : ((try? catalog.cooperative(ref).id).flatMap { $0.map(String.init) } ?? ref)
            }
        }
        let outcome = ItineraryChecker(instance: plan.instance).check(orders)
        var checked = plan.instance
        checked.days = outcome.solution.days.count
        return CheckResult(
            report: ItineraryReport(outcome.solution, instance: checked, lang: lang), violations: outcome.violations,
            instance: plan.instance)
    }

    /// Shifts the rest of a day by `delay` minutes after stop `after` (else from the departure of `day`, 1-based),
    /// drops what no longer fits, and saves the itinerary (unless `save` is false: a preview).
    public func replan(
        _ name: String, delay: Int, after: String?, day: Int? = nil, lang: Lang, save: Bool = true
    ) throws -> ReplanResult {
        let plan = try itinerary(name)
        let instance = plan.instance
        let index = Dictionary(instance.sites.enumerated().map { ($1.place.id, $0) }, uniquingKeysWith: { a, _ in a })
        // The saved days as they stand, earlier delays included.
        let days = try plan.report.days.enumerated().map { number, day in
            guard let schedule = day.schedule(in: instance) else {
                throw KitError.unreadableDay(itinerary: name, day: number + 1)
            }
            return schedule
        }
        if let day, !days.indices.contains(day - 1) { throw KitError.noSuchDay(day, days: days.count) }
        var dayIndex = (day ?? 1) - 1
        var afterSite: Int?
        if let after {
            // The stop by its id, or by the tax code `itinerary check` takes too.
            let id = index[after] != nil ? after : (try? catalog.cooperative(after).id).flatMap { $0 }.map(String.init)
            guard let id, let site = index[id], let found = days.firstIndex(where: { $0.sites.contains(site) }) else {
                throw KitError.stopNotInItinerary(stop: after, itinerary: name)
            }
            if let day, day - 1 != found { throw KitError.stopOnAnotherDay(stop: after, day: found + 1, asked: day) }
            afterSite = site
            dayIndex = found
        }
        guard days.indices.contains(dayIndex) else { throw KitError.noSuchDay(dayIndex + 1, days: days.count) }
        let (newDay, changes, dropped) = try Replanner(instance: instance)
            .replan(days, day: dayIndex, after: afterSite, delay: delay)
        var allDays = days
        allDays[dayIndex] = newDay
        let visited = Set(allDays.flatMap(\.sites))
        var droppedAll = plan.report.dropped.filter { d in index[d.id].map { !visited.contains($0) } ?? true }
        for (site, reason) in dropped where !droppedAll.contains(where: { $0.id == instance.sites[site].place.id }) {
            let place = instance.sites[site]
            droppedAll.append(
                ItineraryReport.Dropped(
                    id: place.place.id, name: place.place.name, mustVisit: place.mustVisit, reason: reason.text(lang)))
        }
        var report = ItineraryReport(
            ItinerarySolution(days: allDays, dropped: [], value: .empty, optimal: false), instance: instance, lang: lang
        )
        report.dropped = droppedAll
        let note = ["replanned": "+\(delay) min after \(after ?? "departure")"]
        guard save else { return ReplanResult(report: report, changes: changes, instance: instance) }
        try catalog.saveItinerary(
            name: name, instanceJSON: plan.saved.instanceJSON, reportJSON: try JSONText.encode(report, pretty: false),
            parameters: plan.saved.parameters.merging(note) { _, new in new }, replace: true)
        return ReplanResult(report: report, changes: changes, instance: instance)
    }

    /// Solves a self-contained instance (docs/CONTRACT.md §4) with the pure solver; nothing is read from or written to
    /// the
    /// catalog.
    public static func solve(
        instance data: Data, file: String, timeLimit: Double, startedAt: Date? = nil, lang: Lang
    ) throws -> (report: ItineraryReport, instance: ItineraryInstance) {
        let problem = try ItineraryInstance.parse(json: data, file: file)
        let solution = ItinerarySolver(instance: problem, timeLimit: timeLimit, startedAt: startedAt).solve()
        return (ItineraryReport(solution, instance: problem, lang: lang), problem)
    }

    /// The words stored in the itinerary for a cooperative that could not be placed; the way past it is the
    /// caller's to say (a command, a link to the record).
    static func unplacedReason(_ kind: ItineraryReport.Dropped.Kind) -> Message {
        switch kind {
        case .noCoordinates: return Message("thiếu toạ độ", "no coordinates")
        case .tooFar:
            return Message(
                "toạ độ cách nơi xuất phát hoặc HTX khác hơn một tuần đường",
                "its coordinates are more than a week's travel from the start or another cooperative")
        }
    }

    // MARK: - Reading the request's text

    /// The lunch rule from "HH:MM-HH:MM/MIN".
    static func lunch(_ text: String) throws -> ItineraryInstance.Lunch {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let window = try? TimeWindow.parse(String(parts[0])), let length = Int(parts[1]) else {
            throw KitError.invalidLunch(text)
        }
        return ItineraryInstance.Lunch(earliest: window.start, latest: window.end, minutes: length)
    }

    /// The start place from "Name@lat,lon" or "lat,lon".
    static func start(_ text: String) throws -> ItineraryInstance.Place {
        let parts = text.split(separator: "@", maxSplits: 1).map(String.init)
        guard let coordinates = parts.last, let point = try? GeoPoint.parse(coordinates) else {
            throw KitError.invalidStart(text)
        }
        return ItineraryInstance.Place(id: "start", name: parts.count == 2 ? parts[0] : text, point: point)
    }

    /// A travel matrix CSV: a header row of ids, then one row per id starting with the id, in minutes.
    static func travelMatrix(_ file: MatrixFile) throws -> [String: [String: Int]] {
        let decoded = try TextEncoding.decode(file.bytes, file: file.name)
        var reader = CSVReader(utf8: decoded.utf8, file: file.name)
        guard let header = try reader.next() else {
            throw KitError.invalidMatrix(file: file.name, row: nil, column: nil, value: nil, problem: .empty)
        }
        let ids = Array(header.cells.dropFirst())
        if let repeated = ids.enumerated().first(where: { ids.firstIndex(of: $0.element) != $0.offset }) {
            throw KitError.invalidMatrix(
                file: file.name, row: header.row, column: repeated.element, value: nil, problem: .repeatedID)
        }
        var matrix: [String: [String: Int]] = [:]
        while let (row, cells) = try reader.next() {
            guard cells.count == ids.count + 1, let rowID = cells.first else {
                throw KitError.invalidMatrix(
                    file: file.name, row: row, column: nil, value: nil, problem: .cellCount(expected: ids.count + 1))
            }
            var line: [String: Int] = [:]
            for (id, cell) in zip(ids, cells.dropFirst()) {
                guard let minutes = VietnameseNumber.parse(cell), minutes >= 0,
                    minutes <= Double(ItineraryLimits.minutes)
                else {
                    throw KitError.invalidMatrix(
                        file: file.name, row: row, column: id, value: cell, problem: .notMinutes)
                }
                line[id] = Int(minutes.rounded())
            }
            guard matrix[rowID] == nil else {
                throw KitError.invalidMatrix(file: file.name, row: row, column: nil, value: rowID, problem: .repeatedID)
            }
            matrix[rowID] = line
        }
        return matrix
    }
}
