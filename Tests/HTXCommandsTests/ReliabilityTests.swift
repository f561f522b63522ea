import Foundation
import GRDB
import HTXCore
import HTXTestSupport
import Testing

/// A catalog of 30,050 cooperatives (the 50 samples and 30,000 generated rows), built once per test run and
/// copied by each test that needs work long enough to be interrupted.
enum BigCatalog {
    static let rows = 30_000

    /// The generated rows, as the CSV a district might send.
    static func csv() -> String {
        var csv = "Tên HTX,Quận/huyện,Thành tích\n"
        for i in 0..<rows {
            csv +=
                "HTX Thử nghiệm \(i),\(["Đông Anh", "Gia Lâm", "Ba Vì"][i % 3]),Sản xuất và dịch vụ cho thành viên số "
                + "\(i)\n"
        }
        return csv
    }

    /// The folder holding the pristine catalog, kept for the whole test run.
    static let maker: Result<CLI, CLIError> = {
        do {
            let cli = try CLI()
            try cli.run(["init", "--sample"])
            let source = cli.directory.appendingPathComponent("big.csv")
            try Data(csv().utf8).write(to: source)
            let result = try cli.run(["import", source.path])
            guard result.code == 0 else { throw CLIError(result: result) }
            return .success(cli)
        } catch let error as CLIError {
            return .failure(error)
        } catch {
            return .failure(CLIError(result: .init(code: -1, stdout: "", stderr: "\(error)")))
        }
    }()

    /// The pristine catalog file (closed, WAL checkpointed) that tests copy.
    static var file: Result<URL, CLIError> { maker.map { URL(fileURLWithPath: $0.db) } }

    /// A fresh CLI whose catalog is a copy of the big one.
    static func copy() throws -> CLI {
        let cli = try CLI()
        try FileManager.default.copyItem(at: file.get(), to: URL(fileURLWithPath: cli.db))
        return cli
    }
}

@Suite("Reliability: concurrency and crashes")
struct ReliabilityTests {
    /// Pseudo-random delays in `range`, the same on every run.
    struct Delays {
        var generator: SeededGenerator
        init(state: UInt64) { generator = SeededGenerator(seed: state) }
        mutating func next(_ range: ClosedRange<Double>) -> Double {
            range.lowerBound + generator.unit() * (range.upperBound - range.lowerBound)
        }
    }

    /// Starts `arguments`, kills it with SIGKILL after `delay` seconds; true when it was still running.
    func kill(_ cli: CLI, _ arguments: [String], after delay: Double) throws -> Bool {
        let process = try spawn(cli, arguments)
        Thread.sleep(forTimeInterval: delay)
        let running = process.isRunning
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        return running
    }

    /// The doctor's integrity verdict and row counts.
    func health(_ cli: CLI) throws -> (integrity: String, counts: [String: Int]) {
        let doctor = try #require(try cli.json(["doctor"]) as? [String: Any])
        return (doctor["integrity"] as? String ?? "?", doctor["counts"] as? [String: Int] ?? [:])
    }

    /// A stored shortlist or itinerary as JSON, without its timestamp; nil when there is none by that name.
    func stored(_ cli: CLI, _ kind: String, _ name: String) throws -> [String: Any]? {
        let result = try cli.run([kind, "show", name, "--format", "json"])
        guard result.code == 0 else { return nil }
        var object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        object["builtAt"] = nil
        return object
    }

    /// Kills `arguments` at `times` moments over the big catalog; after each kill the catalog is sound and holds
    /// either exactly what it held before or exactly what a whole run leaves (the command's one transaction).
    /// `same` says whether a record found after a kill is the whole record a finished run stores.
    func killRepeatedly(
        _ arguments: [String], kind: String, name: String, times: Int, within range: ClosedRange<Double>, seed: UInt64,
        same: ([String: Any], [String: Any]) -> Bool
    ) throws {
        let pristine = try BigCatalog.copy()
        let whole = try BigCatalog.copy()
        defer { for cli in [pristine, whole] { try? FileManager.default.removeItem(at: cli.directory) } }
        let before = try health(pristine)
        let finished = try whole.run(arguments)
        #expect(finished.code == 0, "\(finished.stderr)")
        let after = try health(whole)
        let complete = try #require(try stored(whole, kind, name))
        var delays = Delays(state: seed)
        var interrupted = 0
        var committed = 0
        for _ in 0..<times {
            let cli = try BigCatalog.copy()
            if try kill(cli, arguments, after: delays.next(range)) { interrupted += 1 }
            let now = try health(cli)
            #expect(now.integrity == "ok")
            if let found = try stored(cli, kind, name) {
                committed += 1
                #expect(same(found, complete), "a \(kind) after a kill is the whole one")
                #expect(now.counts == after.counts)
            } else {
                #expect(now.counts == before.counts, "nothing of a killed \(kind) is left")
            }
            try? FileManager.default.removeItem(at: cli.directory)
        }
        print("\(kind): \(times) kills, \(interrupted) while running, \(committed) found the whole record")
        // A kill can land after the commit while the process is still exiting, so "running" is not "uncommitted";
        // what matters is that many kills land while it runs.
        #expect(interrupted >= times / 4, "kills should land while \(kind) runs (\(interrupted) of \(times))")
    }

    /// Runs `htx` without waiting, output discarded.
    func spawn(_ cli: CLI, _ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = CLI.executable
        process.arguments = arguments + ["--db", cli.db]
        process.environment = [
            "HTX_SEEDS": Fixtures.seeds.url.path, "HTX_ORG": "Kiểm thử",
        ]
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        return process
    }

    @Test("two processes editing the same cooperative at once lose no update and corrupt nothing")
    func concurrentEdits() throws {
        let cli = try CLI()
        try cli.run(["init", "--sample"])
        let edits = 200
        // Two writers, each a shell loop of separate htx processes, on different fields of the same record.
        func writer(_ field: String, _ value: (Int) -> String) -> Process {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            let commands = (0..<edits).map {
                "out=$(\"\(CLI.executable.path)\" coop edit 1 --set '\(field)=\(value($0))' --db \"\(cli.db)\" 2>&1)"
                    + " || echo \"FAIL \(field) \($0): $out\""
            }
            process.arguments = ["-c", commands.joined(separator: "\n")]
            process.environment = ["HTX_SEEDS": Fixtures.seeds.url.path, "HTX_ORG": field]
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = FileHandle(forWritingAtPath: "/dev/null")
            try? process.run()
            return process
        }
        let a = writer("note") { "Ghi chú \($0)" }
        let b = writer("members") { String(1000 + $0) }
        let outA = (a.standardOutput as! Pipe).fileHandleForReading.readDataToEndOfFile()
        let outB = (b.standardOutput as! Pipe).fileHandleForReading.readDataToEndOfFile()
        a.waitUntilExit()
        b.waitUntilExit()
        let failures = String(decoding: outA + outB, as: UTF8.self)
        #expect(!failures.contains("FAIL"), "every edit succeeded within the busy timeout: \(failures.prefix(2000))")
        let record = try #require(try cli.json(["coop", "show", "1"]) as? [String: Any])
        #expect(record["note"] as? String == "Ghi chú \(edits - 1)" && record["members"] as? Int == 1000 + edits - 1)
        let history = try #require(try cli.json(["coop", "history", "1"]) as? [[String: Any]])
        #expect(history.filter { $0["field"] as? String == "note" }.count == edits)
        #expect(history.filter { $0["field"] as? String == "members" }.count == edits)
        let doctor = try #require(try cli.json(["doctor"]) as? [String: Any])
        #expect(doctor["integrity"] as? String == "ok")
    }

    @Test("an import killed at twenty different moments leaves the catalog exactly as it was every time")
    func repeatedKills() throws {
        let cli = try CLI()
        try cli.run(["init", "--sample"])
        let before = try cli.run(["coop", "list", "--format", "json"]).stdout
        let file = cli.directory.appendingPathComponent("big.csv")
        try Data(BigCatalog.csv().utf8).write(to: file)
        var delays = Delays(state: 42)
        var killedRunning = 0
        for _ in 0..<20 {
            if try kill(cli, ["import", file.path], after: delays.next(0.05...0.95)) { killedRunning += 1 }
            #expect(try cli.run(["coop", "list", "--format", "json"]).stdout == before)
        }
        #expect(killedRunning >= 15, "most kills should land while the import runs")
        let doctor = try #require(try cli.json(["doctor"]) as? [String: Any])
        #expect(doctor["integrity"] as? String == "ok")
        #expect((doctor["counts"] as? [String: Int])?["cooperative"] == 50)
    }

    @Test("shortlist build killed twenty times over 30,050 cooperatives: the catalog is sound and all or nothing")
    func killedShortlistBuild() throws {
        try killRepeatedly(
            ["shortlist", "build", "thu", "--size", "8"], kind: "shortlist", name: "thu", times: 20, within: 0.02...1.5,
            seed: 7
        ) {
            NSDictionary(dictionary: $0).isEqual(to: $1)
        }
    }

    @Test("itinerary plan killed twenty times mid-solve: the catalog is sound and all or nothing")
    func killedItineraryPlan() throws {
        let ids = (1...40).map(String.init).joined(separator: ",")
        try killRepeatedly(
            ["itinerary", "plan", "lt", "--coops", ids, "--date", "2026-12-01", "--days", "2", "--time-limit", "1"],
            kind: "itinerary", name: "lt", times: 20, within: 0.02...2.2, seed: 11
        ) { found, _ in
            // The solver runs to its time limit, so two whole runs may differ in route; a whole record places
            // or drops every one of the 40 cooperatives over its 2 days.
            (found["days"] as? [Any])?.count == 2
                && (found["sitesVisited"] as? Int ?? -1) + ((found["dropped"] as? [Any])?.count ?? -1) == 40
        }
    }

    @Test("a write waits for another process's write and says \"busy\" only once its timeout is exceeded")
    func busyOnlyAfterTimeout() throws {
        let cli = try CLI()
        try cli.run(["init", "--sample"])
        let file = cli.directory.appendingPathComponent("big.csv")
        try Data(BigCatalog.csv().utf8).write(to: file)
        let importer = try spawn(cli, ["import", file.path])
        // While the import holds the write lock, an impatient edit (50 ms) gives up with the busy message…
        var busy: CLI.Result?
        for attempt in 0..<400 where importer.isRunning {
            let result = try cli.run(
                ["coop", "edit", "1", "--set", "note=vội \(attempt)"], environment: ["HTX_BUSY_TIMEOUT": "0.05"])
            if result.code != 0 {
                busy = result
                break
            }
            Thread.sleep(forTimeInterval: 0.01)
        }
        let refused = try #require(busy, "an edit met the import's lock")
        #expect(refused.code == 1)
        #expect(refused.stderr == "Lỗi: danh mục đang bận: một tiến trình khác đang ghi; thử lại sau giây lát\n")
        // …and a patient one waits for the import to commit, then succeeds.
        let patient = try cli.run(
            ["coop", "edit", "1", "--set", "note=chờ được"], environment: ["HTX_BUSY_TIMEOUT": "120"])
        #expect(patient.code == 0, "\(patient.stderr)")
        importer.waitUntilExit()
        #expect(importer.terminationStatus == 0)
        let record = try #require(try cli.json(["coop", "show", "1"]) as? [String: Any])
        #expect(record["note"] as? String == "chờ được")
        let (integrity, counts) = try health(cli)
        #expect(integrity == "ok" && counts["cooperative"] == 50 + BigCatalog.rows)
    }

    /// The migrations a catalog file has applied, its integrity verdict and its cooperative count, read with SQLite
    /// directly so that looking does not itself migrate.
    func inspect(_ path: String) throws -> (migrations: [String], integrity: String, cooperatives: Int) {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { db in
            (
                try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier"),
                try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "; "),
                try Int.fetchOne(db, sql: "SELECT count(*) FROM cooperative") ?? -1
            )
        }
    }

    @Test(
        "a migration killed twenty times, in its backup or its steps, leaves a sound catalog and no false backup"
    )
    func killedMigration() throws {
        // An older-schema copy of the big catalog: the shortlist and itinerary migrations not yet applied.
        let old = try BigCatalog.copy()
        defer { try? FileManager.default.removeItem(at: old.directory) }
        do {
            let queue = try DatabaseQueue(path: old.db)
            try queue.writeWithoutTransaction { db in
                try db.execute(
                    sql:
                        "DROP TABLE shortlist; DROP TABLE itinerary; DROP TABLE session; DROP TABLE user; "
                        + "DROP TABLE login_failure; DROP TABLE audit; ALTER TABLE history DROP COLUMN org; "
                        + "DROP INDEX cooperative_unit2025; DROP TABLE unit2021; DROP TABLE unit2025; "
                        + "DELETE FROM grdb_migrations WHERE identifier IN ('v2-shortlist', 'v3-itinerary', "
                        + "'v4-search-exact-text-stored', 'v5-itinerary-visit', 'v6-accounts', 'v7-units-2025', "
                        + "'v8-units-three-dates', 'v9-totp-step')"
                )
            }
            try queue.close()
        }
        let oldSchema = ["v1-catalog"]
        let newSchema = [
            "v1-catalog", "v2-shortlist", "v3-itinerary", "v4-search-exact-text-stored", "v5-itinerary-visit",
            "v6-accounts", "v7-units-2025", "v8-units-three-dates", "v9-totp-step",
        ]
        let count = 50 + BigCatalog.rows
        var delays = Delays(state: 5)
        var outcomes: [String: Int] = [:]
        for _ in 0..<20 {
            let cli = try CLI()
            try FileManager.default.copyItem(atPath: old.db, toPath: cli.db)
            _ = try kill(cli, ["doctor"], after: delays.next(0.01...0.2))
            let now = try inspect(cli.db)
            #expect(now.integrity == "ok" && now.cooperatives == count)
            // Each migration applies whole, in order: the applied ones are the old schema's and then a run of the next.
            #expect(
                now.migrations.starts(with: oldSchema) && newSchema.starts(with: now.migrations),
                "migrations apply whole: \(now.migrations)")
            let files = try FileManager.default.contentsOfDirectory(atPath: cli.directory.path)
            let backups = files.filter { name in
                name.hasPrefix("htx.sqlite.before-migration-") && !name.contains(".partial")
                    && !["-wal", "-shm", "-journal"].contains { name.hasSuffix($0) }
            }
            let partial = files.contains { $0.hasSuffix(".partial") }
            for backup in backups {
                let copy = try inspect(cli.directory.appendingPathComponent(backup).path)
                #expect(
                    copy.integrity == "ok" && copy.cooperatives == count && copy.migrations == oldSchema,
                    "a named backup is whole")
            }
            if now.migrations != oldSchema { #expect(backups.count == 1, "no migration without its backup") }
            let outcome =
                now.migrations == newSchema
                ? "migrated"
                : now.migrations != oldSchema
                    ? "killed between migrations"
                    : partial ? "killed in backup" : backups.isEmpty ? "killed before backup" : "killed after backup"
            outcomes[outcome, default: 0] += 1
            // The next command finishes the job.
            let doctor = try #require(try cli.json(["doctor"]) as? [String: Any])
            #expect(doctor["integrity"] as? String == "ok" && doctor["migrations"] as? [String] == newSchema)
            try? FileManager.default.removeItem(at: cli.directory)
        }
        print(
            "migration: 20 kills: "
                + "\(outcomes.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", "))"
        )
        #expect(outcomes["migrated", default: 0] < 20, "some kills land before the migration ends")
    }
}
