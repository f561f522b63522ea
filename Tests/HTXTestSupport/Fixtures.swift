import Foundation
import HTXCatalog
import HTXCore

/// Where the tests find the repository's files, and the fixed time they run at.
public enum Fixtures {
    /// The package's root folder.
    public static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The repository's `Seeds/`.
    public static let seeds = SeedDirectory(url: packageRoot.appendingPathComponent("Seeds"))

    /// The shared itinerary instances kept in the repository.
    public static let instances = packageRoot.appendingPathComponent("Tests/HTXItineraryTests/Instances")

    /// 20 October 2021, 08:00 UTC: the clock of tests that stamp history or documents.
    public static let now = Date(timeIntervalSince1970: 1_634_716_800)

    /// A clock that always says `now`.
    public static let clock: @Sendable () -> Date = { now }
}

/// A folder of its own under the system's temporary folder, removed with everything in it when the value goes.
public final class TemporaryFolder: Sendable {
    public let url: URL
    public var path: String { url.path }

    public init(_ label: String = "htx-test") throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// The path of `name` inside the folder.
    public func file(_ name: String) -> String { url.appendingPathComponent(name).path }
}
