import Foundation
import HTXTestSupport
import Testing

/// `htx brief --visit FILE`: the documents dated, numbered and signed from the visit file, on the human clock; a
/// visit file with a mistake refused with its field named, and the stored details left as they were.
@Suite("Visit file")
struct VisitFileTests {
    /// A sample catalog with a four-cooperative itinerary "tw" on 28/10/2021, and the first stop's tax code.
    func planned() throws -> (CLI, String) {
        let cli = try CLI()
        try cli.run(["init", "--sample"])
        try cli.run(["shortlist", "build", "doan", "--size", "4"])
        let plan = try cli.run([
            "itinerary", "plan", "tw", "--shortlist", "doan", "--date", "2021-10-28", "--days", "2",
        ])
        #expect(plan.code == 0, "\(plan.stderr)")
        let shown = try #require(try cli.json(["itinerary", "show", "tw"]) as? [String: Any])
        let stops = ((shown["days"] as? [[String: Any]]) ?? []).flatMap { ($0["stops"] as? [[String: Any]]) ?? [] }
        let first = try #require(stops.first?["id"] as? String)
        let coop = try #require(try cli.json(["coop", "show", first]) as? [String: Any])
        return (cli, try #require(coop["taxCode"] as? String))
    }

    func write(_ cli: CLI, _ name: String, _ text: String) throws -> String {
        let path = cli.directory.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("letters dated issuedOn, signed by the signer, naming the contact; the programme on a 5-minute clock")
    func signedDocuments() throws {
        let (cli, taxCode) = try planned()
        let visit = try write(
            cli, "chuyen-di.yaml",
            """
            issuedOn: 2021-10-22
            number: "125"
            signer: {authority: "TM. BAN THƯỜNG VỤ", title: "CHỦ TỊCH", name: "Nguyễn Văn Minh"}
            contact: {name: "Trần Thị Thu Hà", title: "Chuyên viên", phone: "0912345678"}
            vehicle: {description: "xe 29 chỗ", plate: "29B-000.01", driver: {name: "Vũ Văn Long", phone: "0900000902"}}
            hosts: {"\(taxCode)": {name: "Phạm Văn Hùng", title: "Giám đốc", phone: "0900000777"}}
            """)
        let packet = cli.directory.appendingPathComponent("tai-lieu.md").path
        let letters = cli.directory.appendingPathComponent("thu").path
        let brief = try cli.run(["brief", "tw", "--visit", visit, "--out", packet, "--letters", letters])
        #expect(brief.code == 0, "\(brief.stderr)")
        let text = try String(contentsOfFile: packet, encoding: .utf8)
        for part in [
            "Số: 125/CTr-LMHTX", "Hà Nội, ngày 22 tháng 10 năm 2021", "**Nguyễn Văn Minh**", "Trần Thị Thu Hà",
            "0912 345 678", "Vũ Văn Long", "29B-000.01", "Phạm Văn Hùng", "0900 000 777", "Nơi nhận:",
        ] {
            #expect(text.contains(part), "the packet lacks \(part)")
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: letters).filter { $0.hasSuffix(".html") }
        #expect(files.count == 4, "one letter per visit")
        for file in files {
            let letter = try String(contentsOfFile: letters + "/" + file, encoding: .utf8)
            #expect(letter.contains("Hà Nội, ngày 22 tháng 10 năm 2021") && letter.contains("Nguyễn Văn Minh"))
            #expect(letter.contains("đồng chí Trần Thị Thu Hà, Chuyên viên, điện thoại 0912 345 678"))
            #expect(letter.contains("CHƯƠNG TRÌNH LÀM VIỆC CỦA ĐOÀN"), "the day's programme is attached")
        }
        for output in [text] + (try files.map { try String(contentsOfFile: letters + "/" + $0, encoding: .utf8) }) {
            #expect(!output.contains("(Ký") && !output.contains("―") && !output.contains("minh hoạ)"))
        }
        // Every printed time is on the 5-minute grid, and checking the printed order gives the printed times.
        let times = text.matches(of: /\b([0-2][0-9]):([0-5][0-9])\b/).map { Int($0.output.2) ?? 1 }
        #expect(!times.isEmpty && times.allSatisfy { $0 % 5 == 0 })
        let shown = try #require(try cli.json(["itinerary", "show", "tw"]) as? [String: Any])
        let days = try #require(shown["days"] as? [[String: Any]])
        func stops(_ days: [[String: Any]], _ key: String) -> [[String]] {
            days.map { (($0["stops"] as? [[String: Any]]) ?? []).compactMap { $0[key] as? String } }
        }
        #expect(stops(days, "id").joined().count == 4 && (shown["dropped"] as? [Any])?.isEmpty == true)
        let order = stops(days, "id").map { $0.joined(separator: ",") }.joined(separator: ";")
        let check = try cli.run(["itinerary", "check", "tw", "--order", order, "--format", "json"])
        #expect(check.code == 0, "\(order): \(check.stderr)")
        let checked = try #require(try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [String: Any])
        for key in ["arrive", "start", "depart"] {
            #expect(stops(try #require(checked["days"] as? [[String: Any]]), key) == stops(days, key))
        }
    }

    @Test(
        "a misspelt key, a wrong date or phone, or a host the itinerary does not visit is refused by field",
        arguments: [
            ("signr: {name: X}", "signr", "signer"), ("issuedOn: 2021-02-30", "issuedOn", "2021-02-30"),
            ("contact: {phone: \"12ab\"}", "contact.phone", "12ab"),
            ("hosts: {\"0000000000\": {name: X}}", "0000000000", "hosts"),
            ("delegation: {members: [{name: X, rank: 1}]}", "rank", "delegation.members"),
        ])
    func refused(case: (yaml: String, field: String, hint: String)) throws {
        let (cli, _) = try planned()
        let good = try write(cli, "tot.yaml", "signer: {name: \"Nguyễn Văn Minh\"}\n")
        let out = cli.directory.appendingPathComponent("a.md").path
        #expect(try cli.run(["brief", "tw", "--visit", good, "--out", out]).code == 0)
        let bad = try write(cli, "sai.yaml", `case`.yaml + "\n")
        let refused = try cli.run(["brief", "tw", "--visit", bad, "--out", out, "--force"])
        #expect(refused.code == 1)
        #expect(refused.stderr.contains(`case`.field) && refused.stderr.contains(`case`.hint), "\(refused.stderr)")
        // The stored details are those of the good file.
        #expect(try cli.run(["brief", "tw", "--out", out, "--force"]).code == 0)
        #expect(try String(contentsOfFile: out, encoding: .utf8).contains("Nguyễn Văn Minh"))
    }

    @Test("without a visit file the documents leave dotted room to fill by hand, never a form instruction")
    func blanks() throws {
        let (cli, _) = try planned()
        let letters = cli.directory.appendingPathComponent("thu").path
        let out = cli.directory.appendingPathComponent("a.md").path
        #expect(try cli.run(["brief", "tw", "--out", out, "--letters", letters]).code == 0)
        let text = try String(contentsOfFile: out, encoding: .utf8)
        #expect(text.contains("Hà Nội, ngày ………… tháng ………… năm …………") && !text.contains("(Ký"))
        let letter = try #require(
            try FileManager.default.contentsOfDirectory(atPath: letters).first { $0.hasSuffix(".html") })
        let html = try String(contentsOfFile: letters + "/" + letter, encoding: .utf8)
        #expect(html.contains("đồng chí …………, điện thoại …………") && !html.contains("(Ký"))
    }
}
