import Foundation
import HTXCore
import ZIPFoundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Reads one worksheet of an XLSX workbook as rows of text: shared and inline strings, numbers, booleans,
/// dates (by the cell's number format), and merged cells (the top-left value fills the whole range, so a
/// header merged over two columns still names both).
///
/// The sheet is streamed: unzipped once into an unnamed temporary file, surveyed (its XML checked whole, its rows
/// counted and their order, its extent and merged ranges, which come after the rows, read), then read again a row at
/// a time. Memory holds a chunk, a row and the shared-string table, whatever the number of rows; only a sheet whose
/// rows are out of order (never written so by Excel or LibreOffice) is gathered whole and sorted.
public struct XLSXReader: TableReader {
    public let sheetName: String
    /// The rows with something in them, the header's included, as the survey counted them.
    public let rowCount: Int
    let file: String
    private let stream: SheetStream
    private var parser: SheetParser
    private var merges: MergeFill
    /// The rows of a sheet whose rows are out of order, gathered and sorted; nil when streaming.
    private var sorted: [(number: Int, cells: [String])]?
    /// A row read whose merged cells wait for the rows that only merged ranges fill before it.
    private var pending: (number: Int, cells: [String])?
    /// The rows given so far.
    private var given = 0

    /// Opens the workbook file and reads `sheet` (by name, folded), or the first sheet. The file is read through
    /// ZIPFoundation's file-based archive: its in-memory archive traps on some damaged ZIP files (found by fuzzing).
    public init(url: URL, sheet: String?, file: String) throws(UserError) {
        let archive: Archive
        do { archive = try Archive(url: url, accessMode: .read) } catch {
            throw UserError(
                "\(file): tệp XLSX hỏng (không mở được gói ZIP)",
                "\(file): damaged XLSX (the ZIP container does not open)")
        }
        /// Unzips part `path` a chunk at a time into `consumer`; false when the workbook has no such part.
        func unpack(_ path: String, into consumer: (Data) throws -> Void) throws(UserError) -> Bool {
            guard let entry = archive[path] else { return false }
            var size = 0
            // The declared size refuses an honest huge part at once; counting while unzipping catches a lying one.
            var tooLarge = entry.uncompressedSize > UInt64(ImportLimits.xlsxPartBytes)
            var damage: XMLTokenizer.Damage?
            do {
                if tooLarge { throw CocoaError(.fileReadTooLarge) }
                _ = try archive.extract(entry, skipCRC32: false) { chunk in
                    guard size + chunk.count <= ImportLimits.xlsxPartBytes else {
                        tooLarge = true
                        throw CocoaError(.fileReadTooLarge)
                    }
                    size += chunk.count
                    do { try consumer(chunk) } catch let error as XMLTokenizer.Damage {
                        damage = error
                        throw error
                    }
                }
            } catch let error as UserError {
                throw error
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
                if let damage {
                    throw UserError(
                        "\(file): XML của phần \(path) hỏng (\(damage.reason))",
                        "\(file): the XML of part \(path) is damaged (\(damage.reason))")
                }
                throw UserError(
                    "\(file): phần \(path) của tệp XLSX hỏng", "\(file): part \(path) of the XLSX is damaged")
            }
            return true
        }
        /// A small part read whole, checked as UTF-8 (FoundationXML's parser traps on some malformed UTF-8, found by
        /// fuzzing).
        func read(_ path: String) throws(UserError) -> Data? {
            var out = Data()
            guard try unpack(path, into: { out.append($0) }) else { return nil }
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
        let name = chosen.0
        var target = relations[chosen.1] ?? "worksheets/sheet1.xml"
        if target.hasPrefix("/") { target.removeFirst() } else { target = "xl/" + target }
        var shared = SharedStrings()
        var sharedTokens = XMLTokenizer()
        var sharedState = SharedStringState()
        func takeShared() throws {
            while let token = try sharedTokens.next() { try shared.take(token, of: sharedTokens, state: &sharedState) }
        }
        if try unpack(
            "xl/sharedStrings.xml",
            into: { chunk in
                sharedTokens.feed(chunk)
                try takeShared()
            })
        {
            sharedTokens.finish()
            do { try takeShared() } catch {
                let reason = (error as? XMLTokenizer.Damage)?.reason ?? "\(error)"
                throw UserError(
                    "\(file): XML của phần xl/sharedStrings.xml hỏng (\(reason))",
                    "\(file): the XML of part xl/sharedStrings.xml is damaged (\(reason))")
            }
        }
        let dateStyles = XMLScan.dateStyles(try read("xl/styles.xml") ?? Data())
        // A workbook saved with the 1904 date system (old Excel for Mac) counts its date serials from 1904.
        let date1904 = XMLScan.elements(workbook, named: "workbookPr").contains {
            ["1", "true"].contains(($0["date1904"] ?? "").lowercased())
        }
        var found = false
        let stream = try SheetStream.unzip(
            { (consumer) throws(UserError) in found = try unpack(target, into: consumer) }, file: file)
        guard found else { throw UserError("\(file): thiếu trang \(target)", "\(file): missing sheet part \(target)") }
        try self.init(
            stream: stream, shared: shared, dateStyles: dateStyles, date1904: date1904, sheetName: name, file: file)
    }

    /// Reads a sheet given as its XML (a workbook's sheet part), with `sharedStrings` as the workbook's shared strings
    /// and no date styles: the sheet reader without the ZIP around it, for the fuzzer and tests.
    public init(sheetXML bytes: [UInt8], sharedStrings: [String] = [], file: String) throws(UserError) {
        let stream = try SheetStream.unzip(
            { (consumer) throws(UserError) in
                do { try consumer(Data(bytes)) } catch {
                    throw UserError("\(file): \(error)", "\(file): \(error)")
                }
            }, file: file)
        var shared = SharedStrings()
        for text in sharedStrings { shared.append(text) }
        try self.init(stream: stream, shared: shared, dateStyles: [], date1904: false, sheetName: "S", file: file)
    }

    /// Surveys the sheet in `stream` and gets ready to read its rows.
    private init(
        stream: SheetStream, shared: SharedStrings, dateStyles: Set<Int>, date1904: Bool, sheetName name: String,
        file: String
    ) throws(UserError) {
        self.file = file
        sheetName = name
        // The survey: the whole XML checked, the rows counted, their order, the merged ranges.
        var survey = SheetParser(shared: shared, dateStyles: dateStyles, date1904: date1904, values: false)
        var counted = 0
        var previous = Int.min
        var ordered = true
        try XLSXReader.reading(file, name) {
            while let row = try stream.nextRow(&survey, whole: true) {
                ordered = ordered && row.number > previous
                previous = row.number
                guard row.hasValue else { continue }
                counted += 1
                if counted - 1 > ImportLimits.rows { throw ImportLimits.tooManyRows(file, rows: counted - 1) }
            }
        }
        rowCount = counted
        self.stream = stream
        merges = MergeFill([], lastRow: 0, lastColumn: 0, valued: { _, _ in false })
        parser = SheetParser(shared: shared, dateStyles: dateStyles, date1904: date1904)
        stream.rewind()
        if !ordered {
            // Rows out of order, or one row written twice: gathered by number (a later cell over an earlier one).
            var rows: [Int: [String]] = [:]
            while let row = try nextRead() {
                var cells = rows[row.number] ?? []
                for (column, value) in row.cells.enumerated() where !value.isEmpty {
                    if cells.count <= column {
                        cells.append(contentsOf: repeatElement("", count: column + 1 - cells.count))
                    }
                    cells[column] = value
                }
                rows[row.number] = cells
            }
            sorted = rows.keys.sorted(by: >).map { ($0, rows[$0] ?? []) }
        }
        guard !survey.merges.isEmpty else { return }
        // Merged ranges are clipped to the rows and columns with a value as read, and those whose top-left cell has
        // none are dropped: found exactly by reading the values once more (the survey decodes no text).
        let corners = Dictionary(grouping: survey.merges, by: \.from.row).mapValues { $0.map(\.from.column) }
        var valued = Set<[Int]>()
        var lastRow = 0
        var lastColumn = -1
        func note(_ number: Int, _ cells: [String]) {
            guard let last = cells.lastIndex(where: { !$0.isEmpty }) else { return }
            lastRow = max(lastRow, number)
            lastColumn = max(lastColumn, last)
            for column in corners[number] ?? [] where column < cells.count && !cells[column].isEmpty {
                valued.insert([column, number])
            }
        }
        if let sorted {
            for row in sorted { note(row.number, row.cells) }
        } else {
            var exact = SheetParser(shared: shared, dateStyles: dateStyles, date1904: date1904)
            try XLSXReader.reading(file, name) {
                while let row = try stream.nextRow(&exact) { note(row.number, row.cells) }
            }
            stream.rewind()
        }
        merges = MergeFill(survey.merges, lastRow: lastRow, lastColumn: lastColumn) { valued.contains([$0, $1]) }
    }

    /// Runs `body`, turning damaged XML and a cell Excel cannot hold into the user's error for sheet `name`.
    private static func reading<T>(_ file: String, _ name: String, _ body: () throws -> T) throws(UserError) -> T {
        do { return try body() } catch let error as UserError {
            throw error
        } catch let damage as XMLTokenizer.Damage {
            throw UserError(
                "\(file): XML của trang \"\(name)\" hỏng (\(damage.reason))",
                "\(file): the XML of sheet \"\(name)\" is damaged (\(damage.reason))")
        } catch let problem as SheetParser.Problem {
            throw UserError(
                "\(file), trang \(name): \(problem.message.vi)", "\(file), sheet \(name): \(problem.message.en)")
        } catch {
            throw UserError("\(file): \(error)", "\(file): \(error)")
        }
    }

    /// The next row of the sheet as read (before merged ranges are filled); nil after the last.
    private mutating func nextRead() throws(UserError) -> SheetParser.Row? {
        if sorted != nil {
            guard let row = sorted?.popLast() else { return nil }
            return SheetParser.Row(number: row.number, cells: row.cells, hasValue: true)
        }
        let stream = stream
        var parser = parser
        defer { self.parser = parser }
        return try XLSXReader.reading(file, sheetName) { try stream.nextRow(&parser) }
    }

    public mutating func next() throws(UserError) -> (row: Int, cells: [String])? {
        while true {
            let row: (row: Int, cells: [String])
            if let waiting = pending {
                if let between = merges.between(before: waiting.number) {
                    row = between
                } else {
                    pending = nil
                    row = merges.filled(waiting.number, waiting.cells)
                }
            } else {
                guard let read = try nextRead() else { return nil }
                guard merges.isEmpty else {
                    pending = (read.number, read.cells)
                    continue
                }
                row = (read.number, read.cells)
            }
            guard row.cells.contains(where: { !$0.isEmpty }) else { continue }
            // Merged ranges can make rows the survey did not count: the limit holds for the rows given.
            given += 1
            if given - 1 > ImportLimits.rows { throw ImportLimits.tooManyRows(file, rows: given - 1) }
            return row
        }
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

    /// Splits "B12" into (column 1, row 12): at most 3 letters (Excel's last column is XFD) and 7 digits (its last row
    /// is 1,048,576), the row from 1; nil for anything else, so no reference can overflow what is computed from it.
    static func cell(_ reference: String) -> (column: Int, row: Int)? {
        let bytes = Array(reference.utf8)
        let letters = bytes.prefix { $0 >= 65 && $0 <= 90 }
        let digits = bytes.dropFirst(letters.count)
        guard (1...3).contains(letters.count), (1...7).contains(digits.count),
            digits.allSatisfy({ $0 >= 48 && $0 <= 57 })
        else { return nil }
        let column = letters.reduce(0) { $0 * 26 + Int($1) - 64 } - 1
        let row = digits.reduce(0) { $0 * 10 + Int($1) - 48 }
        return row >= 1 ? (column, row) : nil
    }
}
