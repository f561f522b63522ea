import ArgumentParser
import Foundation
import HTXCore

/// `htx audit`: who did what to the accounts, newest first.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Nhật ký tài khoản: thêm, đổi mật khẩu, khoá (mới nhất trước).",
        discussion: """
            Ví dụ / Examples:
              htx audit
              htx audit --limit 20 --format json
            """)

    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var output: FormatOptions
    @Option(help: "Số dòng / how many lines.") var limit = 100

    func run() throws {
        let lines = try catalog.readingKit().auditLog(limit: limit)
        let vi = catalog.console.lang == .vi
        try catalog.console.listing(
            output.resolved, json: lines,
            headers: vi ? ["Lúc", "Người dùng", "Sự kiện", "Chi tiết"] : ["At", "User", "Event", "Detail"],
            rows: lines.map { [$0.at, $0.user ?? "", $0.event, $0.detail ?? ""] })
    }
}
