import Foundation
import HTXBriefing
import HTXCatalog
import HTXCore
import HTXDocument
import HTXItinerary
import HTXKit
import HTXShortlist

extension Bench {
    mutating func run() throws {
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        var lines: [String] = []
        func log(_ text: String) {
            print(text)
            lines.append(text)
        }

        let seeds = try SeedDirectory.locate()
        let districts = try seeds.districts()
        let generator = SyntheticCatalog(districts: districts.districts)
        let csv = "\(out)/catalog-\(count).csv"
        var text = SyntheticCatalog.csvHeader + "\n"
        for index in 0..<count { text += generator.csvLine(generator.record(index), index: index) + "\n" }
        try text.write(toFile: csv, atomically: true, encoding: .utf8)
        let megabytes = Double(text.utf8.count) / 1_048_576
        text = ""

        // Import: htx import vs sqlite-utils insert --csv + enable-fts, same file, same run, taking turns.
        let db = "\(out)/catalog-\(count).sqlite"
        let sqliteUtils = Bench.which("sqlite-utils")
        let other = "\(out)/sqlite-utils-\(count).db"
        var htxRuns: [(seconds: Double, peakMB: Double)] = []
        var otherRuns: [(insert: Double, fts: Double, peakMB: Double)] = []
        var floorRuns: [Double] = []
        let floorDB = "\(out)/sqlite-floor-\(count).sqlite"
        for _ in 0..<Bench.importRuns {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + suffix) }
            _ = try Bench.runProcess(htx, ["init", "--db", db])
            // Each tool starts with the generated file and the last run's writes on disk, not still being flushed.
            sync()
            let imported = try Bench.runProcess(htx, ["import", csv, "--db", db])
            guard imported.status == 0 else { throw NSError(domain: "htx import failed", code: Int(imported.status)) }
            htxRuns.append((imported.seconds, imported.peakMB))
            // The SQLite floor: the rows htx just wrote, written again from memory into a fresh catalog.
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: floorDB + suffix) }
            _ = try Bench.runProcess(htx, ["init", "--db", floorDB])
            sync()
            let floor = Bench.shell("'\(Bench.executable)' --sqlite-floor '\(db)' '\(floorDB)'")
            guard let seconds = Double(floor) else { throw NSError(domain: "sqlite floor: \(floor)", code: 1) }
            floorRuns.append(seconds)
            if let sqliteUtils {
                try? FileManager.default.removeItem(atPath: other)
                sync()
                let (insert, fts) = try Bench.sqliteUtilsImport(sqliteUtils, csv, into: other)
                otherRuns.append((insert.seconds, fts.seconds, max(insert.peakMB, fts.peakMB)))
            }
        }
        let htxSeconds = Bench.median(htxRuns.map(\.seconds))
        let htxPeak = htxRuns.map(\.peakMB).max() ?? 0
        func range(_ values: [Double]) -> String { String(format: "%.2f–%.2f s", values.min() ?? 0, values.max() ?? 0) }
        let floorSeconds = Bench.median(floorRuns)
        log(
            "## Import of \(count) generated rows (Vietnamese text, \(String(format: "%.1f", megabytes)) MB CSV) into "
                + "a searchable catalog"
        )
        log("")
        log(
            "\(Bench.importRuns) runs of each, taking turns, same file, same machine; medians (the range in "
                + "brackets). htx: `htx import` (parse, normalise,"
        )
        log(
            "validate every row, upsert by tax code, JSON record, FTS5 index with folded and exact-accent forms, one "
                + "history line per record,"
        )
        log("one transaction) into a catalog made by `htx init`.")
        log("")
        log("| tool | wall time | rows/s | peak memory |")
        log("|---|---|---|---|")
        log(
            "| `htx import` | \(String(format: "%.2f s", htxSeconds)) (\(range(htxRuns.map(\.seconds)))) | "
                + "\(Int(Double(count) / htxSeconds)) | \(String(format: "%.0f MB", htxPeak)) |"
        )
        log(
            "| SQLite floor: the same rows, index entries and history lines from memory, C API | "
                + "\(String(format: "%.2f s", floorSeconds)) (\(range(floorRuns))) | "
                + "\(Int(Double(count) / floorSeconds)) "
                + "| – |")
        if !otherRuns.isEmpty {
            let totals = otherRuns.map { $0.insert + $0.fts }
            let total = Bench.median(totals)
            log(
                "| `sqlite-utils insert --csv` + `enable-fts` | \(String(format: "%.2f s", total)) (\(range(totals)); "
                    + "insert \(String(format: "%.2f", Bench.median(otherRuns.map(\.insert)))) + fts "
                    + "\(String(format: "%.2f", Bench.median(otherRuns.map(\.fts))))) | \(Int(Double(count) / total)) "
                    + "| \(String(format: "%.0f MB", otherRuns.map(\.peakMB).max() ?? 0)) |"
            )
            log("")
            let ratios = zip(totals, htxRuns.map(\.seconds)).map { $0 / $1 }
            log(
                "Ratio of the medians: htx import is \(String(format: "%.2f×", total / htxSeconds)) as fast as "
                    + "sqlite-utils (turn by turn "
                    + "\(String(format: "%.2f–%.2f×", ratios.min() ?? 0, ratios.max() ?? 0)); bar: ≥ 3×); peak memory "
                    + "\(String(format: "%.0f", htxPeak)) MB (bar: < 150 MB)."
            )
            log("")
            log(
                "The SQLite floor is what writing alone costs (no reading, checking or deriving; one prepared "
                    + "statement "
                    + "per table; htx's connection settings; the closing checkpoint): htx import takes "
                    + "\(String(format: "%.2f×", htxSeconds / floorSeconds)) the floor's time (bar: ≤ 1.5×), and "
                    + "sqlite-utils \(String(format: "%.2f×", total / floorSeconds)). A 3× lead over sqlite-utils "
                    + "needs htx within \(String(format: "%.2f×", total / 3 / floorSeconds)) of the floor."
            )
            sqliteUtilsDB = other
        } else {
            log("")
            log("sqlite-utils is not installed (`pip install sqlite-utils`): comparison skipped.")
        }
        log("")
        let otherMedian = otherRuns.isEmpty ? nil : Bench.median(otherRuns.map { $0.insert + $0.fts })
        try importScale(
            generator, main: (count, htxSeconds, htxPeak, floorSeconds, otherMedian), log)
        if importOnly {
            print("(--import-only: the other benchmarks and BENCHMARKS.md are skipped)")
            return
        }
        let catalog = try Catalog.open(path: db)

        // In-process search latency.
        try searchLatency(catalog, count: count, log)

        // Whole-process comparison with sqlite-utils.
        log("## `htx search` as a whole process vs `sqlite-utils search`")
        log("")
        if let sqliteUtils = Bench.which("sqlite-utils"), let other = sqliteUtilsDB {
            log(
                "Median wall time of 21 runs each (plus 2 warm-up), same \(count) records; sqlite-utils "
                    + "\(Bench.shell("\(sqliteUtils) --version | awk '{print $3}'")), FTS5 over the same text columns."
            )
            log(
                "Note: sqlite-utils' FTS5 does not fold đ or tones, so its hits differ (\"dong anh\" does not find "
                    + "\"Đông Anh\"); it is timed for the same work shape."
            )
            log("")
            log("| query | htx | sqlite-utils | ratio |")
            log("|---|---|---|---|")
            for query in ["dong anh", "Đông Anh", "rau an toan"] {
                func time(_ exe: String, _ args: [String]) throws -> Double {
                    for _ in 0..<2 { _ = try Bench.runProcess(exe, args, memory: false) }
                    return Bench.median(try (0..<21).map { _ in try Bench.runProcess(exe, args, memory: false).0 })
                }
                let a = try time(htx, ["search", query, "--db", db, "--format", "json"])
                let b = try time(sqliteUtils, ["search", other, "coops", query, "--limit", "20"])
                log("| `\(query)` | \(ms(a)) | \(ms(b)) | \(String(format: "%.1f×", b / a)) faster |")
            }
        } else {
            log("sqlite-utils is not installed (`pip install sqlite-utils`): comparison skipped.")
        }
        log("")

        // The whole-catalog outputs, JSON beside CSV, and how they grow.
        try outputsBench(csv: csv, db: db, log)

        // Shortlist: score and select 8 of 30,000 with quotas.
        let shortlistCount = min(count, 30_000)
        let pool = (0..<shortlistCount).map { index -> Cooperative in
            var coop = generator.record(index)
            coop.id = Int64(index + 1)
            return coop
        }
        let profileText = try seeds.defaultProfile().text
        let profile = try CriteriaProfile.parse(yaml: profileText, file: SeedDirectory.profileFile)
        let builder = ShortlistBuilder(profile: profile, options: .init(size: 8, minPerSector: 1, maxPerDistrict: 1))
        var shortlistTimes: [Double] = []
        var picked = 0
        for _ in 0..<5 {
            shortlistTimes.append(
                try Bench.seconds { picked = try builder.build(name: "bench", coops: pool, builtAt: "").entries.count })
        }
        log("## Shortlist: score and select 8 of \(shortlistCount) cooperatives with quotas")
        log("")
        log(
            "`ShortlistBuilder.build` (default profile, filters, exact selection with at least 1 per sector present "
                + "and at most 1 per district), 5 runs:"
        )
        log(
            "median \(String(format: "%.3f s", Bench.median(shortlistTimes))), slowest "
                + "\(String(format: "%.3f s", shortlistTimes.max() ?? 0)) for \(picked) picks (bar: < 0.5 s)."
        )
        log("")

        // Itinerary: every shared instance, beside OR-Tools, VROOM and the exact solver.
        try itineraryTable(log)
        try generatedItineraries(log)

        // Briefing packet: 100 cooperatives to PDF, beside Typst on an equivalent document.
        try packetBench(generator, log)

        // Resource bounds: inputs far past any survey, each in its own process for an honest peak memory.
        try boundsBench(log)

        // The web application under load, beside Datasette.
        try serveBench(catalog: db, log: log)

        // Start-up.
        log("## Start-up")
        log("")
        for _ in 0..<3 { _ = try Bench.runProcess(htx, ["--version"], memory: false) }
        let startTimes = try (0..<51).map { _ in try Bench.runProcess(htx, ["--version"], memory: false).0 }
        log(
            "`htx --version`, 51 runs: median \(ms(Bench.median(startTimes))), p95 "
                + "\(ms(Bench.percentile(startTimes, 0.95))) (bar: < 50 ms)."
        )
        log("")
        writeReport(lines)
    }

    /// The in-process search latency table: each benchmark query's hits, median and p95 over 200 warm runs.
    func searchLatency(_ catalog: Catalog, count: Int, queries: [String] = [], _ log: (String) -> Void) throws {
        let queries =
            queries.isEmpty
            ? [
                "dong anh", "Đông Anh", "rau an toan", "gốm men rạn", "Ứng Hoà", "bưởi diễn phú", "thuy san tan lap",
                "khong co gi xyz", "htx",
            ] : queries
        log("## Accent-insensitive search over \(count) cooperatives, in process")
        log("")
        log(
            "`Catalog.search(query, limit: 20)` on a file catalog (WAL), warm cache; 200 runs per query after 5 "
                + "warm-up runs."
        )
        log("")
        log("| query | hits (of 20) | median | p95 |")
        log("|---|---|---|---|")
        for query in queries {
            var hits = 0
            for _ in 0..<5 { hits = try catalog.search(query).count }
            var times: [Double] = []
            for _ in 0..<200 { times.append(try Bench.seconds { _ = try catalog.search(query) }) }
            log("| `\(query)` | \(hits) | \(ms(Bench.median(times))) | \(ms(Bench.percentile(times, 0.95))) |")
        }
        log("")
    }
}
