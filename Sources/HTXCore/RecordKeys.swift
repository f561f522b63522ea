import Foundation

/// The keys a record's JSON may have (those of `coop show`, and of its figures, grades, certifications, awards,
/// contacts and location), so that a misspelt key is refused instead of its value being dropped without a word.
public enum RecordKeys {
    /// An unknown key: where it is ("figures[2]"), the key, and the known key it most looks like.
    public struct Unknown: Sendable, Equatable {
        public var place: String
        public var key: String
        public var suggestion: String?
    }

    /// The keys each part of a record takes.
    static let record = Set(Cooperative.CodingKeys.allCases.map(\.rawValue))
    static let nested: [String: Set<String>] = [
        "figures": keys(YearlyFigures(year: 0)), "grades": keys(Grade(year: 0, scheme: "", score: nil, grade: "")),
        "certifications": keys(Certification(kind: .ocop)), "awards": keys(Award(title: "", level: .certificate)),
        "contacts": keys(Contact(role: "")),
    ]
    static let location: Set<String> = ["lat", "lon"]

    /// The keys a value encodes (absent optionals too: `JSONText` writes them as null).
    static func keys<T: Encodable>(_ value: T) -> Set<String> {
        Set(((try? JSONText.fields(value)) ?? []).map(\.key))
    }

    /// The unknown keys of one record's JSON object.
    public static func unknown(inRecord object: [String: Any]) -> [Unknown] {
        var found: [Unknown] = []
        for key in object.keys.sorted() where !record.contains(key) {
            found.append(Unknown(place: "", key: key, suggestion: nearest(key, in: record)))
        }
        for (field, allowed) in nested.sorted(by: { $0.key < $1.key }) {
            found += unknown(inList: object[field], field: field, allowed: allowed)
        }
        if let point = object["location"] as? [String: Any] {
            for key in point.keys.sorted() where !location.contains(key) {
                found.append(Unknown(place: "location", key: key, suggestion: nearest(key, in: location)))
            }
        }
        return found
    }

    /// The unknown keys of the objects in a list field (`--set contacts=[…]`).
    public static func unknown(inList value: Any?, field: String) -> [Unknown] {
        guard let allowed = nested[field] else { return [] }
        return unknown(inList: value, field: field, allowed: allowed)
    }

    static func unknown(inList value: Any?, field: String, allowed: Set<String>) -> [Unknown] {
        guard let items = value as? [Any] else { return [] }
        var found: [Unknown] = []
        for (index, item) in items.enumerated() {
            guard let object = item as? [String: Any] else { continue }
            for key in object.keys.sorted() where !allowed.contains(key) {
                found.append(Unknown(place: "\(field)[\(index + 1)]", key: key, suggestion: nearest(key, in: allowed)))
            }
        }
        return found
    }

    /// The known key closest to `key` by edit distance, when it is close (at most a third of its length away).
    public static func nearestKey(_ key: String, in known: Set<String>) -> String? { nearest(key, in: known) }

    /// The known key closest to `key` by edit distance, when it is close (at most a third of its length away).
    static func nearest(_ key: String, in known: Set<String>) -> String? {
        let lowered = key.lowercased()
        let best = known.map { ($0, distance(lowered, $0.lowercased())) }.min {
            $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0
        }
        guard let best, best.1 <= max(1, key.count / 3) else { return nil }
        return best.0
    }

    /// The Levenshtein distance between two short strings.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        guard !a.isEmpty else { return b.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...max(1, b.count) where !b.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = b.isEmpty ? [i] : current
        }
        return previous[b.count]
    }

    /// The refusal for unknown keys, in words: "khoá không biết: memebers (có phải members?), figures[1].revenu …".
    public static func message(_ unknown: [Unknown]) -> Message {
        func describe(_ u: Unknown, _ vi: Bool) -> String {
            let name = (u.place.isEmpty ? "" : u.place + ".") + u.key
            guard let suggestion = u.suggestion else { return name }
            return name + (vi ? " (có phải \(suggestion)?)" : " (did you mean \(suggestion)?)")
        }
        return Message(
            "khoá không có trong hồ sơ `coop show`, giá trị sẽ bị mất: "
                + unknown.map { describe($0, true) }.joined(separator: ", ")
                + "; sửa tên khoá rồi chạy lại",
            "keys that a `coop show` record does not have, whose values would be lost: "
                + unknown.map { describe($0, false) }.joined(separator: ", ") + "; correct them and run again")
    }
}
