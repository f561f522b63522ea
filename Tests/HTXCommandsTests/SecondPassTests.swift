import Foundation
import GRDB
import HTXTestSupport
import Testing

/// What a second adversarial pass found after the first fixes, one test per class; each failed before its fix.
@Suite("Data safety: second pass")
struct SecondPassTests {
    func bytes(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

    /// A sample catalog with a shortlist "s" and a two-day itinerary "t".
    func planned() throws -> CLI {
        let cli = try CLI()
        try cli.run(["init", "--sample"])
        try cli.run(["shortlist", "build", "s", "--size", "6"])
        try cli.run(["itinerary", "plan", "t", "--shortlist", "s", "--date", "2021-10-28", "--days", "2"])
        return cli
    }

    @Test("letters never replace the catalog, even when it bears a letter's name and --force is given")
    func lettersOverCatalog() throws {
        let cli = try planned()
        let trial = cli.directory.appendingPathComponent("thu-thu").path
        #expect(
            try cli.run(["brief", "t", "--out", cli.directory.appendingPathComponent("a.md").path, "--letters", trial])
                .code == 0)
        let first = try #require(
            try FileManager.default.contentsOfDirectory(atPath: trial).sorted().first { $0.hasSuffix(".docx") })
        let folder = cli.directory.appendingPathComponent("L")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let disguised = folder.appendingPathComponent(first).path
        try FileManager.default.moveItem(atPath: cli.db, toPath: disguised)
        let before = bytes(disguised)
        let out = cli.directory.appendingPathComponent("x.md").path
        let result = try cli.run(
            ["brief", "t", "--out", out, "--letters", folder.path, "--force"], environment: ["HTX_DB": disguised])
        #expect(result.code == 1 && result.stderr.contains("là danh mục đang dùng"), "\(result.stderr)")
        #expect(bytes(disguised) == before)
        #expect(!FileManager.default.fileExists(atPath: out), "nothing written when the letters are refused")
        // Letters into the current folder ("." cannot be renamed over) arrive file by file.
        try FileManager.default.moveItem(atPath: disguised, toPath: cli.db)
        let here = try cli.run(["brief", "t", "--out", "b.md", "--letters", ".", "--force"])
        #expect(here.code == 0, "\(here.stderr)")
        #expect(FileManager.default.fileExists(atPath: cli.directory.appendingPathComponent(first).path))
    }

    @Test("links, devices and pipes are never replaced; a dangling link blocks export and backup like a file")
    func specialDestinations() throws {
        let cli = try CLI()
        try cli.run(["init", "--sample"])
        let dangling = cli.directory.appendingPathComponent("d.csv").path
        try FileManager.default.createSymbolicLink(atPath: dangling, withDestinationPath: "/khong/co/x.csv")
        let real = cli.directory.appendingPathComponent("that.csv").path
        try Data("của tôi".utf8).write(to: URL(fileURLWithPath: real))
        let link = cli.directory.appendingPathComponent("link.csv").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: real)
        let fifo = cli.directory.appendingPathComponent("pipe.csv").path
        #expect(mkfifo(fifo, 0o600) == 0)
        for target in [dangling, link, fifo] {
            let result = try cli.run(["export", target, "--force"])
            #expect(result.code == 1 && result.stderr.contains("không phải tệp thường"), "\(target): \(result.stderr)")
        }
        #expect(try cli.run(["backup", dangling]).code == 1)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: dangling) == "/khong/co/x.csv")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == real)
        #expect(bytes(real) == Data("của tôi".utf8))
    }

    @Test("imports change nothing silently: near-UTF-8, tone-only name matches, unknown JSON keys, doubled columns")
    func silentImportChanges() throws {
        let cli = try CLI()
        try cli.run(["init"])
        // UTF-8 with one stray Latin-1 byte would have decoded as Windows-1258 into garbage.
        let stray = cli.directory.appendingPathComponent("m.csv")
        try (Data("TEN HTX,DIA CHI\nHTX Sông Hồng,Thôn Một\nHTX ABC,caf".utf8) + Data([0xE9, 0x0A])).write(to: stray)
        let refused = try cli.run(["import", stray.path])
        #expect(
            refused.code == 1 && refused.stderr.contains("dòng 3") && refused.stderr.contains("UTF-8"),
            "\(refused.stderr)")
        // A name that differs only in its marks is another cooperative: never renamed into it.
        try cli.run([
            "coop", "add", "--name", "HTX Nông nghiệp Tân Lập", "--district", "Đan Phượng", "--members", "100",
        ])
        let near = cli.directory.appendingPathComponent("u.csv")
        try Data("Tên HTX,Quận/Huyện,Số thành viên\nHTX Nông nghiệp Tấn Lập,Đan Phượng,150\n".utf8).write(to: near)
        let imported = try cli.run(["import", near.path])
        #expect(imported.code == 0 && imported.stderr.contains("tên chỉ khác dấu"), "\(imported.stderr)")
        let original = try #require(try cli.json(["coop", "show", "1"]) as? [String: Any])
        #expect(original["name"] as? String == "HTX Nông nghiệp Tân Lập" && original["members"] as? Int == 100)
        // Misspelt keys would have been dropped.
        let json = cli.directory.appendingPathComponent("b.json")
        try Data(
            #"[{"name":"HTX J","district":"Đông Anh","memebers":500,"figures":[{"year":2020,"revenu":1200}]}]"#.utf8
        ).write(to: json)
        let keys = try cli.run(["import", json.path])
        #expect(
            keys.code == 1 && keys.stderr.contains("memebers (có phải members?)")
                && keys.stderr.contains("figures[1].revenu"),
            "\(keys.stderr)")
        let set = try cli.run(["coop", "edit", "1", "--set", #"contacts=[{"role":"GĐ","phon":"0912345678"}]"#])
        #expect(set.code == 1 && set.stderr.contains("phon (có phải phone?)"), "\(set.stderr)")
        // Two columns for one field: one would silently win.
        let doubled = cli.directory.appendingPathComponent("dup.csv")
        try Data("Tên HTX,Số thành viên,Quận/Huyện,Số thành viên\nHTX Dup,100,Đông Anh,200\n".utf8).write(to: doubled)
        let dup = try cli.run(["import", doubled.path])
        #expect(dup.code == 1 && dup.stderr.contains("cùng là một trường"), "\(dup.stderr)")
        // What is read differently from what is written is said: a tax code missing its 0, a comma read as thousands.
        let guesses = cli.directory.appendingPathComponent("t.csv")
        try Data("Tên HTX,Mã số thuế,Quận/Huyện,Vốn điều lệ (triệu đồng)\nHTX X,100233488,Ba Vì,\"1,500\"\n".utf8)
            .write(to: guesses)
        let warned = try cli.run(["import", guesses.path, "--dry-run"])
        #expect(
            warned.stderr.contains("bỏ số 0 đầu") && warned.stderr.contains("dấu phẩy ngăn hàng nghìn"),
            "\(warned.stderr)")
    }

    @Test("an exported workbook imports again, and a names-only file has a header")
    func roundTrips() throws {
        let cli = try CLI()
        try cli.run(["init"])
        try cli.run([
            "coop", "add", "--name", "HTX Gạo Cá", "--district", "Đông Anh", "--set", "products=gạo; cá", "--set",
            "note=liên hệ trước",
        ])
        let workbook = cli.directory.appendingPathComponent("o.xlsx").path
        #expect(try cli.run(["export", workbook]).code == 0)
        let again = try cli.run(["import", workbook])
        #expect(again.code == 0, "\(again.stderr)")
        let names = cli.directory.appendingPathComponent("ten.csv")
        try Data("Tên HTX\nHTX Một\nHTX Hai\n".utf8).write(to: names)
        let listed = try cli.run(["import", names.path])
        #expect(listed.code == 0 && listed.stderr.contains("thêm 2"), "\(listed.stderr)")
    }

    @Test("plans open on the first day, warn about weekends and holidays, and replan --dry-run saves nothing")
    func planning() throws {
        let cli = try CLI()
        try cli.run(["init", "--sample"])
        let plan = try #require(
            try cli.json(["itinerary", "plan", "p", "--coops", "4,12,13", "--date", "2021-10-28", "--days", "2"])
                as? [String: Any])
        let days = try #require(plan["days"] as? [[String: Any]])
        #expect((days.first?["stops"] as? [Any])?.isEmpty == false, "day 1 has the visits")
        let sunday = try cli.run([
            "itinerary", "plan", "cn", "--coops", "4", "--date", "2021-10-31", "--format", "json",
        ])
        #expect(sunday.code == 0 && sunday.stderr.contains("Chủ nhật"), "\(sunday.stderr)")
        let national = try cli.run([
            "itinerary", "plan", "qk", "--coops", "4", "--date", "2021-09-02", "--format", "json",
        ])
        #expect(national.stderr.contains("Quốc khánh"), "\(national.stderr)")
        let before = try cli.run(["itinerary", "show", "p", "--format", "json"]).stdout
        let preview = try cli.run(["itinerary", "replan", "p", "--delay", "600", "--dry-run"])
        #expect(preview.code == 0 && preview.stderr.contains("về:"), "\(preview.stderr)")
        #expect(try cli.run(["itinerary", "show", "p", "--format", "json"]).stdout == before)
        let future = try cli.run(["coop", "edit", "12", "--set", #"figures=[{"year":2035,"revenue":100}]"#])
        #expect(future.code == 1 && future.stderr.contains("2035"), "\(future.stderr)")
    }

    @Test("doctor --repair rebuilds a search index out of step with the records; a catalog others can read is warned")
    func doctorRepair() throws {
        let cli = try CLI()
        try cli.run(["init", "--sample"])
        try DatabaseQueue(path: cli.db).write { db in try db.execute(sql: "DELETE FROM cooperative_fts WHERE rowid = 7")
        }
        let damaged = try cli.run(["doctor"])
        #expect(
            damaged.code == 1 && damaged.stderr.contains("htx doctor --repair") && !damaged.stderr.contains("sao lưu"),
            "\(damaged.stderr)")
        let repaired = try cli.run(["doctor", "--repair"])
        #expect(
            repaired.code == 0 && repaired.stderr.contains("Đã dựng lại chỉ mục tìm kiếm cho 50 HTX"),
            "\(repaired.stderr)")
        #expect(try #require(try cli.json(["search", "Uy Nỗ"]) as? [String: Any]).description.contains("Uy Nỗ"))
        chmod(cli.db, 0o644)
        let open = try cli.run(["doctor"])
        #expect(open.code == 0 && open.stderr.contains("chmod 600"), "\(open.stderr)")
        let empty = cli.directory.appendingPathComponent("empty.sqlite").path
        #expect(FileManager.default.createFile(atPath: empty, contents: Data(), attributes: [.posixPermissions: 0o644]))
        #expect(try cli.run(["init", "--db", empty]).code == 0)
        #expect(try FileManager.default.attributesOfItem(atPath: empty)[.posixPermissions] as? Int == 0o600)
    }

    @Test(
        "a reader who may not write the catalog leaves no -wal or -shm behind to lock its owner out",
        .enabled(if: CLI.unprivileged != nil, "running as root without setpriv: cannot act as another user"))
    func readerLeavesNoCompanions() throws {
        let asOther = try #require(CLI.unprivileged)
        let cli = try CLI()
        try cli.run(["init", "--sample"])
        chmod(cli.db, 0o644)
        chmod(cli.directory.path, 0o777)
        let list = try cli.shell("\(asOther)\"$HTX\" coop list --format csv")
        #expect(list.code == 0, "\(list.stderr)")
        for suffix in ["-wal", "-shm"] {
            #expect(!FileManager.default.fileExists(atPath: cli.db + suffix), "\(suffix) left behind")
        }
        #expect(try cli.run(["coop", "edit", "1", "--set", "note=chủ tệp vẫn ghi được"]).code == 0)
    }

    @Test("typed text is checked: control characters, empty names, revisions, times, instance dates and minutes")
    func validation() throws {
        let cli = try planned()
        for args in [
            ["shortlist", "build", "x\u{1B}[2J"], ["shortlist", "build", "  "],
            ["coop", "edit", "1", "--set", "note=x", "--by", "LM\u{1B}]0;hi\u{07}"],
            ["shortlist", "set", "s", "4", "--status", "approved", "--note", "ok\u{1B}[31m"],
        ] {
            let result = try cli.run(args)
            #expect(result.code == 1 && !result.stderr.contains("\u{1B}"), "\(args): \(result.stderr)")
        }
        #expect(
            try cli.run(["brief", "t", "--out", cli.directory.appendingPathComponent("r.md").path, "--revision", "-1"])
                .code == 2)
        #expect(
            try cli.run(["itinerary", "plan", "h", "--coops", "4", "--date", "2021-10-28", "--depart", "7:3"]).code == 1
        )
        let leap = try cli.run(["itinerary", "plan", "h", "--coops", "4", "--date", "2021-02-29"])
        #expect(leap.code == 2 && leap.stderr.contains("không có ngày này"), "\(leap.stderr)")
        let instance = cli.directory.appendingPathComponent("i.json")
        for (label, json) in [
            (
                "date",
                #"{"days":1,"dates":["2021-02-30"],"start":{"id":"o","lat":21,"lon":105.8},"#
                    + #""sites":[{"id":"a","lat":21.1,"lon":105.8}]}"#
            ),
            (
                "count",
                #"{"days":3,"dates":["2021-10-28"],"start":{"id":"o","lat":21,"lon":105.8},"#
                    + #""sites":[{"id":"a","lat":21.1,"lon":105.8}]}"#
            ),
            ("minutes", #"{"days":1,"start":{"id":"o"},"sites":[{"id":"a"}],"travelMinutes":[[0,12.5],[12.5,0]]}"#),
        ] {
            try Data(json.utf8).write(to: instance)
            #expect(try cli.run(["itinerary", "solve", instance.path]).code == 1, "\(label)")
        }
        let full = try cli.shell("\"$HTX\" --help > /dev/full")
        #expect(full.code == 1 && full.stderr.contains("đĩa đã đầy"), "\(full.stderr)")
        // A check by tax code, as every other command takes them.
        let plan = try #require(try cli.json(["itinerary", "show", "t"]) as? [String: Any])
        let first = try #require(
            ((plan["days"] as? [[String: Any]])?.first?["stops"] as? [[String: Any]])?.first?["id"] as? String)
        let record = try #require(try cli.json(["coop", "show", first]) as? [String: Any])
        let code = try #require(record["taxCode"] as? String)
        let check = try cli.run(["itinerary", "check", "t", "--order", code])
        #expect(!check.stderr.contains("\(code) không có trong lịch trình"), "\(check.stderr)")
    }
}
