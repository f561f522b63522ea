import ArgumentParser
import Foundation
import HTXCatalog
import HTXCore
import HTXItinerary

/// `htx itinerary …`: the timed visit programme.
struct ItineraryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "itinerary",
        abstract: "Lịch trình thăm HTX có giờ giấc: tối ưu, có giải thích điểm nào không xếp được.",
        discussion: """
            Ví dụ / Examples:
              htx itinerary plan doan-tw --shortlist doan-tw-2021 --date 2021-10-28 --days 2
              htx itinerary show doan-tw
              htx itinerary check doan-tw --order 12,7,3
              htx itinerary replan doan-tw --delay 30 --after 7
              htx itinerary solve ../shared/bench/instances/n08_d2.json --format json
            """,
        subcommands: [
            ItineraryPlanCommand.self, ItineraryShowCommand.self, ItineraryCheckCommand.self,
            ItineraryReplanCommand.self,
            ItinerarySolveCommand.self,
        ])
}

/// `htx itinerary solve INSTANCE.json`: the pure solver on a self-contained instance (SPEC §6).
struct ItinerarySolveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "solve",
        abstract: "Giải một bài toán lịch trình tự đủ (JSON, SPEC §6) để so sánh với các bộ giải khác.",
        discussion: """
            Đến 12 điểm trong một ngày: lời giải tối ưu được chứng minh (quy hoạch động). \
            Nhiều điểm hoặc nhiều ngày: tìm kiếm cục bộ, mỗi ngày vẫn giải chính xác, dừng theo --time-limit.

            Ví dụ / Examples:
              htx itinerary solve n12_d1.json
              htx itinerary solve n50_d13.json --time-limit 1 --format json
            """)

    @Argument(help: "Tệp bài toán JSON / instance file.") var instance: String
    @Option(name: .customLong("time-limit"), help: "Giới hạn thời gian (giây) / time limit in seconds.") var timeLimit =
        1.0
    @OptionGroup var output: FormatOptions
    @Option(name: .long, help: ArgumentHelp("Ngôn ngữ thông báo / message language: vi, en.", valueName: "LANG"))
    var lang: String?

    func validate() throws {
        guard timeLimit > 0 else { throw ValidationError("--time-limit phải lớn hơn 0 / must be positive") }
    }

    func run() throws {
        let started = Date()
        let console = Console(lang: Lang.resolve(explicit: lang))
        let data = Data(try InputFile.text(instance).utf8)
        let problem = try ItineraryInstance.parse(json: data, file: (instance as NSString).lastPathComponent)
        let solution = ItinerarySolver(instance: problem, timeLimit: timeLimit, startedAt: started).solve()
        let report = ItineraryReport(solution, instance: problem, lang: console.lang)
        try console.out(try ItinerarySolveCommand.render(report, format: output.resolved, lang: console.lang))
    }

    /// The programme as JSON, CSV rows, or a table per day: Thời gian | Nội dung | Địa điểm | Di chuyển.
    static func render(
        _ report: ItineraryReport, format: OutputFormat, lang: Lang, startName: String? = nil
    ) throws -> String {
        let vi = lang == .vi
        let headers =
            vi
            ? ["Ngày", "Thời gian", "Nội dung", "Địa điểm", "Di chuyển"]
            : ["Day", "Time", "Activity", "Place", "Travel"]
        var rows: [[String]] = []
        for (index, day) in report.days.enumerated() {
            let label =
                day.date.map { vi ? VietnameseDate.dayHeading($0) : $0 }
                ?? (vi ? "Ngày \(index + 1)" : "Day \(index + 1)")
            var items: [(String, [String])] = []
            items.append((day.departAt, [day.departAt, vi ? "Xuất phát" : "Leave", startName ?? "", ""]))
            for stop in day.stops {
                items.append(
                    (
                        stop.start,
                        [
                            "\(stop.start)–\(stop.depart)", (vi ? "Làm việc với " : "Visit ") + stop.name, stop.name,
                            "\(stop.travelMinutes) " + (vi ? "phút" : "min")
                                + ", \(VietnameseNumber.format(stop.distanceKm, decimals: 1)) km",
                        ]
                    ))
            }
            if let lunch = day.lunch {
                items.append((lunch.start, ["\(lunch.start)–\(lunch.end)", vi ? "Nghỉ trưa" : "Lunch", "", ""]))
            }
            items.append(
                (day.returnAt, [day.returnAt, vi ? "Về đến nơi xuất phát" : "Back at the start", startName ?? "", ""]))
            for item in items.sorted(by: { $0.0 < $1.0 }) { rows.append([label] + item.1) }
        }
        switch format {
        case .json: return try Render.json(report)
        case .csv: return Render.csv(headers, rows)
        case .table:
            var text = Render.table(headers, rows)
            text +=
                "\n"
                + (vi
                    ? "Tổng: \(report.sitesVisited) điểm, \(report.totalTravelMinutes) phút di chuyển"
                    : "Total: \(report.sitesVisited) sites, \(report.totalTravelMinutes) travel minutes")
                + (report.optimal ? (vi ? " (tối ưu)" : " (optimal)") : "")
            for dropped in report.dropped {
                text += "\n• " + (vi ? "Không xếp được " : "Not scheduled: ") + "\(dropped.name): \(dropped.reason)"
            }
            return text
        }
    }
}

/// Opens a saved itinerary with its instance.
func loadItinerary(_ catalog: Catalog, _ name: String) throws -> (SavedItinerary, ItineraryInstance, ItineraryReport) {
    let saved = try catalog.itinerary(name)
    let instance = try ItineraryInstance.parse(json: Data(saved.instanceJSON.utf8), file: name)
    let report = try JSONDecoder().decode(ItineraryReport.self, from: Data(saved.reportJSON.utf8))
    return (saved, instance, report)
}

/// `htx itinerary plan NAME`: the timed programme for a shortlist or a list of cooperatives.
struct ItineraryPlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Lập lịch trình có giờ cho danh sách đã duyệt (hoặc các HTX chỉ định) và lưu lại.",
        discussion: """
            Lấy các HTX đã duyệt của --shortlist (chưa duyệt HTX nào thì lấy các HTX không bị loại), giờ tiếp đón \
            và toạ độ từ danh mục. Thời gian đi lại ước từ toạ độ (nội đô chậm hơn, giờ cao điểm chậm hơn) hoặc \
            lấy từ --matrix (CSV phút, dòng và cột đầu là mã).

            Ví dụ / Examples:
              htx itinerary plan doan-tw --shortlist doan-tw-2021 --date 2021-10-28 --days 2
              htx itinerary plan thu --coops 3,12,18 --date 2021-10-28 --depart 07:30 --lunch 11:00-12:30/60 --visit 75
            """)

    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var output: FormatOptions

    @Argument(help: "Tên lịch trình / itinerary name.") var name: String
    @Option(help: "Danh sách HTX đã lập / shortlist name.") var shortlist: String?
    @Option(help: "Các HTX (mã, cách nhau dấu phẩy) / cooperative ids.") var coops: IDList?
    @Option(help: "Ngày đầu tiên YYYY-MM-DD / first day.") var date: String
    @Option(help: "Số ngày / number of days.") var days = 1
    @Option(help: "Nơi xuất phát \"Tên@vĩ độ,kinh độ\" / start place.") var start: String?
    @Option(help: "Giờ xuất phát / departure HH:MM.") var depart = "07:30"
    @Option(name: .customLong("return-by"), help: "Về trước / back by HH:MM.") var returnBy = "17:30"
    @Option(help: "Nghỉ trưa HH:MM-HH:MM/phút / lunch window and length.") var lunch = "11:00-12:30/60"
    @Option(help: "Thời gian làm việc mỗi HTX (phút) / visit minutes.") var visit = 60
    @Option(help: ArgumentHelp("Ma trận thời gian đi lại CSV / travel matrix CSV.", valueName: "FILE")) var matrix:
        String?
    @Option(
        name: .customLong("time-limit"),
        help: "Giới hạn thời gian cả lần lập (giây) / time limit of the whole plan, seconds.")
    var timeLimit = 1.0
    @Flag(help: "Lập lại lịch trình đã có / plan an existing itinerary again.") var replace = false

    func validate() throws {
        guard (shortlist == nil) != (coops == nil) else {
            throw ValidationError("cần đúng một trong --shortlist hoặc --coops / give --shortlist or --coops")
        }
        guard VietnameseDate.parse(date) != nil else { throw ValidationError("--date: dạng YYYY-MM-DD") }
        guard days > 0, visit > 0, timeLimit > 0 else {
            throw ValidationError("--days, --visit, --time-limit phải dương / must be positive")
        }
    }

    func run() throws {
        let started = Date()
        let store = try catalog.open()
        var options = ItineraryPlanner.Options(date: date)
        options.days = days
        options.visitMinutes = visit
        guard let departMinutes = TimeWindow.minutes(depart), let back = TimeWindow.minutes(returnBy),
            departMinutes < back
        else {
            throw UserError(
                "--depart/--return-by phải là giờ HH:MM, đi trước về",
                "--depart/--return-by must be HH:MM times, leaving before returning")
        }
        options.depart = departMinutes
        options.returnBy = back
        let lunchParts = lunch.split(separator: "/")
        guard lunchParts.count == 2, let window = try? TimeWindow.parse(String(lunchParts[0])),
            let length = Int(lunchParts[1])
        else {
            throw UserError("--lunch phải dạng 11:00-12:30/60", "--lunch must look like 11:00-12:30/60")
        }
        options.lunch = .init(earliest: window.start, latest: window.end, minutes: length)
        if let start {
            let parts = start.split(separator: "@", maxSplits: 1).map(String.init)
            let point = try GeoPoint.parse(parts.last!)
            options.start = .init(id: "start", name: parts.count == 2 ? parts[0] : start, point: point)
        }
        if let matrix { options.matrix = try ItineraryPlanCommand.readMatrix(matrix) }
        var chosen: [Cooperative]
        var note: Message?
        if let shortlist {
            let record = try store.shortlist(shortlist)
            let approved = record.entries.filter { $0.status == .approved }
            let entries = approved.isEmpty ? record.entries.filter { $0.status != .rejected } : approved
            if approved.isEmpty {
                note = Message(
                    "danh sách \(shortlist) chưa có HTX nào được duyệt: dùng \(entries.count) HTX đề xuất",
                    "shortlist \(shortlist) has no approved entry yet: using \(entries.count) proposed")
            }
            chosen = try entries.map { try store.cooperative(String($0.id)) }
        } else {
            chosen = try coops!.ids.map { try store.cooperative($0) }
        }
        if let note { catalog.console.note(note) }
        let (instance, unplaced) = try ItineraryPlanner(options: options).instance(for: chosen)
        var report = ItineraryReport(
            ItinerarySolver(instance: instance, timeLimit: timeLimit, startedAt: started).solve(), instance: instance,
            lang: catalog.console.lang)
        report.dropped += unplaced.map {
            ItineraryReport.Dropped(
                id: $0.id, name: $0.name, mustVisit: true, reason: $0.reason.text(catalog.console.lang))
        }
        var parameters = [
            "date": date, "days": String(days), "depart": depart, "returnBy": returnBy, "lunch": lunch,
            "visit": String(visit),
        ]
        if let shortlist { parameters["shortlist"] = shortlist }
        if let coops { parameters["coops"] = coops.ids.joined(separator: ",") }
        try store.saveItinerary(
            name: name, instanceJSON: try instance.json(), reportJSON: try JSONText.encode(report, pretty: false),
            parameters: parameters, replace: replace)
        try catalog.console.out(
            try ItinerarySolveCommand.render(
                report, format: output.resolved, lang: catalog.console.lang, startName: instance.start.name))
        if !report.dropped.filter(\.mustVisit).isEmpty {
            catalog.console.note(
                Message(
                    "\(report.dropped.filter(\.mustVisit).count) HTX chưa xếp được; xem lý do ở trên (thêm ngày bằng --days, đổi giờ bằng --depart/--return-by)",
                    "\(report.dropped.filter(\.mustVisit).count) cooperatives do not fit; see why above (more days with --days, other hours with --depart/--return-by)"
                ))
        }
    }

    /// Reads a travel matrix CSV: a header row of ids, then one row per id starting with the id.
    static func readMatrix(_ path: String) throws -> [String: [String: Int]] {
        let bytes = try InputFile.read(path, limit: InputFile.settingsBytes) { size in
            UserError(
                "\(path): tệp quá lớn (\(size.formattedBytes)); ma trận thời gian đến \(InputFile.settingsBytes.formattedBytes)",
                "\(path): the file is too large (\(size.formattedBytes)); a travel matrix goes up to \(InputFile.settingsBytes.formattedBytes)"
            )
        }
        let decoded = try TextEncoding.decode(bytes, file: path)
        var reader = CSVReader(utf8: decoded.utf8, file: path)
        guard let header = try reader.next() else { throw UserError("\(path): tệp rỗng", "\(path): empty file") }
        let ids = Array(header.cells.dropFirst())
        var matrix: [String: [String: Int]] = [:]
        while let (row, cells) = try reader.next() {
            guard cells.count == ids.count + 1 else {
                throw UserError(
                    "\(path), dòng \(row): cần \(ids.count + 1) ô",
                    "\(path), row \(row): expected \(ids.count + 1) cells")
            }
            var line: [String: Int] = [:]
            for (id, cell) in zip(ids, cells.dropFirst()) {
                guard let minutes = VietnameseNumber.parse(cell), minutes >= 0,
                    minutes <= Double(ItineraryLimits.minutes)
                else {
                    throw UserError(
                        "\(path), dòng \(row), cột \(id): \"\(cell)\" không phải số phút từ 0 đến \(ItineraryLimits.minutes) (một tuần)",
                        "\(path), row \(row), column \(id): \"\(cell)\" is not a number of minutes from 0 to "
                            + "\(ItineraryLimits.minutes) (a week)")
                }
                line[id] = Int(minutes.rounded())
            }
            matrix[cells[0]] = line
        }
        return matrix
    }
}

/// `htx itinerary show NAME`.
struct ItineraryShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Xem lịch trình đã lưu.",
        discussion: """
            Ví dụ / Examples:
              htx itinerary show doan-tw
              htx itinerary show doan-tw --format json
            """)

    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var output: FormatOptions
    @Argument(help: "Tên lịch trình / itinerary name.") var name: String

    func run() throws {
        let (_, instance, report) = try loadItinerary(try catalog.openForReading(), name)
        try catalog.console.out(
            try ItinerarySolveCommand.render(
                report, format: output.resolved, lang: catalog.console.lang, startName: instance.start.name))
    }
}

/// `htx itinerary check NAME --order ID,…`: evaluates a hand-made order against the saved itinerary's data.
struct ItineraryCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Kiểm tra một thứ tự tự lập: giờ đến, giờ làm việc, bữa trưa, và ràng buộc bị vi phạm (nếu có).",
        discussion: """
            Nhiều ngày: ngăn cách bằng dấu chấm phẩy. Thoát với mã 1 nếu thứ tự không khả thi: sai giờ tiếp đón, \
            bữa trưa hoặc giờ về, HTX không có trong lịch trình, HTX được xếp hai lần, hay thiếu HTX phải thăm.

            Ví dụ / Examples:
              htx itinerary check doan-tw --order 12,7,3
              htx itinerary check doan-tw --order "12,7;3,18"
            """)

    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var output: FormatOptions
    @Argument(help: "Tên lịch trình / itinerary name.") var name: String
    @Option(help: "Thứ tự các HTX / the order of ids.") var order: String

    func run() throws {
        let (_, instance, _) = try loadItinerary(try catalog.openForReading(), name)
        let outcome = ItineraryChecker(instance: instance).check(ItineraryChecker.parse(order))
        var checked = instance
        checked.days = outcome.solution.days.count
        let report = ItineraryReport(outcome.solution, instance: checked, lang: catalog.console.lang)
        try catalog.console.out(
            try ItinerarySolveCommand.render(
                report, format: output.resolved, lang: catalog.console.lang,
                startName: instance.start.name))
        guard outcome.violations.isEmpty else {
            throw UserError(
                outcome.violations.map(\.vi).joined(separator: "; "),
                outcome.violations.map(\.en).joined(separator: "; "))
        }
    }
}

/// `htx itinerary replan NAME --delay MIN [--after ID]`: shifts the rest of the day and says what changed.
struct ItineraryReplanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replan",
        abstract: "Dời phần còn lại của ngày sau khi bị trễ; bỏ điểm không còn kịp và nói rõ thay đổi.",
        discussion: """
            Không có --after: trễ ngay từ lúc xuất phát của ngày đầu tiên (hoặc ngày --day).

            Ví dụ / Examples:
              htx itinerary replan doan-tw --delay 30 --after 7
              htx itinerary replan doan-tw --delay 20 --day 2
            """)

    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var output: FormatOptions
    @Argument(help: "Tên lịch trình / itinerary name.") var name: String
    @Option(parsing: .unconditional, help: "Số phút trễ (lớn hơn 0) / minutes late (more than 0).") var delay: Int
    @Option(help: "Trễ sau khi rời HTX này / late after leaving this stop.") var after: String?
    @Option(help: "Ngày (1, 2 …) khi không có --after / the day when there is no --after.") var day = 1

    func validate() throws {
        guard delay > 0 else {
            throw ValidationError(
                "--delay: số phút trễ phải lớn hơn 0 (đã cho \(delay)) / the delay must be more than 0 minutes")
        }
    }

    func run() throws {
        let store = try catalog.open()
        let (saved, instance, report) = try loadItinerary(store, name)
        let index = Dictionary(uniqueKeysWithValues: instance.sites.enumerated().map { ($1.place.id, $0) })
        // The saved days as they stand, earlier delays included.
        let days = try report.days.enumerated().map { number, day in
            guard let schedule = day.schedule(in: instance) else {
                throw UserError(
                    "ngày \(number + 1) của lịch trình \(name) không đọc lại được; lập lại lịch trình (htx itinerary plan \(name) … --replace)",
                    "day \(number + 1) of itinerary \(name) cannot be read back; plan it again (htx itinerary plan \(name) … --replace)"
                )
            }
            return schedule
        }
        var dayIndex = day - 1
        var afterSite: Int?
        if let after {
            guard let site = index[after], let found = days.firstIndex(where: { $0.sites.contains(site) }) else {
                throw UserError("\(after) không có trong lịch trình \(name)", "\(after) is not in itinerary \(name)")
            }
            afterSite = site
            dayIndex = found
        }
        guard days.indices.contains(dayIndex) else { throw UserError("không có ngày \(day)", "there is no day \(day)") }
        let (newDay, changes, dropped) = try Replanner(instance: instance).replan(
            days, day: dayIndex, after: afterSite, delay: delay)
        var allDays = days
        allDays[dayIndex] = newDay
        let visited = Set(allDays.flatMap(\.sites))
        var droppedAll = report.dropped.filter { d in index[d.id].map { !visited.contains($0) } ?? true }
        for (site, reason) in dropped where !droppedAll.contains(where: { $0.id == instance.sites[site].place.id }) {
            droppedAll.append(
                ItineraryReport.Dropped(
                    id: instance.sites[site].place.id, name: instance.sites[site].place.name,
                    mustVisit: instance.sites[site].mustVisit,
                    reason: reason.text(catalog.console.lang)))
        }
        var newReport = ItineraryReport(
            ItinerarySolution(days: allDays, dropped: [], value: .empty, optimal: false), instance: instance,
            lang: catalog.console.lang)
        newReport.dropped = droppedAll
        try store.saveItinerary(
            name: name, instanceJSON: saved.instanceJSON, reportJSON: try JSONText.encode(newReport, pretty: false),
            parameters: saved.parameters.merging(["replanned": "+\(delay) min after \(after ?? "departure")"]) {
                _, new in new
            }, replace: true)
        for change in changes { catalog.console.note(change) }
        try catalog.console.out(
            try ItinerarySolveCommand.render(
                newReport, format: output.resolved, lang: catalog.console.lang, startName: instance.start.name))
    }
}
