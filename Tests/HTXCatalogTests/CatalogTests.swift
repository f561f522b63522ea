import Foundation
import GRDB
import HTXCore
import HTXTestSupport
import Testing

@testable import HTXCatalog

/// A catalog in memory with the 2021 districts loaded and a fixed clock.
func makeCatalog() throws -> Catalog {
    let catalog = try Catalog.inMemory(now: { Date(timeIntervalSince1970: 1_635_379_200) })
    let seeds = Fixtures.seeds
    try catalog.loadDistricts(seeds.districts())
    return catalog
}

func coop(
    _ name: String, district: String? = nil, taxCode: String? = nil, sectors: [Sector] = [.agriculture],
    achievements: String? = nil
) -> Cooperative {
    var c = Cooperative(name: name)
    c.district = district
    c.taxCode = taxCode
    c.sectors = sectors
    c.achievements = achievements
    return c
}

let origin = ChangeOrigin(by: "Liên minh HTX", source: "test")

@Suite("Catalog")
struct CatalogTests {
    @Test("add normalises, stores and reads back by id and tax code")
    func addAndRead() throws {
        let catalog = try makeCatalog()
        var input = coop(
            "  Hợp tác xã   Nông nghiệp Bắc Hồng ".decomposedStringWithCanonicalMapping, district: "huyen dong anh",
            taxCode: "0100 233 488")
        input.contacts = [
            Contact(
                role: "Giám đốc", name: "Nguyễn Văn A (minh hoạ)", phone: "0912 345 678", email: "lienhe@example.vn")
        ]
        let (stored, warnings) = try catalog.add(input, origin: origin)
        #expect(warnings.isEmpty)
        #expect(stored.id == 1)
        #expect(stored.name == "Hợp tác xã Nông nghiệp Bắc Hồng")
        #expect(
            stored.name.unicodeScalars.count
                == "Hợp tác xã Nông nghiệp Bắc Hồng".precomposedStringWithCanonicalMapping.unicodeScalars.count)
        #expect(stored.district == "Đông Anh")
        #expect(stored.taxCode == "0100233488")
        #expect(stored.contacts.first?.phone == "+84912345678")
        #expect(try catalog.cooperative("1") == stored)
        #expect(try catalog.cooperative("0100233488") == stored)
        #expect(throws: CatalogError.notFound(ref: "99")) { try catalog.cooperative("99") }
    }

    @Test("invalid records are refused whole, with every error named")
    func invalid() throws {
        let catalog = try makeCatalog()
        var input = coop("HTX Thử", district: "Quận Không Có", taxCode: "12345")
        input.contacts = [Contact(role: "Giám đốc", phone: "12")]
        do {
            try catalog.add(input, origin: origin)
            Issue.record("expected an error")
        } catch CatalogError.invalid(let findings) {
            let fields = Set(findings.filter { $0.severity == .error }.compactMap(\.field))
            #expect(fields.isSuperset(of: ["taxCode", "district", "contacts"]), "\(fields)")
        }
        #expect(try catalog.count() == 0)
    }

    @Test("adding a likely duplicate warns and names the other record")
    func likelyDuplicate() throws {
        let catalog = try makeCatalog()
        try catalog.add(coop("HTX Nông nghiệp Bắc Hồng", district: "Đông Anh"), origin: origin)
        let (_, warnings) = try catalog.add(
            coop("Hợp tác xã nông nghiệp Bắc Hồng", district: "dong anh"), origin: origin)
        #expect(warnings.map(\.message.en) == ["may duplicate #1 HTX Nông nghiệp Bắc Hồng (Đông Anh)"])
        let (_, elsewhere) = try catalog.add(coop("HTX Nông nghiệp Bắc Hồng", district: "Ba Vì"), origin: origin)
        #expect(elsewhere.isEmpty)
    }

    @Test("a tax code belongs to one cooperative")
    func duplicateTaxCode() throws {
        let catalog = try makeCatalog()
        try catalog.add(coop("HTX A", taxCode: "0100233488"), origin: origin)
        #expect(throws: CatalogError.duplicateTaxCode(code: "0100233488", id: 1, name: "HTX A")) {
            try catalog.add(coop("HTX B", taxCode: "0100233488"), origin: origin)
        }
    }

    @Test("list comes in Vietnamese order and filters by district, sector and grade")
    func listOrder() throws {
        let catalog = try makeCatalog()
        for name in [
            "HTX Đông Cao", "HTX Dương Liễu", "HTX An Mỹ", "HTX Ấp Bắc", "HTX Ân Thi", "HTX Bát Tràng",
            "HTX Chương Dương", "HTX Cầu Giấy",
        ] {
            try catalog.add(coop(name, district: "Gia Lâm"), origin: origin)
        }
        var graded = coop("HTX Hoàng Long", district: "Thanh Oai", sectors: [.industryCrafts])
        graded.grades = [
            Grade(year: 2020, scheme: "TT01/2020", score: 70, grade: "Khá"),
            Grade(year: 2021, scheme: "TT01/2020", score: 86, grade: "tot"),
        ]
        try catalog.add(graded, origin: origin)
        let names = try catalog.list().map(\.name)
        #expect(
            names == [
                "HTX An Mỹ", "HTX Ân Thi", "HTX Ấp Bắc", "HTX Bát Tràng", "HTX Cầu Giấy", "HTX Chương Dương",
                "HTX Dương Liễu", "HTX Đông Cao", "HTX Hoàng Long",
            ])
        #expect(try catalog.list(ListFilter(district: "thanh oai")).map(\.name) == ["HTX Hoàng Long"])
        #expect(try catalog.list(ListFilter(sector: .industryCrafts)).map(\.name) == ["HTX Hoàng Long"])
        #expect(try catalog.list(ListFilter(grade: "TOT")).map(\.grade) == ["Tốt"])
        #expect(throws: CatalogError.unknownDistrict("Sài Gòn")) { try catalog.list(ListFilter(district: "Sài Gòn")) }
        #expect(throws: CatalogError.self) { try catalog.list(ListFilter(grade: "xuất sắc")) }
    }

    @Test("edits record old and new values per field; removal keeps the whole record in history")
    func historyTrail() throws {
        let catalog = try makeCatalog()
        try catalog.add(coop("HTX Hồng Hà", district: "Phú Xuyên"), origin: origin)
        let (_, changes, _) = try catalog.edit(
            "1", set: [("members", "1.250"), ("district", "Thường Tín")],
            origin: ChangeOrigin(by: "Sở KH&ĐT", source: "coop edit"))
        #expect(changes.map(\.field) == ["district", "members"])
        let (_, none, _) = try catalog.edit("1", set: [("members", "1250")], origin: origin)
        #expect(none.isEmpty)
        try catalog.remove("1", origin: origin)
        #expect(throws: CatalogError.self) { try catalog.cooperative("1") }
        let history = try catalog.history("1")
        #expect(history.map(\.action) == [.create, .update, .update, .delete])
        #expect(
            history[1].field == "district" && history[1].old == "Phú Xuyên" && history[1].new == "Thường Tín"
                && history[1].by == "Sở KH&ĐT")
        #expect(history[2].field == "members" && history[2].old == nil && history[2].new == "1250")
        #expect(history[0].at == "2021-10-28T00:00:00Z")
        let snapshot = try #require(history[3].old)
        #expect(snapshot.contains("\"name\":\"HTX Hồng Hà\""))
        #expect(try catalog.search("hong ha").isEmpty)
    }

    @Test("an edit that breaks the record changes nothing")
    func badEdit() throws {
        let catalog = try makeCatalog()
        try catalog.add(coop("HTX Hồng Hà", district: "Phú Xuyên"), origin: origin)
        #expect(throws: (any Error).self) {
            try catalog.edit("1", set: [("members", "12"), ("taxCode", "abc")], origin: origin)
        }
        #expect(try catalog.cooperative("1").members == nil)
        #expect(try catalog.history("1").count == 1)
    }
}

@Suite("Search")
struct SearchTests {
    func sample() throws -> Catalog {
        let catalog = try makeCatalog()
        try catalog.add(coop("HTX Nông nghiệp Bắc Hồng", district: "Đông Anh"), origin: origin)
        try catalog.add(coop("HTX Đồng Anh", district: "Sóc Sơn"), origin: origin)
        try catalog.add(coop("HTX Dịch vụ Nguyên Khê", district: "Đông Anh", sectors: [.tradeServices]), origin: origin)
        try catalog.add(
            coop(
                "HTX Gốm sứ Bát Tràng", district: "Gia Lâm", sectors: [.industryCrafts],
                achievements: "Gốm men rạn xuất khẩu"), origin: origin)
        try catalog.add(coop("HTX Ứng Hoà Xanh", district: "Ứng Hòa"), origin: origin)
        return catalog
    }

    @Test("'dong anh' finds every Đông Anh cooperative, and 'Đồng Anh' too")
    func folding() throws {
        let catalog = try sample()
        let hits = try catalog.search("dong anh")
        #expect(Set(hits.map(\.name)) == ["HTX Nông nghiệp Bắc Hồng", "HTX Dịch vụ Nguyên Khê", "HTX Đồng Anh"])
    }

    @Test("a query typed with accents ranks exact-accent matches first")
    func exactFirst() throws {
        let catalog = try sample()
        let hits = try catalog.search("Đồng Anh")
        #expect(hits.first?.name == "HTX Đồng Anh")
        #expect(hits.first!.score > 1)
        #expect(hits.dropFirst().allSatisfy { $0.score < 1 })
        let other = try catalog.search("Đông Anh")
        #expect(Set(other.prefix(2).map(\.name)) == ["HTX Nông nghiệp Bắc Hồng", "HTX Dịch vụ Nguyên Khê"])
        #expect(other.last?.name == "HTX Đồng Anh")
    }

    @Test("both tone placements find each other")
    func tonePlacement() throws {
        let catalog = try sample()
        #expect(try catalog.search("Ứng Hòa").first?.name == "HTX Ứng Hoà Xanh")
        #expect(try catalog.search("ứng hoà").first!.score > 1)
    }

    @Test("the last word matches as a prefix; achievements are searched")
    func prefixAndText() throws {
        let catalog = try sample()
        #expect(try catalog.search("bat tr").map(\.name) == ["HTX Gốm sứ Bát Tràng"])
        #expect(try catalog.search("men rạn").map(\.name) == ["HTX Gốm sứ Bát Tràng"])
    }

    @Test(
        "queries with FTS5 syntax characters never fail",
        arguments: [
            "\"", "\"dong", "dong\" anh", "(dong", "dong)", "dong AND", "AND", "OR NOT", "*", "dong*", "-anh",
            "NEAR(dong anh)",
            "{name}: x", "'; DROP TABLE cooperative; --", "^dong", "đ", "", "   ", "🙂", "a\u{0}b",
        ])
    func hostileQueries(query: String) throws {
        let catalog = try sample()
        _ = try catalog.search(query)
        #expect(try catalog.count() == 5)
    }
}

@Suite("Search paths")
struct SearchPathTests {
    @Test(
        "ranking the whole match set in one pass agrees with the tier-by-tier queries",
        arguments: [
            "dong anh", "Đông Anh", "rau an toan", "rau an toàn", "gốm", "htx", "nong nghiep", "Nông nghiệp Bắc",
            "Ứng Hoà", "bat tr",
            "ba vi", "Ba Vì", "sua bo", "tín dụng", "ha noi", "xanh", "Thủy", "thuy", "dich vu nong nghiep", "quỹ",
        ])
    func pathsAgree(query: String) throws {
        let catalog = try makeCatalog()
        let seeds = Fixtures.seeds
        _ = try catalog.addAll(seeds.sampleCatalog(), origin: origin)
        let onePass = try catalog.search(query, limit: 100, window: 1000, tiered: false)
        let tiered = try catalog.search(query, limit: 100, window: 1000, tiered: true)
        #expect(onePass == tiered)
        #expect(!onePass.isEmpty)
        #expect(onePass.map(\.score) == onePass.map(\.score).sorted(by: >))
    }
}

@Suite("Search with common words")
struct CommonWordSearchTests {
    /// 3,000 records, nearly all holding "sản xuất", with rarer words spread unevenly: enough for the sample.
    static func catalog() throws -> Catalog {
        let catalog = try makeCatalog()
        let places = ["Tân Lập", "Đông Anh", "Thủy Xuân", "Bát Tràng", "Vân Hà"]
        let goods = ["rau an toàn", "gốm men rạn", "thủy sản", "bưởi Diễn", "sữa bò"]
        let coops = (0..<3_000).map { index -> Cooperative in
            var c = coop(
                "HTX \(goods[index % 5].capitalized) \(places[(index / 7) % 5]) \(index)", district: "Gia Lâm",
                achievements: "\(index % 37 == 0 ? "Chế biến" : "Sản xuất") và tiêu thụ \(goods[(index / 3) % 5]) tại "
                    + places[index % 5])
            c.address = index % 11 == 0 ? "Thôn Tân Lập" : "Thôn Đông"
            return c
        }
        _ = try catalog.addAll(coops, origin: origin)
        return catalog
    }

    @Test("a word in every record is left to the checks, and the search finds exactly what it found without that")
    func sameHits() throws {
        let catalog = try Self.catalog()
        func common(_ query: String, ladder: Int = 0) throws -> (Set<Int>, String) {
            let tier = SearchQuery(query).ladders[ladder].last!
            let words = try catalog.read { db in try catalog.commonWords(db, tier) }
            return (words, tier.candidates(omitting: words))
        }
        #expect(try common("thuy san tan lap") == ([1], #"("thuy" AND "tan" AND "lap")"#))
        // Every word common: the index is asked for all of them.
        #expect(try common("san xuat") == ([0, 1], #"("san" AND "xuat")"#))
        // The word being typed is never sampled or left out.
        #expect(try common("van ha san", ladder: 1) == ([], #"("van" AND "ha" AND "san" *)"#))
        #expect(try common("san van ha", ladder: 1) == ([0], #"("van" AND "ha" *)"#))
        for query in [
            "thuy san tan lap", "san xuat rau", "Sản xuất gốm", "san xuat va tieu thu", "san xuat tan l",
            "htx dong anh",
            "tieu thu sua bo van ha", "xuat",
        ] {
            for window in [20, 200, 5_000] {
                let sampled = try catalog.search(query, limit: 20, window: window, tiered: false)
                let whole = try catalog.search(query, limit: 20, window: window, tiered: false, sampling: false)
                #expect(sampled == whole, "\(query), window \(window)")
                #expect(!sampled.isEmpty, "\(query)")
            }
        }
    }
}

@Suite("Stored record JSON")
struct StoredRecordTests {
    @Test("the hand-written record JSON decodes to the same record, for every sample")
    func roundTrip() throws {
        let seeds = Fixtures.seeds
        var samples = try seeds.sampleCatalog()
        var odd = Cooperative(name: "HTX \"Trích dẫn\" \\ xuống\ndòng\t")
        odd.location = GeoPoint(lat: 21.1234567, lon: 105.5)
        odd.charterCapital = 1.234
        odd.contacts = [Contact(role: "Giám đốc")]
        samples.append(odd)
        for var coop in samples {
            coop.figures.sort { $0.year < $1.year }
            coop.grades.sort { $0.year < $1.year }
            let decoded = try JSONDecoder().decode(
                Cooperative.self, from: Data(CooperativeRecordJSON.encode(coop).utf8))
            #expect(decoded == coop)
            #expect(CooperativeRecordJSON.decode(CooperativeRecordJSON.encode(coop)) == coop)
        }
    }

    @Test("the hand-written reader agrees with JSONDecoder, or leaves the text to it, on records and damaged texts")
    func readerAgrees() throws {
        var records = try Fixtures.seeds.sampleCatalog()
        records += ExportRoundTripTests.generated(seed: 11, count: 60)
        var texts = records.map(CooperativeRecordJSON.encode)
        // The contract form (every key, nulls, pretty), older spellings and values the reader must leave alone.
        texts += try records.prefix(10).map { try JSONText.encode($0) }
        texts += [
            #"{"name":"A","members":12.0}"#, #"{"name":"A","members":1e2}"#, #"{"name":"A","sectors":["không có"]}"#,
            #"{"name":"A","legalForm":"Công ty"}"#, #"{"name":"A","receptionHours":[["08:00","07:00"]]}"#,
            #"{"name":"A\u0041\ud83d\ude00","x":[1,{"y":null}],"pilot":null}"#, #"{"name":"A","figures":null}"#,
            #"{"name":"A","charterCapital":1e400}"#, #"{"name":"A","id":7}"#, #"{"name":"A"} x"#, #"{"nam":"A"}"#,
            #"{"name":"A","figures":[{"year":2020,"revenue":"1"}]}"#, #"{"name":"A","grades":[{"year":2020}]}"#,
        ]
        var random = SeededGenerator(seed: 5)
        for text in texts.prefix(40) {
            for _ in 0..<25 {
                var bytes = Array(text.utf8)
                let at = random.below(bytes.count)
                switch random.below(3) {
                case 0: bytes.remove(at: at)
                case 1: bytes[at] = random.pick(Array("{}[]\\\",:0.e-nt".utf8))
                default: bytes.insert(random.pick(Array("{}[]\\\",:0 ".utf8)), at: at)
                }
                texts.append(String(decoding: bytes, as: UTF8.self))
            }
        }
        var fast = 0
        for text in texts {
            let reference = try? JSONDecoder().decode(Cooperative.self, from: Data(text.utf8))
            guard let read = CooperativeRecordJSON.decode(text) else { continue }
            fast += 1
            #expect(read == reference, "\(text.prefix(200))")
        }
        #expect(fast > records.count, "the reader took most texts itself: \(fast) of \(texts.count)")
    }
}

@Suite("Migrations")
struct MigrationTests {
    @Test("a new catalog file is in WAL mode with 16 KiB pages; an older file keeps its page size")
    func newFileSettings() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("htx-pages-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("new.sqlite").path
        let catalog = try Catalog.open(path: path, create: true)
        let (pageSize, mode) = try catalog.writer.read { db in
            (try Int.fetchOne(db, sql: "PRAGMA page_size"), try String.fetchOne(db, sql: "PRAGMA journal_mode"))
        }
        #expect(pageSize == 16_384 && mode == "wal")
        // An empty SQLite file with SQLite's default pages becomes a catalog as it is, with `create` only.
        let older = folder.appendingPathComponent("older.sqlite").path
        #expect(FileManager.default.createFile(atPath: older, contents: nil, attributes: [.posixPermissions: 0o600]))
        try DatabaseQueue(path: older).writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA page_size = 4096; VACUUM")
        }
        #expect(throws: CatalogError.self) { try Catalog.open(path: older) }
        let reopened = try Catalog.open(path: older, create: true)
        #expect(try reopened.writer.read { db in try Int.fetchOne(db, sql: "PRAGMA page_size") } == 4_096)
    }

    @Test(
        "another application's database, a file that is not SQLite, an empty file or a folder is refused byte for byte")
    func foreignFilesRefused() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("htx-foreign-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let other = folder.appendingPathComponent("other.sqlite").path
        try DatabaseQueue(path: other).write { db in
            try db.execute(
                sql:
                    "CREATE TABLE meta(key TEXT, value TEXT); CREATE TABLE cooperative(x); INSERT INTO meta VALUES "
                    + "('a', 'b')"
            )
        }
        let json = folder.appendingPathComponent("self.json").path
        try Data("{\"cooperatives\": []}".utf8).write(to: URL(fileURLWithPath: json))
        let empty = folder.appendingPathComponent("empty.sqlite").path
        try Data().write(to: URL(fileURLWithPath: empty))
        let cases: [(String, CatalogError.NotACatalog)] = [
            (other, .otherDatabase(tables: ["cooperative", "meta"])), (json, .notSQLite), (empty, .empty),
            (folder.path, .notAFile),
        ]
        for (path, reason) in cases {
            let before = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            let bytes = FileManager.default.contents(atPath: path)
            for access in [Catalog.Access.read, .write] {
                #expect(throws: CatalogError.notACatalog(path: path, reason: reason)) {
                    try Catalog.open(path: path, access: access)
                }
            }
            if reason != .empty {
                #expect(throws: CatalogError.notACatalog(path: path, reason: reason)) {
                    try Catalog.open(path: path, create: true)
                }
            }
            #expect(FileManager.default.contents(atPath: path) == bytes, "\(path) unchanged")
            #expect(
                try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == before,
                "no file added beside \(path)")
        }
    }

    @Test("a catalog a newer htx made reads, but refuses every write, naming that htx")
    func newerSchema() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("htx-newer-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("htx.sqlite").path
        let seeds = Fixtures.seeds
        do {
            let catalog = try Catalog.open(path: path, create: true)
            try catalog.loadDistricts(seeds.districts())
            try catalog.add(coop("HTX Mới", district: "Ba Vì"), origin: origin)
            try catalog.writer.write { db in
                try db.execute(sql: "INSERT INTO grdb_migrations(identifier) VALUES ('v5-something-new')")
                try db.execute(sql: "UPDATE meta SET value = 'htx 0.9.0' WHERE key = 'schema_written_by'")
            }
            try catalog.close()
        }
        let bytes = FileManager.default.contents(atPath: path)
        let refusal = CatalogError.newerSchema(path: path, madeBy: "htx 0.9.0", migrations: ["v5-something-new"])
        #expect(throws: refusal) { try Catalog.open(path: path) }
        let reader = try Catalog.open(path: path, access: .read)
        #expect(try reader.count() == 1)
        #expect(reader.writeRefusal == refusal)
        #expect(throws: refusal) { try reader.add(coop("HTX Khác", district: "Ba Vì"), origin: origin) }
        try reader.close()
        #expect(FileManager.default.contents(atPath: path) == bytes)
    }

    @Test("opening a catalog of an older schema backs it up first, then migrates it")
    func backupBeforeMigration() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("htx-migrate-\(UUID().uuidString)")
        let path = folder.appendingPathComponent("old.sqlite").path
        do {
            let catalog = try Catalog.open(path: path, create: true)
            let seeds = Fixtures.seeds
            try catalog.loadDistricts(seeds.districts())
            try catalog.add(coop("HTX Cũ", district: "Ba Vì"), origin: origin)
            // Make it look like a catalog written before the shortlist and itinerary migrations shipped.
            try catalog.writer.writeWithoutTransaction { db in
                try db.execute(
                    sql:
                        "DROP TABLE shortlist; DROP TABLE itinerary; DROP TABLE session; DROP TABLE user; "
                        + "DROP TABLE login_failure; DROP TABLE audit; ALTER TABLE history DROP COLUMN org; "
                        + "DROP INDEX cooperative_unit2025; DROP TABLE unit2021; DROP TABLE unit2025; "
                        + "UPDATE cooperative SET sort_key = x'00'; "
                        + "DELETE FROM grdb_migrations WHERE identifier IN ('v2-shortlist', 'v3-itinerary', "
                        + "'v4-search-exact-text-stored', 'v5-itinerary-visit', 'v6-accounts', 'v7-units-2025', "
                        + "'v8-units-three-dates', 'v9-totp-step')"
                )
                // v1's index, with the long text's exact form indexed too.
                try db.execute(
                    sql: """
                        CREATE VIRTUAL TABLE old_fts USING fts5(name_folded, text_folded, name_exact, text_exact,
                            tokenize = 'unicode61 remove_diacritics 0', columnsize = 0);
                        INSERT INTO old_fts(rowid, name_folded, text_folded, name_exact, text_exact) SELECT rowid, * \
                        FROM cooperative_fts;
                        DROP TABLE cooperative_fts;
                        ALTER TABLE old_fts RENAME TO cooperative_fts;
                        """)
            }
        }
        let reopened = try Catalog.open(path: path)
        let indexSQL = try reopened.writer.read { db in
            try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'cooperative_fts'")
        }
        #expect(indexSQL?.contains("text_exact UNINDEXED") == true)
        #expect(try reopened.search("Ba Vì").map(\.name) == ["HTX Cũ"], "the index came through the migration")
        #expect(try reopened.search("Ba Vì").first!.score > 1)
        let backups = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
            $0.hasPrefix("old.sqlite.before-migration-")
        }
        #expect(backups.count == 1)
        let backup = folder.appendingPathComponent(backups[0]).path
        #expect(try FileManager.default.attributesOfItem(atPath: backup)[.posixPermissions] as? Int == 0o600)
        #expect(
            try Data(contentsOf: URL(fileURLWithPath: backup)).starts(with: Array("SQLite format 3".utf8)),
            "the backup is a database")
        #expect(
            try reopened.doctor().migrations == [
                "v1-catalog", "v2-shortlist", "v3-itinerary", "v4-search-exact-text-stored", "v5-itinerary-visit",
                "v6-accounts", "v7-units-2025", "v8-units-three-dates", "v9-totp-step",
            ])
        #expect(try reopened.shortlists().isEmpty && reopened.count() == 1)
        let key = try reopened.writer.read { db in try Data.fetchOne(db, sql: "SELECT sort_key FROM cooperative") }
        #expect(key == Data(VietnameseText.sortKey("HTX Cũ")), "v7 wrote the sort keys again")
    }
}
