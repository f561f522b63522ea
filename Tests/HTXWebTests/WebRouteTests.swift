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

/// The web application over a fresh demo catalog, tested through a live server on a free loopback port.
struct WebFixture {
    let folder: TemporaryFolder
    let kit: Kit
    let app: WebApp
    static let token = "test-csrf-token-0123456789abcdef"

    init() async throws {
        folder = try TemporaryFolder("htx-web")
        kit = try Kit.demo(
            catalogPath: folder.file("htx.sqlite"), seeds: Fixtures.seeds, lang: .vi, clock: Fixtures.clock
        )
        .kit
        let configuration = WebConfiguration(
            host: "127.0.0.1", port: 0, catalogPath: folder.file("htx.sqlite"), seeds: Fixtures.seeds)
        app = try await WebApp(kit: kit, configuration: configuration, csrfToken: WebFixture.token)
    }

    /// Runs `body` with a client of the live server.
    func test(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        try await Application(router: app.router()).test(.live) { client in try await body(client) }
    }

    /// A form body, percent-encoded.
    static func form(_ fields: [(String, String)]) -> ByteBuffer {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
        return ByteBuffer(
            string: fields.map {
                $0.0 + "=" + ($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")
            }.joined(separator: "&"))
    }

    static let formHeaders: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
}

extension TestResponse {
    var text: String { String(buffer: body) }
}

@Suite("Web routes (SPEC §9)")
struct WebRouteTests {
    @Test("GET /healthz answers ok with the security headers")
    func health() async throws {
        let fixture = try await WebFixture()
        try await fixture.test { client in
            let response = try await client.execute(uri: "/healthz", method: .get)
            #expect(response.status == .ok && response.text == "ok\n")
            let policy = try #require(response.headers[.contentSecurityPolicy])
            #expect(policy.contains("script-src 'self'") && !policy.contains("unsafe-inline"))
            #expect(policy.contains("frame-ancestors 'none'"))
            #expect(response.headers[.xContentTypeOptions] == "nosniff")
        }
    }

    @Test("GET /coops lists in Vietnamese order with facets; its JSON is the CLI's coop list and search JSON")
    func coops() async throws {
        let fixture = try await WebFixture()
        let list = try JSONText.encode(try fixture.kit.list(district: nil, sector: nil, grade: nil)) + "\n"
        let search = try JSONText.encode(try fixture.kit.search("dong anh")) + "\n"
        let filtered = try JSONText.encode(try fixture.kit.list(district: "Đông Anh", sector: nil, grade: nil)) + "\n"
        try await fixture.test { client in
            let page = try await client.execute(uri: "/coops", method: .get)
            #expect(page.status == .ok && page.headers[.contentType] == "text/html; charset=utf-8")
            #expect(page.text.contains("<html lang=\"vi\">") && page.text.contains("50 hợp tác xã"))
            #expect(page.text.contains("<option value=\"Đông Anh\">Đông Anh ("), "district facet with its count")
            #expect(page.text.contains("href=\"/coops/43\">HTX Bánh chưng Tranh Khúc</a>"), "rows link to records")
            let json = try await client.execute(uri: "/coops?format=json", method: .get)
            #expect(json.text == list)
            let accept = try await client.execute(uri: "/coops", method: .get, headers: [.accept: "application/json"])
            #expect(accept.text == list)
            let found = try await client.execute(uri: "/coops?q=dong%20anh&format=json", method: .get)
            #expect(found.text == search)
            let byDistrict = try await client.execute(uri: "/coops?district=dong%20anh&format=json", method: .get)
            #expect(byDistrict.text == filtered)
            let english = try await client.execute(uri: "/coops?lang=en", method: .get)
            #expect(english.text.contains("<html lang=\"en\">") && english.text.contains("50 cooperatives"))
            let second = try await client.execute(uri: "/coops?page=2", method: .get)
            #expect(second.text.contains("Trang 1/1"), "one page of 50 rows")
            #expect(
                second.text.contains("href=\"/coops/43\">HTX Bánh chưng Tranh Khúc</a>"), "past the end: the last page")
        }
    }

    @Test("GET /coops/{id} shows the record and its history; JSON is coop show; an unknown one is 404")
    func record() async throws {
        let fixture = try await WebFixture()
        let show = try JSONText.encode(try fixture.kit.cooperative("4")) + "\n"
        try await fixture.test { client in
            let page = try await client.execute(uri: "/coops/4", method: .get)
            #expect(page.status == .ok && page.text.contains("HTX Dịch vụ Nông nghiệp Nguyên Khê"))
            #expect(
                page.text.contains("name=\"_csrf\" value=\"\(WebFixture.token)\""), "the edit form carries the token")
            #expect(page.text.contains("name=\"_version\""))
            #expect(try await client.execute(uri: "/coops/4?format=json", method: .get).text == show)
            #expect(try await client.execute(uri: "/coops/999", method: .get).status == .notFound)
            let missing = try await client.execute(uri: "/coops/999?format=json", method: .get)
            #expect(missing.status == .notFound && missing.text.contains("\"error\""))
        }
    }

    @Test("the unit in force: chosen in the edit form for a split commune, then a facet and a filter of the list")
    func unitInForce() async throws {
        let fixture = try await WebFixture()
        #expect(try fixture.kit.cooperative("4").unit2025 == nil, "Nguyên Khê was split between two units")
        let version = try fixture.kit.version("4")
        try await fixture.test { client in
            let form = try await client.execute(uri: "/coops/4", method: .get)
            #expect(form.text.contains("name=\"unit2025\""))
            let saved = try await client.execute(
                uri: "/coops/4", method: .post, headers: WebFixture.formHeaders,
                body: WebFixture.form([
                    ("_csrf", WebFixture.token), ("_version", String(version)), ("unit2025", "00466"),
                ]))
            #expect(saved.status == .seeOther)
            #expect(try fixture.kit.cooperative("4").unit2025?.name == "Phúc Thịnh")
            let list = try await client.execute(uri: "/coops?unit=xa+phuc+thinh", method: .get)
            #expect(list.status == .ok && list.text.contains("HTX Dịch vụ Nông nghiệp Nguyên Khê"))
            #expect(list.text.contains("<option value=\"Phúc Thịnh\" selected"), "the facet shows the choice")
            // A 2021 commune stands for the units it went into.
            let old = try await client.execute(uri: "/coops?unit=x%C3%A3+Nguy%C3%AAn+Kh%C3%AA", method: .get)
            #expect(old.text.contains("HTX Dịch vụ Nông nghiệp Nguyên Khê"))
            #expect(try await client.execute(uri: "/coops?unit=khong+co", method: .get).status == .badRequest)
        }
    }

    @Test("POST /coops/{id}: refused without the token (403); saved with it (303, history by web); 409 when stale")
    func edit() async throws {
        let fixture = try await WebFixture()
        let version = try fixture.kit.version("4")
        let before = try fixture.kit.cooperative("4")
        try await fixture.test { client in
            let fields = [("_version", String(version)), ("address", "Thôn Mới, xã Nguyên Khê, huyện Đông Anh")]
            let noToken = try await client.execute(
                uri: "/coops/4", method: .post, headers: WebFixture.formHeaders, body: WebFixture.form(fields))
            #expect(noToken.status == .forbidden)
            #expect(try fixture.kit.cooperative("4") == before, "nothing written without the token")
            let wrong = try await client.execute(
                uri: "/coops/4", method: .post, headers: WebFixture.formHeaders,
                body: WebFixture.form([("_csrf", "nope")] + fields))
            #expect(wrong.status == .forbidden)
            let saved = try await client.execute(
                uri: "/coops/4", method: .post, headers: WebFixture.formHeaders,
                body: WebFixture.form([("_csrf", WebFixture.token)] + fields))
            #expect(saved.status == .seeOther && saved.headers[.location] == "/coops/4?saved=1")
            #expect(try fixture.kit.cooperative("4").address == "Thôn Mới, xã Nguyên Khê, huyện Đông Anh")
            #expect(try fixture.kit.history("4").last?.by == "web")
            // The same form again: someone (web) changed it since.
            let stale = try await client.execute(
                uri: "/coops/4", method: .post, headers: WebFixture.formHeaders,
                body: WebFixture.form([("_csrf", WebFixture.token), ("_version", String(version)), ("address", "X")]))
            #expect(stale.status == .conflict && stale.text.contains("web") && stale.text.contains("2021-10-20"))
            #expect(try fixture.kit.cooperative("4").address == "Thôn Mới, xã Nguyên Khê, huyện Đông Anh")
            // A bad value: the error beside its field, nothing written.
            let now = try fixture.kit.version("4")
            let bad = try await client.execute(
                uri: "/coops/4", method: .post, headers: WebFixture.formHeaders,
                body: WebFixture.form([("_csrf", WebFixture.token), ("_version", String(now)), ("members", "nhiều")]))
            #expect(bad.status == .badRequest)
            #expect(bad.text.contains("id=\"f-members\" name=\"members\" value=\"nhiều\" aria-invalid=\"true\""))
            #expect(bad.text.contains("<p class=\"error\" id=\"e-members\">"))
            #expect(try fixture.kit.version("4") == now)
            // The header token works as well as the field.
            var headers = WebFixture.formHeaders
            headers[HTTPField.Name("X-CSRF-Token")!] = WebFixture.token
            let viaHeader = try await client.execute(
                uri: "/coops/4", method: .post, headers: headers,
                body: WebFixture.form([("_version", String(now)), ("note", "Ghi chú từ web")]))
            #expect(viaHeader.status == .seeOther)
        }
    }

    @Test("a request for another host is refused (421); a cross-site post is refused (403) even with the token")
    func hostAndOrigin() async throws {
        let fixture = try await WebFixture()
        try await fixture.test { client in
            let port = try #require(client.port)
            let rebinding = try await RawHTTP.send(
                "GET /coops HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n", port: port)
            #expect(rebinding.hasPrefix("HTTP/1.1 421"), "\(rebinding.prefix(80))")
            let rebindingWithPort = try await RawHTTP.send(
                "GET /coops HTTP/1.1\r\nHost: 127.0.0.1.evil.example:\(port)\r\nConnection: close\r\n\r\n", port: port)
            #expect(rebindingWithPort.hasPrefix("HTTP/1.1 421"))
            let loopback = try await RawHTTP.send(
                "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n", port: port)
            #expect(loopback.hasPrefix("HTTP/1.1 200"))
            var cross = WebFixture.formHeaders
            cross[HTTPField.Name("Sec-Fetch-Site")!] = "cross-site"
            let fromElsewhere = try await client.execute(
                uri: "/shortlists/demo/entries/4", method: .post, headers: cross,
                body: WebFixture.form([("_csrf", WebFixture.token), ("status", "approved")]))
            #expect(fromElsewhere.status == .forbidden)
            var origin = WebFixture.formHeaders
            origin[.origin] = "http://evil.example"
            let otherOrigin = try await client.execute(
                uri: "/shortlists/demo/entries/4", method: .post, headers: origin,
                body: WebFixture.form([("_csrf", WebFixture.token), ("status", "approved")]))
            #expect(otherOrigin.status == .forbidden)
        }
    }

    @Test("GET /check links each finding to its record; JSON is the check report")
    func check() async throws {
        let fixture = try await WebFixture()
        let report = try JSONText.encode(try fixture.kit.check(lang: .vi)) + "\n"
        try await fixture.test { client in
            let page = try await client.execute(uri: "/check", method: .get)
            #expect(page.status == .ok && page.text.contains("<a href=\"/coops/"))
            #expect(try await client.execute(uri: "/check?format=json", method: .get).text == report)
        }
    }

    @Test("shortlists: points and reasons shown; approve with a note (303), a bad status 400, unknown 404")
    func shortlist() async throws {
        let fixture = try await WebFixture()
        let record = try fixture.kit.shortlist("demo")
        let entry = try #require(record.entries.first)
        try await fixture.test { client in
            let page = try await client.execute(uri: "/shortlists/demo", method: .get)
            #expect(page.status == .ok && page.text.contains(entry.name))
            #expect(page.text.contains("action=\"/shortlists/demo/entries/\(entry.id)\""))
            let json = try await client.execute(uri: "/shortlists/demo?format=json", method: .get)
            #expect(json.text == (try JSONText.encode(record)) + "\n")
            let approve = try await client.execute(
                uri: "/shortlists/demo/entries/\(entry.id)", method: .post, headers: WebFixture.formHeaders,
                body: WebFixture.form([("_csrf", WebFixture.token), ("status", "approved"), ("note", "Đủ tiêu chí")]))
            #expect(approve.status == .seeOther && approve.headers[.location] == "/shortlists/demo")
            let stored = try fixture.kit.shortlist("demo").entries.first { $0.id == entry.id }
            #expect(stored?.status == .approved && stored?.note == "Đủ tiêu chí" && stored?.by == "web")
            let bad = try await client.execute(
                uri: "/shortlists/demo/entries/\(entry.id)", method: .post, headers: WebFixture.formHeaders,
                body: WebFixture.form([("_csrf", WebFixture.token), ("status", "maybe")]))
            #expect(bad.status == .badRequest)
            #expect(try await client.execute(uri: "/shortlists/nope", method: .get).status == .notFound)
        }
    }

    @Test("itineraries: programme and SVG map; JSON is the itinerary; every document downloads")
    func itinerary() async throws {
        let fixture = try await WebFixture()
        let report = try JSONText.encode(try fixture.kit.itinerary("demo").report) + "\n"
        try await fixture.test { client in
            let page = try await client.execute(uri: "/itineraries/demo", method: .get)
            #expect(page.status == .ok && page.text.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""))
            #expect(page.text.contains("Thứ Năm, ngày 28/10/2021"))
            #expect(try await client.execute(uri: "/itineraries/demo?format=json", method: .get).text == report)
            let docx = try await client.execute(uri: "/itineraries/demo/packet.docx", method: .get)
            #expect(docx.status == .ok && docx.text.hasPrefix("PK"))
            #expect(docx.headers[.contentDisposition]?.contains("attachment; filename=\"tai-lieu-demo.docx\"") == true)
            let html = try await client.execute(uri: "/itineraries/demo/packet.html", method: .get)
            #expect(html.status == .ok && html.text.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))
            let md = try await client.execute(uri: "/itineraries/demo/packet.md", method: .get)
            #expect(md.status == .ok && md.text.contains("# "))
            let letters = try await client.execute(uri: "/itineraries/demo/letters.zip", method: .get)
            #expect(letters.status == .ok && letters.text.hasPrefix("PK"))
            if FontLocator.serif() != nil {
                let pdf = try await client.execute(uri: "/itineraries/demo/packet.pdf", method: .get)
                #expect(
                    pdf.status == .ok && pdf.headers[.contentType] == "application/pdf" && pdf.text.hasPrefix("%PDF"))
            }
            #expect(try await client.execute(uri: "/itineraries/demo/packet.exe", method: .get).status == .notFound)
            #expect(try await client.execute(uri: "/itineraries/nope", method: .get).status == .notFound)
        }
    }

    @Test("what a user typed is escaped on every page that shows it")
    func escaping() async throws {
        let fixture = try await WebFixture()
        let hostile = "<script>alert(1)</script>\"><img src=x onerror=alert(2)>"
        let added = try fixture.kit.addCooperative(
            name: "HTX " + hostile, fields: [FieldValue("district", "Đông Anh")],
            origin: ChangeOrigin(by: "test", source: nil))
        let id = try #require(added.cooperative.id)
        try await fixture.test { client in
            for uri in ["/coops", "/coops/\(id)", "/coops?q=alert"] {
                let page = try await client.execute(uri: uri, method: .get)
                #expect(page.status == .ok)
                #expect(!page.text.contains("<script>alert") && !page.text.contains("<img src=x"), "\(uri)")
                #expect(page.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "\(uri) shows the name as text")
            }
        }
    }

    @Test("static files are served by name only; a path from the request is never followed")
    func staticFiles() async throws {
        let fixture = try await WebFixture()
        try await fixture.test { client in
            let css = try await client.execute(uri: "/static/htx.css", method: .get)
            #expect(css.status == .ok && css.headers[.contentType] == "text/css; charset=utf-8")
            #expect(try await client.execute(uri: "/static/htx.js", method: .get).status == .ok)
            for uri in ["/static/..%2F..%2FPackage.swift", "/static/header.mustache", "/static/%2e%2e"] {
                #expect(try await client.execute(uri: uri, method: .get).status == .notFound, "\(uri)")
            }
        }
    }
}

@Suite("Web forms that build")
struct WebBuildTests {
    @Test("POST /shortlists builds one (303), POST /itineraries plans it (303); bad numbers 400; every label exists")
    func buildAndPlan() async throws {
        let fixture = try await WebFixture()
        try await fixture.test { client in
            #expect(try await client.execute(uri: "/shortlists", method: .get).text.contains("name=\"maxPerDistrict\""))
            let built = try await client.execute(
                uri: "/shortlists", method: .post, headers: WebFixture.formHeaders,
                body: WebFixture.form([
                    ("_csrf", WebFixture.token), ("name", "doan-2"), ("size", "6"), ("maxPerDistrict", "2"),
                ]))
            #expect(built.status == .seeOther && built.headers[.location] == "/shortlists/doan-2")
            #expect(try fixture.kit.shortlist("doan-2").entries.count == 6)
            let badSize = try await client.execute(
                uri: "/shortlists", method: .post, headers: WebFixture.formHeaders,
                body: WebFixture.form([("_csrf", WebFixture.token), ("name", "x"), ("size", "muoi")]))
            #expect(badSize.status == .badRequest && badSize.text.contains("size"))
            let planned = try await client.execute(
                uri: "/itineraries", method: .post, headers: WebFixture.formHeaders,
                body: WebFixture.form([
                    ("_csrf", WebFixture.token), ("name", "doan-2"), ("shortlist", "doan-2"), ("date", "2021-11-04"),
                    ("days", "2"),
                ]))
            #expect(planned.status == .seeOther && planned.headers[.location] == "/itineraries/doan-2")
            #expect(try fixture.kit.itinerary("doan-2").report.days.count == 2)
            let page = try await client.execute(uri: "/itineraries", method: .get)
            #expect(page.text.contains("href=\"/itineraries/doan-2\""))
        }
    }

    @Test("every label a template uses is defined in both languages")
    func labels() throws {
        let folder = Fixtures.seeds.url.appendingPathComponent("web/templates")
        let table = WebLabels.pairs
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            let regex = try NSRegularExpression(pattern: "\\{\\{t\\.([A-Za-z]+)\\}\\}")
            for match in regex.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                let key = (text as NSString).substring(with: match.range(at: 1))
                #expect(table[key] != nil, "\(name) uses t.\(key)")
            }
        }
    }
}
