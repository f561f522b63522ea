extension DaySolver {
    /// Whether one day can visit every site of `pool` (at most `maximumPool`), in some order: the exact solver's
    /// labelling with travel left out, so that each state keeps only its earliest time; much cheaper than the best
    /// day, and enough to reject a move that would leave a must-visit site out.
    func visitsAll(_ pool: [Int]) -> Bool {
        let m = pool.count
        precondition(m <= DaySolver.maximumPool, "pool too large for the exact day solver")
        guard m > 0 else { return true }
        let times = PoolTimes(pool: pool, instance: instance)
        let never = Int.max
        let full = (1 << m) - 1
        // earliest[(mask * m + last) * 2 + lunch taken]: the earliest time a route through `mask` ending at `last`
        // leaves it.
        var earliest = [Int](repeating: never, count: (1 << m) * m * 2)
        let dayStart = instance.onGrid(instance.dayStart)
        let lunchFirst = instance.lunchAtStart(from: dayStart).map { $0 + instance.lunch.minutes }
        for j in 0..<m {
            let minutes = times.leg(m, j)
            if let time = times.leave(j, leaving: dayStart, minutes: minutes, lunch: false) {
                earliest[((1 << j) * m + j) * 2] = time
            }
            if let lunchFirst, let time = times.leave(j, leaving: lunchFirst, minutes: minutes, lunch: false) {
                earliest[((1 << j) * m + j) * 2 + 1] = time
            }
        }
        for mask in 1...full {
            for last in 0..<m where mask & (1 << last) != 0 {
                for taken in 0...1 {
                    let time = earliest[(mask * m + last) * 2 + taken]
                    guard time != never else { continue }
                    if mask == full {
                        if times.closes(from: last, at: time, lunchTaken: taken == 1) { return true }
                        continue
                    }
                    for j in 0..<m where mask & (1 << j) == 0 {
                        let minutes = times.leg(last, j)
                        let next = ((mask | (1 << j)) * m + j) * 2
                        if let reached = times.leave(j, leaving: time, minutes: minutes, lunch: false) {
                            earliest[next + taken] = min(earliest[next + taken], reached)
                        }
                        if taken == 0, let reached = times.leave(j, leaving: time, minutes: minutes, lunch: true) {
                            earliest[next + 1] = min(earliest[next + 1], reached)
                        }
                    }
                }
            }
        }
        return false
    }
}
