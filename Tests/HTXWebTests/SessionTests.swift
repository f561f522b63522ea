import Foundation
import HTTPTypes
import HTXCatalog
import HTXCore
import HTXKit
import HTXTestSupport
import Hummingbird
import HummingbirdOTP
import HummingbirdTesting
import Testing

@testable import HTXWeb

@Suite("Sessions, CSRF and lockout (SPEC §10)")
struct SessionTests {
    @Test("the cookie is HttpOnly and SameSite=Strict; a token set before login is not the one after, and is ended")
    func fixation() async throws {
        let fixture = try await AccessFixture()
        try await fixture.test { client in
            let first = try await AccessFixture.signIn(client, AccessFixture.user(.alliance))
            let login = try await client.execute(
                uri: "/login", method: .post,
                headers: [
                    .contentType: "application/x-www-form-urlencoded", .cookie: "htx_session=chosen-by-attacker",
                ],
                body: WebFixture.form([
                    ("_csrf", WebFixture.token), ("username", AccessFixture.user(.alliance)),
                    ("password", AccessFixture.password),
                ]))
            let cookie = try #require(login.headers[.setCookie])
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Path=/"))
            #expect(!cookie.contains("Secure"), "no Secure flag over plain HTTP (the browser would drop it)")
            let token = try #require(AccessFixture.sessionToken(login))
            #expect(token != "chosen-by-attacker" && token.count == 64)
            // Signing in again from a signed-in browser ends the session it carried.
            let again = try await AccessFixture.signIn(client, AccessFixture.user(.alliance), cookie: first.cookie)
            #expect(again.cookie != first.cookie)
            let old = try await client.execute(uri: "/coops?format=json", method: .get, headers: first.headers)
            #expect(old.status == .unauthorized, "the session before the new login is over")
            let stored = try fixture.kit.catalog.session(tokenHash: again.cookie)
            #expect(stored == nil, "the catalog keeps a hash of the token, never the token")
        }
    }

    @Test("CSRF: missing, wrong or another session's token is 403 and nothing is written; the right one passes")
    func csrf() async throws {
        let fixture = try await AccessFixture()
        let before = try fixture.kit.catalog.changeVersion()
        try await fixture.test { client in
            let alice = try await AccessFixture.signIn(client, AccessFixture.user(.alliance))
            let bob = try await AccessFixture.signIn(client, AccessFixture.user(.admin))
            let version = try fixture.kit.version("1")
            for (label, token) in [
                ("missing", nil), ("wrong", (alice.csrf.first == "0" ? "1" : "0") + alice.csrf.dropFirst()),
                ("other", bob.csrf),
                ("anonymous", WebFixture.token),
            ] as [(String, String?)] {
                var fields = [("_version", String(version)), ("members", "99")]
                if let token { fields.append(("_csrf", token)) }
                let response = try await client.execute(
                    uri: "/coops/1", method: .post, headers: alice.formHeaders, body: WebFixture.form(fields))
                #expect(response.status == .forbidden, "\(label) token: \(response.status)")
            }
            var header = alice.formHeaders
            header[.xCSRFToken] = bob.csrf
            let viaHeader = try await client.execute(
                uri: "/coops/1", method: .post, headers: header,
                body: WebFixture.form([("_version", String(version)), ("members", "99")]))
            #expect(viaHeader.status == .forbidden, "another session's token in the header")
            #expect(try fixture.kit.catalog.changeVersion() == before)
            header[.xCSRFToken] = alice.csrf
            let good = try await client.execute(
                uri: "/coops/1", method: .post, headers: header,
                body: WebFixture.form([("_version", String(version)), ("members", "99")]))
            #expect(good.status == .seeOther)
        }
    }

    @Test("five failures lock a name for 15 minutes (429, Retry-After), known or not, the right password too")
    func lockout() async throws {
        let fixture = try await AccessFixture()
        try await fixture.test { client in
            func attempt(_ name: String, _ password: String) async throws -> TestResponse {
                try await client.execute(
                    uri: "/login", method: .post, headers: WebFixture.formHeaders,
                    body: WebFixture.form([("_csrf", WebFixture.token), ("username", name), ("password", password)]))
            }
            for name in [AccessFixture.user(.department), "khong-ai-co-ten-nay"] {
                var times: [Double] = []
                for _ in 0..<5 {
                    let started = Date()
                    let refused = try await attempt(name, "sai mật khẩu hoàn toàn")
                    times.append(Date().timeIntervalSince(started))
                    #expect(
                        refused.status == .unauthorized
                            && refused.text.contains("Sai tên đăng nhập, mật khẩu hoặc mã xác thực"))
                    #expect(AccessFixture.sessionToken(refused) == nil)
                }
                // A wrong password takes a bcrypt check whether the name exists or not.
                #expect(times.min() ?? 0 > 0.05, "\(name): \(times)")
                let locked = try await attempt(name, AccessFixture.password)
                #expect(locked.status == .tooManyRequests, "\(name): \(locked.status)")
                #expect(locked.headers[.retryAfter].flatMap(Int.init).map { (840...900).contains($0) } == true)
                #expect(AccessFixture.sessionToken(locked) == nil)
                let other = try await attempt(name.uppercased(), AccessFixture.password)
                #expect(other.status == .tooManyRequests, "the lock is on the name, case aside")
            }
            // The others still sign in; once the quarter hour is over, so does the locked name.
            _ = try await AccessFixture.signIn(client, AccessFixture.user(.viewer))
            fixture.clock.advance(15 * 60 + 1)
            _ = try await AccessFixture.signIn(client, AccessFixture.user(.department))
            let audit = try fixture.kit.auditLog(limit: 100).map(\.event)
            #expect(audit.filter { $0 == "login-failed" }.count == 10 && audit.contains("login-locked"))
            #expect(audit.contains("login"))
        }
    }

    @Test("a session ends after 30 idle minutes or 12 hours, at logout, and when its user is disabled")
    func endings() async throws {
        let fixture = try await AccessFixture()
        try await fixture.test { client in
            func status(_ browser: AccessFixture.Browser) async throws -> HTTPResponse.Status {
                try await client.execute(uri: "/coops?format=json", method: .get, headers: browser.headers).status
            }
            let idle = try await AccessFixture.signIn(client, AccessFixture.user(.alliance))
            fixture.clock.advance(29 * 60)
            #expect(try await status(idle) == .ok)
            fixture.clock.advance(29 * 60)
            #expect(try await status(idle) == .ok, "each use starts the idle time again")
            fixture.clock.advance(31 * 60)
            #expect(try await status(idle) == .unauthorized)
            let page = try await client.execute(uri: "/coops/1", method: .get, headers: idle.headers)
            #expect(page.status == .seeOther && page.headers[.location] == "/login?next=/coops/1")

            let long = try await AccessFixture.signIn(client, AccessFixture.user(.alliance))
            for _ in 0..<25 {
                fixture.clock.advance(29 * 60)
                _ = try await status(long)
            }
            #expect(try await status(long) == .unauthorized, "12 hours after login, used or not")

            let leaving = try await AccessFixture.signIn(client, AccessFixture.user(.viewer))
            let out = try await client.execute(
                uri: "/logout", method: .post, headers: leaving.formHeaders,
                body: WebFixture.form([("_csrf", leaving.csrf)]))
            #expect(out.status == .seeOther && out.headers[.setCookie]?.contains("Max-Age=0") == true)
            #expect(try await status(leaving) == .unauthorized, "logout ends the session on the server")

            let officer = try await AccessFixture.signIn(client, AccessFixture.user(.district))
            try fixture.kit.disableUser(AccessFixture.user(.district))
            #expect(try await status(officer) == .unauthorized, "disabling ends the sessions at once")
            let refused = try await client.execute(
                uri: "/login", method: .post, headers: WebFixture.formHeaders,
                body: WebFixture.form([
                    ("_csrf", WebFixture.token), ("username", AccessFixture.user(.district)),
                    ("password", AccessFixture.password),
                ]))
            #expect(refused.status == .unauthorized, "a disabled account answers as a wrong password")
        }
    }

    @Test("after login the browser goes to next, a path of this server only")
    func nextIsLocal() async throws {
        #expect(WebApp.nextPath("/coops/3?lang=en") == "/coops/3?lang=en")
        for outside in ["//evil.example/x", "/\\evil.example", "https://evil.example/", "evil", "/\\/evil", nil] {
            let next = WebApp.nextPath(outside)
            #expect(next.hasPrefix("/") && !next.hasPrefix("//") && !next.hasPrefix("/\\"), "\(outside ?? "nil")")
            #expect(!next.contains("evil.example") || next.hasPrefix("/evil.example"), "\(outside ?? "nil")")
        }
        #expect(WebApp.nextPath("/coops\r\nSet-Cookie: x=1") == "/coopsSet-Cookie:x=1")
    }

    @Test("an administrator with a second factor signs in only with the code of now (or a step either side)")
    func secondFactor() async throws {
        let fixture = try await AccessFixture()
        #expect(throws: UserError.self) { try fixture.kit.enableTOTP(AccessFixture.user(.viewer)) { _ in } }
        let enrolment = try fixture.kit.enableTOTP(AccessFixture.user(.admin)) { _ in }
        #expect(enrolment.url.hasPrefix("otpauth://totp/htx:nguoi-admin?secret=\(enrolment.key)"))
        let secret = try #require(try fixture.kit.catalog.totpSecret(AccessFixture.user(.admin)))
        let totp = TOTP(secret: secret)
        try await fixture.test { client in
            func attempt(_ code: String?) async throws -> TestResponse {
                var fields = [
                    ("_csrf", WebFixture.token), ("username", AccessFixture.user(.admin)),
                    ("password", AccessFixture.password),
                ]
                if let code { fields.append(("otp", code)) }
                return try await client.execute(
                    uri: "/login", method: .post, headers: WebFixture.formHeaders, body: WebFixture.form(fields))
            }
            let now = fixture.clock.date
            func code(_ offset: TimeInterval) -> String { String(format: "%06d", totp.compute(date: now + offset)) }
            let alone = try await attempt(nil).status
            #expect(alone == .unauthorized, "the password alone is not enough")
            let ahead = try await attempt(code(90)).status
            #expect(ahead == .unauthorized, "three steps ahead")
            let letters = try await attempt("12345a").status
            #expect(letters == .unauthorized)
            let behind = try await attempt(code(-30)).status
            #expect(behind == .seeOther, "a step behind")
            let current = try await attempt(code(0)).status
            #expect(current == .seeOther)
            fixture.clock.advance(3600)
            let old = try await attempt(code(0)).status
            #expect(old == .unauthorized, "an hour-old code")
        }
        try fixture.kit.disableTOTP(AccessFixture.user(.admin))
        #expect(try fixture.kit.catalog.totpSecret(AccessFixture.user(.admin)) == nil)
        #expect(try fixture.kit.auditLog(limit: 30).map(\.event).contains("totp-on"))
    }
}
