import HTXCore

/// One line of a day's programme, in time order: the departure, each arrival with a wait before the reception,
/// each visit, lunch where it is taken, and the return. The text table, the briefing packet and the web page each
/// put it in their own words.
public struct ProgrammeItem: Sendable, Equatable {
    /// Where lunch is taken.
    public enum LunchPlace: Sendable, Equatable {
        /// At the start place, before leaving.
        case beforeLeaving
        /// At the start place, after coming back.
        case afterReturning
        /// Where the last visit was, before driving on to `next`.
        case after(ItineraryReport.Stop, next: ItineraryReport.Stop)
        /// On the road to a cooperative, the rest of the drive after it.
        case onTheWay(to: ItineraryReport.Stop)
        /// Near a cooperative the delegation reached before lunchtime, before the visit.
        case before(ItineraryReport.Stop)
    }

    /// What happens.
    public enum Kind: Sendable, Equatable {
        case departure
        /// The delegation arrives before the reception can start, and waits.
        case wait(ItineraryReport.Stop)
        case visit(ItineraryReport.Stop)
        case lunch(LunchPlace)
        case arrival
    }

    public var kind: Kind
    /// When it starts ("HH:MM").
    public var start: String
    /// When it ends, for waits, visits and lunch.
    public var end: String?
}

extension ItineraryReport.Day {
    /// The day's programme in time order (lines at the same time keep the order of the day: the return before a
    /// lunch taken after it).
    public var programme: [ProgrammeItem] {
        let lunchPlace = self.lunchPlace
        var items: [ProgrammeItem] = []
        func addLunch() {
            if let lunch, let lunchPlace {
                items.append(ProgrammeItem(kind: .lunch(lunchPlace), start: lunch.start, end: lunch.end))
            }
        }
        if lunchPlace == .beforeLeaving { addLunch() }
        guard !stops.isEmpty else {
            items.append(ProgrammeItem(kind: .departure, start: departAt, end: nil))
            items.append(ProgrammeItem(kind: .arrival, start: returnAt, end: nil))
            if lunchPlace == .afterReturning { addLunch() }
            return items
        }
        items.append(ProgrammeItem(kind: .departure, start: departAt, end: nil))
        for stop in stops {
            switch lunchPlace {
            case .after(_, let next) where next == stop, .onTheWay(let next) where next == stop:
                addLunch()
            default: break
            }
            var ready = stop.arrive
            if case .before(let next) = lunchPlace, next == stop, let lunch {
                if stop.arrive < lunch.start {
                    items.append(ProgrammeItem(kind: .wait(stop), start: stop.arrive, end: lunch.start))
                }
                addLunch()
                ready = lunch.end
            }
            if ready < stop.start { items.append(ProgrammeItem(kind: .wait(stop), start: ready, end: stop.start)) }
            items.append(ProgrammeItem(kind: .visit(stop), start: stop.start, end: stop.depart))
        }
        items.append(ProgrammeItem(kind: .arrival, start: returnAt, end: nil))
        if lunchPlace == .afterReturning { addLunch() }
        // A re-planned day keeps its first departure time while its lunch moved: time order decides.
        return items.enumerated().sorted { a, b in
            a.element.start != b.element.start ? a.element.start < b.element.start : a.offset < b.offset
        }.map(\.element)
    }

    /// Where the day's lunch is taken, read from its times: the stop it follows, and whether the next place was
    /// reached before it, or it began as the last visit ended.
    public var lunchPlace: ProgrammeItem.LunchPlace? {
        guard let lunch else { return nil }
        if let index = stops.firstIndex(where: { $0.id == lunch.after }), index + 1 < stops.count {
            let previous = stops[index]
            let next = stops[index + 1]
            if next.arrive <= lunch.start { return .before(next) }
            if lunch.start <= previous.depart { return .after(previous, next: next) }
            return .onTheWay(to: next)
        }
        if let first = stops.first { return lunch.end <= first.arrive ? .beforeLeaving : .afterReturning }
        return lunch.end <= departAt ? .beforeLeaving : .afterReturning
    }
}
