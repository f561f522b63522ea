import ArgumentParser
import Foundation
import HTXCatalog
import HTXCore
import HTXItinerary
import HTXKit

/// `htx itinerary show NAME`.
struct ItineraryShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Xem lịch trình đã lưu.",
        discussion: """
            Ví dụ / Examples:
              htx itinerary show doan-tw
              htx itinerary show doan-tw --format json
            """)

    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var output: FormatOptions
    @Argument(help: "Tên lịch trình / itinerary name.") var name: String

    func run() throws {
        let plan = try catalog.readingKit().itinerary(name)
        try catalog.console.out(
            try ProgrammeTable.render(
                plan.report, format: output.resolved, lang: catalog.console.lang, startName: plan.instance.start.name))
    }
}
