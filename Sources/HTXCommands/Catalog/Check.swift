import ArgumentParser
import Foundation
import HTXCatalog
import HTXCore
import HTXKit

/// `htx check`: the data-quality report.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Báo cáo chất lượng dữ liệu: thiếu toạ độ, liên hệ, số liệu; mã số thuế sai; nghi trùng.",
        discussion: """
            Số liệu được đòi cho ba năm đến năm gần nhất có trong danh mục (hoặc --year).

            Ví dụ / Examples:
              htx check
              htx check --format csv > kiem-tra.csv
            """)

    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var output: FormatOptions

    @Option(help: "Năm số liệu gần nhất cần có / latest year figures are expected for.") var year: Int?

    func run() throws {
        let lang = catalog.console.lang
        let report = try catalog.readingKit().check(year: year, lang: lang)
        let headers =
            lang == .vi ? ["ID", "Tên", "Mức", "Trường", "Vấn đề"] : ["ID", "Name", "Level", "Field", "Issue"]
        let rows = zip(report.issues, report.findings).map {
            [String($0.id), $0.name, $1.severity.label(lang), $0.field, $0.message]
        }
        try catalog.console.listing(output.resolved, json: report, headers: headers, rows: rows)
        if output.resolved == .table {
            catalog.console.note(
                Message(
                    "\(report.withIssues)/\(report.cooperatives) HTX có vấn đề cần xem (số liệu đến năm "
                        + "\(report.referenceYear))",
                    "\(report.withIssues)/\(report.cooperatives) cooperatives have something to look at (figures up to "
                        + "\(report.referenceYear))"
                ))
        }
    }
}
