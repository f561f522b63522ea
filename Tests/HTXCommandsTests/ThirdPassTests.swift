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

    static let password = "một câu mật khẩu đủ dài 2026\n"

    @Test("3: a second-factor key that could not be shown is not stored")
    func totpShownFirst() throws {
        let cli = try CLI()
        try cli.run(["init"])
        #expect(
            try cli.run(
                ["user", "add", "quantri", "--role", "admin", "--password-stdin"], stdin: ThirdPassTests.password
            ).code == 0)
        let full = try cli.shell("\"$HTX\" user totp quantri > /dev/full")
        #expect(full.code == 1 && full.stderr.contains("chưa bật"), "\(full.stderr)")
        let closed = try cli.shell(
            "trap '' PIPE; \"$HTX\" user totp quantri | (exec 0<&-; sleep 0.3); echo \"rc=${PIPESTATUS[0]}\"")
        #expect(closed.stdout.contains("rc=1"), "\(closed.stdout) \(closed.stderr)")
        let audit = try cli.run(["audit", "--format", "json"]).stdout
        #expect(!audit.contains("totp-on"), "no key stored: \(audit)")
        let shown = try cli.run(["user", "totp", "quantri"])
        #expect(shown.code == 0)
        #expect(try cli.run(["audit", "--format", "json"]).stdout.contains("totp-on"))
    }

    @Test("10, 25: a FIFO or a pipe as a settings file or an import is refused at once, saying to save it to a file")
    func pipesRefused() throws {
        let cli = try CLI()
        try cli.run(["init", "--sample"])
        let fifo = cli.directory.appendingPathComponent("f").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let csv = try write(cli, "x.csv", "Tên HTX,Quận/huyện\nHTX Ống,Gia Lâm\n")
        for arguments in [
            ["shortlist", "build", "q", "--profile", fifo], ["import", csv, "--map", fifo],
            ["itinerary", "solve", fifo],
            ["import", fifo],
        ] {
            // Under `timeout`: the build before the fix waited on the FIFO forever.
            let quoted = arguments.map { "'\($0)'" }.joined(separator: " ")
            let result = try cli.shell("timeout -s KILL 20 \"$HTX\" \(quoted)")
            #expect(result.code == 1 && result.stderr.contains("ống dẫn"), "\(arguments): \(result.stderr)")
        }
        let piped = try cli.shell("cat \(csv) | \"$HTX\" import /dev/stdin")
        #expect(piped.code == 1 && piped.stderr.contains("lưu nội dung ra một tệp"), "\(piped.stderr)")
        let redirected = try cli.shell("\"$HTX\" import /dev/stdin < \(csv)")
        #expect(redirected.code == 0, "a regular file behind stdin still works: \(redirected.stderr)")
    }

    @Test("11, 17: a disabled account can be enabled again; the last administrator cannot be disabled")
    func enableAndLastAdmin() throws {
        let cli = try CLI()
        try cli.run(["init"])
        try cli.run(["user", "add", "quantri", "--role", "admin", "--password-stdin"], stdin: ThirdPassTests.password)
        let last = try cli.run(["user", "disable", "quantri"])
        #expect(last.code == 1 && last.stderr.contains("quản trị viên cuối cùng"), "\(last.stderr)")
        try cli.run(["user", "add", "xem", "--role", "viewer", "--password-stdin"], stdin: ThirdPassTests.password)
        #expect(try cli.run(["user", "disable", "xem"]).code == 0)
        let again = try cli.run(
            ["user", "add", "xem", "--role", "viewer", "--password-stdin"], stdin: ThirdPassTests.password)
        #expect(again.code == 1 && again.stderr.contains("htx user enable xem"), "\(again.stderr)")
        let passwd = try cli.run(
            ["user", "passwd", "xem", "--password-stdin"], stdin: "một mật khẩu mới khác hẳn 99\n")
        #expect(passwd.code == 0 && passwd.stderr.contains("vẫn đang bị khoá"), "\(passwd.stderr)")
        let enabled = try cli.run(["user", "enable", "xem"])
        #expect(enabled.code == 0, "\(enabled.stderr)")
        #expect(try cli.run(["user", "list", "--format", "json"]).stdout.contains("\"disabled\": false"))
    }

    @Test("14: a closed pipe in an ordinary shell exits 0, not 141")
    func closedPipe() throws {
        let cli = try CLI()
        try cli.run(["init", "--sample"])
        for command in ["coop list --format json", "coop list --format csv", "check", "search 'dong anh'", "--help"] {
            // SIGPIPE back at its default, as in an ordinary shell (the test process may ignore it, and children
            // inherit that); the reader closes its end at once, so the first write meets a closed pipe.
            let result = try cli.shell(
                "env --default-signal=PIPE \"$HTX\" \(command) | (exec 0<&-; sleep 0.5); echo \"rc=${PIPESTATUS[0]}\"")
            #expect(result.stdout.contains("rc=0"), "\(command): \(result.stdout) \(result.stderr)")
        }
    }

    @Test("20: passwords of blanks, of one character repeated, or holding the user name are refused")
    func weakPasswords() throws {
        let cli = try CLI()
        try cli.run(["init"])
        for (name, password) in [
            ("d4", "            "), ("d5", "aaaaaaaaaaaaaa"), ("quantri2", "quantri12345"),
            ("quantri3", "Mật khẩu QUANTRI3 của tôi"),
        ] {
            let result = try cli.run(
                ["user", "add", name, "--role", "viewer", "--password-stdin"], stdin: password + "\n")
            #expect(result.code == 1, "\(name) with \(password): \(result.stderr)")
        }
        #expect(
            try cli.run(["user", "list", "--format", "json"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
                == "[]")
    }

    /// The picks of a shortlist as `shortlist show` gives them: id → (status, note).
    func picks(_ cli: CLI, _ name: String) throws -> [Int: (status: String, note: String?)] {
        let shown = try #require(try cli.json(["shortlist", "show", name]) as? [String: Any])
        let entries = try #require(shown["entries"] as? [[String: Any]])
        var picks: [Int: (status: String, note: String?)] = [:]
        for entry in entries {
            picks[try #require(entry["id"] as? Int)] = (
                try #require(entry["status"] as? String), entry["note"] as? String
            )
        }
        return picks
    }

    @Test("5, 13: a rebuilt shortlist keeps its decisions, keeps rejected picks out, and refuses to drop approved ones")
    func decisionsSurvive() throws {
        let cli = try CLI()
        try cli.run(["init", "--sample"])
        try cli.run(["shortlist", "build", "s", "--size", "8", "--max-per-district", "2"])
        let first = try picks(cli, "s").keys.sorted()
        let (approved, rejected) = (first[0], first[1])
        #expect(
            try cli.run([
                "shortlist", "set", "s", String(approved), "--status", "approved", "--note", "Đủ", "--by", "Sở",
            ])
            .code == 0)
        #expect(
            try cli.run(["shortlist", "set", "s", String(rejected), "--status", "rejected", "--note", "Không"]).code
                == 0)
        let rebuilt = try cli.run(["shortlist", "build", "s", "--size", "8", "--max-per-district", "2", "--replace"])
        #expect(rebuilt.code == 0, "\(rebuilt.stderr)")
        let after = try picks(cli, "s")
        #expect(after.count == 8)
        #expect(after[approved]?.status == "approved" && after[approved]?.note == "Đủ", "the approval stays")
        #expect(after[rejected] == nil, "the rejected pick stays out")
        // The rebuild wrote no "null → proposed" line over the approval: the approval is the last word.
        let lines = try #require(try cli.json(["coop", "history", String(approved)]) as? [[String: Any]])
            .filter { $0["field"] as? String == "shortlist:s" }
        #expect(lines.last?["new"] as? String == "approved: Đủ", "\(lines)")
        let rejectedHistory = try #require(
            try cli.json(["coop", "history", String(rejected)]) as? [[String: Any]])
        #expect(
            rejectedHistory.contains { $0["old"] as? String == "rejected" && $0["new"] is NSNull }, "it left the list")
        // A smaller rebuild that would drop the approved pick is refused, naming it; asked for, it goes.
        let smaller = try cli.run([
            "shortlist", "build", "s", "--size", "1", "--replace", "--exclude", String(approved),
        ])
        #expect(smaller.code == 1 && smaller.stderr.contains("#\(approved)"), "\(smaller.stderr)")
        #expect(try picks(cli, "s").count == 8, "nothing changed")
        let dropped = try cli.run([
            "shortlist", "build", "s", "--size", "8", "--replace", "--exclude", String(approved), "--drop-approved",
        ])
        #expect(dropped.code == 0, "\(dropped.stderr)")
        // Asked for again, the rejected pick comes back as proposed.
        let back = try cli.run(["shortlist", "build", "s", "--size", "8", "--replace", "--include", String(rejected)])
        #expect(back.code == 0, "\(back.stderr)")
        #expect(try picks(cli, "s")[rejected]?.status == "proposed")
    }

    @Test("8: a huge --min-per-sector is refused without a trap; the advice never asks for more than are eligible")
    func sectorQuota() throws {
        let cli = try CLI()
        try cli.run(["init", "--sample"])
        let huge = try cli.run(["shortlist", "build", "q", "--size", "5", "--min-per-sector", "1152921504606846976"])
        #expect(huge.code == 2, "\(huge.stderr)")
        let advice = try cli.run(["shortlist", "build", "q", "--size", "12", "--min-per-sector", "10"])
        #expect(advice.code == 1 && !advice.stderr.contains("tăng --size"), "\(advice.stderr)")
        #expect(advice.stderr.contains("giảm --min-per-sector"), "\(advice.stderr)")
    }

    @Test("12: brief --visit FILE keeps the stored details the file leaves out, and says what it replaced")
    func visitMerge() throws {
        let cli = try CLI()
        try cli.run(["init", "--sample"])
        try cli.run(["shortlist", "build", "s", "--size", "4"])
        try cli.run(["itinerary", "plan", "t", "--shortlist", "s", "--date", "2021-10-28"])
        let stop = try #require(
            ((try cli.json(["itinerary", "show", "t"]) as? [String: Any])?["days"] as? [[String: Any]])?.first?["stops"]
                as? [[String: Any]])
        let host = try #require(stop.first?["id"] as? String)
        let full = try write(
            cli, "full.yaml",
            """
            issuedOn: 2021-10-22
            signer: {authority: "TM. BAN THƯỜNG VỤ", title: "CHỦ TỊCH", name: "Người Ký Thử"}
            delegation: {name: "Đoàn công tác", members: [{name: "Thành Viên Một", head: true}]}
            vehicle: {description: "xe 29 chỗ", driver: {name: "Lái Xe Thử", phone: "0912 000 111"}}
            """)
        #expect(try cli.run(["brief", "t", "--out", "a.md", "--visit", full]).code == 0)
        let hosts = try write(cli, "h.yaml", "hosts:\n  \"\(host)\": {name: \"Ông A\", phone: \"0912 345 678\"}\n")
        let merged = try cli.run(["brief", "t", "--out", "b.md", "--visit", hosts])
        #expect(merged.code == 0, "\(merged.stderr)")
        #expect(merged.stderr.contains("hosts.\(host).name: — → Ông A"), "\(merged.stderr)")
        #expect(try cli.run(["brief", "t", "--out", "c.md"]).code == 0)
        let text = try String(contentsOfFile: cli.directory.appendingPathComponent("c.md").path, encoding: .utf8)
        for kept in ["Người Ký Thử", "Thành Viên Một", "Lái Xe Thử", "Ông A"] {
            #expect(text.contains(kept), "\(kept) kept")
        }
        // An explicit null clears one value and nothing else.
        let cleared = try write(cli, "n.yaml", "vehicle: {driver: null}\n")
        let result = try cli.run(["brief", "t", "--out", "d.md", "--visit", cleared])
        #expect(result.stderr.contains("vehicle.driver.name: Lái Xe Thử → —"), "\(result.stderr)")
        let after = try String(contentsOfFile: cli.directory.appendingPathComponent("d.md").path, encoding: .utf8)
        #expect(!after.contains("Lái Xe Thử") && after.contains("Người Ký Thử"))
    }

    @Test(
        "6: an interrupted demo leaves no staging folder behind: Ctrl+C removes it, the next run clears a killed one's")
    func interruptedDemo() throws {
        let cli = try CLI()
        let script = """
            mkdir -p dk
            for t in 0.2 0.5 0.9; do
              "$HTX" demo --out dk/run > /dev/null 2>&1 & p=$!; sleep $t; kill -9 $p; wait $p
            done
            "$HTX" demo --out dk/int > /dev/null 2>&1 & p=$!; sleep 0.7; kill -INT $p; wait $p; echo "int=$?"
            ls -A dk | grep -c staging || true
            """
        let killed = try cli.shell(script)
        #expect(killed.stdout.contains("int=130"), "\(killed.stdout) \(killed.stderr)")
        let left = try cli.shell("ls -A dk | grep staging | grep -v '^.run.' | wc -l")
        #expect(left.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0", "Ctrl+C left \(left.stdout)")
        let again = try cli.run(["demo", "--out", "dk/run"])
        #expect(again.code == 0, "\(again.stderr)")
        let entries = try FileManager.default.contentsOfDirectory(
            atPath: cli.directory.appendingPathComponent("dk").path)
        #expect(!entries.contains { $0.hasSuffix(".staging") }, "\(entries)")
        // A stranger's folder of a similar name is not htx's: it stays.
        let stranger = cli.directory.appendingPathComponent("dk/.run.staging")
        try FileManager.default.createDirectory(at: stranger, withIntermediateDirectories: true)
        #expect(try cli.run(["demo", "--out", "dk/run"]).code == 0)
        #expect(FileManager.default.fileExists(atPath: stranger.path))
    }

    @Test(
        "15, 27: init refuses another program's views, application id or user version; five inits at once agree"
    )
    func initRefusesForeign() throws {
        let cli = try CLI()
        let sqlite = try DatabaseQueue(path: cli.directory.appendingPathComponent("v.db").path)
        try sqlite.write { try $0.execute(sql: "CREATE VIEW v AS SELECT 1") }
        try sqlite.close()
        let geo = try DatabaseQueue(path: cli.directory.appendingPathComponent("g.db").path)
        try geo.write { try $0.execute(sql: "PRAGMA application_id = 1196444487") }
        try geo.close()
        for name in ["v.db", "g.db"] {
            let path = cli.directory.appendingPathComponent(name).path
            let before = FileManager.default.contents(atPath: path)
            let result = try cli.run(["init", "--db", path])
            #expect(result.code == 1 && result.stderr.contains("ứng dụng khác"), "\(name): \(result.stderr)")
            #expect(FileManager.default.contents(atPath: path) == before, "\(name) unchanged")
        }
        let together = try cli.shell(
            """
            for i in 1 2 3 4 5; do "$HTX" init --sample --db p.sqlite > o$i.txt 2>&1 & done; wait
            cat o*.txt
            """)
        #expect(!together.stdout.contains("Lỗi"), "\(together.stdout)")
        #expect(together.stdout.components(separatedBy: "Đã sẵn sàng").count == 6, "\(together.stdout)")
        let listed = try cli.run(["coop", "list", "--format", "csv"], environment: ["HTX_DB": "p.sqlite"])
        #expect(listed.stdout.split(separator: "\n").count == 51)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: cli.directory.path).filter {
            $0.hasSuffix(".creating")
        }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }

    @Test("21: backup refuses a damaged catalog; doctor points to --salvage, which copies what can be read")
    func damagedBackupAndSalvage() throws {
        let cli = try CLI()
        try cli.run(["init", "--sample"])
        try cli.run(["shortlist", "build", "s", "--size", "4"])
        let damaged = cli.directory.appendingPathComponent("f.sqlite").path
        try FileManager.default.copyItem(atPath: cli.db, toPath: damaged)
        let handle = try #require(FileHandle(forUpdatingAtPath: damaged))
        try handle.seek(toOffset: 16_384 * 20)
        handle.write(Data(repeating: 0, count: 16_384))
        try handle.close()
        let backup = try cli.run(["backup", "fb.sqlite", "--db", damaged])
        #expect(backup.code == 1 && backup.stderr.contains("--salvage"), "\(backup.stderr)")
        #expect(!FileManager.default.fileExists(atPath: cli.directory.appendingPathComponent("fb.sqlite").path))
        let doctor = try cli.run(["doctor", "--db", damaged])
        #expect(doctor.code == 1 && doctor.stderr.contains("htx doctor --salvage"), "\(doctor.stderr)")
        let before = FileManager.default.contents(atPath: damaged)
        let salvaged = try cli.run(["doctor", "--db", damaged, "--salvage", "cuu.sqlite"])
        #expect(salvaged.code == 0 && salvaged.stderr.contains("50 HTX"), "\(salvaged.stderr)")
        #expect(FileManager.default.contents(atPath: damaged) == before, "the damaged file is left as it is")
        let rescued = cli.directory.appendingPathComponent("cuu.sqlite").path
        #expect(try cli.run(["doctor", "--db", rescued]).code == 0)
        #expect(try cli.run(["shortlist", "show", "s", "--db", rescued, "--format", "json"]).code == 0)
        #expect(try records(cli, db: rescued) == records(cli))
    }

    @Test("6, 12, 18: a 2021 commune merged on 1/1/2025 resolves; unit2025 must be one of its commune's successors")
    func unitsOfThreeDates() throws {
        let cli = try CLI()
        try cli.run(["init", "--sample"])
        // The sample's own record #1, in xã Văn Đức (Gia Lâm): Kim Đức on 1/1/2025, Bát Tràng on 1/7/2025.
        let first = try #require(try cli.json(["coop", "show", "1"]) as? [String: Any])
        #expect((first["unit2025"] as? [String: Any])?["name"] as? String == "Bát Tràng", "\(first["unit2025"] ?? "")")
        let listed = try cli.run(["coop", "list", "--unit", "xã Dương Hà", "--format", "csv"])
        #expect(listed.code == 0, "\(listed.stderr)")
        let unknown = try cli.run(["coop", "list", "--unit", "xã Không Có"])
        #expect(unknown.stderr.contains("579 đơn vị năm 2021") && !unknown.stderr.contains("526 đơn vị năm 2021"))
        // #6 is in xã Uy Nỗ (Đông Anh), split into 00454 and 00475: any other unit is refused when typed.
        let wrong = try cli.run(["coop", "edit", "6", "--set", "unit2025=00004"])
        #expect(wrong.code == 1 && wrong.stderr.contains("00454") && wrong.stderr.contains("00475"), "\(wrong.stderr)")
        #expect(try cli.run(["coop", "edit", "6", "--set", "unit2025=00454"]).code == 0)
        // A commune of another district is a warning naming both, and check keeps listing it.
        let moved = try cli.run(["coop", "edit", "1", "--set", "commune=xã Uy Nỗ"])
        #expect(
            moved.code == 0 && moved.stderr.contains("Gia Lâm") && moved.stderr.contains("Đông Anh"), "\(moved.stderr)")
        let check = try cli.run(["check", "--format", "csv"]).stdout.split(separator: "\n").filter {
            $0.hasPrefix("1,")
        }
        #expect(check.contains { $0.contains("Uy Nỗ") && $0.contains("Đông Anh") }, "\(check)")
    }

    @Test(
        "22: with SOURCE_DATE_EPOCH every file the demo writes is the same twice (but its manifest); bad values refused"
    )
    func reproducibleDemo() throws {
        let cli = try CLI()
        let environment = ["SOURCE_DATE_EPOCH": "1635364800"]
        #expect(try cli.run(["demo", "--out", "a"], environment: environment).code == 0)
        #expect(
            try cli.run(["demo", "--out", "b"], environment: environment.merging(["TZ": "Pacific/Kiritimati"]) { $1 })
                .code == 0)
        let a = cli.directory.appendingPathComponent("a")
        let files = try #require(FileManager.default.enumerator(atPath: a.path)?.allObjects as? [String])
        var compared = 0
        for name in files where !name.hasSuffix(".htx-made.json") {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: a.appendingPathComponent(name).path, isDirectory: &isFolder),
                !isFolder.boolValue
            else { continue }
            let left = FileManager.default.contents(atPath: a.appendingPathComponent(name).path)
            let right = FileManager.default.contents(atPath: cli.directory.appendingPathComponent("b/" + name).path)
            #expect(left == right, "\(name) differs")
            compared += 1
        }
        #expect(compared > 20)
        for bad in ["abc", "-1", "1e9", "9223372036854775807", "1.5"] {
            let refused = try cli.run(["demo", "--out", "c"], environment: ["SOURCE_DATE_EPOCH": bad])
            #expect(refused.code == 1 && refused.stderr.contains("SOURCE_DATE_EPOCH"), "\(bad): \(refused.stderr)")
        }
    }

    @Test("23, 26, 27: replan flags checked; YAML numbers read as written; messages in words with their bounds")
    func flagsAndMessages() throws {
        let cli = try CLI()
        try cli.run(["init", "--sample"])
        try cli.run(["shortlist", "build", "s", "--size", "6"])
        try cli.run(["itinerary", "plan", "t", "--shortlist", "s", "--date", "2021-10-28", "--days", "2"])
        let plan = try #require(try cli.json(["itinerary", "show", "t"]) as? [String: Any])
        let days = try #require(plan["days"] as? [[String: Any]])
        let first = try #require((days[0]["stops"] as? [[String: Any]])?.first?["id"] as? String)
        let wrongDay = try cli.run([
            "itinerary", "replan", "t", "--delay", "30", "--after", first, "--day", "2", "--dry-run",
        ])
        #expect(wrongDay.code == 1 && wrongDay.stderr.contains("ngày 1"), "\(wrongDay.stderr)")
        let noDay = try cli.run([
            "itinerary", "replan", "t", "--delay", "30", "--after", first, "--day", "5", "--dry-run",
        ])
        #expect(noDay.code == 1, "\(noDay.stderr)")
        let code = try #require((try cli.json(["coop", "show", first]) as? [String: Any])?["taxCode"] as? String)
        let byCode = try cli.run(["itinerary", "replan", "t", "--delay", "30", "--after", code, "--dry-run"])
        #expect(byCode.code == 0, "a tax code names the stop: \(byCode.stderr)")
        let far = try cli.run(["itinerary", "plan", "x", "--coops", "4", "--date", "2200-06-15"])
        #expect(far.code == 2 && far.stderr.contains("1900"), "\(far.stderr)")
        let lunch = try cli.run([
            "itinerary", "plan", "x", "--coops", "4", "--date", "2021-10-28", "--lunch", "11:00-12:30/999999",
        ])
        #expect(lunch.code == 1 && lunch.stderr.contains("180") && !lunch.stderr.contains("tuần"), "\(lunch.stderr)")
        // YAML numbers are the text written: a phone keeps its leading zero, a document number is "125".
        let visit = try write(cli, "v.yaml", "number: 125\ncontact: {phone: 0912345678}\n")
        #expect(try cli.run(["brief", "t", "--out", "a.md", "--visit", visit]).code == 0)
        let text = try String(contentsOfFile: cli.directory.appendingPathComponent("a.md").path, encoding: .utf8)
        #expect(text.contains("0912 345 678") && text.contains("125"), "the phone and number as written")
        let quoted = try write(cli, "w.yaml", "signer: {name: yes}\n")
        let hint = try cli.run(["brief", "t", "--out", "b.md", "--visit", quoted])
        #expect(hint.code == 1 && hint.stderr.contains("ngoặc kép"), "\(hint.stderr)")
        // Messages in words: a number JSON cannot hold, a founding year with its bound, a long value cut short.
        let huge = try cli.run(["coop", "edit", "2", "--set", #"figures=[{"year":1e400}]"#])
        #expect(huge.code == 1 && !huge.stderr.contains("The given data"), "\(huge.stderr)")
        let old = try cli.run(["coop", "edit", "2", "--set", "founded=1800"])
        #expect(old.code == 1 && old.stderr.contains("1900"), "\(old.stderr)")
        let long = try cli.run(["coop", "edit", "2", "--set", "achievements=" + String(repeating: "A", count: 40_000)])
        #expect(long.code == 0 && long.stderr.utf8.count < 1_000, "\(long.stderr.utf8.count) bytes of stderr")
        // Two files: one with an error, nothing written, and the message says so.
        let good = try write(cli, "ok.csv", "Tên HTX,Quận/huyện\nHTX Mới Tinh,Gia Lâm\n")
        let bad = try write(cli, "bad.csv", "Tên HTX,Quận/huyện,Mã số thuế\nHTX Khác,Gia Lâm,12AB\n")
        let both = try cli.run(["import", good, bad])
        #expect(both.code == 1 && both.stderr.contains("Không nhập tệp nào"), "\(both.stderr)")
        #expect(try cli.run(["coop", "list", "--format", "csv"]).stdout.split(separator: "\n").count == 51)
    }
}
