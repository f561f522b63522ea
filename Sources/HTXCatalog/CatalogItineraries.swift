import Foundation
import GRDB
import HTXCore

/// A saved itinerary as the catalog keeps it: the instance it was solved on, the programme, and how it was asked for.
/// The catalog stores them as JSON text and does not interpret them: HTXItinerary reads and writes both.
public struct SavedItinerary: Sendable, Equatable {
    public var name: String
    public var instanceJSON: String
    public var reportJSON: String
    /// The plan's options (shortlist, date, days, start …), for the record.
    public var parameters: [String: String]
    public var createdAt: String
    public var updatedAt: String
    /// The visit's people, dates and signatures (docs/CONTRACT.md §5) as JSON, or nil until they are given.
    public var visitJSON: String?
}

extension Catalog {
    /// Saves an itinerary; an existing one of the same name is replaced only with `replace`.
    public func saveItinerary(
        name: String, instanceJSON: String, reportJSON: String, parameters: [String: String], replace: Bool
    ) throws {
        let stamp = Catalog.timestamp(now())
        try write { db in
            let exists =
                try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM itinerary WHERE name = ?)", arguments: [name])
                == true
            if exists && !replace {
                throw CatalogError.itineraryExists(name)
            }
            try db.execute(
                sql: """
                    INSERT INTO itinerary(name, instance, report, parameters, created_at, updated_at) VALUES (?, ?, \
                    ?, ?, ?, ?)
                    ON CONFLICT(name) DO UPDATE SET instance = excluded.instance, report = excluded.report, \
                    parameters = excluded.parameters,
                        updated_at = excluded.updated_at
                    """,
                arguments: [
                    name, instanceJSON, reportJSON, try JSONText.encode(parameters, pretty: false), stamp, stamp,
                ])
        }
    }

    /// The names of the saved itineraries, in order.
    public func itineraryNames() throws -> [String] {
        try read { db in try String.fetchAll(db, sql: "SELECT name FROM itinerary ORDER BY name") }
    }

    /// A saved itinerary by name.
    public func itinerary(_ name: String) throws -> SavedItinerary {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM itinerary WHERE name = ?", arguments: [name])
            else {
                let names = try String.fetchAll(db, sql: "SELECT name FROM itinerary ORDER BY name")
                throw CatalogError.noSuchItinerary(name, known: names)
            }
            let parameters =
                (try? JSONDecoder().decode([String: String].self, from: Data((row["parameters"] as String).utf8)))
                ?? [:]
            return SavedItinerary(
                name: row["name"], instanceJSON: row["instance"], reportJSON: row["report"], parameters: parameters,
                createdAt: row["created_at"], updatedAt: row["updated_at"], visitJSON: row["visit"])
        }
    }

    /// Stores the visit details of itinerary `name` (nil removes them); a re-planned itinerary keeps them.
    public func saveVisit(_ name: String, json: String?) throws {
        try write { db in
            try db.execute(
                sql: "UPDATE itinerary SET visit = ?, updated_at = ? WHERE name = ?",
                arguments: [json, Catalog.timestamp(now()), name])
            guard db.changesCount > 0 else {
                let names = try String.fetchAll(db, sql: "SELECT name FROM itinerary ORDER BY name")
                throw CatalogError.noSuchItinerary(name, known: names)
            }
        }
    }
}
