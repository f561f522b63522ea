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

@Suite("Hostile input against the signed-in server")
struct HostileInputTests {
    /// Values a person or a script might type into any field.
    static let corpus = [
        "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "'><svg onload=alert(1)>",
        "javascript:alert(1)", "../../../../etc/passwd", "..%2F..%2Fhtx.sqlite", "A\u{0}B", "{{csrf}}",
        "{{{t}}}", String(repeating: "Đ", count: 5000), "\u{202E}gnp.exe", "Robert'); DROP TABLE user;--",
    ]

    /// Markup that would run if a value were put in a page unescaped.
    static let live = ["<script>alert", "<img src=x", "<svg onload", "onerror=alert(1)>"]

    @Test("every field of every form, as every role: nothing runs, nothing is written that should not be, no 500")
    func forms() async throws {
        let fixture = try await AccessFixture()
        let coop = try #require(try fixture.kit.list(district: AccessFixture.district, sector: nil, grade: nil).first)
        let usersBefore = try fixture.kit.users().count
        let shortlistsBefore = try fixture.kit.shortlists().count
        try await fixture.test { client in
            let admin = try await AccessFixture.signIn(client, AccessFixture.user(.admin))
            var sent = 0
            for value in HostileInputTests.corpus {
                let version = String(try fixture.kit.version(String(coop.id)))
                let posts: [(String, [(String, String)])] = [
                    ("/login", [("username", value), ("password", value)]),
                    (
                        "/users",
                        [
                            ("name", value), ("role", "viewer"), ("org", value), ("password", value),
                            ("password2", value),
                        ]
                    ),
                    ("/users", [("name", "ok-name"), ("role", value), ("password", value), ("password2", value)]),
                    ("/shortlists", [("name", value), ("size", value), ("w-grade", value)]),
                    ("/itineraries", [("name", value), ("shortlist", value), ("date", value), ("days", value)]),
                    ("/shortlists/demo/entries/4", [("status", value), ("note", value)]),
                    (
                        "/itineraries/demo/replan",
                        [("day", value), ("after", value), ("delay", value), ("_plan", value)]
                    ),
                    ("/itineraries/demo/visit", [("visit", value)]),
                    (
                        "/coops/\(coop.id)",
                        [("_version", version), ("taxCode", value), ("lat", value), ("founded", value)]
                    ),
                    ("/users/\(value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "x")/disable", []),
                ]
                for (uri, fields) in posts {
                    let csrf = uri == "/login" ? WebFixture.token : admin.csrf
                    let response = try await client.execute(
                        uri: uri, method: .post, headers: uri == "/login" ? WebFixture.formHeaders : admin.formHeaders,
                        body: WebFixture.form([("_csrf", csrf)] + fields))
                    sent += 1
                    #expect(response.status.code < 500, "\(uri) with \(value.prefix(40)): \(response.status)")
                    for marker in HostileInputTests.live {
                        #expect(!response.text.contains(marker), "\(uri) echoes \(value.prefix(40)) unescaped")
                    }
                }
            }
            #expect(sent == HostileInputTests.corpus.count * 10)
            // A note is free text and may hold anything: it is stored as typed and shown escaped.
            let note = "<script>alert(1)</script> \"><img src=x onerror=alert(1)>"
            let entry = try #require(try fixture.kit.shortlist("demo").entries.first).id
            let decided = try await client.execute(
                uri: "/shortlists/demo/entries/\(entry)", method: .post, headers: admin.formHeaders,
                body: WebFixture.form([("_csrf", admin.csrf), ("status", "approved"), ("note", note)]))
            #expect(decided.status == .seeOther)
            let page = try await client.execute(uri: "/shortlists/demo", method: .get, headers: admin.headers)
            #expect(page.text.contains("&lt;script&gt;alert(1)&lt;/script&gt; &quot;&gt;&lt;img src=x"))
            for marker in HostileInputTests.live { #expect(!page.text.contains(marker)) }
            #expect(try fixture.kit.shortlist("demo").entries.contains { $0.note == note }, "stored as typed")
        }
        #expect(try fixture.kit.users().count == usersBefore, "no account made from a hostile name or password")
        #expect(try fixture.kit.shortlists().count == shortlistsBefore)
        #expect(try fixture.kit.catalog.doctor().integrity == "ok")
    }

    @Test("bytes that are not UTF-8, NUL, huge bodies and paths that climb: refused or ignored, never followed")
    func bytes() async throws {
        let fixture = try await AccessFixture()
        let before = try fixture.kit.catalog.changeVersion()
        try await fixture.test { client in
            let admin = try await AccessFixture.signIn(client, AccessFixture.user(.admin))
            let raw = ["name=%FF%FE%FD", "name=A%00B", "name=%C0%AF", "members=%ED%A0%80"]
            for body in raw {
                let version = try fixture.kit.version("1")
                let response = try await client.execute(
                    uri: "/coops/1", method: .post, headers: admin.formHeaders,
                    body: ByteBuffer(string: "_csrf=\(admin.csrf)&_version=\(version)&" + body))
                #expect([.badRequest, .seeOther].contains(response.status), "\(body): \(response.status)")
            }
            let stored = try fixture.kit.cooperative("1")
            #expect(!stored.name.contains("\u{0}") && !stored.name.contains("\u{FFFD}"), "\(stored.name)")
            let huge = try await client.execute(
                uri: "/coops/1", method: .post, headers: admin.formHeaders,
                body: ByteBuffer(string: "_csrf=\(admin.csrf)&note=" + String(repeating: "x", count: 2 << 20)))
            #expect(huge.status == .contentTooLarge)
            for path in [
                "/static/..%2F..%2FPackage.swift", "/static/%2e%2e/%2e%2e/etc/passwd",
                "/itineraries/demo/..%2F..%2Fhtx.sqlite",
                "/itineraries/..%2F..%2Fetc/packet.md", "/itineraries/demo/packet.md%00.html", "/coops/1%00",
            ] {
                let response = try await client.execute(uri: path, method: .get, headers: admin.headers)
                #expect(
                    [.notFound, .badRequest].contains(response.status),
                    "\(path): \(response.status) \(response.text.prefix(200))")
                #expect(!response.text.contains("PRAGMA") && !response.text.contains("root:x:0"), "\(path)")
            }
            for name in ["../../../etc/cron.d/x.csv", "a\u{0}b.csv", "<img src=x onerror=alert(1)>.csv", "CON.csv"] {
                let (headers, body) = multipart(
                    [("_csrf", admin.csrf), ("dryRun", "1")], files: [(name, "Tên HTX,Quận/huyện\nHTX A,Đông Anh\n")])
                var signed = headers
                signed[.cookie] = admin.headers[.cookie]
                let response = try await client.execute(uri: "/import", method: .post, headers: signed, body: body)
                #expect(response.status.code < 500, "\(name): \(response.status)")
                for marker in HostileInputTests.live { #expect(!response.text.contains(marker), "\(name)") }
            }
        }
        #expect(!FileManager.default.fileExists(atPath: "/etc/cron.d/x.csv"))
        #expect(try fixture.kit.catalog.changeVersion() <= before + 4, "at most the valid edits above")
        #expect(try fixture.kit.catalog.doctor().integrity == "ok")
    }
}
