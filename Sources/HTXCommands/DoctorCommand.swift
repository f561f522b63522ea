import ArgumentParser
import HTXCatalog
import HTXCore

/// `htx doctor`: integrity check, schema version and counts.
struct DoctorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Kiểm tra toàn vẹn danh mục (PRAGMA integrity_check, chỉ mục tìm kiếm), phiên bản lược đồ, số bản ghi.",
        discussion: """
            Thoát với mã 1 nếu danh mục hỏng.

            Ví dụ / Examples:
              htx doctor
              htx doctor --format json
            """)

    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var output: FormatOptions

    func run() throws {
        let report = try catalog.open().doctor()
        let lang = catalog.console.lang
        let rows: [[String]] = [
            [lang == .vi ? "Tệp" : "File", report.path],
            [lang == .vi ? "Toàn vẹn" : "Integrity", report.integrity],
            [lang == .vi ? "Lược đồ" : "Schema", report.schemaVersion],
            [lang == .vi ? "Nhật ký" : "Journal", report.journalMode],
            [lang == .vi ? "Quyền tệp" : "File mode", report.fileMode ?? "–"],
            ["SQLite", report.sqliteVersion],
        ] + report.counts.sorted { $0.key < $1.key }.map { [$0.key, String($0.value)] }
        catalog.console.out(try Render.listing(output.resolved, json: report, headers: [lang == .vi ? "Mục" : "Item", lang == .vi ? "Giá trị" : "Value"], rows: rows))
        guard report.healthy else {
            throw UserError("danh mục hỏng (\(report.integrity)); khôi phục từ bản sao lưu gần nhất",
                            "the catalog is damaged (\(report.integrity)); restore the latest backup")
        }
    }
}
