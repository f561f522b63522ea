import ArgumentParser
import Foundation
import HTXCatalog
import HTXCore
import HTXItinerary
import HTXKit

/// `htx itinerary replan NAME --delay MIN [--after ID]`: shifts the rest of the day and says what changed.
struct ItineraryReplanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replan",
        abstract: "Dời phần còn lại của ngày sau khi bị trễ; bỏ điểm không còn kịp và nói rõ thay đổi.",
        discussion: """
            Không có --after: trễ ngay từ lúc xuất phát của ngày đầu tiên (hoặc ngày --day).

            Ví dụ / Examples:
              htx itinerary replan doan-tw --delay 30 --after 7
              htx itinerary replan doan-tw --delay 20 --day 2
              htx itinerary replan doan-tw --delay 45 --after 7 --dry-run
            """)

    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var output: FormatOptions
    @Argument(help: "Tên lịch trình / itinerary name.") var name: String
    @Option(parsing: .unconditional, help: "Số phút trễ (lớn hơn 0) / minutes late (more than 0).") var delay: Int
    @Option(help: "Trễ sau khi rời HTX này / late after leaving this stop.") var after: String?
    @Option(
        help: "Ngày (1, 2 …); với --after phải là ngày có HTX đó / the day (with --after, the stop's own day).")
    var day: Int?
    @Flag(name: .customLong("dry-run"), help: "Chỉ xem thay đổi, không lưu / show the changes, save nothing.")
    var dryRun = false

    func validate() throws {
        guard delay > 0 else {
            throw ValidationError(
                "--delay: số phút trễ phải lớn hơn 0 (đã cho \(delay)) / the delay must be more than 0 minutes")
        }
    }

    func run() throws {
        let lang = catalog.console.lang
        let kit = dryRun ? try catalog.readingKit() : try catalog.kit()
        let result = try kit.replan(name, delay: delay, after: after, day: day, lang: lang, save: !dryRun)
        for change in result.changes { catalog.console.note(change) }
        try catalog.console.out(
            try ProgrammeTable.render(
                result.report, format: output.resolved, lang: lang, startName: result.instance.start.name))
    }
}
