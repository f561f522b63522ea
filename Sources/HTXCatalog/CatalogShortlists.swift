import Foundation
import GRDB
import HTXCore

/// One line of `shortlist list`.
public struct ShortlistSummary: Codable, Sendable, Equatable {
    public var name: String
    public var profile: String
    public var builtAt: String
    public var size: Int
    public var approved: Int
    public var rejected: Int
}

extension Catalog {
    /// Saves a shortlist built by HTXShortlist; each pick's status goes to history, with the status it had in the
    /// shortlist it replaces (only with `replace`), and a pick that left it is recorded as leaving (new: nil).
    public func saveShortlist(_ record: ShortlistRecord, replace: Bool, origin: ChangeOrigin) throws {
        let stamp = Catalog.timestamp(now())
        // Never store what cannot be read back (a score that is not a number, say).
        let text = try JSONText.encode(record, pretty: false)
        do {
            _ = try JSONDecoder().decode(ShortlistRecord.self, from: Data(text.utf8))
        } catch {
            throw CatalogError.unsavableShortlist(record.name, detail: DecodingProblem.describe(error))
        }
        try write { db in
            var before: [Int64: ShortlistRecord.Entry] = [:]
            if try Bool.fetchOne(
                db, sql: "SELECT EXISTS(SELECT 1 FROM shortlist WHERE name = ?)", arguments: [record.name]) == true
            {
                guard replace else {
                    throw CatalogError.shortlistExists(record.name)
                }
                let old = try? Catalog.fetchShortlist(db, record.name)
                for entry in old?.entries ?? [] { before[entry.id] = entry }
                try db.execute(sql: "DELETE FROM shortlist WHERE name = ?", arguments: [record.name])
            }
            try db.execute(
                sql: "INSERT INTO shortlist(name, record, built_at, updated_at) VALUES (?, ?, ?, ?)",
                arguments: [record.name, text, record.builtAt, stamp])
            let field = "shortlist:\(record.name)"
            for entry in record.entries {
                let old = before.removeValue(forKey: entry.id)?.status.rawValue
                guard old != entry.status.rawValue else { continue }
                try Catalog.recordHistory(
                    db, id: entry.id, name: entry.name, at: stamp, origin: origin, action: .status, field: field,
                    old: old, new: entry.status.rawValue)
            }
            for entry in before.values.sorted(by: { $0.rank < $1.rank }) {
                try Catalog.recordHistory(
                    db, id: entry.id, name: entry.name, at: stamp, origin: origin, action: .status, field: field,
                    old: entry.status.rawValue, new: nil)
            }
        }
    }

    /// A saved shortlist by name.
    public func shortlist(_ name: String) throws -> ShortlistRecord {
        try read { db in try Catalog.fetchShortlist(db, name) }
    }

    static func fetchShortlist(_ db: Database, _ name: String) throws -> ShortlistRecord {
        guard let text = try String.fetchOne(db, sql: "SELECT record FROM shortlist WHERE name = ?", arguments: [name])
        else {
            let names = try String.fetchAll(db, sql: "SELECT name FROM shortlist ORDER BY name")
            throw CatalogError.noSuchShortlist(name, known: names)
        }
        return try decodeShortlist(name, text)
    }

    /// A stored shortlist's record; one that does not read back (saved by an older htx) is an error naming it.
    static func decodeShortlist(_ name: String, _ text: String) throws -> ShortlistRecord {
        do {
            return try JSONDecoder().decode(ShortlistRecord.self, from: Data(text.utf8))
        } catch {
            throw CatalogError.unreadableShortlist(name, detail: DecodingProblem.describe(error))
        }
    }

    /// Every saved shortlist, newest first.
    public func shortlists() throws -> [ShortlistSummary] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT name, record, built_at FROM shortlist ORDER BY built_at DESC, name").map {
                row in
                // One unreadable shortlist must not hide the others: it is listed with its name and nothing else.
                guard let record = try? Catalog.decodeShortlist(row["name"], row["record"]) else {
                    return ShortlistSummary(
                        name: row["name"], profile: "?", builtAt: row["built_at"], size: 0, approved: 0, rejected: 0)
                }
                return ShortlistSummary(
                    name: record.name, profile: record.profile, builtAt: record.builtAt, size: record.entries.count,
                    approved: record.entries.filter { $0.status == .approved }.count,
                    rejected: record.entries.filter { $0.status == .rejected }.count)
            }
        }
    }

    /// The decisions on shortlist `name`'s picks, oldest first: each history line with the cooperative's id and name.
    public func shortlistHistory(_ name: String) throws -> [(id: Int64, name: String, entry: HistoryEntry)] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT coop_id, coop_name, at, by, action, field, old, new, source, org FROM history "
                    + "WHERE field = ? ORDER BY id",
                arguments: ["shortlist:\(name)"]
            ).map {
                (
                    $0["coop_id"], $0["coop_name"],
                    HistoryEntry(
                        at: $0["at"], by: $0["by"], action: HistoryEntry.Action(rawValue: $0["action"]) ?? .status,
                        field: $0["field"], old: $0["old"], new: $0["new"], source: $0["source"],
                        org: $0["org"])
                )
            }
        }
    }

    /// Moves one pick through the workflow (proposed → approved/rejected, or back), with a note and who decided;
    /// the change goes to the cooperative's history.
    @discardableResult
    public func setShortlistStatus(
        _ name: String, ref: String, status: ShortlistRecord.Status, note: String?, origin: ChangeOrigin
    ) throws -> ShortlistRecord.Entry {
        let stamp = Catalog.timestamp(now())
        return try write { db in
            var record = try Catalog.fetchShortlist(db, name)
            let coop = try Catalog.fetch(db, ref: ref)
            guard let index = record.entries.firstIndex(where: { $0.id == coop.id }) else {
                throw CatalogError.notOnShortlist(id: try coop.storedID(), name: coop.name, shortlist: name)
            }
            let old = record.entries[index].status
            record.entries[index].status = status
            record.entries[index].note = note.map(VietnameseText.clean)
            record.entries[index].by = origin.by
            try db.execute(
                sql: "UPDATE shortlist SET record = ?, updated_at = ? WHERE name = ?",
                arguments: [try JSONText.encode(record, pretty: false), stamp, name])
            let noted = note.map { "\(status.rawValue): \(VietnameseText.clean($0))" } ?? status.rawValue
            try Catalog.recordHistory(
                db, id: try coop.storedID(), name: coop.name, at: stamp, origin: origin, action: .status,
                field: "shortlist:\(name)", old: old.rawValue, new: noted)
            return record.entries[index]
        }
    }
}
