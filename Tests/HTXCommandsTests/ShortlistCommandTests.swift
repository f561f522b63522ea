import Foundation
import HTXTestSupport
import Testing

@testable import HTXCommands

@Suite("Shortlist command")
struct ShortlistCommandTests {
    @Test("build, show with the contract's keys, approve with a note, history, quotas in the result")
    func workflow() throws {
        let cli = try CLI()
        try cli.run(["init", "--sample"])
        let built = try cli.run([
            "shortlist", "build", "doan", "--size", "6", "--max-per-district", "1", "--exclude", "37", "--format",
            "json",
        ])
        #expect(built.code == 0, "\(built.stderr)")
        let record = try #require(try JSONSerialization.jsonObject(with: Data(built.stdout.utf8)) as? [String: Any])
        #expect(record["name"] as? String == "doan" && record["profile"] as? String == "mac-dinh")
        let entries = try #require(record["entries"] as? [[String: Any]])
        #expect(entries.count == 6)
        for entry in entries {
            for key in ["rank", "id", "name", "score", "criteria", "status", "reasons"] {
                #expect(entry[key] != nil, "entry lacks \(key)")
            }
            #expect(entry["status"] as? String == "proposed")
            #expect((entry["reasons"] as? [String])?.isEmpty == false)
        }
        #expect(Set(entries.compactMap { $0["district"] as? String }).count == 6, "one per district")
        #expect(!entries.contains { $0["id"] as? Int == 37 })
        let misses = try #require(record["notSelected"] as? [[String: Any]])
        #expect(
            misses.contains { $0["id"] as? Int == 37 && ($0["reason"] as? String)?.contains("theo yêu cầu") == true })
        #expect(misses.allSatisfy { $0["id"] != nil && $0["reason"] != nil })
        let first = try #require(entries.first?["id"] as? Int)
        let set = try cli.run([
            "shortlist", "set", "doan", String(first), "--status", "approved", "--note", "Đủ điều kiện đón đoàn",
            "--by", "Sở KH&ĐT",
        ])
        #expect(set.code == 0, "\(set.stderr)")
        let shown = try #require(try cli.json(["shortlist", "show", "doan"]) as? [String: Any])
        let approved = try #require((shown["entries"] as? [[String: Any]])?.first)
        #expect(
            approved["status"] as? String == "approved" && approved["note"] as? String == "Đủ điều kiện đón đoàn"
                && approved["by"] as? String == "Sở KH&ĐT")
        let history = try #require(try cli.json(["coop", "history", String(first)]) as? [[String: Any]])
        #expect(history.last?["action"] as? String == "status" && history.last?["field"] as? String == "shortlist:doan")
        #expect(
            history.last?["old"] as? String == "proposed"
                && history.last?["new"] as? String == "approved: Đủ điều kiện đón đoàn")
        let explained = try cli.run(["shortlist", "show", "doan", "--explain", "--format", "table"])
        #expect(explained.stdout.contains("Không được chọn:") && explained.stdout.contains("Điểm theo tiêu chí"))
        #expect(try cli.run(["shortlist", "build", "doan"]).code == 1, "rebuilding needs --replace")
        let lists = try #require(try cli.json(["shortlist", "list"]) as? [[String: Any]])
        #expect(lists.first?["approved"] as? Int == 1)
    }

    @Test("impossible quotas and unknown names are clear errors")
    func errors() throws {
        let cli = try CLI()
        try cli.run(["init", "--sample"])
        let impossible = try cli.run(["shortlist", "build", "x", "--size", "8", "--min-per-sector", "1"])
        #expect(impossible.code == 1 && impossible.stderr.contains("--min-per-sector"))
        #expect(try cli.run(["shortlist", "show", "khong-co"]).stderr.contains("không có danh sách"))
        #expect(try cli.run(["shortlist", "set", "x", "1", "--status", "maybe"]).code == 2)
    }

    @Test("too few eligible: the refusal names each filter with what it removed, and the way on")
    func refusalExplains() throws {
        let cli = try CLI()
        try cli.run(["init"])
        var csv = "Tên hợp tác xã,Quận/huyện,Lĩnh vực\n"
        for index in 1...2_000 { csv += "HTX Thử \(index),Đông Anh,Nông nghiệp\n" }
        let file = cli.directory.appendingPathComponent("so.csv")
        try csv.write(to: file, atomically: true, encoding: .utf8)
        #expect(try cli.run(["import", file.path]).code == 0)
        let refused = try cli.run(["shortlist", "build", "t", "--size", "10"])
        #expect(refused.code == 1)
        #expect(refused.stderr.contains("chỉ có 0/2.000 HTX đủ điều kiện, ít hơn --size 10"), "\(refused.stderr)")
        #expect(refused.stderr.contains("2.000 chưa có kết quả xếp loại (filters.minGrade: Khá)"))
        #expect(refused.stderr.contains("nhập kết quả xếp loại") && refused.stderr.contains("--profile"))
        let english = try cli.run(["shortlist", "build", "t", "--size", "10", "--lang", "en"])
        #expect(english.stderr.contains("2,000 have no grade") || english.stderr.contains("2.000 have no grade"))
    }
}
