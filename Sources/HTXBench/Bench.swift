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
        defer { for pointer in argv { free(pointer) } }
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

    /// This executable's own path, to run one of its modes in a fresh process.
    static var executable: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
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

    func writeReport(_ lines: [String]) {
        let machine =
            "\(ProcessInfo.processInfo.activeProcessorCount) cores, "
            + "\(Bench.shell("grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'")), "
            + "\(ProcessInfo.processInfo.physicalMemory / 1_073_741_824) GiB; "
            + "\(Bench.shell("swift --version 2>/dev/null | head -1"))"
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
