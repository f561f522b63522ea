import Foundation
import GRDB
import HTXCore

/// What a salvage read out of a damaged catalog, table by table.
public struct SalvageReport: Sendable, Encodable {
    /// One table: the rows copied, and the row ids (ranges) that could not be read; a range may hold ids that
    /// never had a row.
    public struct Table: Sendable, Encodable {
        public var name: String
        public var copied: Int
        public var unreadable: [String]
    }

    public var tables: [Table]
    /// How many cooperatives the new catalog holds.
    public var cooperatives: Int
}

extension Catalog {
    /// The tables a salvage copies, in an order that keeps references whole: records before their history.
    /// Reference data (districts, units, sectors) comes from the seeds instead, sessions are not worth keeping.
    static let salvagedTables = ["cooperative", "history", "shortlist", "itinerary", "user", "audit"]

    /// Copies what can still be read of a damaged catalog into a new catalog at `destination` (which must not
    /// exist): every table row by row, a range that fails to read split in halves until the unreadable rows are
    /// isolated and skipped, then the search index rebuilt. The damaged file is opened read-only and never
    /// changed. For when there is no good backup: `htx doctor --salvage`.
    public static func salvage(
        _ damaged: String, into destination: String, seeds: SeedDirectory,
        now: @escaping @Sendable () -> Date = Date.init
    ) throws -> SalvageReport {
        var info = stat()
        if lstat(destination, &info) == 0 { throw CatalogError.backupExists(path: destination) }
        var config = Configuration()
        config.readonly = true
        let source: DatabaseQueue
        do {
            source = try DatabaseQueue(path: CatalogFile.plainPath(damaged), configuration: config)
        } catch let error as DatabaseError {
            throw CatalogError(error, path: damaged)
        }
        defer { try? source.close() }
        let target = try Catalog.open(path: destination, create: true, now: now)
        try target.loadDistricts(seeds.districts())
        try target.loadUnits(seeds.units())
        var tables: [SalvageReport.Table] = []
        for table in salvagedTables {
            tables.append(try salvage(table, from: source, into: target))
        }
        _ = try target.rebuildSearchIndex()
        let count = try target.count()
        try target.close()
        return SalvageReport(tables: tables, cooperatives: count)
    }

    /// The highest row id of a table of a damaged file, if it can be read (or the last id SQLite handed out).
    static func lastRowID(_ table: String, in source: DatabaseQueue) -> Int64? {
        let largest: Int64?? = try? source.read { db in
            try Int64.fetchOne(db, sql: "SELECT max(rowid) FROM \"\(table)\"")
        }
        if let largest, let largest { return largest }
        let handedOut: Int64?? = try? source.read { db in
            try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = ?", arguments: [table])
        }
        return handedOut ?? nil
    }

    /// Copies one table's readable rows.
    static func salvage(_ table: String, from source: DatabaseQueue, into target: Catalog) throws -> SalvageReport.Table
    {
        let wanted = try target.read { db in try db.columns(in: table).map(\.name) }
        // The columns both schemas have: an older catalog may lack a newer column, which keeps its default.
        let present = (try? source.read { db in try db.columns(in: table).map(\.name) }) ?? []
        let columns = wanted.filter { present.contains($0) }
        guard !columns.isEmpty else { return SalvageReport.Table(name: table, copied: 0, unreadable: ["*"]) }
        let list = columns.map { "\"\($0)\"" }.joined(separator: ", ")
        // The last row id: from the table, else from the ids handed out, else a bound no catalog reaches.
        let high = lastRowID(table, in: source) ?? 10_000_000
        var copied = 0
        var unreadable: [ClosedRange<Int64>] = []
        let marks = columns.map { _ in "?" }.joined(separator: ", ")
        let insert = "INSERT OR IGNORE INTO \"\(table)\"(\(list)) VALUES (\(marks))"
        /// Reads rows of `range`; on failure, halves the range, and names a single row that cannot be read.
        func copy(_ range: ClosedRange<Int64>, depth: Int) throws {
            do {
                let rows = try source.read { db in
                    try Row.fetchAll(
                        db, sql: "SELECT \(list) FROM \"\(table)\" WHERE rowid BETWEEN ? AND ? ORDER BY rowid",
                        arguments: [range.lowerBound, range.upperBound])
                }
                try target.writer.write { db in
                    for row in rows {
                        try db.execute(sql: insert, arguments: StatementArguments(row.databaseValues))
                        copied += db.changesCount
                    }
                }
            } catch let error as DatabaseError where error.resultCode != .SQLITE_CONSTRAINT {
                guard range.count > 1, depth < 64 else {
                    // Ranges side by side are one: a lost page is one run of ids, not hundreds of numbers.
                    if let last = unreadable.last, last.upperBound + 1 == range.lowerBound {
                        unreadable[unreadable.count - 1] = last.lowerBound...range.upperBound
                    } else {
                        unreadable.append(range)
                    }
                    return
                }
                let middle = range.lowerBound + (range.upperBound - range.lowerBound) / 2
                try copy(range.lowerBound...middle, depth: depth + 1)
                try copy((middle + 1)...range.upperBound, depth: depth + 1)
            }
        }
        var start: Int64 = 0
        while start <= high {
            let end = min(high, start + 499)
            try copy(start...end, depth: 0)
            start = end + 1
        }
        let named = unreadable.map { $0.count == 1 ? "\($0.lowerBound)" : "\($0.lowerBound)–\($0.upperBound)" }
        return SalvageReport.Table(name: table, copied: copied, unreadable: named)
    }
}
