import Foundation
import GRDB
import HTXTestSupport
import Testing

/// What the third adversarial pass over the release CLI found (`../shared/findings/review-adversarial-cli.md`,
/// 2026-12-07), one test per class, numbered as the review numbers them. Each fails against the build before its fix
/// (run with `HTX_TEST_EXECUTABLE=<old htx>`).
@Suite("Data safety: third pass")
struct ThirdPassTests {
    func write(_ cli: CLI, _ name: String, _ text: String) throws -> String {
        let url = cli.directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// Every record of the catalog as `coop show` prints it, without its id, in name order.
    func records(_ cli: CLI, db: String? = nil) throws -> [String] {
        let extra = db.map { ["--db", $0] } ?? []
        let list = try #require(
            try JSONSerialization.jsonObject(
                with: Data(try cli.run(["coop", "list", "--format", "json"] + extra).stdout.utf8)) as? [[String: Any]])
        return try list.map { row in
            let id = try #require(row["id"] as? Int)
            var record = try #require(
                try JSONSerialization.jsonObject(
                    with: Data(try cli.run(["coop", "show", String(id), "--format", "json"] + extra).stdout.utf8))
                    as? [String: Any])
            record["id"] = nil
            return String(
                decoding: try JSONSerialization.data(withJSONObject: record, options: .sortedKeys), as: UTF8.self)
        }
    }

    @Test("2: one-character relative paths for --db, HTX_DB, init and backup work like longer ones")
    func oneCharacterPaths() throws {
        let cli = try CLI()
        try cli.run(["init", "--sample"])
        let backup = try cli.run(["backup", "b"])
        #expect(backup.code == 0, "\(backup.stderr)")
        #expect(FileManager.default.fileExists(atPath: cli.directory.appendingPathComponent("b").path))
        let nested = try cli.run(["backup", "w/x.sqlite"])
        #expect(nested.code == 0, "\(nested.stderr)")
        try FileManager.default.copyItem(atPath: cli.db, toPath: cli.directory.appendingPathComponent("k").path)
        let listed = try cli.run(["coop", "list", "--db", "k", "--format", "csv"])
        #expect(listed.code == 0 && listed.stdout.split(separator: "\n").count == 51, "\(listed.stderr)")
        #expect(try cli.run(["doctor"], environment: ["HTX_DB": "k"]).code == 0)
        let created = try cli.run(["init", "--db", "z"])
        #expect(created.code == 0, "\(created.stderr)")
    }

    @Test("7: namesakes without a tax code come back from every export format as as many records")
    func namesakesRoundTrip() throws {
        let cli = try CLI()
        try cli.run(["init"])
        for members in ["100", "200"] {
            try cli.run([
                "coop", "add", "--name", "HTX Dịch vụ Nông nghiệp Xuân", "--district", "Gia Lâm", "--members", members,
            ])
        }
        try cli.run([
            "coop", "add", "--name", "HTX Dịch vụ nông nghiệp Xuân", "--district", "Gia Lâm", "--commune",
            "xã Bát Tràng",
            "--members", "300",
        ])
        try cli.run(["coop", "edit", "1", "--set", #"figures=[{"year":2019,"memberIncome":12.3456789}]"#])
        let original = try records(cli)
        for format in ["csv", "json", "xlsx"] {
            let file = cli.directory.appendingPathComponent("x.\(format)").path
            #expect(try cli.run(["export", file]).code == 0)
            let db = cli.directory.appendingPathComponent("n-\(format).sqlite").path
            try cli.run(["init", "--db", db])
            let imported = try cli.run(["import", file, "--db", db])
            #expect(imported.code == 0 && imported.stderr.contains("thêm 3"), "\(format): \(imported.stderr)")
            #expect(try records(cli, db: db) == original, "\(format)")
            let again = try cli.run(["import", file])
            #expect(again.stderr.contains("không đổi 3"), "\(format): \(again.stderr)")
        }
    }

    @Test("8: a CSV htx exported with a long list imports back; a longer list is refused on the way in")
    func longListsRoundTrip() throws {
        let cli = try CLI()
        try cli.run(["init"])
        func awards(_ count: Int) -> String {
            let award =
                #"{"title":"\#(String(repeating: "B", count: 1000))","level":"giay-khen","issuer":"x","year":2020}"#
            return #"[{"name":"HTX Lớn","district":"Gia Lâm","awards":["#
                + Array(repeating: award, count: count)
                .joined(separator: ",") + "]}]"
        }
        let refused = try cli.run(["import", try write(cli, "huge.json", awards(2_000))])
        #expect(refused.code == 1 && refused.stderr.contains("awards"), "\(refused.stderr)")
        #expect(try cli.run(["import", try write(cli, "big.json", awards(900))]).code == 0)
        let csv = cli.directory.appendingPathComponent("big.csv").path
        #expect(try cli.run(["export", csv]).code == 0)
        let db = cli.directory.appendingPathComponent("n.sqlite").path
        try cli.run(["init", "--db", db])
        let back = try cli.run(["import", csv, "--db", db])
        #expect(back.code == 0, "\(back.stderr)")
        #expect(try records(cli, db: db) == records(cli))
    }

    @Test("16, 24: contact and staff headers are recognised; an e-mail error names the e-mail column")
    func contactHeaders() throws {
        let cli = try CLI()
        try cli.run(["init"])
        let file = try write(
            cli, "c.csv",
            "Tên HTX,Quận/huyện,Người liên hệ,Điện thoại,Số lao động (người),Số xã viên\n"
                + "HTX P1,Gia Lâm,Nguyễn Văn A,0912345678,12,40\n")
        let imported = try cli.run(["import", file])
        #expect(imported.code == 0 && !imported.stderr.contains("không nhận ra"), "\(imported.stderr)")
        let record = try #require(try cli.json(["coop", "show", "1"]) as? [String: Any])
        let contact = try #require((record["contacts"] as? [[String: Any]])?.first)
        #expect(contact["name"] as? String == "Nguyễn Văn A")
        #expect(record["employees"] as? Int == 12 && record["members"] as? Int == 40)
        let email = try write(cli, "e.csv", "Tên HTX,Quận/huyện,Điện thoại,Email\nHTX P2,Gia Lâm,0912345678,abc@\n")
        let refused = try cli.run(["import", email, "--dry-run"])
        #expect(refused.stderr.contains("cột \"Email\" (abc@)"), "\(refused.stderr)")
    }
}
