import Foundation
import HTXCore

/// Runs an import's reading side (reader, record builder, derived columns) on a second thread, at most `capacity`
/// rows ahead of the writer, so that the text work and SQLite's work share the machine's cores.
///
/// The derived columns go to whichever side has time: the reader computes them while the writer has a backlog (at
/// the last handover, at least a quarter of `capacity` rows handed over and not yet taken; the rest of the batch the
/// writer is working through is not seen), else it hands the records over without them and the writer computes them
/// as it takes each row. Either way the writer gets the same columns, in the same order.
///
/// The reading side is called on one thread only, in order; the writer takes rows in the same order. `finish()`
/// stops the reader (if the writer stopped first, on an error) and waits for its thread, so nothing outlives the
/// import.
final class ImportPipeline: @unchecked Sendable {
    /// One row as the writer takes it, with its columns already derived when it built a record; `key` is the row's
    /// record key in the file (`htx export`'s ID), if it has one.
    typealias Row = (
        row: Int, record: Cooperative?, problems: [ImportProblem], fields: Set<String>, key: String?,
        derived: DerivedColumns?
    )
    typealias Source = () throws(UserError) -> (
        row: Int, record: Cooperative?, problems: [ImportProblem], fields: Set<String>, key: String?
    )?

    private enum Slot {
        case row(Row)
        case end
        case failure(UserError)
    }

    /// A reading function handed to the reader thread; only that thread calls it, and lets go of it when done
    /// (`withoutActuallyEscaping` checks that no reference outlives the import).
    private final class SourceBox: @unchecked Sendable {
        var next: Source?
        init(_ next: @escaping Source) { self.next = next }
    }

    private let condition = NSCondition()
    private let stopped = DispatchSemaphore(value: 0)
    private let capacity: Int
    private var buffer: [Slot] = []
    private var cancelled = false
    /// The writer's batch, taken whole from `buffer`, and the next row of it; whether the end or an error has been
    /// taken, and which error (asking again gives the same answer).
    private var batch: [Slot] = []
    private var position = 0
    /// Batches the writer is done with, handed back for the reader to drop: the rows' text was allocated on the
    /// reader thread, and freeing it there spares the writer (the busier side) the work and the allocator's lock.
    private var spent: [[Slot]] = []
    private var finished = false
    private var failure: UserError?
    /// How many rows' columns the writer derived itself (the reader had not): for the tests of the balance.
    private(set) var derivedByWriter = 0

    /// Starts reading with `source` on a new thread.
    private init(capacity: Int, source: SourceBox) {
        self.capacity = capacity
        let thread = Thread { [self] in read(source) }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Runs `body` with a pipeline over `source`; the reader thread has ended when this returns.
    static func run<T>(capacity: Int = 512, source: Source, _ body: (ImportPipeline) throws -> T) throws -> T {
        try withoutActuallyEscaping(source) { escapable in
            let pipeline = ImportPipeline(capacity: capacity, source: SourceBox(escapable))
            defer { pipeline.finish() }
            return try body(pipeline)
        }
    }

    /// The reader thread: rows until the end, an error or cancellation; then it drops the reading function (no
    /// reference to it may remain once `finish()` returns) and says it has stopped.
    private func read(_ source: SourceBox) {
        if let produce = source.next { readRows(produce) }
        source.next = nil
        stopped.signal()
    }

    private func readRows(_ produce: Source) {
        // Rows are handed over in small batches: one lock and one wake-up per batch, not per row.
        let handover = max(1, min(64, capacity / 4))
        var pending: [Slot] = []
        pending.reserveCapacity(handover)
        // Whether the writer had a backlog at the last handover, so that this side also derives the columns.
        var writerBehind = false
        var spentByWriter: [[Slot]] = []
        while true {
            let slot: Slot
            do {
                if let next = try produce() {
                    let derived = writerBehind ? next.record.map(DerivedColumns.init) : nil
                    slot = .row((next.row, next.record, next.problems, next.fields, next.key, derived))
                } else {
                    slot = .end
                }
            } catch {
                slot = .failure(error)
            }
            pending.append(slot)
            let last: Bool
            if case .row = slot { last = false } else { last = true }
            guard last || pending.count == handover else { continue }
            condition.lock()
            while buffer.count + pending.count > capacity && !cancelled { condition.wait() }
            if cancelled {
                condition.unlock()
                return
            }
            // Moved, not copied: a row holds dozens of references, and copying retains (then releases) each.
            if buffer.isEmpty {
                swap(&buffer, &pending)
            } else {
                pending.reverse()
                while let moved = pending.popLast() { buffer.append(moved) }
            }
            writerBehind = buffer.count >= capacity / 4
            swap(&spentByWriter, &spent)
            condition.broadcast()
            condition.unlock()
            pending.removeAll(keepingCapacity: true)
            spentByWriter.removeAll()
            if last { return }
        }
    }

    /// The next row, nil at the end; rethrows what the reading side threw.
    func next() throws(UserError) -> Row? {
        if position == batch.count, !finished {
            condition.lock()
            while buffer.isEmpty { condition.wait() }
            if !batch.isEmpty { spent.append(batch) }
            batch = buffer
            buffer = []
            position = 0
            condition.broadcast()
            condition.unlock()
        }
        guard position < batch.count else {
            finished = true
            if let failure { throw failure }
            return nil
        }
        // Read, not moved out: the batch keeps its references until the reader drops it (see `spent`).
        let slot = batch[position]
        position += 1
        switch slot {
        case .row(var row):
            if row.derived == nil, let record = row.record {
                row.derived = DerivedColumns(record)
                derivedByWriter += 1
            }
            return row
        case .failure(let error):
            finished = true
            failure = error
            throw error
        case .end:
            finished = true
            return nil
        }
    }

    /// Stops the reader if it is still going and waits for its thread to end.
    private func finish() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
        stopped.wait()
    }
}
