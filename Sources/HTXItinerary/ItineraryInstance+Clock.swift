/// The human clock: every time the programme prints — departures, arrivals, visits, lunch, the return — falls on a
/// grid of `grid` minutes (docs/CONTRACT.md §4), and the exact solver and the schedule evaluator time each leg of a
/// day through these functions, so that what is optimal is optimal on the grid, and what `itinerary check` finds
/// is what the programme prints. With a grid of 1 the times are the solver's own minutes.
extension ItineraryInstance {
    /// `minutes` rounded up to the grid.
    @inline(__always)
    public func onGrid(_ minutes: Int) -> Int {
        grid <= 1 ? minutes : (minutes + grid - 1) / grid * grid
    }

    /// The earliest start on the grid, at or after `ready`, at which the whole visit to `site` — up to the grid line
    /// after its end, when the delegation leaves — fits in one of its windows, or nil.
    @inline(__always)
    public func visitStart(_ site: Site, readyAt ready: Int) -> Int? {
        for window in site.windows {
            let start = onGrid(max(ready, window.start))
            if onGrid(start + site.service) <= window.end { return start }
        }
        return nil
    }

    /// One leg from a place left at `time`, `minutes` away, with lunch on it or not: when the delegation arrives,
    /// when it is ready to be received, and when lunch starts (nil without lunch, or when lunch cannot start by its
    /// latest time).
    ///
    /// Lunch on a leg is taken at the next place when the bus gets there before lunch may start (it waits, eats,
    /// then visits); otherwise it starts as soon as it may — at the place just left or on the way — and the rest of
    /// the drive follows.
    @inline(__always)
    public func leg(leaving time: Int, minutes: Int, lunch withLunch: Bool) -> (arrive: Int, ready: Int, lunch: Int?)? {
        let reached = time + minutes
        guard withLunch else {
            let arrive = onGrid(reached)
            return (arrive, arrive, nil)
        }
        if reached < lunch.earliest {
            let arrive = onGrid(reached)
            let start = onGrid(max(arrive, lunch.earliest))
            guard start <= lunch.latest else { return nil }
            return (arrive, start + lunch.minutes, start)
        }
        let start = onGrid(max(time, lunch.earliest))
        guard start <= lunch.latest else { return nil }
        let ready = onGrid(max(reached, start) + lunch.minutes)
        return (ready, ready, start)
    }

    /// When lunch starts at the start place, at or after `time` (before leaving, or after returning), or nil.
    @inline(__always)
    public func lunchAtStart(from time: Int) -> Int? {
        let start = onGrid(max(time, lunch.earliest))
        return start <= lunch.latest ? start : nil
    }
}
