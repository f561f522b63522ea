import Foundation

/// A vector drawing in points (origin top-left): lines, areas, markers and labels — charts and maps.
public struct Drawing: Sendable, Equatable {
    /// A colour in red, green and blue, each 0…1.
    public struct Color: Sendable, Equatable, Hashable {
        public var red: Double
        public var green: Double
        public var blue: Double

        public init(red: Double, green: Double, blue: Double) {
            self.red = red
            self.green = green
            self.blue = blue
        }

        /// The colour of a 6-digit hex code such as "0072B2" (black when it is not one).
        public init(hex: String) {
            let value = Int(hex, radix: 16) ?? 0
            self.init(
                red: Double(value >> 16 & 0xFF) / 255, green: Double(value >> 8 & 0xFF) / 255,
                blue: Double(value & 0xFF) / 255)
        }

        /// A grey from 0 (black) to 1 (white).
        public static func gray(_ level: Double) -> Color { Color(red: level, green: level, blue: level) }
        public static let black = Color.gray(0)
        public static let white = Color.gray(1)
    }

    /// How a line is drawn: colour, width in points and a dash pattern (on, off, … in points; empty for solid).
    public struct Stroke: Sendable, Equatable {
        public var color: Color
        public var width: Double
        public var dash: [Double]

        public init(_ color: Color, width: Double, dash: [Double] = []) {
            self.color = color
            self.width = width
            self.dash = dash
        }
    }

    /// One element.
    public enum Shape: Sendable, Equatable {
        case line(x1: Double, y1: Double, x2: Double, y2: Double, width: Double, gray: Double)
        case polyline([(x: Double, y: Double)], width: Double, gray: Double)
        case rect(x: Double, y: Double, width: Double, height: Double, fillGray: Double)
        /// A marker: filled with `fillGray`, outlined in black.
        case circle(x: Double, y: Double, radius: Double, fillGray: Double)
        case text(x: Double, y: Double, String, size: Double, bold: Bool, anchor: Alignment)
        /// An open or closed path, filled (closed paths only) and/or stroked.
        case path([(x: Double, y: Double)], closed: Bool, fill: Color?, stroke: Stroke?)
        /// A disc of `radius`, filled and/or outlined.
        case disc(x: Double, y: Double, radius: Double, fill: Color?, stroke: Stroke?)
        /// A label in a colour.
        case label(x: Double, y: Double, String, size: Double, bold: Bool, anchor: Alignment, color: Color)
        /// Shapes drawn only inside a rectangle (a map's frame, an inset).
        case clipped(x: Double, y: Double, width: Double, height: Double, [Shape])

        public static func == (a: Shape, b: Shape) -> Bool { String(describing: a) == String(describing: b) }
    }

    public var width: Double
    public var height: Double
    public var shapes: [Shape]
    /// A sentence saying what the drawing shows, for text-only formats and screen readers.
    public var caption: String

    public init(width: Double, height: Double, shapes: [Shape], caption: String) {
        self.width = width
        self.height = height
        self.shapes = shapes
        self.caption = caption
    }
}
