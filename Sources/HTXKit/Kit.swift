import Foundation
import HTXCatalog
import HTXCore

/// The use cases of htx, one per verb, that the command line and the web application both call.
///
/// Each takes a value request and gives back a value result or throws a typed error (`KitError`, or the error of
/// the library below); none prints, parses a flag or writes a file other than the catalog. Time comes from the
/// injected `clock`, so tests and reproducible documents fix it.
public struct Kit: Sendable {
    /// The catalog the use cases read and write.
    public let catalog: Catalog
    /// The time history, shortlists and documents are stamped with.
    public let clock: @Sendable () -> Date

    public init(catalog: Catalog, clock: @escaping @Sendable () -> Date = Date.init) {
        self.catalog = catalog
        self.clock = clock
    }

    /// Opens the catalog at `path` for `access` and the use cases over it, stamping history with `clock`; `readers`
    /// above 1 lets that many reads run at once (a server).
    public static func open(
        path: String, access: Catalog.Access, busyTimeout: Double = Catalog.defaultBusyTimeout, readers: Int = 1,
        clock: @escaping @Sendable () -> Date = Date.init
    ) throws -> Kit {
        let catalog = try Catalog.open(
            path: path, access: access, busyTimeout: busyTimeout, readers: readers, now: clock)
        if access == .write, try catalog.needsUnits(), let units = try? SeedDirectory.locate().units() {
            // A catalog made before the units of 2025 were known (SPEC §12); a file that cannot take the write now
            // (busy, read-only) gets them on a later open, and the command goes on.
            _ = try? catalog.loadUnits(units)
        }
        return Kit(catalog: catalog, clock: clock)
    }

    /// The clock's time as ISO 8601 in UTC, as history and shortlists store it.
    var timestamp: String {
        clock().formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC") ?? .current))
    }
}
