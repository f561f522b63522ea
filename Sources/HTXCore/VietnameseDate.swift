import Foundation

/// Dates as Vietnamese administrative documents write them.
public enum VietnameseDate {
    static let weekdays = ["Chủ Nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"]

    static var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        return calendar
    }

    /// Parses an ISO date ("2021-10-28").
    public static func parse(_ iso: String) -> Date? {
        let parts = iso.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, CooperativeNormalizer.isoDate(iso) == iso else { return nil }
        return calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2]))
    }

    /// "Thứ Năm, ngày 28/10/2021" for "2021-10-28".
    public static func dayHeading(_ iso: String) -> String {
        guard let date = parse(iso) else { return iso }
        let parts = calendar.dateComponents([.weekday, .day, .month, .year], from: date)
        func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        guard let weekday = parts.weekday, let day = parts.day, let month = parts.month, let year = parts.year else {
            return iso
        }
        return "\(weekdays[(weekday - 1) % 7]), ngày \(pad(day))/\(pad(month))/\(year)"
    }

    /// The ISO date `offset` days after `iso`.
    public static func adding(_ offset: Int, to iso: String) -> String {
        guard let date = parse(iso), let next = calendar.date(byAdding: .day, value: offset, to: date) else {
            return iso
        }
        let parts = calendar.dateComponents([.day, .month, .year], from: next)
        func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        guard let day = parts.day, let month = parts.month, let year = parts.year else { return iso }
        return "\(year)-\(pad(month))-\(pad(day))"
    }

    /// The day of the week of an ISO date: 1 Sunday, 2 Monday … 7 Saturday; nil for a date that is not one.
    public static func weekday(_ iso: String) -> Int? {
        parse(iso).map { calendar.component(.weekday, from: $0) }
    }

    /// The public holidays of the solar calendar (Bộ luật Lao động 2019, Điều 112): New Year's Day, Reunification
    /// Day, Labour Day and National Day (2 September, with 1 or 3 September beside it). Tết and the Hùng Kings'
    /// day follow the lunar calendar and are not known here.
    public enum Holiday: String, Sendable, CaseIterable {
        case newYear, reunification, labour, national
    }

    /// The solar public holiday an ISO date falls on, or nil.
    public static func holiday(_ iso: String) -> Holiday? {
        switch iso.suffix(5) {
        case "01-01": return .newYear
        case "04-30": return .reunification
        case "05-01": return .labour
        case "09-02": return .national
        default: return nil
        }
    }
}
