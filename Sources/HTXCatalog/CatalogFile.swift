import Foundation
import GRDB
import HTXCore

/// What the file at a catalog path holds, found by reading it without changing a byte.
///
/// Only `htx init` creates a catalog; every other command first asks this what the file is, so that another
/// application's SQLite file, a JSON file given as `--db`, or a catalog made by a newer htx is refused untouched
/// instead of being converted or written to.
struct CatalogFile {
    /// The kinds of file a catalog path can name.
    enum Kind: Equatable {
        /// Nothing there.
        case missing
        /// A file of zero bytes (only `htx init` takes it).
        case empty
        /// A folder, a device or anything else that is not a regular file.
        case notAFile
        /// A file that is not an SQLite database.
        case notSQLite
        /// An SQLite database of another application: its tables, in name order.
        case foreign(tables: [String])
        /// An htx catalog with the migrations it has applied, in the order they ran, and the htx that last
        /// changed its schema (nil for catalogs older than that record).
        case catalog(applied: [String], madeBy: String?)
    }

    /// The path as given.
    let path: String
    /// What the file is.
    let kind: Kind
    /// A read-only connection to the file, open when it is an SQLite database (catalog or not).
    let reader: DatabaseQueue?
    /// Whether this process may write the file and create its journals beside it.
    let writable: Bool

    /// Looks at `path` and reports what it is, through a read-only connection that is kept for reading.
    static func inspect(_ path: String, busyTimeout: Double) throws -> CatalogFile {
        var info = stat()
        guard stat(path, &info) == 0 else {
            if errno == ENOENT { return CatalogFile(path: path, kind: .missing, reader: nil, writable: false) }
            throw FileError(.read, path)
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            return CatalogFile(path: path, kind: .notAFile, reader: nil, writable: false)
        }
        let writable = CatalogFile.canWrite(path)
        guard info.st_size > 0 else { return CatalogFile(path: path, kind: .empty, reader: nil, writable: writable) }
        guard try CatalogFile.hasSQLiteHeader(path) else {
            return CatalogFile(path: path, kind: .notSQLite, reader: nil, writable: writable)
        }
        let reader = try openReader(path, busyTimeout: busyTimeout, writable: writable)
        do {
            let kind = try reader.read { db -> Kind in
                let tables = try String.fetchAll(
                    db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
                // Everything that marks the file as someone's: views, triggers and indexes of its own, and the
                // application id and user version other programs set (a GeoPackage's 'GPKG').
                var marks = tables
                for row in try Row.fetchAll(
                    db, sql: "SELECT type, name FROM sqlite_master WHERE type <> 'table' ORDER BY type, name")
                {
                    marks.append("\(row["type"] as String) \(row["name"] as String)")
                }
                let application = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
                if application != 0 { marks.append("application_id \(CatalogFile.describe(application))") }
                let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
                if version != 0 { marks.append("user_version \(version)") }
                guard tables.contains("grdb_migrations"), tables.contains("cooperative"), tables.contains("meta") else {
                    return .foreign(tables: marks)
                }
                let applied = try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid")
                guard applied.first == CatalogSchema.firstMigration else { return .foreign(tables: marks) }
                let madeBy = try String.fetchOne(
                    db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [Catalog.madeByKey])
                return .catalog(applied: applied, madeBy: madeBy)
            }
            return CatalogFile(path: path, kind: kind, reader: reader, writable: writable)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            return CatalogFile(path: path, kind: .notSQLite, reader: nil, writable: writable)
        }
    }

    /// An application id as its number and, when its four bytes are letters, as text ("1196444487 (GPKG)").
    static func describe(_ id: Int32) -> String {
        let bytes = withUnsafeBytes(of: UInt32(bitPattern: id).bigEndian) { Array($0) }
        let text = bytes.allSatisfy { $0 >= 0x20 && $0 < 0x7F } ? " (\(String(decoding: bytes, as: UTF8.self)))" : ""
        return "\(id)" + text
    }

    /// Whether the file, its folder and the `-wal` and `-shm` files SQLite keeps beside it (where they exist) can
    /// be written.
    static func canWrite(_ path: String) -> Bool {
        let folder = PathName.folderOrCurrent(path)
        guard access(path, W_OK) == 0, access(folder, W_OK) == 0 else { return false }
        // One question per journal: another process closing the catalog may delete them between two (a journal
        // seen to exist, then gone when asked for write access, made a writable catalog look read-only).
        return ["-wal", "-shm"].allSatisfy { access(path + $0, W_OK) == 0 || errno == ENOENT }
    }

    /// Whether the file starts with the 16 bytes every SQLite database starts with.
    static func hasSQLiteHeader(_ path: String) throws -> Bool {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw FileError(.read, path) }
        defer { close(fd) }
        var header = [UInt8](repeating: 0, count: 16)
        let count = read(fd, &header, 16)
        return count == 16 && header == Array("SQLite format 3\0".utf8)
    }

    /// A read-only connection. In a folder this process cannot write, a WAL catalog cannot be read the usual way
    /// (SQLite needs to create its `-shm` file); there, and for a file this process may not write, when no `-wal`
    /// file holds changes, the file is opened as immutable, which is safe because no one is writing it without that
    /// `-wal`.
    static func openReader(_ path: String, busyTimeout: Double, writable: Bool) throws -> DatabaseQueue {
        var config = Catalog.configuration(creating: false, busyTimeout: busyTimeout)
        config.readonly = true
        let folderWritable = access(PathName.folderOrCurrent(path), W_OK) == 0
        var info = stat()
        let walHoldsChanges = stat(path + "-wal", &info) == 0 && info.st_size > 0
        let shmExists = access(path + "-shm", F_OK) == 0
        // Where this process may not write the file, or not its folder, it must create no -wal or -shm file either:
        // one left behind owned by this user would lock the owner out of writing.
        if (!folderWritable || access(path, W_OK) != 0) && !shmExists && !walHoldsChanges {
            return try DatabaseQueue(path: immutableURI(path), configuration: config)
        }
        return try DatabaseQueue(path: plainPath(path), configuration: config)
    }

    /// The path as SQLite must be given it now that `file:` URIs are understood: a relative path that happens to
    /// start with "file:" gets "./" in front, so it stays a file name.
    static func plainPath(_ path: String) -> String {
        path.hasPrefix("file:") || path == ":memory:" ? "./" + path : path
    }

    /// A `file:` URI for `path` with `immutable=1`.
    static func immutableURI(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#%")
        let encoded = absolute.addingPercentEncoding(withAllowedCharacters: allowed) ?? absolute
        return "file:" + encoded + "?immutable=1"
    }
}
