import Foundation
import HTXCatalog
import HTXCore
import HTXKit
import Hummingbird

extension WebApp {
    /// `GET /login`: the sign-in form; `next` (a path of this server only) is where a successful login goes.
    func loginForm(
        _ request: Request, visitor: Visitor, username: String = "", next given: String? = nil, error: String? = nil,
        status: HTTPResponse.Status = .ok
    ) -> Response {
        let next = WebApp.nextPath(given ?? request.uri.queryParameters.get("next"))
        return page(
            "login", title: lang(request) == .vi ? "Đăng nhập" : "Sign in", request: request, visitor: visitor,
            values: ["next": next, "username": username, "error": error ?? false], status: status)
    }

    /// `POST /login` (fields `username`, `password`): a new session in a new cookie, then `next`; a wrong name or
    /// password 401, a locked name 429 with `Retry-After`, the same whether the name exists or not.
    func login(_ request: Request, visitor: Visitor, form: FormBody, address: String?) throws -> Response {
        let lang = self.lang(request)
        let name = String((form["username"] ?? "").prefix(256))
        let password = String((form["password"] ?? "").prefix(1024))
        let outcome = try kit.login(
            name: name, password: password, code: form["otp"].map { String($0.prefix(16)) }, address: address,
            replacing: request.cookies[AccessMiddleware.cookie]?.value, policy: configuration.sessions)
        switch outcome {
        case .signedIn(let session):
            let next = WebApp.nextPath(form["next"])
            return Response(
                status: .seeOther,
                headers: [.location: next, .setCookie: sessionCookie(session.token), .cacheControl: "no-store"])
        case .refused:
            return loginForm(
                request, visitor: visitor, username: name, next: form["next"],
                error: lang == .vi
                    ? "Sai tên đăng nhập, mật khẩu hoặc mã xác thực" : "Wrong user name, password or code",
                status: .unauthorized)
        case .locked(let seconds):
            let minutes = max(1, (seconds + 59) / 60)
            var response = loginForm(
                request, visitor: visitor, username: name, next: form["next"],
                error: lang == .vi
                    ? "Đăng nhập sai quá nhiều lần; thử lại sau \(minutes) phút"
                    : "Too many failed logins; try again in \(minutes) minutes",
                status: .tooManyRequests)
            response.headers[.retryAfter] = String(seconds)
            return response
        }
    }

    /// `POST /logout`: the session ends on the server and the cookie is emptied.
    func logout(_ request: Request, visitor: Visitor, address: String?) throws -> Response {
        if let token = request.cookies[AccessMiddleware.cookie]?.value {
            try kit.logout(token: token, address: address)
        }
        return Response(
            status: .seeOther,
            headers: [.location: "/login" + langSuffix(request), .setCookie: sessionCookie("", expire: true)])
    }

    /// The `Set-Cookie` value of a session: HttpOnly, SameSite=Strict, Secure when served over TLS; it lasts as
    /// long as the browser (the server ends idle and old sessions itself).
    func sessionCookie(_ token: String, expire: Bool = false) -> String {
        "\(AccessMiddleware.cookie)=\(token); Path=/; HttpOnly; SameSite=Strict"
            + (configuration.tls == nil ? "" : "; Secure") + (expire ? "; Max-Age=0" : "")
    }

    /// Where a login goes next: a path of this server as given, else the catalog (never another site).
    static func nextPath(_ given: String?) -> String {
        guard let given, given.hasPrefix("/"), !given.hasPrefix("/login") else { return "/coops" }
        return localPath(given)
    }

    /// `GET /users`: every account, a form to add one and a button to disable each (administrators).
    func users(
        _ request: Request, visitor: Visitor, form: FormBody? = nil, error: String? = nil,
        status: HTTPResponse.Status = .ok
    ) throws -> Response {
        let lang = self.lang(request)
        let rows: [[String: Any]] = try kit.users().map { user in
            [
                "name": user.name, "path": WebApp.pathPart(user.name), "role": user.role.label.text(lang),
                "district": user.district ?? "", "org": user.org ?? "",
                "state": WebLabels.text(user.disabled ? "disabled" : "active", lang),
                "canDisable": !user.disabled && user.name != visitor.account?.name,
            ]
        }
        let chosen = form?["role"] ?? Role.viewer.rawValue
        return page(
            "users", title: WebLabels.text("users", lang), request: request, visitor: visitor,
            values: [
                "users": rows, "error": error ?? false, "nameValue": form?["name"] ?? "",
                "districtValue": form?["district"] ?? "", "orgValue": form?["org"] ?? "",
                "roles": Role.allCases.map {
                    ["value": $0.rawValue, "label": $0.label.text(lang), "selected": $0.rawValue == chosen]
                },
            ], status: status)
    }

    /// `POST /users`: a new account, checked as `htx user add` checks it; a refusal comes back with the form as
    /// typed (but the passwords).
    func addUser(_ request: Request, visitor: Visitor, form: FormBody) throws -> Response {
        let lang = self.lang(request)
        do {
            guard let role = Role(rawValue: form["role"] ?? "") else {
                throw UserError("chọn một vai trò", "choose a role")
            }
            guard form["password"] == form["password2"] else {
                throw UserError("hai mật khẩu không giống nhau", "the two passwords differ")
            }
            let district = form["district"].flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
            try kit.addUser(
                UserRequest(
                    name: form["name"] ?? "", role: role, district: role == .district ? district : nil,
                    org: form["org"], password: form["password"] ?? ""), by: visitor.account?.name)
        } catch let error as UserError {
            return try users(
                request, visitor: visitor, form: form, error: error.message.text(lang), status: .badRequest)
        }
        return Response(status: .seeOther, headers: [.location: "/users" + langSuffix(request)])
    }

    /// `POST /users/{name}/disable`: the account can no longer sign in and its sessions end; one's own account is
    /// refused (another administrator does it, so that the last one is never locked out).
    func disableUser(_ request: Request, visitor: Visitor, name: String, form: FormBody) throws -> Response {
        guard VietnameseText.fold(name) != VietnameseText.fold(visitor.account?.name ?? "") else {
            throw UserError(
                "không tự khoá tài khoản của mình được; nhờ một quản trị viên khác",
                "you cannot disable your own account; ask another administrator")
        }
        try kit.disableUser(name, by: visitor.account?.name)
        return Response(status: .seeOther, headers: [.location: "/users" + langSuffix(request)])
    }

    /// `GET /audit`: the latest 500 lines of the audit log (administrators), times in Hanoi's.
    func audit(_ request: Request, visitor: Visitor) throws -> Response {
        let entries = try kit.auditLog(limit: 500)
        if wantsJSON(request) { return try WebResponse.json(entries) }
        let lang = self.lang(request)
        return page(
            "audit", title: WebLabels.text("auditLog", lang), request: request, visitor: visitor,
            values: [
                "entries": entries.map {
                    [
                        "at": WebApp.localTime($0.at), "user": $0.user ?? "", "event": $0.event,
                        "detail": $0.detail ?? "", "address": $0.address ?? "",
                    ]
                }
            ])
    }
}
