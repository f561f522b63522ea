import ArgumentParser
import Foundation
import HTXCatalog
import HTXCore
import HTXKit
import HTXShortlist

/// `htx shortlist show NAME`: the picks, and with `--explain` why each was picked and who was not.
struct ShortlistShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Xem danh sách đã lập; --explain cho lý do, điểm từng tiêu chí và các HTX suýt được chọn.",
        discussion: """
            Ví dụ / Examples:
              htx shortlist show doan-tw-2021 --explain
              htx shortlist show doan-tw-2021 --format json
            """)

    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var output: FormatOptions

    @Argument(help: "Tên danh sách / shortlist name.") var name: String
    @Flag(help: "Giải thích lựa chọn / explain the choice.") var explain = false

    func run() throws {
        try catalog.console.out(
            try ShortlistTable.render(
                try catalog.readingKit().shortlist(name), format: output.resolved, explain: explain,
                lang: catalog.console.lang))
    }
}
