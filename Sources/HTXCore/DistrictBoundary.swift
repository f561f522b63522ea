import Foundation

/// The outline of one district-level unit: its name and its outer ring of points.
public struct DistrictBoundary: Sendable, Equatable {
    public var name: String
    /// "quận", "huyện" or "thị xã".
    public var type: String
    public var ring: [GeoPoint]

    public init(name: String, type: String, ring: [GeoPoint]) {
        self.name = name
        self.type = type
        self.ring = ring
    }

    /// The ring's area-weighted centre (where a label sits), or the mean of its points for a degenerate ring.
    public var centroid: GeoPoint {
        var area = 0.0
        var lat = 0.0
        var lon = 0.0
        for (a, b) in zip(ring, ring.dropFirst() + ring.prefix(1)) {
            let cross = a.lon * b.lat - b.lon * a.lat
            area += cross
            lon += (a.lon + b.lon) * cross
            lat += (a.lat + b.lat) * cross
        }
        guard abs(area) > 1e-12 else {
            let count = Double(max(1, ring.count))
            return GeoPoint(
                lat: ring.map(\.lat).reduce(0, +) / count, lon: ring.map(\.lon).reduce(0, +) / count)
        }
        return GeoPoint(lat: lat / (3 * area), lon: lon / (3 * area))
    }

    /// Whether a point lies inside the ring (even-odd rule).
    public func contains(_ point: GeoPoint) -> Bool {
        var inside = false
        for (a, b) in zip(ring, ring.dropFirst() + ring.prefix(1))
        where (a.lat > point.lat) != (b.lat > point.lat)
            && point.lon < (b.lon - a.lon) * (point.lat - a.lat) / (b.lat - a.lat) + a.lon
        {
            inside.toggle()
        }
        return inside
    }

    /// Reads a GeoJSON FeatureCollection of Polygon features with `name` and `type` properties (the seed file);
    /// throws a description of the first thing that does not fit.
    public static func parseGeoJSON(_ data: Data) throws(UserError) -> [DistrictBoundary] {
        struct Collection: Decodable { var features: [Feature] }
        struct Feature: Decodable {
            struct Properties: Decodable { var name: String, type: String }
            struct Geometry: Decodable { var type: String, coordinates: [[[Double]]] }
            var properties: Properties
            var geometry: Geometry
        }
        let collection: Collection
        do {
            collection = try JSONDecoder().decode(Collection.self, from: data)
        } catch {
            throw UserError("không đọc được GeoJSON: \(error)", "cannot read the GeoJSON: \(error)")
        }
        return try collection.features.map { feature throws(UserError) in
            guard feature.geometry.type == "Polygon", let outer = feature.geometry.coordinates.first,
                outer.count >= 3, outer.allSatisfy({ $0.count >= 2 })
            else {
                throw UserError(
                    "\(feature.properties.name): cần một Polygon có ít nhất 3 điểm",
                    "\(feature.properties.name): expected a Polygon of at least 3 points")
            }
            return DistrictBoundary(
                name: VietnameseText.clean(feature.properties.name), type: feature.properties.type,
                ring: outer.map { GeoPoint(lat: $0[1], lon: $0[0]) })
        }
    }
}
