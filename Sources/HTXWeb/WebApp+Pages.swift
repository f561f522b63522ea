import Foundation
import HTXCatalog
import HTXCore
import HTXItinerary
import HTXKit
import HTXMessages
import HTXShortlist
import Hummingbird

extension WebApp {
    /// The page's language: `?lang=en`, else Vietnamese.
    func lang(_ request: Request) -> Lang { request.uri.queryParameters.get("lang") == "en" ? .en : .vi }

    /// Whether the caller asked for the CLI's JSON (`?format=json` or `Accept: application/json`).
    func wantsJSON(_ request: Request) -> Bool {
        request.uri.queryParameters.get("format") == "json"
            || request.headers[.accept]?.lowercased().hasPrefix("application/json") == true
    }

    /// A template rendered with what every page shows (language, menu, who is signed in, the visitor's CSRF token)
    /// and `values`.
    func page(
        _ template: String, title: String, request: Request, visitor: Visitor, values: [String: Any],
        status: HTTPResponse.Status = .ok
    ) -> Response {
        let lang = self.lang(request)
        var context: [String: Any] = [
            "user": visitor.account.map { ["name": $0.name, "role": $0.role.label.text(lang)] } ?? false,
            "mayRead": visitor.may(.read), "mayImport": visitor.may(.edit),
            "mayManage": visitor.account != nil && visitor.may(.manageUsers),
            "mayPropose": visitor.may(.propose), "mayApprove": visitor.may(.approve), "mayPlan": visitor.may(.plan),
            "mayPersonal": visitor.may(.personal), "publicView": visitor.publicView,
            "lang": lang.rawValue, "title": title, "t": WebLabels.table(lang), "csrf": visitor.csrf,
            "english": lang == .en, "langQuery": lang == .en ? "?lang=en" : "",
            "otherLang": lang == .en ? "vi" : "en", "otherLangLabel": lang == .en ? "Tiếng Việt" : "English",
            "otherLangLink": WebApp.otherLanguageLink(request, lang: lang),
        ]
        for (key, value) in values { context[key] = value }
        guard let html = library.render(context, withTemplate: template) else {
            return WebResponse.text("500: template \(template) is missing", status: .internalServerError)
        }
        return WebResponse.html(html, status: status)
    }

    /// The same page in the other language: the path and every query field (a search, a page, filters) but `lang`.
    static func otherLanguageLink(_ request: Request, lang: Lang) -> String {
        var parts = FormBody(request.uri.query ?? "").fields.filter { $0.name != "lang" && $0.name != "format" }.map {
            ($0.name.addingPercentEncoding(withAllowedCharacters: pathSafe) ?? "") + "="
                + ($0.value.addingPercentEncoding(withAllowedCharacters: pathSafe) ?? "")
        }
        if lang == .vi { parts.append("lang=en") }
        return localPath(request.uri.path, query: parts.isEmpty ? nil : parts.joined(separator: "&"))
    }

    /// An address of this server, from a request's path or a login form's `next`: one leading slash whatever was
    /// given ("//host/x" or "/\\host" must not become a link elsewhere), nothing a header could not carry.
    static func localPath(_ path: String, query: String? = nil) -> String {
        let whole = path + (query.map { "?" + $0 } ?? "")
        let kept = whole.unicodeScalars.filter { $0.value > 0x20 && $0.value < 0x7F }
        return "/" + String(String.UnicodeScalarView(kept).drop { $0 == "/" || $0 == "\\" })
    }

    /// A stored ISO 8601 time (UTC) as Hanoi reads it: "02/12/2026 08:15"; text that is not such a time as it is.
    static func localTime(_ iso: String) -> String {
        guard let date = try? Date(iso, strategy: Date.ISO8601FormatStyle()) else { return iso }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh") ?? TimeZone(secondsFromGMT: 7 * 3600) ?? .gmt
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(
            format: "%02d/%02d/%04d %02d:%02d", c.day ?? 0, c.month ?? 0, c.year ?? 0, c.hour ?? 0, c.minute ?? 0)
    }

    /// The status and message of an error: 404 for what does not exist, 409 for a stale edit, 400 for bad input,
    /// 503 when the catalog is busy, 500 otherwise; as JSON `{"error": …}` or an error page.
    func failure(_ error: Error, request: Request, visitor: Visitor) -> Response {
        let lang = self.lang(request)
        let status = failureStatus(error)
        let message = failureMessage(error, lang: lang)
        if wantsJSON(request) {
            return (try? WebResponse.json(["error": message], status: status))
                ?? WebResponse.text(message, status: status)
        }
        return page(
            "error", title: lang == .vi ? "Không thực hiện được" : "Could not be done", request: request,
            visitor: visitor,
            values: ["message": message], status: status)
    }

    /// The status an error answers with.
    func failureStatus(_ error: Error) -> HTTPResponse.Status {
        let status: HTTPResponse.Status
        switch error {
        case CatalogError.notFound, CatalogError.noSuchItinerary, CatalogError.noSuchShortlist,
            CatalogError.notOnShortlist, is NoSuchPage:
            status = .notFound
        case is Forbidden, is DistrictRefusal: status = .forbidden
        case CatalogError.staleEdit, is StaleForm: status = .conflict
        case CatalogError.busy: status = .serviceUnavailable
        case is UserError, CatalogError.invalid, CatalogError.duplicateTaxCode, CatalogError.unknownDistrict,
            CatalogError.unknownUnit, CatalogError.userExists,
            CatalogError.unknownGrade, CatalogError.itineraryExists, CatalogError.shortlistExists, is KitError,
            is ShortlistError, is ItineraryError, is ImportError:
            status = .badRequest
        default: status = .internalServerError
        }
        return status
    }

    /// What an error says to the person, in their language; a server error says no more than that.
    func failureMessage(_ error: Error, lang: Lang) -> String {
        let status = failureStatus(error)
        return
            (error is NoSuchPage ? (lang == .vi ? "Không có trang này" : "There is no such page") : nil)
            ?? (error is Forbidden
                ? (lang == .vi
                    ? "Vai trò của bạn không được làm việc này; hỏi quản trị viên nếu cần"
                    : "Your role may not do this; ask an administrator if you need to") : nil)
            ?? (error as? StaleForm)?.message.text(lang)
            ?? ErrorMessages.message(for: error)?.text(lang)
            ?? (status == .internalServerError
                ? (lang == .vi ? "Lỗi máy chủ; thử lại sau" : "Server error; try again later") : "\(error)")
    }
}
