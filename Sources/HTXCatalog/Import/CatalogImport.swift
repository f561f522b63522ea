import Foundation
import GRDB
import HTXCore

/// A source of table rows: a CSV reader or a worksheet.
public protocol TableReader {
    /// The next non-empty row with its 1-based number as a spreadsheet shows it, or nil at the end; every cell has
    /// been through `VietnameseText.clean` (NFC, white space trimmed and collapsed).
    mutating func next() throws(UserError) -> (row: Int, cells: [String])?
}

extension CSVReader: TableReader {}

/// What an import does when a row matches a stored cooperative (same tax code, else same name and district).
public enum ConflictPolicy: String, Sendable, CaseIterable {
    case update, skip, fail
}

/// How to import a file.
public struct ImportOptions: Sendable {
    public var dryRun = false
    public var onConflict = ConflictPolicy.update
    public var origin: ChangeOrigin
    public var recognizer = HeaderRecognizer()
    /// Called every few thousand rows with the number of rows read, for progress display.
    public var progress: (@Sendable (Int) -> Void)?
    /// For a preview table: the report keeps the columns as recognised, the first `previewRows` rows and every
    /// row with a problem (at most `ImportReport.sampleLimit` rows in all). 0 keeps none.
    public var previewRows = 0
    /// A district officer's district: a row of another district, or one that would change a cooperative of
    /// another district, is an error (SPEC §10), so nothing of the file is written.
    public var onlyDistrict: String?
    /// Cells that are UTF-8 text mis-read as a single-byte code page (Windows-1252/1258: "TÃªn") are read back,
    /// each with a warning; without it each is an error naming its row and column.
    public var repairText = false
    /// At most how many rows the file holds, when known before reading (a delimited text's first pass counts its
    /// lines, a workbook's survey its rows): the import then makes room for every row's match keys at once instead
    /// of growing its tables as they fill, which for a moment holds both the old and the new table.
    public var expectedRows: Int?

    public init(origin: ChangeOrigin) { self.origin = origin }
}

/// What an import did (or, in a dry run or after an error, would have done): counts and every problem.
public struct ImportReport: Sendable, Encodable {
    public var file: String
    public var format: String
    public var encoding: String?
    public var sheet: String?
    public var headerRow: Int
    public var rows = 0
    public var added = 0
    public var updated = 0
    public var unchanged = 0
    public var skipped = 0
    public var unknownColumns: [String] = []
    public var problems: [ImportProblem] = []
    public var dryRun: Bool
    /// Whether the changes were written: false in a dry run and whenever any row had an error.
    public var committed = false

    /// Each column of the header row and the field it was read into (`ColumnRole.mapTarget`; nil: not
    /// recognised); only when a preview asked for it.
    public var columns: [ImportColumn]?
    /// Rows of the file as read, for a preview table (`ImportOptions.previewRows`).
    public var sample: [ImportRow]?

    /// The most rows a preview keeps.
    public static let sampleLimit = 500

    /// The keys of `import --format json`: a preview's columns and rows are for its page, not the contract.
    enum CodingKeys: String, CodingKey {
        case file, format, encoding, sheet, headerRow, rows, added, updated, unchanged, skipped, unknownColumns
        case problems, dryRun, committed
    }

    public var errors: [ImportProblem] { problems.filter { $0.severity == .error } }
    public var warnings: [ImportProblem] { problems.filter { $0.severity == .warning } }
}

/// A column of an imported table and the field it went into.
public struct ImportColumn: Sendable, Equatable, Encodable {
    public var header: String
    public var field: String?
}

/// One row of an imported table as the file holds it (cells cleaned: NFC, spaces collapsed).
public struct ImportRow: Sendable, Equatable, Encodable {
    public var row: Int
    public var cells: [String]
}

/// The rows a preview keeps, filled on the pipeline's reading thread and read once the import is over.
final class RowSample: @unchecked Sendable {
    private let lock = NSLock()
    private var rows: [ImportRow] = []
    let first: Int

    init(first: Int) { self.first = first }

    /// Keeps the row when it is among the first ones or has a problem, while there is room.
    func offer(_ row: Int, _ cells: [String], seen: Int, hasProblem: Bool) {
        lock.lock()
        defer { lock.unlock() }
        guard rows.count < ImportReport.sampleLimit, seen <= first || hasProblem else { return }
        rows.append(ImportRow(row: row, cells: cells))
    }

    var kept: [ImportRow] {
        lock.lock()
        defer { lock.unlock() }
        return rows
    }
}

extension Catalog {
    /// Imports one table in a single transaction: every row is checked, and the file is written whole or not at all.
    ///
    /// The header row is found among the first rows (title blocks above it are skipped). Each row is upserted
    /// by tax code, else by name (without its legal-form prefix) and district; `onConflict` says what to do when a row
    /// matches a stored record. Every change goes to history with the file name as source. A dry run, or any row
    /// with an error, rolls everything back; the report lists every problem by row and column.
    public func importTable<R: TableReader>(
        _ reader: inout R, file: String, format: String, encoding: String?, sheet: String? = nil,
        options: ImportOptions
    ) throws -> ImportReport {
        let normalizer = try normalizer()
        var buffered: [(row: Int, cells: [String])] = []
        var header: (row: Int, cells: [String])?
        var misread: (row: Int, written: [String])?
        while header == nil, buffered.count < RecordBuilder.headerSearchRows, let next = try reader.next() {
            if RecordBuilder.isHeaderRow(next.cells, recognizer: options.recognizer) {
                header = next
            } else if case let repaired = next.cells.map({ Mojibake.repair($0) ?? $0 }), repaired != next.cells,
                RecordBuilder.isHeaderRow(repaired, recognizer: options.recognizer)
            {
                header = (next.row, repaired)
                misread = (next.row, next.cells)
            } else {
                buffered.append(next)
            }
        }
        // A file of one column, the names: its header is the one row whose only value is a name header.
        // Rows read while looking for the header that turn out to be data (after a name-only header).
        var pending: ArraySlice<(row: Int, cells: [String])> = []
        if header == nil,
            let index = buffered.firstIndex(where: {
                RecordBuilder.isNameOnlyHeader($0.cells, recognizer: options.recognizer)
            })
        {
            header = buffered[index]
            pending = buffered[(index + 1)...]
        }
        guard let header else {
            if buffered.isEmpty {
                throw UserError("\(file): tệp rỗng, không có dòng nào", "\(file): the file is empty")
            }
            throw UserError(
                "\(file): không thấy dòng tiêu đề có cột tên HTX (như \"Tên HTX\") trong "
                    + "\(RecordBuilder.headerSearchRows) dòng đầu; dòng 1 là: "
                    + ImportProblem.excerpt(buffered[0].cells.prefix(6).joined(separator: " | ")),
                "\(file): no header row with a cooperative name column (such as \"Tên HTX\") in the first "
                    + "\(RecordBuilder.headerSearchRows) rows; row 1 reads: "
                    + ImportProblem.excerpt(buffered[0].cells.prefix(6).joined(separator: " | "))
            )
        }
        var builder = try RecordBuilder(
            headers: header.cells, recognizer: options.recognizer, normalizer: normalizer, file: file,
            delimited: format != "xlsx")
        builder.repairText = options.repairText
        builder.readAsUTF8Hint = misread != nil && !(encoding ?? "utf-8").lowercased().hasPrefix("utf-8")
        var report = ImportReport(
            file: file, format: format, encoding: encoding, sheet: sheet, headerRow: header.row, dryRun: options.dryRun)
        if let misread {
            let shown = ImportProblem.excerpt(misread.written.filter { !$0.isEmpty }.prefix(3).joined(separator: " | "))
            let fixed = ImportProblem.excerpt(header.cells.filter { !$0.isEmpty }.prefix(3).joined(separator: " | "))
            let how =
                builder.readAsUTF8Hint
                ? Message(
                    "Tệp là UTF-8: nhập lại với --encoding utf-8.", "The file is UTF-8: import with --encoding utf-8.")
                : Message(
                    "Tệp đã bị lưu lại sau khi đọc nhầm; ô dữ liệu lỗi như vậy cần --repair-text.",
                    "The file was saved again after being mis-read; cells mis-read the same way need --repair-text.")
            report.problems.append(
                ImportProblem(
                    file: file, row: misread.row, column: nil, value: nil, severity: .warning,
                    message: Message(
                        "dòng tiêu đề là chữ UTF-8 bị đọc nhầm theo bảng mã một byte (Windows-1252/1258): "
                            + "\"\(shown)\"; đã đọc lại thành \"\(fixed)\". " + how.vi,
                        "the header row is UTF-8 text mis-read as a single-byte code page (Windows-1252/1258): "
                            + "\"\(shown)\"; read back as \"\(fixed)\". " + how.en)))
        }
        report.unknownColumns = builder.unknownColumns
        if !builder.unknownColumns.isEmpty {
            report.problems.append(
                ImportProblem(
                    file: file, row: header.row, column: nil, value: nil, severity: .warning,
                    message: Message(
                        "cột không nhận ra, sẽ bỏ qua: \(builder.unknownColumns.joined(separator: ", "))",
                        "unrecognised columns, not imported: \(builder.unknownColumns.joined(separator: ", "))"),
                    hint: .mapColumns))
        }
        let unusedMap = options.recognizer.custom.keys.filter { key in
            !header.cells.contains { VietnameseText.fold($0) == key }
        }.sorted()
        if !unusedMap.isEmpty {
            report.problems.append(
                ImportProblem(
                    file: file, row: header.row, column: nil, value: nil, severity: .warning,
                    message: Message(
                        "tệp ánh xạ có cột không có trong tệp này: \(unusedMap.joined(separator: ", "))",
                        "the column map names columns this file does not have: \(unusedMap.joined(separator: ", "))")))
        }
        let sample = options.previewRows > 0 ? RowSample(first: options.previewRows) : nil
        if sample != nil {
            report.columns = zip(header.cells, builder.roles).map { ImportColumn(header: $0, field: $1?.mapTarget) }
        }
        var seen = 0
        try importRows(into: &report, file: file, options: options, normalizer: normalizer) { () throws(UserError) in
            let next: (row: Int, cells: [String])?
            if let first = pending.popFirst() { next = first } else { next = try reader.next() }
            guard let (row, cells) = next else { return nil }
            let built = builder.build(row: row, cells: cells, cellsAreClean: true)
            seen += 1
            sample?.offer(row, cells, seen: seen, hasProblem: !built.problems.isEmpty)
            return (row, built.record, built.problems, built.fields, built.key)
        }
        report.sample = sample?.kept
        if report.rows == 0 {
            throw UserError(
                "\(file): chỉ có dòng tiêu đề (dòng \(header.row)), không có dòng dữ liệu nào",
                "\(file): only a header row (row \(header.row)), no data rows")
        }
        return report
    }

    /// Imports records in the JSON shape of `htx export` (an array of `coop show` records), like a table.
    public func importJSON(_ data: Data, file: String, options: ImportOptions) throws -> ImportReport {
        let normalizer = try normalizer()
        let records: [Cooperative]
        // The records as plain objects too, to refuse keys a record does not have (a misspelt "memebers" would
        // otherwise be dropped without a word). An htx export is an array; the sample file wraps it.
        var objects: [[String: Any]] = []
        var body = data
        if let top = try? JSONSerialization.jsonObject(with: data) {
            if let wrapped = top as? [String: Any], let list = wrapped["cooperatives"] as? [Any] {
                objects = list.compactMap { $0 as? [String: Any] }
                body = try JSONSerialization.data(withJSONObject: list)
            } else if let list = top as? [Any] {
                objects = list.compactMap { $0 as? [String: Any] }
            }
        }
        do {
            records = try JSONDecoder().decode([Cooperative].self, from: body)
        } catch {
            let detail = DecodingProblem.describe(error)
            throw UserError(
                "\(file): JSON không đúng dạng của `htx export` (một mảng hồ sơ `coop show`): \(detail.vi)",
                "\(file): JSON is not shaped like `htx export` (an array of `coop show` records): \(detail.en)")
        }
        if records.count > ImportLimits.rows {
            throw ImportLimits.tooManyRows(file, rows: records.count)
        }
        var report = ImportReport(
            file: file, format: "json", encoding: "utf-8", sheet: nil, headerRow: 0, dryRun: options.dryRun)
        var index = 0
        let fields = Set(CooperativeField.editableKeys)
        try importRows(into: &report, file: file, options: options, normalizer: normalizer) { () throws(UserError) in
            guard index < records.count else { return nil }
            var record = records[index]
            index += 1
            // The record's id in the catalog it came from is its key in this file, never its id here.
            let key = record.id.map(String.init)
            record.id = nil
            var findings = normalizer.normalize(&record)
            let unknown = index <= objects.count ? RecordKeys.unknown(inRecord: objects[index - 1]) : []
            if !unknown.isEmpty { findings.insert(Diagnostic(.error, field: nil, RecordKeys.message(unknown)), at: 0) }
            let problems = findings.map {
                ImportProblem(
                    file: file, row: index, column: $0.field, value: nil, severity: $0.severity, message: $0.message)
            }
            return (index, findings.contains { $0.severity == .error } ? nil : record, problems, fields, key)
        }
        return report
    }

    /// The one write path of every import: rows in, upserts in one transaction, committed only when no row had an
    /// error.
    ///
    /// `next` runs on a second thread, ahead of the writer (`ImportPipeline`), once the write lock is held.
    func importRows(
        into report: inout ImportReport, file: String, options: ImportOptions, normalizer: CooperativeNormalizer,
        next: () throws(UserError) -> (
            row: Int, record: Cooperative?, problems: [ImportProblem], fields: Set<String>, key: String?
        )?
    ) throws {
        let stamp = Catalog.timestamp(now())
        var origin = options.origin
        origin.source = PathName.name(file)
        let reportCopy = report
        report = try writeWithoutTransaction { db in
            var report = reportCopy
            try db.inTransaction(.immediate) {
                // Only a row whose match key belongs to a stored record (or one written earlier in this import) can
                // match: every other row is inserted without a lookup.
                var storedKeys = try Catalog.storedMatchKeys(db)
                let expected = min(max(0, options.expectedRows ?? 0), ImportLimits.rows)
                storedKeys.reserveCapacity(storedKeys.count + 2 * expected)
                return try ImportPipeline.run(source: next) { pipeline in
                    var failed = false
                    // Each match key of the file and the row that last had it (rows fit 32 bits: a sheet has at most
                    // 1,048,576): a sixth less memory than full integers, 4 MB at half a million rows.
                    var seenInFile: [String: Int32] = [:]
                    seenInFile.reserveCapacity(expected)
                    // The record key (`htx export`'s ID) of the rows that have one, and the stored record each key
                    // went to: a row with another key is another cooperative, never merged into it.
                    var keyOfRow: [Int32: String] = [:]
                    var claimed: [Int64: String] = [:]
                    while let (row, record, problems, fields, key, derived) = try pipeline.next() {
                        report.rows += 1
                        if report.rows % 5000 == 0 { options.progress?(report.rows) }
                        report.problems += problems
                        guard let record else {
                            failed = true
                            continue
                        }
                        guard let derived else { continue }
                        let here = Int32(clamping: row)
                        if let key { keyOfRow[here] = key }
                        if let earlier = seenInFile.updateValue(here, forKey: derived.matchKey) {
                            if let other = keyOfRow[earlier], let key, other != key, record.taxCode == nil {
                                report.problems.append(
                                    ImportProblem(
                                        file: file, row: row, column: nil, value: record.name, severity: .warning,
                                        message: Message(
                                            "cùng tên và quận/huyện với dòng \(earlier) nhưng khác ID "
                                                + "(\(other), \(key)): giữ là hai HTX; báo cáo kiểm tra dữ liệu liệt "
                                                + "kê các HTX có thể trùng",
                                            "same name and district as row \(earlier) but another ID "
                                                + "(\(other), \(key)): kept as two cooperatives; the data-quality "
                                                + "report lists likely duplicates")))
                            } else {
                                let same =
                                    record.taxCode != nil
                                    ? Message("mã số thuế", "tax code")
                                    : Message("tên và quận/huyện", "name and district")
                                report.problems.append(
                                    ImportProblem(
                                        file: file, row: row, column: nil, value: record.name, severity: .warning,
                                        message: Message(
                                            "trùng với dòng \(earlier) của cùng tệp (cùng \(same.vi)); dòng sau cập "
                                                + "nhật dòng trước",
                                            "repeats row \(earlier) of this file (same \(same.en)); the later row "
                                                + "updates the earlier"
                                        )))
                            }
                        }
                        var existing: Cooperative?
                        if storedKeys.contains(derived.keyHashes[0]) {
                            existing = Catalog.choose(
                                try Catalog.candidates(db, record), for: record, fields: fields, key: key,
                                claimed: claimed, normalizer)
                        }
                        // A record found by its name alone must carry the same name, marks and all: "Tấn Lập" is
                        // another cooperative than "Tân Lập", and renaming one to the other would go unseen.
                        if let found = existing, record.taxCode == nil,
                            QualityCheck.exactIdentityKey(found.name) != QualityCheck.exactIdentityKey(record.name)
                        {
                            report.problems.append(
                                ImportProblem(
                                    file: file, row: row, column: nil, value: record.name, severity: .warning,
                                    message: Message(
                                        "tên chỉ khác dấu với #\(found.id ?? 0) \(found.name): thêm thành HTX mới; "
                                            + "nếu là một, sửa tên "
                                            + "trong tệp cho đúng hoặc ghi mã số thuế",
                                        "the name differs only in its marks from #\(found.id ?? 0) \(found.name): "
                                            + "added as a new "
                                            + "cooperative; if they are one, correct the name in the file or give the "
                                            + "tax code"
                                    )))
                            existing = nil
                        }
                        if let own = options.onlyDistrict,
                            !DistrictRefusal.isOwn(record.district, own)
                                || existing.map({ !DistrictRefusal.isOwn($0.district, own) }) ?? false
                        {
                            failed = true
                            let found = existing.map { DistrictRefusal.isOwn($0.district, own) ? nil : $0 } ?? nil
                            let district = found?.district ?? record.district
                            report.problems.append(
                                ImportProblem(
                                    file: file, row: row, column: nil, value: record.name, severity: .error,
                                    message: Message(
                                        "thuộc \(district ?? "quận/huyện chưa ghi")"
                                            + (found.map { " (đã có: #\($0.id ?? 0) \($0.name))" } ?? "")
                                            + ", không phải \(own): tài khoản quận/huyện chỉ nhập HTX của quận/huyện "
                                            + "mình; bỏ dòng này khỏi tệp hoặc nhờ Liên minh HTX nhập",
                                        "in \(district ?? "no district")"
                                            + (found.map { " (already there: #\($0.id ?? 0) \($0.name))" } ?? "")
                                            + ", not \(own): a district account imports its own district's "
                                            + "cooperatives only; take the row out of the file or ask the Alliance"
                                    )))
                            continue
                        }
                        if let existing, let key, let id = existing.id { claimed[id] = key }
                        if let existing {
                            switch options.onConflict {
                            case .skip:
                                report.skipped += 1
                            case .fail:
                                failed = true
                                report.problems.append(
                                    ImportProblem(
                                        file: file, row: row, column: nil, value: record.name, severity: .error,
                                        message: Message(
                                            "đã có trong danh mục: #\(existing.id ?? 0) \(existing.name)",
                                            "already in the catalog: #\(existing.id ?? 0) \(existing.name)"),
                                        hint: .chooseConflictPolicy))
                            case .update:
                                let merged = Catalog.merged(record, fields: fields, into: existing, normalizer)
                                let changes = CooperativeDiff.changes(from: existing, to: merged)
                                if changes.isEmpty {
                                    report.unchanged += 1
                                } else {
                                    try Catalog.replace(db, merged, at: stamp)
                                    let keys = Catalog.keys(
                                        taxCode: merged.taxCode, identityKey: QualityCheck.identityKey(merged.name),
                                        district: merged.district)
                                    storedKeys.formUnion(keys.map(\.hashValue))
                                    for change in changes {
                                        try Catalog.recordHistory(
                                            db, id: try existing.storedID(), name: merged.name, at: stamp,
                                            origin: origin,
                                            action: .update,
                                            field: change.field, old: change.old, new: change.new)
                                    }
                                    report.updated += 1
                                }
                            }
                        } else {
                            let id = try Catalog.insertRow(db, derived, origin: origin, at: stamp)
                            if let key { claimed[id] = key }
                            storedKeys.formUnion(derived.keyHashes)
                            report.added += 1
                        }
                    }
                    options.progress?(report.rows)
                    report.committed = !failed && !options.dryRun
                    return report.committed ? .commit : .rollback
                }
            }
            return report
        }
    }

    /// Every key by which `match` can find a record, the one it is itself looked up by first: its tax code if it
    /// has one, and its name key (`QualityCheck.identityKey`) and district.
    static func keys(taxCode: String?, identityKey: String, district: String?) -> [String] {
        let name = "name:" + identityKey + "|" + (district ?? "")
        return taxCode.map { ["tax:" + $0, name] } ?? [name]
    }

    /// The hashes of every stored cooperative's `keys`: a row whose match key hashes to none of them matches
    /// nothing, so it needs no lookup (a collision only costs a lookup).
    static func storedMatchKeys(_ db: Database) throws -> Set<Int> {
        var keys = Set<Int>()
        let rows = try Row.fetchCursor(db, sql: "SELECT tax_code, identity_key, district FROM cooperative")
        while let row = try rows.next() {
            for key in Catalog.keys(taxCode: row[0], identityKey: row[1], district: row[2]) {
                keys.insert(key.hashValue)
            }
        }
        return keys
    }

    /// The stored records a row may refer to: the one with its tax code; for a row without one, every record with
    /// the same name key and district (namesakes), oldest first.
    static func candidates(_ db: Database, _ record: Cooperative) throws -> [Cooperative] {
        if let code = record.taxCode {
            return try Row.fetchAll(
                db.cachedStatement(sql: "SELECT id, record FROM cooperative WHERE tax_code = ?"), arguments: [code]
            ).map(Catalog.decode)
        }
        return try Row.fetchAll(
            db.cachedStatement(
                sql: "SELECT id, record FROM cooperative WHERE identity_key = ? AND district IS ? ORDER BY id"),
            arguments: [QualityCheck.identityKey(record.name), record.district]
        ).map(Catalog.decode)
    }

    /// The stored record a row refers to, among its `candidates`.
    ///
    /// A row with a record key (`htx export`'s ID) never takes a record another key of the file has taken
    /// (`claimed`), so an export of namesakes imports back as as many records. Among namesakes the row takes the one
    /// it would leave unchanged, else the one whose id is its key, else the oldest.
    static func choose(
        _ candidates: [Cooperative], for record: Cooperative, fields: Set<String>, key: String?,
        claimed: [Int64: String], _ normalizer: CooperativeNormalizer
    ) -> Cooperative? {
        let open = candidates.filter { candidate in
            guard let key, let id = candidate.id, let owner = claimed[id] else { return true }
            return owner == key
        }
        guard open.count > 1 else { return open.first }
        if let same = open.first(where: {
            CooperativeDiff.changes(from: $0, to: merged(record, fields: fields, into: $0, normalizer)).isEmpty
        }) {
            return same
        }
        if let key, let byID = open.first(where: { $0.id.map(String.init) == key }) { return byID }
        return open.first
    }

    /// A stored record with the fields a row gives taken from the row; its unit of 2025 derived again when the
    /// row moved it to another commune without naming one.
    static func merged(
        _ record: Cooperative, fields: Set<String>, into existing: Cooperative, _ normalizer: CooperativeNormalizer
    ) -> Cooperative {
        var merged = existing
        for field in fields { CooperativeField.merge(field, from: record, into: &merged) }
        if !fields.contains("unit2025"),
            !normalizer.units.sameUnit((existing.commune, existing.district), (merged.commune, merged.district))
        {
            merged.unit2025 = nil  // derived again, from the merged commune and district
        }
        _ = normalizer.normalize(&merged)
        return merged
    }
}
