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
        let km = a.distanceKm(to: b) * circuity
        guard km > 0 else { return 0 }
        let inner = [a, b].filter { $0.distanceKm(to: centre) <= innerRadiusKm }.count
        let innerShare = Double(inner) / 2
        let rush = rushHours.contains { $0.start <= time && time < $0.end } ? rushFactor : 1
        let hours = km * innerShare / (innerSpeed * rush) + km * (1 - innerShare) / (outerSpeed * rush)
        return Int((hours * 60).rounded(.up))
    }

    /// The full matrix for places, leaving at `time`.
    public func matrix(_ points: [GeoPoint], at time: Int) -> [[Int]] {
        points.map { a in points.map { b in minutes(from: a, to: b, at: time) } }
    }
}
