import Foundation
import HTXCore
import HTXDocument
import HTXItinerary

extension BriefingBuilder {
    /// The route map: start place, numbered stops, each day's route, district names and a scale bar.
    func map() -> [Block] {
        let points: [(String, GeoPoint)] = visits.compactMap { v in
            instance.sites.first { $0.place.id == v.stop.id }?.place.point.map { (v.stop.id, $0) }
        }
        guard let origin = instance.start.point, !points.isEmpty else { return [] }
        let all = points.map(\.1) + [origin]
        let width = 450.0
        let height = 320.0
        let margin = 24.0
        let minLat = (all.map(\.lat).min() ?? 0)
        let maxLat = (all.map(\.lat).max() ?? 0)
        let minLon = (all.map(\.lon).min() ?? 0)
        let maxLon = (all.map(\.lon).max() ?? 0)
        let kmPerLon = 111.32 * cos(origin.lat * .pi / 180)
        let kmPerLat = 110.57
        let spanX = max(0.01, (maxLon - minLon) * kmPerLon)
        let spanY = max(0.01, (maxLat - minLat) * kmPerLat)
        let scale = min((width - 2 * margin) / spanX, (height - 2 * margin) / spanY)
        func project(_ p: GeoPoint) -> (x: Double, y: Double) {
            (margin + (p.lon - minLon) * kmPerLon * scale, height - margin - (p.lat - minLat) * kmPerLat * scale)
        }
        var shapes: [Drawing.Shape] = [.rect(x: 0, y: 0, width: width, height: height, fillGray: 0.97)]
        for district in districts {
            let p = project(district.centre)
            guard p.x > 0, p.x < width, p.y > 0, p.y < height else { continue }
            shapes.append(.circle(x: p.x, y: p.y, radius: 1.2, fillGray: 0.6))
            shapes.append(.text(x: p.x, y: p.y - 3, district.name, size: 7, bold: false, anchor: .center))
        }
        for (day, schedule) in report.days.enumerated() where !schedule.stops.isEmpty {
            let route =
                [origin]
                + schedule.stops.compactMap { stop in instance.sites.first { $0.place.id == stop.id }?.place.point } + [
                    origin
                ]
            shapes.append(.polyline(route.map(project), width: 1.2, gray: day % 2 == 0 ? 0.2 : 0.5))
        }
        let o = project(origin)
        shapes.append(.rect(x: o.x - 4, y: o.y - 4, width: 8, height: 8, fillGray: 0))
        shapes.append(.text(x: o.x + 6, y: o.y + 10, "Nơi xuất phát", size: 8, bold: true, anchor: .left))
        for (index, (_, point)) in points.enumerated() {
            let p = project(point)
            shapes.append(.circle(x: p.x, y: p.y, radius: 7, fillGray: 1))
            shapes.append(.text(x: p.x, y: p.y + 3, String(index + 1), size: 8, bold: true, anchor: .center))
        }
        // A scale bar of a round number of km about a fifth of the width.
        let target = (width / 5) / scale
        let bar = [1.0, 2, 5, 10, 20, 50].last { $0 <= max(1, target) } ?? 1
        shapes.append(
            .line(x1: margin, y1: height - 10, x2: margin + bar * scale, y2: height - 10, width: 1.5, gray: 0))
        shapes.append(
            .text(x: margin + bar * scale + 4, y: height - 7, "\(Int(bar)) km", size: 8, bold: false, anchor: .left))
        let legend = visits.enumerated().map { "\($0.offset + 1). \($0.element.stop.name)" }.joined(separator: "; ")
        return [
            .heading(2, "Sơ đồ lộ trình", anchor: "so-do"),
            .drawing(
                Drawing(
                    width: width, height: height, shapes: shapes,
                    caption: "Sơ đồ lộ trình (vẽ theo toạ độ, không theo tỉ lệ đường đi): \(legend)")),
        ]
    }
}
