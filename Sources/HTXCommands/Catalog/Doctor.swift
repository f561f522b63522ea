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
            Thoát với mã 1 chỉ khi một phép kiểm tra thấy danh mục hỏng. Danh mục đang bận (một tiến trình khác \
            đang ghi) hoặc chỉ đọc được thì vẫn được kiểm tra phần đọc được, và báo rõ phần nào chưa kiểm tra.

            Ví dụ / Examples:
              htx doctor
              htx doctor --format json
            """)

    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var output: FormatOptions

    func run() throws {
        let report: DoctorReport
        do {
            report = try catalog.readingKit().doctor()
        } catch CatalogError.damaged(_, let detail) {
            // Not "run htx doctor": this is htx doctor.
            throw UserError(
                "danh mục \(catalog.path) hỏng (\(detail)); khôi phục từ bản sao lưu gần nhất (htx backup tạo bản sao lưu)",
                "the catalog \(catalog.path) is damaged (\(detail)); restore the latest backup (htx backup makes them)")
        }
        let lang = catalog.console.lang
        let rows: [[String]] =
            [
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
        try catalog.console.out(
            try Render.listing(
                output.resolved, json: report,
                headers: [lang == .vi ? "Mục" : "Item", lang == .vi ? "Giá trị" : "Value"], rows: rows))
        guard report.healthy else {
            let finding = report.integrity == "ok" ? report.searchIndexNote ?? "fts" : report.integrity
            throw UserError(
                "danh mục hỏng (\(finding)); khôi phục từ bản sao lưu gần nhất (htx backup tạo bản sao lưu)",
                "the catalog is damaged (\(finding)); restore the latest backup (htx backup makes them)")
        }
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
