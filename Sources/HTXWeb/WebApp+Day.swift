import Foundation
import HTXCatalog
import HTXCore
import HTXItinerary
import HTXKit
import HTXMessages
import Hummingbird

extension WebApp {
    /// `GET /itineraries/{name}/check?day1=…&day2=…`: a hand-made order of each day (ids or tax codes, commas)
    /// evaluated against the saved itinerary's data (`itinerary check`): times, and every broken constraint named.
    /// Nothing is saved. JSON: `{"report": …, "violations": […]}`.
    func checkOrder(_ request: Request, visitor: Visitor, name: String) throws -> Response {
        let query = FormBody(request.uri.query ?? "")
        let plan = try kit.itinerary(name)
        let days = (1...max(1, plan.report.days.count)).map { query["day\($0)"] ?? "" }
        // Within a day, ids are separated by commas, spaces or semicolons alike: a field is one day.
        let order = days.map { day in
            day.split(whereSeparator: { $0 == "," || $0 == ";" || $0.isWhitespace }).joined(separator: ",")
        }.joined(separator: ";")
        let lang = self.lang(request)
        let result = try kit.checkOrder(name, order: order, lang: lang)
        if wantsJSON(request) {
            return try WebResponse.json(
                CheckAnswer(report: result.report, violations: result.violations.map { $0.text(lang) }))
        }
        return page(
            "check-order", title: (lang == .vi ? "Thử thứ tự – " : "Trying an order – ") + name, request: request,
            visitor: visitor,
            values: [
                "path": WebApp.pathPart(name), "name": name,
                "days": try programme(result.report, lang: lang),
                "violations": result.violations.map { $0.text(lang) }, "fits": result.violations.isEmpty,
                "orders": days.enumerated().map { ["number": $0 + 1, "order": $1] },
            ])
    }

    /// A form sent from a page that no longer shows what is saved: refused with 409, nothing changed.
    struct StaleForm: Error {
        var message: Message
    }

    /// What `GET …/check?format=json` answers: the evaluated programme and the broken constraints in words.
    struct CheckAnswer: Encodable {
        var report: ItineraryReport
        var violations: [String]
    }

    /// `POST /itineraries/{name}/replan` (`delay` minutes, `after` a stop's id, else `day`): the rest of that day
    /// shifted, what no longer fits dropped, saved; the page lists every change.
    func replanDay(_ request: Request, visitor: Visitor, name: String, form: FormBody) throws -> Response {
        if let seen = form["_plan"], seen != (try kit.itineraryVersion(name)) {
            throw StaleForm(
                message: Message(
                    "lịch trình \(name) đã thay đổi sau khi trang này được mở (đã dời hoặc lập lại); chưa dời thêm. "
                        + "Mở lại trang, xem giờ mới rồi báo trễ nếu vẫn cần",
                    "itinerary \(name) changed after this page was opened (replanned or planned again); nothing was "
                        + "shifted. Open the page again, check the new times, then report the delay if still needed"))
        }
        let delay = try WebApp.number(form["delay"], field: "delay", default: 0, range: 1...600)
        let after = form["after"].flatMap { $0.isEmpty ? nil : $0 }
        let day = try WebApp.number(form["day"], field: "day", default: 1, range: 1...31)
        let lang = self.lang(request)
        let result = try kit.replan(name, delay: delay, after: after, day: day, lang: lang)
        if wantsJSON(request) { return try WebResponse.json(result.report) }
        let toToday = form["back"] == "today"
        let back = toToday ? "/today?day=\(day)" + (after.map { "&done=" + WebApp.pathPart($0) } ?? "") : ""
        return page(
            "replanned", title: (lang == .vi ? "Đã dời lịch – " : "Replanned – ") + name, request: request,
            visitor: visitor,
            values: [
                "path": WebApp.pathPart(name), "back": "/itineraries/\(WebApp.pathPart(name))" + back,
                "backLabel": toToday ? (lang == .vi ? "Về trang trong ngày" : "Back to the day") : false,
                "changes": result.changes.map { $0.text(lang) }, "hasChanges": !result.changes.isEmpty,
                "days": try programme(result.report, lang: lang),
            ])
    }

    /// `GET /itineraries/{name}/today?day=N&done=ID`: the day on a phone: the next stop (after `done`, else the
    /// first), its host's receiver and phone from the visit details, and buttons that report a delay.
    func today(_ request: Request, visitor: Visitor, name: String) throws -> Response {
        let query = FormBody(request.uri.query ?? "")
        let plan = try kit.itinerary(name)
        let count = plan.report.days.count
        guard count > 0 else { throw UserError("lịch trình không có ngày nào", "the itinerary has no day") }
        let number = try WebApp.number(query["day"], field: "day", default: 1, range: 1...count)
        let day = plan.report.days[number - 1]
        let lang = self.lang(request)
        let done = query["done"] ?? ""
        let nextIndex = day.stops.firstIndex { $0.id == done }.map { $0 + 1 } ?? 0
        // The people of the day (hosts, the driver) are the visit file's: only for those who may read it.
        let visit = visitor.seesVisitPeople ? try kit.visit(name) : nil
        let coops = Dictionary(
            try kit.list().map { (String($0.id), $0) }, uniquingKeysWith: { a, _ in a })
        func receiver(_ stop: ItineraryReport.Stop) -> [String: Any]? {
            let hosts = visit?.hosts ?? [:]
            guard let person = hosts[stop.id] ?? coops[stop.id]?.taxCode.flatMap({ hosts[$0] }) else { return nil }
            // An empty value is left out, not shown as an empty line or link.
            func given(_ text: String?) -> Any { text.flatMap { $0.isEmpty ? nil : $0 } ?? false }
            return ["name": given(person.name), "title": given(person.title), "phone": given(person.phone)]
        }
        let stops = day.stops.enumerated().map { index, stop -> [String: Any] in
            [
                "id": stop.id, "name": stop.name, "start": stop.start, "depart": stop.depart,
                "next": index == nextIndex, "past": index < nextIndex,
                "receiver": receiver(stop) ?? false,
                "tel": (receiver(stop)?["phone"] as? String).map { $0.filter { $0.isNumber || $0 == "+" } } ?? "",
            ]
        }
        let next = day.stops.indices.contains(nextIndex) ? stops[nextIndex] : nil
        return page(
            "today", title: (lang == .vi ? "Trong ngày – " : "On the day – ") + name, request: request,
            visitor: visitor,
            values: [
                "plan": try kit.itineraryVersion(name),
                "path": WebApp.pathPart(name), "day": number,
                "heading": (lang == .vi ? "Ngày \(number)" : "Day \(number)")
                    + (day.date.map { " – " + VietnameseDate.dayHeading($0) } ?? ""),
                "next": next ?? false, "stops": stops, "finished": next == nil,
                "after": nextIndex > 0 ? day.stops[nextIndex - 1].id : "",
                "delays": [15, 30, 60].map { ["minutes": $0] },
                "driver": visit?.vehicle?.driver.map { driver -> [String: Any] in
                    func given(_ text: String?) -> Any { text.flatMap { $0.isEmpty ? nil : $0 } ?? false }
                    return [
                        "name": given(driver.name), "phone": given(driver.phone), "plate": given(visit?.vehicle?.plate),
                    ]
                } ?? false,
            ])
    }

    /// `GET /itineraries/{name}/visit`: the visit details (SPEC §11) as their YAML file, editable in the page.
    func visitForm(_ request: Request, visitor: Visitor, name: String) throws -> Response {
        _ = try kit.itinerary(name)
        if wantsJSON(request) { return try WebResponse.json(try kit.visit(name) ?? VisitDetails()) }
        let text =
            try kit.visit(name).map(VisitFile.yaml)
            ?? String(decoding: try configuration.seeds.sampleVisit().bytes, as: UTF8.self)
        return visitPage(
            request, visitor: visitor, name: name, text: text, error: nil, stored: try kit.visit(name) != nil)
    }

    /// `POST /itineraries/{name}/visit` (`visit`: the file's text): read as `htx brief --visit` reads a file, and
    /// stored with the itinerary; a refusal shows beside the text, which is kept as typed.
    func saveVisit(_ request: Request, visitor: Visitor, name: String, form: FormBody) throws -> Response {
        let text = form["visit"] ?? ""
        let lang = self.lang(request)
        do {
            let details = try VisitFile.parse(Array(text.utf8), file: lang == .vi ? "biểu mẫu" : "form")
            try kit.saveVisit(name, details: details)
        } catch let error as KitError {
            guard wantsJSON(request) == false else { throw error }
            let message = ErrorMessages.message(for: error)?.text(lang) ?? "\(error)"
            return visitPage(
                request, visitor: visitor, name: name, text: text, error: message, stored: false, status: .badRequest)
        }
        if wantsJSON(request) { return try WebResponse.json(try kit.visit(name) ?? VisitDetails()) }
        return Response(
            status: .seeOther,
            headers: [.location: "/itineraries/" + WebApp.pathPart(name) + langSuffix(request)])
    }

    func visitPage(
        _ request: Request, visitor: Visitor, name: String, text: String, error: String?, stored: Bool,
        status: HTTPResponse.Status = .ok
    ) -> Response {
        let lang = self.lang(request)
        return page(
            "visit", title: (lang == .vi ? "Thông tin chuyến đi – " : "Visit details – ") + name, request: request,
            visitor: visitor,
            values: [
                "path": WebApp.pathPart(name), "text": text, "error": error ?? false, "sample": !stored,
            ], status: status)
    }

    /// A report's days as the programme tables show them.
    func programme(_ report: ItineraryReport, lang: Lang) throws -> [[String: Any]] {
        let coopIDs = Set(try kit.list().map { String($0.id) })
        return report.days.enumerated().map { index, day -> [String: Any] in
            [
                "number": index + 1,
                "heading": (lang == .vi ? "Ngày \(index + 1)" : "Day \(index + 1)")
                    + (day.date.map { " – " + VietnameseDate.dayHeading($0) } ?? ""),
                "order": day.stops.map(\.id).joined(separator: ","),
                "departAt": day.departAt, "returnAt": day.returnAt,
                "lunch": day.lunch.map { lunch in
                    // Lunch after no stop is at the place the day starts from: before leaving, or once back.
                    let atStart = !day.stops.contains { $0.id == lunch.after }
                    let when =
                        !atStart
                        ? ""
                        : lunch.start >= day.returnAt
                            ? (lang == .vi ? " (sau khi về)" : " (once back)")
                            : (lang == .vi ? " (trước khi đi)" : " (before leaving)")
                    return "\(lunch.start) – \(lunch.end)" + when
                } ?? false,
                "stops": day.stops.map { stop -> [String: Any] in
                    [
                        "id": stop.id, "start": stop.start, "depart": stop.depart, "name": stop.name,
                        "link": coopIDs.contains(stop.id) ? "/coops/\(stop.id)" : false,
                        "travel": "\(stop.travelMinutes) \(lang == .vi ? "phút" : "min"), "
                            + VietnameseNumber.format(stop.distanceKm, decimals: 1) + " km",
                    ]
                },
            ]
        }
    }
}
