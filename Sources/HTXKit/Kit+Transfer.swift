import Foundation
import HTXCatalog
import HTXCore

/// An import of one or several files (`htx import`, the web's upload form).
public struct ImportRequest: Sendable {
    /// The files, by path (the web saves an upload to a private temporary file first).
    public var files: [String]
    /// "auto", "utf-8", "utf-16", "windows-1258" or "tcvn3".
    public var encoding = "auto"
    /// The worksheet of an XLSX workbook.
    public var sheet: String?
    public var onConflict: ConflictPolicy = .update
    /// Check only, write nothing.
    public var dryRun = false
    /// A column map (`Tên cột lạ = revenue 2021` lines): its name for messages, and its text.
    public var headerMap: (name: String, text: String)?
    public var origin: ChangeOrigin
    /// Called now and then with the rows read so far.
    public var progress: (@Sendable (Int) -> Void)?
    /// For a preview table: keep the columns as recognised, the first this many rows and every row with a problem.
    public var previewRows = 0
    /// A district officer's district: a file with a row of another district is refused, naming the rows.
    public var onlyDistrict: String?
    /// Read back cells that are UTF-8 mis-read as Windows-1252, with a warning each (`--repair-text`).
    public var repairText = false

    public init(files: [String], origin: ChangeOrigin) {
        self.files = files
        self.origin = origin
    }
}

/// The export formats, by file extension.
public enum ExportFormat: String, Sendable, CaseIterable {
    case csv, xlsx, json

    /// The format of a file name's extension, or nil.
    public init?(fileName: String) {
        self.init(rawValue: PathName.fileExtension(fileName).lowercased())
    }
}

/// An export's bytes and how many cooperatives it holds.
public struct ExportResult: Sendable {
    public var data: Data
    public var count: Int
}

extension Kit {
    /// Imports several files together or not at all: every file is checked first (a dry run), and only when none
    /// has an error are they written, each in its own transaction. When one fails, the reports are the checks' and
    /// nothing is written. (Another process writing between the check and the writes could still make a later file
    /// fail; its report then says so, and the earlier files stay written.)
    public func importTogether(_ request: ImportRequest) throws -> (reports: [ImportReport], written: Bool) {
        guard !request.dryRun, request.files.count > 1 else {
            let reports = try importFiles(request)
            return (reports, reports.contains(where: \.committed))
        }
        var check = request
        check.dryRun = true
        check.progress = nil
        let checked = try importFiles(check)
        if checked.contains(where: { !$0.errors.isEmpty }) { return (checked, false) }
        return (try importFiles(request), true)
    }

    /// Imports each file whole or not at all, and gives a report per file (every problem by row and column).
    public func importFiles(_ request: ImportRequest) throws -> [ImportReport] {
        var options = ImportOptions(origin: try Kit.checked(request.origin))
        options.dryRun = request.dryRun
        options.onConflict = request.onConflict
        options.progress = request.progress
        options.previewRows = request.previewRows
        options.onlyDistrict = request.onlyDistrict
        options.repairText = request.repairText
        if let map = request.headerMap {
            options.recognizer = HeaderRecognizer(map: try HeaderRecognizer.parseMap(map.text, file: map.name))
        }
        let encoding = try TextEncoding.option(request.encoding) ?? nil
        let importer = CatalogImporter(catalog: catalog)
        return try request.files.map { file in
            try importer.importFile(file, encoding: encoding, sheet: request.sheet, options: options)
        }
    }

    /// The cooperatives a list page shows (search `query` when not empty, ranked, else the filter's in Vietnamese
    /// order), all of them and whole, in `format`; `publicOnly` leaves out personal contacts.
    public func exportSelection(
        query: String, filter: ListFilter, format: ExportFormat, publicOnly: Bool
    ) throws -> ExportResult {
        let ids: [Int64]
        if query.trimmingCharacters(in: .whitespaces).isEmpty {
            ids = try catalog.list(filter).map(\.id)
        } else {
            ids = try searchList(query, filter: filter, limit: max(1, try catalog.count())).map(\.id)
        }
        let coops = try catalog.cooperatives(ids: ids)
        return ExportResult(
            data: try CatalogExporter.export(coops, format: format.rawValue, publicOnly: publicOnly), count: coops.count
        )
    }

    /// The whole catalog in `format`; `publicOnly` leaves out personal contacts.
    public func export(_ format: ExportFormat, publicOnly: Bool) throws -> ExportResult {
        let coops = try catalog.allCooperatives()
        return ExportResult(
            data: try CatalogExporter.export(coops, format: format.rawValue, publicOnly: publicOnly), count: coops.count
        )
    }
}
