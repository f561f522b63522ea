import Foundation
import GRDB
import HTXCore

extension Catalog {
    // MARK: Writing

    /// Adds a new cooperative after normalising it; returns it with its id and the warnings. Errors throw and write
    /// nothing.
    @discardableResult
    public func add(_ coop: Cooperative, origin: ChangeOrigin) throws -> (Cooperative, [Diagnostic]) {
        var record = coop
        var findings = try normalizer().normalize(&record)
        if findings.contains(where: { $0.severity == .error }) { throw CatalogError.invalid(findings) }
        let stamp = Catalog.timestamp(now())
        let stored = try write { db in
            findings += try Catalog.likelyDuplicates(db, of: record)
            return try Catalog.insert(db, record, origin: origin, at: stamp)
        }
        return (stored, findings)
    }

    /// Adds many records in one transaction: all or none. Records whose tax code is already present are skipped and
    /// returned apart.
    public func addAll(
        _ coops: [Cooperative], origin: ChangeOrigin
    ) throws -> (added: [Cooperative], skipped: [Cooperative]) {
        let normalizer = try normalizer()
        var records: [Cooperative] = []
        records.reserveCapacity(coops.count)
        for (index, coop) in coops.enumerated() {
            var record = coop
            let findings = normalizer.normalize(&record)
            if findings.contains(where: { $0.severity == .error }) {
                throw CatalogError.invalidRecord(index: index + 1, name: coop.name, findings: findings)
            }
            records.append(record)
        }
        let stamp = Catalog.timestamp(now())
        return try write { db in
            var added: [Cooperative] = []
            var skipped: [Cooperative] = []
            for record in records {
                if let code = record.taxCode,
                    try Bool.fetchOne(
                        db, sql: "SELECT EXISTS(SELECT 1 FROM cooperative WHERE tax_code = ?)", arguments: [code])
                        == true
                {
                    skipped.append(record)
                    continue
                }
                added.append(try Catalog.insert(db, record, origin: origin, at: stamp))
            }
            return (added, skipped)
        }
    }

    /// Warnings for stored records that look like the same cooperative: the same name without its legal-form
    /// prefix, in the same district (or where either has none).
    static func likelyDuplicates(_ db: Database, of record: Cooperative) throws -> [Diagnostic] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT id, name, district FROM cooperative
                WHERE identity_key = ? AND (district IS ? OR district IS NULL OR ? IS NULL) AND id IS NOT ?
                """, arguments: [QualityCheck.identityKey(record.name), record.district, record.district, record.id])
        return rows.map { row in
            let place = (row["district"] as String?).map { " (\($0))" } ?? ""
            return .warning(
                "name", "có thể trùng với #\(row["id"] as Int64) \(row["name"] as String)\(place)",
                "may duplicate #\(row["id"] as Int64) \(row["name"] as String)\(place)")
        }
    }

    /// Inserts a normalised record with its index entry and a "create" history line, after checking that its tax
    /// code is free (an import, which has looked every row up, calls `insertRow` directly).
    static func insert(
        _ db: Database, _ record: Cooperative, origin: ChangeOrigin, at stamp: String
    ) throws -> Cooperative {
        if let code = record.taxCode,
            let owner = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT id, name FROM cooperative WHERE tax_code = ?"), arguments: [code])
        {
            throw CatalogError.duplicateTaxCode(code: code, id: owner["id"], name: owner["name"])
        }
        var stored = record
        stored.id = try insertRow(db, DerivedColumns(record), origin: origin, at: stamp)
        return stored
    }

    /// Writes a new record's row, index entry and "create" history line from its derived columns; returns its id.
    static func insertRow(
        _ db: Database, _ columns: DerivedColumns, origin: ChangeOrigin, at stamp: String
    ) throws -> Int64 {
        let insert = try RawStatement(
            db,
            """
            INSERT INTO cooperative(name, sort_key, identity_key, tax_code, district, sectors, grade, record, \
            created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        columns.bind(to: insert)
        insert.bind(9, stamp)
        insert.bind(10, stamp)
        try insert.run()
        let id = db.lastInsertedRowID
        try index(db, id, columns, isNew: true)
        try recordHistory(
            db, id: id, name: columns.name, at: stamp, origin: origin, action: .create, field: nil, old: nil,
            new: columns.name)
        return id
    }

    /// Writes (or rewrites) the full-text entry of cooperative `id`.
    static func index(_ db: Database, _ id: Int64, _ columns: DerivedColumns, isNew: Bool = false) throws {
        if !isNew {
            try db.cachedStatement(sql: "DELETE FROM cooperative_fts WHERE rowid = ?").execute(arguments: [id])
        }
        let insert = try RawStatement(
            db,
            "INSERT INTO cooperative_fts(rowid, name_folded, text_folded, name_exact, text_exact) VALUES (?, ?, ?, ?, "
                + "?)"
        )
        insert.bind(1, id)
        insert.bind(2, columns.names.folded)
        insert.bind(3, columns.other.folded)
        insert.bind(4, columns.names.exact)
        insert.bind(5, columns.other.exact)
        try insert.run()
    }

    static func recordHistory(
        _ db: Database, id: Int64, name: String, at: String, origin: ChangeOrigin, action: HistoryEntry.Action,
        field: String?, old: String?, new: String?
    ) throws {
        let insert = try RawStatement(
            db,
            "INSERT INTO history(coop_id, coop_name, at, by, action, field, old, new, source, org) VALUES (?, ?, ?, ?, "
                + "?, ?, ?, ?, ?, ?)"
        )
        insert.bind(1, id)
        insert.bind(2, name)
        insert.bind(3, at)
        insert.bind(4, origin.by)
        insert.bind(5, action.rawValue)
        insert.bind(6, field)
        insert.bind(7, old)
        insert.bind(8, new)
        insert.bind(9, origin.source)
        insert.bind(10, origin.org)
        try insert.run()
    }

    /// Sets fields (`coop show` keys) from text, checks the result, stores it and records each changed field in
    /// history; with `onlyDistrict`, a cooperative of another district, or one moved to another, is refused.
    @discardableResult
    public func edit(
        _ ref: String, set assignments: [(field: String, value: String)], origin: ChangeOrigin,
        expectedVersion: Int64? = nil, onlyDistrict: String? = nil
    ) throws -> (Cooperative, [CooperativeDiff.Change], [Diagnostic]) {
        let normalizer = try normalizer()
        let stamp = Catalog.timestamp(now())
        return try write { db in
            let old = try Catalog.fetch(db, ref: ref)
            if let own = onlyDistrict, !DistrictRefusal.isOwn(old.district, own) {
                throw DistrictRefusal.edit(name: old.name, found: old.district, own: own)
            }
            if let expectedVersion {
                let id = try old.storedID()
                let last = try Row.fetchOne(
                    db, sql: "SELECT id, at, by FROM history WHERE coop_id = ? ORDER BY id DESC LIMIT 1",
                    arguments: [id])
                let current: Int64 = last?["id"] ?? 0
                if current != expectedVersion {
                    throw CatalogError.staleEdit(id: id, name: old.name, by: last?["by"], at: last?["at"] ?? "")
                }
            }
            var new = old
            for assignment in assignments {
                try CooperativeField.set(assignment.field, to: assignment.value, in: &new)
            }
            if !assignments.contains(where: { $0.field == "unit2025" }),
                !normalizer.units.sameUnit((old.commune, old.district), (new.commune, new.district))
            {
                new.unit2025 = nil  // derived again from the new commune or district
            }
            let findings = normalizer.normalize(&new)
            if findings.contains(where: { $0.severity == .error }) { throw CatalogError.invalid(findings) }
            if let own = onlyDistrict, !DistrictRefusal.isOwn(new.district, own) {
                throw DistrictRefusal.edit(name: old.name, found: new.district, own: own)
            }
            let changes = CooperativeDiff.changes(from: old, to: new)
            guard !changes.isEmpty else { return (new, [], findings) }
            try Catalog.replace(db, new, at: stamp)
            for change in changes {
                try Catalog.recordHistory(
                    db, id: try old.storedID(), name: new.name, at: stamp, origin: origin, action: .update,
                    field: change.field, old: change.old, new: change.new)
            }
            return (new, changes, findings)
        }
    }

    /// The id of the latest history entry of any record (0 before any): it changes with every write to a record.
    public func changeVersion() throws -> Int64 {
        try read { db in try Int64.fetchOne(db, sql: "SELECT max(id) FROM history") ?? 0 }
    }

    /// The version of a record an edit form carries: the id of its latest history entry (0 before any).
    public func version(_ ref: String) throws -> Int64 {
        try read { db in
            let id = try Catalog.fetch(db, ref: ref).storedID()
            return try Int64.fetchOne(db, sql: "SELECT max(id) FROM history WHERE coop_id = ?", arguments: [id]) ?? 0
        }
    }

    static func replace(_ db: Database, _ record: Cooperative, at stamp: String) throws {
        if let code = record.taxCode,
            let owner = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT id, name FROM cooperative WHERE tax_code = ? AND id <> ?"),
                arguments: [code, record.id])
        {
            throw CatalogError.duplicateTaxCode(code: code, id: owner["id"], name: owner["name"])
        }
        let columns = DerivedColumns(record)
        let update = try RawStatement(
            db,
            """
            UPDATE cooperative SET name = ?, sort_key = ?, identity_key = ?, tax_code = ?, district = ?, sectors = ?, \
            grade = ?,
                record = ?, updated_at = ? WHERE id = ?
            """)
        columns.bind(to: update)
        update.bind(9, stamp)
        update.bind(10, record.id)
        try update.run()
        try index(db, try record.storedID(), columns)
    }

    /// Removes a cooperative; history keeps its whole last record, so nothing is lost without a trace.
    @discardableResult
    public func remove(_ ref: String, origin: ChangeOrigin) throws -> Cooperative {
        let stamp = Catalog.timestamp(now())
        return try write { db in
            let old = try Catalog.fetch(db, ref: ref)
            var plain = old
            plain.id = nil
            let snapshot = try JSONText.encode(plain, pretty: false)
            try db.execute(sql: "DELETE FROM cooperative WHERE id = ?", arguments: [old.id])
            try db.execute(sql: "DELETE FROM cooperative_fts WHERE rowid = ?", arguments: [old.id])
            try Catalog.recordHistory(
                db, id: try old.storedID(), name: old.name, at: stamp, origin: origin, action: .delete, field: nil,
                old: snapshot,
                new: nil)
            return old
        }
    }
}
