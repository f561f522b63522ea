import ArgumentParser
import Foundation
import HTXCore
import HTXTestSupport
import Testing

@testable import HTXCommands

@Suite("Command line")
struct CommandLineTests {
    @Test("every command has --help with an example")
    func helpHasExamples() {
        func leaves(_ command: any ParsableCommand.Type, _ path: [String]) -> [(String, any ParsableCommand.Type)] {
            let config = command.configuration
            let name = path + [config.commandName ?? "htx"]
            return [(name.joined(separator: " "), command)] + config.subcommands.flatMap { leaves($0, name) }
        }
        let all = leaves(HTX.self, [])
        #expect(all.count >= 13)
        for (name, command) in all {
            let help = HTX.helpMessage(for: command)
            #expect(help.contains("Ví dụ / Examples:"), "\(name) --help has no example")
            #expect(help.contains("  htx "), "\(name) --help shows no htx command line")
        }
    }

    @Test("--version answers")
    func version() throws {
        let result = try CLI().run(["--version"])
        #expect(result.code == 0)
        #expect(result.stdout == HTX.version + "\n")
    }

    @Test("init creates a private catalog; sample search finds every Đông Anh cooperative")
    func sampleSearch() throws {
        let cli = try CLI()
        let initResult = try cli.run(["init", "--sample"])
        #expect(initResult.code == 0, "\(initResult.stderr)")
        let mode = try FileManager.default.attributesOfItem(atPath: cli.db)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let dongAnh = try #require(try cli.json(["coop", "list", "--district", "Đông Anh"]) as? [[String: Any]])
        #expect(dongAnh.count >= 3)
        let search = try #require(try cli.json(["search", "dong anh", "--limit", "100"]) as? [String: Any])
        #expect(search["query"] as? String == "dong anh")
        let results = try #require(search["results"] as? [[String: Any]])
        #expect(Set(dongAnh.compactMap { $0["id"] as? Int }).isSubset(of: Set(results.compactMap { $0["id"] as? Int })))
        for hit in results { #expect(Set(hit.keys) == ["id", "name", "taxCode", "district", "sector", "score"]) }
    }

    @Test("coop list comes in Vietnamese order with the contract's keys")
    func listOrder() throws {
        let cli = try CLI()
        try cli.run(["init", "--sample"])
        let list = try #require(try cli.json(["coop", "list"]) as? [[String: Any]])
        #expect(list.count >= 40)
        let names = list.compactMap { $0["name"] as? String }
        #expect(names == names.sortedVietnamese { $0 })
        #expect(names != names.sorted(), "code-point order would differ on this sample")
        for row in list {
            #expect(
                Set(row.keys).subtracting(["unit2025"]) == ["id", "name", "taxCode", "district", "sector", "grade"])
        }
        #expect(list.filter { $0["unit2025"] is String }.count >= 40, "the unit in force where it is known")
        let districts = Set(list.compactMap { $0["district"] as? String })
        #expect(districts.count >= 20)
    }

    @Test("exact output: add, list as CSV, show as JSON keys, history")
    func exactOutput() throws {
        let cli = try CLI()
        try cli.run(["init"])
        let added = try cli.run([
            "coop", "add", "--name", "HTX Đông Cao", "--district", "me linh", "--sector", "nong-nghiep", "--tax-code",
            "0100233488",
        ])
        #expect(added.code == 0)
        #expect(added.stdout == "1\n")
        #expect(added.stderr == "Đã thêm #1 HTX Đông Cao\n")
        try cli.run(["coop", "add", "--name", "=HYPERLINK(\"x\")", "--district", "Ba Vì", "--sector", "du lịch"])
        try cli.run(["coop", "add", "--name", "HTX Dương Nội", "--district", "Hà Đông", "--sector", "cong-nghiep"])
        let csv = try cli.run(["coop", "list", "--format", "csv"])
        #expect(
            csv.stdout == """
                ID,Tên,Mã số thuế,Quận/huyện,Lĩnh vực,Xếp loại
                2,"'=HYPERLINK(""x"")",,Ba Vì,Du lịch,
                3,HTX Dương Nội,,Hà Đông,Công nghiệp - Tiểu thủ công nghiệp,
                1,HTX Đông Cao,0100233488,Mê Linh,Nông nghiệp,

                """)
        let show = try #require(try cli.json(["coop", "show", "0100233488"]) as? [String: Any])
        for key in [
            "id", "name", "taxCode", "legalForm", "sectors", "address", "commune", "district", "location", "founded",
            "members",
            "employees", "charterCapital", "figures", "grades", "certifications", "awards", "contacts", "achievements",
        ] {
            #expect(show.keys.contains(key), "coop show lacks \(key)")
        }
        let edit = try cli.run(["coop", "edit", "1", "--set", "members=1.250", "--by", "Liên minh HTX TP"])
        #expect(edit.code == 0)
        #expect(edit.stderr == "#1 members: ∅ → 1250\n")
        let history = try #require(try cli.json(["coop", "history", "1"]) as? [[String: Any]])
        #expect(history.count == 2)
        #expect(Set(history[1].keys) == ["at", "by", "action", "field", "old", "new", "source", "org"])
        #expect(history[1]["by"] as? String == "Liên minh HTX TP")
        #expect(history[0]["by"] as? String == "Kiểm thử")
        #expect(history[1]["new"] as? String == "1250")
    }

    @Test("user errors exit 1 with one line naming what to do; bad usage exits 2")
    func errors() throws {
        let cli = try CLI()
        let missing = try cli.run(["coop", "list"])
        #expect(missing.code == 1)
        #expect(missing.stderr.hasPrefix("Lỗi: chưa có danh mục ở \(cli.db); chạy `htx init`"))
        #expect(missing.stderr.split(separator: "\n").count == 1)
        try cli.run(["init"])
        let english = try cli.run(["coop", "show", "42", "--lang", "en"])
        #expect(english.code == 1)
        #expect(
            english.stderr
                == "Error: no cooperative \"42\" (use the internal id or the tax code; `htx search` finds them)\n")
        let envEnglish = try cli.run(["coop", "show", "42"], environment: ["LANG": "en_US.UTF-8"])
        #expect(envEnglish.stderr.hasPrefix("Error: "))
        let badTax = try cli.run(["coop", "add", "--name", "HTX X", "--tax-code", "12ab"])
        #expect(badTax.code == 1)
        #expect(badTax.stderr.contains("taxCode"))
        #expect(try cli.run(["coop", "list", "--format", "xml"]).code == 2)
        #expect(try cli.run(["coop", "frobnicate"]).code == 2)
        #expect(try cli.run(["search"]).code == 2)
        #expect(try cli.run(["coop", "edit", "1"]).code == 2)
        let unknownDistrict = try cli.run(["coop", "list", "--district", "Quận 1"])
        #expect(unknownDistrict.code == 1)
        #expect(unknownDistrict.stderr.contains("Quận 1"))
    }

    @Test(
        "hostile search queries succeed",
        arguments: ["\"", "(dong", "dong AND", "*", "-", "NEAR(", "'; DROP TABLE cooperative; --"])
    func hostileQueries(query: String) throws {
        let cli = try CLI()
        try cli.run(["init", "--sample"])
        let result = try cli.run(["search", query, "--format", "json"])
        #expect(result.code == 0, "\(result.stderr)")
        #expect(try cli.json(["coop", "list"]) is [Any])
    }

    @Test("remove keeps the trace; backup and doctor work")
    func removeBackupDoctor() throws {
        let cli = try CLI()
        try cli.run(["init", "--sample"])
        #expect(try cli.run(["coop", "remove", "1"]).code == 0)
        #expect(try cli.run(["coop", "show", "1"]).code == 1)
        let history = try #require(try cli.json(["coop", "history", "1"]) as? [[String: Any]])
        #expect(history.last?["action"] as? String == "delete")
        #expect((history.last?["old"] as? String)?.contains("\"illustrative\":true") == true)
        let backup = cli.directory.appendingPathComponent("copy.sqlite").path
        #expect(try cli.run(["backup", backup]).code == 0)
        #expect(try FileManager.default.attributesOfItem(atPath: backup)[.posixPermissions] as? Int == 0o600)
        #expect(try cli.run(["backup", backup]).code == 1)
        let doctor = try #require(try cli.json(["doctor", "--db", backup]) as? [String: Any])
        #expect(doctor["integrity"] as? String == "ok")
        #expect((doctor["counts"] as? [String: Int])?["cooperative"] == 49)
    }

    @Test("check reports what is missing in the sample")
    func check() throws {
        let cli = try CLI()
        try cli.run(["init", "--sample"])
        let report = try #require(try cli.json(["check"]) as? [String: Any])
        let kinds = try #require(report["byKind"] as? [String: Int])
        #expect(kinds["missingLocation"] == 1 && kinds["missingContact"] == 1 && kinds["missingFigures"] == 1)
        #expect(report["referenceYear"] as? Int == 2020)
    }

    @Test("demo writes its files, all private")
    func demo() throws {
        let cli = try CLI()
        let out = cli.directory.appendingPathComponent("demo").path
        let result = try cli.run(["demo", "--out", out])
        #expect(result.code == 0, "\(result.stderr)")
        for file in [
            "htx.sqlite", "danh-sach.csv", "danh-sach.json", "tim-kiem-dong-anh.json", "kiem-tra.txt", "ho-so-mau.txt",
            "danh-sach-diem-hinh.txt", "danh-sach-diem-hinh.json", "lich-trinh.txt", "lich-trinh.json",
            "tai-lieu-doan.html", "tai-lieu-doan.md", "tai-lieu-doan.docx", "tai-lieu-doan.pdf",
        ] {
            let path = out + "/" + file
            #expect(FileManager.default.fileExists(atPath: path), "\(file)")
            #expect(
                try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int == 0o600, "\(file)")
        }
    }
}
