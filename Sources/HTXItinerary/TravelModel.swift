import HTXCore

/// Travel time from coordinates: great-circle distance × a circuity factor ÷ a speed that depends on the zone
/// (slower within the inner city) and the hour (slower in rush hours). Every figure is configurable.
public struct TravelModel: Sendable, Equatable {
    /// Road distance over straight-line distance.
    public var circuity = 1.35
    /// km/h within `innerRadiusKm` of the city centre, and outside it.
    public var innerSpeed = 25.0
    public var outerSpeed = 40.0
    public var centre = GeoPoint(lat: 21.0285, lon: 105.8522)
    public var innerRadiusKm = 8.0
    /// Rush hours (minutes after midnight) and the factor speeds take in them.
    public var rushHours: [TimeWindow] = [TimeWindow(start: 420, end: 540), TimeWindow(start: 1020, end: 1140)]
    public var rushFactor = 0.7

    public init() {}

    /// Minutes from `a` to `b` leaving at `time`; the share of the trip inside the inner city runs at the inner speed.
    public func minutes(from a: GeoPoint, to b: GeoPoint, at time: Int) -> Int {
        let inner = [a, b].filter { $0.distanceKm(to: centre) <= innerRadiusKm }.count
        return minutes(roadKm: a.distanceKm(to: b) * circuity, innerEnds: inner, at: time)
    }

    /// Minutes for `roadKm` of road with `innerEnds` (0, 1 or 2) of its ends inside the inner city.
    func minutes(roadKm km: Double, innerEnds: Int, at time: Int) -> Int {
        guard km > 0 else { return 0 }
        let innerShare = Double(innerEnds) / 2
        let rush = rushHours.contains { $0.start <= time && time < $0.end } ? rushFactor : 1
        let hours = km * innerShare / (innerSpeed * rush) + km * (1 - innerShare) / (outerSpeed * rush)
        return Int((hours * 60).rounded(.up))
    }

    /// The full matrix for places, leaving at `time`.
    public func matrix(_ points: [GeoPoint], at time: Int) -> [[Int]] {
        tables(points, at: time).minutes
    }

    /// The travel minutes and the road km between every two places, leaving at `time`: each distance is computed
    /// once per pair, and each place's zone once (a thousand places make a million entries).
    public func tables(_ points: [GeoPoint], at time: Int) -> (minutes: [[Int]], km: [[Double]]) {
        let n = points.count
        let inner = points.map { $0.distanceKm(to: centre) <= innerRadiusKm ? 1 : 0 }
        var km = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        var minutes = [[Int]](repeating: [Int](repeating: 0, count: n), count: n)
        for i in 0..<n {
            for j in (i + 1)..<max(i + 1, n) {
                let road = points[i].distanceKm(to: points[j]) * circuity
                km[i][j] = road
                km[j][i] = road
                let time = self.minutes(roadKm: road, innerEnds: inner[i] + inner[j], at: time)
                minutes[i][j] = time
                minutes[j][i] = time
            }
        }
        return (minutes, km)
    }
}
