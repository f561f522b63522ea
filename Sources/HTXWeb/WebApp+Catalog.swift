import Foundation
import HTXBriefing
import HTXCatalog
import HTXCore
import HTXDocument
import HTXKit
import Hummingbird

extension WebApp {
    /// The fields the edit form offers: the record's single values (lists and tables are edited with the CLI).
    static let formKeys = [
        "name", "taxCode", "address", "commune", "district", "unit2025", "founded", "members", "employees",
        "charterCapital",
        "lat", "lon", "receptionHours", "note",
    ]

    /// The media type of an Excel workbook.
    static let xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    /// `GET /coops`: the list (or search with `q`), filtered by district, sector and grade, with facet counts.
    func coops(_ request: Request, visitor: Visitor) throws -> Response {
        let query = FormBody(request.uri.query ?? "")
        let q = (query["q"] ?? "").trimmingCharacters(in: .whitespaces)
        let district = query["district"].flatMap { $0.isEmpty ? nil : $0 }
        let unit = query["unit"].flatMap { $0.isEmpty ? nil : $0 }
        // The facet lists units by name; "xa phuc thinh" or "00466" selects "Phúc Thịnh".
        let unitName = try unit.map { try kit.unit(named: $0)?.name ?? $0 }
        let sector = query["sector"].flatMap { $0.isEmpty ? nil : $0 }
        let grade = query["grade"].flatMap { $0.isEmpty ? nil : $0 }
        if let asked = query["format"], let format = ExportFormat(rawValue: asked), format != .json {
            // The selection as shown (search, filters), every record whole, as `htx export` writes it.
            let filter = try kit.filter(district: district, unit: unit, sector: sector, grade: grade)
            // Without personal contacts unless asked for (and never for a viewer): a downloaded file travels.
            let result = try kit.exportSelection(
                query: q, filter: filter, format: format, publicOnly: query["contacts"] != "1" || visitor.publicView)
            let types = [ExportFormat.csv: "text/csv; charset=utf-8", .xlsx: WebApp.xlsxType]
            return WebResponse.download(
                result.data, name: "danh-muc-htx.\(format.rawValue)", type: types[format] ?? "application/octet-stream")
        }
        if wantsJSON(request) {
            if !q.isEmpty {
                let limit = query["limit"].flatMap(Int.init).map { max(1, min(500, $0)) } ?? 20
                return try WebResponse.json(try kit.search(q, limit: limit))
            }
            return try WebResponse.json(try kit.list(district: district, unit: unit, sector: sector, grade: grade))
        }
        let size = configuration.pageSize
        // A page number past any catalog is read as the last page; it never reaches arithmetic that could overflow.
        let requested = min(1_000_000, max(1, query["page"].flatMap(Int.init) ?? 1))
        func row(
            _ id: Int64, _ name: String, _ taxCode: String?, _ district: String?, _ sector: String?,
            _ grade: String?
        ) -> [String: String] {
            [
                "id": String(id), "name": name, "taxCode": taxCode ?? "", "district": district ?? "",
                "sector": sector ?? "", "grade": grade ?? "",
            ]
        }
        func facet(_ counts: [(value: String, count: Int)], selected: String?) -> String {
            let chosen = selected.map { VietnameseText.fold($0) }
            return WebApp.options(
                counts.map {
                    (
                        value: $0.value, label: "\($0.value) (\($0.count))",
                        selected: chosen == VietnameseText.fold($0.value)
                    )
                })
        }
        var shown: [[String: String]]
        var total: Int
        var facets: (String, String, String, String)
        if q.isEmpty {
            // The whole catalog: counted, paged and faceted by SQLite; a page past the end shows the last one.
            let filter = try kit.filter(district: district, unit: unit, sector: sector, grade: grade)
            let counts = try listFacets(filter)
            let last = max(1, (counts.total + size - 1) / size)
            let result = try kit.listPage(filter, page: min(requested, last), size: size, knownTotal: counts.total)
            shown = result.rows.map { row($0.id, $0.name, $0.taxCode, $0.district, $0.sector, $0.grade) }
            total = result.total
            facets = (
                facet(counts.districts, selected: district), facet(counts.sectors, selected: sector),
                facet(counts.grades, selected: grade), facet(WebApp.vietnameseOrder(counts.units), selected: unitName)
            )
        } else {
            // A search: its best 500 hits, faceted here, filtered as the list filters (and as its download).
            let hits = try kit.searchList(q, filter: ListFilter(), limit: 500)
            func counts(_ value: (CooperativeSummary) -> String?) -> [(value: String, count: Int)] {
                var counts: [String: Int] = [:]
                for hit in hits { if let key = value(hit), !key.isEmpty { counts[key, default: 0] += 1 } }
                return WebApp.vietnameseOrder(counts.map { ($0.key, $0.value) })
            }
            facets = (
                facet(counts(\.district), selected: district), facet(counts(\.sector), selected: sector),
                facet(counts(\.grade), selected: grade), facet(counts(\.unit2025), selected: unitName)
            )
            let filter = try kit.filter(district: district, unit: unit, sector: sector, grade: grade)
            let kept = filter == ListFilter() ? hits : try kit.searchList(q, filter: filter, limit: 500)
            let rows = kept.map { row($0.id, $0.name, $0.taxCode, $0.district, $0.sector, $0.grade) }
            total = rows.count
            let lastPage = max(1, (total + size - 1) / size)
            shown = Array(rows.dropFirst((min(requested, lastPage) - 1) * size).prefix(size))
        }
        let pages = max(1, (total + size - 1) / size)
        let pageNumber = min(pages, requested)
        let lang = self.lang(request)
        /// This selection's URL with `extra` fields (a page, a format).
        func link(_ extra: String, language: Bool = true) -> String {
            var parts: [String] = []
            for (name, value) in [
                ("q", q), ("district", district), ("unit", unit), ("sector", sector), ("grade", grade),
            ] {
                if let value, !value.isEmpty {
                    parts.append(
                        name + "=" + (value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
                }
            }
            if language, lang == .en { parts.append("lang=en") }
            parts.append(extra)
            return "/coops?" + parts.joined(separator: "&")
        }
        func link(page: Int) -> String { link("page=\(page)") }
        let vi = lang == .vi
        return page(
            "coops", title: vi ? "Danh mục hợp tác xã" : "Cooperative catalogue", request: request, visitor: visitor,
            values: [
                "q": q, "rowsHTML": WebApp.rows(shown, langQuery: lang == .en ? "?lang=en" : ""),
                "districtOptions": facets.0, "sectorOptions": facets.1, "gradeOptions": facets.2,
                "unitOptions": facets.3,
                "countLine": vi ? "\(total) hợp tác xã" : "\(total) cooperatives",
                "pageLine": vi ? "Trang \(pageNumber)/\(pages)" : "Page \(pageNumber) of \(pages)",
                "previous": pageNumber > 1 ? link(page: pageNumber - 1) : false,
                "next": pageNumber < pages ? link(page: pageNumber + 1) : false,
                "jsonLink": link("format=json", language: false),
                "csvLink": link("format=csv", language: false), "xlsxLink": link("format=xlsx", language: false),
                "fullLink": link("format=xlsx&contacts=1", language: false),
            ])
    }

    /// A history line's action in words.
    static func actionLabel(_ action: HistoryEntry.Action, _ lang: Lang) -> String {
        let words: [HistoryEntry.Action: Message] = [
            .create: Message("tạo hồ sơ", "created"), .update: Message("sửa", "changed"),
            .delete: Message("xoá", "removed"), .status: Message("quyết định", "decision"),
        ]
        return words[action]?.text(lang) ?? action.rawValue
    }

    /// The facet counts of `filter` as the list shows them, in Vietnamese order: kept until the catalog changes.
    func listFacets(_ filter: ListFilter) throws -> ListFacets {
        try cache.facets(filter, version: try kit.catalogVersion()) {
            // Sorted once rather than on every view.
            var facets = try kit.facets(filter)
            facets.districts = WebApp.vietnameseOrder(facets.districts)
            facets.sectors = WebApp.vietnameseOrder(facets.sectors)
            facets.grades = WebApp.vietnameseOrder(facets.grades)
            return facets
        }
    }

    /// Facet values in Vietnamese order.
    static func vietnameseOrder(_ counts: [(value: String, count: Int)]) -> [(value: String, count: Int)] {
        counts.sorted { VietnameseText.areInIncreasingOrder($0.value, $1.value) }
    }

    /// The list's rows as table rows, every value escaped: the one part of the busiest page built here rather than
    /// by the template engine, whose per-value lookups cost most of the page (measured under load).
    static func rows(_ rows: [[String: String]], langQuery: String) -> String {
        var html = ""
        html.reserveCapacity(rows.count * 220)
        for row in rows {
            let e = { (key: String) in HTMLRenderer.escape(row[key] ?? "") }
            let id = e("id")
            html += "<tr><td>\(id)</td><td><a href=\"/coops/\(id)\(langQuery)\">\(e("name"))</a></td>"
            html += "<td class=\"wide\">\(e("taxCode"))</td><td>\(e("district"))</td>"
            html += "<td class=\"wide\">\(e("sector"))</td><td>\(e("grade"))</td></tr>\n"
        }
        return html
    }

    /// `<option>` elements, escaped, the selected one marked.
    static func options(_ options: [(value: String, label: String, selected: Bool)]) -> String {
        options.map {
            "<option value=\"\(HTMLRenderer.escape($0.value))\"\($0.selected ? " selected" : "")>"
                + "\(HTMLRenderer.escape($0.label))</option>"
        }.joined(separator: "\n")
    }

    /// The record as `coop show --format json` prints it, as a dictionary of display strings by key.
    func displayValues(_ coop: Cooperative) throws -> [String: String] {
        let object = try JSONSerialization.jsonObject(with: Data(try JSONText.encode(coop).utf8)) as? [String: Any]
        var values: [String: String] = [:]
        func text(_ value: Any) -> String {
            switch value {
            case let string as String: return string
            case let number as NSNumber: return number.stringValue
            case let array as [Any]: return array.map(text).joined(separator: "; ")
            case let dictionary as [String: Any]:
                return dictionary.keys.sorted().compactMap { key in
                    let inner = text(dictionary[key] as Any)
                    return inner.isEmpty ? nil : "\(key): \(inner)"
                }.joined(separator: ", ")
            default: return ""
            }
        }
        for (key, value) in object ?? [:] { values[key] = text(value) }
        if let location = coop.location {
            values["lat"] = String(location.lat)
            values["lon"] = String(location.lon)
        }
        // The lists a person reads, in words rather than as keys and values.
        values["location"] = nil
        values["unit2025"] = coop.unit2025.map { "\($0.fullName) (\($0.code))" } ?? ""
        values["grades"] = coop.grades.sorted { $0.year > $1.year }.map { grade in
            "\(grade.year): \(grade.grade)"
                + (grade.score.map { " (\(VietnameseNumber.format($0, decimals: 1)) điểm, \(grade.scheme))" } ?? "")
        }.joined(separator: "; ")
        values["certifications"] = coop.certifications.map(\.summary).joined(separator: "; ")
        values["awards"] = coop.awards.map { award in
            [award.level.label, award.title, award.issuer, award.year.map(String.init)].compactMap { $0 }
                .filter { !$0.isEmpty }.joined(separator: ", ")
        }.joined(separator: "; ")
        values["contacts"] = coop.contacts.map { contact in
            [contact.role, contact.name, contact.phone, contact.email].compactMap { $0 }.filter { !$0.isEmpty }
                .joined(separator: ", ")
        }.joined(separator: "; ")
        values["pilot"] = coop.pilot ? "Có / yes" : ""
        return values
    }

    /// `GET /coops/{id}`: the whole record, figures, history and an edit form.
    func coop(
        _ request: Request, visitor: Visitor, id: String, form: FormBody? = nil, errors: [String: String] = [:],
        status: HTTPResponse.Status = .ok
    ) throws -> Response {
        let coop = visitor.shown(try kit.cooperative(id))
        if wantsJSON(request) { return try WebResponse.json(coop) }
        let values = try displayValues(coop)
        let lang = self.lang(request)
        // Figures have their own table below; the rest reads as label and value.
        let facts = CooperativeField.editableKeys.compactMap { key -> [String: String]? in
            guard key != "figures", let value = values[key], !value.isEmpty else { return nil }
            return ["label": WebLabels.field(key, lang), "value": value]
        }
        let fields = WebApp.formKeys.map { key -> [String: Any] in
            [
                "key": key, "label": WebLabels.field(key, lang), "value": form?[key] ?? values[key] ?? "",
                "error": errors[key] ?? false,
            ]
        }
        let figures = coop.figures.map { f -> [String: String] in
            [
                "year": String(f.year), "revenue": f.revenue.map { VietnameseNumber.format($0) } ?? "",
                "profit": f.profit.map { VietnameseNumber.format($0) } ?? "",
                "income": f.memberIncome.map { VietnameseNumber.format($0, decimals: 1) } ?? "",
                "members": f.members.map { String($0) } ?? "",
            ]
        }
        let history = try kit.history(id).reversed().map(visitor.shown).map { entry -> [String: Any] in
            [
                "at": WebApp.localTime(entry.at), "by": entry.by ?? "",
                "action": WebApp.actionLabel(entry.action, lang),
                "field": entry.field ?? false,
                "old": entry.old ?? "", "new": entry.new ?? "",
            ]
        }
        var pageValues: [String: Any] = [
            "id": String(coop.id ?? 0), "facts": facts, "fields": fields, "figures": figures,
            "hasFigures": !figures.isEmpty, "history": history,
            // The form only for whom the server would take it from (it checks again).
            "mayEditThis": visitor.may(.edit)
                && (visitor.ownDistrict.map { DistrictRefusal.isOwn(coop.district, $0) } ?? true),
            "chart": coop.figuresByYear.isEmpty
                ? false : HTMLRenderer().svg(BriefingBuilder.figuresChart(coop.figuresByYear)),
            "version": String(try kit.version(id)),
        ]
        if request.uri.queryParameters.get("saved") == "1" {
            pageValues["notice"] = lang == .vi ? "Đã lưu thay đổi." : "Changes saved."
        }
        if !errors.isEmpty {
            pageValues["notice"] =
                lang == .vi ? "Chưa lưu: sửa các ô báo lỗi." : "Not saved: correct the marked fields."
        }
        return page("coop", title: coop.name, request: request, visitor: visitor, values: pageValues, status: status)
    }

    /// `POST /coops/{id}`: the changed fields of the form, checked as the CLI checks them; each error beside its
    /// field (400), a stale `_version` refused (409), then back to the record.
    func editCoop(_ request: Request, visitor: Visitor, id: String, form: FormBody) throws -> Response {
        let coop = try kit.cooperative(id)
        let current = try displayValues(coop)
        var changes: [FieldValue] = []
        var errors: [String: String] = [:]
        let lang = self.lang(request)
        for key in WebApp.formKeys {
            guard let value = form[key], value != (current[key] ?? "") else { continue }
            var copy = coop
            do {
                try CooperativeField.set(key, to: value, in: &copy)
                changes.append(FieldValue(key, value))
            } catch {
                errors[key] = error.message.text(lang)
            }
        }
        guard let version = form["_version"].flatMap(Int64.init) else {
            throw UserError("thiếu _version của biểu mẫu", "the form's _version is missing")
        }
        if errors.isEmpty, !changes.isEmpty {
            do {
                _ = try kit.editCooperative(
                    id, fields: changes, origin: visitor.origin, expectedVersion: version,
                    onlyDistrict: visitor.ownDistrict)
            } catch CatalogError.invalid(let findings) {
                for finding in findings where finding.severity == .error {
                    // A coordinate's finding is about the pair: shown beside the latitude.
                    let field = finding.field == "location" ? "lat" : finding.field ?? "name"
                    errors[WebApp.formKeys.contains(field) ? field : "name", default: ""] += finding.message.text(lang)
                }
            }
        }
        if !errors.isEmpty {
            if wantsJSON(request) { return try WebResponse.json(["errors": errors], status: .badRequest) }
            return try self.coop(request, visitor: visitor, id: id, form: form, errors: errors, status: .badRequest)
        }
        let location = "/coops/\(coop.id ?? 0)?saved=1" + (lang == .en ? "&lang=en" : "")
        return Response(status: .seeOther, headers: [.location: location])
    }

    /// `GET /check`: the data-quality report, each line linking to its record.
    func check(_ request: Request, visitor: Visitor) throws -> Response {
        let lang = self.lang(request)
        let report = try kit.check(lang: lang)
        if wantsJSON(request) { return try WebResponse.json(report) }
        let issues = report.issues.map {
            ["id": String($0.id), "name": $0.name, "field": $0.field, "message": $0.message, "severity": $0.severity]
        }
        let summary =
            lang == .vi
            ? "\(report.withIssues) trong \(report.cooperatives) hợp tác xã có điều cần xem (năm đối chiếu "
                + "\(report.referenceYear))."
            : "\(report.withIssues) of \(report.cooperatives) cooperatives need a look (reference year "
                + "\(report.referenceYear))."
        return page(
            "check", title: lang == .vi ? "Kiểm tra dữ liệu" : "Data quality", request: request, visitor: visitor,
            values: ["issues": issues, "summary": summary])
    }
}
