import ArgumentParser
import HTXCatalog
import HTXCore
import HTXKit

/// `htx doctor`: integrity check, schema version and counts.
struct DoctorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract:
            "Kiểm tra toàn vẹn danh mục (PRAGMA integrity_check, chỉ mục tìm kiếm), phiên bản lược đồ, số bản ghi.",
        discussion: """
            Thoát với mã 1 khi một phép kiểm tra thấy danh mục hỏng, hoặc khi không đọc được danh mục (tiến trình \
            khác đang khoá độc quyền: thử lại sau). Danh mục đang bận ghi hoặc chỉ đọc được thì vẫn được kiểm tra \
            phần đọc được, và báo rõ phần nào chưa kiểm tra. Chỉ mục tìm kiếm lệch với hồ sơ thì --repair dựng lại \
            nó từ hồ sơ (hồ sơ giữ nguyên). Tệp danh mục mà người khác đọc được (không phải 0600) thì có cảnh báo.

            Ví dụ / Examples:
              htx doctor
              htx doctor --format json
              htx doctor --repair
              htx doctor --salvage cuu-duoc.sqlite     # danh mục hỏng, không có bản sao lưu
            """)

    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var output: FormatOptions
    @Flag(help: "Dựng lại chỉ mục tìm kiếm nếu nó lệch với hồ sơ / rebuild a search index that no longer matches.")
    var repair = false
    @Option(
        help: ArgumentHelp(
            "Cứu phần còn đọc được của danh mục hỏng vào một danh mục mới (khi không có bản sao lưu) / salvage what "
                + "can be read into a new catalog.", valueName: "FILE"))
    var salvage: String?

    func run() throws {
        if let salvage {
            let report = try Kit.salvage(catalog.path, into: salvage)
            let lost = report.tables.filter { !$0.unreadable.isEmpty }.map { table in
                "\(table.name): \(ImportProblem.excerpt(table.unreadable.joined(separator: ", "), limit: 120))"
            }
            let copied = report.tables.map { "\($0.name) \($0.copied)" }.joined(separator: ", ")
            catalog.console.note(
                Message(
                    "Đã cứu vào \(salvage): \(report.cooperatives) HTX (\(copied)); danh mục hỏng giữ nguyên."
                        + (lost.isEmpty
                            ? " Không mất dòng nào đọc được."
                            : " Không đọc được các mã dòng (có thể gồm mã chưa từng dùng): "
                                + lost.joined(separator: "; ")),
                    "Salvaged into \(salvage): \(report.cooperatives) cooperatives (\(copied)); the damaged catalog is "
                        + "left as it is."
                        + (lost.isEmpty
                            ? " No readable row was lost."
                            : " Unreadable row ids (some may never have been used): " + lost.joined(separator: "; "))))
            return
        }
        let report: DoctorReport
        do {
            let kit = repair ? try catalog.kit() : try catalog.readingKit()
            let (checked, reindexed) = try kit.doctor(repair: repair)
            report = checked
            if let reindexed {
                catalog.console.note(
                    Message(
                        "Đã dựng lại chỉ mục tìm kiếm cho \(reindexed) HTX",
                        "Rebuilt the search index of \(reindexed) cooperatives"))
            }
        } catch CatalogError.damaged(_, let detail) {
            // Not "run htx doctor": this is htx doctor.
            throw UserError(
                "danh mục \(catalog.path) hỏng (\(detail)); khôi phục từ bản sao lưu gần nhất, hoặc nếu không có, cứu "
                    + "phần còn đọc được: htx doctor --salvage TỆP-MỚI.sqlite",
                "the catalog \(catalog.path) is damaged (\(detail)); restore the latest backup, or without one, "
                    + "salvage what can be read: htx doctor --salvage NEW.sqlite")
        }
        let lang = catalog.console.lang
        try catalog.console.listing(
            output.resolved, json: report,
            headers: [lang == .vi ? "Mục" : "Item", lang == .vi ? "Giá trị" : "Value"],
            rows: DoctorCommand.rows(report, lang))
        if let mode = report.fileMode.flatMap({ Int($0, radix: 8) }), mode & 0o077 != 0 {
            catalog.console.note(
                Message(
                    "Cảnh báo: tệp danh mục có quyền \(report.fileMode ?? "?"): người khác trên máy đọc được số điện "
                        + "thoại, "
                        + "email trong đó; chạy chmod 600 \(catalog.path)",
                    "Warning: the catalog file's mode is \(report.fileMode ?? "?"): other users of this machine can "
                        + "read the "
                        + "phones and e-mails in it; run chmod 600 \(catalog.path)"))
        }
        if report.integrity == "ok", report.searchIndex == .damaged {
            throw UserError(
                "chỉ mục tìm kiếm lệch với hồ sơ (\(report.searchIndexNote ?? "")); hồ sơ vẫn nguyên: chạy htx doctor "
                    + "--repair để dựng "
                    + "lại chỉ mục",
                "the search index no longer matches the records (\(report.searchIndexNote ?? "")); the records are "
                    + "sound: run "
                    + "htx doctor --repair to rebuild it")
        }
        guard report.healthy else {
            let finding = report.integrity == "ok" ? report.searchIndexNote ?? "fts" : report.integrity
            throw UserError(
                "danh mục hỏng (\(finding)); khôi phục từ bản sao lưu gần nhất, hoặc nếu không có, cứu phần còn đọc "
                    + "được: htx doctor --salvage TỆP-MỚI.sqlite",
                "the catalog is damaged (\(finding)); restore the latest backup, or without one, salvage what can be "
                    + "read: htx doctor --salvage NEW.sqlite")
        }
    }

    /// The report as item–value rows.
    static func rows(_ report: DoctorReport, _ lang: Lang) -> [[String]] {
        return [
            [lang == .vi ? "Tệp" : "File", report.path],
            [lang == .vi ? "Toàn vẹn" : "Integrity", report.integrity],
            [lang == .vi ? "Chỉ mục tìm kiếm" : "Search index", DoctorCommand.describe(report, lang)],
            [lang == .vi ? "Lược đồ" : "Schema", report.schemaVersion],
            [lang == .vi ? "Nhật ký" : "Journal", report.journalMode],
            [lang == .vi ? "Quyền tệp" : "File mode", report.fileMode ?? "–"],
            [
                lang == .vi ? "Ghi được" : "Writable",
                report.writable ? (lang == .vi ? "có" : "yes") : (lang == .vi ? "không" : "no"),
            ],
            ["SQLite", report.sqliteVersion],
        ] + report.counts.sorted { $0.key < $1.key }.map { [$0.key, String($0.value)] }
    }

    /// The search-index finding in words.
    static func describe(_ report: DoctorReport, _ lang: Lang) -> String {
        let vi = lang == .vi
        switch report.searchIndex {
        case .ok: return "ok"
        case .damaged: return (vi ? "hỏng" : "damaged") + (report.searchIndexNote.map { " (\($0))" } ?? "")
        case .entriesCounted:
            let why =
                report.searchIndexNote == "busy"
                ? (vi ? "danh mục đang bận ghi" : "the catalog is busy writing")
                : (vi ? "danh mục chỉ đọc được" : "the catalog is read-only")
            return vi
                ? "số mục khớp với số HTX (chưa kiểm tra sâu: \(why))"
                : "entries match the records (full check not run: \(why))"
        }
    }
}
