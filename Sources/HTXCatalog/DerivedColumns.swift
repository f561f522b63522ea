import Foundation
import GRDB
import HTXCore

/// The columns a catalog row derives from its record: the stored JSON, the sort key, the identity key, the filter
/// columns and the full-text forms.
///
/// Deriving them is pure text work, so an import computes them on its reading thread while the writer stores the
/// rows before (see `ImportPipeline`); every other write computes them in place.
struct DerivedColumns: Sendable {
    let name: String
    let sortKey: [UInt8]
    let identityKey: String
    let taxCode: String?
    let district: String?
    let sectors: String
    let grade: String?
    let json: String
    let names: (folded: String, exact: String)
    let other: (folded: String, exact: String)
    /// The key an import matches the record by, and the hashes of every key it can be found by (`Catalog.keys`,
    /// the match key's first), so the writer only looks them up.
    let matchKey: String
    let keyHashes: [Int]

    init(_ record: Cooperative) {
        name = record.name
        sortKey = VietnameseText.sortKey(record.name)
        identityKey = QualityCheck.identityKey(record.name)
        taxCode = record.taxCode
        district = record.district
        sectors = record.sectors.map(\.rawValue).joined(separator: " ")
        grade = record.latestGrade?.grade
        json = CooperativeRecordJSON.encode(record)
        let text = record.searchText
        names = VietnameseText.searchForms(text.names)
        other = VietnameseText.searchForms(parts: text.other)
        let keys = Catalog.keys(taxCode: record.taxCode, identityKey: identityKey, district: record.district)
        matchKey = keys[0]
        keyHashes = keys.map(\.hashValue)
    }

    /// Binds the cooperative-table values to parameters 1–8, in the order of `Catalog.insert`'s INSERT and
    /// `Catalog.replace`'s UPDATE (the timestamps and the id follow).
    func bind(to statement: RawStatement) {
        statement.bind(1, name)
        statement.bind(2, blob: sortKey)
        statement.bind(3, identityKey)
        statement.bind(4, taxCode)
        statement.bind(5, district)
        statement.bind(6, sectors)
        statement.bind(7, grade)
        statement.bind(8, json)
    }
}
