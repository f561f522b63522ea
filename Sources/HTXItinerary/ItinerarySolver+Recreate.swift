import HTXCore

extension ItinerarySolver {
    /// Ruin and recreate: while work is left, takes a few nearby sites (or two nearby days whole) out of their days
    /// and puts each back where it costs least, every day re-solved exactly; keeps a change that is no worse than the
    /// best plan by more than a threshold that falls to nothing over the first 5,000 units of work (record-to-record
    /// travel), so that the search leaves a local optimum instead of stopping in it, then only a plan no worse.
    /// Returns the best plan seen.
    ///
    /// The choices come from a seeded generator: the same instance and budget give the same plan on every run. The
    /// search stops when the budget is spent or after 20 steps per site without a better plan. `fits` says whether
    /// one day can visit every site of a pool (always true if not known): a day that cannot is not solved for an
    /// insertion, which it could not take whole.
    func ruinAndRecreate(
        _ routes: [[Int]], budget: WorkBudget, near: [[Int]], day: ([Int]) -> (order: [Int], value: DaySolver.Value),
        fits: ([Int]) -> Bool = { _ in true }
    ) -> [[Int]] {
        let n = instance.sites.count
        guard n > 1, !routes.isEmpty else { return routes }
        var generator = SeededGenerator(seed: 0x4854_5820_4C4E_5300)
        func value(_ plan: [[Int]]) -> DaySolver.Value { plan.map { day($0).value }.reduce(.empty, +) }
        var current = routes
        var currentValue = value(current)
        var best = current
        var bestValue = currentValue
        let start = budget.used
        // Sites a day can hold on their own: the others are left out whatever the plan.
        let visitable = (0..<n).map { !day([$0]).order.isEmpty }
        // Each step counts as work (most of its day solves may be cached), and the search ends once 20 steps per
        // site have not bettered the best plan.
        var stale = 0
        while !budget.exhausted, stale < 20 * n {
            budget.spend()
            stale += 1
            var trial = current
            var dayOf = Array(repeating: -1, count: n)
            for (d, route) in trial.enumerated() { for s in route { dayOf[s] = d } }
            // Ruin: a site and its nearest neighbours, or two nearby days whole; half the time around a must-visit
            // site left out, to make room for it.
            let missing = (0..<n).filter { dayOf[$0] < 0 && visitable[$0] }
            let seed = !missing.isEmpty && generator.below(2) == 0 ? generator.pick(missing) : generator.below(n)
            var removed: [Int]
            if generator.below(4) == 0, dayOf[seed] >= 0,
                let other = near[seed].first(where: { dayOf[$0] >= 0 && dayOf[$0] != dayOf[seed] }).map({ dayOf[$0] })
            {
                removed = trial[dayOf[seed]] + trial[other]
            } else {
                let size = generator.int(2...min(8, n))
                removed = [seed] + near[seed].prefix(size - 1)
            }
            var touched = Set(removed.compactMap { dayOf[$0] >= 0 ? dayOf[$0] : nil })
            for s in removed where dayOf[s] >= 0 {
                trial[dayOf[s]].removeAll { $0 == s }
                dayOf[s] = -1
            }
            for d in touched { trial[d] = day(trial[d]).order }
            // Recreate: in a random order (sites that were left out first), each site into the day where it adds
            // least travel, among the days of its nearest neighbours and an empty day. A site that fits nowhere takes
            // the place of sites of no more value, which go back in the queue (a short chain).
            removed.shuffle(using: &generator)
            removed =
                removed.filter { dayOf[$0] < 0 && missing.contains($0) } + removed.filter { !missing.contains($0) }
            var queue = removed[...]
            var ejections = 0
            while let s = queue.popFirst() {
                var candidates = Set(near[s].prefix(10).compactMap { dayOf[$0] >= 0 ? dayOf[$0] : nil })
                if let empty = trial.firstIndex(where: \.isEmpty) { candidates.insert(empty) }
                if candidates.isEmpty { candidates = Set(trial.indices) }
                let site = instance.sites[s]
                var choice: (day: Int, order: [Int], added: Int)?
                for d in candidates.sorted() where trial[d].count < DaySolver.maximumPool && fits(trial[d] + [s]) {
                    let before = day(trial[d])
                    let after = day(trial[d] + [s])
                    // Only a day that keeps all its sites and takes this one.
                    guard after.order.count == before.order.count + 1,
                        after.value.must == before.value.must + (site.mustVisit ? 1 : 0),
                        after.value.priority == before.value.priority + (site.mustVisit ? 0 : site.priority)
                    else { continue }
                    let added = after.value.travel - before.value.travel
                    if choice.map({ added < $0.added }) ?? true { choice = (d, after.order, added) }
                }
                if let choice {
                    trial[choice.day] = choice.order
                    dayOf[s] = choice.day
                    touched.insert(choice.day)
                } else if ejections < 2 * removed.count {
                    // The day that keeps most of its value with this site in (others may leave it).
                    var swap: (day: Int, order: [Int], value: DaySolver.Value)?
                    for d in candidates.sorted() where trial[d].count < DaySolver.maximumPool {
                        let after = day(trial[d] + [s])
                        guard after.order.contains(s) else { continue }
                        let change = DaySolver.Value(
                            must: after.value.must - day(trial[d]).value.must,
                            priority: after.value.priority - day(trial[d]).value.priority,
                            travel: after.value.travel - day(trial[d]).value.travel)
                        if swap.map({ $0.value < change }) ?? true { swap = (d, after.order, change) }
                    }
                    if let swap, swap.value.must > 0 || (swap.value.must == 0 && swap.value.priority >= 0) {
                        let out = trial[swap.day].filter { !swap.order.contains($0) }
                        for u in out { dayOf[u] = -1 }
                        trial[swap.day] = swap.order
                        dayOf[s] = swap.day
                        touched.insert(swap.day)
                        queue.append(contentsOf: out)
                        ejections += out.count
                    }
                }
            }
            let trialValue = value(trial)
            // The threshold: 1 % of the best travel at first, nothing after 5,000 units of work (or once the work is
            // spent), then descent only. A threshold that fell over all the work left was still high when a 2 s
            // limit stopped the search (120 sites over 30 days: 2,731-2,734 minutes; with this one, 2,711), and one
            // that fell with the time would make a run the work ends depend on the machine.
            let progress = Double(budget.used - start) / Double(max(1, min(budget.limit - start, 5_000)))
            let slack = Int(Double(bestValue.travel) * 0.01 * max(0, 1 - progress))
            let sameVisits = trialValue.must == bestValue.must && trialValue.priority == bestValue.priority
            if bestValue < trialValue || (sameVisits && trialValue.travel <= bestValue.travel + slack)
                || currentValue < trialValue
            {
                current = trial
                currentValue = trialValue
                if bestValue < trialValue {
                    best = trial
                    bestValue = trialValue
                    stale = 0
                }
            }
        }
        return best
    }
}
