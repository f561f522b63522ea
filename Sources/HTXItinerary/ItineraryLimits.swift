import HTXCore

/// The largest itinerary request htx plans: past these it stops at once with a message, instead of building a
/// travel matrix that does not fit in memory or a search that never ends.
///
/// A delegation visits a handful of cooperatives a day for a few days; a thousand sites or a month of days is
/// already far past any survey, and a travel time of more than a week is a unit mistake.
public enum ItineraryLimits {
    /// The most sites in one request (the travel matrix then holds a million entries).
    public static let sites = 1_000
    /// The most days.
    public static let days = 31
    /// The longest travel, visit or lunch time, in minutes (a week).
    public static let minutes = 7 * 24 * 60
    /// The clock grids a programme may keep, in minutes (divisors of an hour, so that the hour lines are on it).
    public static let grids: Set<Int> = [1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30, 60]
    /// The highest site priority.
    public static let priority = 1_000

    /// Checks the size of a request before any matrix is built.
    static func check(sites count: Int, days: Int, file: String?) throws(ItineraryError) {
        guard count <= sites else { throw .tooManySites(file: file, count: count, limit: sites) }
        guard (1...ItineraryLimits.days).contains(days) else {
            throw .daysOutOfRange(file: file, days: days, limit: ItineraryLimits.days)
        }
    }

    /// Checks one duration, in minutes, saying which it is.
    static func check(
        minutes value: Int, _ what: ItineraryError.Duration, file: String?
    ) throws(ItineraryError) {
        // A lunch has its own, shorter bound: "0 to a week" would be advice that fails again.
        let limit = what == .lunch ? lunchMinutes : minutes
        guard (0...limit).contains(value) else {
            throw .durationOutOfRange(file: file, what: what, minutes: value, limit: limit)
        }
    }

    /// The longest lunch break, in minutes.
    public static let lunchMinutes = 180

    /// Checks that lunch can be taken in the day: it lasts at most `lunchMinutes`, and some start in its window
    /// lies in the day and leaves the break ending by the day's end.
    static func check(
        lunch: ItineraryInstance.Lunch, dayStart: Int, dayEnd: Int, file: String?
    ) throws(ItineraryError) {
        guard lunch.earliest <= lunch.latest, (0...lunchMinutes).contains(lunch.minutes) else {
            throw .lunchOutOfOrder(file: file, lunch: lunch, limit: lunchMinutes)
        }
        let earliestStart = max(lunch.earliest, dayStart)
        guard lunch.latest >= dayStart, earliestStart + lunch.minutes <= dayEnd else {
            throw .lunchNotTakeable(file: file, lunch: lunch, dayStart: dayStart, dayEnd: dayEnd)
        }
    }
}
