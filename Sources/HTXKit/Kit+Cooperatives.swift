import Foundation
import HTXCatalog
import HTXCore

/// A field set by name from text (`coop add --set`, `coop edit --set`, a web form field).
public struct FieldValue: Sendable, Equatable {
    /// A key of `coop show`'s JSON (`CooperativeField.editableKeys`).
    public var field: String
    public var value: String

    public init(_ field: String, _ value: String) {
        self.field = field
        self.value = value
    }
}

/// What adding a cooperative gives back.
public struct AddResult: Sendable {
    public var cooperative: Cooperative
    public var warnings: [Diagnostic]
}

/// What editing a cooperative gives back.
public struct EditResult: Sendable {
    public var cooperative: Cooperative
    public var changes: [CooperativeDiff.Change]
    public var warnings: [Diagnostic]
}

/// The search answer of docs/CONTRACT.md §3: the query as read (NFC) and the hits, best first.
public struct SearchResult: Encodable, Sendable {
    public var query: String
    public var results: [SearchHit]
}

/// The data-quality report: each finding with its record, and counts by kind.
public struct CheckReport: Encodable, Sendable {
    /// One finding, with the words chosen by the caller's language.
    public struct Finding: Encodable, Sendable, JSONWritable {
        public var id: Int64
        public var name: String
        public var kind: String
        public var severity: String
        public var field: String
        public var message: String

        public func writeJSON(_ object: JSONObjectWriter) {
            object.integer("id", id)
            object.string("name", name)
            object.string("kind", kind)
            object.string("severity", severity)
            object.string("field", field)
            object.string("message", message)
        }
    }

    public var referenceYear: Int
    public var cooperatives: Int
    public var withIssues: Int
    public var byKind: [String: Int]
    public var issues: [Finding]
    /// The findings as the quality check made them, beside the JSON shape.
    public var findings: [QualityCheck.Issue] = []

    enum CodingKeys: String, CodingKey {
        case referenceYear, cooperatives, withIssues, byKind, issues
    }
}

extension Kit {
    // MARK: - Reads

    /// A cooperative by internal id or tax code.
    public func cooperative(_ ref: String) throws -> Cooperative {
        try catalog.cooperative(ref)
    }

    /// The cooperatives matching the filter, in Vietnamese name order.
    public func list(_ filter: ListFilter = ListFilter()) throws -> [CooperativeSummary] {
        try catalog.list(filter)
    }

    /// The cooperatives of a district, unit (of 2025, or a 2021 commune), sector and latest grade as typed (names or
    /// codes, accents optional).
    public func list(
        district: String?, unit: String? = nil, sector: String?, grade: String?
    ) throws -> [CooperativeSummary] {
        try catalog.list(try filter(district: district, unit: unit, sector: sector, grade: grade))
    }

    /// A list filter from values as typed.
    public func filter(district: String?, unit: String? = nil, sector: String?, grade: String?) throws -> ListFilter {
        var parsed: Sector?
        if let sector {
            guard let found = Sector.parse(sector) else { throw KitError.unknownSector(sector) }
            parsed = found
        }
        return ListFilter(district: district, unit: unit, sector: parsed, grade: grade)
    }

    /// The unit in force since 1 July 2025 that a name or code as typed means, if one.
    public func unit(named text: String) throws -> AdminUnit? { try catalog.units().findUnit(text) }

    /// One page of the filtered list and the total (the web's catalog page).
    public func listPage(
        _ filter: ListFilter, page: Int, size: Int, knownTotal: Int? = nil
    ) throws -> (rows: [CooperativeSummary], total: Int) {
        try catalog.listPage(filter, limit: size, offset: max(0, page - 1) * size, knownTotal: knownTotal)
    }

    /// The counts beside the list's filters.
    public func facets(_ filter: ListFilter) throws -> ListFacets { try catalog.facets(filter) }

    /// A number that changes whenever a cooperative is added, changed or removed (the latest history entry), so
    /// that what is computed from the whole catalog can be kept until then.
    public func catalogVersion() throws -> Int64 { try catalog.changeVersion() }

    /// The version an edit form of cooperative `ref` carries.
    public func version(_ ref: String) throws -> Int64 { try catalog.version(ref) }

    /// A cooperative's history, oldest first (also of a removed one, by its id).
    public func history(_ ref: String) throws -> [HistoryEntry] {
        try catalog.history(ref)
    }

    /// The best `limit` hits of a search that `filter` keeps, as list rows (grade and main sector included), ranked:
    /// the list page's search, and its download.
    public func searchList(_ query: String, filter: ListFilter, limit: Int) throws -> [CooperativeSummary] {
        try catalog.list(filter, among: try catalog.search(query, limit: limit).map(\.id))
    }

    /// Full-text search, folded, exact accents first.
    public func search(_ query: String, limit: Int = 20) throws -> SearchResult {
        SearchResult(query: VietnameseText.nfc(query), results: try catalog.search(query, limit: limit))
    }

    /// The data-quality report against `year` (else the latest year any record has figures for, else last year).
    public func check(year: Int? = nil, lang: Lang) throws -> CheckReport {
        let coops = try catalog.allCooperatives()
        let latest = coops.flatMap { $0.figures.map(\.year) }.max()
        let reference = year ?? latest ?? (Calendar(identifier: .gregorian).component(.year, from: clock()) - 1)
        let issues = QualityCheck(referenceYear: reference, units: try catalog.units()).run(coops)
        var byKind: [String: Int] = [:]
        for issue in issues { byKind[issue.kind.rawValue, default: 0] += 1 }
        let findings = issues.map {
            CheckReport.Finding(
                id: $0.id, name: $0.name, kind: $0.kind.rawValue, severity: $0.severity.rawValue, field: $0.field,
                message: $0.message.text(lang))
        }
        return CheckReport(
            referenceYear: reference, cooperatives: coops.count, withIssues: Set(issues.map(\.id)).count,
            byKind: byKind, issues: findings, findings: issues)
    }

    // MARK: - Writes

    /// Adds a cooperative named `name` with `fields` set (district, sectors, tax code …), after the same checks as
    /// every other write.
    public func addCooperative(name: String, fields: [FieldValue], origin: ChangeOrigin) throws -> AddResult {
        var coop = Cooperative(name: name)
        for field in fields { try CooperativeField.set(field.field, to: field.value, in: &coop) }
        let (stored, warnings) = try catalog.add(coop, origin: try Kit.checked(origin))
        return AddResult(cooperative: stored, warnings: warnings)
    }

    /// Sets `fields` of cooperative `ref`; each change goes to history. With `expectedVersion` (from an edit form,
    /// see `version`), an edit of a record changed since is refused (`CatalogError.staleEdit`).
    public func editCooperative(
        _ ref: String, fields: [FieldValue], origin: ChangeOrigin, expectedVersion: Int64? = nil,
        onlyDistrict: String? = nil
    ) throws -> EditResult {
        let (coop, changes, warnings) = try catalog.edit(
            ref, set: fields.map { ($0.field, $0.value) }, origin: try Kit.checked(origin),
            expectedVersion: expectedVersion, onlyDistrict: onlyDistrict)
        return EditResult(cooperative: coop, changes: changes, warnings: warnings)
    }

    /// Removes cooperative `ref`; its last record stays in history.
    public func removeCooperative(_ ref: String, origin: ChangeOrigin) throws -> Cooperative {
        try catalog.remove(ref, origin: try Kit.checked(origin))
    }
}
