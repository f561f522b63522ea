import Foundation
import HTXCatalog
import HTXCore
import HTXItinerary
import HTXKit
import HTXMessages
import HTXShortlist
import HTXTestSupport
import Testing

/// Every use case in process, on an in-memory catalog of the 50 samples, with the clock fixed at `Fixtures.now`.
@Suite("Kit use cases")
struct KitTests {
    let origin = ChangeOrigin(by: "Kiểm thử", source: "test")

    /// The use cases over a fresh in-memory catalog of the samples.
    func kit() throws -> Kit {
        let catalog = try Catalog.inMemory(now: Fixtures.clock)
        try catalog.loadDistricts(Fixtures.seeds.districts())
        try catalog.loadUnits(Fixtures.seeds.units())
        try catalog.addAll(Fixtures.seeds.sampleCatalog(), origin: origin)
        return Kit(catalog: catalog, clock: Fixtures.clock)
    }

    @Test("add, edit, remove and history: every change stamped with the injected clock and the origin")
    func cooperatives() throws {
        let kit = try kit()
        let added = try kit.addCooperative(
            name: "HTX Rau Đặng Xá", fields: [FieldValue("district", "Gia Lâm"), FieldValue("sectors", "nong-nghiep")],
            origin: origin)
        let id = try #require(added.cooperative.id)
        let edited = try kit.editCooperative(String(id), fields: [FieldValue("members", "120")], origin: origin)
        #expect(edited.changes.map(\.field) == ["members"] && edited.cooperative.members == 120)
        _ = try kit.removeCooperative(String(id), origin: origin)
        let history = try kit.history(String(id))
        #expect(history.map(\.action) == [.create, .update, .delete])
        #expect(history.allSatisfy { $0.at == "2021-10-20T08:00:00Z" && $0.by == "Kiểm thử" })
        #expect(throws: KitError.badText(field: .origin, scalar: 0x1B)) {
            try kit.editCooperative(
                "1", fields: [FieldValue("note", "x")], origin: ChangeOrigin(by: "a\u{1B}b", source: "t"))
        }
    }

    @Test("list, search and check read the catalog; an unknown sector is a typed error")
    func reads() throws {
        let kit = try kit()
        #expect(try kit.list(district: "dong anh", sector: nil, grade: nil).count >= 3)
        #expect(throws: KitError.unknownSector("thuỷ tinh")) {
            try kit.list(district: nil, sector: "thuỷ tinh", grade: nil)
        }
        let found = try kit.search("dong anh", limit: 5)
        #expect(found.query == "dong anh" && (3...5).contains(found.results.count))
        let report = try kit.check(lang: .en)
        #expect(
            report.cooperatives == 50 && report.referenceYear == 2020 && report.issues.count == report.findings.count)
    }

    @Test("export and import round-trip the catalog through every format")
    func transfer() throws {
        let kit = try kit()
        let folder = try TemporaryFolder()
        for format in ExportFormat.allCases {
            let export = try kit.export(format, publicOnly: false)
            #expect(export.count == 50 && !export.data.isEmpty)
            let file = folder.file("danh-muc.\(format.rawValue)")
            try export.data.write(to: URL(fileURLWithPath: file))
            var request = ImportRequest(files: [file], origin: origin)
            request.dryRun = true
            let reports = try kit.importFiles(request)
            #expect(
                reports.count == 1 && reports[0].errors.isEmpty,
                "\(format): \(reports.first?.errors.map { $0.text(.en) } ?? [])")
            #expect(reports[0].unchanged + reports[0].updated == 50, "\(format)")
        }
    }

    @Test("a shortlist is built with the injected clock, approved, and listed")
    func shortlist() throws {
        let kit = try kit()
        var request = ShortlistRequest(name: "doan", origin: origin)
        request.size = 6
        request.maxPerDistrict = 1
        let record = try kit.buildShortlist(request)
        #expect(record.entries.count == 6 && record.builtAt == "2021-10-20T08:00:00Z")
        #expect(record.entries.allSatisfy { ($0.reasonKinds ?? []).count == $0.reasons.count })
        let first = try #require(record.entries.first)
        let entry = try kit.setShortlistStatus(
            "doan", cooperative: String(first.id), status: .approved, note: "Đủ", origin: origin)
        #expect(entry.status == .approved)
        #expect(try kit.shortlists().first?.approved == 1)
        request.name = " "
        #expect(throws: KitError.badText(field: .shortlistName, scalar: nil)) { try kit.buildShortlist(request) }
    }

    @Test("an itinerary is planned from the shortlist, shown, checked, replanned (previewed, then saved) and solved")
    func itinerary() throws {
        let kit = try kit()
        var shortlist = ShortlistRequest(name: "doan", origin: origin)
        shortlist.size = 6
        _ = try kit.buildShortlist(shortlist)
        var plan = PlanRequest(name: "tw", source: .shortlist("doan"), date: "2021-10-30")
        plan.days = 2
        let result = try kit.planItinerary(plan)
        #expect(result.usedProposed == 6)
        #expect(result.report.days.first.map { !$0.stops.isEmpty } == true)
        #expect(result.notices.contains(.weekend(date: "2021-10-30", weekday: 7)))
        let saved = try kit.itinerary("tw")
        #expect(saved.report == result.report)
        let order = saved.report.days.map { $0.stops.map(\.id).joined(separator: ",") }.joined(separator: ";")
        #expect(try kit.checkOrder("tw", order: order, lang: .vi).violations.isEmpty)
        #expect(try kit.checkOrder("tw", order: "", lang: .vi).violations.isEmpty == false)
        let preview = try kit.replan("tw", delay: 45, after: nil, lang: .vi, save: false)
        #expect(!preview.changes.isEmpty)
        #expect(try kit.itinerary("tw").report == saved.report, "a preview saves nothing")
        _ = try kit.replan("tw", delay: 45, after: nil, lang: .vi)
        #expect(try kit.itinerary("tw").report == preview.report)
        plan.lunch = "11:00/60"
        #expect(throws: KitError.invalidLunch("11:00/60")) { try kit.planItinerary(plan) }
        plan.lunch = "11:00-12:30/60"
        plan.date = "2021-02-29"
        #expect(throws: KitError.invalidDate("2021-02-29")) { try kit.planItinerary(plan) }
        let data = try Data(contentsOf: Fixtures.instances.appendingPathComponent("n08_d2.json"))
        let solved = try Kit.solve(instance: data, file: "n08_d2", timeLimit: 1, lang: .en)
        #expect(solved.report.totalTravelMinutes == 316 && solved.report.optimal)
    }

    @Test("a travel matrix is read with its problems typed")
    func matrix() throws {
        let kit = try kit()
        var plan = PlanRequest(name: "m", source: .cooperatives(["1"]), date: "2021-10-28")
        plan.matrix = MatrixFile(name: "m.csv", bytes: Array("id,start,1,1\nstart,0,10,10\n".utf8))
        #expect(throws: KitError.invalidMatrix(file: "m.csv", row: 1, column: "1", value: nil, problem: .repeatedID)) {
            try kit.planItinerary(plan)
        }
        plan.matrix = MatrixFile(name: "m.csv", bytes: Array("id,start,1\nstart,0,x\n1,10,0\n".utf8))
        #expect(throws: KitError.invalidMatrix(file: "m.csv", row: 2, column: "1", value: "x", problem: .notMinutes)) {
            try kit.planItinerary(plan)
        }
    }

    @Test("the packet and letters are documents rendered in every format; their date comes from SOURCE_DATE_EPOCH")
    func briefing() throws {
        let kit = try kit()
        var shortlist = ShortlistRequest(name: "doan", origin: origin)
        shortlist.size = 4
        _ = try kit.buildShortlist(shortlist)
        _ = try kit.planItinerary(PlanRequest(name: "tw", source: .shortlist("doan"), date: "2021-10-28"))
        #expect(kit.documentTime(environment: ["SOURCE_DATE_EPOCH": "86400"]) == Date(timeIntervalSince1970: 86400))
        #expect(kit.documentTime(environment: [:]) == Fixtures.now)
        var request = BriefRequest(itinerary: "tw")
        request.created = kit.documentTime(environment: [:])
        let briefing = try kit.briefing(request)
        #expect(briefing.removedStops.isEmpty && briefing.document.info.created == Fixtures.now)
        for format in [DocumentFormat.docx, .html, .md] {
            #expect(!(try Kit.render(briefing.document, as: format, fonts: nil)).isEmpty)
        }
        #expect(throws: KitError.noFont) { try Kit.render(briefing.document, as: .pdf, fonts: nil) }
        let letters = try kit.letters("tw", fonts: nil, created: nil)
        #expect(!letters.isEmpty && letters.allSatisfy { $0.files.map(\.format) == [.docx, .html] })
        #expect(DocumentFormat(fileName: "a/b.HTM") == .html && DocumentFormat(fileName: "x.odt") == nil)
    }

    @Test("init, demo, backup and doctor work on files")
    func files() throws {
        let folder = try TemporaryFolder()
        let (made, result) = try Kit.initialize(
            path: folder.file("htx.sqlite"), sample: true, seeds: Fixtures.seeds, origin: origin, busyTimeout: 1,
            clock: Fixtures.clock)
        #expect(result.total == 50 && result.added == 50)
        #expect(try made.backup(to: folder.file("sao-luu.sqlite")) == 50)
        let (report, reindexed) = try made.doctor(repair: true)
        #expect(report.healthy && reindexed == nil)
        let demo = try Kit.demo(
            catalogPath: folder.file("demo.sqlite"), seeds: Fixtures.seeds, lang: .vi, clock: Fixtures.clock)
        #expect(demo.added == 50 && demo.shortlist.entries.count == 8 && demo.plan.report.sitesVisited > 0)
        #expect(demo.search.results.count > 0 && demo.briefing.document.info.created == Fixtures.now)
    }

    @Test("refusals and ways past them are data: no library word names a flag; the command line's words add it")
    func wordsAtTheEdge() throws {
        let kit = try kit()
        let folder = try TemporaryFolder()
        let file = folder.file("moi.csv")
        let stored = try #require(try Fixtures.seeds.sampleCatalog().first)
        let row = "\(stored.name),\(stored.district ?? ""),x"
        try Data("Tên HTX,Quận/Huyện,Cột lạ\n\(row)\n".utf8).write(to: URL(fileURLWithPath: file))
        var request = ImportRequest(files: [file], origin: origin)
        request.onConflict = .fail
        let problems = try kit.importFiles(request)[0].problems
        #expect(Set(problems.compactMap(\.hint)) == [.mapColumns, .chooseConflictPolicy])
        #expect(problems.allSatisfy { !$0.message.vi.contains("--") && !$0.message.en.contains("--") })
        let said = problems.map { ErrorMessages.importProblem($0, .en) }.joined(separator: "\n")
        #expect(said.contains("; use --map to assign them") && said.contains("; use --on-conflict update or skip"))

        let bare = try kit.addCooperative(
            name: "HTX Chưa Có Toạ Độ", fields: [FieldValue("district", "Gia Lâm")], origin: origin)
        var plan = PlanRequest(
            name: "t", source: .cooperatives([String(try #require(bare.cooperative.id)), "1"]), date: "2021-10-28")
        let dropped = try kit.planItinerary(plan).report.dropped
        #expect(dropped.map(\.kind) == [.noCoordinates] && dropped[0].reason == "thiếu toạ độ")
        plan.visitMinutes = 99_999
        let error = ItineraryError.durationOutOfRange(file: nil, what: .visit, minutes: 99_999, limit: 10_080)
        #expect(throws: error) { try kit.planItinerary(plan) }
        #expect(ErrorMessages.message(for: error)?.en == "--visit = 99999 minutes: use 0 to 10080 (a week)")

        var shortlist = ShortlistRequest(name: "doan", origin: origin)
        shortlist.size = 4
        shortlist.include = ["2"]
        let entry = try #require(try kit.buildShortlist(shortlist).entries.first { $0.id == 2 })
        #expect(entry.reasonKinds?.first == .included && entry.reasons.allSatisfy { !$0.contains("--") })
    }
}
