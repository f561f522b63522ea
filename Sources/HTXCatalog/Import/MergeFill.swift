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

    init(_ merges: [SheetParser.Merge], lastRow: Int, lastColumn: Int) {
        var budget = MergeFill.budget
        var ranges: [Range] = []
        for (order, merge) in merges.enumerated() {
            let bottom = min(max(merge.from.row, merge.to.row), lastRow)
            let right = min(max(merge.from.column, merge.to.column), lastColumn)
            guard merge.from.row <= bottom, merge.from.column <= right else { continue }
            budget -= (bottom - merge.from.row + 1) * (right - merge.from.column + 1)
            guard budget >= 0 else { break }
            ranges.append(
                Range(order: order, top: merge.from.row, bottom: bottom, left: merge.from.column, right: right))
        }
        waiting = ranges.sorted { ($0.top, $0.order) > ($1.top, $1.order) }
    }

    var isEmpty: Bool { waiting.isEmpty && active.isEmpty }

    /// The rows to give for `row`, read after the previous one: the rows between them that only merged ranges fill,
    /// then `row` with its merged cells filled.
    mutating func rows(for row: (number: Int, cells: [String])) -> [(row: Int, cells: [String])] {
        var out: [(row: Int, cells: [String])] = []
        var between = last + 1
        while between < row.number && between <= reach() {
            var cells: [String] = []
            fill(between, &cells)
            out.append((between, cells))
            between += 1
        }
        var cells = row.cells
        fill(row.number, &cells)
        out.append((row.number, cells))
        last = row.number
        return out
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
