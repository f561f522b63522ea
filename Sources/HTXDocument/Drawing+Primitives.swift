import Foundation

extension Drawing {
    /// What every renderer draws: the drawing's shapes reduced to paths, texts and clipped groups, so that PDF, SVG
    /// and the raster image agree.
    public enum Primitive: Sendable {
        case path([(x: Double, y: Double)], closed: Bool, fill: Color?, stroke: Stroke?)
        case text(x: Double, y: Double, String, size: Double, bold: Bool, anchor: Alignment, color: Color)
        case clip(x: Double, y: Double, width: Double, height: Double, [Primitive])
    }

    /// The drawing as primitives, in painting order.
    public var primitives: [Primitive] { Drawing.primitives(of: shapes) }

    static func primitives(of shapes: [Shape]) -> [Primitive] {
        shapes.map { shape in
            switch shape {
            case .line(let x1, let y1, let x2, let y2, let width, let gray):
                return .path([(x1, y1), (x2, y2)], closed: false, fill: nil, stroke: Stroke(.gray(gray), width: width))
            case .polyline(let points, let width, let gray):
                return .path(points, closed: false, fill: nil, stroke: Stroke(.gray(gray), width: width))
            case .rect(let x, let y, let width, let height, let gray):
                return .path(
                    [(x, y), (x + width, y), (x + width, y + height), (x, y + height)], closed: true,
                    fill: .gray(gray), stroke: nil)
            case .circle(let x, let y, let radius, let gray):
                return .path(
                    circle(x: x, y: y, radius: radius), closed: true, fill: .gray(gray),
                    stroke: Stroke(.black, width: 0.5))
            case .disc(let x, let y, let radius, let fill, let stroke):
                return .path(circle(x: x, y: y, radius: radius), closed: true, fill: fill, stroke: stroke)
            case .text(let x, let y, let text, let size, let bold, let anchor):
                return .text(x: x, y: y, text, size: size, bold: bold, anchor: anchor, color: .black)
            case .label(let x, let y, let text, let size, let bold, let anchor, let color):
                return .text(x: x, y: y, text, size: size, bold: bold, anchor: anchor, color: color)
            case .path(let points, let closed, let fill, let stroke):
                return .path(points, closed: closed, fill: fill, stroke: stroke)
            case .clipped(let x, let y, let width, let height, let inner):
                return .clip(x: x, y: y, width: width, height: height, primitives(of: inner))
            }
        }
    }

    /// A circle as a polygon fine enough to look round at any size a document prints.
    static func circle(x: Double, y: Double, radius: Double) -> [(x: Double, y: Double)] {
        let segments = max(16, min(64, Int(radius * 4)))
        return (0..<segments).map { index in
            let angle = Double(index) * 2 * .pi / Double(segments)
            return (x + radius * cos(angle), y + radius * sin(angle))
        }
    }
}
