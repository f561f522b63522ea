import Foundation
import GRDB
import HTXCore
import HTXSQLiteSetup

/// The one gateway to the SQLite catalog: opening and migrating it, reading and writing cooperatives,
/// full-text search, history, backup and integrity checks. Nothing else in the project touches SQL.
public final class Catalog: Sendable {
    let writer: DatabaseQueue
    /// The clock history lines are stamped with; injected so tests can fix time.
    let now: @Sendable () -> Date
    /// The catalog file, or nil in memory.
    public let path: String?
    /// Why this catalog may not be written (a newer schema, a read-only file), or nil when it may.
    public let writeRefusal: CatalogError?

    init(writer: DatabaseQueue, path: String?, now: @escaping @Sendable () -> Date, writeRefusal: CatalogError? = nil) {
        self.writer = writer
        self.path = path
        self.now = now
        self.writeRefusal = writeRefusal
    }

    /// The version of htx this library belongs to, recorded in the catalogs whose schema it writes.
    public static let softwareVersion = "0.1.0"

    /// The `meta` key naming the htx that last changed a catalog's schema ("htx 0.1.0").
    static let madeByKey = "schema_written_by"

    /// What a command means to do with the catalog: only read it, or also write it.
    public enum Access: Sendable {
        case read, write
    }

    /// How long a write waits for another process's write to finish before giving up with "busy", in seconds.
    public static let defaultBusyTimeout: Double = 5

    /// The page cache of a connection, in KiB.
    static let cacheKiB = 16_384

    /// The page size of a new catalog file: 16 KiB, not SQLite's 4 KiB, so that a bulk import splits and writes a
    /// quarter as many pages (about 12% off an import of 100,000 rows, measured). An older file keeps its own.
    static let pageSize = 16_384

    /// SQLite's process-wide settings, made once before its first connection: no memory statistics (a global
    /// mutex on every allocation; about 8% of an import's SQLite time, measured), and `file:` URIs understood (for
    /// reading a catalog in a folder htx cannot write). Later calls do nothing.
    static let processSetup: Void = {
        _ = htx_sqlite_disable_memory_statistics()
        _ = htx_sqlite_enable_uri_filenames()
    }()

    /// The connection settings; WAL and the page size are set when the file is created (both persist in the file),
    /// because asking GRDB for WAL on every open writes to the file, and a read-only command must leave it byte for
    /// byte as it was.
    static func configuration(creating: Bool, busyTimeout: Double = defaultBusyTimeout) -> Configuration {
        Catalog.processSetup
        var config = Configuration()
        config.busyMode = .timeout(busyTimeout)
        config.journalMode = creating ? .wal : .default
        config.foreignKeysEnabled = true
        config.prepareDatabase { db in
            // Before WAL is switched on, while the file is still empty: afterwards the page size is fixed.
            if creating { try db.execute(sql: "PRAGMA page_size = \(Catalog.pageSize)") }
            if !db.configuration.readonly { try db.execute(sql: "PRAGMA synchronous = NORMAL") }
            // Room for an import's working set and a search's pages (16 MiB; taken only as pages are read).
            try db.execute(sql: "PRAGMA cache_size = -\(Catalog.cacheKiB)")
        }
        return config
    }

    /// Opens the catalog file at `path`.
    ///
    /// Only an htx catalog is opened: another application's database, a file that is not SQLite, or a folder is
    /// refused without a byte changed. With `create`, a missing (or zero-byte, or table-less SQLite) file becomes a
    /// new catalog (a new file gets mode 0600); without it, a missing file is an error that says to run `htx init`. Pending migrations on an
    /// existing catalog run after a backup next to the file. A catalog whose schema comes from a newer htx, or a
    /// file this process cannot write, opens for reading only (`writeRefusal` says why); `.write` access refuses
    /// such a file at once. A write waits up to `busyTimeout` seconds for another process's write before failing
    /// with `CatalogError.busy`.
    public static func open(
        path: String, create: Bool = false, access: Access = .write,
        busyTimeout: Double = defaultBusyTimeout,
        now: @escaping @Sendable () -> Date = Date.init
    ) throws -> Catalog {
        Catalog.processSetup
        let file: CatalogFile
        do {
            file = try CatalogFile.inspect(path, busyTimeout: busyTimeout)
        } catch let error as DatabaseError {
            throw CatalogError(error, path: path)
        }
        switch file.kind {
        case .missing:
            guard create else { throw CatalogError.notInitialized(path: path) }
            try createPrivateFile(path)
            return try openWritable(path, creating: true, busyTimeout: busyTimeout, now: now)
        case .empty:
            guard create else { throw CatalogError.notACatalog(path: path, reason: .empty) }
            guard file.writable else { throw CatalogError.readOnly(path: path) }
            // The file becomes a catalog, which holds personal contacts: its owner's only, as a new one is.
            chmod(path, 0o600)
            return try openWritable(path, creating: true, busyTimeout: busyTimeout, now: now)
        case .notAFile:
            throw CatalogError.notACatalog(path: path, reason: .notAFile)
        case .notSQLite:
            throw CatalogError.notACatalog(path: path, reason: .notSQLite)
        case .foreign(let tables):
            // An SQLite file without a single table holds nothing to lose: `htx init` may make it a catalog.
            guard create, tables.isEmpty, file.writable, let reader = file.reader else {
                throw CatalogError.notACatalog(path: path, reason: .otherDatabase(tables: tables))
            }
            try reader.close()
            chmod(path, 0o600)
            return try openWritable(path, creating: false, busyTimeout: busyTimeout, now: now)
        case .catalog(let applied, let madeBy):
            guard let reader = file.reader else { throw CatalogError.notACatalog(path: path, reason: .notSQLite) }
            let known = CatalogSchema.identifiers
            let unknown = applied.filter { !known.contains($0) }
            if !unknown.isEmpty {
                let refusal = CatalogError.newerSchema(path: path, madeBy: madeBy, migrations: unknown)
                if access == .write { throw refusal }
                return Catalog(writer: reader, path: path, now: now, writeRefusal: refusal)
            }
            let pending = known.contains { !applied.contains($0) }
            if pending || (access == .write && file.writable) {
                guard file.writable else {
                    throw pending ? CatalogError.upgradeNeedsWrite(path: path) : CatalogError.readOnly(path: path)
                }
                try reader.close()
                return try openWritable(path, creating: false, busyTimeout: busyTimeout, now: now)
            }
            if access == .write { throw CatalogError.readOnly(path: path) }
            if file.writable {
                // A catalog this process may write is read through a normal connection, which cleans up its
                // -wal and -shm files when it closes; the read-only one is for files it may not write.
                try reader.close()
                return try openWritable(path, creating: false, busyTimeout: busyTimeout, now: now)
            }
            return Catalog(writer: reader, path: path, now: now, writeRefusal: .readOnly(path: path))
        }
    }

    /// Opens a read-write connection to an htx catalog (or a new empty file) and brings its schema up to date.
    static func openWritable(
        _ path: String, creating: Bool, busyTimeout: Double,
        now: @escaping @Sendable () -> Date
    ) throws -> Catalog {
        do {
            let config = configuration(creating: creating, busyTimeout: busyTimeout)
            let queue = try DatabaseQueue(path: CatalogFile.plainPath(path), configuration: config)
            let catalog = Catalog(writer: queue, path: path, now: now)
            try catalog.migrate(backupFirst: !creating)
            return catalog
        } catch let error as DatabaseError {
            throw CatalogError(error, path: path)
        }
    }

    /// Opens a fresh in-memory catalog (tests and benchmarks).
    public static func inMemory(now: @escaping @Sendable () -> Date = Date.init) throws -> Catalog {
        let config = configuration(creating: false)
        let catalog = Catalog(writer: try DatabaseQueue(configuration: config), path: nil, now: now)
        try catalog.migrate(backupFirst: false)
        return catalog
    }

    /// Closes the connection; the catalog cannot be used afterwards. SQLite folds the `-wal` file back into the
    /// catalog and removes it.
    public func close() throws {
        try writer.close()
    }

    /// Creates an empty file readable and writable by its owner only.
    static func createPrivateFile(_ path: String) throws {
        let dir = (path as NSString).deletingLastPathComponent
        if !dir.isEmpty { try PrivateFile.createFolder(dir) }
        let fd = Foundation.open(path, O_CREAT | O_WRONLY | O_EXCL, 0o600)
        guard fd >= 0 else { throw FileError(.create, path) }
        Foundation.close(fd)
        chmod(path, 0o600)
    }

    // MARK: Access

    /// Reads in a snapshot; an SQLite error becomes a catalog error naming the file.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        try naming { try writer.read(body) }
    }

    /// Writes in one transaction, unless the catalog may not be written (`writeRefusal`); an SQLite error becomes
    /// a catalog error naming the file.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        if let writeRefusal { throw writeRefusal }
        return try naming { try writer.write(body) }
    }

    /// Like `write`, without the transaction: the body makes its own.
    func writeWithoutTransaction<T>(_ body: (Database) throws -> T) throws -> T {
        if let writeRefusal { throw writeRefusal }
        return try naming { try writer.writeWithoutTransaction(body) }
    }

    /// Runs `work`, turning an SQLite error into a catalog error that names this catalog's file.
    func naming<T>(_ work: () throws -> T) throws -> T {
        do {
            return try work()
        } catch let error as DatabaseError {
            throw CatalogError(error, path: path)
        }
    }

    func migrate(backupFirst: Bool) throws {
        let migrator = CatalogSchema.migrator
        let pending = try read { db in try !migrator.hasCompletedMigrations(db) }
        guard pending else { return }
        let applied = try read { db in try migrator.appliedIdentifiers(db) }
        if backupFirst, !applied.isEmpty, let path {
            let stamp = Catalog.timestamp(now()).replacingOccurrences(of: ":", with: "")
            // A second attempt in the same second (after an interrupted one) gets its own name.
            let base = "\(path).before-migration-\(stamp)"
            var name = base
            var attempt = 1
            while FileManager.default.fileExists(atPath: name) {
                attempt += 1
                name = "\(base)-\(attempt)"
            }
            try backup(to: name)
        }
        try naming { try migrator.migrate(writer) }
        try write { db in
            for sector in Sector.allCases {
                try db.execute(
                    sql: "INSERT OR REPLACE INTO sector(code, label) VALUES (?, ?)",
                    arguments: [sector.rawValue, sector.label])
            }
            for form in LegalForm.allCases {
                try db.execute(
                    sql: "INSERT OR REPLACE INTO legal_form(code, label) VALUES (?, ?)",
                    arguments: [form.rawValue, form.label])
            }
            try db.execute(
                sql: "INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)",
                arguments: [Catalog.madeByKey, "htx \(Catalog.softwareVersion)"])
        }
    }

    static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!))
    }

    // MARK: Reference data

    /// Loads (or refreshes) the 2021 district table.
    public func loadDistricts(_ directory: DistrictDirectory) throws {
        try write { db in
            for d in directory.districts {
                try db.execute(
                    sql: """
                        INSERT INTO district(code, type, name, lat, lon) VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT(code) DO UPDATE SET type = excluded.type, name = excluded.name, lat = excluded.lat, lon = excluded.lon
                        """, arguments: [d.code, d.type, d.name, d.centre.lat, d.centre.lon])
            }
            try db.execute(
                sql: "INSERT OR IGNORE INTO meta(key, value) VALUES ('created_at', ?)",
                arguments: [Catalog.timestamp(now())])
        }
    }

    /// The district table stored in the catalog.
    public func districts() throws -> DistrictDirectory {
        try read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT code, type, name, lat, lon FROM district ORDER BY code")
            return DistrictDirectory(
                rows.map {
                    District(
                        code: $0["code"], type: $0["type"], name: $0["name"],
                        centre: GeoPoint(lat: $0["lat"], lon: $0["lon"]))
                })
        }
    }

    func normalizer() throws -> CooperativeNormalizer {
        let directory = try districts()
        guard !directory.districts.isEmpty else { throw CatalogError.notInitialized(path: path ?? ":memory:") }
        let year = Calendar(identifier: .gregorian).component(.year, from: now())
        return CooperativeNormalizer(districts: directory, currentYear: year)
    }

    // MARK: Reading

    /// Resolves an id or a tax code to a stored cooperative.
    public func cooperative(_ ref: String) throws -> Cooperative {
        try read { db in try Catalog.fetch(db, ref: ref) }
    }

    static func fetch(_ db: Database, ref: String) throws -> Cooperative {
        let trimmed = ref.trimmingCharacters(in: .whitespaces)
        var row: Row?
        if let code = try? TaxCode.parse(trimmed).code {
            row = try Row.fetchOne(
                db, sql: "SELECT id, record FROM cooperative WHERE tax_code = ?", arguments: [code.value])
        }
        if row == nil, let id = Int64(trimmed.hasPrefix("#") ? String(trimmed.dropFirst()) : trimmed) {
            row = try Row.fetchOne(db, sql: "SELECT id, record FROM cooperative WHERE id = ?", arguments: [id])
        }
        guard let row else { throw CatalogError.notFound(ref: ref) }
        return try decode(row)
    }

    static func decode(_ row: Row) throws -> Cooperative {
        let record: String = row["record"]
        var coop = try JSONDecoder().decode(Cooperative.self, from: Data(record.utf8))
        coop.id = row["id"]
        return coop
    }

    /// Every cooperative, in Vietnamese name order.
    public func allCooperatives() throws -> [Cooperative] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT id, record FROM cooperative ORDER BY sort_key, id").map(Catalog.decode)
        }
    }

    /// The cooperatives matching the filter, in Vietnamese name order. Unknown filter values are errors that list the known ones.
    public func list(_ filter: ListFilter = ListFilter()) throws -> [CooperativeSummary] {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let text = filter.district {
            guard let district = try districts().find(text) else {
                throw UserError(
                    "không có quận/huyện \"\(text)\"; xem danh sách trong Seeds/\(SeedDirectory.districtsFile)",
                    "no district \"\(text)\"; see the list in Seeds/\(SeedDirectory.districtsFile)")
            }
            conditions.append("district = ?")
            _ = arguments.append(contentsOf: [district.name])
        }
        if let sector = filter.sector {
            conditions.append("(' ' || sectors || ' ') LIKE ?")
            _ = arguments.append(contentsOf: ["% \(sector.rawValue) %"])
        }
        if let grade = filter.grade {
            let known = GradeScheme.known.flatMap { $0.bands.map(\.label) }
            guard let label = known.first(where: { VietnameseText.fold($0) == VietnameseText.fold(grade) }) else {
                throw UserError(
                    "xếp loại \"\(grade)\" không rõ; dùng: \(known.joined(separator: ", "))",
                    "unknown grade \"\(grade)\"; use: \(known.joined(separator: ", "))")
            }
            conditions.append("grade = ?")
            _ = arguments.append(contentsOf: [label])
        }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        return try read { db in
            try Row.fetchAll(
                db,
                sql:
                    "SELECT id, name, tax_code, district, sectors, grade FROM cooperative \(whereClause) ORDER BY sort_key, id",
                arguments: arguments
            ).map(Catalog.summary)
        }
    }

    static func summary(_ row: Row) -> CooperativeSummary {
        let sectors: String = row["sectors"]
        let first = sectors.split(separator: " ").first.flatMap { Sector(rawValue: String($0)) }
        return CooperativeSummary(
            id: row["id"], name: row["name"], taxCode: row["tax_code"], district: row["district"],
            sector: first?.label, grade: row["grade"])
    }

    /// The number of cooperatives.
    public func count() throws -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM cooperative") ?? 0 }
    }

    /// A cooperative's history, oldest first; the record may since have been removed.
    public func history(_ ref: String) throws -> [HistoryEntry] {
        try read { db in
            let id: Int64
            if let coop = try? Catalog.fetch(db, ref: ref), let found = coop.id {
                id = found
            } else if let removed = Int64(ref),
                try Bool.fetchOne(
                    db, sql: "SELECT EXISTS(SELECT 1 FROM history WHERE coop_id = ?)", arguments: [removed]) == true
            {
                id = removed
            } else {
                throw CatalogError.notFound(ref: ref)
            }
            return try Row.fetchAll(
                db, sql: "SELECT at, by, action, field, old, new, source FROM history WHERE coop_id = ? ORDER BY id",
                arguments: [id]
            ).map {
                HistoryEntry(
                    at: $0["at"], by: $0["by"], action: HistoryEntry.Action(rawValue: $0["action"]) ?? .update,
                    field: $0["field"], old: $0["old"], new: $0["new"], source: $0["source"])
            }
        }
    }

    // MARK: Writing

    /// Adds a new cooperative after normalising it; returns it with its id and the warnings. Errors throw and write nothing.
    @discardableResult
    public func add(_ coop: Cooperative, origin: ChangeOrigin) throws -> (Cooperative, [Diagnostic]) {
        var record = coop
        var findings = try normalizer().normalize(&record)
        if findings.contains(where: { $0.severity == .error }) { throw CatalogError.invalid(findings) }
        let stamp = Catalog.timestamp(now())
        let stored = try write { db in
            findings += try Catalog.likelyDuplicates(db, of: record)
            return try Catalog.insert(db, record, origin: origin, at: stamp)
        }
        return (stored, findings)
    }

    /// Adds many records in one transaction: all or none. Records whose tax code is already present are skipped and returned apart.
    public func addAll(
        _ coops: [Cooperative], origin: ChangeOrigin
    ) throws -> (added: [Cooperative], skipped: [Cooperative]) {
        let normalizer = try normalizer()
        var records: [Cooperative] = []
        records.reserveCapacity(coops.count)
        for (index, coop) in coops.enumerated() {
            var record = coop
            let findings = normalizer.normalize(&record)
            if findings.contains(where: { $0.severity == .error }) {
                throw UserError(
                    "bản ghi \(index + 1) (\(coop.name)): \(CatalogError.invalid(findings).message.vi)",
                    "record \(index + 1) (\(coop.name)): \(CatalogError.invalid(findings).message.en)")
            }
            records.append(record)
        }
        let stamp = Catalog.timestamp(now())
        return try write { db in
            var added: [Cooperative] = []
            var skipped: [Cooperative] = []
            for record in records {
                if let code = record.taxCode,
                    try Bool.fetchOne(
                        db, sql: "SELECT EXISTS(SELECT 1 FROM cooperative WHERE tax_code = ?)", arguments: [code])
                        == true
                {
                    skipped.append(record)
                    continue
                }
                added.append(try Catalog.insert(db, record, origin: origin, at: stamp))
            }
            return (added, skipped)
        }
    }

    /// Warnings for stored records that look like the same cooperative: the same name without its legal-form
    /// prefix, in the same district (or where either has none).
    static func likelyDuplicates(_ db: Database, of record: Cooperative) throws -> [Diagnostic] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT id, name, district FROM cooperative
                WHERE identity_key = ? AND (district IS ? OR district IS NULL OR ? IS NULL) AND id IS NOT ?
                """, arguments: [QualityCheck.identityKey(record.name), record.district, record.district, record.id])
        return rows.map { row in
            let place = (row["district"] as String?).map { " (\($0))" } ?? ""
            return .warning(
                "name", "có thể trùng với #\(row["id"] as Int64) \(row["name"] as String)\(place)",
                "may duplicate #\(row["id"] as Int64) \(row["name"] as String)\(place)")
        }
    }

    /// Inserts a normalised record with its index entry and a "create" history line, after checking that its tax
    /// code is free (an import, which has looked every row up, calls `insertRow` directly).
    static func insert(
        _ db: Database, _ record: Cooperative, origin: ChangeOrigin, at stamp: String
    ) throws -> Cooperative {
        if let code = record.taxCode,
            let owner = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT id, name FROM cooperative WHERE tax_code = ?"), arguments: [code])
        {
            throw CatalogError.duplicateTaxCode(code: code, id: owner["id"], name: owner["name"])
        }
        var stored = record
        stored.id = try insertRow(db, DerivedColumns(record), origin: origin, at: stamp)
        return stored
    }

    /// Writes a new record's row, index entry and "create" history line from its derived columns; returns its id.
    static func insertRow(
        _ db: Database, _ columns: DerivedColumns, origin: ChangeOrigin, at stamp: String
    ) throws -> Int64 {
        let insert = try RawStatement(
            db,
            """
            INSERT INTO cooperative(name, sort_key, identity_key, tax_code, district, sectors, grade, record, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        columns.bind(to: insert)
        insert.bind(9, stamp)
        insert.bind(10, stamp)
        try insert.run()
        let id = db.lastInsertedRowID
        try index(db, id, columns, isNew: true)
        try recordHistory(
            db, id: id, name: columns.name, at: stamp, origin: origin, action: .create, field: nil, old: nil,
            new: columns.name)
        return id
    }

    /// Writes (or rewrites) the full-text entry of cooperative `id`.
    static func index(_ db: Database, _ id: Int64, _ columns: DerivedColumns, isNew: Bool = false) throws {
        if !isNew {
            try db.cachedStatement(sql: "DELETE FROM cooperative_fts WHERE rowid = ?").execute(arguments: [id])
        }
        let insert = try RawStatement(
            db,
            "INSERT INTO cooperative_fts(rowid, name_folded, text_folded, name_exact, text_exact) VALUES (?, ?, ?, ?, ?)"
        )
        insert.bind(1, id)
        insert.bind(2, columns.names.folded)
        insert.bind(3, columns.other.folded)
        insert.bind(4, columns.names.exact)
        insert.bind(5, columns.other.exact)
        try insert.run()
    }

    static func recordHistory(
        _ db: Database, id: Int64, name: String, at: String, origin: ChangeOrigin, action: HistoryEntry.Action,
        field: String?, old: String?, new: String?
    ) throws {
        let insert = try RawStatement(
            db,
            "INSERT INTO history(coop_id, coop_name, at, by, action, field, old, new, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
        )
        insert.bind(1, id)
        insert.bind(2, name)
        insert.bind(3, at)
        insert.bind(4, origin.by)
        insert.bind(5, action.rawValue)
        insert.bind(6, field)
        insert.bind(7, old)
        insert.bind(8, new)
        insert.bind(9, origin.source)
        try insert.run()
    }

    /// Sets fields (`coop show` keys) from text, checks the result, stores it and records each changed field in history.
    @discardableResult
    public func edit(
        _ ref: String, set assignments: [(field: String, value: String)], origin: ChangeOrigin
    ) throws -> (Cooperative, [CooperativeDiff.Change], [Diagnostic]) {
        let normalizer = try normalizer()
        let stamp = Catalog.timestamp(now())
        return try write { db in
            let old = try Catalog.fetch(db, ref: ref)
            var new = old
            for assignment in assignments {
                try CooperativeField.set(assignment.field, to: assignment.value, in: &new)
            }
            let findings = normalizer.normalize(&new)
            if findings.contains(where: { $0.severity == .error }) { throw CatalogError.invalid(findings) }
            let changes = CooperativeDiff.changes(from: old, to: new)
            guard !changes.isEmpty else { return (new, [], findings) }
            try Catalog.replace(db, new, at: stamp)
            for change in changes {
                try Catalog.recordHistory(
                    db, id: old.id!, name: new.name, at: stamp, origin: origin, action: .update,
                    field: change.field, old: change.old, new: change.new)
            }
            return (new, changes, findings)
        }
    }

    static func replace(_ db: Database, _ record: Cooperative, at stamp: String) throws {
        if let code = record.taxCode,
            let owner = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT id, name FROM cooperative WHERE tax_code = ? AND id <> ?"),
                arguments: [code, record.id])
        {
            throw CatalogError.duplicateTaxCode(code: code, id: owner["id"], name: owner["name"])
        }
        let columns = DerivedColumns(record)
        let update = try RawStatement(
            db,
            """
            UPDATE cooperative SET name = ?, sort_key = ?, identity_key = ?, tax_code = ?, district = ?, sectors = ?, grade = ?,
                record = ?, updated_at = ? WHERE id = ?
            """)
        columns.bind(to: update)
        update.bind(9, stamp)
        update.bind(10, record.id)
        try update.run()
        try index(db, record.id!, columns)
    }

    /// Removes a cooperative; history keeps its whole last record, so nothing is lost without a trace.
    @discardableResult
    public func remove(_ ref: String, origin: ChangeOrigin) throws -> Cooperative {
        let stamp = Catalog.timestamp(now())
        return try write { db in
            let old = try Catalog.fetch(db, ref: ref)
            var plain = old
            plain.id = nil
            let snapshot = try JSONText.encode(plain, pretty: false)
            try db.execute(sql: "DELETE FROM cooperative WHERE id = ?", arguments: [old.id])
            try db.execute(sql: "DELETE FROM cooperative_fts WHERE rowid = ?", arguments: [old.id])
            try Catalog.recordHistory(
                db, id: old.id!, name: old.name, at: stamp, origin: origin, action: .delete, field: nil, old: snapshot,
                new: nil)
            return old
        }
    }

    // MARK: Maintenance

    /// Copies the catalog to `destination` with SQLite's online backup; the copy is created with mode 0600.
    ///
    /// The copy is written to a new file `destination.RANDOM.partial` and renamed when complete, so a backup that
    /// is interrupted (killed, disk full) never leaves a file under the name that looks like a whole backup, and
    /// no file htx did not make is ever removed or reused.
    public func backup(to destination: String) throws {
        var existing = stat()
        // lstat: a link that leads nowhere is still something there, and is never replaced.
        if lstat(destination, &existing) == 0 {
            throw UserError(
                "\(destination) đã tồn tại; chọn tên khác để không ghi đè",
                "\(destination) already exists; choose another name so nothing is overwritten")
        }
        let folder = (destination as NSString).deletingLastPathComponent
        try PrivateFile.createFolder(folder)
        let (partial, fd) = try PrivateFile.createUnique(
            in: folder.isEmpty ? "." : folder, prefix: (destination as NSString).lastPathComponent,
            suffix: ".partial", destination: destination)
        Foundation.close(fd)
        do {
            let target = try DatabaseQueue(path: CatalogFile.plainPath(partial))
            do {
                try writer.backup(to: target)
            } catch let error as DatabaseError {
                try? target.close()
                throw CatalogError(error, path: destination)
            }
            try target.close()
            guard rename(partial, destination) == 0 else { throw FileError(.rename, destination) }
        } catch {
            unlink(partial)
            unlink(partial + "-journal")
            throw error
        }
    }

    /// Runs SQLite's integrity check and the full-text index's own check, and gathers schema, count and file facts.
    ///
    /// The catalog is reported damaged only when a check finds damage. A check that cannot run (another process
    /// holds the write lock, the file is read-only) is reported as not run, with the reason.
    public func doctor() throws -> DoctorReport {
        let migrator = CatalogSchema.migrator
        var report = try read { db -> DoctorReport in
            let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "; ")
            let applied = try migrator.appliedIdentifiers(db).sorted()
            var counts: [String: Int] = [:]
            for table in ["cooperative", "history", "district", "shortlist", "itinerary"] {
                counts[table] = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0
            }
            // Every record has exactly one index entry (a read-only check; the index's own check needs a write lock).
            let unindexed =
                try Int.fetchOne(
                    db,
                    sql: """
                        SELECT (SELECT count(*) FROM cooperative WHERE id NOT IN (SELECT rowid FROM cooperative_fts))
                             + (SELECT count(*) FROM cooperative_fts WHERE rowid NOT IN (SELECT id FROM cooperative))
                        """) ?? 0
            var mode: String?
            if let path, let attributes = try? FileManager.default.attributesOfItem(atPath: path),
                let permissions = attributes[.posixPermissions] as? Int
            {
                mode = String(permissions, radix: 8)
            }
            return DoctorReport(
                path: path ?? ":memory:", integrity: integrity, searchIndex: unindexed == 0 ? .ok : .damaged,
                searchIndexNote: unindexed == 0 ? nil : "\(unindexed) records and index entries do not match",
                schemaVersion: applied.last ?? "none", migrations: applied,
                journalMode: try Catalog.journalMode(db, path: path),
                fileMode: mode, writable: writeRefusal == nil,
                sqliteVersion: try String.fetchOne(db, sql: "SELECT sqlite_version()") ?? "?", counts: counts)
        }
        guard report.searchIndex == .ok else { return report }
        if writeRefusal != nil {
            report.searchIndex = .entriesCounted
            report.searchIndexNote = "read-only"
            return report
        }
        do {
            try writer.writeWithoutTransaction { db in
                try db.execute(sql: "INSERT INTO cooperative_fts(cooperative_fts, rank) VALUES('integrity-check', 1)")
            }
        } catch let error as DatabaseError {
            switch error.resultCode {
            case .SQLITE_BUSY, .SQLITE_LOCKED: (report.searchIndex, report.searchIndexNote) = (.entriesCounted, "busy")
            case .SQLITE_READONLY: (report.searchIndex, report.searchIndexNote) = (.entriesCounted, "read-only")
            case .SQLITE_CORRUPT, .SQLITE_CORRUPT_VTAB:
                (report.searchIndex, report.searchIndexNote) = (.damaged, error.message ?? "corrupt")
            default: throw CatalogError(error, path: path)
            }
        }
        return report
    }
}

extension Catalog {
    /// Rebuilds the full-text index from the records (the records themselves are not touched): what `doctor
    /// --repair` does when the index no longer matches them. Returns how many records were indexed.
    public func rebuildSearchIndex() throws -> Int {
        try write { db in
            try db.execute(sql: "DELETE FROM cooperative_fts")
            let rows = try Row.fetchAll(db, sql: "SELECT id, record FROM cooperative ORDER BY id")
            for row in rows {
                let coop = try Catalog.decode(row)
                guard let id = coop.id else { continue }
                try Catalog.index(db, id, DerivedColumns(coop), isNew: true)
            }
            return rows.count
        }
    }

    /// The journal mode: SQLite's answer, except that a file opened as immutable (a read-only folder) says "delete"
    /// whatever it is, so there the file's header tells (bytes 18 and 19 are 2 in WAL mode).
    static func journalMode(_ db: Database, path: String?) throws -> String {
        let mode = try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "?"
        guard db.configuration.readonly, let path, let handle = FileHandle(forReadingAtPath: path) else { return mode }
        defer { try? handle.close() }
        let header = [UInt8](handle.readData(ofLength: 20))
        return header.count == 20 && header[18] == 2 && header[19] == 2 ? "wal" : mode
    }
}

extension Catalog {
    /// How many matches are read at once: below it a ladder's whole match set is ranked in one pass; above
    /// it, tier by tier, each tier's first `searchWindow` matches are ordered and the rest taken in catalog order.
    public static let searchWindow = 200

    /// Full-text search over names, other names, address, commune, district, sectors, products and achievements.
    ///
    /// Folds case, tones and đ ("dong anh" finds "Đông Anh"). Results come tier by tier (`SearchQuery`):
    /// matches with the accents typed first (score above 1), then folded ones; a phrase in a name before
    /// a phrase elsewhere before scattered words; whole words before a last word taken as a prefix;
    /// within a tier, by how much of the name the query covers. No bm25: its IDF step reads every match
    /// of every word, so a query would cost in proportion to the catalog, not to the page it returns.
    public func search(_ text: String, limit: Int = 20) throws -> [SearchHit] {
        try search(text, limit: limit, window: Catalog.searchWindow, tiered: false)
    }

    /// The search with its window and path exposed, so tests can prove the one-pass and tiered paths agree.
    func search(_ text: String, limit: Int, window: Int, tiered: Bool) throws -> [SearchHit] {
        let query = SearchQuery(text)
        guard !query.isEmpty, limit > 0 else { return [] }
        let queryLength = Double(query.foldedWords.joined(separator: " ").count)
        let window = max(window, limit)
        func relevance(_ nameLength: Int) -> Double { min(0.999, queryLength / Double(max(1, nameLength))) }
        func score(_ tier: SearchQuery.Tier, _ relevance: Double) -> Double {
            (tier.exact ? 1 : 0) + (Double(tier.groupSize - tier.rank) - 1 + relevance) / Double(tier.groupSize)
        }
        return try read { db in
            var ranked: [(id: Int64, score: Double)] = []
            var seen = Set<Int64>()
            for ladder in query.ladders where ranked.count < limit {
                let matches = try Int64.fetchAll(
                    db, sql: "SELECT rowid FROM cooperative_fts WHERE cooperative_fts MATCH ? LIMIT ?",
                    arguments: [ladder.last!.expression, window + 1]
                ).filter { !seen.contains($0) }
                var hits: [(id: Int64, score: Double)] = []
                if matches.count <= window && !tiered {
                    // The ladder's whole match set is in hand: read its indexed text and place each record in its best tier.
                    let checks = ladder.map(SearchQuery.TierCheck.init)
                    for match in try Catalog.indexedText(
                        db, matches, exact: ladder.contains(where: \.exact),
                        { row in
                            checks.first {
                                $0.matches(
                                    names: $0.tier.exact ? row.nameExact : row.nameFolded,
                                    text: $0.tier.exact ? row.textExact : row.textFolded)
                            }?.tier
                        })
                    {
                        hits.append((match.id, score(match.result, relevance(match.nameLength))))
                    }
                } else {
                    var tierSeen = seen
                    for tier in ladder where ranked.count + hits.count < limit {
                        var tierHits: [(id: Int64, score: Double)] = []
                        for match in try Catalog.tierMatches(db, tier, limit: window) where !tierSeen.contains(match.id)
                        {
                            tierHits.append((match.id, score(tier, relevance(match.nameLength))))
                        }
                        tierHits.sort { $0.score > $1.score || ($0.score == $1.score && $0.id < $1.id) }
                        for hit in tierHits.prefix(limit - ranked.count - hits.count) {
                            tierSeen.insert(hit.id)
                            hits.append(hit)
                        }
                    }
                }
                hits.sort { $0.score > $1.score || ($0.score == $1.score && $0.id < $1.id) }
                for hit in hits.prefix(limit - ranked.count) {
                    seen.insert(hit.id)
                    ranked.append(hit)
                }
            }
            guard !ranked.isEmpty else { return [] }
            let placeholders = Array(repeating: "?", count: ranked.count).joined(separator: ",")
            let rows = try Row.fetchAll(
                db,
                sql:
                    "SELECT id, name, tax_code, district, sectors, grade FROM cooperative WHERE id IN (\(placeholders))",
                arguments: StatementArguments(ranked.map(\.id)))
            var summaries: [Int64: CooperativeSummary] = [:]
            for row in rows { summaries[row["id"]] = Catalog.summary(row) }
            return ranked.compactMap { hit in
                summaries[hit.id].map { SearchHit($0, score: (hit.score * 1000).rounded(.down) / 1000) }
            }
        }
    }
}

extension Catalog {
    /// One record's indexed forms as FTS5 stores them, valid while `indexedText`'s body runs.
    struct IndexedRow {
        let nameFolded: UnsafeBufferPointer<UInt8>, textFolded: UnsafeBufferPointer<UInt8>
        let nameExact: UnsafeBufferPointer<UInt8>, textExact: UnsafeBufferPointer<UInt8>
    }

    /// Reads the indexed forms of the records `ids` straight from SQLite's buffers (the exact ones only when
    /// `exact`) and keeps what `body` makes of each, with the id and the length of its folded names in characters.
    static func indexedText<T>(
        _ db: Database, _ ids: [Int64], exact: Bool, _ body: (IndexedRow) -> T?
    ) throws -> [(id: Int64, nameLength: Int, result: T)] {
        guard !ids.isEmpty else { return [] }
        let query = try RawStatement(
            db,
            """
            SELECT rowid, name_folded, text_folded, \(exact ? "name_exact, text_exact" : "'', ''") FROM cooperative_fts
            WHERE rowid IN (\(Array(repeating: "?", count: ids.count).joined(separator: ",")))
            """)
        for (index, id) in ids.enumerated() { query.bind(Int32(index + 1), id) }
        defer { query.reset() }
        var results: [(id: Int64, nameLength: Int, result: T)] = []
        while try query.step() {
            let found = query.bytes(1) { nameFolded in
                query.bytes(2) { textFolded in
                    query.bytes(3) { nameExact in
                        query.bytes(4) { textExact in
                            body(
                                IndexedRow(
                                    nameFolded: nameFolded, textFolded: textFolded, nameExact: nameExact,
                                    textExact: textExact)
                            )
                            .map { ($0, nameFolded.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }) }
                        }
                    }
                }
            }
            if let (result, nameLength) = found { results.append((query.integer(0), nameLength, result)) }
        }
        return results
    }

    /// A tier's first `limit` matches in catalog order, with the length of each one's folded names.
    ///
    /// FTS5 decides most tiers alone; for accent-exact words anywhere it gives the folded matches, and each one's
    /// stored exact text decides, read until `limit` have passed (the long text's exact form is not indexed).
    static func tierMatches(
        _ db: Database, _ tier: SearchQuery.Tier, limit: Int
    ) throws -> [(id: Int64, nameLength: Int)] {
        guard tier.checksAccentsAfterIndex else {
            return try Row.fetchAll(
                db, sql: "SELECT rowid, length(name_folded) FROM cooperative_fts WHERE cooperative_fts MATCH ? LIMIT ?",
                arguments: [tier.expression, limit]
            ).map { ($0[0], $0[1]) }
        }
        var matches: [(id: Int64, nameLength: Int)] = []
        let query = try RawStatement(
            db,
            "SELECT rowid, length(name_folded), name_exact, text_exact FROM cooperative_fts WHERE cooperative_fts MATCH ?"
        )
        query.bind(1, tier.expression)
        defer { query.reset() }
        let check = SearchQuery.TierCheck(tier)
        while matches.count < limit, try query.step() {
            let satisfied = query.bytes(2) { names in query.bytes(3) { text in check.matches(names: names, text: text) }
            }
            if satisfied { matches.append((query.integer(0), Int(query.integer(1)))) }
        }
        return matches
    }
}
