import Foundation
import HTXBriefing
import HTXCatalog
import HTXCore
import HTXDocument
import HTXItinerary
import HTXKit
import HTXShortlist

extension Bench {
    /// Runs the solver on each instance of `benchFolder/instances` and prints it beside the figures of
    /// `benchFolder/README.md`.
    func itineraryTable(_ log: (String) -> Void) throws {
        let readme = (try? String(contentsOfFile: "\(benchFolder)/README.md", encoding: .utf8)) ?? ""
        var others: [String: [String]] = [:]
        for line in readme.split(separator: "\n") where line.hasPrefix("| n") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            if cells.count >= 7 { others[cells[0]] = Array(cells[3...6]) }
        }
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: "\(benchFolder)/instances")) ?? []).filter {
            $0.hasSuffix(".json")
        }.sorted()
        guard !files.isEmpty else {
            log("## Itinerary\n\nNo instances found in \(benchFolder)/instances: skipped.\n")
            return
        }
        log("## Itinerary solver on the shared instances")
        log("")
        log(
            "`ItinerarySolver` with a 1 s limit (in process, parse + solve; median of 3 runs). Other columns from "
                + "`\(benchFolder)/README.md`:"
        )
        log("sites visited / total travel minutes (time). \"best other\" is the better of VROOM and OR-Tools 5 s.")
        log("")
        log(
            "\"certificate\": \"optimal\" when the whole plan is proven best, else the proven least travel for its "
                + "sites and the plan's gap to it (`travelLowerBound`, `travelGapPercent`; its time is in htx time).")
        log("")
        log("| instance | htx | htx time | certificate | OR-Tools 1 s | OR-Tools 5 s | VROOM | exact | vs best other |")
        log("|---|---|---|---|---|---|---|---|---|")
        func parse(_ cell: String) -> (Int, Int)? {
            let parts = cell.split(separator: " ")
            guard parts.count >= 3, let a = Int(parts[0]), let b = Int(parts[2]) else { return nil }
            return (a, b)
        }
        for file in files {
            let name = String(file.dropLast(5))
            let data = try Data(contentsOf: URL(fileURLWithPath: "\(benchFolder)/instances/\(file)"))
            var times: [Double] = []
            var report: ItineraryReport?
            for _ in 0..<3 {
                times.append(
                    try Bench.seconds {
                        let instance = try ItineraryInstance.parse(json: data, file: file)
                        report = ItineraryReport(
                            ItinerarySolver(instance: instance, timeLimit: 1).solve(), instance: instance)
                    })
            }
            let row = others[name] ?? ["–", "–", "–", "–"]
            let best = [row[1], row[2]].compactMap(parse).max { a, b in a.0 != b.0 ? a.0 < b.0 : a.1 > b.1 }
            var verdict = "–"
            if let best, let r = report {
                if r.sitesVisited > best.0 || (r.sitesVisited == best.0 && r.totalTravelMinutes < best.1) {
                    verdict = "better"
                } else if r.sitesVisited == best.0 && r.totalTravelMinutes == best.1 {
                    verdict = "equal"
                } else {
                    verdict = "worse"
                }
            }
            log(
                "| \(name) | \(report.map { "\($0.sitesVisited) / \($0.totalTravelMinutes)" } ?? "–") | "
                    + "\(String(format: "%.3f s", Bench.median(times))) | \(Bench.certificate(report)) "
                    + "| "
                    + "\(row[0]) | \(row[1]) | \(row[2]) | \(row[3]) | \(verdict) |"
            )
        }
        log("")
    }

    /// A report's certificate in a table cell: "optimal", or the travel bound and the gap to it.
    static func certificate(_ report: ItineraryReport?) -> String {
        guard let report else { return "–" }
        if report.optimal { return "optimal" }
        guard let bound = report.travelLowerBound, let gap = report.travelGapPercent else { return "–" }
        return "≥ \(bound) (\(String(format: "%.1f", gap)) %)"
    }
}
