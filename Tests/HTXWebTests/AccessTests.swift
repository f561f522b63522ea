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

@Suite("Accounts, sessions and roles (SPEC §10)")
struct AccessTests {
    /// A concrete address for a route's pattern: a cooperative of the district officer's district, the demo's
    /// shortlist and itinerary, a user name that does not exist (nothing is disabled by the matrix).
    static func address(_ route: WebRoute, coop: Int64, entry: Int64) -> String {
        let entry = route.path.hasPrefix("shortlists") ? String(entry) : String(coop)
        let parts = route.path.split(separator: "/").map { part -> String in
            switch part {
            case ":id": entry
            case ":name": route.path.hasPrefix("users") ? "khong-co-ai" : Kit.demoName
            case ":file": "packet.md"
            case "**": "khong-co-trang"
            default: String(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }

    @Test("every route the router has is a line of the permission table, and the other way round")
    func tableIsTheRouter() async throws {
        let fixture = try await AccessFixture()
        let registered = Set(fixture.app.router().routes.map { "\($0.method) \($0.path.description)" })
        let table = Set(
            WebRoute.all.map { route in
                "\(route.method) /"
                    + route.path.split(separator: "/").map { part in
                        part.hasPrefix(":") ? "{\(part.dropFirst())}" : String(part)
                    }.joined(separator: "/")
            })
        #expect(registered == table)
        #expect(WebRoute.all.count == table.count, "no route twice")
    }

    @Test("route × role × method: each cell of the table holds on the running server (HTML and JSON)")
    func matrix() async throws {
        let fixture = try await AccessFixture()
        let coop = try #require(try fixture.kit.list(district: AccessFixture.district, sector: nil, grade: nil).first)
            .id
        let entry = try #require(try fixture.kit.shortlist(Kit.demoName).entries.first).id
        let routes = WebRoute.all.filter { $0 != .login && $0 != .logout }
        try await fixture.test { client in
            var browsers: [Role: AccessFixture.Browser] = [:]
            for role in AccessFixture.roles {
                browsers[role] = try await AccessFixture.signIn(client, AccessFixture.user(role))
            }
            var cells = 0
            for route in routes {
                let uri = AccessTests.address(route, coop: coop, entry: entry)
                for role in [nil] + AccessFixture.roles.map(Optional.some) {
                    let browser = role.flatMap { browsers[$0] }
                    let post = route.method == .post
                    var headers = post ? (browser?.formHeaders ?? WebFixture.formHeaders) : (browser?.headers ?? [:])
                    let body = post ? WebFixture.form([("_csrf", browser?.csrf ?? WebFixture.token)]) : nil
                    let html = try await client.execute(uri: uri, method: route.method, headers: headers, body: body)
                    headers[.accept] = "application/json"
                    let json = try await client.execute(uri: uri, method: route.method, headers: headers, body: body)
                    let cell = "\(route.method) \(uri) as \(role?.rawValue ?? "anonymous")"
                    cells += 1
                    if route.permission == .open {
                        #expect(html.status != .unauthorized && html.status != .forbidden, "\(cell): \(html.status)")
                    } else if role == nil {
                        if post {
                            #expect(html.status == .unauthorized, "\(cell): \(html.status)")
                        } else {
                            #expect(html.status == .seeOther, "\(cell): \(html.status)")
                            #expect(html.headers[.location]?.hasPrefix("/login?next=") == true, "\(cell)")
                        }
                        #expect(json.status == .unauthorized, "\(cell) (JSON): \(json.status)")
                    } else if let role, role.may(route.permission) {
                        #expect(![.unauthorized, .forbidden].contains(html.status), "\(cell): \(html.status)")
                        #expect(![.unauthorized, .forbidden].contains(json.status), "\(cell) (JSON): \(json.status)")
                    } else {
                        #expect(html.status == .forbidden, "\(cell): \(html.status)")
                        #expect(json.status == .forbidden, "\(cell) (JSON): \(json.status)")
                        #expect(html.text.contains("Vai trò của bạn không được"), "\(cell): the page says why")
                    }
                }
            }
            #expect(cells == routes.count * 6)
        }
    }

    @Test("a district officer edits its own district's cooperatives only; a file with another's rows is refused")
    func districtOfficer() async throws {
        let fixture = try await AccessFixture()
        let own = try #require(try fixture.kit.list(district: AccessFixture.district, sector: nil, grade: nil).first)
        let other = try #require(try fixture.kit.list(district: "Gia Lâm", sector: nil, grade: nil).first)
        let before = try fixture.kit.catalog.changeVersion()
        try await fixture.test { client in
            let officer = try await AccessFixture.signIn(client, AccessFixture.user(.district))
            func edit(_ id: Int64, _ fields: [(String, String)]) async throws -> TestResponse {
                let version = try fixture.kit.version(String(id))
                return try await client.execute(
                    uri: "/coops/\(id)", method: .post, headers: officer.formHeaders,
                    body: WebFixture.form([("_csrf", officer.csrf), ("_version", String(version))] + fields))
            }
            let refused = try await edit(other.id, [("members", "77")])
            #expect(refused.status == .forbidden && refused.text.contains("Gia Lâm"), "\(refused.text.prefix(400))")
            let moved = try await edit(own.id, [("district", "Gia Lâm")])
            #expect(moved.status == .forbidden, "moving one's cooperative to another district: \(moved.status)")
            #expect(try fixture.kit.catalog.changeVersion() == before, "nothing written")
            let saved = try await edit(own.id, [("members", "77")])
            #expect(saved.status == .seeOther)
            let line = try #require(try fixture.kit.history(String(own.id)).last)
            #expect(line.by == AccessFixture.user(.district) && line.org == "Cơ quan district", "history: \(line)")

            let csv =
                "Tên HTX,Mã số thuế,Quận/huyện\nHTX Thử Một,0109990001,Đông Anh\nHTX Thử Hai,0109990002,Gia Lâm\n"
                + "HTX Thử Ba,0109990003,Sóc Sơn\n"
            let upload = try await AccessTests.upload(client, csv: csv, name: "lan.csv", browser: officer)
            #expect(upload.status == .badRequest, "\(upload.status)")
            let refusals = upload.text.components(separatedBy: "không phải Đông Anh").count - 1
            #expect(refusals >= 2, "rows 3 and 4 named: \(upload.text)")
            let file = fixture.folder.file("lan.csv")
            try Data(csv.utf8).write(to: URL(fileURLWithPath: file))
            var request = ImportRequest(files: [file], origin: ChangeOrigin(by: "test", source: nil))
            request.onlyDistrict = AccessFixture.district
            let report = try #require(try fixture.kit.importFiles(request).first)
            #expect(report.errors.map(\.row) == [3, 4] && !report.committed, "the rows of other districts, by number")
            #expect(upload.text.contains("HTX Thử Hai") && upload.text.contains("HTX Thử Ba"))
            #expect(try fixture.kit.catalog.changeVersion() == before + 1, "only the one edit above")
            let mine = try await AccessTests.upload(
                client, csv: "Tên HTX,Mã số thuế,Quận/huyện\nHTX Thử Một,0109990001,Đông Anh\n", name: "dung.csv",
                browser: officer)
            #expect(mine.status == .ok || mine.status == .seeOther, "\(mine.status) \(mine.text.prefix(300))")
        }
    }

    /// Uploads one CSV file for import (no preview) from a signed-in browser.
    static func upload(
        _ client: any TestClientProtocol, csv: String, name: String, browser: AccessFixture.Browser
    ) async throws -> TestResponse {
        var (headers, body) = multipart([("_csrf", browser.csrf)], files: [(name, csv)])
        headers[.cookie] = browser.headers[.cookie]
        return try await client.execute(uri: "/import", method: .post, headers: headers, body: body)
    }

    @Test("bound to every address, a Host typed as an IP address is answered; any name but the allowed ones is 421")
    func hostOnTheNetwork() async throws {
        let fixture = try await AccessFixture(host: "0.0.0.0")
        try await fixture.test { client in
            for (host, status) in [
                ("192.168.1.20:8080", HTTPResponse.Status.ok), ("10.0.0.7", .ok), ("[fe80::1]:8080", .ok),
                ("evil.example", .misdirectedRequest), ("192.168.1.20.evil.example", .misdirectedRequest),
                ("1.2.3.4.5", .misdirectedRequest), ("999.1.1.1", .misdirectedRequest),
                ("[fe80::1]evil", .misdirectedRequest),
            ] {
                let port = try #require(client.port)
                let answer = try await RawHTTP.send(
                    "GET /healthz HTTP/1.1\r\nHost: \(host)\r\nConnection: close\r\n\r\n", port: port)
                #expect(answer.hasPrefix("HTTP/1.1 \(status.code)"), "Host: \(host): \(answer.prefix(40))")
            }
        }
        let loopback = try await AccessFixture()
        try await loopback.test { client in
            let answer = try await RawHTTP.send(
                "GET /healthz HTTP/1.1\r\nHost: 192.168.1.20\r\nConnection: close\r\n\r\n",
                port: try #require(client.port))
            #expect(answer.hasPrefix("HTTP/1.1 421"), "on loopback only the loopback names")
        }
    }

    @Test("an administrator adds and disables users in the page, checked as htx user add checks them; audited")
    func usersPage() async throws {
        let fixture = try await AccessFixture()
        try await fixture.test { client in
            let admin = try await AccessFixture.signIn(client, AccessFixture.user(.admin))
            func add(_ fields: [(String, String)]) async throws -> TestResponse {
                try await client.execute(
                    uri: "/users", method: .post, headers: admin.formHeaders,
                    body: WebFixture.form([("_csrf", admin.csrf)] + fields))
            }
            let weak = try await add([
                ("name", "moi"), ("role", "viewer"), ("password", "password1234"), ("password2", "password1234"),
            ])
            #expect(weak.status == .badRequest && weak.text.contains("value=\"moi\""), "the form comes back as typed")
            let noDistrict = try await add([
                ("name", "moi"), ("role", "district"), ("district", "Nơi Không Có"),
                ("password", AccessFixture.password), ("password2", AccessFixture.password),
            ])
            #expect(noDistrict.status == .badRequest && noDistrict.text.contains("quận/huyện"))
            let added = try await add([
                ("name", "moi"), ("role", "district"), ("district", "sóc sơn"), ("org", "Phòng Kinh tế Sóc Sơn"),
                ("password", AccessFixture.password), ("password2", AccessFixture.password),
            ])
            #expect(added.status == .seeOther)
            #expect(try fixture.kit.users().first { $0.name == "moi" }?.district == "Sóc Sơn")
            _ = try await AccessFixture.signIn(client, "moi")
            let own = try await client.execute(
                uri: "/users/\(AccessFixture.user(.admin))/disable", method: .post, headers: admin.formHeaders,
                body: WebFixture.form([("_csrf", admin.csrf)]))
            #expect(own.status == .badRequest, "one's own account is not disabled from the page")
            let disabled = try await client.execute(
                uri: "/users/moi/disable", method: .post, headers: admin.formHeaders,
                body: WebFixture.form([("_csrf", admin.csrf)]))
            #expect(disabled.status == .seeOther)
            let log = try fixture.kit.auditLog(limit: 20)
            #expect(log.contains { $0.event == "user-disable" && $0.user == "moi" && $0.detail == "by nguoi-admin" })
            #expect(log.contains { $0.event == "user-add" && $0.detail == "district (by nguoi-admin)" })
        }
    }

    @Test("over HTTPS on port 443 a form from the page itself passes (Origin without port), and the cookie is Secure")
    func standardHTTPSPort() async throws {
        let fixture = try await AccessFixture(tls: true, allowedHosts: ["htx.lan"])
        try await fixture.test { client in
            let port = try #require(client.port)
            let body =
                "_csrf=\(WebFixture.token)&username=\(AccessFixture.user(.admin))&password="
                + (AccessFixture.password.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
            let answer = try await RawHTTP.send(
                "POST /login HTTP/1.1\r\nHost: htx.lan\r\nOrigin: https://htx.lan\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: \(body.utf8.count)\r\n"
                    + "Connection: close\r\n\r\n" + body, port: port)
            #expect(answer.hasPrefix("HTTP/1.1 303"), "\(answer.prefix(200))")
            #expect(answer.contains("; Secure"), "the session cookie under TLS")
            let foreign = try await RawHTTP.send(
                "POST /login HTTP/1.1\r\nHost: htx.lan\r\nOrigin: http://htx.lan\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: \(body.utf8.count)\r\n"
                    + "Connection: close\r\n\r\n" + body, port: port)
            #expect(foreign.hasPrefix("HTTP/1.1 403"), "plain http://htx.lan is another origin")
        }
    }
}
