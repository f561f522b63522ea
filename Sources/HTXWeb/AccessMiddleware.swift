import Foundation
import HTXCore
import HTXKit
import Hummingbird

/// Finds who is asking and refuses what their role may not do, for every request, from the route table
/// (`WebRoute`): once the catalog has an account, a request without a valid session gets 401 (JSON) or the way to
/// the login page (HTML), and a signed-in user without the route's permission gets 403.
struct AccessMiddleware: RouterMiddleware {
    typealias Context = WebContext
    let app: WebApp

    /// What stays as it is in the `next` of the login address (its slashes stay readable).
    static let nextSafe = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~/"))

    /// The name of the session cookie (SPEC §10).
    static let cookie = "htx_session"

    func handle(
        _ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response
    ) async throws -> Response {
        let permissions = WebRoute.permissions(request.method, path: request.uri.path)
        let open = permissions == [.open]
        var context = context
        let token = request.cookies[Self.cookie]?.value
        let found: Result<(users: Bool, session: ActiveSession?), Error> = await WebApp.onWorker {
            let users = try app.kit.hasUsers()
            let policy = app.configuration.sessions
            return (users, try users ? token.flatMap { try app.kit.session(token: $0, policy: policy) } : nil)
        }
        guard case .success(let state) = found else {
            if case .failure(let error) = found {
                return app.failure(error, request: request, visitor: context.visitor)
            }
            return app.failure(WebApp.NoSuchPage(), request: request, visitor: context.visitor)
        }
        if !state.users {
            context.visitor = Visitor(account: nil, csrf: app.csrfToken)
        } else if let session = state.session {
            context.visitor = Visitor(account: session.account, csrf: session.csrf, sessionHash: session.tokenHash)
        } else {
            context.visitor = Visitor(account: nil, csrf: app.csrfToken, mustSignIn: true)
            if !open { return signInFirst(request, visitor: context.visitor) }
        }
        if !open, state.users, !permissions.allSatisfy(context.visitor.may) {
            return app.failure(WebApp.Forbidden(), request: request, visitor: context.visitor)
        }
        return try await next(request, context)
    }

    /// The answer to a request that needs a session it does not have: 401 with the error for JSON, 401 with the
    /// login page for a form sent after its session ended, else the way to the login page, which comes back here.
    func signInFirst(_ request: Request, visitor: Visitor) -> Response {
        let lang = app.lang(request)
        if app.wantsJSON(request) {
            let message = Message("Cần đăng nhập trước", "Sign in first").text(lang)
            return (try? WebResponse.json(["error": message], status: .unauthorized))
                ?? WebResponse.text(message, status: .unauthorized)
        }
        if request.method != .get && request.method != .head {
            return app.loginForm(
                request, visitor: visitor, next: request.uri.path,
                error: Message(
                    "Phiên đăng nhập đã hết hoặc chưa đăng nhập: đăng nhập lại rồi gửi lại biểu mẫu",
                    "The session has ended or you have not signed in: sign in, then send the form again"
                ).text(lang), status: .unauthorized)
        }
        let back = WebApp.localPath(request.uri.path, query: request.uri.query)
        let query = "next=" + (back.addingPercentEncoding(withAllowedCharacters: Self.nextSafe) ?? "/coops")
        return Response(
            status: .seeOther, headers: [.location: "/login?" + query + (lang == .en ? "&lang=en" : "")])
    }
}
