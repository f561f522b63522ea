import HTXCore
import HTXItinerary

extension ErrorMessages {
    /// The words for an itinerary request that cannot be planned, naming the flag or the instance file's field.
    static func itineraryMessage(_ error: ItineraryError) -> Message {
        switch error {
        case .tooManySites(let file, let count, let limit):
            let source = prefix(file)
            return Message(
                "\(source)\(count) điểm, quá \(limit) điểm một lịch trình; chọn bớt HTX (một danh sách rút gọn) rồi "
                    + "lập lại",
                "\(source)\(count) sites, more than the \(limit) one itinerary takes; choose fewer cooperatives (a "
                    + "shortlist) and plan again")
        case .daysOutOfRange(let file, let days, let limit):
            let source = prefix(file)
            return Message(
                "\(source)số ngày \(days) phải từ 1 đến \(limit)", "\(source)\(days) days: use 1 to \(limit)")
        case .durationOutOfRange(let file, let what, let minutes, let limit):
            let source = prefix(file)
            let name = durationName(what, inFile: file != nil)
            let week = limit == ItineraryLimits.minutes
            return Message(
                "\(source)\(name) = \(minutes) phút, phải từ 0 đến \(limit)" + (week ? " (một tuần)" : ""),
                "\(source)\(name) = \(minutes) minutes: use 0 to \(limit)" + (week ? " (a week)" : ""))
        case .lunchOutOfOrder(let file, let lunch, let limit):
            let source = prefix(file)
            let window = lunchText(lunch)
            return Message(
                "\(source)nghỉ trưa \(window): khung giờ bắt đầu phải đúng thứ tự và nghỉ từ 0 đến \(limit) phút",
                "\(source)lunch \(window): the start window must be in order and the break 0 to \(limit) minutes")
        case .lunchNotTakeable(let file, let lunch, let dayStart, let dayEnd):
            let source = prefix(file)
            let window = lunchText(lunch)
            let day = "\(TimeWindow.format(dayStart))–\(TimeWindow.format(dayEnd))"
            return Message(
                "\(source)nghỉ trưa \(window) không bố trí được trong ngày \(day); đổi khung giờ hoặc độ dài bữa trưa",
                "\(source)lunch \(window) cannot be taken within the day \(day); change its window or length")
        case .gridNotDivisor(let file, let grid, let allowed):
            let list = allowed.map(String.init).joined(separator: ", ")
            let name = file == nil ? "--grid" : "grid"
            return Message(
                "\(prefix(file))\(name) \(grid) phút: dùng một trong \(list)",
                "\(prefix(file))\(name) \(grid) minutes: use one of \(list)")
        case .missingTravelTime(let from, let to):
            return Message(
                "ma trận thời gian thiếu ô \(from) → \(to)", "the travel matrix has no entry \(from) → \(to)")
        case .startWithoutCoordinates:
            return Message("nơi xuất phát cần toạ độ", "the start place needs coordinates")
        }
    }

    /// "file: " before a message about a value from an instance file; nothing for the command line's own options.
    private static func prefix(_ file: String?) -> String { file.map { "\($0): " } ?? "" }

    /// The flag (from the command line) or the instance file's field that holds a duration.
    private static func durationName(_ what: ItineraryError.Duration, inFile: Bool) -> String {
        switch what {
        case .visit: return inFile ? "serviceMinutes" : "--visit"
        case .lunch: return inFile ? "lunch.minutes" : "--lunch"
        case .service(let site): return "serviceMinutes (\(site))"
        case .travel(let from, let to): return "\(from) → \(to)"
        }
    }

    /// A lunch rule as "HH:MM-HH:MM/MIN".
    private static func lunchText(_ lunch: ItineraryInstance.Lunch) -> String {
        "\(TimeWindow.format(lunch.earliest))-\(TimeWindow.format(lunch.latest))/\(lunch.minutes)"
    }
}
