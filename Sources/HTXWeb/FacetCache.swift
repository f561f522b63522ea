import Foundation
import HTXCatalog

/// The facet counts of the catalog list by filter, kept while the catalog's change version stays the same: counting
/// 100,000 records by district, sector and grade on every page view would cost more than the page.
final class FacetCache: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [ListFilter: (version: Int64, facets: ListFacets)] = [:]

    /// The counts for `filter` at `version`, computed by `make` when not kept (or kept for an older version).
    func facets(_ filter: ListFilter, version: Int64, make: () throws -> ListFacets) throws -> ListFacets {
        lock.lock()
        let kept = entries[filter]
        lock.unlock()
        if let kept, kept.version == version { return kept.facets }
        let facets = try make()
        lock.lock()
        if entries.count > 256 { entries.removeAll() }
        entries[filter] = (version, facets)
        lock.unlock()
        return facets
    }
}
