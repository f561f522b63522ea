import Foundation
import HTXCore
import HTXDocument

/// The route map as a drawing: district boundaries under each day's route in its own colour and dash, numbered
/// stops, district names placed where they overlap nothing, an inset of the inner city when the start or stops
/// lie there, a north arrow, a scale bar, a legend of the days and the boundaries' attribution. Pure: it is given
/// everything it draws.
struct RouteMap {
    /// One day's route: its label for the legend and its stops' numbers and places in visiting order.
    struct Day {
        var label: String
        var stops: [(number: Int, point: GeoPoint)]
    }

    var origin: GeoPoint
    var originName: String
    var days: [Day]
    var boundaries: [DistrictBoundary]
    /// Label points for the districts when there are no boundaries.
    var centres: [(name: String, point: GeoPoint)]
    var attribution: String?

    static let width = 460.0
    static let frameHeight = 330.0
    /// Okabe–Ito colours, told apart by most colour-blind readers; the dash tells days apart in black and white.
    static let colors = ["0072B2", "D55E00", "009E73", "CC79A7", "E69F00", "56B4E9"].map(Drawing.Color.init(hex:))
    static let dashes: [[Double]] = [[], [5, 2.5], [1.5, 2], [6, 2, 1.5, 2]]
    static let land = Drawing.Color(hex: "FBF8EF")
    static let outside = Drawing.Color(hex: "EEF1F4")
    static let border = Drawing.Color.gray(0.6)
    static let labelColor = Drawing.Color.gray(0.35)

    static func stroke(day: Int, width: Double = 1.6) -> Drawing.Stroke {
        Drawing.Stroke(colors[day % colors.count], width: width, dash: dashes[day % dashes.count])
    }

    /// A rectangle in drawing points.
    struct Box {
        var x: Double, y: Double, width: Double, height: Double
        func overlaps(_ other: Box) -> Bool {
            x < other.x + other.width && other.x < x + width && y < other.y + other.height && other.y < y + height
        }
        func contains(_ other: Box) -> Bool {
            other.x >= x && other.y >= y && other.x + other.width <= x + width && other.y + other.height <= y + height
        }
        func grown(by d: Double) -> Box { Box(x: x - d, y: y - d, width: width + 2 * d, height: height + 2 * d) }
    }

    /// An equirectangular projection of a geographic box into a drawing box, the same scale on both axes.
    struct Projection {
        var minLon: Double, maxLat: Double, scale: Double, kmPerLon: Double, box: Box
        static let kmPerLat = 110.57

        /// Fits `points` (padded, at least `minimumKm` across) into `box`, centred.
        init(fitting points: [GeoPoint], into box: Box, pad: Double, minimumKm: Double) {
            let midLat = ((points.map(\.lat).min() ?? 21) + (points.map(\.lat).max() ?? 21)) / 2
            kmPerLon = 111.32 * cos(midLat * .pi / 180)
            var west = points.map(\.lon).min() ?? 105.8
            var east = points.map(\.lon).max() ?? 105.8
            var south = points.map(\.lat).min() ?? 21
            var north = points.map(\.lat).max() ?? 21
            let spanX = max(minimumKm, (east - west) * kmPerLon * (1 + 2 * pad))
            let spanY = max(minimumKm, (north - south) * Projection.kmPerLat * (1 + 2 * pad))
            scale = min(box.width / spanX, box.height / spanY)
            let centreLon = (west + east) / 2
            let centreLat = (south + north) / 2
            west = centreLon - box.width / scale / kmPerLon / 2
            east = centreLon + box.width / scale / kmPerLon / 2
            south = centreLat - box.height / scale / Projection.kmPerLat / 2
            north = centreLat + box.height / scale / Projection.kmPerLat / 2
            minLon = west
            maxLat = north
            self.box = box
        }

        func callAsFunction(_ p: GeoPoint) -> (x: Double, y: Double) {
            (box.x + (p.lon - minLon) * kmPerLon * scale, box.y + (maxLat - p.lat) * Projection.kmPerLat * scale)
        }

        func geo(x: Double, y: Double) -> GeoPoint {
            GeoPoint(
                lat: maxLat - (y - box.y) / (Projection.kmPerLat * scale),
                lon: minLon + (x - box.x) / (kmPerLon * scale))
        }
    }

    /// Text widths measured the way the PDF's serif face measures them, roughly (labels only need room).
    static func textWidth(_ text: String, size: Double, bold: Bool) -> Double {
        Double(text.count) * size * (bold ? 0.55 : 0.5)
    }

    var innerCity: [DistrictBoundary] { boundaries.filter { $0.type.lowercased() == "quận" } }

    func drawing(caption: String) -> Drawing {
        let frame = Box(x: 0, y: 0, width: RouteMap.width, height: RouteMap.frameHeight)
        let stopPoints = days.flatMap { $0.stops.map(\.point) }
        let main = Projection(
            fitting: stopPoints + [origin], into: frame.grown(by: -14), pad: 0.06, minimumKm: 12)
        var shapes: [Drawing.Shape] = []
        var obstacles: [Box] = []
        // The north arrow (top right) and the scale bar (bottom left) take their corners first.
        let arrow = Box(x: frame.width - 30, y: 6, width: 22, height: 34)
        let bar = scaleBar(main)
        obstacles += [arrow, bar.box]
        // The inner city goes into an inset when something is drawn there and it is small on the main map.
        var inset: (box: Box, projection: Projection, area: Box)?
        let inner = innerCity.flatMap(\.ring)
        if !inner.isEmpty {
            let corners = inner.map { main($0) }
            let xs = corners.map(\.x)
            let ys = corners.map(\.y)
            let area = Box(
                x: xs.min() ?? 0, y: ys.min() ?? 0, width: (xs.max() ?? 0) - (xs.min() ?? 0),
                height: (ys.max() ?? 0) - (ys.min() ?? 0))
            let inside = ([origin] + stopPoints).contains { p in innerCity.contains { $0.contains(p) } }
            if inside && area.width < 140 {
                let box = insetCorner(main: main, frame: frame, avoiding: area)
                let content = Box(x: box.x + 4, y: box.y + 14, width: box.width - 8, height: box.height - 18)
                let projection = Projection(fitting: inner, into: content, pad: 0, minimumKm: 4)
                inset = (box, projection, area)
            }
        }
        var mainLayer = basemap(main)
        mainLayer += routes(main)
        let markers = self.markers(main, obstacles: &obstacles, skip: inset?.area)
        if let inset { obstacles += [inset.box.grown(by: 2), inset.area] }
        var nameObstacles = obstacles + routeBoxes(main)
        let labels = districtLabels(main, frame: frame, obstacles: &nameObstacles, only: inset == nil ? .all : .outer)
        shapes.append(.rect(x: 0, y: 0, width: frame.width, height: frame.height, fillGray: 1))
        shapes.append(
            .clipped(
                x: 0, y: 0, width: frame.width, height: frame.height,
                [.path(rectangle(frame), closed: true, fill: RouteMap.outside, stroke: nil)] + mainLayer + labels
                    + markers))
        if let inset {
            let area = inset.area
            shapes.append(
                .path(rectangle(area), closed: true, fill: nil, stroke: Drawing.Stroke(.gray(0.3), width: 0.6)))
            var insetObstacles: [Box] = []
            let insetMarkers = self.markers(inset.projection, obstacles: &insetObstacles, skip: nil)
            insetObstacles += routeBoxes(inset.projection)
            let insetLabels = districtLabels(
                inset.projection, frame: inset.box, obstacles: &insetObstacles, only: .inner)
            let box = inset.box
            shapes.append(.path(rectangle(box.grown(by: 1.5)), closed: true, fill: .white, stroke: nil))
            shapes.append(
                .clipped(
                    x: box.x, y: box.y, width: box.width, height: box.height,
                    [.path(rectangle(box), closed: true, fill: RouteMap.outside, stroke: nil)]
                        + basemap(inset.projection) + routes(inset.projection) + insetLabels
                        + insetMarkers))
            shapes.append(
                .path(rectangle(box), closed: true, fill: nil, stroke: Drawing.Stroke(.gray(0.2), width: 0.8)))
            shapes.append(
                .label(
                    x: box.x + 4, y: box.y + 10, "Nội thành (phóng to)", size: 7, bold: true, anchor: .left,
                    color: .gray(0.2)))
        }
        shapes += northArrow(arrow) + bar.shapes
        shapes.append(
            .path(rectangle(frame), closed: true, fill: nil, stroke: Drawing.Stroke(.gray(0.2), width: 0.8)))
        let legendHeight = legend(below: frame, into: &shapes)
        return Drawing(
            width: RouteMap.width, height: RouteMap.frameHeight + legendHeight, shapes: shapes, caption: caption)
    }

    func rectangle(_ box: Box) -> [(x: Double, y: Double)] {
        [
            (box.x, box.y), (box.x + box.width, box.y), (box.x + box.width, box.y + box.height),
            (box.x, box.y + box.height),
        ]
    }

    /// Which districts a layer names.
    enum Names { case all, outer, inner }

    /// District areas and boundaries, each ring thinned to points at least 0.8 pt apart.
    func basemap(_ project: Projection) -> [Drawing.Shape] {
        boundaries.map { district in
            var points: [(x: Double, y: Double)] = []
            for p in district.ring.map(project.callAsFunction) {
                if let last = points.last, abs(last.x - p.x) + abs(last.y - p.y) < 0.8 { continue }
                points.append(p)
            }
            return .path(points, closed: true, fill: RouteMap.land, stroke: Drawing.Stroke(RouteMap.border, width: 0.5))
        }
    }

    func routes(_ project: Projection) -> [Drawing.Shape] {
        days.enumerated().filter { !$0.element.stops.isEmpty }.map { index, day in
            let points = ([origin] + day.stops.map(\.point) + [origin]).map(project.callAsFunction)
            return .path(points, closed: false, fill: nil, stroke: RouteMap.stroke(day: index))
        }
    }

    /// Points along every day's route on the map, about `spacing` points apart.
    func routeSamples(_ project: Projection, spacing: Double) -> [(x: Double, y: Double)] {
        var points: [(x: Double, y: Double)] = []
        for day in days where !day.stops.isEmpty {
            let route = ([origin] + day.stops.map(\.point) + [origin]).map(project.callAsFunction)
            for (a, b) in zip(route, route.dropFirst()) {
                let steps = max(1, Int((abs(b.x - a.x) + abs(b.y - a.y)) / spacing))
                for step in 0...steps {
                    let t = Double(step) / Double(steps)
                    points.append((a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t))
                }
            }
        }
        return points
    }

    /// Small boxes along the routes, so that district names keep off the lines.
    func routeBoxes(_ project: Projection) -> [Box] {
        routeSamples(project, spacing: 3).map { Box(x: $0.x - 1.5, y: $0.y - 1.5, width: 3, height: 3) }
    }

    /// The start (a black square with its name) and the numbered stops, ringed in their day's colour; their boxes
    /// join the obstacles. Markers inside `skip` (the area shown in the inset) are drawn there instead.
    func markers(_ project: Projection, obstacles: inout [Box], skip: Box?) -> [Drawing.Shape] {
        var shapes: [Drawing.Shape] = []
        func skipped(_ p: (x: Double, y: Double)) -> Bool {
            guard let skip else { return false }
            return p.x >= skip.x && p.x <= skip.x + skip.width && p.y >= skip.y && p.y <= skip.y + skip.height
        }
        let o = project(origin)
        if !skipped(o) {
            shapes.append(.rect(x: o.x - 4, y: o.y - 4, width: 8, height: 8, fillGray: 0))
            obstacles.append(Box(x: o.x - 5, y: o.y - 5, width: 10, height: 10))
        }
        var stopShapes: [Drawing.Shape] = []
        for (index, day) in days.enumerated() {
            for stop in day.stops {
                let p = project(stop.point)
                guard !skipped(p) else { continue }
                stopShapes.append(
                    .disc(x: p.x, y: p.y, radius: 6.5, fill: .white, stroke: RouteMap.stroke(day: index, width: 1.6)))
                stopShapes.append(
                    .text(x: p.x, y: p.y + 2.7, String(stop.number), size: 7.5, bold: true, anchor: .center))
                obstacles.append(Box(x: p.x - 7.5, y: p.y - 7.5, width: 15, height: 15))
            }
        }
        if !skipped(o) {
            let name = place(
                originName, size: 7.5, bold: true, around: o, distance: 7, frame: project.box, obstacles: &obstacles)
            if let name { shapes.append(name) }
        }
        return shapes + stopShapes
    }

    /// A label placed at the first free spot around a point (right, left, above, below, then the diagonals), or nil
    /// when every spot overlaps something already drawn.
    func place(
        _ text: String, size: Double, bold: Bool, around p: (x: Double, y: Double), distance: Double, frame: Box,
        obstacles: inout [Box], color: Drawing.Color = .black
    ) -> Drawing.Shape? {
        let w = RouteMap.textWidth(text, size: size, bold: bold)
        let h = size * 1.05
        let d = distance
        let candidates: [(x: Double, y: Double)] = [
            (p.x + d, p.y - h / 2), (p.x - d - w, p.y - h / 2), (p.x - w / 2, p.y - d - h), (p.x - w / 2, p.y + d),
            (p.x + d * 0.7, p.y - d * 0.7 - h), (p.x - d * 0.7 - w, p.y - d * 0.7 - h), (p.x + d * 0.7, p.y + d * 0.7),
            (p.x - d * 0.7 - w, p.y + d * 0.7),
        ]
        for c in candidates {
            let box = Box(x: c.x, y: c.y, width: w, height: h)
            guard frame.grown(by: -2).contains(box), !obstacles.contains(where: { $0.overlaps(box) }) else { continue }
            obstacles.append(box.grown(by: 1))
            return .label(x: c.x, y: c.y + h * 0.8, text, size: size, bold: bold, anchor: .left, color: color)
        }
        return nil
    }

    /// District names at their centres, or moved a little while the spot stays inside the district, skipping a name
    /// that would overlap a marker, another name or the map's furniture.
    func districtLabels(_ project: Projection, frame: Box, obstacles: inout [Box], only: Names) -> [Drawing.Shape] {
        var named: [(name: String, point: GeoPoint, boundary: DistrictBoundary?)] =
            boundaries.isEmpty
            ? centres.map { ($0.name, $0.point, nil) } : boundaries.map { ($0.name, $0.centroid, $0) }
        if !boundaries.isEmpty {
            let inner = Set(innerCity.map(\.name))
            named = named.filter { only == .all || (only == .inner) == inner.contains($0.name) }
        }
        var shapes: [Drawing.Shape] = []
        let size = 7.0
        for (name, point, boundary) in named {
            let c = project(point)
            let w = RouteMap.textWidth(name, size: size, bold: false)
            let h = size * 1.05
            let offsets: [(Double, Double)] = [(0, 0), (0, -9), (0, 9), (-12, 0), (12, 0), (0, -16), (0, 16)]
            for (dx, dy) in offsets {
                let box = Box(x: c.x + dx - w / 2, y: c.y + dy - h / 2, width: w, height: h)
                guard frame.grown(by: -2).contains(box), !obstacles.contains(where: { $0.overlaps(box) }) else {
                    continue
                }
                if let boundary, !boundary.contains(project.geo(x: c.x + dx, y: c.y + dy)) { continue }
                obstacles.append(box.grown(by: 1.5))
                shapes.append(
                    .label(
                        x: c.x + dx, y: c.y + dy + h * 0.3, name, size: size, bold: false, anchor: .center,
                        color: RouteMap.labelColor))
                break
            }
        }
        return shapes
    }

    /// The corner for the inner-city inset that hides the fewest stops and least of the routes (never the scale bar,
    /// the north arrow or the inner city itself).
    func insetCorner(main: Projection, frame: Box, avoiding area: Box) -> Box {
        let w = 170.0
        let h = 135.0
        let candidates = [
            Box(x: 6, y: 6, width: w, height: h),
            Box(x: frame.width - w - 6, y: frame.height - h - 6, width: w, height: h),
            Box(x: frame.width - w - 6, y: 46, width: w, height: h),
            Box(x: 6, y: frame.height - h - 26, width: w, height: h),
        ]
        let points = ([origin] + days.flatMap { $0.stops.map(\.point) }).map(main.callAsFunction)
        // Points along the routes weigh less than a stop hidden under the inset.
        let along = routeSamples(main, spacing: 6)
        func cost(_ box: Box) -> Int {
            func inside(_ p: (x: Double, y: Double)) -> Bool {
                box.grown(by: 12).contains(Box(x: p.x, y: p.y, width: 0, height: 0))
            }
            return points.filter(inside).count * 50 + along.filter(inside).count + (box.overlaps(area) ? 1000 : 0)
        }
        return candidates.min { cost($0) < cost($1) } ?? candidates[0]
    }

    /// A north arrow in its box: a split triangle under the letter B (Bắc).
    func northArrow(_ box: Box) -> [Drawing.Shape] {
        let cx = box.x + box.width / 2
        let top = box.y + 12
        let bottom = box.y + box.height - 2
        return [
            .label(x: cx, y: box.y + 9, "B", size: 9, bold: true, anchor: .center, color: .black),
            .path([(cx, top), (cx + 6, bottom), (cx, bottom - 6)], closed: true, fill: .white, stroke: nil),
            .path([(cx, top), (cx - 6, bottom), (cx, bottom - 6)], closed: true, fill: .black, stroke: nil),
            .path(
                [(cx, top), (cx + 6, bottom), (cx, bottom - 6), (cx - 6, bottom)], closed: true, fill: nil,
                stroke: Drawing.Stroke(.black, width: 0.6)),
        ]
    }

    /// A scale bar of a round number of kilometres, about a fifth of the map's width, in the bottom-left corner.
    func scaleBar(_ project: Projection) -> (box: Box, shapes: [Drawing.Shape]) {
        let target = RouteMap.width / 5 / project.scale
        let km = [0.5, 1, 2, 5, 10, 20, 50].last { $0 <= target } ?? 0.5
        let length = km * project.scale
        let x = 10.0
        let y = RouteMap.frameHeight - 12
        let label = km < 1 ? "500 m" : "\(Int(km)) km"
        let half = length / 2
        let shapes: [Drawing.Shape] = [
            .path(
                [(x, y), (x + length, y), (x + length, y + 4), (x, y + 4)], closed: true, fill: .white,
                stroke: Drawing.Stroke(.black, width: 0.6)),
            .rect(x: x, y: y, width: half, height: 4, fillGray: 0),
            .label(x: x, y: y - 3, "0", size: 7, bold: false, anchor: .center, color: .black),
            .label(x: x + length, y: y - 3, label, size: 7, bold: false, anchor: .center, color: .black),
        ]
        return (Box(x: x - 6, y: y - 12, width: length + 30, height: 18), shapes)
    }

    /// The days' line styles with their labels, the start's symbol and the attribution, under the frame; returns
    /// the height used.
    func legend(below frame: Box, into shapes: inout [Drawing.Shape]) -> Double {
        var x = 4.0
        var y = frame.height + 14
        func advance(_ width: Double) {
            x += width
            if x > RouteMap.width - 120 {
                x = 4
                y += 13
            }
        }
        shapes.append(.rect(x: x, y: y - 7, width: 7, height: 7, fillGray: 0))
        shapes.append(.label(x: x + 11, y: y, originName, size: 8, bold: false, anchor: .left, color: .black))
        advance(20 + RouteMap.textWidth(originName, size: 8, bold: false))
        for (index, day) in days.enumerated() where !day.stops.isEmpty {
            shapes.append(
                .path([(x, y - 3), (x + 26, y - 3)], closed: false, fill: nil, stroke: RouteMap.stroke(day: index)))
            shapes.append(.label(x: x + 30, y: y, day.label, size: 8, bold: false, anchor: .left, color: .black))
            advance(40 + RouteMap.textWidth(day.label, size: 8, bold: false))
        }
        var height = y - frame.height + 6
        if let attribution {
            shapes.append(
                .label(
                    x: 4, y: y + 12, attribution, size: 6, bold: false, anchor: .left, color: .gray(0.35)))
            height += 12
        }
        return height
    }
}
