import Foundation
import HTXCore
import HTXItinerary

/// The programme as the terminal shows it: a table per day (Ngày | Thời gian | Nội dung | Địa điểm | Di chuyển) with
/// the totals and the sites left out, CSV of the same rows, or the itinerary JSON of docs/CONTRACT.md §3.
enum ProgrammeTable {
    /// The report in `format`; `startName` names the start place in the departure and return rows.
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
            for item in day.programme {
                let time = item.end.map { "\(item.start)–\($0)" } ?? item.start
                switch item.kind {
                case .departure: rows.append([label, time, vi ? "Xuất phát" : "Leave", startName ?? "", ""])
                case .visit(let stop):
                    let travel =
                        "\(stop.travelMinutes) " + (vi ? "phút" : "min")
                        + ", \(VietnameseNumber.format(stop.distanceKm, decimals: 1)) km"
                    rows.append([label, time, (vi ? "Làm việc với " : "Visit ") + stop.name, stop.name, travel])
                case .wait(let stop):
                    rows.append(
                        [
                            label, time, vi ? "Đến nơi, chờ giờ đón tiếp" : "Arrive, wait for the reception", stop.name,
                            "",
                        ])
                case .lunch(let place):
                    let at: String
                    switch place {
                    case .beforeLeaving, .afterReturning: at = startName ?? ""
                    case .after(let stop, _): at = stop.name
                    case .onTheWay(let next): at = (vi ? "Trên đường đến " : "On the way to ") + next.name
                    case .before(let next): at = (vi ? "Gần " : "Near ") + next.name
                    }
                    rows.append([label, time, vi ? "Nghỉ trưa" : "Lunch", at, ""])
                case .arrival:
                    rows.append([label, time, vi ? "Về đến nơi xuất phát" : "Back at the start", startName ?? "", ""])
                }
            }
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
                + (report.optimal ? (vi ? " (tối ưu)" : " (optimal)") : ProgrammeTable.certificate(report, vi: vi))
            for dropped in report.dropped {
                text += "\n• " + (vi ? "Không xếp được " : "Not scheduled: ") + "\(dropped.name): \(dropped.reason)"
                switch dropped.kind {
                case .noCoordinates:
                    let edit = "`htx coop edit \(dropped.id) --set location=\"21.03, 105.85\"`"
                    text += vi ? "; thêm bằng \(edit)" : "; add them with \(edit)"
                case .tooFar:
                    text +=
                        vi
                        ? "; kiểm tra bằng `htx coop show "
                            + "\(dropped.id)`" : "; check them with `htx coop show \(dropped.id)`"
                case nil: break
                }
            }
            return text
        }
    }

    /// What the travel bound proves about a plan not proven optimal as a whole: the least travel for its sites, or
    /// how far above it the plan can be.
    static func certificate(_ report: ItineraryReport, vi: Bool) -> String {
        guard let gap = report.travelGapPercent, let bound = report.travelLowerBound else { return "" }
        if gap == 0 {
            return vi ? " (quãng đường ngắn nhất cho các điểm này)" : " (the least travel for these sites)"
        }
        let percent = String(format: "%.1f", gap)
        return vi
            ? " (cận dưới \(bound) phút: cách tối ưu không quá \(percent.replacingOccurrences(of: ".", with: ",")) %)"
            : " (lower bound \(bound) minutes: within \(percent) % of the least travel for these sites)"
    }
}
