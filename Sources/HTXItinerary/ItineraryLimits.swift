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
    /// The highest site priority.
    public static let priority = 1_000

    /// Checks the size of a request before any matrix is built.
    static func check(sites count: Int, days: Int, source: String) throws(UserError) {
        guard count <= sites else {
            throw UserError("\(source)\(count) điểm, quá \(sites) điểm một lịch trình; chọn bớt HTX (một danh sách rút gọn) rồi lập lại",
                            "\(source)\(count) sites, more than the \(sites) one itinerary takes; choose fewer cooperatives (a shortlist) and plan again")
        }
        guard (1...ItineraryLimits.days).contains(days) else {
            throw UserError("\(source)số ngày \(days) phải từ 1 đến \(ItineraryLimits.days)", "\(source)\(days) days: use 1 to \(ItineraryLimits.days)")
        }
    }

    /// Checks one duration, in minutes, naming it in the message.
    static func check(minutes value: Int, _ what: String, source: String) throws(UserError) {
        guard (0...minutes).contains(value) else {
            throw UserError("\(source)\(what) = \(value) phút, phải từ 0 đến \(minutes) (một tuần)", "\(source)\(what) = \(value) minutes: use 0 to \(minutes) (a week)")
        }
    }
}
