import Foundation

/// A TrueType font read from its file: metrics, the character map and the glyph outlines, enough to lay out text
/// and to embed a subset holding only the glyphs a document uses.
public struct TrueTypeFont: Sendable {
    public let data: [UInt8]
    let tables: [String: (offset: Int, length: Int)]
    public let unitsPerEm: Int
    public let ascender: Int
    public let descender: Int
    public let capHeight: Int
    public let italicAngle: Double
    public let bbox: (Int, Int, Int, Int)
    public let postScriptName: String
    let advances: [Int]
    let glyphForScalar: [UInt32: Int]
    /// The glyphs of the scalars Vietnamese text uses (U+0000–U+24FF, Latin to the general punctuation), by scalar:
    /// text is measured word by word, and an array is read faster than a dictionary is hashed.
    let commonGlyphs: [UInt16]
    let locaLong: Bool
    public let glyphCount: Int

    /// Errors reading a font file.
    public enum FontError: Error, CustomStringConvertible {
        case unreadable(String)
        case malformed(String)
        public var description: String {
            switch self {
            case .unreadable(let path): return "cannot read font \(path)"
            case .malformed(let what): return "malformed font: \(what)"
            }
        }
    }

    public init(path: String) throws {
        // Only a regular file: reading a FIFO given as a font would wait forever.
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG,
            let contents = FileManager.default.contents(atPath: path)
        else { throw FontError.unreadable(path) }
        try self.init(data: [UInt8](contents))
    }

    public init(data: [UInt8]) throws {
        self.data = data
        func u16(_ o: Int) -> Int { o + 1 < data.count ? Int(data[o]) << 8 | Int(data[o + 1]) : 0 }
        func s16(_ o: Int) -> Int {
            let v = u16(o)
            return v >= 0x8000 ? v - 0x10000 : v
        }
        func u32(_ o: Int) -> Int { u16(o) << 16 | u16(o + 2) }
        guard data.count > 12 else { throw FontError.malformed("too short") }
        let tableCount = u16(4)
        guard 12 + tableCount * 16 <= data.count else { throw FontError.malformed("truncated table directory") }
        var tables: [String: (Int, Int)] = [:]
        for i in 0..<tableCount {
            let record = 12 + i * 16
            let tag = String(decoding: data[record..<record + 4], as: UTF8.self)
            let (offset, length) = (u32(record + 8), u32(record + 12))
            // A table that runs past the end of the file (a truncated or damaged font) is refused here, so that no
            // read later can fall outside the data.
            guard offset + length <= data.count else { throw FontError.malformed("table \(tag) runs past the end") }
            tables[tag] = (offset, length)
        }
        let required = ["head": 54, "hhea": 36, "hmtx": 4, "maxp": 6, "cmap": 4, "loca": 2, "glyf": 0]
        for (tag, size) in required {
            guard let table = tables[tag] else { throw FontError.malformed("no \(tag) table") }
            guard table.1 >= size else { throw FontError.malformed("table \(tag) is too short") }
        }
        self.tables = tables
        /// A required table's offset and length (present: checked above).
        func table(_ tag: String) -> (offset: Int, length: Int) { tables[tag].map { ($0.0, $0.1) } ?? (0, 0) }
        let head = table("head").offset
        let hhea = table("hhea").offset
        let maxp = table("maxp").offset
        unitsPerEm = u16(head + 18)
        bbox = (s16(head + 36), s16(head + 38), s16(head + 40), s16(head + 42))
        locaLong = s16(head + 50) == 1
        let ascent = s16(hhea + 4)
        ascender = ascent
        descender = s16(hhea + 6)
        glyphCount = u16(maxp + 4)
        let metrics = u16(hhea + 34)
        let hmtx = table("hmtx").offset
        let locaEntry = locaLong ? 4 : 2
        guard metrics >= 1, table("hmtx").length >= 4 * metrics, table("loca").length >= (glyphCount + 1) * locaEntry
        else {
            throw FontError.malformed("metrics or glyph locations do not match the glyph count")
        }
        var advances: [Int] = []
        for g in 0..<glyphCount { advances.append(u16(hmtx + 4 * min(g, metrics - 1))) }
        self.advances = advances
        if let os2 = tables["OS/2"]?.0, u16(os2) >= 2 { capHeight = s16(os2 + 88) } else { capHeight = ascent }
        if let post = tables["post"]?.0 {
            italicAngle = Double(s16(post + 4)) + Double(u16(post + 6)) / 65536
        } else {
            italicAngle = 0
        }
        // cmap: prefer a format 12 (full Unicode) subtable, else format 4 (BMP).
        let cmap = table("cmap").offset
        var map: [UInt32: Int] = [:]
        var chosen: (Int, Int)?
        for i in 0..<u16(cmap + 2) {
            let platform = u16(cmap + 4 + i * 8)
            let encoding = u16(cmap + 6 + i * 8)
            let offset = u32(cmap + 8 + i * 8)
            guard platform == 3 && (encoding == 1 || encoding == 10) || platform == 0 else { continue }
            let format = u16(cmap + offset)
            if format == 12 || (format == 4 && chosen?.1 != 12) { chosen = (cmap + offset, format) }
        }
        guard let (sub, format) = chosen else { throw FontError.malformed("no Unicode cmap") }
        if format == 12 {
            // At most as many groups as the data can hold: a damaged count must not loop for billions of rounds.
            for i in 0..<min(u32(sub + 12), max(0, data.count - sub - 16) / 12) {
                let group = sub + 16 + i * 12
                let start = u32(group)
                let end = u32(group + 4)
                let glyph = u32(group + 8)
                guard end >= start, end - start < 0x110000 else { continue }
                for c in start...end { map[UInt32(c)] = glyph + (c - start) }
            }
        } else {
            let segments = u16(sub + 6) / 2
            let ends = sub + 14
            let starts = ends + segments * 2 + 2
            let deltas = starts + segments * 2
            let ranges = deltas + segments * 2
            for s in 0..<segments {
                let end = u16(ends + s * 2)
                let start = u16(starts + s * 2)
                let delta = s16(deltas + s * 2)
                let range = u16(ranges + s * 2)
                guard start <= end, end != 0xFFFF || start != 0xFFFF else { continue }
                for c in start...end where c != 0xFFFF {
                    var glyph: Int
                    if range == 0 {
                        glyph = (c + delta) & 0xFFFF
                    } else {
                        let address = ranges + s * 2 + range + (c - start) * 2
                        glyph = u16(address)
                        if glyph != 0 { glyph = (glyph + delta) & 0xFFFF }
                    }
                    if glyph != 0 { map[UInt32(c)] = glyph }
                }
            }
        }
        glyphForScalar = map
        var common = [UInt16](repeating: 0, count: 0x2500)
        for (scalar, glyph) in map where scalar < 0x2500 && glyph <= Int(UInt16.max) {
            common[Int(scalar)] = UInt16(glyph)
        }
        commonGlyphs = common
        var name = "Font"
        if let (nameTable, _) = tables["name"] {
            let count = u16(nameTable + 2)
            let strings = nameTable + u16(nameTable + 4)
            for i in 0..<count {
                let record = nameTable + 6 + i * 12
                guard u16(record + 6) == 6 else { continue }
                let length = u16(record + 8)
                let offset = min(data.count, strings + u16(record + 10))
                let bytes = data[offset..<min(data.count, offset + length)]
                let text =
                    u16(record) == 3
                    ? String(
                        decoding: stride(from: bytes.startIndex, to: bytes.endIndex - 1, by: 2).map {
                            UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1])
                        }, as: UTF16.self)
                    : String(decoding: bytes, as: UTF8.self)
                if !text.isEmpty {
                    name = text.filter { $0.isLetter || $0.isNumber || $0 == "-" }
                    break
                }
            }
        }
        postScriptName = name
    }

    /// The glyph of a scalar (0, the missing glyph, when the font has none).
    public func glyph(_ scalar: Unicode.Scalar) -> Int {
        scalar.value < 0x2500 ? Int(commonGlyphs[Int(scalar.value)]) : glyphForScalar[scalar.value] ?? 0
    }

    /// A glyph's advance in font units.
    public func advance(_ glyph: Int) -> Int { glyph < advances.count ? advances[glyph] : 0 }

    /// The width of text at `size` points.
    public func width(_ text: String, size: Double) -> Double {
        Double(text.unicodeScalars.reduce(0) { $0 + advance(glyph($1)) }) * size / Double(unitsPerEm)
    }

    /// A big-endian integer at `o`; 0 past the end of the data (a damaged font never traps).
    func u16(_ o: Int) -> Int { o >= 0 && o + 1 < data.count ? Int(data[o]) << 8 | Int(data[o + 1]) : 0 }
    func u32(_ o: Int) -> Int { u16(o) << 16 | u16(o + 2) }

    /// A table's bytes (empty when the font has no such table; the required ones are checked when it loads).
    func tableBytes(_ tag: String) -> [UInt8] {
        tables[tag].map { Array(data[$0.0..<$0.0 + $0.1]) } ?? []
    }

    /// The byte range of a glyph's outline in `glyf`, clipped to the table (empty for a glyph out of range).
    func outline(_ glyph: Int) -> Range<Int> {
        guard let (loca, _) = tables["loca"], let (glyf, glyfLength) = tables["glyf"], (0..<glyphCount).contains(glyph)
        else { return 0..<0 }
        let start = locaLong ? u32(loca + glyph * 4) : u16(loca + glyph * 2) * 2
        let end = locaLong ? u32(loca + glyph * 4 + 4) : u16(loca + glyph * 2 + 2) * 2
        let lower = min(start, glyfLength)
        let upper = min(max(start, end), glyfLength)
        return (glyf + lower)..<(glyf + upper)
    }

    /// The glyphs a composite glyph is built from.
    func components(_ glyph: Int) -> [Int] {
        let range = outline(glyph)
        guard range.count > 10, Int16(bitPattern: UInt16(u16(range.lowerBound))) < 0 else { return [] }
        var result: [Int] = []
        var offset = range.lowerBound + 10
        while offset + 4 <= range.upperBound {
            let flags = u16(offset)
            result.append(u16(offset + 2))
            offset += 4 + ((flags & 0x0001) != 0 ? 4 : 2)
            if flags & 0x0008 != 0 {
                offset += 2
            } else if flags & 0x0040 != 0 {
                offset += 4
            } else if flags & 0x0080 != 0 {
                offset += 8
            }
            if flags & 0x0020 == 0 { break }
        }
        return result
    }

    /// A font file holding only `glyphs` (and the glyphs composites use), glyph ids unchanged: the other glyphs are
    /// empty. Tables: head, hhea, maxp, hmtx, loca (long), glyf, post (format 3) and the hinting tables if present.
    public func subset(_ glyphs: Set<Int>) -> [UInt8] {
        var keep = glyphs.union([0])
        var queue = Array(keep)
        while let g = queue.popLast() {
            for c in components(g) where c < glyphCount && keep.insert(c).inserted { queue.append(c) }
        }
        var glyf: [UInt8] = []
        var loca: [UInt8] = []
        func put32(_ value: Int, into bytes: inout [UInt8]) {
            bytes += [
                UInt8(value >> 24 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF),
            ]
        }
        for g in 0..<glyphCount {
            put32(glyf.count, into: &loca)
            if keep.contains(g) {
                glyf += data[outline(g)]
                while glyf.count % 4 != 0 { glyf.append(0) }
            }
        }
        put32(glyf.count, into: &loca)
        var head = tableBytes("head")
        head[8] = 0
        head[9] = 0
        head[10] = 0
        head[11] = 0
        head[50] = 0
        head[51] = 1
        var post: [UInt8] = []
        if let (start, length) = tables["post"], length >= 32 {
            post = Array(data[start..<start + 32])
            post[0] = 0
            post[1] = 3
            post[2] = 0
            post[3] = 0
        }
        var out: [(String, [UInt8])] = [
            ("glyf", glyf), ("head", head),
            ("hhea", tableBytes("hhea")), ("hmtx", tableBytes("hmtx")), ("loca", loca), ("maxp", tableBytes("maxp")),
        ]
        if !post.isEmpty { out.append(("post", post)) }
        for tag in ["cvt ", "fpgm", "prep"] {
            if let t = tables[tag] { out.append((tag, Array(data[t.0..<t.0 + t.1]))) }
        }
        out.sort { $0.0 < $1.0 }
        var file: [UInt8] = []
        file += [0, 1, 0, 0]
        let n = out.count
        var power = 1
        var log = 0
        while power * 2 <= n {
            power *= 2
            log += 1
        }
        file += [
            UInt8(n >> 8), UInt8(n & 0xFF), UInt8((power * 16) >> 8), UInt8((power * 16) & 0xFF), 0, UInt8(log),
            UInt8(((n - power) * 16) >> 8), UInt8(((n - power) * 16) & 0xFF),
        ]
        var offset = 12 + 16 * n
        var body: [UInt8] = []
        for (tag, bytes) in out {
            var padded = bytes
            while padded.count % 4 != 0 { padded.append(0) }
            var sum: UInt32 = 0
            for i in stride(from: 0, to: padded.count, by: 4) {
                sum =
                    sum
                    &+ (UInt32(padded[i]) << 24 | UInt32(padded[i + 1]) << 16 | UInt32(padded[i + 2]) << 8
                        | UInt32(padded[i + 3]))
            }
            file += Array(tag.utf8)
            put32(Int(sum), into: &file)
            put32(offset, into: &file)
            put32(bytes.count, into: &file)
            body += padded
            offset += padded.count
        }
        return file + body
    }
}
