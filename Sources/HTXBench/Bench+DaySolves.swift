import Foundation
import HTXItinerary

extension Bench {
    /// Times the exact day solver on a fixed set of pools of `file`'s instance, each site with its 1 to 7 nearest
    /// others (by travel there and back), solved `rounds` times (the least of five timings): microseconds per solve
    /// by pool size, a measure of the solver alone that does not depend on how far a time-limited search got.
    static func daySolves(file: String, rounds: Int, print: (String) -> Void) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: file))
        let instance = try ItineraryInstance.parse(json: data, file: file)
        let solver = DaySolver(instance: instance)
        let n = instance.sites.count
        let travel = instance.travel
        for size in 2...8 where size <= n {
            let pools = (0..<n).map { s -> [Int] in
                func both(_ a: Int) -> Int { travel[s + 1][a + 1] + travel[a + 1][s + 1] }
                let others = (0..<n).filter { $0 != s }.sorted { (both($0), $0) < (both($1), $1) }
                return [s] + others.prefix(size - 1)
            }
            // The least of five timings: the machine is shared, and the least is the one the others slowed least.
            var checksum = 0
            var seconds = Double.infinity
            for _ in 0..<5 {
                checksum = 0
                let began = Date()
                for _ in 0..<rounds {
                    for pool in pools { checksum &+= solver.solve(pool: pool).value.travel }
                }
                seconds = min(seconds, Date().timeIntervalSince(began))
            }
            print(
                String(
                    format: "pool %d: %.1f µs a solve (%d solves, checksum %d)", size,
                    seconds * 1e6 / Double(rounds * pools.count), rounds * pools.count, checksum))
        }
    }
}
