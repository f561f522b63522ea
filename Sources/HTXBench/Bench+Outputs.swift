import Foundation

extension Bench {
    /// The whole-catalog outputs a user types (`coop list`, `export`, `check`) in JSON beside CSV, at the catalog's
    /// size and at half of it, to show that each grows linearly; `sqlite-utils rows` dumping the same records as
    /// JSON is the reference a user would reach for.
    func outputsBench(csv: String, db: String, _ log: (String) -> Void) throws {
        // A catalog of half the rows, from the first half of the same file.
        let half = count / 2
        let halfCSV = "\(out)/catalog-\(half).csv"
        let lines = try String(contentsOfFile: csv, encoding: .utf8).split(
            separator: "\n", omittingEmptySubsequences: false)
        try (lines.prefix(half + 1).joined(separator: "\n") + "\n").write(
            toFile: halfCSV, atomically: true, encoding: .utf8)
        let halfDB = "\(out)/catalog-\(half).sqlite"
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: halfDB + suffix) }
        _ = try Bench.runProcess(htx, ["init", "--db", halfDB])
        _ = try Bench.runProcess(htx, ["import", halfCSV, "--db", halfDB])

        let commands: [(label: String, arguments: (String) -> [String])] = [
            ("`coop list --format json`", { ["coop", "list", "--format", "json", "--db", $0] }),
            ("`coop list --format csv`", { ["coop", "list", "--format", "csv", "--db", $0] }),
            ("`export x.json`", { ["export", "\(self.out)/out.json", "--force", "--db", $0] }),
            ("`export x.csv`", { ["export", "\(self.out)/out.csv", "--force", "--db", $0] }),
            ("`check --format json`", { ["check", "--format", "json", "--db", $0] }),
            ("`check --format csv`", { ["check", "--format", "csv", "--db", $0] }),
        ]
        func time(_ arguments: [String]) throws -> (seconds: Double, peakMB: Double) {
            var runs: [(Double, Double)] = []
            for _ in 0..<3 {
                let run = try Bench.runProcess(htx, arguments)
                guard run.status == 0 else {
                    throw NSError(domain: "htx \(arguments[0]) failed", code: Int(run.status))
                }
                runs.append((run.seconds, run.peakMB))
            }
            return (Bench.median(runs.map(\.0)), runs.map(\.1).max() ?? 0)
        }
        log("## Whole-catalog outputs: JSON beside CSV, \(count) and \(half) records")
        log("")
        log(
            "Each command as a user types it (output to /dev/null, `export` to a file), median of 3 runs; the ratio "
                + "\(count) ÷ \(half) records shows how the time grows (2.0 is linear; the JSON writer was quadratic "
                + "before: 80,000 records took 83 s to list and 193 s to export).")
        log("")
        log("| command | \(count) records | peak memory | \(half) records | growth |")
        log("|---|---|---|---|---|")
        for (label, arguments) in commands {
            let full = try time(arguments(db))
            let small = try time(arguments(halfDB))
            log(
                "| \(label) | \(String(format: "%.2f s", full.seconds)) | \(String(format: "%.0f MB", full.peakMB)) | "
                    + "\(String(format: "%.2f s", small.seconds)) | "
                    + "\(String(format: "%.2f×", full.seconds / small.seconds)) |"
            )
        }
        if let sqliteUtils = Bench.which("sqlite-utils"), let other = sqliteUtilsDB {
            var runs: [Double] = []
            for _ in 0..<3 {
                runs.append(try Bench.runProcess(sqliteUtils, ["rows", other, "coops"], memory: false).0)
            }
            let list = try time(commands[0].arguments(db))
            log("")
            log(
                "Reference: `sqlite-utils rows` dumping the same \(count) rows as JSON takes "
                    + "\(String(format: "%.2f s", Bench.median(runs))); `htx coop list --format json` is "
                    + "\(String(format: "%.1f×", Bench.median(runs) / list.seconds)) as fast (bar: each JSON output "
                    + "under 2 s).")
        }
        log("")
    }
}
