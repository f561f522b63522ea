import Foundation

/// JSON text written as a value encodes itself, with no tree in between: the bytes grow as the encoder walks the
/// value, so the time and memory of a list of a hundred thousand records are those of its text.
///
/// The output is the one `JSONText` has always written (keys in encoding order, absent optionals as null, pretty
/// with two-space indents and `[]`/`{}` for empty containers). A container is closed when the value that opened it
/// has finished encoding itself, which holds for synthesized and ordinary hand-written `encode(to:)`; a type that
/// filled a container after encoding a sibling would need the tree.
final class JSONStream {
    /// The text so far (since the last flush to the sink), as UTF-8. Accessed without exclusivity checks: this class
    /// is used by one thread at a time, and the checks cost a tenth of the time of a large output.
    @exclusivity(unchecked) var bytes: [UInt8] = []
    let pretty: Bool
    /// The open containers, outermost first: whether each is an object, and how many members it has so far.
    @exclusivity(unchecked) var frames: [(object: Bool, count: Int)] = []
    /// Where the text goes a chunk at a time (standard output, a file), or nil to keep it all in `bytes`.
    let sink: (([UInt8]) throws -> Void)?
    /// The first error of the sink; nothing more is written after it.
    private(set) var failure: Error?

    /// How much text is kept before it goes to the sink.
    static let chunk = 1 << 20

    init(pretty: Bool, sink: (([UInt8]) throws -> Void)? = nil) {
        self.pretty = pretty
        self.sink = sink
    }

    /// Hands the text so far to the sink once there is a chunk of it (or always, when `force`).
    func flush(force: Bool = false) {
        guard let sink, force || bytes.count >= JSONStream.chunk else { return }
        if failure == nil {
            do { try sink(bytes) } catch { failure = error }
        }
        bytes.removeAll(keepingCapacity: true)
    }

    // MARK: - Containers

    /// Opens an object or an array at the slot just prepared; its frame index is returned.
    func open(object: Bool) -> Int {
        bytes.append(object ? 0x7B : 0x5B)
        frames.append((object, 0))
        return frames.count - 1
    }

    /// Closes every container deeper than `depth` frames (the containers of values that have finished encoding).
    func close(deeperThan depth: Int) {
        while frames.count > depth {
            let frame = frames.removeLast()
            if frame.count > 0, pretty {
                bytes.append(0x0A)
                bytes.append(contentsOf: indent(frames.count))
            }
            bytes.append(frame.object ? 0x7D : 0x5D)
        }
    }

    /// Prepares the slot of the next member of the container at `index`: closes what a previous member left open,
    /// writes the separator, the indentation and, in an object, the key.
    func member(of index: Int, key: String?) {
        close(deeperThan: index + 1)
        if bytes.count >= JSONStream.chunk { flush() }
        if frames[index].count > 0 { bytes.append(0x2C) }
        frames[index].count += 1
        if pretty {
            bytes.append(0x0A)
            bytes.append(contentsOf: indent(index + 1))
        }
        if let key {
            string(key)
            bytes.append(0x3A)
            if pretty { bytes.append(0x20) }
        }
    }

    /// Two spaces per level.
    func indent(_ depth: Int) -> Repeated<UInt8> { repeatElement(0x20, count: 2 * depth) }

    // MARK: - Values

    /// Writes any value at the slot just prepared, at `depth` open frames.
    func value<T: Encodable>(_ value: T, depth: Int) throws {
        switch value {
        case let v as String: string(v)
        case let v as Bool: raw(v ? "true" : "false")
        case let v as Double: raw(JSONText.number(v))
        case let v as Float: raw(JSONText.number(Double(v)))
        case let v as Int: raw(String(v))
        case let v as Int64: raw(String(v))
        case let v as Int32: raw(String(v))
        case let v as UInt: raw(String(v))
        case let v as Date: string(v.formatted(.iso8601))
        case let v as [[Int]]: matrix(v)
        case let v as Cooperative: cooperative(v)
        case let v as any JSONWritable:
            let frame = open(object: true)
            v.writeJSON(JSONObjectWriter(stream: self, frame: frame))
            close(deeperThan: frame)
        case let v as any SortedJSONObject:
            // A dictionary's own order changes from run to run: its keys are written sorted, so output is stable.
            let index = open(object: true)
            for (key, item) in v.sortedEntries() {
                member(of: index, key: key)
                try opened(item, depth: index + 1)
            }
            close(deeperThan: index)
        default:
            let start = bytes.count
            try value.encode(to: StreamEncoder(stream: self, depth: depth))
            close(deeperThan: depth)
            if bytes.count == start { raw("null") }
        }
    }

    /// `value` for a value of unknown type (Swift opens the existential for the generic call).
    func opened(_ item: any Encodable, depth: Int) throws { try value(item, depth: depth) }

    func raw(_ text: String) { bytes.append(contentsOf: text.utf8) }

    /// A JSON string: quotes, backslashes, control characters and the line separators U+2028/2029 escaped.
    func string(_ text: String) {
        bytes.append(0x22)
        var text = text
        text.withUTF8 { utf8 in
            var start = 0
            var i = 0
            while i < utf8.count {
                let byte = utf8[i]
                var escape: [UInt8]?
                var length = 1
                if byte == 0x22 {
                    escape = [0x5C, 0x22]
                } else if byte == 0x5C {
                    escape = [0x5C, 0x5C]
                } else if byte < 0x20 {
                    switch byte {
                    case 0x0A: escape = [0x5C, 0x6E]
                    case 0x0D: escape = [0x5C, 0x72]
                    case 0x09: escape = [0x5C, 0x74]
                    default: escape = Array("\\u00".utf8) + Array(String(format: "%02x", byte).utf8)
                    }
                } else if byte == 0xE2, i + 2 < utf8.count, utf8[i + 1] == 0x80,
                    utf8[i + 2] == 0xA8 || utf8[i + 2] == 0xA9
                {
                    escape = Array((utf8[i + 2] == 0xA8 ? "\\u2028" : "\\u2029").utf8)
                    length = 3
                }
                if let escape {
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<i]))
                    bytes.append(contentsOf: escape)
                    i += length
                    start = i
                } else {
                    i += 1
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<utf8.count]))
        }
        bytes.append(0x22)
    }

    /// A matrix of integers (a travel matrix of a million entries): one row a line when pretty.
    func matrix(_ rows: [[Int]]) {
        guard !rows.isEmpty else { return raw("[]") }
        let depth = frames.count
        bytes.append(0x5B)
        for (index, row) in rows.enumerated() {
            if pretty {
                bytes.append(0x0A)
                bytes.append(contentsOf: indent(depth + 1))
            }
            bytes.append(0x5B)
            for (column, value) in row.enumerated() {
                if column > 0 { bytes.append(0x2C) }
                raw(String(value))
            }
            bytes.append(0x5D)
            if index < rows.count - 1 { bytes.append(0x2C) }
        }
        if pretty {
            bytes.append(0x0A)
            bytes.append(contentsOf: indent(depth))
        }
        bytes.append(0x5D)
    }
}

/// The `Encoder` of one value in a `JSONStream`: its containers write straight into the stream.
struct StreamEncoder: Encoder {
    let stream: JSONStream
    /// How many containers are open around this value.
    let depth: Int
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] = [:]

    init(stream: JSONStream, depth: Int) {
        self.stream = stream
        self.depth = depth
    }

    /// The frame of this value's container, opened on first use (a type may ask for its container twice).
    func frame(object: Bool) -> Int {
        if stream.frames.count > depth { return depth }
        return stream.open(object: object)
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(Keyed<Key>(stream: stream, index: frame(object: true)))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer { Unkeyed(stream: stream, index: frame(object: false)) }

    func singleValueContainer() -> any SingleValueEncodingContainer { Single(stream: stream, depth: depth) }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let stream: JSONStream
        let index: Int
        var codingPath: [any CodingKey] = []

        mutating func encodeNil(forKey key: Key) throws {
            stream.member(of: index, key: key.stringValue)
            stream.raw("null")
        }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            stream.member(of: index, key: key.stringValue)
            try stream.value(value, depth: index + 1)
        }
        // The common kinds written directly, without the generic path's casts.
        mutating func encode(_ value: String, forKey key: Key) throws {
            stream.member(of: index, key: key.stringValue)
            stream.string(value)
        }
        mutating func encode(_ value: Int, forKey key: Key) throws {
            stream.member(of: index, key: key.stringValue)
            stream.raw(String(value))
        }
        mutating func encode(_ value: Int64, forKey key: Key) throws {
            stream.member(of: index, key: key.stringValue)
            stream.raw(String(value))
        }
        mutating func encode(_ value: Double, forKey key: Key) throws {
            stream.member(of: index, key: key.stringValue)
            stream.raw(JSONText.number(value))
        }
        mutating func encode(_ value: Bool, forKey key: Key) throws {
            stream.member(of: index, key: key.stringValue)
            stream.raw(value ? "true" : "false")
        }

        // Synthesized `Encodable` skips nil optionals through `encodeIfPresent`; writing null instead keeps
        // every key of the contract present in every record, without a hand-written `encode(to:)` per type.
        mutating func encodeOrNull<T: Encodable>(_ value: T?, _ key: Key) throws {
            if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
        }
        mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
            try encodeOrNull(value, key)
        }
        mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws {
            if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
        }
        mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws {
            if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
        }
        mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws {
            if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
        }
        mutating func encodeIfPresent(_ value: Float?, forKey key: Key) throws { try encodeOrNull(value, key) }
        mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws {
            if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
        }
        mutating func encodeIfPresent(_ value: Int8?, forKey key: Key) throws { try encodeOrNull(value, key) }
        mutating func encodeIfPresent(_ value: Int16?, forKey key: Key) throws { try encodeOrNull(value, key) }
        mutating func encodeIfPresent(_ value: Int32?, forKey key: Key) throws { try encodeOrNull(value, key) }
        mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws {
            if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
        }
        mutating func encodeIfPresent(_ value: UInt?, forKey key: Key) throws { try encodeOrNull(value, key) }
        mutating func encodeIfPresent(_ value: UInt8?, forKey key: Key) throws { try encodeOrNull(value, key) }
        mutating func encodeIfPresent(_ value: UInt16?, forKey key: Key) throws { try encodeOrNull(value, key) }
        mutating func encodeIfPresent(_ value: UInt32?, forKey key: Key) throws { try encodeOrNull(value, key) }
        mutating func encodeIfPresent(_ value: UInt64?, forKey key: Key) throws { try encodeOrNull(value, key) }
        mutating func nestedContainer<NestedKey: CodingKey>(
            keyedBy keyType: NestedKey.Type, forKey key: Key
        ) -> KeyedEncodingContainer<NestedKey> {
            stream.member(of: index, key: key.stringValue)
            return KeyedEncodingContainer(Keyed<NestedKey>(stream: stream, index: stream.open(object: true)))
        }
        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            stream.member(of: index, key: key.stringValue)
            return Unkeyed(stream: stream, index: stream.open(object: false))
        }
        mutating func superEncoder() -> any Encoder {
            stream.member(of: index, key: "super")
            return StreamEncoder(stream: stream, depth: index + 1)
        }
        mutating func superEncoder(forKey key: Key) -> any Encoder {
            stream.member(of: index, key: key.stringValue)
            return StreamEncoder(stream: stream, depth: index + 1)
        }
    }

    struct Unkeyed: UnkeyedEncodingContainer {
        let stream: JSONStream
        let index: Int
        var codingPath: [any CodingKey] = []
        var count: Int { index < stream.frames.count ? stream.frames[index].count : 0 }

        mutating func encodeNil() throws {
            stream.member(of: index, key: nil)
            stream.raw("null")
        }
        mutating func encode<T: Encodable>(_ value: T) throws {
            stream.member(of: index, key: nil)
            try stream.value(value, depth: index + 1)
        }
        mutating func encode(_ value: String) throws {
            stream.member(of: index, key: nil)
            stream.string(value)
        }
        mutating func encode(_ value: Int) throws {
            stream.member(of: index, key: nil)
            stream.raw(String(value))
        }
        mutating func nestedContainer<NestedKey: CodingKey>(
            keyedBy keyType: NestedKey.Type
        ) -> KeyedEncodingContainer<NestedKey> {
            stream.member(of: index, key: nil)
            return KeyedEncodingContainer(Keyed<NestedKey>(stream: stream, index: stream.open(object: true)))
        }
        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            stream.member(of: index, key: nil)
            return Unkeyed(stream: stream, index: stream.open(object: false))
        }
        mutating func superEncoder() -> any Encoder {
            stream.member(of: index, key: nil)
            return StreamEncoder(stream: stream, depth: index + 1)
        }
    }

    struct Single: SingleValueEncodingContainer {
        let stream: JSONStream
        let depth: Int
        var codingPath: [any CodingKey] = []
        mutating func encodeNil() throws { stream.raw("null") }
        mutating func encode<T: Encodable>(_ value: T) throws { try stream.value(value, depth: depth) }
    }
}

/// A flat record that writes its JSON members itself, in the order its `encode(to:)` gives them: the rows of the
/// largest outputs (findings of `check`, list rows) skip the `Encoder` machinery. `JSONText` uses it wherever such
/// a value appears; tests compare the two.
public protocol JSONWritable: Encodable {
    /// Writes the members, each with `object`'s methods.
    func writeJSON(_ object: JSONObjectWriter)
}

/// Writes the members of one JSON object of a `JSONStream`.
public struct JSONObjectWriter {
    let stream: JSONStream
    let frame: Int

    public func string(_ key: String, _ value: String?) {
        stream.member(of: frame, key: key)
        if let value { stream.string(value) } else { stream.raw("null") }
    }

    public func integer(_ key: String, _ value: Int64?) {
        stream.member(of: frame, key: key)
        stream.raw(value.map { String($0) } ?? "null")
    }

    public func number(_ key: String, _ value: Double?) {
        stream.member(of: frame, key: key)
        stream.raw(value.map(JSONText.number) ?? "null")
    }

    public func bool(_ key: String, _ value: Bool) {
        stream.member(of: frame, key: key)
        stream.raw(value ? "true" : "false")
    }
}
