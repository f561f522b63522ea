import ArgumentParser

/// `htx itinerary …`: the timed visit programme.
struct ItineraryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "itinerary",
        abstract: "Lịch trình thăm HTX có giờ giấc: tối ưu, có giải thích điểm nào không xếp được.",
        discussion: """
            Ví dụ / Examples:
              htx itinerary plan doan-tw --shortlist doan-tw-2021 --date 2021-10-28 --days 2
              htx itinerary show doan-tw
              htx itinerary check doan-tw --order 12,7,3
              htx itinerary replan doan-tw --delay 30 --after 7
              htx itinerary solve ../shared/bench/instances/n08_d2.json --format json
            """,
        subcommands: [
            ItineraryPlanCommand.self, ItineraryShowCommand.self, ItineraryCheckCommand.self,
            ItineraryReplanCommand.self,
            ItinerarySolveCommand.self,
        ])
}
