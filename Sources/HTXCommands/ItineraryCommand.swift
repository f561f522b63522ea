import ArgumentParser
import Foundation
import HTXCore
import HTXItinerary

/// `htx itinerary …`: the timed visit programme.
struct ItineraryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "itinerary",
        abstract: "Lịch trình thăm HTX có giờ giấc: tối ưu, có giải thích điểm nào không xếp được.",
        discussion: """
            Ví dụ / Examples:
              htx itinerary solve ../shared/bench/instances/n08_d2.json --format json
            """,
        subcommands: [ItinerarySolveCommand.self])
}

/// `htx itinerary solve INSTANCE.json`: the pure solver on a self-contained instance (SPEC §6).
struct ItinerarySolveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "solve",
        abstract: "Giải một bài toán lịch trình tự đủ (JSON, SPEC §6) để so sánh với các bộ giải khác.",
        discussion: """
            Đến 12 điểm trong một ngày: lời giải tối ưu được chứng minh (quy hoạch động).
            Nhiều điểm hoặc nhiều ngày: tìm kiếm cục bộ, mỗi ngày vẫn giải chính xác, dừng theo --time-limit.

            Ví dụ / Examples:
              htx itinerary solve n12_d1.json
              htx itinerary solve n50_d13.json --time-limit 1 --format json
            """)

    @Argument(help: "Tệp bài toán JSON / instance file.") var instance: String
    @Option(name: .customLong("time-limit"), help: "Giới hạn thời gian (giây) / time limit in seconds.") var timeLimit = 1.0
    @OptionGroup var output: FormatOptions
    @Option(name: .long, help: ArgumentHelp("Ngôn ngữ thông báo / message language: vi, en.", valueName: "LANG")) var lang: String?

    func validate() throws {
        guard timeLimit > 0 else { throw ValidationError("--time-limit phải lớn hơn 0 / must be positive") }
    }

    func run() throws {
        let console = Console(lang: Lang.resolve(explicit: lang))
        guard let data = FileManager.default.contents(atPath: instance) else { throw UserError("không đọc được \(instance)", "cannot read \(instance)") }
        let problem = try ItineraryInstance.parse(json: data, file: (instance as NSString).lastPathComponent)
        let solution = ItinerarySolver(instance: problem, timeLimit: timeLimit).solve()
        let report = ItineraryReport(solution, instance: problem, lang: console.lang)
        console.out(try ItinerarySolveCommand.render(report, format: output.resolved, lang: console.lang))
    }

    /// The programme as JSON, CSV rows of stops, or a table per day.
    static func render(_ report: ItineraryReport, format: OutputFormat, lang: Lang) throws -> String {
        let vi = lang == .vi
        let headers = vi ? ["Ngày", "Đến", "Bắt đầu", "Rời", "Địa điểm", "Di chuyển (phút)", "Km"] : ["Day", "Arrive", "Start", "Leave", "Place", "Travel (min)", "Km"]
        var rows: [[String]] = []
        for (index, day) in report.days.enumerated() {
            let label = day.date ?? (vi ? "Ngày \(index + 1)" : "Day \(index + 1)")
            for stop in day.stops {
                rows.append([label, stop.arrive, stop.start, stop.depart, stop.name, String(stop.travelMinutes), VietnameseNumber.format(stop.distanceKm, decimals: 1)])
            }
            if let lunch = day.lunch { rows.append([label, "", lunch.start, lunch.end, vi ? "Ăn trưa" : "Lunch", "", ""]) }
            rows.append([label, day.returnAt, "", "", vi ? "Về nơi xuất phát" : "Back at the start", "", ""])
        }
        switch format {
        case .json: return try Render.json(report)
        case .csv: return Render.csv(headers, rows)
        case .table:
            var text = Render.table(headers, rows)
            text += "\n" + (vi ? "Tổng: \(report.sitesVisited) điểm, \(report.totalTravelMinutes) phút di chuyển" : "Total: \(report.sitesVisited) sites, \(report.totalTravelMinutes) travel minutes")
                + (report.optimal ? (vi ? " (tối ưu)" : " (optimal)") : "")
            for dropped in report.dropped { text += "\n• " + (vi ? "Không xếp được " : "Not scheduled: ") + "\(dropped.name): \(dropped.reason)" }
            return text
        }
    }
}
