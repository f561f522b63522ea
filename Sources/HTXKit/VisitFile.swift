import Foundation
import HTXCore
import Yams

/// Reads a visit file (docs/CONTRACT.md §5), YAML or JSON: every key known, every text without control
/// characters (NFC), every date real, every phone a phone. It reads, it does not store.
public enum VisitFile {
    static let nodeBudget = VisitFileLimits.nodes

    /// The details as a visit file that `parse` reads back to the same details (the web's editable text).
    public static func yaml(_ details: VisitDetails) throws -> String {
        let encoder = YAMLEncoder()
        encoder.options.allowUnicode = true
        encoder.options.width = -1
        return try encoder.encode(details)
    }

    /// The details in `bytes`; `file` names the file in refusals.
    public static func parse(_ bytes: [UInt8], file: String) throws -> VisitDetails {
        try decode(try object(bytes, file: file), file: file)
    }

    /// What a visit file changed in the stored details: a key path and its value before and after (nil: none).
    public struct Change: Sendable, Equatable {
        public var path: String
        public var old: String?
        public var new: String?
    }

    /// The stored details with what the file gives laid over them: a key the file names replaces the stored value
    /// (an explicit null or empty value clears it), a key it leaves out keeps it, lists are replaced whole; with
    /// every value that changed. A file naming only a host's receiver keeps the signer, the delegation and the rest.
    public static func merged(
        _ stored: VisitDetails?, with bytes: [UInt8], file: String
    ) throws -> (details: VisitDetails, changes: [Change]) {
        let given = try object(bytes, file: file)
        let before = try storedObject(stored)
        let merged = overlay(before, given)
        let details = try decode(merged, file: file)
        let after = try storedObject(details)
        var old: [String: String] = [:]
        var new: [String: String] = [:]
        flatten(before, into: &old)
        flatten(after, into: &new)
        let paths = Set(old.keys).union(new.keys).filter { old[$0] != new[$0] }.sorted()
        return (details, paths.map { Change(path: $0, old: old[$0], new: new[$0]) })
    }

    /// The file as the JSON value it stands for, its keys checked.
    static func object(_ bytes: [UInt8], file: String) throws -> Any {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw KitError.invalidVisit(file: file, field: "", problem: .notUTF8)
        }
        let node: Node?
        do { node = try Yams.compose(yaml: text) } catch {
            throw KitError.invalidVisit(
                file: file, field: "", problem: .unreadable(Message("\(error)", "\(error)")))
        }
        guard let node else { return [String: Any]() }
        var budget = nodeBudget
        try checkKeys(node, path: "", file: file, budget: &budget)
        return value(node)
    }

    /// Details from a JSON value, cleaned and checked.
    static func decode(_ object: Any, file: String) throws -> VisitDetails {
        var details: VisitDetails
        do {
            // Through JSON: YAML's decoder reads a quoted numeric key ("0100334743", a tax code) back as a number.
            let json = try JSONSerialization.data(withJSONObject: object, options: [.fragmentsAllowed])
            details = try JSONDecoder().decode(VisitDetails.self, from: json)
        } catch {
            throw KitError.invalidVisit(file: file, field: "", problem: .unreadable(DecodingProblem.describe(error)))
        }
        try clean(&details, file: file)
        return details
    }

    /// Stored details as a JSON object (absent values as null).
    static func storedObject(_ details: VisitDetails?) throws -> Any {
        guard let details else { return [String: Any]() }
        return try JSONSerialization.jsonObject(with: Data(try JSONText.encode(details).utf8))
    }

    /// `over` laid on `base`: objects merged key by key, an explicit null removing the key, anything else replaced.
    static func overlay(_ base: Any, _ over: Any) -> Any {
        guard var object = base as? [String: Any], let changes = over as? [String: Any] else { return over }
        for (key, value) in changes {
            if value is NSNull {
                object[key] = nil
            } else if let inner = object[key], inner is [String: Any], value is [String: Any] {
                object[key] = overlay(inner, value)
            } else {
                object[key] = value
            }
        }
        return object
    }

    /// Every leaf of a JSON value by its path ("signer.name", "hosts.0100334743.phone", "delegation.members"):
    /// lists are one leaf, written as compact JSON; nulls are left out.
    static func flatten(_ value: Any, path: String = "", into leaves: inout [String: String]) {
        switch value {
        case let object as [String: Any]:
            for (key, inner) in object { flatten(inner, path: path.isEmpty ? key : "\(path).\(key)", into: &leaves) }
        case is NSNull:
            break
        case let list as [Any]:
            guard !list.isEmpty, let data = try? JSONSerialization.data(withJSONObject: list, options: .sortedKeys)
            else { return }
            leaves[path] = String(decoding: data, as: UTF8.self)
        default:
            leaves[path] = "\(value)"
        }
    }

    /// A YAML node as the JSON value it stands for: quoted scalars are text, plain ones typed by their resolved tag,
    /// but a number stays the text it was written as: every value of a visit file but `head` is text, and YAML would
    /// read `phone: 0912345678` as the number 912345678 (a leading zero lost) and `0241234567` as octal.
    static func value(_ node: Node) -> Any {
        switch node {
        case .mapping(let mapping):
            var object: [String: Any] = [:]
            for (key, value) in mapping { object[key.string ?? ""] = self.value(value) }
            return object
        case .sequence(let sequence): return sequence.map(value)
        case .scalar(let scalar):
            guard scalar.style == .plain else { return scalar.string }
            switch node.tag.description {
            case Tag.Name.null.rawValue: return NSNull()
            case Tag.Name.bool.rawValue: return node.bool ?? scalar.string
            case Tag.Name.int.rawValue, Tag.Name.float.rawValue: return scalar.string
            default: return scalar.string
            }
        case .alias: return NSNull()
        }
    }

    /// Refuses a key the level does not take (with the nearest known one) and anchors that would multiply.
    static func checkKeys(_ node: Node, path: String, file: String, budget: inout Int) throws {
        budget -= 1
        guard budget >= 0 else { throw KitError.invalidVisit(file: file, field: path, problem: .tooLarge) }
        let level = path.hasPrefix("hosts.") ? "hosts.*" : path.replacingOccurrences(of: "[]", with: "")
        switch node {
        case .mapping(let mapping):
            for (key, value) in mapping {
                guard let name = key.string else {
                    throw KitError.invalidVisit(file: file, field: path, problem: .unknownKey("?", suggestion: nil))
                }
                let child = path.isEmpty ? name : "\(path).\(name)"
                if path != "hosts" {
                    let known = VisitDetails.keys[level] ?? []
                    guard known.contains(name) else {
                        throw KitError.invalidVisit(
                            file: file, field: child,
                            problem: .unknownKey(name, suggestion: RecordKeys.nearestKey(name, in: known)))
                    }
                }
                try checkKeys(value, path: child, file: file, budget: &budget)
            }
        case .sequence(let sequence):
            for item in sequence { try checkKeys(item, path: path + "[]", file: file, budget: &budget) }
        default: break
        }
    }

    /// Cleans every text (NFC, spaces) and checks dates, phones and control characters, naming the field.
    static func clean(_ details: inout VisitDetails, file: String) throws {
        func text(_ value: inout String?, _ field: String) throws {
            guard let raw = value else { return }
            if let scalar = VietnameseText.invisibleControl(in: raw) {
                throw KitError.invalidVisit(file: file, field: field, problem: .controlCharacter(scalar.value))
            }
            let cleaned = VietnameseText.clean(raw)
            value = cleaned.isEmpty ? nil : cleaned
        }
        func phone(_ value: inout String?, _ field: String) throws {
            try text(&value, field)
            guard let given = value else { return }
            guard (try? PhoneNumber.parse(given)) != nil else {
                throw KitError.invalidVisit(file: file, field: field, problem: .notAPhone(given))
            }
        }
        func person(_ value: inout VisitDetails.Person?, _ field: String) throws {
            guard var person = value else { return }
            try text(&person.name, field + ".name")
            try text(&person.title, field + ".title")
            try phone(&person.phone, field + ".phone")
            value = person
        }
        try text(&details.issuedOn, "issuedOn")
        if let date = details.issuedOn, VietnameseDate.parse(date) == nil {
            throw KitError.invalidVisit(file: file, field: "issuedOn", problem: .notADate(date))
        }
        try text(&details.number, "number")
        if var issuer = details.issuer {
            try text(&issuer.parent, "issuer.parent")
            try text(&issuer.name, "issuer.name")
            try text(&issuer.symbol, "issuer.symbol")
            details.issuer = issuer
        }
        if var signer = details.signer {
            try text(&signer.authority, "signer.authority")
            try text(&signer.title, "signer.title")
            try text(&signer.name, "signer.name")
            details.signer = signer
        }
        try person(&details.contact, "contact")
        if var delegation = details.delegation {
            try text(&delegation.name, "delegation.name")
            for index in (delegation.members ?? []).indices {
                let field = "delegation.members[\(index + 1)]"
                guard var member = delegation.members?[index] else { continue }
                try text(&member.name, field + ".name")
                try text(&member.position, field + ".position")
                try text(&member.organisation, field + ".organisation")
                delegation.members?[index] = member
            }
            details.delegation = delegation
        }
        if var lunch = details.lunch {
            try text(&lunch.place, "lunch.place")
            try text(&lunch.host, "lunch.host")
            details.lunch = lunch
        }
        if var vehicle = details.vehicle {
            try text(&vehicle.description, "vehicle.description")
            try text(&vehicle.plate, "vehicle.plate")
            try person(&vehicle.driver, "vehicle.driver")
            details.vehicle = vehicle
        }
        for key in (details.hosts ?? [:]).keys.sorted() {
            var host = details.hosts?[key]
            try person(&host, "hosts.\(key)")
            details.hosts?[key] = host
        }
    }
}

/// How much a visit file may hold.
public enum VisitFileLimits {
    /// The most YAML nodes: far above any delegation, far below an alias bomb.
    public static let nodes = 20_000
}
