import Foundation
import HTXCore
import ZIPFoundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Reads one worksheet of an XLSX workbook as rows of text: shared and inline strings, numbers, booleans,
/// dates (by the cell's number format), and merged cells (the top-left value fills the whole range, so a
/// header merged over two columns still names both).
public struct XLSXReader: TableReader {
    public let sheetName: String
    let file: String
    var rows: [(row: Int, cells: [String])]
    var index = 0

    /// Opens the workbook file and reads `sheet` (by name, folded), or the first sheet. The file is read through
    /// ZIPFoundation's file-based archive: its in-memory archive traps on some damaged ZIP files (found by fuzzing).
    public init(url: URL, sheet: String?, file: String) throws(UserError) {
        self.file = file
        let archive: Archive
        do { archive = try Archive(url: url, accessMode: .read) } catch {
            throw UserError(
                "\(file): tệp XLSX hỏng (không mở được gói ZIP)",
                "\(file): damaged XLSX (the ZIP container does not open)")
        }
        func read(_ path: String) throws(UserError) -> Data? {
            guard let entry = archive[path] else { return nil }
            var out = Data()
            // The declared size refuses an honest huge part at once; counting while unzipping catches a lying one.
            var tooLarge = entry.uncompressedSize > UInt64(ImportLimits.xlsxPartBytes)
            do {
                if tooLarge { throw CocoaError(.fileReadTooLarge) }
                _ = try archive.extract(entry, skipCRC32: false) { chunk in
                    guard out.count + chunk.count <= ImportLimits.xlsxPartBytes else {
                        tooLarge = true
                        throw CocoaError(.fileReadTooLarge)
                    }
                    out.append(chunk)
                }
            } catch {
                if tooLarge {
                    throw UserError(
                        "\(file): phần \(path) của sổ tính giải nén ra quá "
                            + "\(ImportLimits.xlsxPartBytes.formattedBytes); chia sổ tính thành nhiều tệp rồi nhập "
                            + "lần lượt",
                        "\(file): part \(path) of the workbook unzips to more than "
                            + "\(ImportLimits.xlsxPartBytes.formattedBytes); split the workbook and import the parts "
                            + "in turn"
                    )
                }
                throw UserError(
                    "\(file): phần \(path) của tệp XLSX hỏng", "\(file): part \(path) of the XLSX is damaged")
            }
            // FoundationXML's parser traps on some malformed UTF-8 (found by fuzzing): refuse such parts first.
            guard String(validating: out, as: UTF8.self) != nil else {
                throw UserError(
                    "\(file): phần \(path) của tệp XLSX không phải UTF-8 hợp lệ",
                    "\(file): part \(path) of the XLSX is not valid UTF-8")
            }
            return out
        }
        guard let workbook = try read("xl/workbook.xml") else {
            throw UserError(
                "\(file): không phải sổ tính Excel (thiếu xl/workbook.xml)",
                "\(file): not an Excel workbook (no xl/workbook.xml)")
        }
        let sheets = XMLScan.elements(workbook, named: "sheet").map { ($0["name"] ?? "", $0["r:id"] ?? $0["id"] ?? "") }
        let relations = Dictionary(
            XMLScan.elements(try read("xl/_rels/workbook.xml.rels") ?? Data(), named: "Relationship").map {
                ($0["Id"] ?? "", $0["Target"] ?? "")
            },
            uniquingKeysWith: { a, _ in a })
        guard !sheets.isEmpty else {
            throw UserError("\(file): sổ tính không có trang nào", "\(file): the workbook has no sheet")
        }
        let chosen: (String, String)
        if let sheet {
            guard let found = sheets.first(where: { VietnameseText.fold($0.0) == VietnameseText.fold(sheet) }) else {
                throw UserError(
                    "\(file): không có trang \"\(sheet)\"; các trang: \(sheets.map(\.0).joined(separator: ", "))",
                    "\(file): no sheet \"\(sheet)\"; sheets: \(sheets.map(\.0).joined(separator: ", "))")
            }
            chosen = found
        } else {
            chosen = sheets[0]
        }
        sheetName = chosen.0
        var target = relations[chosen.1] ?? "worksheets/sheet1.xml"
        if target.hasPrefix("/") { target.removeFirst() } else { target = "xl/" + target }
        guard let sheetData = try read(target) else {
            throw UserError("\(file): thiếu trang \(target)", "\(file): missing sheet part \(target)")
        }
        let shared = XMLScan.sharedStrings(try read("xl/sharedStrings.xml") ?? Data())
        let dateStyles = XMLScan.dateStyles(try read("xl/styles.xml") ?? Data())
        // A workbook saved with the 1904 date system (old Excel for Mac) counts its date serials from 1904.
        let date1904 = XMLScan.elements(workbook, named: "workbookPr").contains {
            ["1", "true"].contains(($0["date1904"] ?? "").lowercased())
        }
        let parser = SheetParser(shared: shared, dateStyles: dateStyles, date1904: date1904)
        guard parser.parse(sheetData) else {
            throw UserError(
                "\(file): XML của trang \"\(sheetName)\" hỏng", "\(file): the XML of sheet \"\(sheetName)\" is damaged")
        }
        if let problem = parser.problem {
            throw UserError("\(file), trang \(sheetName): \(problem.vi)", "\(file), sheet \(sheetName): \(problem.en)")
        }
        rows = parser.rowsWithMerges()
        if rows.count - 1 > ImportLimits.rows { throw ImportLimits.tooManyRows(file, rows: rows.count - 1) }
    }

    public mutating func next() throws(UserError) -> (row: Int, cells: [String])? {
        while index < rows.count {
            defer { index += 1 }
            if rows[index].cells.contains(where: { !$0.isEmpty }) { return rows[index] }
        }
        return nil
    }
}

/// Small helpers over XMLParser for the workbook's parts.
enum XMLScan {
    /// The attributes of every element with the given name.
    static func elements(_ data: Data, named name: String) -> [[String: String]] {
        final class Collector: NSObject, XMLParserDelegate {
            let name: String
            var found: [[String: String]] = []
            init(_ name: String) { self.name = name }
            func parser(
                _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]
            ) {
                if elementName == name || elementName.hasSuffix(":" + name) { found.append(attributes) }
            }
        }
        let collector = Collector(name)
        let parser = XMLParser(data: data)
        parser.delegate = collector
        parser.parse()
        return collector.found
    }

    /// The shared-string table: each `si`'s text runs joined, phonetic runs left out.
    static func sharedStrings(_ data: Data) -> [String] {
        final class Collector: NSObject, XMLParserDelegate {
            var strings: [String] = []
            var current = ""
            var inText = false
            var inPhonetic = false
            func parser(
                _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]
            ) {
                switch name {
                case "si": current = ""
                case "t": inText = !inPhonetic
                case "rPh": inPhonetic = true
                default: break
                }
            }
            func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?)
            {
                switch name {
                case "si": strings.append(current)
                case "t": inText = false
                case "rPh": inPhonetic = false
                default: break
                }
            }
            func parser(_ parser: XMLParser, foundCharacters string: String) { if inText { current += string } }
        }
        let collector = Collector()
        let parser = XMLParser(data: data)
        parser.delegate = collector
        parser.parse()
        return collector.strings
    }

    /// The indexes of cell styles (`cellXfs`) whose number format shows a date.
    static func dateStyles(_ data: Data) -> Set<Int> {
        final class Collector: NSObject, XMLParserDelegate {
            var customFormats: [Int: String] = [:]
            var xfFormats: [Int] = []
            var inCellXfs = false
            func parser(
                _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]
            ) {
                if name == "numFmt", let id = attributes["numFmtId"].flatMap(Int.init) {
                    customFormats[id] = attributes["formatCode"] ?? ""
                }
                if name == "cellXfs" { inCellXfs = true }
                if name == "xf", inCellXfs { xfFormats.append(attributes["numFmtId"].flatMap(Int.init) ?? 0) }
            }
            func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?)
            {
                if name == "cellXfs" { inCellXfs = false }
            }
        }
        let collector = Collector()
        let parser = XMLParser(data: data)
        parser.delegate = collector
        parser.parse()
        var result = Set<Int>()
        for (index, format) in collector.xfFormats.enumerated() {
            if (14...22).contains(format) || (45...47).contains(format) {
                result.insert(index)
                continue
            }
            if let code = collector.customFormats[format] {
                let bare = code.replacingOccurrences(of: "\"[^\"]*\"", with: "", options: .regularExpression)
                    .lowercased()
                if (bare.contains("d") || bare.contains("y")) && bare.contains("m") && !bare.contains("0.0") {
                    result.insert(index)
                }
            }
        }
        return result
    }

    /// Converts a column reference ("A", "AB") to a 0-based index.
    static func column(_ reference: String) -> Int? {
        var value = 0
        var letters = 0
        for scalar in reference.unicodeScalars {
            guard scalar.value >= 65 && scalar.value <= 90 else { break }
            value = value * 26 + Int(scalar.value - 64)
            letters += 1
        }
        return letters == 0 ? nil : value - 1
    }

    /// Splits "B12" into (column 1, row 12).
    static func cell(_ reference: String) -> (column: Int, row: Int)? {
        guard let column = column(reference), let row = Int(reference.drop { $0.isLetter }) else { return nil }
        return (column, row)
    }
}

/// The SAX parser of one worksheet's XML.
final class SheetParser: NSObject, XMLParserDelegate {
    let shared: [String]
    let dateStyles: Set<Int>
    var rows: [Int: [Int: String]] = [:]
    var merges: [(from: (column: Int, row: Int), to: (column: Int, row: Int))] = []
    var problem: Message?
    var currentRow = 0
    var nextColumn = 0
    var cellColumn = 0
    var cellType = ""
    var cellStyle = 0
    var text = ""
    var collecting = false

    /// Excel stores at most 1,048,576 rows and 16,384 columns; anything beyond is a damaged file.
    static let maximumColumns = 16_384

    /// Whether date serials count from 1904 rather than 1900.
    let date1904: Bool

    init(shared: [String], dateStyles: Set<Int>, date1904: Bool = false) {
        self.shared = shared
        self.dateStyles = dateStyles
        self.date1904 = date1904
    }

    func parse(_ data: Data) -> Bool {
        let parser = XMLParser(data: data)
        parser.delegate = self
        return parser.parse()
    }

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        switch name {
        case "row":
            currentRow = attributes["r"].flatMap(Int.init) ?? currentRow + 1
            nextColumn = 0
        case "c":
            cellColumn = attributes["r"].flatMap(XMLScan.cell)?.column ?? nextColumn
            nextColumn = cellColumn + 1
            cellType = attributes["t"] ?? "n"
            cellStyle = attributes["s"].flatMap(Int.init) ?? 0
            text = ""
        case "v", "t":
            collecting = true
        case "mergeCell":
            if let ref = attributes["ref"] {
                let parts = ref.split(separator: ":").compactMap { XMLScan.cell(String($0)) }
                if parts.count == 2 { merges.append((parts[0], parts[1])) }
            }
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { if collecting { text += string } }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
        case "v", "t": collecting = false
        case "c":
            guard cellColumn < SheetParser.maximumColumns else {
                problem = Message(
                    "ô ở cột thứ \(cellColumn + 1) vượt giới hạn của Excel",
                    "a cell in column \(cellColumn + 1) is beyond Excel's limit")
                parser.abortParsing()
                return
            }
            let value: String
            switch cellType {
            case "s": value = Int(text).flatMap { $0 < shared.count ? shared[$0] : nil } ?? ""
            case "b": value = text == "1" ? "TRUE" : "FALSE"
            case "e": value = ""
            case "inlineStr", "str": value = text
            default:
                if dateStyles.contains(cellStyle), let serial = Double(text),
                    let date = SheetParser.date(serial, date1904: date1904)
                {
                    value = date
                } else {
                    value = SheetParser.number(text)
                }
            }
            if !value.isEmpty {
                // A header row, then at most ImportLimits.rows data rows: stop reading the sheet past that.
                if rows[currentRow] == nil, rows.count > ImportLimits.rows {
                    problem = Message(
                        "trang có hơn \(VietnameseNumber.format(Double(ImportLimits.rows))) dòng dữ liệu, quá giới "
                            + "hạn một lần nhập; chia sổ tính thành nhiều tệp rồi nhập lần lượt",
                        "the sheet has more than \(ImportLimits.rows) data rows, past what one import takes; split "
                            + "the workbook and import the parts in turn"
                    )
                    parser.abortParsing()
                    return
                }
                rows[currentRow, default: [:]][cellColumn] = VietnameseText.clean(value)
            }
        default: break
        }
    }

    /// A number cell as text: integers without ".0", others as stored.
    static func number(_ text: String) -> String {
        guard let value = Double(text) else { return text }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return text
    }

    /// An Excel date serial as "dd/mm/yyyy" (1900 system, or 1904 for `date1904`); nil for a serial outside the
    /// years 1900–9999, which is not a date.
    static func date(_ serial: Double, date1904: Bool = false) -> String? {
        guard serial.isFinite, serial >= 1, serial < 2_958_466 else { return nil }
        // 1904 serials are 1,462 days behind 1900 ones.
        let days = Int(serial.rounded(.down)) + (date1904 ? 1462 : 0)
        let date = Date(timeIntervalSince1970: Double(days - 25569) * 86400)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        guard let day = parts.day, let month = parts.month, let year = parts.year else { return nil }
        return "\(pad(day))/\(pad(month))/\(year)"
    }

    /// The rows in order, each as a dense array of cells, with merged ranges filled from their top-left cell.
    /// Merges are clipped to the cells the sheet actually uses: a merge over a whole row or a huge area (seen in the
    /// wild, and found by fuzzing) must not blow up into millions of cells.
    func rowsWithMerges() -> [(row: Int, cells: [String])] {
        let lastRow = rows.keys.max() ?? 0
        let lastColumn = rows.values.compactMap { $0.keys.max() }.max() ?? 0
        var budget = 1_000_000
        for merge in merges {
            guard let value = rows[merge.from.row]?[merge.from.column] else { continue }
            let rowEnd = min(max(merge.from.row, merge.to.row), lastRow)
            let columnEnd = min(max(merge.from.column, merge.to.column), lastColumn)
            guard merge.from.row <= rowEnd, merge.from.column <= columnEnd else { continue }
            budget -= (rowEnd - merge.from.row + 1) * (columnEnd - merge.from.column + 1)
            guard budget >= 0 else { break }
            for row in merge.from.row...rowEnd {
                for column in merge.from.column...columnEnd where rows[row]?[column] == nil {
                    rows[row, default: [:]][column] = value
                }
            }
        }
        return rows.keys.sorted().map { row in
            let cells = rows[row, default: [:]]
            let width = (cells.keys.max() ?? -1) + 1
            return (row, (0..<width).map { cells[$0] ?? "" })
        }
    }
}
