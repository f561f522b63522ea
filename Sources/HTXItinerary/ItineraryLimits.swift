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
            throw UserError(
                "\(source)\(count) điểm, quá \(sites) điểm một lịch trình; chọn bớt HTX (một danh sách rút gọn) rồi "
                    + "lập lại",
                "\(source)\(count) sites, more than the \(sites) one itinerary takes; choose fewer cooperatives (a "
                    + "shortlist) and plan again"
            )
        }
        guard (1...ItineraryLimits.days).contains(days) else {
            throw UserError(
                "\(source)số ngày \(days) phải từ 1 đến \(ItineraryLimits.days)",
                "\(source)\(days) days: use 1 to \(ItineraryLimits.days)")
        }
    }

    /// Checks one duration, in minutes, naming it in the message.
    static func check(minutes value: Int, _ what: String, source: String) throws(UserError) {
        guard (0...minutes).contains(value) else {
            throw UserError(
                "\(source)\(what) = \(value) phút, phải từ 0 đến \(minutes) (một tuần)",
                "\(source)\(what) = \(value) minutes: use 0 to \(minutes) (a week)")
        }
    }

    /// The longest lunch break, in minutes.
    public static let lunchMinutes = 180

    /// Checks that lunch can be taken in the day: it lasts at most `lunchMinutes`, and some start in its window
    /// lies in the day and leaves the break ending by the day's end.
    static func check(lunch: ItineraryInstance.Lunch, dayStart: Int, dayEnd: Int, source: String) throws(UserError) {
        let window = "\(TimeWindow.format(lunch.earliest))-\(TimeWindow.format(lunch.latest))/\(lunch.minutes)"
        guard lunch.earliest <= lunch.latest, (0...lunchMinutes).contains(lunch.minutes) else {
            throw UserError(
                "\(source)nghỉ trưa \(window): khung giờ bắt đầu phải đúng thứ tự và nghỉ từ 0 đến \(lunchMinutes) "
                    + "phút",
                "\(source)lunch \(window): the start window must be in order and the break 0 to \(lunchMinutes) minutes"
            )
        }
        let earliestStart = max(lunch.earliest, dayStart)
        guard lunch.latest >= dayStart, earliestStart + lunch.minutes <= dayEnd else {
            throw UserError(
                "\(source)nghỉ trưa \(window) không bố trí được trong ngày "
                    + "\(TimeWindow.format(dayStart))–\(TimeWindow.format(dayEnd)); "
                    + "đổi khung giờ hoặc độ dài bữa trưa",
                "\(source)lunch \(window) cannot be taken within the day \(TimeWindow.format(dayStart))–"
                    + "\(TimeWindow.format(dayEnd)); change its window or length")
        }
    }
}
