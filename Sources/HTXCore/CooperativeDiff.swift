/// The field-by-field difference between two versions of a record, in the form history stores it.
public enum CooperativeDiff {
    /// One changed field: its `coop show` key and the old and new values as text (JSON for structured values).
    public struct Change: Sendable, Equatable {
        public var field: String
        public var old: String?
        public var new: String?
    }

    /// The changed fields, in `coop show` key order; `id` is never a change.
    public static func changes(from old: Cooperative, to new: Cooperative) -> [Change] {
        let a = fields(old)
        let b = fields(new)
        return Cooperative.CodingKeys.allCases.compactMap { key in
            let name = key.rawValue
            guard name != "id", a[name] != b[name] else { return nil }
            return Change(field: name, old: a[name] ?? nil, new: b[name] ?? nil)
        }
    }

    /// Each field of the record as history text: strings as they are, numbers plainly, the rest as compact JSON; nil
    /// for null or empty lists.
    public static func fields(_ coop: Cooperative) -> [String: String?] {
        var result: [String: String?] = [:]
        for (key, text) in (try? JSONText.fields(coop)) ?? [] { result[key] = text }
        return result
    }
}
