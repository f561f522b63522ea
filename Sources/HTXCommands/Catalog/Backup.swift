import ArgumentParser
import HTXCatalog
import HTXCore
import HTXKit

/// `htx backup FILE`: an online backup of the catalog.
struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Sao lưu danh mục bằng cơ chế sao lưu trực tuyến của SQLite (an toàn khi đang dùng).",
        discussion: """
            Tệp sao lưu có quyền 0600 và không được ghi đè tệp đã có.

            Ví dụ / Examples:
              htx backup Exports/htx-2021-10-28.sqlite
            """)

    @OptionGroup var catalog: CatalogOptions

    @Argument(help: "Tệp đích / destination file.") var file: String

    func run() throws {
        let count = try catalog.readingKit().backup(to: file)
        catalog.console.note(
            Message("Đã sao lưu \(count) HTX vào \(file)", "Backed up \(count) cooperatives to \(file)"))
    }
}
