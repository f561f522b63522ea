import ArgumentParser
import Foundation
import HTXCatalog
import HTXCore
import HTXItinerary
import HTXKit

/// `htx itinerary check NAME --order ID,…`: evaluates a hand-made order against the saved itinerary's data.
struct ItineraryCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Kiểm tra một thứ tự tự lập: giờ đến, giờ làm việc, bữa trưa, và ràng buộc bị vi phạm (nếu có).",
        discussion: """
            Nhiều ngày: ngăn cách bằng dấu chấm phẩy. Thoát với mã 1 nếu thứ tự không khả thi: sai giờ tiếp đón, \
            bữa trưa hoặc giờ về, HTX không có trong lịch trình, HTX được xếp hai lần, hay thiếu HTX phải thăm.

            Ví dụ / Examples:
              htx itinerary check doan-tw --order 12,7,3
              htx itinerary check doan-tw --order "12,7;3,18"
            """)

    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var output: FormatOptions
    @Argument(help: "Tên lịch trình / itinerary name.") var name: String
    @Option(help: "Thứ tự các HTX / the order of ids.") var order: String

    func run() throws {
        let lang = catalog.console.lang
        let result = try catalog.readingKit().checkOrder(name, order: order, lang: lang)
        try catalog.console.out(
            try ProgrammeTable.render(
                result.report, format: output.resolved, lang: lang, startName: result.instance.start.name))
        guard result.violations.isEmpty else {
            throw UserError(
                result.violations.map(\.vi).joined(separator: "; "), result.violations.map(\.en).joined(separator: "; ")
            )
        }
    }
}
