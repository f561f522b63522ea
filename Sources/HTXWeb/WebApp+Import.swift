import Foundation
import HTXCatalog
import HTXCore
import HTXDocument
import HTXKit
import Hummingbird

extension WebApp {
    /// The largest upload: one file at the import's own limit, with room for the form around it.
    static var uploadLimit: Int { ImportLimits.fileBytes + (1 << 20) }

    static func tooLarge(_ length: Int?) -> String {
        "413: tệp gửi lên quá lớn\(length.map { " (\($0.formattedBytes))" } ?? ""); tối đa "
            + "\(ImportLimits.fileBytes.formattedBytes) một lần / the upload is too large; at most "
            + ImportLimits.fileBytes.formattedBytes
    }

    /// Where uploads wait between the preview and the commit: a private folder per preview, named by a random id.
    var stagingRoot: URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("htx-uploads-\(getpid())")
    }

    /// Removes the preview folders of servers that are no longer running (killed before they could clean up).
    func pruneAbandonedStaging() {
        let fm = FileManager.default
        let temporary = fm.temporaryDirectory
        guard let names = try? fm.contentsOfDirectory(atPath: temporary.path) else { return }
        for name in names where name.hasPrefix("htx-uploads-") {
            guard let pid = Int32(name.dropFirst("htx-uploads-".count)), pid != getpid() else { continue }
            // No such process: its previews can never be committed.
            if kill(pid, 0) != 0, errno == ESRCH { try? fm.removeItem(at: temporary.appendingPathComponent(name)) }
        }
    }

    /// Removes previews staged more than `seconds` ago (a preview is committed within the hour or made again).
    func pruneStaging(olderThan seconds: TimeInterval) {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: stagingRoot.path) else { return }
        for name in names {
            let url = stagingRoot.appendingPathComponent(name)
            if let modified = (try? fm.attributesOfItem(atPath: url.path))?[.modificationDate] as? Date,
                kit.clock().timeIntervalSince(modified) > seconds
            {
                try? fm.removeItem(at: url)
            }
        }
    }

    /// How many leading rows a preview shows (besides every row with a problem).
    static let previewRows = 20

    /// Keeps the options a preview was made with beside its files, for its commit.
    static func keepOptions(_ fields: [String: String], at url: URL) throws {
        let options = [
            ("encoding", fields["encoding"] ?? ""), ("map", fields["map"] ?? ""),
            ("onConflict", fields["onConflict"] ?? ""),
        ]
        let text = options.map {
            $0.0 + "=" + ($0.1.addingPercentEncoding(withAllowedCharacters: WebApp.pathSafe) ?? "")
        }.joined(separator: "&")
        try PrivateFile.write(text, to: url.path)
    }

    /// The column map of the preview's column table: for column N of file F, `h-F-N` is its header, `auto-F-N`
    /// what it was read as, and `col-F-N` what the page now says (empty: leave it out).
    /// The lines of the map the preview was made with stay, unless the page changed their column.
    static func columnMap(_ fields: [String: String], lang: Lang) -> (map: String, errors: [String: String]) {
        var byHeader: [String: String] = [:]
        for line in (fields["map"] ?? "").split(whereSeparator: \.isNewline) {
            let header = line.split(separator: "=", maxSplits: 1).first.map(String.init) ?? ""
            byHeader[VietnameseText.fold(header)] = String(line)
        }
        var errors: [String: String] = [:]
        for (key, header) in fields where key.hasPrefix("h-") {
            let id = String(key.dropFirst(2))
            let chosen = (fields["col-" + id] ?? "").trimmingCharacters(in: .whitespaces)
            let auto = fields["auto-" + id] ?? ""
            guard chosen != auto else { continue }
            // A header that holds the map's own punctuation cannot be named in it.
            guard !header.contains("="), !header.contains("#"), !header.contains(where: \.isNewline) else {
                errors[id] =
                    lang == .vi
                    ? "tên cột có dấu = hoặc #, không ghép lại được ở đây; sửa tên cột trong tệp"
                    : "the header holds = or #, so it cannot be mapped here; rename the column in the file"
                continue
            }
            let line = chosen.isEmpty ? "\(header) = ignore" : "\(header) = \(chosen)"
            do {
                _ = try HeaderRecognizer.parseMap(line, file: "")
                byHeader[VietnameseText.fold(header)] = line
            } catch {
                errors[id] =
                    lang == .vi
                    ? "không có trường \"\(chosen)\"; chọn trong danh sách (ví dụ revenue 2021, grade 2021)"
                    : "no field \"\(chosen)\"; pick one from the list (such as revenue 2021, grade 2021)"
            }
        }
        return (byHeader.values.sorted().joined(separator: "\n"), errors)
    }

    /// The file as read (its first rows and every row with a problem), each cell with a problem marked and
    /// titled with it; escaped here.
    static func fileTable(_ report: ImportReport, lang: Lang) -> String {
        guard let columns = report.columns, let rows = report.sample, !rows.isEmpty else { return "" }
        // An error outranks a warning on the same cell; its class says which ("bad", "warn").
        var problems: [Int: [String: (text: String, kind: String)]] = [:]
        var rowProblems: [Int: (text: String, kind: String)] = [:]
        for problem in report.problems {
            guard let row = problem.row else { continue }
            let note = (problem.message.text(lang), problem.severity == .error ? "bad" : "warn")
            if let column = problem.column {
                if problems[row]?[column]?.kind != "bad" { problems[row, default: [:]][column] = note }
            } else if row != report.headerRow, rowProblems[row]?.kind != "bad" {
                rowProblems[row] = note
            }
        }
        let e = HTMLRenderer.escape
        var html = "<table class=\"list filetable\"><thead><tr><th scope=\"col\">#</th>"
        for column in columns {
            html += "<th scope=\"col\"\(column.field == nil ? " class=\"unknown\"" : "")>\(e(column.header))</th>"
        }
        html += "</tr></thead><tbody>\n"
        var previous = 0
        for row in rows {
            if row.row > previous + 1, previous > 0 {
                html += "<tr class=\"gap\"><td colspan=\"\(columns.count + 1)\">…</td></tr>\n"
            }
            previous = row.row
            let rowNote = rowProblems[row.row]
            html += "<tr\(rowNote.map { " class=\"\($0.kind)\" title=\"\(e($0.text))\"" } ?? "")>"
            html += "<th scope=\"row\">\(row.row)</th>"
            for (index, column) in columns.enumerated() {
                let value = index < row.cells.count ? row.cells[index] : ""
                if let note = problems[row.row]?[column.header] {
                    html += "<td class=\"\(note.kind)\" title=\"\(e(note.text))\"><mark>\(e(value))</mark></td>"
                } else {
                    html += "<td>\(e(value))</td>"
                }
            }
            html += "</tr>\n"
        }
        return html + "</tbody></table>"
    }

    /// `GET /import`: the upload form.
    func importForm(_ request: Request, visitor: Visitor) -> Response {
        let lang = self.lang(request)
        return page(
            "import", title: lang == .vi ? "Nhập dữ liệu" : "Import", request: request, visitor: visitor,
            values: ["encodings": ["auto", "utf-8", "utf-16", "windows-1258", "tcvn3"]])
    }

    /// `POST /import`: the uploaded files (field `file`, one or more) checked with `dryRun=1` and kept for the
    /// commit, or imported (each whole or not at all); a commit of a preview names it with `staged`.
    func importUpload(_ request: Request, visitor: Visitor, body: ByteBuffer) throws -> Response {
        let lang = self.lang(request)
        var fields: [String: String] = [:]
        var uploads: [(name: String, data: [UInt8])] = []
        if let boundary = MultipartForm.boundary(request.headers[.contentType]) {
            guard let form = MultipartForm(Array(buffer: body), boundary: boundary) else {
                throw UserError(
                    "tệp gửi lên không trọn vẹn (bị ngắt giữa chừng); chưa ghi gì, gửi lại",
                    "the upload is incomplete (cut off); nothing was written, send it again")
            }
            for part in form.parts {
                if part.name == "file", let fileName = part.fileName, !fileName.isEmpty {
                    uploads.append((fileName, part.data))
                } else if part.fileName == nil {
                    fields[part.name] = part.text
                }
            }
        } else {
            for field in FormBody(String(buffer: body)).fields { fields[field.name] = field.value }
        }
        var dryRun = fields["dryRun"] == "1"
        let folder: URL
        var names: [String]
        /// The column map fields as typed when some could not be read, with the reason beside each.
        var typed: (values: [String: String], errors: [String: String])?
        if let staged = fields["staged"], uploads.isEmpty {
            let options = stagingRoot.appendingPathComponent(staged + ".options")
            let saved = (try? String(contentsOf: options, encoding: .utf8)) ?? ""
            let restage = fields["restage"] == "1"
            // The preview's options (encoding, conflicts, map), kept beside the staged files.
            for field in FormBody(saved).fields where field.name != "staged" { fields[field.name] = field.value }
            if restage {
                // The preview again, with the column map as edited in the page; the commit will use it. A field
                // that names no field keeps the preview as it was, with the reason beside that field.
                dryRun = true
                let edited = WebApp.columnMap(fields, lang: lang)
                if edited.errors.isEmpty {
                    fields["map"] = edited.map
                } else {
                    typed = (fields.filter { $0.key.hasPrefix("col-") }, edited.errors)
                }
            } else {
                // A commit is of the preview its page showed: not of one made again since with another map.
                dryRun = false
                if let seen = fields["_options"], seen != Fingerprint.of(saved) {
                    throw StaleForm(
                        message: Message(
                            "bản xem trước này đã được xem lại với cách ghép cột khác; chưa ghi gì. Bấm “Nhập vào danh "
                                + "mục” ở bản xem trước mới nhất",
                            "this preview was made again with another column map; nothing was written. Press "
                                + "“Import into the catalogue” on the latest preview"))
                }
            }
            guard staged.range(of: "^[0-9a-f]{32}$", options: .regularExpression) != nil,
                case let dir = stagingRoot.appendingPathComponent(staged),
                let listed = try? FileManager.default.contentsOfDirectory(atPath: dir.path), !listed.isEmpty
            else {
                throw UserError(
                    "bản xem trước đã hết hạn; gửi lại tệp", "the preview has expired; upload the files again")
            }
            folder = dir
            names = listed.sorted()
            if restage, typed == nil { try WebApp.keepOptions(fields, at: options) }
        } else {
            guard !uploads.isEmpty else {
                throw UserError("chọn ít nhất một tệp CSV hoặc XLSX", "choose at least one CSV or XLSX file")
            }
            pruneStaging(olderThan: 3600)
            let id = String(Kit.randomToken().prefix(32))
            folder = stagingRoot.appendingPathComponent(id)
            try FileManager.default.createDirectory(
                at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            names = []
            for (index, upload) in uploads.enumerated() {
                // The name is the browser's, reduced to a short safe file name; no path from the request is followed.
                let base = PathName.name(upload.name)
                var ext = PathName.fileExtension(base).lowercased()
                if ext.range(of: "^[a-z0-9]{1,5}$", options: .regularExpression) == nil { ext = "" }
                let stem = String(VietnameseText.fileName(PathName.withoutExtension(base)).prefix(60))
                let name =
                    String(format: "%02d-", index + 1) + (stem.isEmpty ? "tep" : stem) + (ext.isEmpty ? "" : "." + ext)
                do {
                    try PrivateFile.write(Data(upload.data), to: folder.appendingPathComponent(name).path)
                } catch {
                    try? FileManager.default.removeItem(at: folder)
                    throw UserError(
                        "không lưu được tệp gửi lên \(name) để kiểm tra",
                        "could not keep the upload \(name) to check it")
                }
                names.append(name)
            }
            try WebApp.keepOptions(fields, at: stagingRoot.appendingPathComponent(id + ".options"))
        }
        var importRequest = ImportRequest(
            files: names.map { folder.appendingPathComponent($0).path },
            origin: visitor.origin)
        importRequest.onlyDistrict = visitor.ownDistrict
        importRequest.dryRun = dryRun
        importRequest.encoding = fields["encoding"].flatMap { $0.isEmpty ? nil : $0 } ?? "auto"
        if let map = fields["map"], !map.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            importRequest.headerMap = ("map", map)
        }
        if fields["onConflict"] == "skip" { importRequest.onConflict = .skip }
        // Several files go in together or not at all: all are checked first, and written only when none has an error.
        var check = importRequest
        check.dryRun = true
        check.previewRows = WebApp.previewRows
        var reports = try kit.importFiles(check)
        let failed = reports.contains { !$0.errors.isEmpty }
        if !dryRun, !failed { reports = try kit.importFiles(importRequest) }
        // A preview's files stay (for an hour) so that its column map can be edited and the preview made again.
        if !dryRun {
            try? FileManager.default.removeItem(at: folder)
            try? FileManager.default.removeItem(
                at: stagingRoot.appendingPathComponent(folder.lastPathComponent + ".options"))
        }
        if wantsJSON(request) { return try WebResponse.json(reports, status: failed ? .badRequest : .ok) }
        let shown = reports.enumerated().map { number, report -> [String: Any] in
            [
                "columns": (report.columns ?? []).enumerated().map { index, column -> [String: Any] in
                    let key = "\(number)-\(index)"
                    return [
                        "key": key, "header": column.header, "field": column.field ?? "",
                        "value": typed?.values["col-" + key] ?? column.field ?? "",
                        "error": typed?.errors[key] ?? false, "unknown": column.field == nil,
                    ]
                },
                "hasColumns": !(report.columns ?? []).isEmpty && dryRun,
                "table": WebApp.fileTable(report, lang: lang),
                "file": String(PathName.name(report.file).dropFirst(3)), "format": report.format,
                "encoding": report.encoding ?? "", "headerRow": report.headerRow, "rows": report.rows,
                "added": report.added, "updated": report.updated, "unchanged": report.unchanged,
                "unknownColumns": report.unknownColumns.isEmpty ? false : report.unknownColumns.joined(separator: ", "),
                "problems": report.problems.map { problem -> [String: Any] in
                    [
                        "row": problem.row.map(String.init) ?? "", "column": problem.column ?? "",
                        "value": problem.value ?? "", "message": problem.message.text(lang),
                        "severity": problem.severity.rawValue,
                    ]
                },
            ]
        }
        let vi = lang == .vi
        let summary: String
        if failed {
            summary =
                vi
                ? "Có lỗi: chưa ghi gì vào danh mục. Sửa tệp theo các dòng dưới đây rồi gửi lại."
                : "There are errors: nothing was written. Fix the file at the rows below and send it again."
        } else if dryRun {
            summary =
                vi
                ? "Xem trước: không có lỗi. Bấm “Nhập vào danh mục” để ghi."
                : "Preview: no errors. Press “Import into the catalogue” to write."
        } else {
            summary = vi ? "Đã nhập vào danh mục." : "Imported into the catalogue."
        }
        return page(
            "import", title: vi ? "Nhập dữ liệu" : "Import", request: request, visitor: visitor,
            values: [
                "reports": shown, "summary": summary, "failed": failed,
                "staged": dryRun && !failed ? folder.lastPathComponent : false,
                "preview": dryRun ? folder.lastPathComponent : false,
                "options": Fingerprint.of(
                    (try? String(
                        contentsOf: stagingRoot.appendingPathComponent(folder.lastPathComponent + ".options"),
                        encoding: .utf8)) ?? ""),
                "mappingError": typed == nil
                    ? false
                    : (lang == .vi
                        ? "Có ô ghép cột không đọc được (đánh dấu bên dưới); bản xem trước vẫn như trước."
                        : "Some column choices could not be read (marked below); the preview is as it was."),
                "encodings": ["auto", "utf-8", "utf-16", "windows-1258", "tcvn3"],
                "map": fields["map"] ?? "",
                "fieldNames": CooperativeField.editableKeys
                    + ColumnRole.ContactPart.allCases.map { "contact." + $0.rawValue } + ["ocop", "ignore"],
            ], status: failed ? .badRequest : .ok)
    }
}
