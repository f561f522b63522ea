import Foundation
import GRDB
import HTXCore

extension Catalog {

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
        date.formatted(Date.ISO8601FormatStyle(timeZone: .gmt))
    }
}
