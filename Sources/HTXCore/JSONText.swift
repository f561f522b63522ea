import Foundation

/// Encodes `Encodable` values to JSON text with keys in the order the type encodes them, so that
/// outputs read like the contract (id, name, taxCode …) and stay byte-for-byte stable for golden tests.
/// Absent optionals are written as null: a key of the contract is never missing.
public enum JSONText {
    /// Returns the JSON text of a value; `pretty` indents by two spaces and writes `[]`/`{}` for empty collections.
    ///
    /// The text is written as the value encodes itself (`JSONStream`): linear in its length, with no tree.
    public static func encode<T: Encodable>(_ value: T, pretty: Bool = true) throws -> String {
        String(decoding: try encodeBytes(value, pretty: pretty), as: UTF8.self)
    }

    /// `encode`'s text as UTF-8 bytes, for a file or a response body.
    public static func encodeBytes<T: Encodable>(_ value: T, pretty: Bool = true) throws -> [UInt8] {
        let stream = JSONStream(pretty: pretty)
        try write(value, into: stream)
        return stream.bytes
    }

    /// `encode`'s text handed to `sink` a chunk (about 1 MB) at a time, then a newline: a listing of a hundred
    /// thousand records is written as it is made, never held whole. The sink's first error is rethrown.
    public static func stream<T: Encodable>(
        _ value: T, pretty: Bool = true, to sink: @escaping ([UInt8]) throws -> Void
    ) throws {
        let stream = JSONStream(pretty: pretty, sink: sink)
        try write(value, into: stream)
        stream.raw("\n")
        stream.flush(force: true)
        if let failure = stream.failure { throw failure }
    }

    static func write<T: Encodable>(_ value: T, into stream: JSONStream) throws {
        // The top value encodes itself, as the tree's did: a matrix at the top is an ordinary list of lists. A
        // dictionary at the top is written with its keys sorted, as one inside a value is (its own order changes
        // from run to run, and a stored itinerary's parameters made two demos differ).
        let start = stream.bytes.count
        if value is any SortedJSONObject {
            try stream.value(value, depth: 0)
        } else {
            try value.encode(to: StreamEncoder(stream: stream, depth: 0))
        }
        stream.close(deeperThan: 0)
        if stream.bytes.count == start && stream.failure == nil { stream.raw("null") }
    }

    /// `encode` by the node tree, which any `encode(to:)` fills whatever the order of its calls: what the stream
    /// is checked against.
    static func encodeByTree<T: Encodable>(_ value: T, pretty: Bool = true) throws -> String {
        let encoder = TreeEncoder()
        try value.encode(to: encoder)
        var out = ""
        write(encoder.root.value ?? .null, pretty: pretty, indent: 0, into: &out)
        return out
    }

    /// The top-level fields of an object, in encoding order, each as text: strings as they are, null and
    /// empty lists as nil, everything else as compact JSON. History stores values in this form.
    public static func fields<T: Encodable>(_ value: T) throws -> [(key: String, text: String?)] {
        let encoder = TreeEncoder()
        try value.encode(to: encoder)
        guard case .object(let pairs)? = encoder.root.value else { return [] }
        return pairs.map { key, box in
            switch box.value ?? .null {
            case .null: return (key, nil)
            case .string(let s): return (key, s)
            case .array(let items) where items.isEmpty: return (key, nil)
            case let node:
                var out = ""
                write(node, pretty: false, indent: 0, into: &out)
                return (key, out)
            }
        }
    }

    indirect enum Node {
        case null
        case bool(Bool)
        case number(String)
        case string(String)
        /// A matrix of integers (a travel matrix of a million entries): written straight, one row a line when
        /// pretty, without a node per number.
        case matrix([[Int]])
        case array([NodeBox])
        case object([(String, NodeBox)])
    }

    /// A mutable slot in the tree, so containers can be filled after they are handed out.
    final class NodeBox {
        var value: Node?
        init(_ value: Node? = nil) { self.value = value }
    }

    static func write(_ node: Node, pretty: Bool, indent: Int, into out: inout String) {
        let pad = pretty ? String(repeating: "  ", count: indent + 1) : ""
        let closePad = pretty ? String(repeating: "  ", count: indent) : ""
        let newline = pretty ? "\n" : ""
        switch node {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n): out += n
        case .string(let s): writeString(s, into: &out)
        case .matrix(let rows):
            if rows.isEmpty {
                out += "[]"
                return
            }
            out += "[" + newline
            for (index, row) in rows.enumerated() {
                out += pad + "["
                for (column, value) in row.enumerated() {
                    if column > 0 { out += "," }
                    out += String(value)
                }
                out += "]" + (index < rows.count - 1 ? "," : "") + newline
            }
            out += closePad + "]"
        case .array(let items):
            if items.isEmpty {
                out += "[]"
                return
            }
            out += "[" + newline
            for (index, item) in items.enumerated() {
                out += pad
                write(item.value ?? .null, pretty: pretty, indent: indent + 1, into: &out)
                out += (index < items.count - 1 ? "," : "") + newline
            }
            out += closePad + "]"
        case .object(let pairs):
            if pairs.isEmpty {
                out += "{}"
                return
            }
            out += "{" + newline
            for (index, (key, item)) in pairs.enumerated() {
                out += pad
                writeString(key, into: &out)
                out += pretty ? ": " : ":"
                write(item.value ?? .null, pretty: pretty, indent: indent + 1, into: &out)
                out += (index < pairs.count - 1 ? "," : "") + newline
            }
            out += closePad + "}"
        }
    }

    static func writeString(_ s: String, into out: inout String) {
        if !s.containsByte(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0xE2 }) {
            out.append("\"")
            out.append(s)
            out.append("\"")
            return
        }
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }

    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}

/// The `Encoder` behind `JSONText`: builds an ordered node tree.
final class TreeEncoder: Encoder {
    let root: JSONText.NodeBox
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] = [:]

    init(root: JSONText.NodeBox = JSONText.NodeBox()) { self.root = root }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .object = root.value {} else { root.value = .object([]) }
        return KeyedEncodingContainer(KeyedContainer<Key>(box: root))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .array = root.value {} else { root.value = .array([]) }
        return UnkeyedContainer(box: root)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { SingleContainer(box: root) }

    /// Encodes a value into a fresh box: primitives directly, everything else through its own `encode(to:)`.
    static func box<T: Encodable>(_ value: T) throws -> JSONText.NodeBox {
        switch value {
        case let v as String: return JSONText.NodeBox(.string(v))
        case let v as Bool: return JSONText.NodeBox(.bool(v))
        case let v as Double: return JSONText.NodeBox(.number(JSONText.number(v)))
        case let v as Float: return JSONText.NodeBox(.number(JSONText.number(Double(v))))
        case let v as Int: return JSONText.NodeBox(.number(String(v)))
        case let v as Int64: return JSONText.NodeBox(.number(String(v)))
        case let v as Int32: return JSONText.NodeBox(.number(String(v)))
        case let v as UInt: return JSONText.NodeBox(.number(String(v)))
        case let v as Date: return JSONText.NodeBox(.string(v.formatted(.iso8601)))
        case let v as [[Int]]: return JSONText.NodeBox(.matrix(v))
        case let v as any SortedJSONObject:
            // A dictionary's own order changes from run to run: its keys are written sorted, so output is stable.
            return JSONText.NodeBox(.object(try v.sortedEntries().map { ($0.key, try boxOpened($0.value)) }))
        default:
            let encoder = TreeEncoder()
            try value.encode(to: encoder)
            return encoder.root.value == nil ? JSONText.NodeBox(.null) : encoder.root
        }
    }

    /// `box` for a value of unknown type (Swift opens the existential for the generic call).
    static func boxOpened(_ value: any Encodable) throws -> JSONText.NodeBox {
        try box(value)
    }

    struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let box: JSONText.NodeBox
        var codingPath: [any CodingKey] = []

        func append(_ key: Key, _ child: JSONText.NodeBox) {
            guard case .object(var pairs) = box.value else { return }
            // The box lets go of its list first, so that the list is changed in place, not copied: appending stays
            // linear in the length of the object.
            box.value = nil
            if let index = pairs.firstIndex(where: { $0.0 == key.stringValue }) {
                pairs[index].1 = child
            } else {
                pairs.append((key.stringValue, child))
            }
            box.value = .object(pairs)
        }

        mutating func encodeNil(forKey key: Key) throws { append(key, JSONText.NodeBox(.null)) }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            append(key, try TreeEncoder.box(value))
        }

        // Synthesized `Encodable` skips nil optionals through `encodeIfPresent`; writing null instead keeps
        // every key of the contract present in every record, without a hand-written `encode(to:)` per type.
        mutating func encodeOrNull<T: Encodable>(_ value: T?, _ key: Key) throws {
            if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
        }
        mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
            try encodeOrNull(value, key)
        }
        mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws { try encodeOrNull(value, key) }
        mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { try encodeOrNull(value, key) }
        mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws { try encodeOrNull(value, key) }
        mutating func encodeIfPresent(_ value: Float?, forKey key: Key) throws { try encodeOrNull(value, key) }
        mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws { try encodeOrNull(value, key) }
        mutating func encodeIfPresent(_ value: Int8?, forKey key: Key) throws { try encodeOrNull(value, key) }
        mutating func encodeIfPresent(_ value: Int16?, forKey key: Key) throws { try encodeOrNull(value, key) }
        mutating func encodeIfPresent(_ value: Int32?, forKey key: Key) throws { try encodeOrNull(value, key) }
        mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws { try encodeOrNull(value, key) }
        mutating func encodeIfPresent(_ value: UInt?, forKey key: Key) throws { try encodeOrNull(value, key) }
        mutating func encodeIfPresent(_ value: UInt8?, forKey key: Key) throws { try encodeOrNull(value, key) }
        mutating func encodeIfPresent(_ value: UInt16?, forKey key: Key) throws { try encodeOrNull(value, key) }
        mutating func encodeIfPresent(_ value: UInt32?, forKey key: Key) throws { try encodeOrNull(value, key) }
        mutating func encodeIfPresent(_ value: UInt64?, forKey key: Key) throws { try encodeOrNull(value, key) }
        mutating func nestedContainer<NestedKey: CodingKey>(
            keyedBy keyType: NestedKey.Type, forKey key: Key
        ) -> KeyedEncodingContainer<NestedKey> {
            let child = JSONText.NodeBox(.object([]))
            append(key, child)
            return KeyedEncodingContainer(KeyedContainer<NestedKey>(box: child))
        }
        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            let child = JSONText.NodeBox(.array([]))
            append(key, child)
            return UnkeyedContainer(box: child)
        }
        mutating func superEncoder() -> any Encoder { TreeEncoder(root: box) }
        mutating func superEncoder(forKey key: Key) -> any Encoder {
            let child = JSONText.NodeBox()
            append(key, child)
            return TreeEncoder(root: child)
        }
    }

    struct UnkeyedContainer: UnkeyedEncodingContainer {
        let box: JSONText.NodeBox
        var codingPath: [any CodingKey] = []
        var count: Int {
            if case .array(let items) = box.value { return items.count }
            return 0
        }

        func append(_ child: JSONText.NodeBox) {
            guard case .array(var items) = box.value else { return }
            // The box lets go of its array first, so that the append happens in place instead of copying every item
            // so far (which made a list of n records cost n² copies).
            box.value = nil
            items.append(child)
            box.value = .array(items)
        }

        mutating func encodeNil() throws { append(JSONText.NodeBox(.null)) }
        mutating func encode<T: Encodable>(_ value: T) throws { append(try TreeEncoder.box(value)) }
        mutating func nestedContainer<NestedKey: CodingKey>(
            keyedBy keyType: NestedKey.Type
        ) -> KeyedEncodingContainer<NestedKey> {
            let child = JSONText.NodeBox(.object([]))
            append(child)
            return KeyedEncodingContainer(KeyedContainer<NestedKey>(box: child))
        }
        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            let child = JSONText.NodeBox(.array([]))
            append(child)
            return UnkeyedContainer(box: child)
        }
        mutating func superEncoder() -> any Encoder {
            let child = JSONText.NodeBox()
            append(child)
            return TreeEncoder(root: child)
        }
    }

    struct SingleContainer: SingleValueEncodingContainer {
        let box: JSONText.NodeBox
        var codingPath: [any CodingKey] = []
        mutating func encodeNil() throws { box.value = .null }
        mutating func encode<T: Encodable>(_ value: T) throws { box.value = try TreeEncoder.box(value).value }
    }
}

/// A dictionary with string keys, which `JSONText` writes with its keys sorted.
protocol SortedJSONObject {
    /// The entries, by key.
    func sortedEntries() -> [(key: String, value: any Encodable)]
}

extension Dictionary: SortedJSONObject where Key == String, Value: Encodable {
    func sortedEntries() -> [(key: String, value: any Encodable)] {
        sorted { $0.key < $1.key }.map { ($0.key, $0.value as any Encodable) }
    }
}
