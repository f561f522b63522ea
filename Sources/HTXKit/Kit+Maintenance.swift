import Foundation
import HTXCatalog
import HTXCore

/// What `htx init` did.
public struct InitResult: Sendable {
    /// Cooperatives in the catalog now.
    public var total: Int
    /// Illustrative cooperatives added from the sample.
    public var added: Int
}

extension Kit {
    /// Creates the catalog at `path` if there is none (or takes an existing one), loads the 2021 districts, and
    /// with `sample` adds the illustrative cooperatives; gives back the use cases over it.
    public static func initialize(
        path: String, sample: Bool, seeds: SeedDirectory, origin: ChangeOrigin, busyTimeout: Double,
        clock: @escaping @Sendable () -> Date = Date.init
    ) throws -> (kit: Kit, result: InitResult) {
        let catalog = try Catalog.open(path: path, create: true, busyTimeout: busyTimeout, now: clock)
        try catalog.loadDistricts(seeds.districts())
        try catalog.loadUnits(seeds.units())
        var added = 0
        if sample { added = try catalog.addAll(try seeds.sampleCatalog(), origin: origin).added.count }
        return (Kit(catalog: catalog, clock: clock), InitResult(total: try catalog.count(), added: added))
    }

    /// Copies the catalog with SQLite's online backup into a new file (never over an existing one); gives back
    /// how many cooperatives the copy holds.
    public func backup(to destination: String) throws -> Int {
        try catalog.backup(to: destination)
        return try catalog.count()
    }

    /// Copies what can still be read of a damaged catalog at `path` into a new catalog at `destination`
    /// (`Catalog.salvage`); the damaged file is left as it is.
    public static func salvage(_ path: String, into destination: String) throws -> SalvageReport {
        try Catalog.salvage(path, into: destination, seeds: try SeedDirectory.locate())
    }

    /// The integrity checks, schema and counts; with `repair`, a search index that no longer matches the records is
    /// rebuilt from them first (the records are never changed).
    public func doctor(repair: Bool = false) throws -> (report: DoctorReport, reindexed: Int?) {
        let report = try catalog.doctor()
        guard repair, report.integrity == "ok", report.searchIndex == .damaged else { return (report, nil) }
        let count = try catalog.rebuildSearchIndex()
        return (try catalog.doctor(), count)
    }
}
