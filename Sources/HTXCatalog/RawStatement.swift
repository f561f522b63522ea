import GRDB
import GRDBSQLite

/// A cached GRDB statement bound, run and read through SQLite's C API, for the catalog's hot paths: the writes
/// every imported row makes and the indexed text a search reads.
///
/// GRDB's `StatementArguments` box every value and build an array per call, and its rows copy every column; at a
/// hundred thousand rows and three statements a row that was most of an import writer's own time. The statement
/// still comes from (and stays in) GRDB's cache, inside GRDB's transaction, and errors come back as GRDB's
/// `DatabaseError`, so the rest of the gateway sees no difference.
struct RawStatement {
    private let statement: Statement
    private let handle: OpaquePointer
    private let connection: OpaquePointer?

    /// SQLite copies bound text and blobs before the call returns.
    private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
    private static let empty: StaticString = ""

    init(_ db: Database, _ sql: String) throws {
        statement = try db.cachedStatement(sql: sql)
        handle = statement.sqliteStatement
        connection = db.sqliteConnection
    }

    /// Binds text (NULL for nil) to the 1-based parameter `index`.
    func bind(_ index: Int32, _ value: String?) {
        guard var text = value else {
            sqlite3_bind_null(handle, index)
            return
        }
        text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else {
                sqlite3_bind_text(
                    handle, index, UnsafeRawPointer(RawStatement.empty.utf8Start).assumingMemoryBound(to: CChar.self),
                    0, RawStatement.transient)
                return
            }
            base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                _ = sqlite3_bind_text(handle, index, $0, Int32(bytes.count), RawStatement.transient)
            }
        }
    }

    /// Binds a blob to the 1-based parameter `index`.
    func bind(_ index: Int32, blob: [UInt8]) {
        blob.withUnsafeBytes { bytes in
            _ = sqlite3_bind_blob(
                handle, index, bytes.baseAddress ?? UnsafeRawPointer(RawStatement.empty.utf8Start), Int32(bytes.count),
                RawStatement.transient)
        }
    }

    /// Binds an integer (NULL for nil) to the 1-based parameter `index`.
    func bind(_ index: Int32, _ value: Int64?) {
        if let value { sqlite3_bind_int64(handle, index, value) } else { sqlite3_bind_null(handle, index) }
    }

    /// Runs a statement that returns no row; throws SQLite's error as a `DatabaseError`.
    func run() throws {
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE else { throw failure(code) }
        sqlite3_reset(handle)
    }

    /// Steps a query: true while it gives a row, whose columns `integer` and `bytes` read; call `reset()` when done.
    func step() throws -> Bool {
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw failure(code)
        }
    }

    /// Makes the statement ready to run again (its bindings stay).
    func reset() { sqlite3_reset(handle) }

    /// The current row's column as an integer.
    func integer(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }

    /// The current row's column as UTF-8 bytes, valid inside `body` only (SQLite owns them until the next step).
    func bytes<T>(_ column: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        let start = sqlite3_column_text(handle, column)
        return body(UnsafeBufferPointer(start: start, count: Int(sqlite3_column_bytes(handle, column))))
    }

    private func failure(_ code: Int32) -> DatabaseError {
        let message = connection.map { String(cString: sqlite3_errmsg($0)) }
        sqlite3_reset(handle)
        return DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
    }
}
