import Foundation
import HTXCore
import HTXTestSupport
import Testing

/// Inputs far past any real survey: each stops at once with a clear message, within bounded memory, and leaves
/// the catalog as it was.
@Suite("Resource bounds")
struct ResourceBoundsTests {
    /// Runs `htx ARGS` and reports, besides the result, its wall time.
    func measured(_ cli: CLI, _ arguments: [String]) throws -> (result: CLI.Result, seconds: Double) {
        let started = Date()
        let result = try cli.run(arguments)
        return (result, Date().timeIntervalSince(started))
    }

    @Test("a 1 GB file is refused before it is read")
    func gigabyteFile() throws {
        let frozen = try FrozenCatalog()
        let path = frozen.cli.directory.appendingPathComponent("khong-lo.csv").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data("Tên HTX,Quận/huyện\n".utf8)))
        #expect(truncate(path, 1 << 30) == 0, "a sparse 1 GB file")
        let (result, seconds) = try measured(frozen.cli, ["import", path])
        #expect(result.code == 1)
        #expect(
            result.stderr
                == "Lỗi: khong-lo.csv: tệp quá lớn (1 GB); htx nhận tệp đến 256 MB: chia thành nhiều tệp (ví dụ mỗi "
                + "quận/huyện một tệp) rồi nhập lần lượt\n"
        )
        #expect(seconds < 5, "refused at once, not after reading (\(seconds) s)")
        #expect(frozen.unchanged)
    }

    @Test("a million-row CSV is refused after one counting pass, not after importing half of it")
    func millionRows() throws {
        let frozen = try FrozenCatalog()
        var csv = "Tên HTX,Quận/huyện\n"
        csv.reserveCapacity(20_000_000)
        for i in 0..<1_000_000 { csv += "HTX \(i),Ba Vì\n" }
        let path = try frozen.write("trieu-dong.csv", Array(csv.utf8))
        let (result, seconds) = try measured(frozen.cli, ["import", path])
        #expect(result.code == 1)
        #expect(
            result.stderr.contains("trieu-dong.csv: có khoảng 1.000.000 dòng, quá 500.000 dòng một lần nhập"),
            "\(result.stderr)")
        #expect(seconds < 20, "refused before importing (\(seconds) s)")
        #expect(frozen.unchanged)
    }

    @Test("a 10,000-site itinerary request stops before building its matrix")
    func tenThousandSites() throws {
        let cli = try CLI()
        let sites = (0..<10_000).map { i in
            #"{"id":"S\#(i)","lat":\#(20.9 + Double(i % 100) / 500),"lon":\#(105.7 + Double(i / 100) / 500)}"#
        }
        let json =
            #"{"days":2,"start":{"id":"office","lat":21.03,"lon":105.83},"sites":["# + sites.joined(separator: ",")
            + "]}"
        let path = cli.directory.appendingPathComponent("muoi-nghin.json").path
        try Data(json.utf8).write(to: URL(fileURLWithPath: path))
        let (result, seconds) = try measured(cli, ["itinerary", "solve", path])
        #expect(result.code == 1)
        #expect(
            result.stderr
                == "Lỗi: muoi-nghin.json: 10000 điểm, quá 1000 điểm một lịch trình; chọn bớt HTX (một danh sách rút "
                + "gọn) rồi lập lại\n"
        )
        #expect(seconds < 10, "\(seconds) s")
    }

    @Test("itinerary plan refuses a month-long request and absurd durations with the option named")
    func absurdPlan() throws {
        let cli = try CLI()
        try cli.run(["init", "--sample"])
        let days = try cli.run([
            "itinerary", "plan", "x", "--coops", "1,2,3", "--date", "2026-12-01", "--days", "100000000",
        ])
        #expect(days.code == 1 && days.stderr == "Lỗi: số ngày 100000000 phải từ 1 đến 31\n", "\(days.stderr)")
        let visit = try cli.run([
            "itinerary", "plan", "x", "--coops", "1,2,3", "--date", "2026-12-01", "--visit", "99999",
        ])
        #expect(visit.code == 1 && visit.stderr.contains("--visit = 99999 phút"), "\(visit.stderr)")
    }

    @Test("a cooperative a continent away is set aside by the plan, and the saved itinerary still briefs")
    func farAwayCooperative() throws {
        let cli = try CLI()
        try cli.run(["init", "--sample"])
        #expect(
            try cli.run(["coop", "edit", "1", "--set", "location=-33.9, 151.2"]).code == 0, "a warning, not an error")
        let plan = try cli.run([
            "itinerary", "plan", "xa", "--coops", "1,2", "--date", "2026-12-01", "--format", "json",
        ])
        #expect(plan.code == 0, "\(plan.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(plan.stdout.utf8)) as? [String: Any])
        let dropped = try #require(report["dropped"] as? [[String: Any]])
        #expect(dropped.count == 1 && dropped[0]["id"] as? String == "1")
        #expect((dropped[0]["reason"] as? String)?.contains("hơn một tuần đường") == true)
        let brief = try cli.run(["brief", "xa", "--out", cli.directory.appendingPathComponent("xa.md").path])
        #expect(brief.code == 0, "\(brief.stderr)")
    }
}
