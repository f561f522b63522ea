import HTXCore
import Testing

@testable import HTXItinerary

@Suite("IntTable")
struct IntTableTests {
    @Test("holds what a Dictionary holds through growth, replacement and emptying", arguments: 0..<4)
    func matchesDictionary(seed: Int) {
        var generator = SeededGenerator(seed: UInt64(seed) + 7)
        var table = IntTable<Int>(capacity: seed == 0 ? 0 : 1 << seed)
        #expect(table[5] == nil && table.entries.isEmpty)
        var reference: [Int: Int] = [:]
        for round in 0..<3 {
            for _ in 0..<5_000 {
                // Keys clustered like state keys (small) and spread (large), so that probing chains form.
                let key = generator.below(2) == 0 ? generator.below(3_000) : generator.below(1 << 40)
                let value = generator.below(1_000_000)
                table[key] = value
                reference[key] = value
            }
            #expect(table.count == reference.count, "round \(round)")
            for (key, value) in reference { #expect(table[key] == value) }
            for _ in 0..<2_000 {
                let key = generator.below(1 << 41)
                #expect(table[key] == reference[key])
            }
            #expect(Dictionary(uniqueKeysWithValues: table.entries.map { ($0.key, $0.value) }) == reference)
            table.removeAll()
            reference.removeAll()
            #expect(table.count == 0 && table[1] == nil)
        }
    }
}
