import Foundation
import Testing
import HTXCore

@Suite("Reliability: concurrency and crashes")
struct ReliabilityTests {
    /// Runs `htx` without waiting, output discarded.
    func spawn(_ cli: CLI, _ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = CLI.executable
        process.arguments = arguments + ["--db", cli.db]
        process.environment = ["HTX_SEEDS": CLI.packageRoot.appendingPathComponent("Seeds").path, "HTX_ORG": "Kiểm thử"]
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        return process
    }

    @Test("two processes editing the same cooperative at once lose no update and corrupt nothing")
    func concurrentEdits() throws {
        let cli = try CLI()
        try cli.run(["init", "--sample"])
        let edits = 40
        // Two writers, each a shell loop of separate htx processes, on different fields of the same record.
        func writer(_ field: String, _ value: (Int) -> String) -> Process {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            let commands = (0..<edits).map { "\"\(CLI.executable.path)\" coop edit 1 --set '\(field)=\(value($0))' --db \"\(cli.db)\" || echo FAIL" }
            process.arguments = ["-c", commands.joined(separator: "\n")]
            process.environment = ["HTX_SEEDS": CLI.packageRoot.appendingPathComponent("Seeds").path, "HTX_ORG": field]
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = FileHandle(forWritingAtPath: "/dev/null")
            try? process.run()
            return process
        }
        let a = writer("note") { "Ghi chú \($0)" }, b = writer("members") { String(1000 + $0) }
        let outA = (a.standardOutput as! Pipe).fileHandleForReading.readDataToEndOfFile()
        let outB = (b.standardOutput as! Pipe).fileHandleForReading.readDataToEndOfFile()
        a.waitUntilExit()
        b.waitUntilExit()
        #expect(!String(decoding: outA + outB, as: UTF8.self).contains("FAIL"), "every edit succeeded within the busy timeout")
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
        var csv = "Tên HTX,Quận/huyện,Thành tích\n"
        for i in 0..<30_000 { csv += "HTX Thử nghiệm \(i),\(["Đông Anh", "Gia Lâm", "Ba Vì"][i % 3]),Sản xuất và dịch vụ cho thành viên số \(i)\n" }
        let file = cli.directory.appendingPathComponent("big.csv")
        try Data(csv.utf8).write(to: file)
        var state: UInt64 = 42
        var killedRunning = 0
        for _ in 0..<20 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let delay = 0.05 + Double(state >> 40) / Double(1 << 24) * 0.9
            let process = try spawn(cli, ["import", file.path])
            Thread.sleep(forTimeInterval: delay)
            if process.isRunning { killedRunning += 1 }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            #expect(try cli.run(["coop", "list", "--format", "json"]).stdout == before)
        }
        #expect(killedRunning >= 15, "most kills should land while the import runs")
        let doctor = try #require(try cli.json(["doctor"]) as? [String: Any])
        #expect(doctor["integrity"] as? String == "ok")
        #expect((doctor["counts"] as? [String: Int])?["cooperative"] == 50)
    }
}
