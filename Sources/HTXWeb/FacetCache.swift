import Foundation
import HTXCatalog

/// The facet counts of the catalog list by filter, kept while the catalog's change version stays the same: counting
/// 100,000 records by district, sector and grade on every page view would cost more than the page.
final class FacetCache: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [ListFilter: (version: Int64, facets: ListFacets)] = [:]

    /// Held while counts are made, so that requests arriving together for counts not yet kept wait for one
    /// count instead of each making its own (32 at once when a load test starts).
    private let making = NSLock()

    /// The counts for `filter` at `version`, computed by `make` when not kept (or kept for an older version).
    func facets(_ filter: ListFilter, version: Int64, make: () throws -> ListFacets) throws -> ListFacets {
        if let kept = kept(filter, version: version) { return kept }
        making.lock()
        defer { making.unlock() }
        if let kept = kept(filter, version: version) { return kept }
        let facets = try make()
        lock.lock()
        if entries.count > 256 { entries.removeAll() }
        entries[filter] = (version, facets)
        lock.unlock()
        return facets
    }

    private func kept(_ filter: ListFilter, version: Int64) -> ListFacets? {
        lock.lock()
        defer { lock.unlock() }
        guard let kept = entries[filter], kept.version == version else { return nil }
        return kept.facets
    }
}
