import GRDB
import HTXCore

/// What the catalog refuses or meets, with the values the words need; the words (and what to type or click next)
/// are the edge's, `HTXMessages`.
public enum CatalogError: Error, Equatable, Sendable {
    /// Why a file is not an htx catalog.
    public enum NotACatalog: Equatable, Sendable {
        case empty, notAFile, notSQLite
        /// An SQLite database with tables, views, triggers, indexes or an application id of its own.
        case otherDatabase(tables: [String])
    }

    case notInitialized(path: String)
    case notFound(ref: String)
    case duplicateTaxCode(code: String, id: Int64, name: String)
    case invalid([Diagnostic])
    case busy
    case seedsNotFound(searched: [String])
    case seedInvalid(file: String, detail: String)
    /// The file at the catalog path is not an htx catalog; nothing was changed.
    case notACatalog(path: String, reason: NotACatalog)
    /// The catalog's schema has migrations this htx does not know: a newer htx made it.
    case newerSchema(path: String, madeBy: String?, migrations: [String])
    /// This process may not write the catalog file (or its folder, or its `-shm` file).
    case readOnly(path: String)
    /// The catalog needs its schema upgraded, which needs write access this process does not have.
    case upgradeNeedsWrite(path: String)
    /// The disk (or the file-size limit) is full.
    case diskFull(path: String?)
    /// Reading or writing the file failed (a full disk past SQLite's notice, a size limit, a failing disk).
    case inputOutput(path: String?, detail: String)
    /// Writing the file failed: a full disk, a quota or file-size limit, a failing disk.
    case writeFailed(path: String?)
    /// SQLite could not open the file.
    case cannotOpen(path: String?)
    /// SQLite found the file damaged.
    case damaged(path: String?, detail: String)
    /// Any other SQLite error.
    case database(path: String?, detail: String)
    /// The catalog to back up fails SQLite's quick check: a copy would carry the damage, so none was made.
    case backupOfDamaged(path: String?, detail: String)
    /// A backup's destination is already there.
    case backupExists(path: String)
    /// A user name that is taken (by a disabled account, perhaps).
    case userExists(String, disabled: Bool)
    /// A district that is not one of the 30 of 2021.
    case unknownDistrict(String)
    /// `--unit` named neither a unit in force since 1 July 2025 nor a 2021 commune.
    case unknownUnit(String)
    /// A grade that no known scheme has.
    case unknownGrade(String, known: [String])
    /// One of several records given together has errors (`addAll`): its position (1-based), name and findings.
    case invalidRecord(index: Int, name: String, findings: [Diagnostic])
    case itineraryExists(String)
    case noSuchItinerary(String, known: [String])
    case shortlistExists(String)
    case noSuchShortlist(String, known: [String])
    /// A shortlist that would not read back once stored (a score that is not a number).
    case unsavableShortlist(String, detail: Message)
    /// A stored shortlist that does not read back (saved by an older htx).
    case unreadableShortlist(String, detail: Message)
    /// A cooperative that is not on the shortlist whose status was to change.
    case notOnShortlist(id: Int64, name: String, shortlist: String)
    /// An edit made from an older copy of the record: someone changed it since (who and when), nothing written.
    case staleEdit(id: Int64, name: String, by: String?, at: String)

    /// Turns an SQLite error from below the gateway into a catalog error naming the file.
    public init(_ error: DatabaseError, path: String?) {
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED: self = .busy
        case .SQLITE_READONLY: self = .readOnly(path: path ?? ":memory:")
        case .SQLITE_FULL: self = .diskFull(path: path)
        case .SQLITE_CANTOPEN: self = .cannotOpen(path: path)
        case .SQLITE_NOTADB, .SQLITE_CORRUPT:
            self = .damaged(path: path, detail: error.message ?? "\(error.resultCode)")
        case .SQLITE_IOERR:
            // What SQLite says after a failed write is often "not an error" (the message of another call): say
            // what the code means instead.
            let writing = [.SQLITE_IOERR_WRITE, .SQLITE_IOERR_FSYNC, .SQLITE_IOERR_TRUNCATE].contains(
                error.extendedResultCode)
            let detail = error.message.flatMap { $0 == "not an error" ? nil : $0 } ?? "\(error.extendedResultCode)"
            self = writing ? .writeFailed(path: path) : .inputOutput(path: path, detail: detail)
        default: self = .database(path: path, detail: error.message ?? "\(error.resultCode)")
        }
    }

    /// Turns an SQLite error into a catalog error; nil for other errors.
    public static func translate(_ error: Error) -> CatalogError? {
        (error as? DatabaseError).map { CatalogError($0, path: nil) }
    }
}
