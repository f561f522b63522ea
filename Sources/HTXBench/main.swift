import ArgumentParser
import Foundation
import HTXCatalog

/// `htx-bench`: the benchmarks of `make bench`, each beside the tool a user would pick instead, written to
/// BENCHMARKS.md.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "htx-bench",
        abstract: "Measures htx against sqlite-utils, Typst, WeasyPrint and the shared itinerary figures.",
        discussion: """
            Examples:
              htx-bench --htx .build/release/htx --out Exports/bench
              htx-bench --import-only --count 30000
              htx-bench --mixed-load 60
              htx-bench --search-only
              htx-bench --packet-only 5000 packet.pdf
              htx-bench --day-solves ../shared/bench/instances/n50_d13.json
            """)

    @Option(help: "The htx executable to measure.") var htx = ".build/release/htx"
    @Option(help: "Folder for generated inputs and outputs.") var out = "Exports/bench"
    @Option(help: "Cooperatives in the generated catalog.") var count = 100_000
    @Option(help: "The report to write.") var report = "BENCHMARKS.md"
    @Option(name: .customLong("bench"), help: "Folder with the itinerary instances and other solvers' figures.")
    var benchFolder = "../shared/bench"
    @Flag(name: .customLong("import-only"), help: "Only the import comparison, printed.") var importOnly = false
    @Flag(
        name: .customLong("serve-only"),
        help: "Only the web load test, printed, over the catalogs a full run left in --out.")
    var serveOnly = false
    @Flag(
        name: .customLong("search-only"),
        help: "Only the in-process search latency, printed, over the catalog a full run left in --out.")
    var searchOnly = false
    @Option(name: .customLong("query"), help: "With --search-only: a query to time instead of the benchmark's.")
    var queries: [String] = []
    @Option(
        name: .customLong("mixed-load"),
        help: ArgumentHelp("Only the signed-in mixed read/write load for SECONDS, printed.", valueName: "SECONDS"))
    var mixedLoad: Int?
    @Option(
        name: .customLong("packet-only"), parsing: .upToNextOption,
        help: ArgumentHelp("Only write a packet of N cooperatives to FILE (resource bounds).", valueName: "N FILE"))
    var packetOnly: [String] = []
    @Option(
        name: .customLong("sqlite-floor"), parsing: .upToNextOption,
        help: ArgumentHelp(
            "Only replay SOURCE's imported rows into TARGET (made by `htx init`) through SQLite's C API; prints the "
                + "seconds.", valueName: "SOURCE TARGET"))
    var sqliteFloor: [String] = []
    @Option(
        name: .customLong("day-solves"),
        help: ArgumentHelp(
            "Only time the exact day solver on pools of an itinerary instance, printed.", valueName: "FILE"))
    var daySolves: String?

    func validate() throws {
        guard sqliteFloor.isEmpty || sqliteFloor.count == 2 else {
            throw ValidationError("--sqlite-floor takes two files: the imported catalog and a fresh one")
        }
    }

    func run() throws {
        if sqliteFloor.count == 2 {
            print(String(format: "%.3f", try SQLiteFloor.run(source: sqliteFloor[0], target: sqliteFloor[1])))
            return
        }
        if let daySolves {
            try Bench.daySolves(file: daySolves, rounds: 20) { print($0) }
            return
        }
        if !packetOnly.isEmpty {
            try Bench.packetOnly(
                count: Int(packetOnly[0]) ?? 5_000, to: packetOnly.count > 1 ? packetOnly[1] : "packet.pdf")
            return
        }
        var bench = Bench()
        bench.htx = htx
        bench.out = out
        bench.count = count
        bench.report = report
        bench.benchFolder = benchFolder
        bench.importOnly = importOnly
        if let mixedLoad {
            let result = try bench.mixedLoad(seconds: mixedLoad) { print($0) }
            if result?.held == false { throw ExitCode(1) }
            return
        }
        if searchOnly {
            let catalog = try Catalog.open(path: "\(out)/catalog-\(count).sqlite")
            try bench.searchLatency(catalog, count: count, queries: queries) { print($0) }
            return
        }
        if serveOnly {
            bench.sqliteUtilsDB = "\(out)/sqlite-utils-\(count).db"
            try bench.serveBench(catalog: "\(out)/catalog-\(count).sqlite") { print($0) }
            return
        }
        try bench.run()
    }
}

BenchCommand.main()
