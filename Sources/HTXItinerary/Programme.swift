/// One line of a day's programme, in time order: the departure, each visit, lunch and the return. The text table,
/// the briefing packet and the web page each put it in their own words.
public struct ProgrammeItem: Sendable, Equatable {
    /// What happens.
    public enum Kind: Sendable, Equatable {
        case departure
        case visit(ItineraryReport.Stop)
        case lunch
        case arrival
    }

    public var kind: Kind
    /// When it starts ("HH:MM").
    public var start: String
    /// When it ends, for visits and lunch.
    public var end: String?
}

extension ItineraryReport.Day {
    /// The day's programme in time order (items at the same time keep the order departure, visits, lunch, return).
    public var programme: [ProgrammeItem] {
        var items = [ProgrammeItem(kind: .departure, start: departAt, end: nil)]
        items += stops.map { ProgrammeItem(kind: .visit($0), start: $0.start, end: $0.depart) }
        if let lunch { items.append(ProgrammeItem(kind: .lunch, start: lunch.start, end: lunch.end)) }
        items.append(ProgrammeItem(kind: .arrival, start: returnAt, end: nil))
        return items.enumerated().sorted { a, b in
            a.element.start != b.element.start ? a.element.start < b.element.start : a.offset < b.offset
        }.map(\.element)
    }
}
