import Foundation

/// One way `ItinerarySolver` searches beyond the exact proofs. Searches that differ only in where the scan for moves
/// resumes reach different local optima, and on generated instances of 80 to 150 sites neither was the better on
/// all: the two run side by side, one on each core, each deterministic for its work.
struct SearchStrategy: Sendable {
    /// Whether the scan for a better move starts again from the first site after each improvement, or goes on from
    /// the site that improved.
    var rescanFromFirst: Bool

    /// The strategies `ItinerarySolver.solve` runs, the first alone up to `DaySolver.maximumProvenPlan` sites.
    static let portfolio = [SearchStrategy(rescanFromFirst: true), SearchStrategy(rescanFromFirst: false)]
}

/// The searches' answers, each set once from its own thread.
final class SearchResults: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [(routes: [[Int]], value: DaySolver.Value, proven: Bool)?]

    init(count: Int) { results = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ result: (routes: [[Int]], value: DaySolver.Value, proven: Bool)) {
        lock.withLock { results[index] = result }
    }

    /// Every answer, in the strategies' order (after every search has returned).
    var all: [(routes: [[Int]], value: DaySolver.Value, proven: Bool)] {
        lock.withLock { results.compactMap { $0 } }
    }
}
