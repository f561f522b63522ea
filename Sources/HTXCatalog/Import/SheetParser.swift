import Foundation
import HTXCore

/// Reads a worksheet's rows from its XML tokens, one row at a time: shared and inline strings, numbers, booleans,
/// and dates (by the cell's number format); it also gathers the merged ranges, which follow the rows.
///
/// In a survey (`values` false) it decodes no text: it only notes which rows hold something, for the order of the
/// rows and their count (a shared string that is empty still counts).
struct SheetParser {
    /// A merged range as written, `from` its first reference and `to` its second.
    struct Merge {
        var from: (column: Int, row: Int)
        var to: (column: Int, row: Int)
    }

    /// One row read: its number, its cells (empty in a survey) and whether any cell holds something.
    struct Row {
        var number: Int
        var cells: [String]
        var hasValue: Bool
    }

    /// A cell the sheet may not hold, in words for the user.
    struct Problem: Error {
        let message: Message
    }

    /// What a cell's type attribute (`t`) says its value is.
    enum CellKind {
        /// "s": an index into the shared strings.
        case shared
        /// "b": 1 or 0.
        case boolean
        /// "e": an error such as #N/A, read as empty.
        case error
        /// "inlineStr" or "str" (a formula's text).
        case text
        /// "n", none, or anything else: a number, a date by the cell's style, else the text as stored.
        case number

        init(_ tokens: XMLTokenizer, _ tag: XMLTokenizer.Tag) {
            guard let range = tokens.valueRange("t", of: tag) else {
                self = .number
                return
            }
            if tokens.holds(range, "s") {
                self = .shared
            } else if tokens.holds(range, "b") {
                self = .boolean
            } else if tokens.holds(range, "e") {
                self = .error
            } else if tokens.holds(range, "inlineStr") || tokens.holds(range, "str") {
                self = .text
            } else {
                self = .number
            }
        }
    }

    /// Excel stores at most 16,384 columns; anything beyond is a damaged file.
    static let maximumColumns = 16_384

    let shared: SharedStrings
    let dateStyles: Set<Int>
    /// Whether date serials count from 1904 rather than 1900.
    let date1904: Bool
    let values: Bool

    private(set) var merges: [Merge] = []
    /// Whether the end of `sheetData` has been read: no row follows.
    private(set) var rowsEnded = false

    private var row = Row(number: 0, cells: [], hasValue: false)
    private var inRow = false
    private var nextColumn = 0
    private var inCell = false
    private var cellColumn = 0
    private var cellKind = CellKind.number
    private var cellStyle = 0
    private var text = ""
    private var hasText = false
    private var collecting = false
    private var inPhonetic = false

    init(shared: SharedStrings, dateStyles: Set<Int>, date1904: Bool = false, values: Bool = true) {
        self.shared = shared
        self.dateStyles = dateStyles
        self.date1904 = date1904
        self.values = values
    }

    /// Takes one token of `tokens`; returns the row it ends, if it ends one. A problem is in words for the user.
    mutating func take(_ token: XMLTokenizer.Token, of tokens: XMLTokenizer) throws -> Row? {
        switch token {
        case .start(let tag):
            if tokens.isNamed(tag, "c") {
                inCell = true
                cellColumn = tokens.cellReference("r", of: tag)?.column ?? nextColumn
                nextColumn = cellColumn + 1
                cellKind = CellKind(tokens, tag)
                cellStyle = tokens.integer("s", of: tag) ?? 0
                text = ""
                hasText = false
            } else if tokens.isNamed(tag, "v") || tokens.isNamed(tag, "t") {
                collecting = inCell && !inPhonetic
            } else if tokens.isNamed(tag, "rPh") {
                inPhonetic = true
            } else if tokens.isNamed(tag, "row") {
                inRow = true
                row = Row(
                    number: tokens.integer("r", of: tag) ?? row.number + 1, cells: [],
                    hasValue: false)
                nextColumn = 0
            } else if tokens.isNamed(tag, "mergeCell"), let range = tokens.valueRange("ref", of: tag) {
                let ref = try tokens.text(range, cdata: false)
                let parts = ref.split(separator: ":").compactMap { XMLScan.cell(String($0)) }
                if parts.count == 2 { merges.append(Merge(from: parts[0], to: parts[1])) }
            }
        case .text(let range, let cdata):
            guard collecting else { return nil }
            if values {
                text += try tokens.text(range, cdata: cdata)
            } else if !hasText {
                hasText = tokens.hasContent(range)
            }
        case .end(let tag):
            if tokens.isNamed(tag, "v") || tokens.isNamed(tag, "t") {
                collecting = false
            } else if tokens.isNamed(tag, "rPh") {
                inPhonetic = false
            } else if tokens.isNamed(tag, "c") {
                inCell = false
                try endCell()
            } else if tokens.isNamed(tag, "row") {
                inRow = false
                return row
            } else if tokens.isNamed(tag, "sheetData") {
                rowsEnded = true
            }
        }
        return nil
    }

    /// Stores the cell just read in its row, when it holds something.
    private mutating func endCell() throws {
        guard cellColumn < SheetParser.maximumColumns else {
            throw Problem(
                message: Message(
                    "ô ở cột thứ \(cellColumn + 1) (dòng \(row.number)) vượt giới hạn của Excel",
                    "a cell in column \(cellColumn + 1) (row \(row.number)) is beyond Excel's limit"))
        }
        guard inRow else { return }
        guard values else {
            // A boolean reads as TRUE or FALSE even when empty.
            if (hasText && cellKind != .error) || cellKind == .boolean { row.hasValue = true }
            return
        }
        let value: String
        switch cellKind {
        case .shared: value = Int(text).flatMap { shared[$0] } ?? ""
        case .boolean: value = text == "1" ? "TRUE" : "FALSE"
        case .error: value = ""
        case .text: value = text
        case .number:
            if dateStyles.contains(cellStyle), let serial = Double(text),
                let date = SheetParser.date(serial, date1904: date1904)
            {
                value = date
            } else {
                value = SheetParser.number(text)
            }
        }
        let clean = value.isEmpty ? "" : VietnameseText.clean(value)
        guard !clean.isEmpty else { return }
        if row.cells.count <= cellColumn {
            row.cells.append(contentsOf: repeatElement("", count: cellColumn + 1 - row.cells.count))
        }
        row.cells[cellColumn] = clean
        row.hasValue = true
    }

    /// A number cell as text: integers without ".0", others as stored.
    static func number(_ text: String) -> String {
        guard let value = Double(text) else { return text }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return text
    }

    /// The calendar of date serials: Gregorian, in UTC.
    static let gregorian: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        return calendar
    }()

    /// An Excel date serial as "dd/mm/yyyy" (1900 system, or 1904 for `date1904`); nil for a serial outside the
    /// years 1900–9999, which is not a date.
    static func date(_ serial: Double, date1904: Bool = false) -> String? {
        guard serial.isFinite, serial >= 1, serial < 2_958_466 else { return nil }
        // 1904 serials are 1,462 days behind 1900 ones.
        let days = Int(serial.rounded(.down)) + (date1904 ? 1462 : 0)
        let date = Date(timeIntervalSince1970: Double(days - 25569) * 86400)
        let parts = gregorian.dateComponents([.year, .month, .day], from: date)
        func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        guard let day = parts.day, let month = parts.month, let year = parts.year else { return nil }
        return "\(pad(day))/\(pad(month))/\(year)"
    }
}
