import Foundation
import HTXCore

extension Bench {
    /// What wrk measured: latency percentiles in milliseconds, requests per second and failed requests.
    struct Load {
        var p50: Double
        var p99: Double
        var rate: Double
        var errors: Int
    }

    /// Runs wrk (2 threads, 32 connections, `seconds`) against `url` and reads its report.
    static func wrk(_ url: String, seconds: Int) -> Load? {
        guard let wrk = which("wrk") else { return nil }
        let text = shell("'\(wrk)' -t2 -c32 -d\(seconds)s --timeout 10s --latency '\(url)' 2>&1")
        func milliseconds(_ prefix: String) -> Double? {
            guard
                let line = text.split(separator: "\n").first(where: {
                    $0.trimmingCharacters(in: .whitespaces).hasPrefix(prefix)
                })
            else { return nil }
            let value = line.split(separator: " ", omittingEmptySubsequences: true).last.map(String.init) ?? ""
            for (unit, factor) in [("us", 0.001), ("ms", 1.0), ("s", 1000.0)] where value.hasSuffix(unit) {
                return Double(value.dropLast(unit.count)).map { $0 * factor }
            }
            return nil
        }
        let rate = text.split(separator: "\n").first { $0.hasPrefix("Requests/sec:") }.flatMap {
            Double($0.split(separator: " ").last ?? "")
        }
        var errors = 0
        if let line = text.split(separator: "\n").first(where: { $0.contains("Non-2xx or 3xx responses:") }) {
            errors += Int(line.split(separator: " ").last ?? "") ?? 0
        }
        if let line = text.split(separator: "\n").first(where: { $0.contains("Socket errors:") }) {
            errors += line.split(separator: " ").compactMap { Int($0.filter(\.isNumber)) }.reduce(0, +)
        }
        guard let p50 = milliseconds("50%"), let p99 = milliseconds("99%"), let rate else { return nil }
        return Load(p50: p50, p99: p99, rate: rate, errors: errors)
    }

    /// wrk run `runs` times against `url`: the run of median p99, and the lowest and highest p99 seen (this
    /// machine is shared: one run's tail can be another tenant's burst).
    static func wrkMedian(_ url: String, seconds: Int, runs: Int) -> (load: Load, p99s: [Double])? {
        let loads = (0..<runs).compactMap { _ in wrk(url, seconds: seconds) }.sorted { $0.p99 < $1.p99 }
        guard !loads.isEmpty else { return nil }
        return (loads[loads.count / 2], loads.map(\.p99))
    }

    /// Starts `htx serve` on a free port over `catalog` and reads the base URL it prints first.
    static func startServer(_ htx: String, catalog: String) throws -> (process: Process, base: String) {
        let server = Process()
        server.executableURL = URL(fileURLWithPath: htx)
        server.arguments = ["serve", "--db", catalog, "--port", "0"]
        let out = Pipe()
        server.standardOutput = out
        server.standardError = FileHandle.nullDevice
        try server.run()
        var first = Data()
        while !first.contains(UInt8(ascii: "\n")) {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            first += chunk
        }
        return (server, String(decoding: first, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? "")
    }

    /// A free loopback port.
    static func freePort() -> Int {
        Int(
            shell("python3 -c 'import socket; s=socket.socket(); s.bind((\"127.0.0.1\",0)); print(s.getsockname()[1])'")
        )
            ?? 8099
    }

    /// Waits until `url` answers 200, for at most `seconds`; gives the time it took.
    static func waitUntilUp(_ url: String, seconds: Double) -> Double? {
        let start = Date()
        while Date().timeIntervalSince(start) < seconds {
            if shell("curl -s -o /dev/null -w '%{http_code}' '\(url)'") == "200" {
                return Date().timeIntervalSince(start)
            }
            usleep(50_000)
        }
        return nil
    }

    /// `htx serve` under wrk beside Datasette serving the same records with FTS (sqlite-utils' copy), same queries.
    func serveBench(catalog: String, log: (String) -> Void) throws {
        log("## `htx serve` under load, beside Datasette")
        log("")
        guard Bench.which("wrk") != nil else {
            log("wrk is not installed (`apt-get install wrk`): skipped.")
            log("")
            return
        }
        let seconds = 20
        let started = Date()
        let (server, base) = try Bench.startServer(htx, catalog: catalog)
        defer { if server.isRunning { server.terminate() } }
        let startup = Date().timeIntervalSince(started)
        _ = Bench.waitUntilUp(base + "healthz", seconds: 10)
        let query = "%C4%90%C3%B4ng%20Anh"  // "Đông Anh", the same for both
        // Warm-up, not recorded: the first seconds after start (connections opened, caches filled) are not the
        // steady state the bars are about.
        _ = Bench.wrk(base + "coops?q=\(query)&format=json", seconds: 5)
        _ = Bench.wrk(base + "coops", seconds: 5)
        let runs = 3
        let searched = Bench.wrkMedian(base + "coops?q=\(query)&format=json", seconds: seconds, runs: runs)
        let listed = Bench.wrkMedian(base + "coops", seconds: seconds, runs: runs)
        let htxSearch = searched?.load
        let htxList = listed?.load
        let peak = Double(Bench.highWaterKB(server.processIdentifier)) / 1024
        server.terminate()
        server.waitUntilExit()

        var datasetteSearch: Load?
        var datasetteList: Load?
        if let datasette = Bench.which("datasette"), let other = sqliteUtilsDB {
            let port = Bench.freePort()
            let process = Process()
            process.executableURL = URL(fileURLWithPath: datasette)
            // Facet suggestions off, as a server under load would run: by default each page first tries a facet
            // query on every column (one request at a time here: a search 0.22 s with them, 0.013 s without; the
            // table page 0.89 s and 0.036 s).
            process.arguments = [
                "serve", other, "--port", String(port), "--host", "127.0.0.1", "--setting", "suggest_facets", "off",
            ]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            defer { if process.isRunning { process.terminate() } }
            let name = PathName.stem(other)
            let root = "http://127.0.0.1:\(port)/\(name)/coops"
            if Bench.waitUntilUp(root + ".json?_size=1", seconds: 30) != nil {
                _ = Bench.wrk(root + ".json?_search=\(query)&_size=20", seconds: 5)
                datasetteSearch = Bench.wrk(root + ".json?_search=\(query)&_size=20", seconds: seconds)
                datasetteList = Bench.wrk(root, seconds: seconds)
            }
            process.terminate()
            process.waitUntilExit()
        }
        func row(_ what: String, _ load: Load?) -> String {
            guard let load else { return "| \(what) | – | – | – | – |" }
            return "| \(what) | \(String(format: "%.1f", load.p50)) | \(String(format: "%.1f", load.p99)) | "
                + "\(Int(load.rate)) | \(load.errors) |"
        }
        func spread(_ p99s: [Double]?) -> String {
            (p99s ?? []).map { String(format: "%.1f", $0) }.joined(separator: ", ")
        }
        log(
            "\(count) cooperatives; wrk 2 threads, 32 connections, \(seconds) s per run, on loopback, one after the "
                + "other in this run; htx lines are the median of \(runs) runs by p99 (p99 of each run: search "
                + "\(spread(searched?.p99s)) ms; list \(spread(listed?.p99s)) ms), Datasette's one run each; "
                + "each server had 5 s of the same load first, not recorded. "
                + "Search: \"Đông Anh\" (htx `/coops?q=…&format=json`, 20 hits; Datasette "
                + "`/coops.json?_search=…&_size=20` over sqlite-utils' FTS5 copy). List: the first HTML page "
                + "(htx 50 rows with facet counts; Datasette its default 100-row table page). Datasette runs with "
                + "`--setting suggest_facets off`: its default tries a facet query on every column for every page, "
                + "which made it answer 6 searches a second and time out on the table page in earlier runs.")
        log("")
        log("| request | p50 ms | p99 ms | requests/s | errors |")
        log("|---|---|---|---|---|")
        log(row("htx search JSON", htxSearch))
        log(row("Datasette search JSON", datasetteSearch))
        log(row("htx HTML list", htxList))
        log(row("Datasette HTML table", datasetteList))
        log("")
        if let a = htxSearch, let b = datasetteSearch, let c = htxList, let d = datasetteList {
            log(
                "Throughput ratio htx / Datasette: search \(String(format: "%.2f×", a.rate / b.rate)), list "
                    + "\(String(format: "%.2f×", c.rate / d.rate)) (bar: ≥ 3×; p99 bars: search < 50 ms, list < 80 ms)."
            )
        } else {
            log("Datasette is not installed (`pip install datasette`) or did not start: its lines are empty.")
        }
        log(
            "`htx serve` start-up to its first line: \(String(format: "%.0f ms", startup * 1000)); peak memory "
                + "under load \(String(format: "%.0f MB", peak)).")
        log("")
    }
}
