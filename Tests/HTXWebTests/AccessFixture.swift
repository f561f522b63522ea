import Foundation
import HTTPTypes
import HTXCatalog
import HTXCore
import HTXKit
import HTXTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

@testable import HTXWeb

/// A clock the test moves: sessions expire and locks lift without waiting.
final class MovableClock: @unchecked Sendable {
    private let lock = NSLock()
    private var now = Fixtures.now

    var date: Date { lock.withLock { now } }

    func advance(_ seconds: TimeInterval) { lock.withLock { now = now.addingTimeInterval(seconds) } }
}

/// The demo catalog with one user per role (SPEC §10), served live on a free loopback port.
struct AccessFixture {
    let folder: TemporaryFolder
    let kit: Kit
    let app: WebApp
    let clock = MovableClock()
    /// The district officer's district, and a cooperative of it and of another.
    static let district = "Đông Anh"
    static let password = "một câu mật khẩu đủ dài 2026"
    static let roles: [Role] = [.admin, .alliance, .department, .district, .viewer]

    /// `tls` marks the configuration as HTTPS (the test client still speaks plain HTTP: only what the application
    /// derives from it is tested).
    init(host: String = "127.0.0.1", tls: Bool = false, allowedHosts: [String] = []) async throws {
        folder = try TemporaryFolder("htx-access")
        let clock = self.clock
        kit = try Kit.demo(
            catalogPath: folder.file("htx.sqlite"), seeds: Fixtures.seeds, lang: .vi, clock: { clock.date }
        ).kit
        for role in AccessFixture.roles {
            try kit.addUser(
                UserRequest(
                    name: AccessFixture.user(role), role: role,
                    district: role == .district ? AccessFixture.district : nil, org: "Cơ quan \(role.rawValue)",
                    password: AccessFixture.password))
        }
        var configuration = WebConfiguration(
            host: host, port: 0, catalogPath: folder.file("htx.sqlite"), seeds: Fixtures.seeds,
            allowedHosts: allowedHosts)
        if tls { configuration.tls = ("cert.pem", "key.pem") }
        app = try await WebApp(kit: kit, configuration: configuration, csrfToken: WebFixture.token)
    }

    /// The user name of the test's account with `role`.
    static func user(_ role: Role) -> String { "nguoi-\(role.rawValue)" }

    /// Runs `body` with a client of the live server.
    func test(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        try await Application(router: app.router()).test(.live) { client in try await body(client) }
    }

    /// A signed-in browser: its cookie and the CSRF token its pages carry.
    struct Browser: Sendable {
        var cookie: String
        var csrf: String

        var headers: HTTPFields { [.cookie: "\(AccessMiddleware.cookie)=\(cookie)"] }

        /// The headers of a form post from this browser.
        var formHeaders: HTTPFields {
            var fields = headers
            fields[.contentType] = "application/x-www-form-urlencoded"
            return fields
        }
    }

    /// Signs in as `name` and reads the session's CSRF token from a page.
    static func signIn(
        _ client: any TestClientProtocol, _ name: String, password: String = AccessFixture.password,
        cookie: String? = nil
    ) async throws -> Browser {
        var headers = WebFixture.formHeaders
        if let cookie { headers[.cookie] = "\(AccessMiddleware.cookie)=\(cookie)" }
        let response = try await client.execute(
            uri: "/login", method: .post, headers: headers,
            body: WebFixture.form([("_csrf", WebFixture.token), ("username", name), ("password", password)]))
        #expect(response.status == .seeOther, "login of \(name): \(response.status) \(response.text.prefix(300))")
        let token = try #require(sessionToken(response), "a session cookie for \(name)")
        let page = try await client.execute(
            uri: "/coops", method: .get, headers: [.cookie: "\(AccessMiddleware.cookie)=\(token)"])
        return Browser(cookie: token, csrf: try #require(csrf(in: page.text)))
    }

    /// The session token a response sets, if any.
    static func sessionToken(_ response: TestResponse) -> String? {
        let value = response.headers[.setCookie] ?? ""
        guard value.hasPrefix(AccessMiddleware.cookie + "=") else { return nil }
        let token = value.dropFirst(AccessMiddleware.cookie.count + 1).prefix { $0 != ";" }
        return token.isEmpty ? nil : String(token)
    }

    /// The value of the first `_csrf` field of a page.
    static func csrf(in page: String) -> String? {
        page.range(of: "name=\"_csrf\" value=\"[0-9a-f-]+\"", options: .regularExpression).map {
            String(page[$0].dropFirst("name=\"_csrf\" value=\"".count).dropLast())
        }
    }
}
