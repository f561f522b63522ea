// swift-tools-version:6.1
import PackageDescription

/// htx: catalog, shortlist, itinerary and briefing for Hanoi's model-cooperative field surveys.
let package = Package(
    name: "htx",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "htx", targets: ["htx"]),
        .library(name: "HTXCore", targets: ["HTXCore"]),
        .library(name: "HTXCatalog", targets: ["HTXCatalog"]),
        .library(name: "HTXKit", targets: ["HTXKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.2"),
    ],
    targets: [
        .target(name: "HTXCore"),
        .target(name: "HTXPackage", dependencies: ["ZIPFoundation"]),
        .target(name: "HTXSQLiteSetup", linkerSettings: [.linkedLibrary("sqlite3")]),
        .target(
            name: "HTXCatalog",
            dependencies: [
                "HTXCore", "HTXPackage", "HTXSQLiteSetup", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"), "ZIPFoundation",
            ]),
        .target(name: "HTXShortlist", dependencies: ["HTXCore", "Yams"]),
        .target(name: "HTXItinerary", dependencies: ["HTXCore"]),
        .target(name: "HTXDocument", dependencies: ["HTXPackage", "ZIPFoundation"]),
        .target(name: "HTXBriefing", dependencies: ["HTXCore", "HTXItinerary", "HTXDocument"]),
        .target(
            name: "HTXKit",
            dependencies: [
                "HTXCore", "HTXCatalog", "HTXShortlist", "HTXItinerary", "HTXDocument", "HTXBriefing", "Yams",
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "HummingbirdOTP", package: "hummingbird-auth"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]),
        .target(
            name: "HTXMessages",
            dependencies: ["HTXCore", "HTXCatalog", "HTXItinerary", "HTXShortlist", "HTXKit"]),
        .target(
            name: "HTXWeb",
            dependencies: [
                "HTXCore", "HTXCatalog", "HTXKit", "HTXMessages", "HTXDocument", "HTXItinerary", "HTXPackage",
                "HTXShortlist", "HTXBriefing",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]),
        .target(
            name: "HTXCommands",
            dependencies: [
                "HTXCore", "HTXCatalog", "HTXShortlist", "HTXItinerary", "HTXDocument", "HTXBriefing", "HTXKit",
                "HTXMessages", "HTXWeb", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .executableTarget(name: "htx", dependencies: ["HTXCommands"]),
        .target(name: "HTXFuzzing", dependencies: ["HTXCore", "HTXCatalog", "HTXShortlist", "HTXItinerary"]),
        .executableTarget(name: "htx-fuzz", dependencies: ["HTXFuzzing"], path: "Sources/HTXFuzz"),
        .executableTarget(
            name: "htx-bench",
            dependencies: [
                "HTXCore", "HTXCatalog", "HTXShortlist", "HTXItinerary", "HTXDocument", "HTXBriefing", "HTXKit",
                "HTXSQLiteSetup", .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/HTXBench"),
        .target(name: "HTXTestSupport", dependencies: ["HTXCore", "HTXCatalog"], path: "Tests/HTXTestSupport"),
        .testTarget(name: "HTXCoreTests", dependencies: ["HTXCore"]),
        .testTarget(
            name: "HTXKitTests",
            dependencies: [
                "HTXKit", "HTXCore", "HTXCatalog", "HTXItinerary", "HTXShortlist", "HTXMessages", "HTXTestSupport",
            ]),
        .testTarget(
            name: "HTXCatalogTests",
            dependencies: [
                "HTXTestSupport", "HTXCore", "HTXCatalog", "ZIPFoundation",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]),
        .testTarget(name: "HTXShortlistTests", dependencies: ["HTXCore", "HTXShortlist", "HTXTestSupport"]),
        .testTarget(name: "HTXItineraryTests", dependencies: ["HTXCore", "HTXItinerary"], exclude: ["Instances"]),
        .testTarget(
            name: "HTXDocumentTests",
            dependencies: ["HTXCore", "HTXItinerary", "HTXDocument", "HTXBriefing", "HTXKit", "ZIPFoundation"],
            exclude: ["Golden"]),
        .testTarget(
            name: "HTXCommandsTests",
            dependencies: [
                "HTXCommands", "htx", "HTXTestSupport", "ZIPFoundation", .product(name: "GRDB", package: "GRDB.swift"),
            ],
            exclude: ["Golden"]),
        .testTarget(
            name: "HTXWebTests",
            dependencies: [
                "HTXWeb", "HTXKit", "HTXCore", "HTXCatalog", "HTXTestSupport", "htx", "ZIPFoundation",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HummingbirdOTP", package: "hummingbird-auth"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]),
        .testTarget(
            name: "HTXFuzzingTests", dependencies: ["HTXFuzzing"], exclude: ["Corpus", "lsan-suppressions.txt"]),
    ]
)
