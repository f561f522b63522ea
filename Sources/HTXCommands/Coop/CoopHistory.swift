import ArgumentParser
import HTXCatalog
import HTXCore
import HTXKit

/// `htx coop history ID`: every change to a cooperative, oldest first.
struct CoopHistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Lịch sử thay đổi của một HTX, cũ trước mới sau.",
        discussion: """
            Ví dụ / Examples:
              htx coop history 12
              htx coop history 0100233488 --format json
            """)

    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var output: FormatOptions

    @Argument(help: "Mã nội bộ hoặc mã số thuế / internal id or tax code.") var id: String

    func run() throws {
        let entries = try catalog.readingKit().history(id)
        let lang = catalog.console.lang
        let headers =
            lang == .vi
            ? ["Thời điểm", "Người/đơn vị", "Thao tác", "Trường", "Cũ", "Mới", "Nguồn"]
            : ["At", "By", "Action", "Field", "Old", "New", "Source"]
        let short: (String?) -> String = { text in
            guard let text else { return "" }
            return text.count > 60 ? String(text.prefix(57)) + "…" : text
        }
        try catalog.console.listing(
            output.resolved, json: entries, headers: headers,
            rows: entries.map {
                [
                    $0.at, $0.by ?? "", $0.action.rawValue, $0.field ?? "",
                    output.resolved == .table ? short($0.old) : ($0.old ?? ""),
                    output.resolved == .table ? short($0.new) : ($0.new ?? ""), $0.source ?? "",
                ]
            })
    }
}
