/// Fills merged ranges from their top-left cell as a sheet's rows go by in order, so a header merged over two columns
/// still names both, and a district merged down a block of rows is on each of them.
///
/// Ranges are clipped to the cells the sheet uses (its last row and column with something in them), and all of them
/// together may cover at most a million cells: a merge over a whole row or a huge area (seen in the wild, and found by
/// fuzzing) must not blow up into millions of cells.
struct MergeFill {
    /// One clipped range and the value it spreads, once its top row has been read.
    struct Range {
        let order: Int
        let top: Int
        let bottom: Int
        let left: Int
        let right: Int
        var value: String?
    }

    /// The ranges not yet reached, the lowest top last.
    private var waiting: [Range]
    /// The ranges reached and not yet passed, in the sheet's order.
    private var active: [Range] = []
    /// The last row given.
    private var last = 0

    /// The cells all ranges may cover together.
    static let budget = 1_000_000

    /// The ranges of `merges` clipped to `lastRow` and `lastColumn`; `valued` says whether a cell (column, row) holds a
    /// value as read. A range whose top-left cell has none, and lies in no range before it, never spreads anything:
    /// it is dropped and costs nothing of the budget.
    init(
        _ merges: [SheetParser.Merge], lastRow: Int, lastColumn: Int, valued: (_ column: Int, _ row: Int) -> Bool
    ) {
        var budget = MergeFill.budget
        var ranges: [Range] = []
        for (order, merge) in merges.enumerated() {
            let top = merge.from.row
            let left = merge.from.column
            let bottom = min(max(top, merge.to.row), lastRow)
            let right = min(max(left, merge.to.column), lastColumn)
            guard top >= 1, left >= 0, top <= bottom, left <= right else { continue }
            let filled =
                ranges.count > 2_000
                || ranges.contains { $0.top <= top && top <= $0.bottom && $0.left <= left && left <= $0.right }
            guard valued(left, top) || filled else { continue }
            budget -= (bottom - top + 1) * (right - left + 1)
            guard budget >= 0 else { break }
            ranges.append(Range(order: order, top: top, bottom: bottom, left: left, right: right))
        }
        waiting = ranges.sorted { ($0.top, $0.order) > ($1.top, $1.order) }
    }

    var isEmpty: Bool { waiting.isEmpty && active.isEmpty }

    /// The next row before row `number` that only merged ranges fill, after the last one given; nil when there is
    /// none left.
    mutating func between(before number: Int) -> (row: Int, cells: [String])? {
        let row = last + 1
        guard row < number, row <= reach() else { return nil }
        var cells: [String] = []
        fill(row, &cells)
        last = row
        return (row, cells)
    }

    /// Row `number`, read from the sheet after every row `between` gave before it, with its merged cells filled.
    mutating func filled(_ number: Int, _ cells: [String]) -> (row: Int, cells: [String]) {
        var cells = cells
        fill(number, &cells)
        last = number
        return (number, cells)
    }

    /// The last row a range with a value still covers.
    private func reach() -> Int {
        active.lazy.filter { $0.value != nil }.map(\.bottom).max() ?? 0
    }

    /// Fills `cells`, row `number`, from the ranges over it; a range whose top row this is takes its value here.
    private mutating func fill(_ number: Int, _ cells: inout [String]) {
        var reached = false
        while let next = waiting.last, next.top <= number {
            active.append(waiting.removeLast())
            reached = true
        }
        if reached { active.sort { $0.order < $1.order } }
        active.removeAll { $0.bottom < number }
        for k in active.indices {
            if active[k].top == number {
                let value = active[k].left < cells.count ? cells[active[k].left] : ""
                active[k].value = value.isEmpty ? nil : value
            }
            guard let value = active[k].value else { continue }
            if cells.count <= active[k].right {
                cells.append(contentsOf: repeatElement("", count: active[k].right + 1 - cells.count))
            }
            for column in active[k].left...active[k].right where cells[column].isEmpty { cells[column] = value }
        }
    }
}
