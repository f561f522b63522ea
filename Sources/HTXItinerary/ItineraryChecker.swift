import Foundation
import HTXCore

/// Evaluates a hand-made order of visits, day by day, against an instance: every constraint it breaks is named —
/// a site that is not in the itinerary, a site given twice, more days than the itinerary has, a must-visit site
/// left out, and each day's broken window, lunch or return time.
public struct ItineraryChecker: Sendable {
    public let instance: ItineraryInstance

    public init(instance: ItineraryInstance) { self.instance = instance }

    /// What the check found: the schedules it could compute (a day that breaks a rule is empty) and the violations.
    public struct Outcome: Sendable {
        public var solution: ItinerarySolution
        public var violations: [Message]
        /// How many days the order gave.
        public var days: Int
    }

    /// Checks `orders`, one list of site ids per day.
    public func check(_ orders: [[String]]) -> Outcome {
        let index = Dictionary(instance.sites.enumerated().map { ($1.place.id, $0) }, uniquingKeysWith: { a, _ in a })
        let evaluator = ScheduleEvaluator(instance: instance)
        var violations: [Message] = []
        if orders.count > instance.days {
            violations.append(
                Message(
                    "thứ tự có \(orders.count) ngày, lịch trình chỉ có \(instance.days) ngày",
                    "the order has \(orders.count) days; the itinerary has \(instance.days)"))
        }
        var seenOn: [Int: Int] = [:]
        var schedules: [DaySchedule] = []
        for (day, ids) in orders.enumerated() {
            var sites: [Int] = []
            for id in ids {
                guard let site = index[id] else {
                    violations.append(
                        Message(
                            "ngày \(day + 1): \(id) không có trong lịch trình",
                            "day \(day + 1): \(id) is not in the itinerary"))
                    continue
                }
                if let first = seenOn[site] {
                    let name = instance.sites[site].place.name
                    let days =
                        first == day
                        ? Message("trong ngày \(day + 1)", "on day \(day + 1)")
                        : Message("ngày \(first + 1) và ngày \(day + 1)", "days \(first + 1) and \(day + 1)")
                    violations.append(
                        Message(
                            "\(name) (\(id)) được xếp hai lần (\(days.vi)); mỗi HTX chỉ thăm một lần",
                            "\(name) (\(id)) is given twice (\(days.en)); each site is visited once"))
                    continue
                }
                seenOn[site] = day
                sites.append(site)
            }
            switch evaluator.evaluate(sites) {
            case .success(let schedule): schedules.append(schedule)
            case .failure(let violation):
                violations.append(
                    Message("ngày \(day + 1): \(violation.message.vi)", "day \(day + 1): \(violation.message.en)"))
                if case .success(let empty) = evaluator.evaluate([]) { schedules.append(empty) }
            }
        }
        let missing = instance.sites.indices.filter { instance.sites[$0].mustVisit && seenOn[$0] == nil }
        if !missing.isEmpty {
            let names = missing.map { "\(instance.sites[$0].place.name) (\(instance.sites[$0].place.id))" }.joined(
                separator: ", ")
            violations.append(
                Message(
                    "thiếu \(missing.count) HTX phải thăm: \(names)",
                    "\(missing.count) must-visit sites are left out: \(names)"))
        }
        let visited = Set(schedules.flatMap(\.sites))
        let dropped = instance.sites.indices.filter { !visited.contains($0) }.map {
            ($0, Message("không có trong thứ tự", "not in the order"))
        }
        return Outcome(
            solution: ItinerarySolution(days: schedules, dropped: dropped, value: .empty, optimal: false),
            violations: violations, days: orders.count)
    }

    /// Splits an order as typed ("12,7;3,18": days by semicolons, sites by commas), dropping blanks.
    public static func parse(_ text: String) -> [[String]] {
        text.split(separator: ";", omittingEmptySubsequences: false).map { day in
            day.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
    }
}
