import Foundation
import HTXCatalog
import HTXCore
import HTXShortlist

/// Everything the demo makes of the sample catalog, for the caller to render and write.
public struct DemoResult: Sendable {
    /// The use cases over the new catalog.
    public var kit: Kit
    /// How many illustrative cooperatives were added.
    public var added: Int
    public var list: [CooperativeSummary]
    public var search: SearchResult
    public var check: CheckReport
    /// The first record in name order, shown as a sample sheet.
    public var sample: Cooperative?
    public var shortlist: ShortlistRecord
    public var plan: PlanResult
    public var briefing: Briefing
}

extension Kit {
    /// The name of the demo's itinerary and shortlist.
    public static let demoName = "demo"

    /// Makes a new catalog at `path` (which must not exist) from the seeds, and runs the whole pipeline on it as
    /// the delegation of plan 231 would have had it: the listing, a search, the quality report, a shortlist of 8,
    /// a two-day programme from 28 October 2021 and its packet.
    public static func demo(
        catalogPath path: String, seeds: SeedDirectory, lang: Lang, clock: @escaping @Sendable () -> Date = Date.init
    ) throws -> DemoResult {
        let kit = Kit(catalog: try Catalog.open(path: path, create: true, now: clock), clock: clock)
        try kit.catalog.loadDistricts(seeds.districts())
        try kit.catalog.loadUnits(seeds.units())
        let origin = ChangeOrigin(by: "htx demo", source: "Seeds/\(SeedDirectory.sampleFile)")
        let (added, _) = try kit.catalog.addAll(try seeds.sampleCatalog(), origin: origin)
        let (profileText, profilePath) = try seeds.defaultProfile()
        var shortlistRequest = ShortlistRequest(
            name: demoName, origin: ChangeOrigin(by: "htx demo", source: "shortlist build"))
        shortlistRequest.profile = (PathName.name(profilePath), profileText)
        shortlistRequest.maxPerDistrict = 2
        shortlistRequest.replace = true
        let shortlist = try kit.buildShortlist(shortlistRequest)
        var planRequest = PlanRequest(name: demoName, source: .shortlist(demoName), date: "2021-10-28")
        planRequest.days = 2
        planRequest.replace = true
        planRequest.lang = lang
        let plan = try kit.planItinerary(planRequest)
        let visit = try seeds.sampleVisit()
        try kit.saveVisit(demoName, details: try VisitFile.parse(visit.bytes, file: visit.path))
        var briefRequest = BriefRequest(itinerary: demoName)
        briefRequest.created = kit.documentTime()
        briefRequest.boundaries = try seeds.districtBoundaries()
        briefRequest.boundariesAttribution = SeedDirectory.boundariesAttribution
        return DemoResult(
            kit: kit, added: added.count, list: try kit.list(), search: try kit.search("dong anh"),
            check: try kit.check(lang: lang), sample: try kit.catalog.allCooperatives().first, shortlist: shortlist,
            plan: plan, briefing: try kit.briefing(briefRequest))
    }
}
