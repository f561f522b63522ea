/// A span of clock time within a day, written "HH:MM", e.g. a reception window 08:00–11:30.
public struct TimeWindow: Codable, Sendable, Equatable {
    /// Minutes after midnight.
    public var start: Int
    /// Minutes after midnight.
    public var end: Int

    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }

    /// Office hours, the default reception windows: 08:00–11:30 and 13:30–17:00.
    public static let officeHours = [TimeWindow(start: 480, end: 690), TimeWindow(start: 810, end: 1020)]

    /// Parses "HH:MM" (also "H:MM" and "HHhMM") into minutes after midnight.
    public static func minutes(_ text: String) -> Int? {
        let parts = text.trimmingSpaces.split(whereSeparator: { $0 == ":" || $0 == "h" || $0 == "g" })
        guard parts.count == 2 || (parts.count == 1 && text.trimmingSpaces.hasSuffix("h")),
            let hour = Int(parts[0]), (0...24).contains(hour)
        else { return nil }
        // Minutes always take two digits: "7:3" is a slip, not 07:03.
        guard parts.count == 1 || parts[1].count == 2 else { return nil }
        let minute = parts.count == 2 ? Int(parts[1]) : 0
        guard let minute, (0...59).contains(minute), hour * 60 + minute <= 1440 else { return nil }
        return hour * 60 + minute
    }

    /// Formats minutes after midnight as "HH:MM".
    public static func format(_ minutes: Int) -> String {
        let h = minutes / 60
        let m = minutes % 60
        return (h < 10 ? "0" : "") + "\(h):" + (m < 10 ? "0" : "") + "\(m)"
    }

    /// Parses "08:00-11:30".
    public static func parse(_ text: String) throws(UserError) -> TimeWindow {
        let parts = text.split(whereSeparator: { $0 == "-" || $0 == "–" })
        guard parts.count == 2, let start = minutes(String(parts[0])), let end = minutes(String(parts[1])), start < end
        else {
            throw UserError(
                "khung giờ \"\(text)\" không hợp lệ (dạng 08:00-11:30)",
                "time window \"\(text)\" is invalid (expected 08:00-11:30)")
        }
        return TimeWindow(start: start, end: end)
    }

    public var description: String { TimeWindow.format(start) + "–" + TimeWindow.format(end) }

    public init(from decoder: Decoder) throws {
        var container = try decoder.unkeyedContainer()
        let startText = try container.decode(String.self)
        let endText = try container.decode(String.self)
        guard let start = TimeWindow.minutes(startText), let end = TimeWindow.minutes(endText), start < end else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "invalid window \(startText)-\(endText)")
        }
        self.init(start: start, end: end)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.unkeyedContainer()
        try container.encode(TimeWindow.format(start))
        try container.encode(TimeWindow.format(end))
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and newlines.
    var trimmingSpaces: String {
        // Fast path: nothing to trim when both ends are visible ASCII.
        let bytes = Substring(self).utf8
        if let first = bytes.first, let last = bytes.last, first > 0x20 && first < 0x7F, last > 0x20 && last < 0x7F {
            return String(self)
        }
        var scalars = Substring(self).unicodeScalars[...]
        while let first = scalars.first, first.properties.isWhitespace { scalars = scalars.dropFirst() }
        while let last = scalars.last, last.properties.isWhitespace { scalars = scalars.dropLast() }
        return String(String.UnicodeScalarView(scalars))
    }
}
