import Foundation
import HTXCore

/// One row of `coop list`: the columns the listing and its JSON contract need.
public struct CooperativeSummary: Codable, Sendable, Equatable, JSONWritable {
    public var id: Int64
    public var name: String
    public var taxCode: String?
    public var district: String?
    /// The first (main) sector's label.
    public var sector: String?
    /// The latest grade's label.
    public var grade: String?
    /// The name of the unit in force since 1 July 2025, when known.
    public var unit2025: String?

    public init(
        id: Int64, name: String, taxCode: String?, district: String?, sector: String?, grade: String?,
        unit2025: String? = nil
    ) {
        self.unit2025 = unit2025
        self.id = id
        self.name = name
        self.taxCode = taxCode
        self.district = district
        self.sector = sector
        self.grade = grade
    }

}

/// One full-text search result; `score` is above 1 exactly when every word matched with the accents typed.
public struct SearchHit: Codable, Sendable, Equatable, JSONWritable {
    public var id: Int64
    public var name: String
    public var taxCode: String?
    public var district: String?
    public var sector: String?
    public var score: Double

    init(_ summary: CooperativeSummary, score: Double) {
        (id, name, taxCode, district, sector) = (
            summary.id, summary.name, summary.taxCode, summary.district, summary.sector
        )
        self.score = score
    }

}

/// One line of a cooperative's history: what changed, from what to what, when, by whom, from which source.
public struct HistoryEntry: Codable, Sendable, Equatable {
    /// What happened to the record.
    public enum Action: String, Codable, Sendable { case create, update, delete, status }

    public var at: String
    public var by: String?
    public var action: Action
    public var field: String?
    public var old: String?
    public var new: String?
    public var source: String?
    /// The organisation of the user who made the change through the server.
    public var org: String?

}

/// Who makes a change and through what, written into every history line.
public struct ChangeOrigin: Sendable, Equatable {
    /// The person or organisation (`--by`, else `$HTX_ORG`).
    public var by: String?
    /// The command or file the change came from.
    public var source: String?
    /// The organisation of the signed-in user who made the change through the server.
    public var org: String?

    public init(by: String?, source: String?, org: String? = nil) {
        self.by = by
        self.source = source
        self.org = org
    }
}

/// Filters for `coop list`; nil means any.
public struct ListFilter: Sendable, Hashable {
    public var district: String?
    /// A unit in force since 1 July 2025, or a 2021 commune (standing for the units it went into), as typed.
    public var unit: String?
    public var sector: Sector?
    public var grade: String?

    public init(district: String? = nil, unit: String? = nil, sector: Sector? = nil, grade: String? = nil) {
        self.district = district
        self.unit = unit
        self.sector = sector
        self.grade = grade
    }
}

/// The counts beside the list's filters: each value with how many cooperatives have it.
public struct ListFacets: Sendable {
    public var districts: [(value: String, count: Int)]
    /// The units in force since 1 July 2025, by name.
    public var units: [(value: String, count: Int)]
    public var sectors: [(value: String, count: Int)]
    public var grades: [(value: String, count: Int)]
    /// How many cooperatives the filter keeps.
    public var total: Int

    public init(
        districts: [(value: String, count: Int)], units: [(value: String, count: Int)] = [],
        sectors: [(value: String, count: Int)], grades: [(value: String, count: Int)], total: Int
    ) {
        self.districts = districts
        self.units = units
        self.sectors = sectors
        self.grades = grades
        self.total = total
    }
}

/// What `htx doctor` reports: integrity, schema, counts and file facts.
public struct DoctorReport: Codable, Sendable, Equatable {
    public var path: String
    /// What `PRAGMA integrity_check` says: "ok", or the damage it found.
    public var integrity: String
    /// What the full-text index check found.
    public enum IndexCheck: String, Codable, Sendable {
        /// FTS5's own integrity check passed.
        case ok
        /// Only the entries could be counted against the records (they match): the full check needs the write lock
        /// (`searchIndexNote` says "busy") or a writable file ("read-only").
        case entriesCounted
        case damaged
    }

    /// What the full-text index check found.
    public var searchIndex: IndexCheck
    /// Why the check was partial, or what the damage is.
    public var searchIndexNote: String?
    public var schemaVersion: String
    public var migrations: [String]
    public var journalMode: String
    public var fileMode: String?
    /// Whether this process may write the catalog.
    public var writable: Bool
    public var sqliteVersion: String
    /// Rows per table (JSON writes them in table-name order, as it does every dictionary's keys).
    public var counts: [String: Int]

    /// Whether every check that ran found the catalog sound.
    public var healthy: Bool { integrity == "ok" && searchIndex != .damaged }
}

extension CooperativeSummary {
    /// The members `encode(to:)` writes, in its order.
    public func writeJSON(_ object: JSONObjectWriter) {
        object.integer("id", id)
        object.string("name", name)
        object.string("taxCode", taxCode)
        object.string("district", district)
        object.string("sector", sector)
        object.string("grade", grade)
        object.string("unit2025", unit2025)
    }
}

extension SearchHit {
    /// The members `encode(to:)` writes, in its order.
    public func writeJSON(_ object: JSONObjectWriter) {
        object.integer("id", id)
        object.string("name", name)
        object.string("taxCode", taxCode)
        object.string("district", district)
        object.string("sector", sector)
        object.number("score", score)
    }
}
