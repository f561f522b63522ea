import Foundation
import HTXCore

/// Imports one file of any supported kind into a catalog: picks the reader by extension and content.
public struct CatalogImporter: Sendable {
    public let catalog: Catalog

    public init(catalog: Catalog) { self.catalog = catalog }

    /// Reads and imports `path`: `.xlsx` as a workbook, `.json` as `htx export` JSON, anything else as delimited text.
    public func importFile(
        _ path: String, encoding: TextEncoding?, sheet: String?, options: ImportOptions
    ) throws -> ImportReport {
        let name = PathName.name(path)
        guard FileManager.default.fileExists(atPath: path) else {
            throw UserError("không có tệp \(path); kiểm tra đường dẫn", "no file \(path); check the path")
        }
        let size = try InputFile.requireRegular(path)
        if size == 0 { throw UserError("\(name): tệp rỗng (0 byte)", "\(name): the file is empty (0 bytes)") }
        if size > ImportLimits.fileBytes { throw ImportLimits.fileTooLarge(name, bytes: size) }
        let isZip =
            (FileHandle(forReadingAtPath: path)?.readData(ofLength: 4)).map {
                $0.elementsEqual([0x50, 0x4B, 0x03, 0x04])
            } ?? false
        switch PathName.fileExtension(path).lowercased() {
        case "xlsx", "xlsm":
            guard isZip else {
                throw UserError("\(name): không phải tệp XLSX (Excel 2007 trở lên)", "\(name): not an XLSX workbook")
            }
            return try importWorkbook(path, name: name, sheet: sheet, options: options)
        case "xls":
            throw UserError(
                "\(name): định dạng .xls (Excel 97–2003) không đọc được; mở bằng Excel/LibreOffice và lưu thành .xlsx "
                    + "hoặc CSV UTF-8",
                "\(name): the .xls format (Excel 97–2003) is not read; open it in Excel/LibreOffice and save it as "
                    + ".xlsx or CSV UTF-8"
            )
        case "json":
            return try catalog.importJSON(
                Data(CatalogImporter.contents(of: path, name: name, size: size)), file: name, options: options)
        default:
            if isZip {
                return try importWorkbook(path, name: name, sheet: sheet, options: options)
            }
            // The text is streamed: a first pass finds the encoding and bounds the records, then the reader takes
            // it a chunk at a time, so memory stays flat whatever the size of the file.
            let survey = try TextSurvey(path: path, name: name, given: encoding)
            let records = try survey.records(path, name: name, limit: ImportLimits.rows + 1)
            if records - 1 > ImportLimits.rows { throw ImportLimits.tooManyRows(name, rows: records - 1) }
            let stream = try TextStream(path: path, name: name, encoding: survey.encoding, skip: survey.skip)
            var reader = try CSVReader(stream: stream, file: name)
            let decoded = (encoding: survey.encoding, detected: survey.detected)
            let encodingNote = decoded.encoding.rawValue + (decoded.detected ? " (tự nhận)" : "")
            var options = options
            options.expectedRows = records
            return try catalog.importTable(
                &reader, file: name, format: reader.delimiter == 0x09 ? "tsv" : "csv", encoding: encodingNote,
                options: options)
        }
    }

    /// Imports a sheet of the workbook at `path`, streamed; the reader's survey counts its rows for the progress.
    func importWorkbook(_ path: String, name: String, sheet: String?, options: ImportOptions) throws -> ImportReport {
        var reader = try XLSXReader(url: URL(fileURLWithPath: path), sheet: sheet, file: name)
        var options = options
        options.expectedRows = reader.rowCount
        return try catalog.importTable(
            &reader, file: name, format: "xlsx", encoding: nil, sheet: reader.sheetName, options: options)
    }

    /// The bytes of a file, read into one array (reserved at `size`, the size the file had when looked at).
    static func contents(of path: String, name: String, size: Int) throws(UserError) -> [UInt8] {
        let fd = Foundation.open(path, O_RDONLY)
        guard fd >= 0 else {
            throw UserError(
                "\(name): không đọc được: \(String(cString: strerror(errno)))",
                "\(name): cannot read it: \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(size)
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw UserError(
                    "\(name): không đọc được: \(String(cString: strerror(errno)))",
                    "\(name): cannot read it: \(String(cString: strerror(errno)))")
            }
            if count == 0 { return bytes }
            if bytes.count + count > ImportLimits.fileBytes {
                throw ImportLimits.fileTooLarge(name, bytes: bytes.count + count)
            }
            bytes.append(contentsOf: chunk[0..<count])
        }
    }
}

/// Writes the catalog in the export formats.
public enum CatalogExporter {
    /// The file content for an extension: csv, xlsx or json; `publicOnly` leaves out contacts.
    public static func export(_ coops: [Cooperative], format: String, publicOnly: Bool) throws -> Data {
        switch format.lowercased() {
        case "csv":
            return Data(CooperativeTable(coops, publicOnly: publicOnly).csv.utf8)
        case "xlsx":
            return try XLSXWriter.workbook(CooperativeTable(coops, publicOnly: publicOnly), sheetName: "Danh mục HTX")
        case "json":
            let records = coops.map { coop -> Cooperative in
                var copy = coop
                if publicOnly { copy.contacts = [] }
                return copy
            }
            return Data(try JSONText.encodeBytes(records) + [0x0A])
        default:
            throw UserError(
                "định dạng \".\(format)\" không hỗ trợ; dùng .csv, .xlsx hoặc .json",
                "format \".\(format)\" is not supported; use .csv, .xlsx or .json")
        }
    }
}
