import Foundation
import GRDB
import HTXCore
import HTXSQLiteSetup

/// The one gateway to the SQLite catalog: opening and migrating it, reading and writing cooperatives,
/// full-text search, history, backup and integrity checks. Nothing else in the project touches SQL.
public final class Catalog: Sendable {
    /// One connection (a queue), or, for a server, a pool whose readers work beside the writer on WAL snapshots.
    let writer: any DatabaseWriter
    /// The clock history lines are stamped with; injected so tests can fix time.
    let now: @Sendable () -> Date
    /// The catalog file, or nil in memory.
    public let path: String?
    /// Why this catalog may not be written (a newer schema, a read-only file), or nil when it may.
    public let writeRefusal: CatalogError?
    /// How common each search word is, sampled once per word (`commonWords`).
    let wordShares = WordShareCache()

    init(
        writer: any DatabaseWriter, path: String?, now: @escaping @Sendable () -> Date,
        writeRefusal: CatalogError? = nil
    ) {
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
    /// new catalog (a new file gets mode 0600); without it, a missing file is an error that says to run `htx init`.
    /// Pending migrations on an
    /// existing catalog run after a backup next to the file. A catalog whose schema comes from a newer htx, or a
    /// file this process cannot write, opens for reading only (`writeRefusal` says why); `.write` access refuses
    /// such a file at once. A write waits up to `busyTimeout` seconds for another process's write before failing
    /// with `CatalogError.busy`. With `readers` above 1, an existing catalog opened for writing reads through a pool
    /// of that many connections, each on its own snapshot, so a server's reads run side by side and beside a write.
    public static func open(
        path: String, create: Bool = false, access: Access = .write,
        busyTimeout: Double = defaultBusyTimeout, readers: Int = 1,
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
            return try createWhole(path, busyTimeout: busyTimeout, readers: readers, now: now)
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
                return try openWritable(path, creating: false, busyTimeout: busyTimeout, readers: readers, now: now)
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

    /// Creates a catalog at `path` whole: its schema is made in a file beside it, which is then linked into place
    /// only if nothing is there yet. Two `htx init` at once both end with the same complete catalog; no process
    /// ever sees a file half made (it used to look like another application's database, or fail on a migration
    /// the other had just run).
    static func createWhole(
        _ path: String, busyTimeout: Double, readers: Int, now: @escaping @Sendable () -> Date
    ) throws -> Catalog {
        let folder = PathName.folderOrCurrent(path)
        try PrivateFile.createFolder(folder)
        let (temporary, fd) = try PrivateFile.createUnique(
            in: folder, prefix: "." + PathName.name(path), suffix: ".creating", destination: path)
        Foundation.close(fd)
        defer {
            for suffix in ["", "-wal", "-shm", "-journal"] { unlink(temporary + suffix) }
            PrivateFile.settled(temporary)
        }
        try openWritable(temporary, creating: true, busyTimeout: busyTimeout, now: now).close()
        if link(temporary, path) != 0 {
            let code = errno
            // Another htx made it meanwhile: that catalog is opened as it is. A file system without hard links
            // gets a rename, which only a second `init` in the same instant could race.
            if code != EEXIST {
                var info = stat()
                guard [EPERM, ENOTSUP, EXDEV].contains(code), stat(path, &info) != 0,
                    rename(temporary, path) == 0
                else { throw FileError(.create, path, code: code) }
            }
        }
        return try open(path: path, create: false, busyTimeout: busyTimeout, readers: readers, now: now)
    }

    /// Opens a read-write connection to an htx catalog (or a new empty file) and brings its schema up to date.
    static func openWritable(
        _ path: String, creating: Bool, busyTimeout: Double, readers: Int = 1,
        now: @escaping @Sendable () -> Date
    ) throws -> Catalog {
        do {
            var config = configuration(creating: creating, busyTimeout: busyTimeout)
            let writer: any DatabaseWriter
            if readers > 1, !creating {
                config.maximumReaderCount = readers
                writer = try DatabasePool(path: CatalogFile.plainPath(path), configuration: config)
            } else {
                writer = try DatabaseQueue(path: CatalogFile.plainPath(path), configuration: config)
            }
            let catalog = Catalog(writer: writer, path: path, now: now)
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

}
