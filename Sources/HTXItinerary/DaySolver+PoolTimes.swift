extension DaySolver {
    /// What the exact solvers' inner loops read of a pool's sites, read once: a site is a large value (its place's
    /// names, its windows), and taking it out of the instance for every label and next site copied it each time.
    struct PoolTimes {
        let instance: ItineraryInstance
        /// The number of sites; position `m` in `legs` stands for the start place.
        let m: Int
        let service: [Int]
        /// The windows of all pool sites in one run: those of site j at `firstWindow[j]..<firstWindow[j + 1]`.
        let opens: [Int]
        let closes: [Int]
        let firstWindow: [Int]
        /// The travel between the pool's places: legs[a * (m + 1) + b].
        let legs: [Int]

        init(pool: [Int], instance: ItineraryInstance) {
            self.instance = instance
            m = pool.count
            service = pool.map { instance.sites[$0].service }
            var opens: [Int] = []
            var closes: [Int] = []
            var firstWindow = [0]
            for site in pool {
                for window in instance.sites[site].windows {
                    opens.append(window.start)
                    closes.append(window.end)
                }
                firstWindow.append(opens.count)
            }
            self.opens = opens
            self.closes = closes
            self.firstWindow = firstWindow
            let places = pool.map { $0 + 1 } + [0]
            legs = places.flatMap { a in places.map { b in instance.travel[a][b] } }
        }

        /// The travel from place `a` to place `b` (pool positions; `m` is the start place).
        @inline(__always)
        func leg(_ a: Int, _ b: Int) -> Int { legs[a * (m + 1) + b] }

        /// `ItineraryInstance.visitStart` for pool site `j`.
        @inline(__always)
        func visitStart(_ j: Int, readyAt ready: Int) -> Int? {
            for w in firstWindow[j]..<firstWindow[j + 1] {
                let start = instance.onGrid(max(ready, opens[w]))
                if instance.onGrid(start + service[j]) <= closes[w] { return start }
            }
            return nil
        }

        /// When the delegation leaves pool site `j`, reached at `leaving` + `minutes` (with lunch on the way or
        /// not), or nil when the visit or the lunch cannot be fitted.
        @inline(__always)
        func leave(_ j: Int, leaving: Int, minutes: Int, lunch: Bool) -> Int? {
            guard let leg = instance.leg(leaving: leaving, minutes: minutes, lunch: lunch),
                let start = visitStart(j, readyAt: leg.ready)
            else { return nil }
            return instance.onGrid(start + service[j])
        }

        /// Whether a day back at the start place at `time` + the way back from `last` closes in time: with lunch
        /// taken, by the day's end; without, after lunch at the start place.
        @inline(__always)
        func closes(from last: Int, at time: Int, lunchTaken: Bool) -> Bool {
            let home = instance.onGrid(time + leg(last, m))
            if lunchTaken { return home <= instance.dayEnd }
            return instance.lunchAtStart(from: home).map { $0 + instance.lunch.minutes <= instance.dayEnd } ?? false
        }
    }
}
