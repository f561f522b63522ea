import Foundation

extension TrueTypeFont {
    /// A glyph's outline as closed contours of points in font units (y up), its quadratic curves flattened; a
    /// composite glyph's components are placed by their offsets and scales. Empty for a blank or unreadable glyph.
    public func contours(_ glyph: Int, depth: Int = 0) -> [[(x: Double, y: Double)]] {
        let range = outline(glyph)
        guard range.count >= 10, depth < 8 else { return [] }
        func s16(_ o: Int) -> Int {
            let v = u16(o)
            return v >= 0x8000 ? v - 0x1_0000 : v
        }
        let start = range.lowerBound
        let contourCount = s16(start)
        if contourCount < 0 { return compositeContours(start + 10, end: range.upperBound, depth: depth) }
        var offset = start + 10
        var ends: [Int] = []
        for _ in 0..<contourCount {
            ends.append(u16(offset))
            offset += 2
        }
        guard let last = ends.last, last < 10_000 else { return [] }
        let pointCount = last + 1
        offset += 2 + u16(offset)
        var flags: [UInt8] = []
        while flags.count < pointCount, offset < range.upperBound {
            let flag = data[offset]
            offset += 1
            flags.append(flag)
            if flag & 8 != 0, offset < range.upperBound {
                let repeats = Int(data[offset])
                offset += 1
                flags += Array(repeating: flag, count: min(repeats, pointCount - flags.count))
            }
        }
        guard flags.count == pointCount else { return [] }
        func coordinates(short: UInt8, same: UInt8) -> [Int] {
            var value = 0
            var out: [Int] = []
            for flag in flags {
                if flag & short != 0 {
                    let delta = offset < data.count ? Int(data[offset]) : 0
                    offset += 1
                    value += flag & same != 0 ? delta : -delta
                } else if flag & same == 0 {
                    value += s16(offset)
                    offset += 2
                }
                out.append(value)
            }
            return out
        }
        let xs = coordinates(short: 2, same: 16)
        let ys = coordinates(short: 4, same: 32)
        var result: [[(x: Double, y: Double)]] = []
        var first = 0
        for end in ends where end >= first && end < pointCount {
            let points = (first...end).map { (x: Double(xs[$0]), y: Double(ys[$0]), on: flags[$0] & 1 != 0) }
            result.append(TrueTypeFont.flatten(points))
            first = end + 1
        }
        return result
    }

    /// The components of a composite glyph, each moved (and scaled) into place.
    func compositeContours(_ start: Int, end: Int, depth: Int) -> [[(x: Double, y: Double)]] {
        func s16(_ o: Int) -> Int {
            let v = u16(o)
            return v >= 0x8000 ? v - 0x1_0000 : v
        }
        func f2dot14(_ o: Int) -> Double { Double(s16(o)) / 16384 }
        var offset = start
        var result: [[(x: Double, y: Double)]] = []
        while offset + 4 <= end {
            let flags = u16(offset)
            let component = u16(offset + 2)
            offset += 4
            var dx = 0.0
            var dy = 0.0
            if flags & 1 != 0 {
                dx = Double(s16(offset))
                dy = Double(s16(offset + 2))
                offset += 4
            } else {
                dx = Double(Int8(bitPattern: data[min(offset, data.count - 1)]))
                dy = Double(Int8(bitPattern: data[min(offset + 1, data.count - 1)]))
                offset += 2
            }
            if flags & 2 == 0 {  // point matching is not used by the faces htx embeds
                dx = 0
                dy = 0
            }
            var (a, b, c, d) = (1.0, 0.0, 0.0, 1.0)
            if flags & 8 != 0 {
                a = f2dot14(offset)
                d = a
                offset += 2
            } else if flags & 0x40 != 0 {
                a = f2dot14(offset)
                d = f2dot14(offset + 2)
                offset += 4
            } else if flags & 0x80 != 0 {
                a = f2dot14(offset)
                b = f2dot14(offset + 2)
                c = f2dot14(offset + 4)
                d = f2dot14(offset + 6)
                offset += 8
            }
            for contour in contours(component, depth: depth + 1) {
                result.append(contour.map { (x: a * $0.x + c * $0.y + dx, y: b * $0.x + d * $0.y + dy) })
            }
            if flags & 0x20 == 0 { break }
        }
        return result
    }

    /// A contour of on- and off-curve points as a polygon: each quadratic piece cut into short lines.
    static func flatten(_ points: [(x: Double, y: Double, on: Bool)]) -> [(x: Double, y: Double)] {
        guard !points.isEmpty else { return [] }
        // Start from an on-curve point (or the midpoint of the first two off-curve ones).
        var ring = points
        if let index = ring.firstIndex(where: \.on) {
            ring = Array(ring[index...] + ring[..<index])
        } else {
            let a = ring[0]
            let b = ring[1 % ring.count]
            ring.insert((x: (a.x + b.x) / 2, y: (a.y + b.y) / 2, on: true), at: 0)
        }
        var out: [(x: Double, y: Double)] = [(ring[0].x, ring[0].y)]
        var current = (x: ring[0].x, y: ring[0].y)
        var control: (x: Double, y: Double)?
        func curve(to end: (x: Double, y: Double), via c: (x: Double, y: Double)) {
            for step in 1...6 {
                let t = Double(step) / 6
                let u = 1 - t
                out.append(
                    (
                        u * u * current.x + 2 * u * t * c.x + t * t * end.x,
                        u * u * current.y + 2 * u * t * c.y + t * t * end.y
                    ))
            }
            current = end
        }
        for point in ring.dropFirst() + [ring[0]] {
            let p = (x: point.x, y: point.y)
            if point.on {
                if let c = control {
                    curve(to: p, via: c)
                } else {
                    out.append(p)
                    current = p
                }
                control = nil
            } else if let c = control {
                let mid = (x: (c.x + p.x) / 2, y: (c.y + p.y) / 2)
                curve(to: mid, via: c)
                control = p
            } else {
                control = p
            }
        }
        return out
    }
}
