import Foundation
import HTXCore
import Testing

@testable import HTXCatalog

/// The import's reader thread: order, derived columns, errors from either side, and no thread left behind.
@Suite("Import pipeline")
struct ImportPipelineTests {
    /// A source of `count` rows (every third without a record), counting how many it was asked for.
    final class Rows {
        var produced = 0
        let count: Int
        let failAt: Int?
        init(count: Int, failAt: Int? = nil) {
            self.count = count
            self.failAt = failAt
        }

        func next() throws(UserError) -> (
            row: Int, record: Cooperative?, problems: [ImportProblem], fields: Set<String>, key: String?
        )? {
            guard produced < count else { return nil }
            produced += 1
            if produced == failAt { throw UserError("dòng \(produced) hỏng", "row \(produced) is damaged") }
            return (produced, produced % 3 == 0 ? nil : Cooperative(name: "HTX Thử \(produced)"), [], ["name"], nil)
        }
    }

    @Test("the columns are derived by the side with time: the reader while the writer lags, else the writer")
    func balance() throws {
        let rows = Rows(count: 3_000)
        let (seen, byWriter) = try ImportPipeline.run(source: rows.next) { pipeline in
            var seen: [(record: Cooperative?, derived: DerivedColumns?)] = []
            while let row = try pipeline.next() {
                // A slow writer for the first thousand rows: the reader, ahead, derives the columns meanwhile.
                if row.row <= 1_000 { Thread.sleep(forTimeInterval: 0.0003) }
                seen.append((row.record, row.derived))
            }
            return (seen, pipeline.derivedByWriter)
        }
        let records = seen.filter { $0.record != nil }.count
        #expect(records == 2_000)
        #expect(byWriter > 0, "the writer derives while the reader has no lead (the first batch at least)")
        #expect(byWriter < records - 300, "the reader derives while the writer lags: writer derived \(byWriter)")
        for (record, derived) in seen {
            guard let record else {
                #expect(derived == nil)
                continue
            }
            let expected = DerivedColumns(record)
            #expect(derived?.json == expected.json && derived?.sortKey == expected.sortKey)
            #expect(derived?.names.folded == expected.names.folded && derived?.names.exact == expected.names.exact)
            #expect(derived?.matchKey == expected.matchKey && derived?.keyHashes == expected.keyHashes)
        }
    }

    @Test("rows arrive whole and in order, with their columns derived")
    func order() throws {
        let rows = Rows(count: 2_000)
        let seen = try ImportPipeline.run(capacity: 16, source: rows.next) { pipeline in
            var seen: [(Int, String?, Bool)] = []
            while let row = try pipeline.next() { seen.append((row.row, row.record?.name, row.derived != nil)) }
            #expect(try pipeline.next() == nil, "the end stays the end")
            return seen
        }
        #expect(seen.map(\.0) == Array(1...2_000))
        #expect(seen.allSatisfy { ($0.1 != nil) == $0.2 }, "derived exactly when there is a record")
        #expect(seen[0].1 == "HTX Thử 1" && seen[2].1 == nil)
    }

    @Test("a reader error reaches the writer after the rows before it")
    func readerError() throws {
        let rows = Rows(count: 100, failAt: 5)
        var taken = 0
        #expect(throws: UserError("dòng 5 hỏng", "row 5 is damaged")) {
            try ImportPipeline.run(capacity: 4, source: rows.next) { pipeline in
                while try pipeline.next() != nil { taken += 1 }
            }
        }
        #expect(taken == 4)
        #expect(rows.produced == 5, "the reader stops at its error")
    }

    @Test("a writer that stops early stops the reader, which reads at most two batches ahead")
    func writerStops() throws {
        struct Stop: Error {}
        let rows = Rows(count: 100_000)
        #expect(throws: Stop.self) {
            try ImportPipeline.run(capacity: 8, source: rows.next) { pipeline in
                for _ in 0..<3 { _ = try pipeline.next() }
                throw Stop()
            }
        }
        #expect(rows.produced <= 3 + 8 + 8 + 1, "bounded read-ahead: \(rows.produced)")
    }
}
