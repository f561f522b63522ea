import Foundation
import HTXCore
import HTXTestSupport
import Testing

@testable import HTXCommands

/// A catalog with the sample data, its file's bytes taken after every process has closed it.
struct FrozenCatalog {
    let cli: CLI
    let bytes: Data

    init() throws {
        cli = try CLI()
        try cli.run(["init", "--sample"])
        bytes = try Data(contentsOf: URL(fileURLWithPath: cli.db))
    }

    /// Whether the catalog file is byte for byte as it was and no write-ahead log holds changes.
    var unchanged: Bool {
        let now = (try? Data(contentsOf: URL(fileURLWithPath: cli.db))) ?? Data()
        let wal = (try? FileManager.default.attributesOfItem(atPath: cli.db + "-wal")[.size] as? Int) ?? 0
        return now == bytes && wal == 0
    }

    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let path = cli.directory.appendingPathComponent(name).path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }
}

let goodHeader = "Tên HTX,Mã số thuế,Quận/huyện,Điện thoại,Vĩ độ,Kinh độ\n"

@Suite("Import command: bad input")
struct ImportCommandTests {
    /// Each class of bad file: its bytes, extra arguments, and words the one-line error must contain.
    static let badFiles: [(String, [UInt8], [String], [String])] = [
        (
            "wrong encoding", Array("Tên HTX,Quận/huyện\nHTX Đông Hội,Đông Anh\n".utf8).map { $0 == 0xC3 ? 0xFF : $0 },
            ["--encoding", "utf-8"], ["UTF-8"]
        ),
        (
            "mixed delimiters",
            Array("Tên HTX;Quận/huyện;Lĩnh vực\nHTX A;Đông Anh;Nông nghiệp\nHTX B,Gia Lâm,Nông nghiệp\n".utf8), [],
            ["dòng 3", "phân cách"]
        ),
        (
            "missing name column", Array("Mã số thuế,Quận/huyện,Lĩnh vực\n0100233488,Đông Anh,Nông nghiệp\n".utf8), [],
            ["Tên HTX"]
        ),
        ("header only", Array(goodHeader.utf8), [], ["chỉ có dòng tiêu đề"]),
        ("empty file", [], [], ["rỗng"]),
        ("binary junk", (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7919 &+ 13) | 0x80 }, [], ["tiêu đề"]),
        ("NUL bytes", Array("Tên HTX,Quận/huyện\nHTX A\0,Đông Anh\n".utf8), [], ["NUL"]),
        (
            "1 MB cell", Array(("Tên HTX,Thành tích\nHTX A," + String(repeating: "x", count: 1_048_576) + "\n").utf8),
            [], ["dòng 2", "KB"]
        ),
        (
            "unbalanced quotes", Array("Tên HTX,Quận/huyện\n\"HTX A,Đông Anh\nHTX B,Gia Lâm\n".utf8), [],
            ["dòng 2", "ngoặc kép"]
        ),
        ("bad tax code", Array((goodHeader + "HTX A,01002ABC88,Đông Anh,,,\n").utf8), [], ["dòng 2", "Mã số thuế"]),
        ("bad phone", Array((goodHeader + "HTX A,,Đông Anh,0912 34,,\n").utf8), [], ["dòng 2", "Điện thoại"]),
        ("unknown district", Array((goodHeader + "HTX A,,Quận 1,,,\n").utf8), [], ["dòng 2", "Quận 1"]),
        (
            "old .xls", Array([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + Array(repeating: 0, count: 512)), [],
            [".xls"]
        ),
    ]

    @Test(
        "each bad file gets a clear message, exit 1, and leaves the catalog byte-for-byte unchanged",
        arguments: 0..<badFiles.count)
    func badFile(index: Int) throws {
        let (label, bytes, extra, words) = ImportCommandTests.badFiles[index]
        let frozen = try FrozenCatalog()
        let name = label == "old .xls" ? "bad.xls" : "bad.csv"
        let result = try frozen.cli.run(["import", try frozen.write(name, bytes)] + extra)
        #expect(result.code == 1, "\(label): exit \(result.code) \(result.stderr)")
        #expect(result.stderr.contains("Lỗi: "), "\(label): \(result.stderr)")
        #expect(result.stderr.contains(name), "\(label) names the file: \(result.stderr)")
        for word in words { #expect(result.stderr.contains(word), "\(label) says \(word): \(result.stderr)") }
        #expect(frozen.unchanged, "\(label) changed the catalog")
    }

    @Test("an unknown --encoding is a usage error")
    func unknownEncoding() throws {
        let frozen = try FrozenCatalog()
        let result = try frozen.cli.run([
            "import", try frozen.write("a.csv", Array(goodHeader.utf8)), "--encoding", "latin-9",
        ])
        #expect(result.code == 2 && result.stderr.contains("latin-9"))
        #expect(frozen.unchanged)
    }

    @Test("a dry run reports and writes nothing, even with warnings and new rows")
    func dryRun() throws {
        let frozen = try FrozenCatalog()
        let file = try frozen.write("a.csv", Array((goodHeader + "HTX Ngoài Hà Nội,,Đông Anh,,10.77,106.70\n").utf8))
        let result = try frozen.cli.run(["import", file, "--dry-run"])
        #expect(result.code == 0)
        #expect(result.stderr.contains("Cảnh báo: a.csv, dòng 2") && result.stderr.contains("ngoài Hà Nội"))
        #expect(result.stderr.contains("thêm 1") && result.stderr.contains("không ghi"))
        #expect(frozen.unchanged)
    }

    @Test("warnings do not block: outside-Hanoi points, duplicate rows, NFD text, formula-looking cells")
    func warningsImport() throws {
        let frozen = try FrozenCatalog()
        let nfd = "HTX Đông Hội Mới".decomposedStringWithCanonicalMapping
        let csv =
            goodHeader
            + "\(nfd),0314409058,Đông Anh,,10.77,106.70\n=cmd|' /C calc'!A0,,Ba Vì,,,\nHTX Lặp,0100109106,Gia "
            + "Lâm,,,\nHTX Lặp,0100109106,Gia Lâm,,,\n"
        let result = try frozen.cli.run(["import", try frozen.write("w.csv", Array(csv.utf8)), "--format", "json"])
        #expect(result.code == 0, "\(result.stderr)")
        #expect(result.stderr.contains("ngoài Hà Nội") && result.stderr.contains("trùng với dòng 4"))
        let reports = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(
            reports.first?["added"] as? Int == 3 && reports.first?["updated"] as? Int == 0
                && reports.first?["unchanged"] as? Int == 1)
        let hits = try #require(try frozen.cli.json(["search", "dong hoi moi"]) as? [String: Any])
        let first = try #require((hits["results"] as? [[String: Any]])?.first)
        #expect(first["name"] as? String == "HTX Đông Hội Mới")
        #expect(
            (first["name"] as? String)?.unicodeScalars.count
                == "HTX Đông Hội Mới".precomposedStringWithCanonicalMapping.unicodeScalars.count)
        let export = frozen.cli.directory.appendingPathComponent("e.csv").path
        #expect(try frozen.cli.run(["export", export]).code == 0)
        let text = try String(contentsOfFile: export, encoding: .utf8)
        #expect(text.contains("'=cmd|' /C calc'!A0") && !text.contains(",=cmd"))
    }

    @Test("killing an import mid-way leaves the catalog exactly as before")
    func killedImport() throws {
        let frozen = try FrozenCatalog()
        let before = try frozen.cli.run(["coop", "list", "--format", "json"]).stdout
        var csv = "Tên HTX,Quận/huyện,Thành tích\n"
        let districts = ["Đông Anh", "Gia Lâm", "Ba Vì", "Mê Linh", "Sóc Sơn"]
        for i in 0..<60_000 {
            csv += "HTX Thử nghiệm số \(i),\(districts[i % 5]),Sản xuất rau an toàn và dịch vụ cho thành viên số \(i)\n"
        }
        let file = try frozen.write("big.csv", Array(csv.utf8))
        let process = Process()
        process.executableURL = CLI.executable
        process.arguments = ["import", file, "--db", frozen.cli.db]
        process.environment = ["HTX_SEEDS": Fixtures.seeds.url.path]
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        Thread.sleep(forTimeInterval: 1.5)
        #expect(process.isRunning, "the import should still be running when killed")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(try frozen.cli.run(["coop", "list", "--format", "json"]).stdout == before)
        let doctor = try #require(try frozen.cli.json(["doctor"]) as? [String: Any])
        #expect(doctor["integrity"] as? String == "ok")
        #expect((doctor["counts"] as? [String: Int])?["cooperative"] == 50)
    }
}
