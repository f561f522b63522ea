/// A pull tokenizer of XML fed in chunks: what a spreadsheet part needs, in memory bounded by its largest token.
///
/// It gives start tags (a self-closing one as a start and an end), end tags, and text (character data between tags,
/// and CDATA sections), skipping comments, processing instructions and the document type. End tags must match their
/// start tags, attributes must be `name="value"` or `name='value'`, and an entity must be one of XML's five or a
/// character reference: anything else is damage. A token's ranges index `bytes` until the next `feed`.
struct XMLTokenizer {
    /// A start or end tag: the local name (after any prefix), and the attributes' text for a start tag.
    struct Tag {
        var name: Range<Int>
        var attributes: Range<Int>
    }

    enum Token {
        case start(Tag)
        case end(Tag)
        case text(Range<Int>, cdata: Bool)
    }

    /// Why the XML is not well formed, in words for the message.
    struct Damage: Error {
        let reason: String
    }

    /// The longest token taken (a cell's text, a tag): past it the part is refused rather than buffered whole.
    static let maximumToken = 32 << 20
    /// The deepest nesting taken: spreadsheet parts nest a handful of levels.
    static let maximumDepth = 256

    /// The unread bytes, from `position` on.
    private(set) var bytes: [UInt8] = []
    private var position = 0
    private var ended = false
    private var pendingEnd: Tag?
    /// The unread bytes needed before scanning again: twice what an unfinished token had, so that a long token is
    /// scanned a logarithmic number of times, not once per chunk.
    private var wanted = 0
    /// How many times a token was scanned, finished or not (for tests of the above).
    private(set) var scans = 0
    /// The open elements' qualified names, packed (first 16 bytes and length) to compare end tags without copying.
    private var open: [NameKey] = []

    /// The bytes fed and not yet read as tokens.
    var unread: Int { bytes.count - position }

    /// Whether every byte has been fed and read.
    var isFinished: Bool { ended && position == bytes.count && pendingEnd == nil }

    /// Appends the next chunk of the document, dropping the bytes already read.
    mutating func feed<C: Collection<UInt8>>(_ chunk: C) {
        if position > 0 {
            bytes.removeSubrange(0..<position)
            position = 0
        }
        bytes.append(contentsOf: chunk)
    }

    /// Marks the end of the document.
    mutating func finish() { ended = true }

    /// The next token; nil when more bytes are needed, or at the end (`isFinished`).
    mutating func next() throws(Damage) -> Token? {
        if let tag = pendingEnd {
            pendingEnd = nil
            open.removeLast()
            return .end(tag)
        }
        while true {
            let count = bytes.count
            guard position < count else {
                if ended && !open.isEmpty { throw Damage(reason: "unclosed element at the end") }
                return nil
            }
            if !ended && count - position < wanted {
                // Waiting for the rest of a token: past the cap it is refused without scanning it again.
                if count - position > XMLTokenizer.maximumToken {
                    throw Damage(reason: "a token longer than \(XMLTokenizer.maximumToken >> 20) MB")
                }
                return nil
            }
            // A second reference to the bytes, so that scanning them does not overlap the scan's own changes.
            let buffer = bytes
            let start = position
            scans += 1
            let scanned = try buffer.withUnsafeBufferPointer { (b) throws(Damage) in try scan(b, from: start) }
            guard let scanned else {
                if ended { throw Damage(reason: "the document ends inside markup") }
                if count - position > XMLTokenizer.maximumToken {
                    throw Damage(reason: "a token longer than \(XMLTokenizer.maximumToken >> 20) MB")
                }
                wanted = 2 * (count - position)
                return nil
            }
            wanted = 0
            position = scanned.1
            if let token = scanned.0 { return token }
        }
    }

    /// Scans one token from `start`: the token (nil for one skipped) and where the next begins, or nil when the
    /// buffer ends first.
    private mutating func scan(_ b: UnsafeBufferPointer<UInt8>, from start: Int) throws(Damage) -> (Token?, Int)? {
        let count = b.count
        guard b[start] == 0x3C else {
            // Text up to the next tag (or the end of the document).
            var i = start
            while i < count && b[i] != 0x3C { i += 1 }
            if i == count && !ended { return nil }
            return (.text(start..<i, cdata: false), i)
        }
        guard start + 1 < count else { return nil }
        switch b[start + 1] {
        case 0x21:  // "<!": a comment, CDATA, or the document type
            if XMLTokenizer.matches(b, start, "<!--") {
                guard let end = XMLTokenizer.find(b, "-->", from: start + 4) else { return nil }
                return (nil, end + 3)
            }
            if XMLTokenizer.matches(b, start, "<![CDATA[") {
                guard let end = XMLTokenizer.find(b, "]]>", from: start + 9) else { return nil }
                return (.text((start + 9)..<end, cdata: true), end + 3)
            }
            guard start + 9 <= count || ended else { return nil }
            var i = start + 2
            var inSubset = false
            while i < count {
                if b[i] == 0x5B { inSubset = true } else if b[i] == 0x5D { inSubset = false }
                if b[i] == 0x3E && !inSubset { return (nil, i + 1) }
                i += 1
            }
            return nil
        case 0x3F:  // "<?": a processing instruction
            guard let end = XMLTokenizer.find(b, "?>", from: start + 2) else { return nil }
            return (nil, end + 2)
        case 0x2F:  // "</": an end tag
            var i = start + 2
            let nameStart = i
            while i < count, !XMLTokenizer.isNameEnd(b[i]) { i += 1 }
            let nameEnd = i
            while i < count, XMLTokenizer.isSpace(b[i]) { i += 1 }
            guard i < count else { return nil }
            guard b[i] == 0x3E, nameEnd > nameStart else { throw Damage(reason: "a malformed end tag") }
            guard let top = open.last, top == NameKey(b, nameStart..<nameEnd) else {
                throw Damage(reason: "an end tag that does not match its start tag")
            }
            open.removeLast()
            return (
                .end(Tag(name: XMLTokenizer.localName(b, nameStart..<nameEnd), attributes: nameEnd..<nameEnd)), i + 1
            )
        default:
            var i = start + 1
            let nameStart = i
            while i < count, !XMLTokenizer.isNameEnd(b[i]) { i += 1 }
            let nameEnd = i
            guard nameEnd > nameStart || i == count else { throw Damage(reason: "a tag without a name") }
            // Attributes: name = "value" pairs up to ">" or "/>".
            while true {
                while i < count, XMLTokenizer.isSpace(b[i]) { i += 1 }
                guard i < count else { return nil }
                if b[i] == 0x3E || b[i] == 0x2F {
                    let selfClosing = b[i] == 0x2F
                    if selfClosing {
                        guard i + 1 < count else { return nil }
                        guard b[i + 1] == 0x3E else { throw Damage(reason: "a malformed tag") }
                    }
                    guard open.count < XMLTokenizer.maximumDepth else { throw Damage(reason: "nesting too deep") }
                    open.append(NameKey(b, nameStart..<nameEnd))
                    let tag = Tag(name: XMLTokenizer.localName(b, nameStart..<nameEnd), attributes: nameEnd..<i)
                    if selfClosing { pendingEnd = tag }
                    return (.start(tag), i + (selfClosing ? 2 : 1))
                }
                let attributeStart = i
                while i < count, !XMLTokenizer.isNameEnd(b[i]), b[i] != 0x3D { i += 1 }
                guard i > attributeStart || i == count else { throw Damage(reason: "a malformed attribute") }
                while i < count, XMLTokenizer.isSpace(b[i]) { i += 1 }
                guard i < count else { return nil }
                guard b[i] == 0x3D else { throw Damage(reason: "an attribute without a value") }
                i += 1
                while i < count, XMLTokenizer.isSpace(b[i]) { i += 1 }
                guard i < count else { return nil }
                let quote = b[i]
                guard quote == 0x22 || quote == 0x27 else { throw Damage(reason: "an attribute value without quotes") }
                i += 1
                while i < count, b[i] != quote {
                    guard b[i] != 0x3C else { throw Damage(reason: "a '<' inside an attribute value") }
                    i += 1
                }
                guard i < count else { return nil }
                i += 1
            }
        }
    }

    /// Where the value of the attribute `name` (its qualified name, exactly, ASCII) of a start tag lies in `bytes`,
    /// entities not decoded; nil when the tag has none.
    func valueRange(_ name: StaticString, of tag: Tag) -> Range<Int>? {
        let wanted = name.utf8Start
        let length = name.utf8CodeUnitCount
        return bytes.withUnsafeBufferPointer { b -> Range<Int>? in
            var i = tag.attributes.lowerBound
            let end = tag.attributes.upperBound
            while i < end {
                while i < end, XMLTokenizer.isSpace(b[i]) { i += 1 }
                let nameStart = i
                while i < end, !XMLTokenizer.isNameEnd(b[i]), b[i] != 0x3D { i += 1 }
                let nameEnd = i
                while i < end, b[i] != 0x22, b[i] != 0x27 { i += 1 }
                guard i < end else { return nil }
                let quote = b[i]
                let valueStart = i + 1
                i = valueStart
                while i < end, b[i] != quote { i += 1 }
                let valueEnd = i
                i += 1
                if nameEnd - nameStart == length && (0..<length).allSatisfy({ b[nameStart + $0] == wanted[$0] }) {
                    return valueStart..<valueEnd
                }
            }
            return nil
        }
    }

    /// The value of the attribute `name` as a whole number of at most 9 digits (a row, a style); nil otherwise.
    func integer(_ name: StaticString, of tag: Tag) -> Int? {
        guard let range = valueRange(name, of: tag), !range.isEmpty, range.count <= 9 else { return nil }
        var value = 0
        for i in range {
            let digit = Int(bytes[i]) - 48
            guard digit >= 0 && digit <= 9 else { return nil }
            value = value * 10 + digit
        }
        return value
    }

    /// The value of the attribute `name` as a cell reference such as "B12": its 0-based column and its row; nil when
    /// it is not one.
    func cellReference(_ name: StaticString, of tag: Tag) -> (column: Int, row: Int)? {
        guard let range = valueRange(name, of: tag) else { return nil }
        var column = 0
        var i = range.lowerBound
        while i < range.upperBound, bytes[i] >= 65, bytes[i] <= 90, column < 1 << 40 {
            column = column * 26 + Int(bytes[i]) - 64
            i += 1
        }
        guard column > 0 else { return nil }
        var row = 0
        let digits = i
        while i < range.upperBound, bytes[i] >= 48, bytes[i] <= 57, i - digits < 10 {
            row = row * 10 + Int(bytes[i]) - 48
            i += 1
        }
        guard i == range.upperBound, i > digits else { return nil }
        return (column - 1, row)
    }

    /// Whether the bytes of `range` are exactly `value` (ASCII).
    func holds(_ range: Range<Int>, _ value: StaticString) -> Bool {
        guard range.count == value.utf8CodeUnitCount else { return false }
        for offset in 0..<range.count where bytes[range.lowerBound + offset] != value.utf8Start[offset] { return false }
        return true
    }

    /// Whether a tag's local name is `name` (ASCII).
    func isNamed(_ tag: Tag, _ name: StaticString) -> Bool {
        guard tag.name.count == name.utf8CodeUnitCount else { return false }
        let literal = name.utf8Start
        for offset in 0..<tag.name.count where bytes[tag.name.lowerBound + offset] != literal[offset] { return false }
        return true
    }

    /// The text of a text token as a string: entities decoded (not in CDATA), refused if not UTF-8.
    func text(_ range: Range<Int>, cdata: Bool) throws(Damage) -> String {
        try bytes.withUnsafeBufferPointer { (b) throws(Damage) in
            let slice = UnsafeBufferPointer(rebasing: b[range])
            if cdata {
                guard let text = String(validating: slice, as: UTF8.self) else {
                    throw Damage(reason: "text not UTF-8")
                }
                return text
            }
            return try XMLTokenizer.decode(slice)
        }
    }

    /// Whether a text token holds anything but white space.
    func hasContent(_ range: Range<Int>) -> Bool {
        bytes[range].contains { !XMLTokenizer.isSpace($0) }
    }

    /// Decodes character data: the five entities and character references; refused if not UTF-8.
    static func decode(_ slice: UnsafeBufferPointer<UInt8>) throws(Damage) -> String {
        guard slice.contains(0x26) else {
            guard let text = String(validating: slice, as: UTF8.self) else { throw Damage(reason: "text not UTF-8") }
            return text
        }
        var out: [UInt8] = []
        out.reserveCapacity(slice.count)
        var i = 0
        while i < slice.count {
            guard slice[i] == 0x26 else {
                out.append(slice[i])
                i += 1
                continue
            }
            var end = i + 1
            while end < slice.count, slice[end] != 0x3B, end - i < 40 { end += 1 }
            guard end < slice.count, slice[end] == 0x3B else { throw Damage(reason: "an unterminated entity") }
            let name = String(decoding: UnsafeBufferPointer(rebasing: slice[(i + 1)..<end]), as: UTF8.self)
            switch name {
            case "lt": out.append(0x3C)
            case "gt": out.append(0x3E)
            case "amp": out.append(0x26)
            case "quot": out.append(0x22)
            case "apos": out.append(0x27)
            default:
                let hex = name.hasPrefix("#x")
                let digits = hex ? name.dropFirst(2) : name.hasPrefix("#") ? name.dropFirst() : ""
                guard !digits.isEmpty, digits.allSatisfy({ hex ? $0.isHexDigit : ("0"..."9").contains($0) }),
                    let value = UInt32(digits, radix: hex ? 16 : 10),
                    let scalar = Unicode.Scalar(value), value != 0
                else { throw Damage(reason: "an unknown entity &\(name);") }
                out.append(contentsOf: Array(String(Character(scalar)).utf8))
            }
            i = end + 1
        }
        guard let text = String(validating: out, as: UTF8.self) else { throw Damage(reason: "text not UTF-8") }
        return text
    }

    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }

    /// Whether a byte ends a name: white space, "/", ">", "=", "<" or a quote.
    static func isNameEnd(_ byte: UInt8) -> Bool {
        isSpace(byte) || byte == 0x2F || byte == 0x3E || byte == 0x3D || byte == 0x3C || byte == 0x22 || byte == 0x27
    }

    /// The local part of a qualified name (after the last ':').
    static func localName(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
        var start = range.lowerBound
        for i in range where b[i] == 0x3A { start = i + 1 }
        return start..<range.upperBound
    }

    static func matches(_ b: UnsafeBufferPointer<UInt8>, _ at: Int, _ literal: StaticString) -> Bool {
        let n = literal.utf8CodeUnitCount
        guard at + n <= b.count else { return false }
        for offset in 0..<n where b[at + offset] != literal.utf8Start[offset] { return false }
        return true
    }

    static func find(_ b: UnsafeBufferPointer<UInt8>, _ literal: StaticString, from: Int) -> Int? {
        let first = literal.utf8Start[0]
        var i = from
        while i < b.count {
            if b[i] == first && matches(b, i, literal) { return i }
            i += 1
        }
        return nil
    }
}

/// A qualified name packed for comparison: its first 16 bytes and its length.
struct NameKey: Equatable {
    var low: UInt64 = 0
    var high: UInt64 = 0
    var length: Int

    init(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
        length = range.count
        for (offset, i) in range.prefix(16).enumerated() {
            if offset < 8 {
                low |= UInt64(b[i]) << (8 * offset)
            } else {
                high |= UInt64(b[i]) << (8 * (offset - 8))
            }
        }
    }
}

/// The tokens of an XML document written out, for checks from outside the module (the fuzzer): the same bytes must
/// give the same transcript whatever the chunks they come in.
public enum XMLTranscript {
    /// The tokens of `bytes` fed `chunk` bytes at a time: "<name attributes>", "</name>", "'text'" (decoded; a text
    /// that does not decode as "!" and the reason), and the damage that stopped the reading last, as "!" and the
    /// reason.
    public static func tokens(_ bytes: [UInt8], chunk: Int) -> [String] {
        var tokenizer = XMLTokenizer()
        var out: [String] = []
        var offset = 0
        let size = max(1, chunk)
        func words(_ range: Range<Int>) -> String { String(decoding: tokenizer.bytes[range], as: UTF8.self) }
        do {
            while true {
                while let token = try tokenizer.next() {
                    switch token {
                    case .start(let tag):
                        let attributes = words(tag.attributes).trimmingCharacters(in: .whitespacesAndNewlines)
                        out.append("<" + words(tag.name) + (attributes.isEmpty ? "" : " " + attributes) + ">")
                    case .end(let tag): out.append("</" + words(tag.name) + ">")
                    case .text(let range, let cdata):
                        do { out.append("'" + (try tokenizer.text(range, cdata: cdata)) + "'") } catch {
                            out.append("!" + error.reason)
                        }
                    }
                }
                if tokenizer.isFinished { return out }
                if offset >= bytes.count {
                    tokenizer.finish()
                } else {
                    tokenizer.feed(bytes[offset..<min(bytes.count, offset + size)])
                    offset += size
                }
            }
        } catch {
            return out + ["!" + error.reason]
        }
    }
}
