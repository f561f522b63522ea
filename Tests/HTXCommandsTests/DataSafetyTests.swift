import Foundation
import GRDB
import HTXTestSupport
import Testing

/// The defects of issue 12, one test per class: nothing a user made is lost or silently changed, nothing traps,
/// and every refusal says why in one line.
@Suite("Data safety")
struct DataSafetyTests {
    /// The bytes of a file, or nil.
    func bytes(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

    /// The number of cooperatives in the CLI's catalog.
    func count(_ cli: CLI) throws -> Int {
        try #require(try cli.json(["coop", "list"]) as? [[String: Any]]).count
    }

    @Test("demo never replaces a catalog or a file it did not make, and replaces its own unchanged output")
    func demoKeepsUserFiles() throws {
        let cli = try CLI()
        try cli.run(["init", "--sample"])
        try cli.run(["coop", "add", "--name", "HTX Của Người Dùng", "--district", "Gia Lâm", "--sector", "nong-nghiep"])
        let before = bytes(cli.db)
        // `./htx.sqlite` is the default catalog: the demo refuses to write over it, and writes nothing.
        let refused = try cli.run(["demo", "--out", "."])
        #expect(refused.code == 1)
        #expect(refused.stderr.hasPrefix("Lỗi: . đã có htx.sqlite không do htx demo tạo"), "\(refused.stderr)")
        #expect(bytes(cli.db) == before)
        #expect(try count(cli) == 51)
        #expect(!FileManager.default.fileExists(atPath: cli.directory.appendingPathComponent("danh-sach.csv").path))
        // A folder of its own: made, made again over its own files, a stranger's file beside them kept.
        let out = cli.directory.appendingPathComponent("demo").path
        #expect(try cli.run(["demo", "--out", out]).code == 0)
        let mine = (out as NSString).appendingPathComponent("ghi-chu-cua-toi.txt")
        try Data("của tôi".utf8).write(to: URL(fileURLWithPath: mine))
        let again = try cli.run(["demo", "--out", out])
        #expect(again.code == 0, "\(again.stderr)")
        #expect(bytes(mine) == Data("của tôi".utf8))
        // Once a user changes a file the demo made, it is theirs: the demo stops and names it.
        let listing = (out as NSString).appendingPathComponent("danh-sach.csv")
        try Data("đã sửa".utf8).write(to: URL(fileURLWithPath: listing))
        let edited = try cli.run(["demo", "--out", out])
        #expect(edited.code == 1 && edited.stderr.contains("danh-sach.csv"), "\(edited.stderr)")
        #expect(bytes(listing) == Data("đã sửa".utf8))
        // The same for the catalog the demo made, once a record is added to it.
        try Data().write(to: URL(fileURLWithPath: listing))
        let demoCatalog = (out as NSString).appendingPathComponent("htx.sqlite")
        try cli.run([
            "coop", "add", "--name", "HTX Mới Thêm", "--district", "Ba Vì", "--sector", "du-lich", "--db", demoCatalog,
        ])
        let changed = try cli.run(["demo", "--out", out])
        #expect(changed.code == 1 && changed.stderr.contains("htx.sqlite"), "\(changed.stderr)")
        #expect(try #require(try cli.json(["coop", "list", "--db", demoCatalog]) as? [[String: Any]]).count == 51)
    }

    @Test("export, brief and letters never write over the catalog, and need --force over an existing file")
    func destinations() throws {
        let cli = try CLI()
        try cli.run(["init", "--sample"])
        try cli.run(["shortlist", "build", "s", "--size", "4"])
        try cli.run(["itinerary", "plan", "t", "--shortlist", "s", "--date", "2021-10-28"])
        let catalog = bytes(cli.db)
        let link = cli.directory.appendingPathComponent("lien-ket.json").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: cli.db)
        let hard = cli.directory.appendingPathComponent("cung-tep.csv").path
        try FileManager.default.linkItem(atPath: cli.db, toPath: hard)
        for target in [cli.db, cli.db + "-wal", cli.db + "-shm", "./htx.sqlite", link, hard] {
            for command in [["export", target, "--force"], ["brief", "t", "--out", target, "--force"]] {
                let result = try cli.run(command)
                #expect(
                    result.code == 1 && result.stderr.contains("là danh mục đang dùng"), "\(command): \(result.stderr)")
            }
        }
        // `HTX_DB=self.json htx export self.json`, as the issue found it.
        let selfJSON = cli.directory.appendingPathComponent("self.json").path
        try cli.run(["init"], environment: ["HTX_DB": selfJSON])
        let selfBytes = bytes(selfJSON)
        #expect(try cli.run(["export", "self.json"], environment: ["HTX_DB": "self.json"]).code == 1)
        #expect(bytes(selfJSON) == selfBytes)
        #expect(bytes(cli.db) == catalog)
        // Another existing file: refused without --force, replaced with it.
        let existing = cli.directory.appendingPathComponent("danh-muc.csv").path
        try Data("cũ".utf8).write(to: URL(fileURLWithPath: existing))
        let refused = try cli.run(["export", existing])
        #expect(
            refused.code == 1
                && refused.stderr == "Lỗi: \(existing) đã có; thêm --force để ghi đè, hoặc chọn tên khác\n")
        #expect(bytes(existing) == Data("cũ".utf8))
        #expect(try cli.run(["export", existing, "--force"]).code == 0)
        #expect(bytes(existing) != Data("cũ".utf8))
        let packet = cli.directory.appendingPathComponent("p.md").path
        #expect(try cli.run(["brief", "t", "--out", packet]).code == 0)
        #expect(try cli.run(["brief", "t", "--out", packet]).code == 1)
        #expect(try cli.run(["brief", "t", "--out", packet, "--force"]).code == 0)
        // A letters folder with files in it: refused without --force; with it, the letters join and the rest stays.
        let letters = cli.directory.appendingPathComponent("thu").path
        try FileManager.default.createDirectory(atPath: letters, withIntermediateDirectories: true)
        let other = (letters as NSString).appendingPathComponent("khac.txt")
        try Data("khác".utf8).write(to: URL(fileURLWithPath: other))
        let busyFolder = try cli.run(["brief", "t", "--out", packet, "--force", "--letters", letters])
        #expect(busyFolder.code == 0, "--force covers the folder too: \(busyFolder.stderr)")
        #expect(bytes(other) == Data("khác".utf8))
        let fresh = cli.directory.appendingPathComponent("thu-2").path
        try FileManager.default.createDirectory(atPath: fresh, withIntermediateDirectories: true)
        try Data("x".utf8).write(to: URL(fileURLWithPath: (fresh as NSString).appendingPathComponent("x.txt")))
        let packet2 = cli.directory.appendingPathComponent("p2.md").path
        let notEmpty = try cli.run(["brief", "t", "--out", packet2, "--letters", fresh])
        #expect(notEmpty.code == 1 && notEmpty.stderr.contains("--force"), "\(notEmpty.stderr)")
        #expect(!FileManager.default.fileExists(atPath: packet2), "nothing written when a destination is refused")
        #expect(bytes(cli.db) == catalog)
    }

    @Test("read-only commands refuse another application's SQLite file and any non-catalog file untouched")
    func foreignCatalogs() throws {
        let cli = try CLI()
        let other = cli.directory.appendingPathComponent("other.sqlite").path
        try DatabaseQueue(path: other).write { db in
            try db.execute(sql: "CREATE TABLE meta(k, v); CREATE TABLE t(x); INSERT INTO t VALUES (1)")
        }
        let json = cli.directory.appendingPathComponent("data.json").path
        try Data("[]".utf8).write(to: URL(fileURLWithPath: json))
        for path in [other, json] {
            let before = bytes(path)
            let files = try FileManager.default.contentsOfDirectory(atPath: cli.directory.path).sorted()
            for command in [
                ["coop", "list"], ["search", "x"], ["doctor"], ["coop", "add", "--name", "X", "--sector", "du-lich"],
                ["init"],
            ] {
                let result = try cli.run(command, environment: ["HTX_DB": path])
                #expect(
                    result.code == 1 && result.stderr.contains("không phải danh mục htx; tệp được giữ nguyên"),
                    "\(command): \(result.stderr)")
            }
            #expect(bytes(path) == before)
            #expect(try FileManager.default.contentsOfDirectory(atPath: cli.directory.path).sorted() == files)
        }
    }

    @Test("a catalog of a newer schema is read but never written, and the refusal names the htx that made it")
    func newerSchema() throws {
        let cli = try CLI()
        try cli.run(["init", "--sample"])
        try DatabaseQueue(path: cli.db).write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations(identifier) VALUES ('v5-web-accounts')")
            try db.execute(sql: "UPDATE meta SET value = 'htx 0.3.0' WHERE key = 'schema_written_by'")
        }
        let before = bytes(cli.db)
        let edit = try cli.run(["coop", "edit", "1", "--set", "note=x"])
        #expect(
            edit.code == 1 && edit.stderr.contains("htx 0.3.0") && edit.stderr.contains("v5-web-accounts"),
            "\(edit.stderr)")
        #expect(try count(cli) == 50, "reading still works")
        #expect(bytes(cli.db) == before)
    }

    @Test(
        "values past any real cooperative are refused where they enter; stored ones never trap a listing or a document")
    func boundedNumbers() throws {
        let cli = try CLI()
        try cli.run(["init", "--sample"])
        let refusals: [(String, String)] = [
            ("charterCapital=99999999999999999999", "quá lớn"), ("charterCapital=-1", "không được âm"),
            ("figures=[{\"year\":2020,\"revenue\":1e19}]", "quá lớn"),
            (
                "grades=[{\"year\":2020,\"scheme\":\"TT01/2020\",\"score\":1e308,\"grade\":\"\"}]",
                "điểm phải từ 0 đến 100"
            ),
            ("members=20000000", "quá lớn"), ("founded=2099", "ở tương lai"),
            ("name=\u{200B}\u{200B}", "thiếu tên"), ("name=HTX \u{202E}cba", "U+202E"),
            ("contacts=[{\"name\":\"x\"}]", "thiếu trường \"role\""),
        ]
        let before = try cli.json(["coop", "show", "1"]) as? [String: Any]
        for (assignment, words) in refusals {
            let result = try cli.run(["coop", "edit", "1", "--set", assignment])
            #expect(result.code == 1 && result.stderr.contains(words), "\(assignment): \(result.stderr)")
        }
        #expect(
            NSDictionary(dictionary: try #require(try cli.json(["coop", "show", "1"]) as? [String: Any]))
                == NSDictionary(dictionary: try #require(before)))
        // Values an older htx let in, written straight into the catalog: every view and document still renders.
        try cli.run(["shortlist", "build", "s", "--size", "4"])
        try cli.run(["itinerary", "plan", "t", "--shortlist", "s", "--date", "2021-10-28"])
        try DatabaseQueue(path: cli.db).write { db in
            for row in try Row.fetchAll(db, sql: "SELECT id, record FROM cooperative") {
                var record = try #require(
                    try JSONSerialization.jsonObject(with: Data((row["record"] as String).utf8)) as? [String: Any])
                record["charterCapital"] = 99_999_999_999_999_999_999.0
                record["figures"] = [["year": 2020, "revenue": 1e19, "profit": -1e300, "memberIncome": 1e308]]
                record["grades"] = [["year": 2020, "scheme": "TT01/2020", "score": 1e308, "grade": "Tốt"]]
                let text = String(decoding: try JSONSerialization.data(withJSONObject: record), as: UTF8.self)
                try db.execute(
                    sql: "UPDATE cooperative SET record = ? WHERE id = ?", arguments: [text, row["id"] as Int64])
            }
        }
        #expect(try cli.run(["coop", "show", "1", "--format", "table"]).code == 0)
        #expect(try cli.run(["coop", "show", "1", "--format", "csv"]).code == 0)
        for format in ["pdf", "docx", "html", "md"] {
            let result = try cli.run(["brief", "t", "--out", cli.directory.appendingPathComponent("p.\(format)").path])
            #expect(result.code == 0, "\(format): \(result.stderr)")
        }
        #expect(try cli.run(["shortlist", "build", "s2", "--size", "4"]).code == 0)
    }

    @Test(
        "an import reads Excel's scientific notation exactly and refuses other unreadable numbers by row and column"
    )
    func importNumbers() throws {
        let cli = try CLI()
        try cli.run(["init"])
        let file = cli.directory.appendingPathComponent("so-lieu.csv")
        try Data(
            """
            Tên HTX,Quận/huyện,Doanh thu 2020 (đồng),Vốn điều lệ (triệu đồng)
            HTX A,Gia Lâm,2E+10,"1,5 tỷ"
            HTX B,Gia Lâm,1.5E+11,800

            """.utf8
        ).write(to: file)
        #expect(try cli.run(["import", file.path]).code == 0)
        let list = try #require(try cli.json(["coop", "list"]) as? [[String: Any]])
        func record(_ name: String) throws -> [String: Any] {
            let id = try #require(list.first { $0["name"] as? String == name }?["id"] as? Int)
            return try #require(try cli.json(["coop", "show", "\(id)"]) as? [String: Any])
        }
        let a = try record("HTX A")
        #expect((a["figures"] as? [[String: Any]])?.first?["revenue"] as? Double == 20_000)
        #expect(a["charterCapital"] as? Double == 1_500)
        let b = try record("HTX B")
        #expect((b["figures"] as? [[String: Any]])?.first?["revenue"] as? Double == 150_000)
        let bad = cli.directory.appendingPathComponent("so-lieu-sai.csv")
        try Data(
            """
            Tên HTX,Quận/huyện,Doanh thu 2020 (đồng),Vốn điều lệ (triệu đồng)
            HTX C,Gia Lâm,1e300,1e3
            HTX D,Gia Lâm,99999999999999999999,abc2e3
            HTX E,Gia Lâm,1E+300,12

            """.utf8
        ).write(to: bad)
        let before = bytes(cli.db)
        let result = try cli.run(["import", bad.path])
        #expect(result.code == 1)
        for (row, column) in [
            (2, "Doanh thu 2020 (đồng)"), (2, "Vốn điều lệ (triệu đồng)"), (3, "Doanh thu 2020 (đồng)"),
            (3, "Vốn điều lệ (triệu đồng)"), (4, "Doanh thu 2020 (đồng)"),
        ] {
            #expect(
                result.stderr.contains("so-lieu-sai.csv, dòng \(row), cột \"\(column)\""),
                "row \(row), \(column): \(result.stderr)")
        }
        #expect(bytes(cli.db) == before)
    }

    @Test("a travel matrix cell past a week is refused with its row and column")
    func matrixCell() throws {
        let cli = try CLI()
        try cli.run(["init", "--sample"])
        let matrix = cli.directory.appendingPathComponent("ma-tran.csv")
        try Data("id,start,1\nstart,0,99999999999999999999\n1,10,0\n".utf8).write(to: matrix)
        let result = try cli.run([
            "itinerary", "plan", "m", "--coops", "1", "--date", "2021-10-28", "--matrix", matrix.path,
        ])
        #expect(result.code == 1 && result.stderr.contains("ma-tran.csv, dòng 2, cột 1"), "\(result.stderr)")
    }

    @Test("a full disk behind stdout is one line and exit 1; a reader that closed the pipe ends the command quietly")
    func standardOutput() throws {
        let cli = try CLI()
        try cli.run(["init", "--sample"])
        let full = try cli.shell("\"$HTX\" coop list --format json > /dev/full")
        #expect(full.code == 1)
        #expect(
            full.stderr == "Lỗi: không ghi được ra đầu ra chuẩn: đĩa đã đầy; giải phóng chỗ trống hoặc chọn ổ khác\n")
        // The pipe's reader is gone before htx writes (htx starts later than `true` ends) and SIGPIPE is ignored, as
        // `trap '' PIPE` does: the write fails with EPIPE, which ends the command quietly.
        let closed = try cli.shell(
            "trap '' PIPE; (sleep 0.3; \"$HTX\" coop list --format csv; echo \"status=$?\" >&2) | true")
        #expect(closed.stderr == "status=0\n", "\(closed.stderr)")
        #expect(!closed.stderr.contains("Fatal") && !closed.stderr.contains("crashed"), "\(closed.stderr)")
    }

    @Test("doctor calls a busy or read-only catalog busy or read-only, and damaged only when a check finds damage")
    func doctorVerdicts() throws {
        let cli = try CLI()
        try cli.run(["init", "--sample"])
        let file = cli.directory.appendingPathComponent("big.csv")
        try Data(BigCatalog.csv().utf8).write(to: file)
        let importer = Process()
        importer.executableURL = CLI.executable
        importer.arguments = ["import", file.path, "--db", cli.db]
        importer.environment = ["HTX_SEEDS": Fixtures.seeds.url.path]
        importer.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        importer.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try importer.run()
        var busy: [String: Any]?
        for _ in 0..<400 where importer.isRunning {
            let result = try cli.run(["doctor", "--format", "json"], environment: ["HTX_BUSY_TIMEOUT": "0.05"])
            #expect(result.code == 0, "a busy catalog is not damaged: \(result.stderr)")
            let report = try #require(
                try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            if report["searchIndexNote"] as? String == "busy" {
                busy = report
                break
            }
            Thread.sleep(forTimeInterval: 0.02)
        }
        importer.waitUntilExit()
        let seen = try #require(busy, "doctor ran while the import held the lock")
        #expect(seen["integrity"] as? String == "ok" && seen["searchIndex"] as? String == "entriesCounted")
        // Deterministic key order in JSON, twice the same.
        let first = try cli.run(["doctor", "--format", "json"]).stdout
        #expect(first == (try cli.run(["doctor", "--format", "json"]).stdout))
        let counts = try #require(first.range(of: "\"counts\""))
        let keys = first[counts.upperBound...].split(separator: "\n").compactMap { line in
            line.split(separator: "\"").dropFirst().first.map(String.init)
        }
        #expect(keys == keys.sorted() && keys.contains("cooperative"), "\(keys)")
    }

    @Test(
        "a catalog this user may not write reads, and doctor and writes say read-only, not damaged",
        .enabled(if: CLI.unprivileged != nil, "running as root without setpriv: cannot act as another user"))
    func readOnlyCatalog() throws {
        let asOther = try #require(CLI.unprivileged)
        let cli = try CLI()
        try cli.run(["init", "--sample"])
        // Root may write anything, so the check runs as nobody; the folder and the file belong to root.
        chmod(cli.db, 0o644)
        let readOnly = try cli.shell("\(asOther)\"$HTX\" doctor --format json")
        #expect(readOnly.code == 0, "\(readOnly.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(readOnly.stdout.utf8)) as? [String: Any])
        #expect(report["writable"] as? Bool == false && report["integrity"] as? String == "ok")
        #expect(report["journalMode"] as? String == "wal")
        let list = try cli.shell("\(asOther)\"$HTX\" coop list --format csv")
        #expect(
            list.code == 0 && list.stdout.split(separator: "\n").count == 51, "a read-only folder reads: \(list.stderr)"
        )
        let write = try cli.shell("\(asOther)\"$HTX\" coop edit 1 --set note=x")
        #expect(write.code == 1 && write.stderr.contains("không được ghi vào danh mục"), "\(write.stderr)")
    }

    @Test(
        "weights out of range are refused; a stored shortlist that does not read back is named, the others still list")
    func shortlistWeights() throws {
        let cli = try CLI()
        try cli.run(["init", "--sample"])
        for weight in ["1e308", "1e-320", "-1", ".nan"] {
            let profile = cli.directory.appendingPathComponent("p.yaml")
            try Data("name: p\ncriteria: {grade: \(weight), ocop: 1}\n".utf8).write(to: profile)
            let result = try cli.run(["shortlist", "build", "x", "--profile", profile.path])
            #expect(result.code == 1 && result.stderr.contains("trọng số của grade"), "\(weight): \(result.stderr)")
        }
        #expect(try cli.run(["shortlist", "build", "good", "--size", "4"]).code == 0)
        #expect(try cli.run(["shortlist", "build", "bad", "--size", "4"]).code == 0)
        // What an older htx stored: scores written as null.
        try DatabaseQueue(path: cli.db).write { db in
            let text = try #require(try String.fetchOne(db, sql: "SELECT record FROM shortlist WHERE name = 'bad'"))
            let broken = text.replacingOccurrences(
                of: #""score":[0-9.]+"#, with: #""score":null"#, options: .regularExpression)
            try db.execute(sql: "UPDATE shortlist SET record = ? WHERE name = 'bad'", arguments: [broken])
        }
        let show = try cli.run(["shortlist", "show", "bad"])
        #expect(
            show.code == 1 && show.stderr.contains("danh sách \"bad\" đã lưu không đọc lại được")
                && !show.stderr.contains("DecodingError"),
            "\(show.stderr)")
        #expect(try cli.run(["shortlist", "show", "good"]).code == 0)
        let list = try cli.run(["shortlist", "list", "--format", "csv"])
        #expect(list.code == 0 && list.stdout.contains("good") && list.stdout.contains("bad"), "\(list.stderr)")
        let missing = try cli.run(["shortlist", "build", "z", "--profile", "/khong/co.yaml"])
        #expect(missing.stderr == "Lỗi: không đọc được /khong/co.yaml: không có tệp này; kiểm tra đường dẫn\n")
    }

    @Test(
        "replan bounds its delay to the day and keeps earlier delays; check names duplicates, strangers, left-out sites"
    )
    func itineraryOrders() throws {
        let cli = try CLI()
        try cli.run(["init", "--sample"])
        try cli.run(["shortlist", "build", "s", "--size", "6"])
        let plan = try #require(
            try cli.json(["itinerary", "plan", "t", "--shortlist", "s", "--date", "2021-10-28", "--days", "2"])
                as? [String: Any])
        let days = try #require(plan["days"] as? [[String: Any]])
        let ids = days.map { (($0["stops"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String } }
        let first = try #require(ids.first?.first)
        for (delay, code, words) in [
            ("100000", Int32(1), "không về kịp trong ngày"), ("-30", 2, "phải lớn hơn 0"), ("0", 2, "phải lớn hơn 0"),
        ] {
            let result = try cli.run(["itinerary", "replan", "t", "--delay", delay])
            #expect(result.code == code && result.stderr.contains(words), "\(delay): \(result.stderr)")
        }
        #expect(try cli.run(["itinerary", "replan", "t", "--delay=-30"]).code == 2)
        #expect(try cli.run(["itinerary", "replan", "t", "--delay", "20", "--after", first]).code == 0)
        let once = try #require(try cli.json(["itinerary", "show", "t"]) as? [String: Any])
        #expect(try cli.run(["itinerary", "replan", "t", "--delay", "10", "--day", "2"]).code == 0)
        let twice = try #require(try cli.json(["itinerary", "show", "t"]) as? [String: Any])
        let onceDays = try #require(once["days"] as? [[String: Any]])
        let twiceDays = try #require(twice["days"] as? [[String: Any]])
        #expect(twiceDays.count == days.count)
        #expect(
            NSDictionary(dictionary: twiceDays[0]) == NSDictionary(dictionary: onceDays[0]),
            "day 1 keeps its delay when day 2 is replanned")
        for day in twiceDays { #expect((day["returnAt"] as? String).map { $0 <= "24:00" } == true) }
        let repeated = try cli.run(["itinerary", "check", "t", "--order", "\(first),\(first)"])
        #expect(repeated.code == 1 && repeated.stderr.contains("được xếp hai lần"), "\(repeated.stderr)")
        let empty = try cli.run(["itinerary", "check", "t", "--order", ",,;;"])
        #expect(empty.code == 1 && empty.stderr.contains("phải thăm"), "\(empty.stderr)")
        let stranger = try cli.run(["itinerary", "check", "t", "--order", "99999"])
        #expect(stranger.code == 1 && stranger.stderr.contains("99999 không có trong lịch trình"), "\(stranger.stderr)")
    }

    @Test("--time-limit bounds the whole plan: a thousand sites over 31 days answer in about the limit")
    func planTimeLimit() throws {
        let cli = try CLI()
        try cli.run(["init"])
        var csv = "Tên HTX,Quận/huyện,Vĩ độ,Kinh độ\n"
        var state: UInt64 = 7
        func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        for i in 0..<1000 { csv += "HTX Thử \(i),Gia Lâm,\(20.9 + next() * 0.3),\(105.6 + next() * 0.4)\n" }
        let file = cli.directory.appendingPathComponent("xa.csv")
        try Data(csv.utf8).write(to: file)
        #expect(try cli.run(["import", file.path]).code == 0)
        let started = Date()
        let result = try cli.run([
            "itinerary", "plan", "lon", "--coops", (1...1000).map(String.init).joined(separator: ","), "--date",
            "2021-10-28",
            "--days", "31", "--time-limit", "0.2", "--format", "json",
        ])
        let seconds = Date().timeIntervalSince(started)
        #expect(result.code == 0, "\(result.stderr)")
        // A debug build, so a generous bound: the release build answers in 0.2–0.3 s (it took 22 s before).
        #expect(seconds < 6, "took \(seconds) s")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect((report["sitesVisited"] as? Int ?? 0) > 100)
    }

    @Test("JSON import cells and settings files have the same size limits as CSV")
    func sizeLimits() throws {
        let cli = try CLI()
        try cli.run(["init"])
        let big = String(repeating: "x", count: 100_000)
        let file = cli.directory.appendingPathComponent("lon.json")
        try Data("[{\"name\": \"HTX \(big)\", \"district\": \"Ba Vì\"}]".utf8).write(to: file)
        let before = bytes(cli.db)
        let result = try cli.run(["import", file.path])
        #expect(
            result.code == 1 && result.stderr.contains("lon.json, dòng 1") && result.stderr.contains("KB"),
            "\(result.stderr)")
        #expect(bytes(cli.db) == before)
        let profile = cli.directory.appendingPathComponent("lon.yaml")
        #expect(FileManager.default.createFile(atPath: profile.path, contents: nil))
        let handle = try FileHandle(forWritingTo: profile)
        try handle.truncate(atOffset: 5 << 30)
        try handle.close()
        let started = Date()
        let refused = try cli.run(["shortlist", "build", "x", "--profile", profile.path])
        #expect(refused.code == 1 && refused.stderr.contains("tệp quá lớn (5 GB)"), "\(refused.stderr)")
        #expect(Date().timeIntervalSince(started) < 5, "refused before reading")
    }

    @Test("system and SQLite errors are one Vietnamese line naming the file; English with --lang en")
    func systemErrors() throws {
        let cli = try CLI()
        try cli.run(["init", "--sample"])
        // A backup on a full disk (here: past the file-size limit, with SIGXFSZ ignored as a full disk gives no
        // signal).
        let full = try cli.shell("ulimit -f 100; trap '' XFSZ; \"$HTX\" backup sao-luu.sqlite")
        #expect(full.code == 1)
        #expect(
            full.stderr
                == "Lỗi: không ghi được sao-luu.sqlite: đĩa đầy, hết hạn mức hoặc lỗi ổ đĩa; giải phóng chỗ trống rồi "
                + "chạy lại (danh mục giữ nguyên)\n",
            "\(full.stderr)")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: cli.directory.path).allSatisfy {
                !$0.hasPrefix("sao-luu")
            })
        let english = try cli.shell("ulimit -f 100; trap '' XFSZ; \"$HTX\" backup sao-luu.sqlite --lang en")
        #expect(english.stderr.hasPrefix("Error: cannot write sao-luu.sqlite: the disk is full"), "\(english.stderr)")
        let folder = try cli.run(["shortlist", "build", "x", "--profile", cli.directory.path])
        #expect(
            folder.stderr
                == "Lỗi: không đọc được \(cli.directory.path): đây là một thư mục, không phải tệp; ghi rõ tên tệp\n")
        for output in [full.stderr, english.stderr, folder.stderr] {
            #expect(
                !output.contains("htx doctor") && !output.contains("NSCocoaErrorDomain")
                    && !output.contains("not an error"))
        }
    }

    @Test("smaller holes: a stranger's X.partial, half a set of letters, a lunch longer than the day, a removed host")
    func smallerHoles() throws {
        let cli = try CLI()
        try cli.run(["init", "--sample"])
        let partial = cli.directory.appendingPathComponent("b.sqlite.partial").path
        try Data("của người khác".utf8).write(to: URL(fileURLWithPath: partial))
        #expect(try cli.run(["backup", "b.sqlite"]).code == 0)
        #expect(bytes(partial) == Data("của người khác".utf8))
        try cli.run(["shortlist", "build", "s", "--size", "4"])
        #expect(
            try cli.run([
                "itinerary", "plan", "dai", "--shortlist", "s", "--date", "2021-10-28", "--lunch", "11:00-12:30/600",
            ]).code == 1)
        #expect(try cli.run(["itinerary", "plan", "t", "--shortlist", "s", "--date", "2021-10-28"]).code == 0)
        // Letters: a failure part-way (the file-size limit stops the first PDF) leaves no folder and no half set.
        let letters = cli.directory.appendingPathComponent("thu").path
        let failed = try cli.shell("ulimit -f 20; trap '' XFSZ; \"$HTX\" brief t --out p.md --letters thu")
        #expect(failed.code == 1, "\(failed.stderr)")
        #expect(!FileManager.default.fileExists(atPath: letters))
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: cli.directory.path).allSatisfy {
                !$0.contains("staging")
            })
        // A host removed after planning is named, not silently printed.
        let stops = try #require(try cli.json(["itinerary", "show", "t"]) as? [String: Any])
        let host = try #require(
            ((stops["days"] as? [[String: Any]])?.first?["stops"] as? [[String: Any]])?.first?["id"] as? String)
        #expect(try cli.run(["coop", "remove", host]).code == 0)
        let brief = try cli.run(["brief", "t", "--out", cli.directory.appendingPathComponent("q.md").path])
        #expect(
            brief.code == 0 && brief.stderr.contains("Cảnh báo: #\(host)")
                && brief.stderr.contains("không còn trong danh mục"), "\(brief.stderr)")
        let help = try cli.run(["brief", "--help"])
        #expect(help.stdout.contains(".pdf, .docx, .html hoặc .md"))
    }
}
