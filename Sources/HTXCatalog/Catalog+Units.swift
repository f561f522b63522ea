import Foundation
import GRDB
import HTXCore

extension Catalog {
    /// The JSON path of a record's unit code, as the `cooperative_unit2025` index is built on.
    static let unitCodeExpression = "json_extract(record, '$.unit2025.code')"

    /// Loads (or refreshes) the units in force since 1 July 2025 and the 2021 mapping, then gives every record that
    /// has no unit yet the one its commune went whole into; returns how many records gained a unit.
    ///
    /// The records' given values are not touched: only the derived `unit2025` is added, with its search entry.
    @discardableResult
    public func loadUnits(_ directory: UnitDirectory) throws -> Int {
        try write { db in
            try db.execute(sql: "DELETE FROM unit2021; DELETE FROM unit2025")
            let unit = try db.makeStatement(sql: "INSERT INTO unit2025(code, name, type) VALUES (?, ?, ?)")
            for u in directory.units { try unit.execute(arguments: [u.code, u.name, u.type]) }
            let former = try db.makeStatement(
                sql: """
                    INSERT INTO unit2021(code, name, type, district, into_code, whole, position)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """)
            for (position, f) in directory.formers.enumerated() {
                for code in f.into {
                    try former.execute(arguments: [f.code, f.name, f.type, f.district, code, f.whole, position])
                }
            }
            return try Catalog.fillUnits(db, directory)
        }
    }

    /// Whether the units table is still empty (a catalog made before it, or by a test that loads none).
    public func needsUnits() throws -> Bool {
        try read { db in try db.tableExists("unit2025") && Int.fetchOne(db, sql: "SELECT count(*) FROM unit2025") == 0 }
    }

    /// The units table stored in the catalog (empty before it is loaded).
    public func units() throws -> UnitDirectory {
        try read { db in try Catalog.units(db) }
    }

    static func units(_ db: Database) throws -> UnitDirectory {
        guard try db.tableExists("unit2025") else { return .empty }
        let units = try Row.fetchAll(db, sql: "SELECT code, name, type FROM unit2025 ORDER BY code").map {
            AdminUnit(code: $0["code"], name: $0["name"], type: $0["type"])
        }
        var formers: [FormerUnit] = []
        let rows = try Row.fetchAll(
            db,
            sql: "SELECT code, name, type, district, into_code, whole, position FROM unit2021 ORDER BY position, rowid")
        // By position: a code of 2021 and a code of 1 January 2025 may be the same number for two units.
        var lastPosition: Int?
        for row in rows {
            let code: String = row["code"]
            let position: Int = row["position"]
            defer { lastPosition = position }
            if lastPosition == position {
                formers[formers.count - 1].into.append(row["into_code"])
            } else {
                formers.append(
                    FormerUnit(
                        code: code, name: row["name"], type: row["type"], district: row["district"],
                        into: [row["into_code"]], whole: row["whole"]))
            }
        }
        return UnitDirectory(units: units, formers: formers)
    }

    /// Gives each record without a unit the one its commune and district resolve to; returns how many changed.
    static func fillUnits(_ db: Database, _ directory: UnitDirectory) throws -> Int {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT id, record FROM cooperative
                WHERE \(unitCodeExpression) IS NULL AND json_extract(record, '$.commune') IS NOT NULL
                """)
        var filled = 0
        let update = try db.makeStatement(sql: "UPDATE cooperative SET record = ? WHERE id = ?")
        for row in rows {
            var record = try Catalog.decode(row)
            guard let unit = directory.resolve(commune: record.commune, district: record.district).unit else {
                continue
            }
            record.unit2025 = unit
            let columns = DerivedColumns(record)
            try update.execute(arguments: [columns.json, record.id])
            try index(db, try record.storedID(), columns)
            filled += 1
        }
        return filled
    }
}
