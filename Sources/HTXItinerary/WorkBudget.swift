import Foundation

/// How much search the solver may do: a count of exact day solves, the same on every machine, so that one instance
/// always gives one answer; and a deadline from a clock, an upper bound for a slow machine or a huge instance.
final class WorkBudget {
    /// The day solves allowed.
    let limit: Int
    /// The day solves so far.
    private(set) var used = 0
    let deadline: Date
    let clock: @Sendable () -> Date

    init(limit: Int, deadline: Date, clock: @escaping @Sendable () -> Date) {
        self.limit = limit
        self.deadline = deadline
        self.clock = clock
    }

    /// Whether the work (or, failing that, the time) is used up.
    var exhausted: Bool { used >= limit || clock() > deadline }

    /// Counts `units` of work (one exact day solve is one unit).
    func spend(_ units: Int = 1) { used += units }
}
