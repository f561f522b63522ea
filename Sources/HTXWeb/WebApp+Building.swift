import Foundation
import HTXCatalog
import HTXCore
import HTXKit
import HTXShortlist
import Hummingbird

extension WebApp {
    /// `GET /shortlists`: the saved shortlists and the form that builds one.
    /// After a refused build, the form shows what was typed and why it was refused.
    func shortlists(_ request: Request, visitor: Visitor, form: FormBody? = nil, error: Error? = nil) throws -> Response
    {
        let list = try kit.shortlists()
        if wantsJSON(request) { return try WebResponse.json(list) }
        let lang = self.lang(request)
        let profile = try defaultProfile()
        let typedGrade = form?["minGrade"] ?? profile.filters.minGrade ?? ""
        return page(
            "shortlists", title: lang == .vi ? "Danh sách điển hình" : "Shortlists", request: request, visitor: visitor,
            values: [
                "lists": list.map {
                    [
                        "name": $0.name, "path": WebApp.pathPart($0.name), "size": $0.size, "approved": $0.approved,
                        "builtAt": WebApp.localTime($0.builtAt),
                    ] as [String: Any]
                },
                "profileTitle": profile.title,
                "criteria": Criterion.allCases.map {
                    [
                        "key": $0.rawValue, "label": $0.label.text(lang),
                        "weight": form?["w-" + $0.rawValue] ?? CriteriaProfile.weightText(profile.weight($0)),
                    ]
                },
                "grades": GradeScheme.tt01of2020.bands.map {
                    ["label": $0.label, "selected": $0.label == typedGrade] as [String: Any]
                },
                "noMinGrade": typedGrade.isEmpty,
                "minYears": form?["minYears"] ?? profile.filters.minYearsOperating.map(String.init) ?? "",
                "nameValue": form?["name"] ?? "", "size": form?["size"] ?? "8",
                "maxPerDistrict": form?["maxPerDistrict"] ?? "2", "minPerSector": form?["minPerSector"] ?? "0",
                "replaceChecked": form?["replace"] == "1",
                "buildError": error.map { failureMessage($0, lang: lang) } ?? false,
            ], status: error.map { failureStatus($0) } ?? .ok)
    }

    /// The default criteria profile of the seeds.
    func defaultProfile() throws -> CriteriaProfile {
        let (text, path) = try configuration.seeds.defaultProfile()
        return try CriteriaProfile.parse(yaml: text, file: PathName.name(path))
    }

    /// The default profile with the weights and filters of the build form (fields `w-CRITERION`, `minGrade`,
    /// `minYears`); a field left out keeps the profile's value.
    func profile(from form: FormBody) throws -> CriteriaProfile {
        let base = try defaultProfile()
        var profile = base
        var weights: [(Criterion, Double)] = []
        for criterion in Criterion.allCases {
            var weight = base.weight(criterion)
            if let text = form["w-" + criterion.rawValue]?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
                guard let value = Double(text.replacingOccurrences(of: ",", with: ".")), value.isFinite else {
                    throw UserError(
                        "trọng số \(criterion.label.vi): cần một số (đã nhập \"\(text)\")",
                        "weight of \(criterion.label.en): a number is needed (got \"\(text)\")")
                }
                weight = value
            }
            weights.append((criterion, weight))
        }
        profile.weights = weights
        if let grade = form["minGrade"] {
            profile.filters.minGrade = grade.isEmpty ? nil : grade
        }
        if let years = form["minYears"] {
            profile.filters.minYearsOperating =
                years.isEmpty ? nil : try WebApp.number(years, field: "minYears", default: 0, range: 0...200)
        }
        // The profile file's own checks (weight range, grade labels) apply through parsing its text.
        var checked = try CriteriaProfile.parse(yaml: profile.yaml, file: "biểu mẫu / form")
        if checked != base { checked.name = base.name + "-web" }
        return checked
    }

    /// `POST /shortlists`: builds a shortlist with the default profile as the form weighs it, its size and quotas.
    func buildShortlist(_ request: Request, visitor: Visitor, form: FormBody) throws -> Response {
        do {
            return try buildShortlistAsked(request, visitor: visitor, form: form)
        } catch {
            // The form again, as typed, with the reason above it: nothing typed is lost.
            if wantsJSON(request) { throw error }
            return try shortlists(request, visitor: visitor, form: form, error: error)
        }
    }

    func buildShortlistAsked(_ request: Request, visitor: Visitor, form: FormBody) throws -> Response {
        let name = (form["name"] ?? "").trimmingCharacters(in: .whitespaces)
        guard name.range(of: "^[\\p{L}\\p{N}_-]{1,60}$", options: .regularExpression) != nil else {
            throw UserError(
                "tên danh sách: chữ, số, - hoặc _ (tối đa 60)", "shortlist name: letters, digits, - or _ (up to 60)")
        }
        var build = ShortlistRequest(name: name, origin: visitor.origin)
        let profile = try self.profile(from: form)
        build.profile = (profile.name, profile.yaml)
        build.size = try WebApp.number(form["size"], field: "size", default: 8, range: 1...500)
        build.minPerSector = try WebApp.number(form["minPerSector"], field: "minPerSector", default: 0, range: 0...50)
        let cap = try WebApp.number(form["maxPerDistrict"], field: "maxPerDistrict", default: 0, range: 0...500)
        build.maxPerDistrict = cap == 0 ? nil : cap
        build.replace = form["replace"] == "1"
        let record = try kit.buildShortlist(build)
        if wantsJSON(request) { return try WebResponse.json(record) }
        return Response(
            status: .seeOther, headers: [.location: "/shortlists/" + WebApp.pathPart(name) + langSuffix(request)])
    }

    /// `GET /itineraries`: the saved itineraries and the form that plans one from a shortlist.
    func itineraries(_ request: Request, visitor: Visitor) throws -> Response {
        let names = try kit.catalog.itineraryNames()
        if wantsJSON(request) { return try WebResponse.json(names) }
        let lang = self.lang(request)
        return page(
            "itineraries", title: lang == .vi ? "Lịch trình" : "Itineraries", request: request, visitor: visitor,
            values: [
                "names": names.map { ["name": $0, "path": WebApp.pathPart($0)] },
                "shortlists": try kit.shortlists().map { ["name": $0.name] },
            ])
    }

    /// `POST /itineraries`: plans the approved (else proposed) entries of a shortlist over the days from a date.
    func planItinerary(_ request: Request, visitor: Visitor, form: FormBody) throws -> Response {
        let name = (form["name"] ?? "").trimmingCharacters(in: .whitespaces)
        guard name.range(of: "^[\\p{L}\\p{N}_-]{1,60}$", options: .regularExpression) != nil else {
            throw UserError(
                "tên lịch trình: chữ, số, - hoặc _ (tối đa 60)", "itinerary name: letters, digits, - or _ (up to 60)")
        }
        let shortlist = form["shortlist"] ?? ""
        var plan = PlanRequest(name: name, source: .shortlist(shortlist), date: form["date"] ?? "")
        plan.days = try WebApp.number(form["days"], field: "days", default: 1, range: 1...31)
        plan.replace = form["replace"] == "1"
        plan.lang = lang(request)
        plan.startedAt = kit.clock()
        _ = try kit.planItinerary(plan)
        if wantsJSON(request) { return try WebResponse.json(try kit.itinerary(name).report) }
        return Response(
            status: .seeOther, headers: [.location: "/itineraries/" + WebApp.pathPart(name) + langSuffix(request)])
    }

    /// A whole number of a form field in `range`, or `fallback` when the field is empty.
    static func number(_ text: String?, field: String, default fallback: Int, range: ClosedRange<Int>) throws -> Int {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return fallback }
        guard let value = Int(text), range.contains(value) else {
            throw UserError(
                "\(field): số nguyên từ \(range.lowerBound) đến \(range.upperBound) (đã nhập \"\(text)\")",
                "\(field): a whole number from \(range.lowerBound) to \(range.upperBound) (got \"\(text)\")")
        }
        return value
    }

    /// The characters a path segment keeps as they are (RFC 3986 unreserved, ASCII only).
    static let pathSafe = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    /// `text` as one percent-encoded path segment.
    static func pathPart(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: pathSafe) ?? text
    }

    func langSuffix(_ request: Request) -> String { lang(request) == .en ? "?lang=en" : "" }
}
