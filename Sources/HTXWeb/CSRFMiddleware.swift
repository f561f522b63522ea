import Foundation
import HTTPTypes
import Hummingbird

/// Refuses a state-changing request (403) that does not carry the visitor's CSRF token (the session's, or the
/// server's before sign-in), as form field `_csrf` or header `X-CSRF-Token`, or that a browser marks as coming from
/// another site (`Sec-Fetch-Site`, `Origin`).
struct CSRFMiddleware: RouterMiddleware {
    typealias Context = WebContext
    /// The server's token, which the login form carries before anyone is signed in; a login from a signed-in browser
    /// (another tab's form) may carry it as well as the session's.
    let anonymous: String
    /// Whether the server speaks TLS: a `Host` without a port then means 443, not 80.
    var secure = false
    /// The largest form the check reads (uploads are checked by their header).
    static var formLimit: Int { 1 << 20 }

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws
        -> Response
    {
        guard request.method != .get, request.method != .head else { return try await next(request, context) }
        if let site = request.headers[.secFetchSite]?.lowercased(), site == "cross-site" || site == "same-site" {
            return WebResponse.text("403: a request from another site is refused", status: .forbidden)
        }
        // A body larger than any form or upload is refused by its declared size, before it is read.
        let declared = request.headers[.contentLength].flatMap(Int.init) ?? 0
        let isUpload = MultipartForm.boundary(request.headers[.contentType]) != nil
        if declared > (isUpload ? WebApp.uploadLimit : Self.formLimit) {
            return WebResponse.text(WebApp.tooLarge(declared), status: .contentTooLarge)
        }
        // An Origin must be this server: the same host and port as the request's Host.
        if let origin = request.headers[.origin], let host = request.head.authority {
            let url = URL(string: origin)
            let brackets = CharacterSet(charactersIn: "[]")
            let originHost = (url?.host ?? "").lowercased().trimmingCharacters(in: brackets)
            let originPort = url?.port ?? (url?.scheme == "https" ? 443 : 80)
            let hostName = HostCheckMiddleware<WebContext>.name(of: host).trimmingCharacters(in: brackets)
            let standard = secure ? 443 : 80
            let hostPort =
                host.hasSuffix("]")
                ? standard : host.split(separator: ":").dropFirst().last.flatMap { Int($0) } ?? standard
            if originHost != hostName || originPort != hostPort {
                return WebResponse.text("403: the request comes from another origin", status: .forbidden)
            }
        }
        var request = request
        var given = request.headers[.xCSRFToken]
        let type = request.headers[.contentType]
        if given == nil, type?.lowercased().hasPrefix("application/x-www-form-urlencoded") == true {
            let body = try await request.collectBody(upTo: Self.formLimit)
            given = FormBody(String(buffer: body))["_csrf"]
        } else if given == nil, let boundary = MultipartForm.boundary(type) {
            // An upload: refused by its declared size before anything is read, then read once (the handler reuses
            // the collected body).
            if let length = request.headers[.contentLength].flatMap(Int.init), length > WebApp.uploadLimit {
                return WebResponse.text(WebApp.tooLarge(length), status: .contentTooLarge)
            }
            let body: ByteBuffer
            do {
                body = try await request.collectBody(upTo: WebApp.uploadLimit)
            } catch {
                return WebResponse.text(WebApp.tooLarge(nil), status: .contentTooLarge)
            }
            given = MultipartForm(Array(buffer: body), boundary: boundary)?["_csrf"]
        }
        let isLogin = WebRoute.match(request.method, path: request.uri.path) == .login
        guard let given, !context.visitor.csrf.isEmpty,
            Self.same(given, context.visitor.csrf) || (isLogin && Self.same(given, anonymous))
        else {
            return WebResponse.text(
                "403: thiếu hoặc sai mã chống giả mạo (_csrf); tải lại trang rồi gửi lại / missing or wrong CSRF "
                    + "token; "
                    + "reload the page and send again", status: .forbidden)
        }
        return try await next(request, context)
    }

    /// Compares in time that does not depend on where the strings differ.
    static func same(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

// The names are valid header tokens, so the failable initialiser cannot fail.
// swift-format-ignore: NeverForceUnwrap
extension HTTPField.Name {
    static var xCSRFToken: Self { Self("X-CSRF-Token")! }
    static var secFetchSite: Self { Self("Sec-Fetch-Site")! }
    static var frameOptions: Self { Self("X-Frame-Options")! }
    static var referrerPolicy: Self { Self("Referrer-Policy")! }
}
