import Foundation
import HTXBriefing
import HTXCatalog
import HTXCore
import HTXDocument
import HTXItinerary
import HTXKit
import HTXShortlist

/// `htx-bench`: imports a generated 100,000-cooperative CSV, then measures search latency and start-up, with
/// `sqlite-utils` side by side when it is installed; writes BENCHMARKS.md.
struct Bench {
    var htx = ".build/release/htx"
    var out = "Exports/bench"
    var count = 100_000
    var report = "BENCHMARKS.md"
    /// The folder with the itinerary instances and the other solvers' figures.
    var benchFolder = "../shared/bench"
    /// The sqlite-utils database built by the import comparison, searched by the search comparison.
    var sqliteUtilsDB: String?
    /// Only the import comparison, printed, for quick runs while working on the import (`--import-only`).
    var importOnly = false

    static func median(_ values: [Double]) -> Double { percentile(values, 0.5) }
    /// How many times each tool imports the generated file.
    static let importRuns = 3
    static func percentile(_ values: [Double], _ p: Double) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return .nan }
        let rank = p * Double(sorted.count - 1)
        let low = Int(rank.rounded(.down))
        let high = Int(rank.rounded(.up))
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - Double(low))
    }

    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    /// Runs a process to completion with `posix_spawn`, output to /dev/null; returns wall seconds, exit status and
    /// peak resident memory in MB. Foundation's `Process.waitUntilExit` polls and would add tens of milliseconds to
    /// every run.
    ///
    /// The peak is the child's own `VmHWM`, read from /proc every 2 ms while it runs (a last spurt shorter than that
    /// can be missed). `wait4`'s `ru_maxrss` is not used: glibc's `posix_spawn` starts the child in the parent's
    /// address space, and Linux carries that space's high-water mark over the `exec`, so it reports the bench's own
    /// peak for any child smaller than the bench.
    /// With `memory: false` it waits without polling, for the most exact wall time of short runs (peak then 0).
    static func runProcess(
        _ executable: String, _ arguments: [String], memory: Bool = true
    ) throws -> (seconds: Double, status: Int32, peakMB: Double) {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        var status: Int32 = 0
        var peakKB = 0
        let time = try seconds {
            let rc = posix_spawn(&pid, executable, &actions, nil, argv, environ)
            guard rc == 0 else { throw NSError(domain: "posix_spawn", code: Int(rc)) }
            guard memory else {
                waitpid(pid, &status, 0)
                return
            }
            while waitpid(pid, &status, WNOHANG) == 0 {
                peakKB = max(peakKB, highWaterKB(pid))
                usleep(2_000)
            }
        }
        return (time, (status >> 8) & 0xFF, Double(peakKB) / 1024)
    }

    /// The peak resident memory of a running process in KB (`VmHWM` in /proc/PID/status), or 0 once it has exited.
    static func highWaterKB(_ pid: pid_t) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
        else { return 0 }
        return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") ?? 0
    }

    static func which(_ name: String) -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let path = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    static func shell(_ command: String) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let pipe = Pipe()
        process.standardOutput = pipe
        try? process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func ms(_ seconds: Double) -> String { String(format: "%.2f ms", seconds * 1000) }

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
        for _ in 0..<Bench.importRuns {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + suffix) }
            _ = try Bench.runProcess(htx, ["init", "--db", db])
            // Each tool starts with the generated file and the last run's writes on disk, not still being flushed.
            sync()
            let imported = try Bench.runProcess(htx, ["import", csv, "--db", db])
            guard imported.status == 0 else { throw NSError(domain: "htx import failed", code: Int(imported.status)) }
            htxRuns.append((imported.seconds, imported.peakMB))
            if let sqliteUtils {
                try? FileManager.default.removeItem(atPath: other)
                sync()
                let insert = try Bench.runProcess(sqliteUtils, ["insert", other, "coops", csv, "--csv"])
                let fts = try Bench.runProcess(
                    sqliteUtils,
                    [
                        "enable-fts", other, "coops", "Tên HTX", "Quận/huyện", "Xã/phường", "Địa chỉ", "Sản phẩm",
                        "Thành tích", "--fts5", "--create-triggers",
                    ])
                otherRuns.append((insert.seconds, fts.seconds, max(insert.peakMB, fts.peakMB)))
            }
        }
        let htxSeconds = Bench.median(htxRuns.map(\.seconds))
        let htxPeak = htxRuns.map(\.peakMB).max() ?? 0
        func range(_ values: [Double]) -> String { String(format: "%.2f–%.2f s", values.min() ?? 0, values.max() ?? 0) }
        log(
            "## Import of \(count) generated rows (Vietnamese text, \(String(format: "%.1f", megabytes)) MB CSV) into a searchable catalog"
        )
        log("")
        log(
            "\(Bench.importRuns) runs of each, taking turns, same file, same machine; medians (the range in brackets). htx: `htx import` (parse, normalise,"
        )
        log(
            "validate every row, upsert by tax code, JSON record, FTS5 index with folded and exact-accent forms, one history line per record,"
        )
        log("one transaction) into a catalog made by `htx init`.")
        log("")
        log("| tool | wall time | rows/s | peak memory |")
        log("|---|---|---|---|")
        log(
            "| `htx import` | \(String(format: "%.2f s", htxSeconds)) (\(range(htxRuns.map(\.seconds)))) | \(Int(Double(count) / htxSeconds)) | \(String(format: "%.0f MB", htxPeak)) |"
        )
        if !otherRuns.isEmpty {
            let totals = otherRuns.map { $0.insert + $0.fts }
            let total = Bench.median(totals)
            log(
                "| `sqlite-utils insert --csv` + `enable-fts` | \(String(format: "%.2f s", total)) (\(range(totals)); insert \(String(format: "%.2f", Bench.median(otherRuns.map(\.insert)))) + fts \(String(format: "%.2f", Bench.median(otherRuns.map(\.fts))))) | \(Int(Double(count) / total)) | \(String(format: "%.0f MB", otherRuns.map(\.peakMB).max() ?? 0)) |"
            )
            log("")
            let ratios = zip(totals, htxRuns.map(\.seconds)).map { $0 / $1 }
            log(
                "Ratio of the medians: htx import is \(String(format: "%.2f×", total / htxSeconds)) as fast as sqlite-utils (turn by turn \(String(format: "%.2f–%.2f×", ratios.min() ?? 0, ratios.max() ?? 0)); bar: ≥ 5×); peak memory \(String(format: "%.0f", htxPeak)) MB (bar: < 150 MB)."
            )
            sqliteUtilsDB = other
        } else {
            log("")
            log("sqlite-utils is not installed (`pip install sqlite-utils`): comparison skipped.")
        }
        log("")
        if importOnly {
            print("(--import-only: the other benchmarks and BENCHMARKS.md are skipped)")
            return
        }
        let catalog = try Catalog.open(path: db)

        // In-process search latency.
        let queries = [
            "dong anh", "Đông Anh", "rau an toan", "gốm men rạn", "Ứng Hoà", "bưởi diễn phú", "thuy san tan lap",
            "khong co gi xyz", "htx",
        ]
        log("## Accent-insensitive search over \(count) cooperatives, in process")
        log("")
        log(
            "`Catalog.search(query, limit: 20)` on a file catalog (WAL), warm cache; 200 runs per query after 5 warm-up runs."
        )
        log("")
        log("| query | hits (of 20) | median | p95 |")
        log("|---|---|---|---|")
        var medians: [Double] = []
        for query in queries {
            var hits = 0
            for _ in 0..<5 { hits = try catalog.search(query).count }
            var times: [Double] = []
            for _ in 0..<200 { times.append(try Bench.seconds { _ = try catalog.search(query) }) }
            medians.append(Bench.median(times))
            log("| `\(query)` | \(hits) | \(ms(Bench.median(times))) | \(ms(Bench.percentile(times, 0.95))) |")
        }
        log("")

        // Whole-process comparison with sqlite-utils.
        log("## `htx search` as a whole process vs `sqlite-utils search`")
        log("")
        if let sqliteUtils = Bench.which("sqlite-utils"), let other = sqliteUtilsDB {
            log(
                "Median wall time of 21 runs each (plus 2 warm-up), same \(count) records; sqlite-utils \(Bench.shell("\(sqliteUtils) --version | awk '{print $3}'")), FTS5 over the same text columns."
            )
            log(
                "Note: sqlite-utils' FTS5 does not fold đ or tones, so its hits differ (\"dong anh\" does not find \"Đông Anh\"); it is timed for the same work shape."
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
            "`ShortlistBuilder.build` (default profile, filters, exact selection with at least 1 per sector present and at most 1 per district), 5 runs:"
        )
        log(
            "median \(String(format: "%.3f s", Bench.median(shortlistTimes))), slowest \(String(format: "%.3f s", shortlistTimes.max()!)) for \(picked) picks (bar: < 0.5 s)."
        )
        log("")

        // Itinerary: every shared instance, beside OR-Tools, VROOM and the exact solver.
        try itineraryTable(log)

        // Briefing packet: 100 cooperatives to PDF, beside Typst on an equivalent document.
        try packetBench(generator, log)

        // Resource bounds: inputs far past any survey, each in its own process for an honest peak memory.
        try boundsBench(log)

        // Start-up.
        log("## Start-up")
        log("")
        for _ in 0..<3 { _ = try Bench.runProcess(htx, ["--version"], memory: false) }
        let startTimes = try (0..<51).map { _ in try Bench.runProcess(htx, ["--version"], memory: false).0 }
        log(
            "`htx --version`, 51 runs: median \(ms(Bench.median(startTimes))), p95 \(ms(Bench.percentile(startTimes, 0.95))) (bar: < 50 ms)."
        )
        log("")
        writeReport(lines)
    }

    /// A packet of `count` generated cooperatives, one day's programme visiting them all, with their records.
    static func packet(
        _ generator: SyntheticCatalog, count: Int
    ) throws -> (document: Document, coops: [String: Cooperative]) {
        var coops: [String: Cooperative] = [:]
        var stops: [String] = []
        for index in 0..<count {
            var coop = generator.record(index)
            coop.id = Int64(index + 1)
            coop.contacts = [
                Contact(role: "Giám đốc", name: nil, phone: "+849000\(String(format: "%05d", index % 100_000))")
            ]
            coops[String(index + 1)] = coop
            stops.append(
                #"{"id":"\#(index + 1)","name":"\#(coop.name)","arrive":"08:00","start":"08:00","depart":"09:00","travelMinutes":30,"distanceKm":12.5}"#
            )
        }
        let json =
            #"{"days":[{"date":"2021-10-28","departAt":"07:30","stops":[\#(stops.joined(separator: ","))],"lunch":null,"returnAt":"17:00","travelMinutes":300,"distanceKm":120}],"dropped":[],"totalTravelMinutes":300,"totalDistanceKm":120,"sitesVisited":\#(count),"optimal":false}"#
        let report = try JSONDecoder().decode(ItineraryReport.self, from: Data(json.utf8))
        let instance = ItineraryInstance(
            days: 1, dayStart: 450, dayEnd: 1050, lunch: .init(earliest: 660, latest: 750, minutes: 60),
            start: .init(id: "start", name: "Văn phòng", point: nil), sites: [], travel: [[0]], distance: [[0]],
            dates: ["2021-10-28"])
        let document = BriefingBuilder(
            settings: BriefingSettings(date: "2021-10-28"), report: report, instance: instance, cooperatives: coops
        ).packet()
        return (document, coops)
    }

    /// Renders a 100-cooperative packet to PDF and compiles an equivalent Typst document (one A4 page per cooperative
    /// with the same fields), when the `typst` Python package is installed.
    func packetBench(_ generator: SyntheticCatalog, _ log: (String) -> Void) throws {
        let count = 100
        let (document, coops) = try Bench.packet(generator, count: count)
        guard let fonts = FontLocator.serif() else {
            log("## Briefing packet\n\nNo Liberation Serif or DejaVu Serif installed: skipped.\n")
            return
        }
        var bytes: [UInt8] = []
        var times: [Double] = []
        for _ in 0..<3 { times.append(try Bench.seconds { bytes = try PDFRenderer(fonts: fonts).render(document) }) }
        let pdfPath = "\(out)/packet-100.pdf"
        try Data(bytes).write(to: URL(fileURLWithPath: pdfPath))
        let pages = Bench.shell("pdfinfo \(pdfPath) 2>/dev/null | awk '/^Pages/ {print $2}'")
        log("## Briefing packet of \(count) cooperatives to PDF")
        log("")
        log(
            "`PDFRenderer` in process (layout, font subsetting, compression), median of 3: \(String(format: "%.3f s", Bench.median(times))), \(pages.isEmpty ? "?" : pages) pages, \(bytes.count / 1024) KB."
        )
        // Typst: one page per cooperative with the same fields (facts, figures table, certifications, contact).
        var typ =
            "#set page(paper: \"a4\", margin: (top: 20mm, bottom: 20mm, left: 30mm, right: 15mm))\n#set text(font: \"Liberation Serif\", size: 13pt, lang: \"vi\")\n#set par(justify: true)\n"
        for index in 0..<count {
            let coop = coops[String(index + 1)]!
            typ += "#pagebreak(weak: true)\n== \(index + 1). \(coop.name)\n"
            typ +=
                "#table(columns: (30%, 70%), [*Địa chỉ*], [\(coop.address ?? "")], [*Quận/huyện*], [\(coop.district ?? "")], [*Lĩnh vực*], [\(coop.sectors.map(\.label).joined(separator: "; "))], [*Thành viên*], [\(coop.members ?? 0)])\n"
            typ +=
                "#table(columns: 5, [*Năm*], [*Doanh thu*], [*Lợi nhuận*], [*Thu nhập*], [*Thành viên*], "
                + coop.figures.map {
                    "[\($0.year)], [\(Int($0.revenue ?? 0))], [\(Int($0.profit ?? 0))], [\(Int($0.memberIncome ?? 0))], [\($0.members ?? 0)]"
                }.joined(separator: ", ") + ")\n"
            typ +=
                "- \(coop.achievements ?? "")\n- Kinh nghiệm xây dựng sản phẩm OCOP và mở rộng thị trường.\n\n*Người đón tiếp:* Giám đốc\n"
        }
        let typPath = "\(out)/packet-100.typ"
        try typ.write(toFile: typPath, atomically: true, encoding: .utf8)
        let probe = Bench.shell("python3 -c 'import typst' 2>&1 && echo ok")
        if probe.hasSuffix("ok"), let python = Bench.which("python3") {
            let script =
                "import typst,time; t=time.perf_counter(); typst.compile('\(typPath)', output='\(out)/packet-100-typst.pdf'); print(time.perf_counter()-t)"
            var typstTimes: [Double] = []
            for _ in 0..<3 { typstTimes.append(Double(Bench.shell("\(python) -c \"\(script)\"")) ?? .nan) }
            let size =
                (try? FileManager.default.attributesOfItem(atPath: "\(out)/packet-100-typst.pdf")[.size] as? Int) ?? 0
            log(
                "Typst (Python package, compile call only, median of 3) on the equivalent document: \(String(format: "%.3f s", Bench.median(typstTimes))), \(size / 1024) KB."
            )
            log(
                "Ratio: htx is \(String(format: "%.1f×", Bench.median(typstTimes) / Bench.median(times))) as fast as Typst; its file is \(String(format: "%.2f", Double(bytes.count) / Double(max(1, size))))× Typst's size (bar: faster and smaller). The Typst document is simpler (one page per cooperative; no cover, programme, map or charts)."
            )
        } else {
            log("Typst is not installed (`pip install typst`): comparison skipped.")
        }
        // WeasyPrint on the very same packet, rendered by htx as HTML.
        let htmlPath = "\(out)/packet-100.html"
        try Data(try HTMLRenderer().render(document)).write(to: URL(fileURLWithPath: htmlPath))
        if Bench.shell("python3 -c 'import weasyprint' 2>&1 && echo ok").hasSuffix("ok") {
            let script =
                "import weasyprint,time; t=time.perf_counter(); weasyprint.HTML('\(htmlPath)').write_pdf('\(out)/packet-100-weasyprint.pdf'); print(time.perf_counter()-t)"
            let weasy = Double(Bench.shell("python3 -c \"\(script)\" 2>/dev/null | tail -1")) ?? .nan
            let size =
                (try? FileManager.default.attributesOfItem(atPath: "\(out)/packet-100-weasyprint.pdf")[.size] as? Int)
                ?? 0
            log(
                "WeasyPrint on the same packet (htx's HTML rendering, one run, write_pdf call only): \(String(format: "%.2f s", weasy)), \(size / 1024) KB → htx is \(String(format: "%.0f×", weasy / Bench.median(times))) as fast (bar ≥ 10×), file \(String(format: "%.2f", Double(bytes.count) / Double(max(1, size))))× the size."
            )
        } else {
            log("WeasyPrint is not installed (`pip install weasyprint`): comparison skipped.")
        }
        log("")
    }

    /// Runs the solver on each instance of `benchFolder/instances` and prints it beside the figures of `benchFolder/README.md`.
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
            "`ItinerarySolver` with a 1 s limit (in process, parse + solve; median of 3 runs). Other columns from `\(benchFolder)/README.md`:"
        )
        log("sites visited / total travel minutes (time). \"best other\" is the better of VROOM and OR-Tools 5 s.")
        log("")
        log("| instance | htx | htx time | optimal | OR-Tools 1 s | OR-Tools 5 s | VROOM | exact | vs best other |")
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
                "| \(name) | \(report!.sitesVisited) / \(report!.totalTravelMinutes) | \(String(format: "%.3f s", Bench.median(times))) | \(report!.optimal ? "proven" : "–") | \(row[0]) | \(row[1]) | \(row[2]) | \(row[3]) | \(verdict) |"
            )
        }
        log("")
    }

    /// Runs the oversized inputs of issue 7 as separate processes: wall time, exit status and peak memory of each.
    func boundsBench(_ log: (String) -> Void) throws {
        log("## Resource bounds")
        log("")
        log(
            "Each row is one process; \"refused\" means exit 1 with a message that says to split the input, the catalog untouched."
        )
        log("")
        log("| input | outcome | wall time | peak memory |")
        log("|---|---|---|---|")
        func row(_ label: String, _ run: (seconds: Double, status: Int32, peakMB: Double), done: String) {
            let outcome = run.status == 0 ? done : run.status == 1 ? "refused" : "exit \(run.status)"
            log(
                "| \(label) | \(outcome) | \(String(format: "%.2f s", run.seconds)) | \(String(format: "%.0f MB", run.peakMB)) |"
            )
        }
        let db = "\(out)/bounds.sqlite"
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + suffix) }
        _ = try Bench.runProcess(htx, ["init", "--db", db, "--sample"])
        let sparse = "\(out)/bounds-1gb.csv"
        FileManager.default.createFile(atPath: sparse, contents: Data("Tên HTX,Quận/huyện\n".utf8))
        truncate(sparse, 1 << 30)
        row("`htx import` of a 1 GB file", try Bench.runProcess(htx, ["import", sparse, "--db", db]), done: "imported")
        try? FileManager.default.removeItem(atPath: sparse)
        let million = "\(out)/bounds-1m.csv"
        var text = "Tên HTX,Quận/huyện\n"
        for i in 0..<1_000_000 { text += "HTX \(i),Ba Vì\n" }
        try text.write(toFile: million, atomically: true, encoding: .utf8)
        text = ""
        row(
            "`htx import` of a 1,000,000-row CSV (14 MB)", try Bench.runProcess(htx, ["import", million, "--db", db]),
            done: "imported")
        try? FileManager.default.removeItem(atPath: million)
        let sites = (0..<10_000).map {
            #"{"id":"S\#($0)","lat":\#(20.9 + Double($0 % 100) / 500),"lon":\#(105.7 + Double($0 / 100) / 500)}"#
        }
        let instance = "\(out)/bounds-10000-sites.json"
        try (#"{"days":2,"start":{"id":"o","lat":21.03,"lon":105.83},"sites":["# + sites.joined(separator: ",") + "]}")
            .write(toFile: instance, atomically: true, encoding: .utf8)
        row(
            "`htx itinerary solve` with 10,000 sites", try Bench.runProcess(htx, ["itinerary", "solve", instance]),
            done: "solved")
        let packet = "\(out)/packet-5000.pdf"
        let self_ =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let run = try Bench.runProcess(self_, ["--packet-only", "5000", packet])
        let pages = Bench.shell("pdfinfo \(packet) 2>/dev/null | awk '/^Pages/ {print $2}'")
        let size = ((try? FileManager.default.attributesOfItem(atPath: packet)[.size] as? Int) ?? 0) / 1_048_576
        row(
            "briefing packet of 5,000 cooperatives to PDF (\(pages.isEmpty ? "?" : pages) pages, \(size) MB)", run,
            done: "written")
        log("")
    }

    /// `--packet-only N FILE`: renders an N-cooperative packet to FILE, for the bounds table's separate process.
    static func packetOnly(count: Int, to path: String) throws {
        let seeds = try SeedDirectory.locate()
        let generator = SyntheticCatalog(districts: try seeds.districts().districts)
        let (document, _) = try packet(generator, count: count)
        guard let fonts = FontLocator.serif() else { throw KitError.noFont }
        try Data(try PDFRenderer(fonts: fonts).render(document)).write(to: URL(fileURLWithPath: path))
    }

    func writeReport(_ lines: [String]) {
        let machine =
            "\(ProcessInfo.processInfo.activeProcessorCount) cores, \(Bench.shell("grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'")), \(ProcessInfo.processInfo.physicalMemory / 1_073_741_824) GiB; \(Bench.shell("swift --version 2>/dev/null | head -1"))"
        let header = """
            # Benchmarks

            Produced by `make bench` (release build; `.build/release/htx-bench --htx .build/release/htx`).
            The machine is shared and noisy: compare ratios measured in the same run, not absolute times across runs.

            - Date: \(Date().formatted(.iso8601))
            - Machine: \(machine)


            """
        try? (header + lines.joined(separator: "\n") + "\n").write(toFile: report, atomically: true, encoding: .utf8)
    }
}

var bench = Bench()
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let argument = arguments.next() {
    switch argument {
    case "--htx": bench.htx = arguments.next() ?? bench.htx
    case "--out": bench.out = arguments.next() ?? bench.out
    case "--count": bench.count = Int(arguments.next() ?? "") ?? bench.count
    case "--report": bench.report = arguments.next() ?? bench.report
    case "--bench": bench.benchFolder = arguments.next() ?? bench.benchFolder
    case "--import-only": bench.importOnly = true
    case "--packet-only":
        let count = Int(arguments.next() ?? "") ?? 5_000
        do { try Bench.packetOnly(count: count, to: arguments.next() ?? "packet.pdf") } catch {
            FileHandle.standardError.write(Data("htx-bench: \(error)\n".utf8))
            exit(1)
        }
        exit(0)
    default:
        FileHandle.standardError.write(
            Data(
                "usage: htx-bench [--htx PATH] [--out DIR] [--count N] [--report FILE] [--bench DIR] [--import-only]\n"
                    .utf8))
        exit(2)
    }
}
do {
    try bench.run()
} catch {
    FileHandle.standardError.write(Data("htx-bench: \(error)\n".utf8))
    exit(1)
}
