import HTXCore

/// Reads CSV/TSV records (RFC 4180: quoted cells, doubled quotes, line breaks inside quotes) from UTF-8 bytes,
/// one record at a time, so a large file is never held twice.
public struct CSVReader: Sendable {
    /// The longest cell accepted, in bytes; a longer one is an error, not a silent truncation.
    public static let maximumCellBytes = 65_536

    let bytes: [UInt8]
    public let delimiter: UInt8
    let file: String
    var position = 0
    /// The 1-based number of the next record, as a spreadsheet numbers its rows.
    public private(set) var recordNumber = 1

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

    /// The delimiter that splits the first lines (outside quotes) most consistently: comma, semicolon or tab.
    public static func sniffDelimiter(_ bytes: [UInt8]) -> UInt8 {
        let candidates: [UInt8] = [0x2C, 0x3B, 0x09]
        var counts: [[Int]] = Array(repeating: [], count: candidates.count)
        var current = Array(repeating: 0, count: candidates.count)
        var inQuotes = false
        var lines = 0
        for byte in bytes.prefix(32 * 1024) {
            if byte == 0x22 { inQuotes.toggle(); continue }
            if inQuotes { continue }
            if byte == 0x0A {
                for i in candidates.indices { counts[i].append(current[i]); current[i] = 0 }
                lines += 1
                if lines == 10 { break }
                continue
            }
            if let i = candidates.firstIndex(of: byte) { current[i] += 1 }
        }
        if lines < 10 { for i in candidates.indices where current[i] > 0 { counts[i].append(current[i]) } }
        var best = candidates[0], bestScore = -1
        for (i, lineCounts) in counts.enumerated() {
            guard let first = lineCounts.first, first > 0 else { continue }
            let consistent = lineCounts.filter { $0 == first }.count
            let score = consistent * 1000 + first
            if score > bestScore { bestScore = score; best = candidates[i] }
        }
        return best
    }

    /// The number of records (header and blank lines included) in one quick pass: line breaks outside quotes.
    /// Cheap enough to run before an import, so that an oversized file is refused before any work is done.
    public static func recordCount(_ bytes: [UInt8]) -> Int {
        var count = 0
        var inQuotes = false
        for byte in bytes {
            if byte == 0x22 { inQuotes.toggle() } else if byte == 0x0A && !inQuotes { count += 1 }
        }
        return count + (bytes.last.map { $0 == 0x0A ? 0 : 1 } ?? 0)
    }

    /// The next record's cells (NFC, trimmed), or nil at the end. Blank lines are skipped.
    public mutating func next() throws(UserError) -> (row: Int, cells: [String])? {
        while position < bytes.count {
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
                    throw UserError("\(file), dòng \(row), cột \(cells.count + 1): ô dài hơn \(CSVReader.maximumCellBytes / 1024) KB; tệp hỏng hoặc thiếu dấu ngoặc kép đóng?",
                                    "\(file), row \(row), column \(cells.count + 1): a cell longer than \(CSVReader.maximumCellBytes / 1024) KB; a damaged file or a missing closing quote?")
                }
            }
            if inQuotes {
                throw UserError("\(file), dòng \(row), cột \(quotedAtColumn): dấu ngoặc kép mở nhưng không đóng đến hết tệp",
                                "\(file), row \(row), column \(quotedAtColumn): a quote opens and never closes before the end of the file")
            }
            cells.append(try finish(cell, row: row, column: cells.count + 1))
            recordNumber += 1
            if cells.count == 1 && cells[0].isEmpty { continue }
            return (row, cells)
        }
        return nil
    }

    /// The cell as text: NFC, white space trimmed, and the apostrophe `htx export` puts before `= + - @` taken off again.
    func finish(_ cell: [UInt8], row: Int, column: Int) throws(UserError) -> String {
        var text = VietnameseText.clean(String(decoding: cell, as: UTF8.self))
        if text.hasPrefix("'"), let second = text.dropFirst().first, "=+-@".contains(second) { text.removeFirst() }
        return text
    }
}
