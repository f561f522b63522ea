import Foundation

/// The sampled share of records holding each search word, kept per catalog so a word is sampled once, not on every
/// search; behind a lock (the web searches on many threads).
///
/// The shares belong to the catalog's range of ids when they were sampled: a search that sees another range (an
/// import, a deletion at either end) starts afresh. They only steer how a search asks the index, never what it
/// finds, so shares a little stale (an edited record) cost nothing but time. Past 4,096 words it forgets them all,
/// so a stream of distinct queries cannot grow it.
final class WordShareCache: @unchecked Sendable {
    private let lock = NSLock()
    private var range: ClosedRange<Int64>?
    private var shares: [String: Double] = [:]

    /// The share recorded for `word` over `range`, or nil.
    func share(_ word: String, in range: ClosedRange<Int64>) -> Double? {
        lock.lock()
        defer { lock.unlock() }
        return self.range == range ? shares[word] : nil
    }

    /// Records `share` for `word` over `range`, forgetting shares of another range.
    func record(_ share: Double, for word: String, in range: ClosedRange<Int64>) {
        lock.lock()
        defer { lock.unlock() }
        if self.range != range || shares.count >= 4_096 {
            shares.removeAll(keepingCapacity: true)
            self.range = range
        }
        shares[word] = share
    }
}
