import Foundation
import HTXCatalog
import HTXKit
import HTXTestSupport
import Testing

@testable import HTXCore

/// The rows that write their JSON themselves (`JSONWritable`) write what their `Encodable` conformance writes.
@Suite("JSON rows")
struct JSONRowsTests {
    @Test("check findings, list rows and search hits: the same text by hand and through the encoder")
    func sameText() throws {
        let catalog = try Catalog.inMemory(now: Fixtures.clock)
        try catalog.loadDistricts(Fixtures.seeds.districts())
        try catalog.loadUnits(Fixtures.seeds.units())
        _ = try catalog.addAll(Fixtures.seeds.sampleCatalog(), origin: ChangeOrigin(by: "Kiểm thử", source: nil))
        let kit = Kit(catalog: catalog, clock: Fixtures.clock)
        let report = try kit.check(lang: .vi)
        #expect(!report.issues.isEmpty)
        let list = try kit.list()
        let hits = try kit.search("nông nghiệp", limit: 50)
        for pretty in [true, false] {
            #expect(try JSONText.encode(report, pretty: pretty) == JSONText.encodeByTree(report, pretty: pretty))
            #expect(try JSONText.encode(list, pretty: pretty) == JSONText.encodeByTree(list, pretty: pretty))
            #expect(try JSONText.encode(hits, pretty: pretty) == JSONText.encodeByTree(hits, pretty: pretty))
        }
    }
}
