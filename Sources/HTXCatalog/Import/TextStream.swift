import Foundation
import HTXCore

/// A text file read in bounded chunks and handed on as UTF-8, so that an import of any size runs in flat memory.
///
/// Each chunk ends on a whole character: the reader never sees half of one. Bytes that are not text in the
/// stream's encoding (invalid UTF-8, damaged UTF-16, a NUL byte) stop it with an error naming the file.
/// One thread reads a stream at a time (the import's reading thread).
final class TextStream: @unchecked Sendable {
    /// The bytes read from the file at a time.
    static let chunkBytes = 1 << 20

    let encoding: TextEncoding
    private let fd: Int32
    private let name: String
    private let chunkBytes: Int
    /// Bytes read but not yet handed on: the start of a character the next chunk completes.
    private var carry: [UInt8] = []
    private var raw: [UInt8]
    private var finished = false
    /// The file offset of the first byte of `carry`, for the position of a NUL byte.
    private var offset: Int

    /// Opens `path` (shown as `name`) to read it as `encoding` from byte `skip` (after a byte-order mark).
    init(
        path: String, name: String, encoding: TextEncoding, skip: Int, chunkBytes: Int = TextStream.chunkBytes
    ) throws(UserError) {
        let fd = Foundation.open(path, O_RDONLY)
        guard fd >= 0 else { throw TextStream.readError(name) }
        if skip > 0, lseek(fd, off_t(skip), SEEK_SET) < 0 {
            close(fd)
            throw TextStream.readError(name)
        }
        self.fd = fd
        self.name = name
        self.encoding = encoding
        self.chunkBytes = chunkBytes
        self.offset = skip
        raw = [UInt8](repeating: 0, count: chunkBytes)
    }

    deinit { close(fd) }

    static func readError(_ name: String) -> UserError {
        UserError(
            "\(name): không đọc được: \(String(cString: strerror(errno)))",
            "\(name): cannot read it: \(String(cString: strerror(errno)))")
    }

    /// Up to `chunkBytes` more bytes of the file, empty at its end.
    private func read() throws(UserError) -> ArraySlice<UInt8> {
        while true {
            let count = raw.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw TextStream.readError(name)
            }
            return raw[0..<count]
        }
    }

    /// The next chunk of the text as UTF-8, nil at the end of the file.
    func next() throws(UserError) -> [UInt8]? {
        while !finished {
            let more = try read()
            var bytes = carry
            bytes.append(contentsOf: more)
            let cut: Int
            if more.isEmpty {
                finished = true
                guard !bytes.isEmpty else { return nil }
                if encoding == .utf16le || encoding == .utf16be, bytes.count % 2 != 0 {
                    throw UserError(
                        "\(name): số byte lẻ, không phải UTF-16", "\(name): odd number of bytes, not UTF-16")
                }
                cut = bytes.count
            } else {
                cut = boundary(bytes)
            }
            let start = offset
            carry = Array(bytes[cut...])
            offset += cut
            let piece = bytes[..<cut]
            guard !piece.isEmpty else { continue }
            switch encoding {
            case .utf8:
                // The survey found the whole file valid: a bad byte now means it changed while being read.
                guard TextEncoding.isValidUTF8(piece) else {
                    throw UserError(
                        "\(name): tệp đã thay đổi trong khi nhập (có byte không phải UTF-8); nhập lại",
                        "\(name): the file changed while being imported (bytes that are not UTF-8); import it again")
                }
                try TextEncoding.rejectNUL(piece, file: name, base: start)
                return Array(piece)
            case .utf16le, .utf16be:
                let out = try TextEncoding.utf16(piece, bigEndian: encoding == .utf16be, file: name)
                try TextEncoding.rejectNUL(out[...], file: name, base: start)
                return out
            case .windows1258, .tcvn3:
                try TextEncoding.rejectNUL(piece, file: name, base: start)
                return TextEncoding.singleByte(
                    piece,
                    table: encoding == .tcvn3
                        ? TextEncoding.tcvn3High
                        : TextEncoding.windows1258High)
            }
        }
        return nil
    }

    /// Where to end a chunk of `bytes` so that no character is cut: before an incomplete UTF-8 sequence at the end,
    /// or an odd byte or a lone high surrogate of UTF-16; single-byte text can end anywhere.
    private func boundary(_ bytes: [UInt8]) -> Int {
        switch encoding {
        case .utf8:
            return TextStream.utf8Boundary(bytes)
        case .utf16le, .utf16be:
            var cut = bytes.count - bytes.count % 2
            if cut >= 2 {
                let high = encoding == .utf16le ? bytes[cut - 1] : bytes[cut - 2]
                if high & 0xFC == 0xD8 { cut -= 2 }
            }
            return cut
        case .windows1258, .tcvn3:
            return bytes.count
        }
    }

    /// The end of the last whole UTF-8 sequence in `bytes` (an incomplete one at the end is left for the next chunk;
    /// invalid bytes are left where they are, for the check to find).
    static func utf8Boundary(_ bytes: [UInt8]) -> Int {
        var k = bytes.count - 1
        var back = 0
        while k >= 0, back < 4 {
            let byte = bytes[k]
            if byte & 0xC0 == 0x80 {
                k -= 1
                back += 1
                continue
            }
            if byte >= 0xC0 {
                let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                if bytes.count - k < length { return k }
            }
            break
        }
        return bytes.count
    }
}

/// What a first quick pass over a text file tells before an import: its encoding, where the text starts, and at
/// most how many records it holds.
struct TextSurvey {
    var encoding: TextEncoding
    /// Whether the encoding was detected (true) or given (false).
    var detected: Bool
    /// The bytes of a byte-order mark to skip.
    var skip: Int

    /// Reads `path` through once (in chunks) to find its encoding when `given` is nil, as `TextEncoding.decode`
    /// would over the whole file: a BOM, NUL-byte patterns of UTF-16 in the first 64 KB, then valid UTF-8 over the
    /// whole file (damaged UTF-8 is refused with the count of bad bytes and the row of the first), then whichever
    /// of Windows-1258 and TCVN3 yields more Vietnamese words in the first 64 KB.
    init(path: String, name: String, given: TextEncoding?) throws {
        let head = try TextSurvey.head(path, name: name)
        var encoding = given
        skip = 0
        if head.starts(with: [0xEF, 0xBB, 0xBF]) {
            skip = 3
            if encoding == nil { encoding = .utf8 }
        } else if head.starts(with: [0xFF, 0xFE]) {
            skip = 2
            if encoding == nil || encoding == .utf16be { encoding = .utf16le }
        } else if head.starts(with: [0xFE, 0xFF]) {
            skip = 2
            if encoding == nil || encoding == .utf16le { encoding = .utf16be }
        }
        detected = given == nil
        var validated = false
        if encoding == nil, let wide = TextEncoding.utf16ByNULs(head[...]) { encoding = wide }
        if encoding == nil {
            encoding = try TextSurvey.isUTF8(path, name: name) ? .utf8 : nil
            validated = encoding == .utf8
            if encoding == nil {
                if let almost = try TextSurvey.almostUTF8(path, name: name) {
                    throw ImportError.almostUTF8(file: name, invalid: almost.invalid, row: almost.firstRow)
                }
                encoding = TextEncoding.singleByteGuess(head[...])
            }
        }
        // Text said to be UTF-8 (by a BOM or `--encoding`) is checked whole before anything is read.
        if encoding == .utf8, !validated, try !TextSurvey.isUTF8(path, name: name) {
            throw ImportError.invalidUTF8(file: name)
        }
        self.encoding = encoding ?? .utf8
    }

    /// The first 64 KB of the file.
    static func head(_ path: String, name: String) throws(UserError) -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw TextStream.readError(name) }
        defer { try? handle.close() }
        return Array(handle.readData(ofLength: 64 * 1024))
    }

    /// Calls `body` with the raw bytes of the file in chunks that each end after a byte below 0x80 (never inside a
    /// UTF-8 sequence, valid or not); stops early when `body` returns false.
    static func chunks(_ path: String, name: String, _ body: (ArraySlice<UInt8>) -> Bool) throws(UserError) {
        let fd = Foundation.open(path, O_RDONLY)
        guard fd >= 0 else { throw TextStream.readError(name) }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: TextStream.chunkBytes)
        var carry: [UInt8] = []
        while true {
            let count = buffer.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw TextStream.readError(name)
            }
            var bytes = carry
            bytes.append(contentsOf: buffer[0..<count])
            if count == 0 {
                if !bytes.isEmpty { _ = body(bytes[...]) }
                return
            }
            let cut = (bytes.lastIndex { $0 < 0x80 }).map { $0 + 1 } ?? 0
            carry = Array(bytes[cut...])
            // A run of bytes above 0x7F longer than a chunk is no text: hand it on as it is.
            if cut == 0 && carry.count <= 4 * TextStream.chunkBytes { continue }
            if !body(cut == 0 ? carry[...] : bytes[..<cut]) { return }
            if cut == 0 { carry = [] }
        }
    }

    /// Whether the whole file is valid UTF-8.
    static func isUTF8(_ path: String, name: String) throws(UserError) -> Bool {
        var valid = true
        try chunks(path, name: name) { piece in
            valid = TextEncoding.isValidUTF8(piece)
            return valid
        }
        return valid
    }

    /// `TextEncoding.almostUTF8` over the whole file, chunk by chunk.
    static func almostUTF8(_ path: String, name: String) throws(UserError) -> (invalid: Int, firstRow: Int)? {
        var valid = 0
        var invalid = 0
        var firstRow: Int?
        var lines = 0
        try chunks(path, name: name) { piece in
            let counts = TextEncoding.utf8Sequences(piece)
            valid += counts.valid
            invalid += counts.invalid
            if firstRow == nil, let first = counts.firstInvalid {
                firstRow = lines + 1 + piece[piece.startIndex..<first].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            }
            lines += piece.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            return true
        }
        guard let firstRow, valid >= 2, valid >= 4 * invalid else { return nil }
        return (invalid, firstRow)
    }

    /// At most how many records the file holds: its line-feed bytes plus one, counted fast; only when that passes
    /// `limit` are the records counted exactly (line breaks outside quotes, in the decoded text).
    func records(_ path: String, name: String, limit: Int) throws(UserError) -> Int {
        var feeds = 0
        try TextSurvey.chunks(path, name: name) { piece in
            piece.withUnsafeBufferPointer { buffer in
                guard var cursor = buffer.baseAddress else { return }
                var left = buffer.count
                while left > 0, let hit = memchr(cursor, 0x0A, left) {
                    feeds += 1
                    let found = UnsafePointer(hit.assumingMemoryBound(to: UInt8.self))
                    left -= cursor.distance(to: found) + 1
                    cursor = found + 1
                }
            }
            return true
        }
        guard feeds + 1 > limit else { return feeds + 1 }
        let stream = try TextStream(path: path, name: name, encoding: encoding, skip: skip)
        var counter = CSVReader.RecordCounter()
        while let chunk = try stream.next() { counter.count(chunk[...]) }
        return counter.total
    }
}
