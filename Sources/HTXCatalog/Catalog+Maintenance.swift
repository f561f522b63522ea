import Foundation
import GRDB
import HTXCore

extension Catalog {
    // MARK: Maintenance

    /// Copies the catalog to `destination` with SQLite's online backup, after SQLite's quick check found it sound;
    /// the copy is created with mode 0600.
    ///
    /// The copy is written to a new file `destination.RANDOM.partial` and renamed when complete, so a backup that
    /// is interrupted (killed, disk full) never leaves a file under the name that looks like a whole backup, and
    /// no file htx did not make is ever removed or reused.
    public func backup(to destination: String) throws {
        // A damaged catalog is not copied as if it were good: the copy would stand in for a backup.
        let verdict: String
        do {
            verdict = try read { db in
                try String.fetchAll(db, sql: "PRAGMA quick_check").joined(separator: "; ")
                    .replacingOccurrences(of: "\n", with: " ")
            }
        } catch let error as DatabaseError where [.SQLITE_CORRUPT, .SQLITE_NOTADB].contains(error.resultCode) {
            throw CatalogError.backupOfDamaged(path: path, detail: error.message ?? "\(error.resultCode)")
        }
        guard verdict == "ok" else {
            throw CatalogError.backupOfDamaged(path: path, detail: ImportProblem.excerpt(verdict, limit: 200))
        }
        var existing = stat()
        // lstat: a link that leads nowhere is still something there, and is never replaced.
        if lstat(destination, &existing) == 0 {
            throw CatalogError.backupExists(path: destination)
        }
        let folder = PathName.folderOrCurrent(destination)
        try PrivateFile.createFolder(folder)
        let (partial, fd) = try PrivateFile.createUnique(
            in: folder, prefix: PathName.name(destination),
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
            PrivateFile.settled(partial)
        } catch {
            unlink(partial)
            unlink(partial + "-journal")
            PrivateFile.settled(partial)
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
