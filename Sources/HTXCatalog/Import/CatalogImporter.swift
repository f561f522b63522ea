import Foundation
import HTXCore

/// Imports one file of any supported kind into a catalog: picks the reader by extension and content.
public struct CatalogImporter: Sendable {
    public let catalog: Catalog

    public init(catalog: Catalog) { self.catalog = catalog }

    /// Reads and imports `path`: `.xlsx` as a workbook, `.json` as `htx export` JSON, anything else as delimited text.
    public func importFile(_ path: String, encoding: TextEncoding?, sheet: String?, options: ImportOptions) throws -> ImportReport {
        let name = (path as NSString).lastPathComponent
        guard FileManager.default.fileExists(atPath: path) else {
            throw UserError("không có tệp \(path)", "no file \(path)")
        }
        let data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        if data.isEmpty { throw UserError("\(name): tệp rỗng (0 byte)", "\(name): the file is empty (0 bytes)") }
        if data.count > ImportLimits.fileBytes { throw ImportLimits.fileTooLarge(name, bytes: data.count) }
        let isZip = data.starts(with: [0x50, 0x4B, 0x03, 0x04])
        switch (path as NSString).pathExtension.lowercased() {
        case "xlsx", "xlsm":
            guard isZip else { throw UserError("\(name): không phải tệp XLSX (Excel 2007 trở lên)", "\(name): not an XLSX workbook") }
            var reader = try XLSXReader(url: URL(fileURLWithPath: path), sheet: sheet, file: name)
            return try catalog.importTable(&reader, file: name, format: "xlsx", encoding: nil, sheet: reader.sheetName, options: options)
        case "xls":
            throw UserError("\(name): định dạng .xls (Excel 97–2003) không đọc được; mở bằng Excel/LibreOffice và lưu thành .xlsx hoặc CSV UTF-8",
                            "\(name): the .xls format (Excel 97–2003) is not read; open it in Excel/LibreOffice and save it as .xlsx or CSV UTF-8")
        case "json":
            return try catalog.importJSON(data, file: name, options: options)
        default:
            if isZip {
                var reader = try XLSXReader(url: URL(fileURLWithPath: path), sheet: sheet, file: name)
                return try catalog.importTable(&reader, file: name, format: "xlsx", encoding: nil, sheet: reader.sheetName, options: options)
            }
            let decoded = try TextEncoding.decode([UInt8](data), as: encoding, file: name)
            let records = CSVReader.recordCount(decoded.utf8)
            if records - 1 > ImportLimits.rows { throw ImportLimits.tooManyRows(name, rows: records - 1) }
            var reader = CSVReader(utf8: decoded.utf8, file: name)
            let encodingNote = decoded.encoding.rawValue + (decoded.detected ? " (tự nhận)" : "")
            return try catalog.importTable(&reader, file: name, format: reader.delimiter == 0x09 ? "tsv" : "csv", encoding: encodingNote, options: options)
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
            return Data((try JSONText.encode(records) + "\n").utf8)
        default:
            throw UserError("định dạng \".\(format)\" không hỗ trợ; dùng .csv, .xlsx hoặc .json", "format \".\(format)\" is not supported; use .csv, .xlsx or .json")
        }
    }
}
