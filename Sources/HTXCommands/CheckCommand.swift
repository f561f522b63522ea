import ArgumentParser
import Foundation
import HTXCatalog
import HTXCore

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

    /// One finding in the JSON report.
    struct Finding: Encodable {
        var id: Int64
        var name: String
        var kind: String
        var severity: String
        var field: String
        var message: String
    }

    /// The JSON shape of the report.
    struct Report: Encodable {
        var referenceYear: Int
        var cooperatives: Int
        var withIssues: Int
        var byKind: [String: Int]
        var issues: [Finding]
    }

    func run() throws {
        let coops = try catalog.openForReading().allCooperatives()
        let latest = coops.flatMap { $0.figures.map(\.year) }.max()
        let reference = year ?? latest ?? (Calendar(identifier: .gregorian).component(.year, from: Date()) - 1)
        let issues = QualityCheck(referenceYear: reference).run(coops)
        let lang = catalog.console.lang
        let findings = issues.map {
            Finding(
                id: $0.id, name: $0.name, kind: $0.kind.rawValue, severity: $0.severity.rawValue, field: $0.field,
                message: $0.message.text(lang))
        }
        var byKind: [String: Int] = [:]
        for issue in issues { byKind[issue.kind.rawValue, default: 0] += 1 }
        let report = Report(
            referenceYear: reference, cooperatives: coops.count, withIssues: Set(issues.map(\.id)).count,
            byKind: byKind, issues: findings)
        let headers =
            lang == .vi ? ["ID", "Tên", "Mức", "Trường", "Vấn đề"] : ["ID", "Name", "Level", "Field", "Issue"]
        let rows = zip(findings, issues).map {
            [String($0.id), $0.name, $1.severity.label(lang), $0.field, $0.message]
        }
        try catalog.console.out(try Render.listing(output.resolved, json: report, headers: headers, rows: rows))
        if output.resolved == .table {
            catalog.console.note(
                Message(
                    "\(report.withIssues)/\(coops.count) HTX có vấn đề cần xem (số liệu đến năm \(reference))",
                    "\(report.withIssues)/\(coops.count) cooperatives have something to look at (figures up to \(reference))"
                ))
        }
    }
}
