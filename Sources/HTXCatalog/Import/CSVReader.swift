import HTXCore

/// Reads CSV/TSV records (RFC 4180: quoted cells, doubled quotes, line breaks inside quotes) from UTF-8 bytes,
/// one record at a time, so a large file is never held twice.
public struct CSVReader: Sendable {
    /// The longest cell accepted, in bytes; a longer one is an error, not a silent truncation.
    public static let maximumCellBytes = ValueBounds.cellBytes

    /// The text being read: the whole of it, or the part of a stream not yet read (`stream`).
    var bytes: [UInt8]
    public let delimiter: UInt8
    let file: String
    var position = 0
    /// Where more text comes from when `bytes` is only part of it; nil once it has all been read.
    var stream: TextStream?
    /// The 1-based number of the next record, as a spreadsheet numbers its rows.
    public private(set) var recordNumber = 1
    /// Whether plain records take the fast path (`plainRecord`); tests turn it off to compare both ways.
    var readsPlainRecords = true

    /// Starts reading; the delimiter is sniffed from the first lines when not given.
    public init(utf8 bytes: [UInt8], delimiter: UInt8? = nil, file: String) {
        self.bytes = bytes
        self.file = file
        var chosen = delimiter ?? CSVReader.sniffDelimiter(bytes)
        // A leading "sep=;" line (Excel's hint) names the delimiter and is not data.
        if bytes.starts(with: Array("sep=".utf8)), bytes.count > 4 {
            chosen = bytes[4]
            while position < bytes.count, bytes[position] != 0x0A { position += 1 }
            position += 1
            recordNumber = 2
        }
        self.delimiter = chosen
    }

    /// Starts reading a stream: the first chunks (at least 32 KB, for the delimiter) are read at once, the rest
    /// as the records need them, so at most a chunk and the record it cuts are held.
    init(stream: TextStream, delimiter: UInt8? = nil, file: String, preload: Int = 32 * 1024) throws(UserError) {
        var start: [UInt8] = []
        var source: TextStream? = stream
        while start.count < preload, let more = try stream.next() { start.append(contentsOf: more) }
        if start.count < preload { source = nil }
        self.init(utf8: start, delimiter: delimiter, file: file)
        self.stream = source
    }

    /// The delimiter that splits the first lines (outside quotes) most consistently: comma, semicolon or tab.
    public static func sniffDelimiter(_ bytes: [UInt8]) -> UInt8 {
        let candidates: [UInt8] = [0x2C, 0x3B, 0x09]
        var counts: [[Int]] = Array(repeating: [], count: candidates.count)
        var current = Array(repeating: 0, count: candidates.count)
        var inQuotes = false
        var lines = 0
        for byte in bytes.prefix(32 * 1024) {
            if byte == 0x22 {
                inQuotes.toggle()
                continue
            }
            if inQuotes { continue }
            if byte == 0x0A {
                for i in candidates.indices {
                    counts[i].append(current[i])
                    current[i] = 0
                }
                lines += 1
                if lines == 10 { break }
                continue
            }
            if let i = candidates.firstIndex(of: byte) { current[i] += 1 }
        }
        if lines < 10 { for i in candidates.indices where current[i] > 0 { counts[i].append(current[i]) } }
        var best = candidates[0]
        var bestScore = -1
        for (i, lineCounts) in counts.enumerated() {
            guard let first = lineCounts.first, first > 0 else { continue }
            let consistent = lineCounts.filter { $0 == first }.count
            let score = consistent * 1000 + first
            if score > bestScore {
                bestScore = score
                best = candidates[i]
            }
        }
        return best
    }

    /// The number of records (header and blank lines included) in one quick pass: line breaks outside quotes.
    /// Cheap enough to run before an import, so that an oversized file is refused before any work is done.
    public static func recordCount(_ bytes: [UInt8]) -> Int {
        var counter = RecordCounter()
        counter.count(bytes[...])
        return counter.total
    }

    /// Counts records over text that comes in parts, as `recordCount` does over the whole.
    struct RecordCounter {
        var breaks = 0
        var inQuotes = false
        var last: UInt8?

        mutating func count(_ bytes: ArraySlice<UInt8>) {
            for byte in bytes {
                if byte == 0x22 { inQuotes.toggle() } else if byte == 0x0A && !inQuotes { breaks += 1 }
            }
            if let end = bytes.last { last = end }
        }

        /// The records: each line break ends one, and text after the last one is one more.
        var total: Int { breaks + (last.map { $0 == 0x0A ? 0 : 1 } ?? 0) }
    }

    /// The next record's cells (NFC, trimmed), or nil at the end. Blank lines are skipped.
    ///
    /// Reading a stream, a record that reaches the end of the text read so far is read again once more text has
    /// come: it may go on, or (a CR at the end) its line break may be two bytes.
    public mutating func next() throws(UserError) -> (row: Int, cells: [String])? {
        while true {
            if position >= bytes.count {
                guard try refill() else { return nil }
                continue
            }
            let mark = position
            let read = try record()
            if position >= bytes.count, stream != nil {
                position = mark
                _ = try refill()
                continue
            }
            guard let cells = read else { continue }
            recordNumber += 1
            if cells.count == 1 && cells[0].isEmpty { continue }
            return (recordNumber - 1, cells)
        }
    }

    /// Takes the next chunk of the stream after the unread text; false when there is no more (the stream is let go
    /// of at its end).
    mutating func refill() throws(UserError) -> Bool {
        guard let source = stream else { return false }
        guard let chunk = try source.next() else {
            stream = nil
            return true
        }
        if position > 0 {
            bytes.removeSubrange(0..<position)
            position = 0
        }
        bytes.append(contentsOf: chunk)
        return true
    }

    /// The record at `position`, read up to its line break (or the end of the text read so far, which `next()`
    /// checks): its cells, or nil when it stops at the end of a stream's text read so far (an open quote) and must
    /// be read again with more.
    mutating func record() throws(UserError) -> [String]? {
        // Most records are plain: read them straight from the bytes; anything unusual takes the careful way.
        if readsPlainRecords, let (cells, end) = plainRecord() {
            position = end
            return cells
        }
        let row = recordNumber
        var cells: [String] = []
        var cell: [UInt8] = []
        var inQuotes = false
        var quotedAtColumn = 0
        var endOfRecord = false
        while position < bytes.count && !endOfRecord {
            let byte = bytes[position]
            position += 1
            if inQuotes {
                if byte == 0x22 {
                    if position < bytes.count && bytes[position] == 0x22 {
                        cell.append(0x22)
                        position += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    cell.append(byte)
                }
            } else if byte == 0x22 && cell.allSatisfy({ $0 == 0x20 }) {
                cell.removeAll()
                inQuotes = true
                quotedAtColumn = cells.count + 1
            } else if byte == delimiter {
                cells.append(try finish(cell, row: row, column: cells.count + 1))
                cell.removeAll(keepingCapacity: true)
            } else if byte == 0x0A || byte == 0x0D {
                if byte == 0x0D && position < bytes.count && bytes[position] == 0x0A { position += 1 }
                endOfRecord = true
            } else {
                cell.append(byte)
            }
            if cell.count > CSVReader.maximumCellBytes {
                let limit = CSVReader.maximumCellBytes.formattedBytes
                let place = "\(file), dòng \(row), cột \(cells.count + 1)"
                let placeEN = "\(file), row \(row), column \(cells.count + 1)"
                throw UserError(
                    "\(place): ô dài hơn \(limit), dài hơn mọi ô htx ghi ra; tệp hỏng hoặc thiếu dấu ngoặc kép đóng?",
                    "\(placeEN): a cell longer than \(limit), longer than any htx writes; a damaged file or a "
                        + "missing closing quote?"
                )
            }
        }
        if inQuotes, stream != nil { return nil }
        if inQuotes {
            throw UserError(
                "\(file), dòng \(row), cột \(quotedAtColumn): dấu ngoặc kép mở nhưng không đóng đến hết tệp",
                "\(file), row \(row), column \(quotedAtColumn): a quote opens and never closes before the end of "
                    + "the file"
            )
        }
        cells.append(try finish(cell, row: row, column: cells.count + 1))
        return cells
    }

    /// The record at `position` when every cell is plain, with the position after it; nil when a cell is not
    /// (a quote inside an unquoted cell, text after a closing quote, an unclosed quote, an oversized cell), so
    /// that `next()` reads it byte by byte and reports what is wrong.
    ///
    /// A plain cell is unquoted text without a quote, or a quoted one (after optional spaces, doubled quotes
    /// inside) that ends right at its closing quote; both read exactly as the byte-by-byte loop reads them.
    func plainRecord() -> (cells: [String], end: Int)? {
        bytes.withUnsafeBufferPointer { buffer -> (cells: [String], end: Int)? in
            let count = buffer.count
            var cells: [String] = []
            var i = position
            var unquoted: [UInt8] = []
            while true {
                var j = i
                while j < count, buffer[j] == 0x20 { j += 1 }
                let text: String
                if j < count, buffer[j] == 0x22 {
                    // Quoted: the content up to the closing quote, with doubled quotes made single.
                    j += 1
                    var start = j
                    unquoted.removeAll(keepingCapacity: true)
                    var doubled = false
                    while true {
                        guard j < count else { return nil }
                        if buffer[j] == 0x22 {
                            guard j + 1 < count, buffer[j + 1] == 0x22 else { break }
                            unquoted.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start...j]))
                            doubled = true
                            j += 2
                            start = j
                            continue
                        }
                        j += 1
                    }
                    if doubled {
                        unquoted.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start..<j]))
                        guard unquoted.count <= CSVReader.maximumCellBytes else { return nil }
                        text = String(decoding: unquoted, as: UTF8.self)
                    } else {
                        guard j - start <= CSVReader.maximumCellBytes else { return nil }
                        text = String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<j]), as: UTF8.self)
                    }
                    j += 1
                    guard j == count || buffer[j] == delimiter || buffer[j] == 0x0A || buffer[j] == 0x0D else {
                        return nil
                    }
                } else {
                    while j < count {
                        let byte = buffer[j]
                        if byte == delimiter || byte == 0x0A || byte == 0x0D { break }
                        if byte == 0x22 { return nil }
                        j += 1
                    }
                    guard j - i <= CSVReader.maximumCellBytes else { return nil }
                    text = String(decoding: UnsafeBufferPointer(rebasing: buffer[i..<j]), as: UTF8.self)
                }
                cells.append(CSVReader.finish(text))
                if j == count { return (cells, j) }
                if buffer[j] == delimiter {
                    i = j + 1
                    continue
                }
                if buffer[j] == 0x0D, j + 1 < count, buffer[j + 1] == 0x0A { j += 1 }
                return (cells, j + 1)
            }
        }
    }

    /// The cell as text: NFC, white space trimmed, and the apostrophe `htx export` puts before `= + - @` taken off
    /// again.
    func finish(_ cell: [UInt8], row: Int, column: Int) throws(UserError) -> String {
        CSVReader.finish(String(decoding: cell, as: UTF8.self))
    }

    static func finish(_ cell: String) -> String {
        var text = VietnameseText.clean(cell)
        if text.utf8.first == 0x27, let second = text.dropFirst().first, "=+-@".contains(second) { text.removeFirst() }
        return text
    }
}
