import Foundation

/// One way `ItinerarySolver` searches beyond the exact proofs. Searches that differ only in where the scan for moves
/// resumes reach different local optima, and on generated instances of 80 to 150 sites neither was the better on
/// all: the two run side by side, one on each processor, each deterministic for its work. They share the machine
/// with whatever else runs: on a busy one each reaches less of its work by the time limit.
struct SearchStrategy: Sendable, Equatable {
    /// Whether the scan for a better move starts again from the first site after each improvement, or goes on from
    /// the site that improved.
    var rescanFromFirst: Bool

    /// The strategies `ItinerarySolver.solve` may run, the first as it always did.
    static let portfolio = [SearchStrategy(rescanFromFirst: true), SearchStrategy(rescanFromFirst: false)]

    /// The strategies for an instance of `sites` sites on a machine of `processors`: the first alone up to
    /// `DaySolver.maximumProvenPlan` sites (the exact proofs settle the plan, and it stays what it was) or on one
    /// processor (two searches would each get half of it); else the whole portfolio.
    static func strategies(sites: Int, processors: Int) -> [SearchStrategy] {
        sites <= DaySolver.maximumProvenPlan || processors < 2 ? [portfolio[0]] : portfolio
    }
}

/// What one search found: its days, their value, and whether the exact split proved them best.
struct SearchOutcome {
    var routes: [[Int]]
    var value: DaySolver.Value
    var proven: Bool
}

/// The searches' answers, each set once from its own thread.
final class SearchResults: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [SearchOutcome?]

    init(count: Int) { results = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ result: SearchOutcome) {
        lock.withLock { results[index] = result }
    }

    /// The answer of most value, the first strategy's on a tie (after every search has returned).
    var best: SearchOutcome {
        lock.withLock {
            let all = results.map { result in
                guard let result else { preconditionFailure("a search returned no answer") }
                return result
            }
            var best = all[0]
            for result in all.dropFirst() where best.value < result.value { best = result }
            return best
        }
    }
}
