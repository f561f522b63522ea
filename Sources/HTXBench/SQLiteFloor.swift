import Foundation
import GRDBSQLite
import HTXSQLiteSetup

/// The least an import of the generated file can cost: the same rows, index entries and history lines an htx
/// import wrote, held in memory and written again through SQLite's C API into a fresh catalog made by `htx init`.
///
/// No parsing, no checks, no Swift values per field, no GRDB: one prepared statement per table, one transaction, the
/// connection settings htx uses (WAL, `synchronous = NORMAL`, a 16 MiB cache, memory statistics off), and the close
/// that checkpoints the WAL, as at the end of `htx import`. It runs in its own process (`htx-bench --sqlite-floor
/// SOURCE TARGET`) so that it starts, like each tool, with a fresh SQLite; it prints the seconds of the writing alone.
enum SQLiteFloor {
    /// One stored value, as read from the source catalog.
    enum Value {
        case null
        case integer(Int64)
        case text([UInt8])
        case blob([UInt8])
    }

    /// The three tables an import writes, and their columns in insertion order.
    static let tables: [(name: String, columns: [String])] = [
        (
            "cooperative",
            [
                "id", "name", "sort_key", "identity_key", "tax_code", "district", "sectors", "grade", "record",
                "created_at", "updated_at",
            ]
        ),
        ("cooperative_fts", ["rowid", "name_folded", "text_folded", "name_exact", "text_exact"]),
        ("history", ["coop_id", "coop_name", "at", "by", "action", "field", "old", "new", "source"]),
    ]

    /// A failure of SQLite's C API, with its message.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Reads the source's rows, then writes them into `target` and returns the seconds the writing took.
    static func run(source: String, target: String) throws -> Double {
        _ = htx_sqlite_disable_memory_statistics()
        let rows = try tables.map { try read($0.name, $0.columns, from: source) }
        return try write(rows, into: target)
    }

    /// Every row of `table` in rowid order, its `columns` only.
    static func read(_ table: String, _ columns: [String], from path: String) throws -> [[Value]] {
        let db = try open(path, flags: SQLITE_OPEN_READONLY)
        defer { sqlite3_close(db) }
        let statement = try prepare(db, "SELECT \(columns.joined(separator: ", ")) FROM \(table) ORDER BY rowid")
        defer { sqlite3_finalize(statement) }
        var rows: [[Value]] = []
        while sqlite3_step(statement) == SQLITE_ROW {
            rows.append(
                (0..<Int32(columns.count)).map { index in
                    switch sqlite3_column_type(statement, index) {
                    case SQLITE_INTEGER: return .integer(sqlite3_column_int64(statement, index))
                    case SQLITE_TEXT: return .text(bytes(statement, index, sqlite3_column_text(statement, index)))
                    case SQLITE_BLOB: return .blob(bytes(statement, index, sqlite3_column_blob(statement, index)))
                    default: return .null
                    }
                })
        }
        return rows
    }

    /// Writes the rows of the three tables, interleaved record by record as an import writes them.
    static func write(_ rows: [[[Value]]], into path: String) throws -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        let db = try open(path, flags: SQLITE_OPEN_READWRITE)
        for pragma in ["PRAGMA synchronous = NORMAL", "PRAGMA cache_size = -16384", "BEGIN IMMEDIATE"] {
            try execute(db, pragma)
        }
        let statements = try tables.map { table in
            try prepare(
                db,
                "INSERT INTO \(table.name)(\(table.columns.joined(separator: ", "))) VALUES ("
                    + Array(repeating: "?", count: table.columns.count).joined(separator: ", ") + ")")
        }
        for index in rows[0].indices {
            for (table, statement) in statements.enumerated() where index < rows[table].count {
                try insert(rows[table][index], with: statement, db)
            }
        }
        for statement in statements { sqlite3_finalize(statement) }
        try execute(db, "COMMIT")
        guard sqlite3_close(db) == SQLITE_OK else { throw Failure(description: "close failed") }
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    private static func insert(_ row: [Value], with statement: OpaquePointer, _ db: OpaquePointer) throws {
        let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
        for (offset, value) in row.enumerated() {
            let index = Int32(offset + 1)
            switch value {
            case .null: sqlite3_bind_null(statement, index)
            case .integer(let number): sqlite3_bind_int64(statement, index, number)
            case .text(let text):
                text.withUnsafeBufferPointer { buffer in
                    buffer.baseAddress.map { base in
                        base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                            _ = sqlite3_bind_text(statement, index, $0, Int32(buffer.count), transient)
                        }
                    } ?? { _ = sqlite3_bind_text(statement, index, "", 0, transient) }()
                }
            case .blob(let blob):
                blob.withUnsafeBytes {
                    _ = sqlite3_bind_blob(statement, index, $0.baseAddress, Int32($0.count), transient)
                }
            }
        }
        guard sqlite3_step(statement) == SQLITE_DONE else { throw failure(db) }
        sqlite3_reset(statement)
    }

    private static func bytes(_ statement: OpaquePointer?, _ index: Int32, _ pointer: UnsafeRawPointer?) -> [UInt8] {
        let count = Int(sqlite3_column_bytes(statement, index))
        guard let pointer, count > 0 else { return [] }
        return Array(UnsafeRawBufferPointer(start: pointer, count: count))
    }

    private static func open(_ path: String, flags: Int32) throws -> OpaquePointer {
        var db: OpaquePointer?
        guard sqlite3_open_v2(path, &db, flags, nil) == SQLITE_OK, let db else {
            throw Failure(description: "cannot open \(path)")
        }
        sqlite3_busy_timeout(db, 5_000)
        return db
    }

    private static func prepare(_ db: OpaquePointer, _ sql: String) throws -> OpaquePointer {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(db, sql, -1, &statement, nil) == SQLITE_OK, let statement else { throw failure(db) }
        return statement
    }

    private static func execute(_ db: OpaquePointer, _ sql: String) throws {
        guard sqlite3_exec(db, sql, nil, nil, nil) == SQLITE_OK else { throw failure(db) }
    }

    private static func failure(_ db: OpaquePointer) -> Failure {
        Failure(description: String(cString: sqlite3_errmsg(db)))
    }
}
