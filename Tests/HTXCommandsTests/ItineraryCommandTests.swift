import Foundation
import HTXTestSupport
import Testing

@testable import HTXCommands

@Suite("Itinerary command")
struct ItineraryCommandTests {
    @Test("plan from an approved shortlist, show, check a hand-made order, replan after a delay")
    func workflow() throws {
        let cli = try CLI()
        try cli.run(["init", "--sample"])
        try cli.run(["shortlist", "build", "doan", "--size", "6", "--max-per-district", "1"])
        let shortlist = try #require(try cli.json(["shortlist", "show", "doan"]) as? [String: Any])
        let ids = try #require((shortlist["entries"] as? [[String: Any]])?.compactMap { $0["id"] as? Int })
        for id in ids.prefix(4) { try cli.run(["shortlist", "set", "doan", String(id), "--status", "approved"]) }
        let plan = try cli.run([
            "itinerary", "plan", "tw", "--shortlist", "doan", "--date", "2021-10-28", "--days", "2", "--format", "json",
        ])
        #expect(plan.code == 0, "\(plan.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(plan.stdout.utf8)) as? [String: Any])
        let days = try #require(report["days"] as? [[String: Any]])
        #expect(
            days.count == 2 && days[0]["date"] as? String == "2021-10-28" && days[1]["date"] as? String == "2021-10-29")
        for key in ["days", "dropped", "totalTravelMinutes"] { #expect(report[key] != nil, "report lacks \(key)") }
        let stops = days.flatMap { ($0["stops"] as? [[String: Any]]) ?? [] }
        for stop in stops {
            for key in ["id", "name", "arrive", "start", "depart", "travelMinutes", "distanceKm"] {
                #expect(stop[key] != nil)
            }
        }
        let dropped = (report["dropped"] as? [[String: Any]]) ?? []
        #expect(stops.count + dropped.count == 4, "only the approved four are planned")
        #expect(Set(stops.compactMap { $0["id"] as? String }).isSubset(of: Set(ids.prefix(4).map(String.init))))
        let table = try cli.run(["itinerary", "show", "tw", "--format", "table"])
        #expect(
            table.stdout.contains("Thứ Năm, ngày 28/10/2021") && table.stdout.contains("Nghỉ trưa")
                && table.stdout.contains("Làm việc với"))
        let first = try #require(stops.first?["id"] as? String)
        let planned = days.map {
            (($0["stops"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String }.joined(separator: ",")
        }
        let good = try cli.run([
            "itinerary", "check", "tw", "--order", planned.joined(separator: ";"), "--format", "json",
        ])
        #expect(good.code == 0, "\(good.stderr)")
        // One day's order alone leaves the other day's must-visit sites out: a violation that names them.
        if days.count == 2, !planned[1].isEmpty {
            let partial = try cli.run(["itinerary", "check", "tw", "--order", planned[0]])
            #expect(partial.code == 1 && partial.stderr.contains("phải thăm"), "\(partial.stderr)")
        }
        let impossible = try cli.run([
            "itinerary", "check", "tw", "--order",
            (stops.compactMap { $0["id"] as? String } + dropped.compactMap { $0["id"] as? String }).joined(
                separator: ","),
        ])
        #expect(impossible.code == 1 && impossible.stderr.hasPrefix("Lỗi: ngày 1:"))
        let replan = try cli.run(["itinerary", "replan", "tw", "--delay", "30", "--after", first, "--format", "json"])
        #expect(replan.code == 0, "\(replan.stderr)")
        #expect(replan.stderr.contains("về:"))
        #expect(
            try cli.run(["itinerary", "plan", "tw", "--coops", first, "--date", "2021-10-28"]).code == 1,
            "re-planning needs --replace")
        #expect(
            try cli.run(["itinerary", "plan", "x", "--date", "2021-10-28"]).code == 2, "needs --shortlist or --coops")
    }

    @Test("solve reads a shared instance and answers with the contract's JSON")
    func solve() throws {
        let cli = try CLI()
        let instance = CLI.packageRoot.appendingPathComponent("Tests/HTXItineraryTests/Instances/n08_d2.json").path
        let result = try cli.run(["itinerary", "solve", instance, "--format", "json"])
        #expect(result.code == 0, "\(result.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(
            report["totalTravelMinutes"] as? Int == 316 && report["sitesVisited"] as? Int == 8
                && report["optimal"] as? Bool == true)
        let bad = try cli.run(["itinerary", "solve", CLI.packageRoot.appendingPathComponent("Package.swift").path])
        #expect(bad.code == 1 && bad.stderr.hasPrefix("Lỗi: Package.swift"))
    }
}

@Suite("Brief command")
struct BriefCommandTests {
    @Test("letters for cooperatives with hostile names stay in their folder, one file per format each")
    func hostileLetterNames() throws {
        let cli = try CLI()
        try cli.run(["init", "--sample"])
        for (id, name) in [("1", "../../ra-ngoai"), ("2", "HTX A/B\tC"), ("3", ".an")] {
            let edit = try cli.run(["coop", "edit", id, "--set", "name=\(name)"])
            #expect(edit.code == 0, "\(edit.stderr)")
        }
        #expect(try cli.run(["itinerary", "plan", "x", "--coops", "1,2,3", "--date", "2026-12-01"]).code == 0)
        let folder = cli.directory.appendingPathComponent("a/b")
        #expect(
            try cli.run([
                "brief", "x", "--out", cli.directory.appendingPathComponent("x.md").path, "--letters", folder.path,
            ]).code == 0)
        let inside = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(inside.count >= 6 && inside.allSatisfy { !$0.hasPrefix(".") && !$0.contains("/") })
        #expect(inside.contains { $0.hasSuffix("ra-ngoai.docx") } && inside.contains { $0.hasSuffix("htx-a-b-c.html") })
        // Nothing was written next to the folder or above it.
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: cli.directory.appendingPathComponent("a").path) == ["b"]
        )
        #expect(
            !FileManager.default.fileExists(
                atPath: cli.directory.deletingLastPathComponent().appendingPathComponent("ra-ngoai.docx").path))
        for file in inside {
            let mode =
                try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(file).path)[
                    .posixPermissions] as? Int
            #expect(mode == 0o600, "\(file) is private")
        }
    }

    @Test(
        "brief writes HTML and Markdown, private files, public copies without contacts; DOCX, PDF and letters"
    )
    func brief() throws {
        let cli = try CLI()
        try cli.run(["init", "--sample"])
        try cli.run(["shortlist", "build", "doan", "--size", "4", "--max-per-district", "1"])
        #expect(try cli.run(["itinerary", "plan", "tw", "--shortlist", "doan", "--date", "2021-10-28"]).code == 0)
        let html = cli.directory.appendingPathComponent("p.html").path
        let md = cli.directory.appendingPathComponent("p.md").path
        #expect(try cli.run(["brief", "tw", "--out", html]).code == 0)
        #expect(try cli.run(["brief", "tw", "--out", md, "--public"]).code == 0)
        #expect(try FileManager.default.attributesOfItem(atPath: html)[.posixPermissions] as? Int == 0o600)
        let page = try String(contentsOfFile: html, encoding: .utf8)
        #expect(page.contains("CHƯƠNG TRÌNH LÀM VIỆC") || page.contains("Chương trình làm việc"))
        #expect(page.contains("0900 000"), "the full packet carries the hosts' phones")
        let text = try String(contentsOfFile: md, encoding: .utf8)
        #expect(!text.contains("0900 000") && !text.contains("@example.org") && text.contains("Bản công khai"))
        let docx = cli.directory.appendingPathComponent("p.docx").path
        let lettersDir = cli.directory.appendingPathComponent("thu").path
        #expect(try cli.run(["brief", "tw", "--out", docx, "--letters", lettersDir]).code == 0)
        let letters = try FileManager.default.contentsOfDirectory(atPath: lettersDir)
        #expect(
            letters.filter { $0.hasSuffix(".docx") }.count == letters.filter { $0.hasSuffix(".html") }.count
                && !letters.isEmpty)
        #expect(try Data(contentsOf: URL(fileURLWithPath: docx)).starts(with: [0x50, 0x4B, 0x03, 0x04]))
        let pdf = cli.directory.appendingPathComponent("p.pdf").path
        #expect(try cli.run(["brief", "tw", "--out", pdf]).code == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: pdf)).starts(with: Array("%PDF-1.7".utf8)))
        #expect(letters.filter { $0.hasSuffix(".pdf") }.count == letters.filter { $0.hasSuffix(".docx") }.count)
        #expect(try cli.run(["brief", "tw", "--out", cli.directory.appendingPathComponent("p.odt").path]).code == 1)
        let dejavu = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
        if FileManager.default.fileExists(atPath: dejavu) {
            let other = cli.directory.appendingPathComponent("d.pdf").path
            #expect(try cli.run(["brief", "tw", "--out", other, "--font", dejavu]).code == 0)
            let bytes = try Data(contentsOf: URL(fileURLWithPath: other))
            #expect(bytes.range(of: Data("DejaVuSerif".utf8)) != nil)
        }
        let missing = try cli.run([
            "brief", "tw", "--out", cli.directory.appendingPathComponent("x.pdf").path, "--font", "/khong/co.ttf",
        ])
        #expect(missing.code == 1 && missing.stderr.contains("/khong/co.ttf"))
    }
}
