/// Why an itinerary request cannot be planned, with the values the words need (they are the edge's, `HTXMessages`).
///
/// `file` is the instance file the value came from, or nil when it came from the caller's own options (then the
/// edge names its flag or form field).
public enum ItineraryError: Error, Equatable, Sendable {
    /// More sites than one itinerary takes.
    case tooManySites(file: String?, count: Int, limit: Int)
    /// A number of days outside 1…limit.
    case daysOutOfRange(file: String?, days: Int, limit: Int)
    /// A duration outside 0…limit minutes.
    case durationOutOfRange(file: String?, what: Duration, minutes: Int, limit: Int)
    /// A lunch window whose start is after its end, or a break longer than `limit` minutes.
    case lunchOutOfOrder(file: String?, lunch: ItineraryInstance.Lunch, limit: Int)
    /// A lunch that no start in its window fits inside the day (times in minutes after midnight).
    case lunchNotTakeable(file: String?, lunch: ItineraryInstance.Lunch, dayStart: Int, dayEnd: Int)
    /// A clock grid that does not divide the hour.
    case gridNotDivisor(file: String?, grid: Int, allowed: [Int])
    /// The given travel matrix has no time from one place to another.
    case missingTravelTime(from: String, to: String)
    /// Travel is to be estimated from coordinates, and the start place has none.
    case startWithoutCoordinates

    /// Which duration a limit applies to.
    public enum Duration: Equatable, Sendable {
        /// The time spent at each cooperative.
        case visit
        /// The lunch break.
        case lunch
        /// The time spent at one site of an instance file.
        case service(site: String)
        /// The travel time from one place to another.
        case travel(from: String, to: String)
    }
}
