import Foundation
import HTXCore
import HTXDocument
import HTXItinerary

extension BriefingBuilder {
    /// The route map: district boundaries, each day's route, numbered stops, an inner-city inset when needed, the
    /// legend, scale bar and north arrow.
    func map() -> [Block] {
        guard let drawing = routeDrawing() else { return [] }
        return [.heading(2, "Sơ đồ lộ trình", anchor: "so-do"), .drawing(drawing)]
    }

    /// The route map's drawing (also the web's itinerary page), or nil when the start or every stop has no place.
    public func routeDrawing() -> Drawing? {
        guard let origin = instance.start.point else { return nil }
        var number = 0
        let days = report.days.enumerated().map { index, schedule in
            let label = "Ngày \(index + 1)" + (schedule.date.flatMap(OfficialText.shortDate).map { " (\($0))" } ?? "")
            let stops: [(number: Int, point: GeoPoint)] = schedule.stops.compactMap { stop in
                number += 1
                return instance.sites.first { $0.place.id == stop.id }?.place.point.map { (number, $0) }
            }
            return RouteMap.Day(label: label, stops: stops)
        }
        guard days.contains(where: { !$0.stops.isEmpty }) else { return nil }
        let map = RouteMap(
            origin: origin, originName: "Nơi xuất phát", days: days, boundaries: boundaries,
            centres: districts.map { ($0.name, $0.centre) }, attribution: boundariesAttribution)
        let legend = visits.enumerated().map { "\($0.offset + 1). \($0.element.stop.name)" }.joined(separator: "; ")
        return map.drawing(
            caption: "Sơ đồ lộ trình (nối thẳng các điểm theo thứ tự, không vẽ theo đường đi): \(legend)")
    }
}
