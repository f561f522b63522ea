import Foundation
import HTXCatalog
import HTXCore
import HTXItinerary

extension Bench {
    /// `sqlite-utils insert --csv` of `csv` into `db`, then `enable-fts` over the text columns htx indexes.
    static func sqliteUtilsImport(
        _ sqliteUtils: String, _ csv: String, into db: String
    ) throws -> (
        insert: (seconds: Double, status: Int32, peakMB: Double),
        fts: (
            seconds: Double, status: Int32,
            peakMB: Double
        )
    ) {
        let insert = try runProcess(sqliteUtils, ["insert", db, "coops", csv, "--csv"])
        let fts = try runProcess(
            sqliteUtils,
            [
                "enable-fts", db, "coops", "Tên HTX", "Quận/huyện", "Xã/phường", "Địa chỉ", "Sản phẩm", "Thành tích",
                "--fts5", "--create-triggers",
            ])
        return (insert, fts)
    }

    /// The sizes the import is measured at beyond the main run's.
    static let scaleSizes = [30_000, 300_000, 500_000]

    /// Imports generated files of `scaleSizes` rows once each (htx, the SQLite floor, sqlite-utils), to show that
    /// time grows with the rows and memory does not.
    func importScale(
        _ generator: SyntheticCatalog,
        main: (
            rows: Int, seconds: Double, peakMB: Double, floor: Double,
            other: Double?
        ), _ log: (String) -> Void
    ) throws {
        log("## Import at four sizes")
        log("")
        log(
            "One run of each size (the \(main.rows)-row line is the median above), same generator, same machine; "
                + "\"per 100k\" is the time per 100,000 rows.")
        log("")
        log(
            "| rows | file | htx | per 100k | peak memory | SQLite floor | htx / floor | sqlite-utils "
                + "| sqlite-utils / htx |")
        log("|---|---|---|---|---|---|---|---|---|")
        var lines: [(rows: Int, megabytes: Double, htx: Double, peak: Double, floor: Double, other: Double?)] = []
        for rows in Bench.scaleSizes {
            let csv = "\(out)/scale-\(rows).csv"
            guard
                let handle = FileHandle(forWritingAtPath: csv)
                    ?? {
                        FileManager.default.createFile(atPath: csv, contents: nil)
                        return FileHandle(forWritingAtPath: csv)
                    }()
            else { throw NSError(domain: "cannot write \(csv)", code: 1) }
            try handle.truncate(atOffset: 0)
            var chunk = SyntheticCatalog.csvHeader + "\n"
            for index in 0..<rows {
                chunk += generator.csvLine(generator.record(index), index: index) + "\n"
                if chunk.utf8.count > 1 << 20 {
                    handle.write(Data(chunk.utf8))
                    chunk = ""
                }
            }
            handle.write(Data(chunk.utf8))
            try handle.close()
            let megabytes =
                Double(
                    (try FileManager.default.attributesOfItem(atPath: csv)[.size] as? NSNumber)?
                        .intValue ?? 0) / 1_048_576
            let db = "\(out)/scale-\(rows).sqlite"
            let floorDB = "\(out)/scale-floor-\(rows).sqlite"
            for path in [db, floorDB] {
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
                _ = try Bench.runProcess(htx, ["init", "--db", path])
            }
            sync()
            let imported = try Bench.runProcess(htx, ["import", csv, "--db", db])
            guard imported.status == 0 else { throw NSError(domain: "htx import failed", code: Int(imported.status)) }
            sync()
            let floorText = Bench.shell("'\(Bench.executable)' --sqlite-floor '\(db)' '\(floorDB)'")
            let floor = Double(floorText) ?? .nan
            var other: Double?
            if let sqliteUtils = Bench.which("sqlite-utils") {
                let otherDB = "\(out)/scale-sqlite-utils-\(rows).db"
                try? FileManager.default.removeItem(atPath: otherDB)
                sync()
                let (insert, fts) = try Bench.sqliteUtilsImport(sqliteUtils, csv, into: otherDB)
                other = insert.seconds + fts.seconds
                try? FileManager.default.removeItem(atPath: otherDB)
            }
            lines.append((rows, megabytes, imported.seconds, imported.peakMB, floor, other))
            for path in [db, floorDB, csv] {
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            }
        }
        let mainMB =
            Double(
                (try? FileManager.default.attributesOfItem(atPath: "\(out)/catalog-\(main.rows).csv")[.size]
                    as? NSNumber)?.intValue ?? 0) / 1_048_576
        lines.append((main.rows, mainMB, main.seconds, main.peakMB, main.floor, main.other))
        for line in lines.sorted(by: { $0.rows < $1.rows }) {
            log(
                "| \(line.rows) | \(String(format: "%.0f MB", line.megabytes)) | \(String(format: "%.2f s", line.htx)) "
                    + "| \(String(format: "%.2f s", line.htx / Double(line.rows) * 100_000)) "
                    + "| \(String(format: "%.0f MB", line.peak)) | \(String(format: "%.2f s", line.floor)) "
                    + "| \(String(format: "%.2f×", line.htx / line.floor)) "
                    + "| \(line.other.map { String(format: "%.2f s", $0) } ?? "–") "
                    + "| \(line.other.map { String(format: "%.2f×", $0 / line.htx) } ?? "–") |")
        }
        log("")
        try importWorkbook(rows: main.rows, csvSeconds: main.seconds, csvPeak: main.peakMB, log)
    }

    /// Imports the main catalog's rows as an XLSX workbook (written by `htx export`), beside the CSV of the same rows:
    /// the sheet is streamed like the text.
    func importWorkbook(rows: Int, csvSeconds: Double, csvPeak: Double, _ log: (String) -> Void) throws {
        let source = "\(out)/catalog-\(rows).sqlite"
        let workbook = "\(out)/catalog-\(rows).xlsx"
        let db = "\(out)/catalog-xlsx-\(rows).sqlite"
        for path in [workbook, db, db + "-wal", db + "-shm"] { try? FileManager.default.removeItem(atPath: path) }
        let exported = try Bench.runProcess(htx, ["export", "--db", source, workbook], memory: false)
        _ = try Bench.runProcess(htx, ["init", "--db", db], memory: false)
        guard exported.status == 0 else { throw NSError(domain: "htx export failed", code: Int(exported.status)) }
        sync()
        let imported = try Bench.runProcess(htx, ["import", workbook, "--db", db])
        guard imported.status == 0 else { throw NSError(domain: "htx import failed", code: Int(imported.status)) }
        let size = (try FileManager.default.attributesOfItem(atPath: workbook)[.size] as? NSNumber)?.intValue ?? 0
        log(
            "XLSX: the same \(rows) rows as a workbook written by `htx export` (\(size.formattedBytes), inline "
                + "strings): `htx import` \(String(format: "%.2f s", imported.seconds)), peak memory "
                + "\(String(format: "%.0f MB", imported.peakMB)); the CSV of the same rows above: "
                + "\(String(format: "%.2f s, %.0f MB", csvSeconds, csvPeak)). The sheet is unzipped into an unlinked "
                + "temporary file, surveyed once, then read a row at a time; no other tool here reads XLSX.")
        log("")
        for path in [workbook, db, db + "-wal", db + "-shm"] { try? FileManager.default.removeItem(atPath: path) }
    }

    /// Generated instances of 80 to 200 sites (`Tools/itinerary_bench.py generate`), solved by htx (2 s limit), VROOM
    /// and OR-Tools (5 s) in this run.
    func generatedItineraries(_ log: (String) -> Void) throws {
        // make bench runs from the project's folder.
        let script = FileManager.default.currentDirectoryPath + "/Tools/itinerary_bench.py"
        guard FileManager.default.fileExists(atPath: script) else {
            log("## Itineraries of 80 to 200 sites\n\n\(script) not found: skipped.\n")
            return
        }
        let specs = [
            (80, 1), (80, 20), (100, 25), (100, 30), (120, 1), (120, 24), (120, 30), (150, 30), (200, 1), (200, 31),
        ]
        log("## Itineraries of 80 to 200 sites, generated, beside VROOM and OR-Tools")
        log("")
        log(
            "`Tools/itinerary_bench.py generate SITES DAYS SEED` (the shared instances' places, hours and travel "
                + "model; every site can be visited on its own). Multi-day instances of at most 4 sites a day are "
                + "must-visit; the others (one day, or more than 4 sites a day) visit as many as fit. htx: "
                + "`ItinerarySolver` with a 2 s limit, in process (beyond 30 sites two searches side by side, one on "
                + "each of the machine's two processors); VROOM (pyvroom, exploration level 5, one thread) "
                + "and OR-Tools (guided local search, 5 s) solve the same file in this run. Sites visited / total "
                + "travel minutes (wall time of the solve).")
        log("")
        log(
            "\"certificate\": htx's proven least travel for the sites it visits (`TravelBound`, computed after the "
                + "plan and outside its limit), the plan's gap to it, and the time it took; \"best other's gap\": the "
                + "better of VROOM and OR-Tools measured against the same bound, when it visits as many sites.")
        log("")
        log(
            "| instance | htx | htx time | certificate: bound (gap; time) | VROOM | OR-Tools 5 s | best other's gap "
                + "| vs best other |")
        log("|---|---|---|---|---|---|---|---|")
        for (sites, days) in specs {
            let name = String(format: "g%03d_d%d", sites, days)
            let path = "\(out)/\(name).json"
            _ = Bench.shell("python3 '\(script)' generate \(sites) \(days) \(sites * 100 + days) '\(path)'")
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            var report: ItineraryReport?
            var solver: ItinerarySolver?
            var solution: ItinerarySolution?
            let seconds = try Bench.seconds {
                let instance = try ItineraryInstance.parse(json: data, file: name)
                var plan = ItinerarySolver(instance: instance, timeLimit: 2)
                plan.certify = false
                solution = plan.solve()
                solver = plan
            }
            var bound: Int?
            let boundSeconds = Bench.seconds {
                if let solver, let solution {
                    bound = solver.travelBound(
                        solution.days.map(\.sites), travel: solution.days.reduce(0) { $0 + $1.travelMinutes })
                }
            }
            if let solver, var solution {
                solution.travelBound = bound
                report = ItineraryReport(solution, instance: solver.instance)
            }
            func other(_ arguments: String) -> (visited: Int, travel: Int, seconds: Double)? {
                let parts = Bench.shell("python3 '\(script)' \(arguments)").split(separator: " ")
                guard parts.count == 3, let a = Int(parts[0]), let b = Int(parts[1]), let c = Double(parts[2]) else {
                    return nil
                }
                return (a, b, c)
            }
            let vroom = other("vroom '\(path)'")
            let ortools = other("ortools '\(path)' 5")
            func cell(_ result: (visited: Int, travel: Int, seconds: Double)?) -> String {
                result.map { "\($0.visited) / \($0.travel) (\(String(format: "%.2f s", $0.seconds)))" } ?? "–"
            }
            let best = [vroom, ortools].compactMap { $0 }.max { a, b in
                a.visited != b.visited ? a.visited < b.visited : a.travel > b.travel
            }
            var verdict = "–"
            if let best, let r = report {
                if r.sitesVisited != best.visited {
                    verdict = r.sitesVisited > best.visited ? "better (more sites)" : "worse (fewer sites)"
                } else if r.totalTravelMinutes == best.travel {
                    verdict = "equal"
                } else {
                    let gap = Double(r.totalTravelMinutes - best.travel) / Double(best.travel) * 100
                    verdict = String(format: "%@ (%+.1f %% travel)", gap < 0 ? "better" : "worse", gap)
                }
            }
            var certificate = "–"
            if let r = report, let bound = r.travelLowerBound, let gap = r.travelGapPercent {
                certificate = "\(bound) (\(String(format: "%.1f", gap)) %; \(String(format: "%.2f s", boundSeconds)))"
            }
            // How far the better other solver can be from the least travel, on the same sites only.
            var otherGap = "–"
            if let best, let r = report, let bound = r.travelLowerBound, best.visited == r.sitesVisited, bound > 0 {
                otherGap = String(format: "%.1f %%", Double(best.travel - bound) * 100 / Double(bound))
            }
            log(
                "| \(name) | \(report.map { "\($0.sitesVisited) / \($0.totalTravelMinutes)" } ?? "–") "
                    + "| \(String(format: "%.2f s", seconds)) | \(certificate) | \(cell(vroom)) | \(cell(ortools)) "
                    + "| \(otherGap) | \(verdict) |")
        }
        log("")
    }
}
