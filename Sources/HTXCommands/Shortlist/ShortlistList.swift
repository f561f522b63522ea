import ArgumentParser
import Foundation
import HTXCatalog
import HTXCore
import HTXKit
import HTXShortlist

/// `htx shortlist list`: the saved shortlists.
struct ShortlistListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "Các danh sách đã lập.",
        discussion: """
            Ví dụ / Examples:
              htx shortlist list
            """)

    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var output: FormatOptions

    func run() throws {
        let lists = try catalog.readingKit().shortlists()
        let vi = catalog.console.lang == .vi
        let headers =
            vi
            ? ["Tên", "Hồ sơ tiêu chí", "Lập lúc", "Số HTX", "Đã duyệt", "Không duyệt"]
            : ["Name", "Profile", "Built", "Size", "Approved", "Rejected"]
        try catalog.console.listing(
            output.resolved, json: lists, headers: headers,
            rows: lists.map {
                [$0.name, $0.profile, $0.builtAt, String($0.size), String($0.approved), String($0.rejected)]
            })
    }
}
