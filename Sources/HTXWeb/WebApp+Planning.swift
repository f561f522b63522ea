import Foundation
import HTXCatalog
import HTXCore
import HTXDocument
import HTXKit
import HTXPackage
import Hummingbird

extension WebApp {
    /// `GET /shortlists/{name}`: the entries with points per criterion, reasons and status, each with approve /
    /// reject.
    func shortlist(_ request: Request, visitor: Visitor, name: String) throws -> Response {
        let record = visitor.shown(try kit.shortlist(name))
        if wantsJSON(request) { return try WebResponse.json(record) }
        let lang = self.lang(request)
        let labels: [ShortlistRecord.Status: (String, String)] = [
            .proposed: ("Đề xuất", "Proposed"), .approved: ("Đã duyệt", "Approved"),
            .rejected: ("Không duyệt", "Rejected"),
        ]
        let entries = record.entries.map { entry -> [String: Any] in
            [
                "rank": entry.rank, "id": String(entry.id), "name": entry.name, "district": entry.district ?? "",
                "score": VietnameseNumber.format(entry.score, decimals: 1), "reasons": entry.reasons,
                "points": entry.criteria.pairs.filter { $0.points > 0 }.map {
                    [
                        "key": Criterion(rawValue: $0.key)?.label.text(lang) ?? $0.key,
                        "value": VietnameseNumber.format($0.points, decimals: 1),
                    ]
                },
                "statusLabel": lang == .vi ? labels[entry.status]?.0 ?? "" : labels[entry.status]?.1 ?? "",
                "note": entry.note ?? false, "list": WebApp.pathPart(name),
            ]
        }
        let approved = record.entries.filter { $0.status == .approved }.count
        let misses = record.notSelected.map { miss -> [String: Any] in
            [
                "id": String(miss.id), "name": miss.name, "reason": miss.reason,
                "score": miss.score.map { VietnameseNumber.format($0, decimals: 1) } ?? "–",
            ]
        }
        func statusText(_ raw: String?) -> String {
            // "approved: note" as history keeps it: the status in words, then the note.
            guard let raw, !raw.isEmpty else { return "–" }
            let parts = raw.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            let status = ShortlistRecord.Status(rawValue: parts[0]).flatMap { labels[$0] }
            let word = status.map { lang == .vi ? $0.0 : $0.1 } ?? parts[0]
            return parts.count > 1 ? "\(word) – \(parts[1])" : word
        }
        let history = try kit.shortlistHistory(name).reversed().map { line -> [String: Any] in
            [
                "at": WebApp.localTime(line.entry.at), "by": visitor.shown(line.entry).by ?? "", "id": String(line.id),
                "name": line.name, "old": statusText(visitor.shownDecision(line.entry.old)),
                "new": statusText(visitor.shownDecision(line.entry.new)),
            ]
        }
        return page(
            "shortlist", title: (lang == .vi ? "Danh sách điển hình " : "Shortlist ") + name, request: request,
            visitor: visitor,
            values: [
                "entries": entries, "list": WebApp.pathPart(name), "misses": misses, "hasMisses": !misses.isEmpty,
                "decisions": history, "hasDecisions": !history.isEmpty,
                "profileLine": lang == .vi
                    ? "Hồ sơ tiêu chí \(record.profile), dữ liệu năm \(record.dataYear), lập lúc "
                        + WebApp.localTime(record.builtAt) + "."
                    : "Profile \(record.profile), data of \(record.dataYear), built "
                        + WebApp.localTime(record.builtAt) + ".",
                "weightsLine": WebApp.weightsLine(record, lang: lang),
                "summary": lang == .vi
                    ? "\(record.entries.count) hợp tác xã, \(approved) đã duyệt."
                    : "\(record.entries.count) cooperatives, \(approved) approved.",
            ])
    }

    /// The weights and filters a shortlist was built with, in words ("Xếp loại 20 · OCOP 10 …; xếp loại tối thiểu
    /// Khá").
    static func weightsLine(_ record: ShortlistRecord, lang: Lang) -> String {
        let weights = (record.parameters["weights"] ?? "").split(separator: ",").compactMap { pair -> String? in
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { return nil }
            return (Criterion(rawValue: parts[0])?.label.text(lang) ?? parts[0]) + " " + parts[1]
        }
        guard !weights.isEmpty else { return "" }
        var line = (lang == .vi ? "Trọng số: " : "Weights: ") + weights.joined(separator: " · ")
        if let grade = record.parameters["minGrade"] {
            line += lang == .vi ? "; xếp loại tối thiểu \(grade)" : "; lowest grade \(grade)"
        }
        if let years = record.parameters["minYearsOperating"] {
            line += lang == .vi ? "; hoạt động từ \(years) năm" : "; at least \(years) years in operation"
        }
        return line + "."
    }

    /// `POST /shortlists/{name}/entries/{id}`: approve, reject or propose again, with a note; then back to the list.
    func decide(_ request: Request, visitor: Visitor, name: String, id: String, form: FormBody) throws -> Response {
        guard let status = form["status"].flatMap(ShortlistRecord.Status.init(rawValue:)) else {
            throw UserError(
                "status: dùng approved, rejected hoặc proposed", "status: use approved, rejected or proposed")
        }
        let note = form["note"].flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        let entry = try kit.setShortlistStatus(
            name, cooperative: id, status: status, note: note, origin: visitor.origin)
        if wantsJSON(request) { return try WebResponse.json(entry) }
        let path = "/shortlists/" + WebApp.pathPart(name)
        return Response(status: .seeOther, headers: [.location: path + (lang(request) == .en ? "?lang=en" : "")])
    }

    /// `GET /itineraries/{name}`: the programme by day and the route map (the packet's drawing, as SVG).
    func itinerary(_ request: Request, visitor: Visitor, name: String) throws -> Response {
        let plan = try kit.itinerary(name)
        if wantsJSON(request) { return try WebResponse.json(plan.report) }
        let lang = self.lang(request)
        let days = try programme(plan.report, lang: lang)
        let map = try kit.routeMap(name, boundaries: boundaries, attribution: SeedDirectory.boundariesAttribution)
        return page(
            "itinerary", title: (lang == .vi ? "Lịch trình " : "Itinerary ") + name, request: request, visitor: visitor,
            values: [
                "name": name, "path": WebApp.pathPart(name), "days": days, "plan": try kit.itineraryVersion(name),
                "replanned": plan.saved.parameters["replanned"] ?? false,
                "map": map.map { HTMLRenderer().svg($0) } ?? false,
                "summary": lang == .vi
                    ? "\(plan.report.days.count) ngày, \(plan.report.totalTravelMinutes) phút di chuyển."
                    : "\(plan.report.days.count) days, \(plan.report.totalTravelMinutes) minutes of travel.",
            ])
    }

    /// `GET /itineraries/{name}/packet.pdf|docx|html|md` and `letters.zip`: the documents as `htx brief` makes them.
    func document(_ request: Request, visitor: Visitor, name: String, file: String) throws -> Response {
        let fonts = FontLocator.serif()
        let created = kit.documentTime()
        if file == "letters.zip" {
            // Also checked here: whatever address reached this handler, the letters name people.
            guard visitor.seesVisitPeople else { throw Forbidden() }
            let letters = try kit.letters(name, fonts: fonts, created: created)
            var parts: [(path: String, data: Data)] = []
            for letter in letters {
                for (format, data) in letter.files { parts.append((letter.stem + "." + format.rawValue, data)) }
            }
            return WebResponse.download(
                try OOXMLPackage.zip(data: parts), name: "thu-moi-\(name).zip", type: "application/zip")
        }
        // The exact names only: "packet.md%00.html" or "x/../packet.pdf" are no document.
        guard let format = DocumentFormat(fileName: file), file == "packet." + format.rawValue else {
            return WebResponse.text("404: no such document", status: .notFound)
        }
        var brief = BriefRequest(itinerary: name)
        brief.publicOnly = visitor.publicView
        brief.visitPeople = visitor.seesVisitPeople
        brief.created = created
        brief.boundaries = boundaries
        brief.boundariesAttribution = SeedDirectory.boundariesAttribution
        let briefing = try kit.briefing(brief)
        let data = try Kit.render(briefing.document, as: format, fonts: fonts)
        let types: [DocumentFormat: String] = [
            .pdf: "application/pdf", .html: "text/html; charset=utf-8", .md: "text/markdown; charset=utf-8",
            .docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ]
        return WebResponse.download(
            data, name: "tai-lieu-\(name).\(format.rawValue)", type: types[format] ?? "application/octet-stream")
    }
}
