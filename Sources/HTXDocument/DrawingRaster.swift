import Foundation

/// Paints a drawing into pixels, for formats that take only images (DOCX): the same primitives as the PDF and SVG,
/// filled with anti-aliased coverage (nonzero winding), strokes as round-jointed outlines, labels from the PDF's
/// faces. Without fonts the labels are left out.
public struct DrawingRaster: Sendable {
    /// Pixels per point (2 gives 144 dpi).
    public var scale: Double
    public var regular: TrueTypeFont?
    public var bold: TrueTypeFont?

    public init(scale: Double = 2, regular: TrueTypeFont? = nil, bold: TrueTypeFont? = nil) {
        self.scale = scale
        self.regular = regular
        self.bold = bold
    }

    /// A canvas of RGB pixels, white to start with.
    struct Canvas {
        let width: Int
        let height: Int
        var pixels: [Float]

        init(width: Int, height: Int) {
            self.width = width
            self.height = height
            pixels = Array(repeating: 1, count: width * height * 3)
        }
    }

    /// A clip rectangle in pixels.
    struct Clip {
        var x0: Double, y0: Double, x1: Double, y1: Double
        func intersect(_ other: Clip) -> Clip {
            Clip(x0: max(x0, other.x0), y0: max(y0, other.y0), x1: min(x1, other.x1), y1: min(y1, other.y1))
        }
    }

    /// The drawing as a PNG image.
    public func png(_ drawing: Drawing) -> [UInt8] {
        let canvas = paint(drawing)
        var bytes = [UInt8](repeating: 0, count: canvas.pixels.count)
        for index in bytes.indices { bytes[index] = UInt8(max(0, min(255, (canvas.pixels[index] * 255).rounded()))) }
        return PNGEncoder.rgb(width: canvas.width, height: canvas.height, pixels: bytes)
    }

    func paint(_ drawing: Drawing) -> Canvas {
        var canvas = Canvas(
            width: max(1, Int((drawing.width * scale).rounded(.up))),
            height: max(1, Int((drawing.height * scale).rounded(.up))))
        let clip = Clip(x0: 0, y0: 0, x1: Double(canvas.width), y1: Double(canvas.height))
        paint(drawing.primitives, on: &canvas, clip: clip)
        return canvas
    }

    func paint(_ primitives: [Drawing.Primitive], on canvas: inout Canvas, clip: Clip) {
        for primitive in primitives {
            switch primitive {
            case .path(let points, let closed, let fill, let stroke):
                let device = points.map { (x: $0.x * scale, y: $0.y * scale) }
                if let fill, closed { DrawingRaster.fill([device], color: fill, on: &canvas, clip: clip) }
                if let stroke {
                    let outline = DrawingRaster.strokeOutline(
                        device, closed: closed, width: stroke.width * scale, dash: stroke.dash.map { $0 * scale })
                    DrawingRaster.fill(outline, color: stroke.color, on: &canvas, clip: clip)
                }
            case .text(let x, let y, let text, let size, let bold, let anchor, let color):
                guard let font = bold ? (self.bold ?? regular) : regular else { continue }
                let pixelSize = size * scale
                let em = pixelSize / Double(max(1, font.unitsPerEm))
                let width = font.width(text, size: pixelSize)
                var pen = x * scale - (anchor == .center ? width / 2 : anchor == .right ? width : 0)
                var contours: [[(x: Double, y: Double)]] = []
                for scalar in text.precomposedStringWithCanonicalMapping.unicodeScalars {
                    let glyph = font.glyph(scalar)
                    let origin = pen
                    for contour in font.contours(glyph) {
                        contours.append(contour.map { (x: origin + $0.x * em, y: y * scale - $0.y * em) })
                    }
                    pen += Double(font.advance(glyph)) * em
                }
                DrawingRaster.fill(contours, color: color, on: &canvas, clip: clip)
            case .clip(let x, let y, let width, let height, let inner):
                let rect = Clip(x0: x * scale, y0: y * scale, x1: (x + width) * scale, y1: (y + height) * scale)
                paint(inner, on: &canvas, clip: clip.intersect(rect))
            }
        }
    }

    /// Sub-scanlines per pixel row.
    static let samples = 4

    /// Fills polygons (nonzero winding) with a colour, blending by each pixel's covered fraction.
    static func fill(
        _ polygons: [[(x: Double, y: Double)]], color: Drawing.Color, on canvas: inout Canvas, clip: Clip
    ) {
        struct Edge {
            var x0: Double, y0: Double, x1: Double, y1: Double, direction: Int
        }
        var edges: [Edge] = []
        for polygon in polygons where polygon.count >= 3 {
            for (a, b) in zip(polygon, polygon.dropFirst() + polygon.prefix(1)) where a.y != b.y {
                edges.append(
                    a.y < b.y
                        ? Edge(x0: a.x, y0: a.y, x1: b.x, y1: b.y, direction: 1)
                        : Edge(x0: b.x, y0: b.y, x1: a.x, y1: a.y, direction: -1))
            }
        }
        guard !edges.isEmpty else { return }
        edges.sort { $0.y0 < $1.y0 }
        let top = max(Int(clip.y0), Int(max(0, edges[0].y0)))
        let lowest = edges.map(\.y1).max() ?? 0
        let bottom = min(Int(clip.y1.rounded(.up)), canvas.height, Int(lowest.rounded(.up)) + 1)
        guard top < bottom else { return }
        let left = max(0, clip.x0)
        let right = min(Double(canvas.width), clip.x1)
        guard left < right else { return }
        var coverage = [Float](repeating: 0, count: canvas.width + 1)
        var active: [Int] = []
        var next = 0
        let weight = Float(1) / Float(samples)
        let rgb = [Float(color.red), Float(color.green), Float(color.blue)]
        var crossings: [(x: Double, direction: Int)] = []
        for row in top..<bottom {
            var touched = false
            var minX = canvas.width
            var maxX = 0
            for sample in 0..<samples {
                let sy = Double(row) + (Double(sample) + 0.5) / Double(samples)
                guard sy >= clip.y0, sy < clip.y1 else { continue }
                while next < edges.count, edges[next].y0 <= sy {
                    active.append(next)
                    next += 1
                }
                active.removeAll { edges[$0].y1 <= sy }
                crossings.removeAll(keepingCapacity: true)
                for index in active where edges[index].y0 <= sy {
                    let e = edges[index]
                    crossings.append((e.x0 + (sy - e.y0) * (e.x1 - e.x0) / (e.y1 - e.y0), e.direction))
                }
                crossings.sort { $0.x < $1.x }
                var winding = 0
                for (index, crossing) in crossings.enumerated() {
                    winding += crossing.direction
                    guard winding != 0, index + 1 < crossings.count else { continue }
                    let a = max(left, crossing.x)
                    let b = min(right, crossings[index + 1].x)
                    guard a < b else { continue }
                    let first = Int(a)
                    let last = min(canvas.width - 1, Int(b))
                    touched = true
                    minX = min(minX, first)
                    maxX = max(maxX, last)
                    if first == last {
                        coverage[first] += Float(b - a) * weight
                    } else {
                        coverage[first] += Float(Double(first + 1) - a) * weight
                        if first + 1 < last { for x in (first + 1)..<last { coverage[x] += weight } }
                        coverage[last] += Float(b - Double(last)) * weight
                    }
                }
            }
            guard touched else { continue }
            for x in minX...maxX {
                let alpha = min(1, coverage[x])
                coverage[x] = 0
                guard alpha > 0 else { continue }
                let base = (row * canvas.width + x) * 3
                for channel in 0..<3 {
                    canvas.pixels[base + channel] += (rgb[channel] - canvas.pixels[base + channel]) * alpha
                }
            }
        }
    }

    /// A stroke's area as polygons of one orientation (so that nonzero winding unites them): a quadrilateral per
    /// segment of each dash, and a disc at each joint and end for round joins and caps.
    static func strokeOutline(
        _ points: [(x: Double, y: Double)], closed: Bool, width: Double, dash: [Double]
    ) -> [[(x: Double, y: Double)]] {
        let path = closed && !points.isEmpty ? points + [points[0]] : points
        let half = max(0.35, width / 2)
        var polygons: [[(x: Double, y: Double)]] = []
        func oriented(_ polygon: [(x: Double, y: Double)]) -> [(x: Double, y: Double)] {
            var area = 0.0
            for (a, b) in zip(polygon, polygon.dropFirst() + polygon.prefix(1)) { area += a.x * b.y - b.x * a.y }
            return area < 0 ? polygon.reversed() : polygon
        }
        func disc(_ p: (x: Double, y: Double)) -> [(x: Double, y: Double)] {
            let count = max(8, min(24, Int(half * 6)))
            return (0..<count).map { index in
                let angle = Double(index) * 2 * .pi / Double(count)
                return (p.x + half * cos(angle), p.y + half * sin(angle))
            }
        }
        for piece in dashes(path, pattern: dash) {
            for (a, b) in zip(piece, piece.dropFirst()) {
                let dx = b.x - a.x
                let dy = b.y - a.y
                let length = (dx * dx + dy * dy).squareRoot()
                guard length > 1e-9 else { continue }
                let nx = -dy / length * half
                let ny = dx / length * half
                polygons.append(
                    oriented([(a.x + nx, a.y + ny), (b.x + nx, b.y + ny), (b.x - nx, b.y - ny), (a.x - nx, a.y - ny)]))
            }
            if width > 1.2 { polygons += piece.map { oriented(disc($0)) } }
        }
        return polygons
    }

    /// The "on" pieces of a polyline under a dash pattern (the whole line when the pattern is empty).
    static func dashes(_ points: [(x: Double, y: Double)], pattern: [Double]) -> [[(x: Double, y: Double)]] {
        guard !pattern.isEmpty, pattern.reduce(0, +) > 0, points.count >= 2 else { return [points] }
        var pieces: [[(x: Double, y: Double)]] = []
        var current: [(x: Double, y: Double)] = [points[0]]
        var index = 0
        var left = pattern[0]
        var on = true
        for (a, b) in zip(points, points.dropFirst()) {
            var start = a
            var remaining = ((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y)).squareRoot()
            while remaining > 0 {
                let step = min(left, remaining)
                let t = step / remaining
                let end = (x: start.x + (b.x - start.x) * t, y: start.y + (b.y - start.y) * t)
                if on { current.append(end) }
                start = end
                remaining -= step
                left -= step
                if left <= 1e-9 {
                    if on, current.count >= 2 { pieces.append(current) }
                    on.toggle()
                    index = (index + 1) % pattern.count
                    left = pattern[index]
                    current = on ? [start] : []
                }
            }
        }
        if on, current.count >= 2 { pieces.append(current) }
        return pieces
    }
}
