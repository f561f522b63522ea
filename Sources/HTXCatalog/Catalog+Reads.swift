import Foundation
import GRDB
import HTXCore

extension Catalog {
    // MARK: Reference data

    /// Loads (or refreshes) the 2021 district table.
    public func loadDistricts(_ directory: DistrictDirectory) throws {
        try write { db in
            for d in directory.districts {
                try db.execute(
                    sql: """
                        INSERT INTO district(code, type, name, lat, lon) VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT(code) DO UPDATE SET type = excluded.type, name = excluded.name, lat = \
                        excluded.lat, lon = excluded.lon
                        """, arguments: [d.code, d.type, d.name, d.centre.lat, d.centre.lon])
            }
            try db.execute(
                sql: "INSERT OR IGNORE INTO meta(key, value) VALUES ('created_at', ?)",
                arguments: [Catalog.timestamp(now())])
        }
    }

    /// The district table stored in the catalog.
    public func districts() throws -> DistrictDirectory {
        try read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT code, type, name, lat, lon FROM district ORDER BY code")
            return DistrictDirectory(
                rows.map {
                    District(
                        code: $0["code"], type: $0["type"], name: $0["name"],
                        centre: GeoPoint(lat: $0["lat"], lon: $0["lon"]))
                })
        }
    }

    func normalizer() throws -> CooperativeNormalizer {
        let directory = try districts()
        guard !directory.districts.isEmpty else { throw CatalogError.notInitialized(path: path ?? ":memory:") }
        let year = Calendar(identifier: .gregorian).component(.year, from: now())
        return CooperativeNormalizer(districts: directory, units: try units(), currentYear: year)
    }

    // MARK: Reading

    /// Resolves an id or a tax code to a stored cooperative.
    public func cooperative(_ ref: String) throws -> Cooperative {
        try read { db in try Catalog.fetch(db, ref: ref) }
    }

    static func fetch(_ db: Database, ref: String) throws -> Cooperative {
        let trimmed = ref.trimmingCharacters(in: .whitespaces)
        var row: Row?
        if let code = try? TaxCode.parse(trimmed).code {
            row = try Row.fetchOne(
                db, sql: "SELECT id, record FROM cooperative WHERE tax_code = ?", arguments: [code.value])
        }
        if row == nil, let id = Int64(trimmed.hasPrefix("#") ? String(trimmed.dropFirst()) : trimmed) {
            row = try Row.fetchOne(db, sql: "SELECT id, record FROM cooperative WHERE id = ?", arguments: [id])
        }
        guard let row else { throw CatalogError.notFound(ref: ref) }
        return try decode(row)
    }

    static func decode(_ row: Row) throws -> Cooperative {
        try decode(id: row["id"], record: row["record"])
    }

    static func decode(id: Int64, record: String) throws -> Cooperative {
        // The hand-written reader first; the decoder for anything it is not sure of (and for the error).
        var coop =
            try CooperativeRecordJSON.decode(record) ?? JSONDecoder().decode(Cooperative.self, from: Data(record.utf8))
        coop.id = id
        return coop
    }

    /// Stored records decoded, in their order: on every processor when there are many, since decoding is most of
    /// the work of an export or a whole listing (100,000 records: about 1.5 s on one core).
    static func decodeAll(_ stored: [(id: Int64, record: String)]) throws -> [Cooperative] {
        let parts = stored.count < 2_000 ? 1 : max(1, min(8, ProcessInfo.processInfo.activeProcessorCount))
        if parts == 1 { return try stored.map { try decode(id: $0.id, record: $0.record) } }
        let size = (stored.count + parts - 1) / parts
        let results = DecodedParts(count: parts)
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            let range = (part * size)..<min(stored.count, (part + 1) * size)
            results.set(part, Result { try stored[range].map { try decode(id: $0.id, record: $0.record) } })
        }
        return try results.joined()
    }

    /// Every cooperative, in Vietnamese name order.
    public func allCooperatives() throws -> [Cooperative] {
        let stored = try read { db in
            try Row.fetchAll(db, sql: "SELECT id, record FROM cooperative ORDER BY sort_key, id").map {
                (id: $0["id"] as Int64, record: $0["record"] as String)
            }
        }
        return try Catalog.decodeAll(stored)
    }

    /// The cooperatives among `ids` that `filter` keeps, as list rows, in the order of `ids` (a search's hits
    /// filtered as the list filters).
    public func list(_ filter: ListFilter, among ids: [Int64]) throws -> [CooperativeSummary] {
        let (whereClause, arguments) = try conditions(filter)
        return try read { db in
            var found: [Int64: CooperativeSummary] = [:]
            for start in stride(from: 0, to: ids.count, by: 500) {
                let slice = Array(ids[start..<min(ids.count, start + 500)])
                let marks = Array(repeating: "?", count: slice.count).joined(separator: ",")
                var all = arguments
                _ = all.append(contentsOf: StatementArguments(slice))
                let sql =
                    "SELECT \(Catalog.summaryColumns) FROM cooperative "
                    + (whereClause.isEmpty ? "WHERE " : whereClause + " AND ") + "id IN (\(marks))"
                for row in try Row.fetchAll(db, sql: sql, arguments: all) {
                    let summary = Catalog.summary(row)
                    found[summary.id] = summary
                }
            }
            return ids.compactMap { found[$0] }
        }
    }

    /// The cooperatives of `ids`, in that order; an id with no record is left out.
    public func cooperatives(ids: [Int64]) throws -> [Cooperative] {
        let stored = try read { db in
            var found: [Int64: String] = [:]
            // In slices, well under SQLite's limit on bound values.
            for start in stride(from: 0, to: ids.count, by: 500) {
                let slice = Array(ids[start..<min(ids.count, start + 500)])
                let marks = Array(repeating: "?", count: slice.count).joined(separator: ",")
                for row in try Row.fetchAll(
                    db, sql: "SELECT id, record FROM cooperative WHERE id IN (\(marks))",
                    arguments: StatementArguments(slice))
                {
                    found[row["id"]] = row["record"]
                }
            }
            return ids.compactMap { id in found[id].map { (id: id, record: $0) } }
        }
        return try Catalog.decodeAll(stored)
    }

    /// The cooperatives matching the filter, in Vietnamese name order. Unknown filter values are errors that list the
    /// known ones.
    public func list(_ filter: ListFilter = ListFilter()) throws -> [CooperativeSummary] {
        try listPage(filter, limit: nil, offset: 0).rows
    }

    /// One page of the list in Vietnamese order (`limit` nil: all of it) and how many match in all (counted
    /// unless `knownTotal` gives it).
    public func listPage(
        _ filter: ListFilter, limit: Int?, offset: Int, knownTotal: Int? = nil
    ) throws -> (rows: [CooperativeSummary], total: Int) {
        let (whereClause, arguments) = try conditions(filter)
        return try read { db in
            let total =
                try knownTotal
                ?? Int.fetchOne(db, sql: "SELECT count(*) FROM cooperative \(whereClause)", arguments: arguments) ?? 0
            let page = limit.map { " LIMIT \(max(0, $0)) OFFSET \(max(0, offset))" } ?? ""
            let rows = try Row.fetchAll(
                db,
                sql:
                    "SELECT \(Catalog.summaryColumns) FROM cooperative \(whereClause) ORDER BY "
                    + "sort_key, id" + page,
                arguments: arguments
            ).map(Catalog.summary)
            return (rows, total)
        }
    }

    /// How many cooperatives each district, main sector and latest grade has among those `filter` keeps, each facet
    /// counted without its own filter (so that its other values stay visible).
    public func facets(_ filter: ListFilter) throws -> ListFacets {
        func counts(_ expression: String, without drop: (inout ListFilter) -> Void) throws -> [(String, Int)] {
            var rest = filter
            drop(&rest)
            let (whereClause, arguments) = try conditions(rest)
            return try read { db in
                try Row.fetchAll(
                    db,
                    sql: "SELECT \(expression) AS value, count(*) AS n FROM cooperative \(whereClause) GROUP BY 1",
                    arguments: arguments
                ).compactMap { row in
                    let value: String? = row["value"]
                    guard let value, !value.isEmpty else { return nil }
                    return (value, row["n"])
                }
            }
        }
        let sectors = try counts("substr(sectors, 1, instr(sectors || ' ', ' ') - 1)") { $0.sector = nil }
        let (whereClause, arguments) = try conditions(filter)
        let total = try read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM cooperative \(whereClause)", arguments: arguments) ?? 0
        }
        // Units are counted by code, which the index holds (no record's JSON is read), then named.
        let unitCounts = try counts(Catalog.unitCodeExpression) { $0.unit = nil }
        let units = unitCounts.isEmpty ? .empty : try self.units()
        return ListFacets(
            districts: try counts("district") { $0.district = nil },
            units: unitCounts.compactMap { code, n in units.unit(code: code).map { ($0.name, n) } },
            sectors: sectors.compactMap { code, n in Sector(rawValue: code).map { ($0.label, n) } },
            grades: try counts("grade") { $0.grade = nil }, total: total)
    }

    /// The WHERE clause and arguments of a list filter.
    func conditions(_ filter: ListFilter) throws -> (String, StatementArguments) {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let text = filter.district {
            guard let district = try districts().find(text) else {
                throw CatalogError.unknownDistrict(text)
            }
            conditions.append("district = ?")
            _ = arguments.append(contentsOf: [district.name])
        }
        if let text = filter.unit {
            guard let units = try units().unitsMeant(by: text), !units.isEmpty else {
                throw CatalogError.unknownUnit(text)
            }
            let marks = Array(repeating: "?", count: units.count).joined(separator: ", ")
            conditions.append("\(Catalog.unitCodeExpression) IN (\(marks))")
            _ = arguments.append(contentsOf: StatementArguments(units.map(\.code)))
        }
        if let sector = filter.sector {
            conditions.append("(' ' || sectors || ' ') LIKE ?")
            _ = arguments.append(contentsOf: ["% \(sector.rawValue) %"])
        }
        if let grade = filter.grade {
            let known = GradeScheme.known.flatMap { $0.bands.map(\.label) }
            guard let label = known.first(where: { VietnameseText.fold($0) == VietnameseText.fold(grade) }) else {
                throw CatalogError.unknownGrade(grade, known: known)
            }
            conditions.append("grade = ?")
            _ = arguments.append(contentsOf: [label])
        }
        return (conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "), arguments)
    }

    /// The columns a list row is read from, in `summary(_:)`'s names.
    static let summaryColumns =
        "id, name, tax_code, district, sectors, grade, json_extract(record, '$.unit2025.name') AS unit2025"

    static func summary(_ row: Row) -> CooperativeSummary {
        let sectors: String = row["sectors"]
        let first = sectors.split(separator: " ").first.flatMap { Sector(rawValue: String($0)) }
        return CooperativeSummary(
            id: row["id"], name: row["name"], taxCode: row["tax_code"], district: row["district"],
            sector: first?.label, grade: row["grade"], unit2025: row["unit2025"])
    }

    /// The number of cooperatives.
    public func count() throws -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM cooperative") ?? 0 }
    }

    /// A cooperative's history, oldest first; the record may since have been removed.
    public func history(_ ref: String) throws -> [HistoryEntry] {
        try read { db in
            let id: Int64
            if let coop = try? Catalog.fetch(db, ref: ref), let found = coop.id {
                id = found
            } else if let removed = Int64(ref),
                try Bool.fetchOne(
                    db, sql: "SELECT EXISTS(SELECT 1 FROM history WHERE coop_id = ?)", arguments: [removed]) == true
            {
                id = removed
            } else {
                throw CatalogError.notFound(ref: ref)
            }
            return try Row.fetchAll(
                db,
                sql: "SELECT at, by, action, field, old, new, source, org FROM history WHERE coop_id = ? ORDER BY id",
                arguments: [id]
            ).map {
                HistoryEntry(
                    at: $0["at"], by: $0["by"], action: HistoryEntry.Action(rawValue: $0["action"]) ?? .update,
                    field: $0["field"], old: $0["old"], new: $0["new"], source: $0["source"],
                    org: $0["org"])
            }
        }
    }
}

/// The results of decoding in parts on several threads, each part written once by its own thread.
final class DecodedParts: @unchecked Sendable {
    private let lock = NSLock()
    private var parts: [Result<[Cooperative], Error>?]

    init(count: Int) { parts = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ result: Result<[Cooperative], Error>) {
        lock.lock()
        parts[index] = result
        lock.unlock()
    }

    /// The parts in order, or the first error.
    func joined() throws -> [Cooperative] {
        lock.lock()
        defer { lock.unlock() }
        return try parts.flatMap { try $0?.get() ?? [] }
    }
}
