import Foundation

/// A point on the Earth in degrees (WGS 84).
public struct GeoPoint: Codable, Sendable, Hashable {
    public var lat: Double
    public var lon: Double

    public init(lat: Double, lon: Double) {
        self.lat = lat
        self.lon = lon
    }

    /// Hanoi's bounding box with a small margin: lat 20.50–21.42, lon 105.25–106.05.
    public static let hanoiBounds = (lat: 20.50...21.42, lon: 105.25...106.05)

    /// Whether the point lies inside Hanoi's bounding box.
    public var isInsideHanoi: Bool {
        GeoPoint.hanoiBounds.lat.contains(lat) && GeoPoint.hanoiBounds.lon.contains(lon)
    }

    /// Great-circle distance in kilometres (haversine, mean Earth radius 6,371 km).
    public func distanceKm(to other: GeoPoint) -> Double {
        let rad = Double.pi / 180
        let dLat = (other.lat - lat) * rad
        let dLon = (other.lon - lon) * rad
        let a = sin(dLat / 2) * sin(dLat / 2) + cos(lat * rad) * cos(other.lat * rad) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * 6371 * asin(min(1, sqrt(a)))
    }

    /// Parses "21.0285, 105.8542" (also with a semicolon or space between), checking that both are valid degrees.
    public static func parse(_ text: String) throws(UserError) -> GeoPoint {
        let parts = text.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == " " }).map { String($0) }
        guard parts.count == 2, let lat = Double(parts[0]), let lon = Double(parts[1]),
            (-90...90).contains(lat), (-180...180).contains(lon)
        else {
            throw UserError(
                "toạ độ \"\(text)\" không hợp lệ (dạng \"21.0285, 105.8542\")",
                "coordinates \"\(text)\" are invalid (expected \"21.0285, 105.8542\")")
        }
        return GeoPoint(lat: lat, lon: lon)
    }
}
