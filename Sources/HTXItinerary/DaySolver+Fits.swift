extension DaySolver {
    /// Whether one day can visit every site of `pool` (at most `maximumPool`), in some order: the exact solver's
    /// labelling with travel left out, so that each state keeps only its earliest time; much cheaper than the best
    /// day, and enough to reject a move that would leave a must-visit site out.
    ///
    /// A state is followed only while the day could still end in time: after it, each site left is reached by at
    /// least its least way in and visited for its length, lunch (if still ahead) takes its minutes, and the way back
    /// takes at least the least of them.
    func visitsAll(_ pool: [Int]) -> Bool {
        let m = pool.count
        precondition(m <= DaySolver.maximumPool, "pool too large for the exact day solver")
        guard m > 0 else { return true }
        let times = PoolTimes(pool: pool, instance: instance)
        let never = Int.max
        let full = (1 << m) - 1
        // What the sites of the pool need at least, each: its least way in, then its visit.
        let need = zip(instance.leastTravelInto(pool), times.service).map { $0 + $1 }
        let back = (0..<m).map { times.leg($0, m) }.min() ?? 0
        let lunchMinutes = instance.lunch.minutes
        // earliest[(mask * m + last) * 2 + lunch taken]: the earliest time a route through `mask` ending at `last`
        // leaves it; the masks reached, by how many sites they hold.
        var earliest = [Int](repeating: never, count: (1 << m) * m * 2)
        var reached = [Bool](repeating: false, count: 1 << m)
        var levels = [[Int]](repeating: [], count: m + 1)
        func arrive(_ mask: Int, _ last: Int, _ taken: Int, _ time: Int) {
            var rest = full & ~mask
            var least = time + back + (taken == 1 ? 0 : lunchMinutes)
            while rest != 0 {
                least += need[rest.trailingZeroBitCount]
                rest &= rest - 1
            }
            guard least <= instance.dayEnd else { return }
            let key = (mask * m + last) * 2 + taken
            if time < earliest[key] { earliest[key] = time }
            if !reached[mask] {
                reached[mask] = true
                levels[mask.nonzeroBitCount].append(mask)
            }
        }
        let dayStart = instance.onGrid(instance.dayStart)
        let lunchFirst = instance.lunchAtStart(from: dayStart).map { $0 + lunchMinutes }
        for j in 0..<m {
            let minutes = times.leg(m, j)
            if let time = times.leave(j, leaving: dayStart, minutes: minutes, lunch: false) {
                arrive(1 << j, j, 0, time)
            }
            if let lunchFirst, let time = times.leave(j, leaving: lunchFirst, minutes: minutes, lunch: false) {
                arrive(1 << j, j, 1, time)
            }
        }
        for size in 1...m {
            for mask in levels[size] {
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
                            if let leaves = times.leave(j, leaving: time, minutes: minutes, lunch: false) {
                                arrive(mask | (1 << j), j, taken, leaves)
                            }
                            if taken == 0, let leaves = times.leave(j, leaving: time, minutes: minutes, lunch: true) {
                                arrive(mask | (1 << j), j, 1, leaves)
                            }
                        }
                    }
                }
            }
        }
        return false
    }
}
