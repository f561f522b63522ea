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

/// A multipart body of fields and files.
func multipart(
    _ fields: [(String, String)], files: [(String, String)], boundary: String = "htxBOUNDARY42"
)
    -> (HTTPFields, ByteBuffer)
{
    var body = ""
    for (name, value) in fields {
        body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
    }
    for (name, content) in files {
        body +=
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(name)\"\r\n"
            + "Content-Type: text/csv\r\n\r\n\(content)\r\n"
    }
    body += "--\(boundary)--\r\n"
    return ([.contentType: "multipart/form-data; boundary=\(boundary)"], ByteBuffer(string: body))
}

@Suite("Web import (SPEC §9)")
struct WebImportTests {
    static let bad =
        "Tên HTX,Mã số thuế,Quận/huyện\nHTX Rau sạch Vân Nội,0106666667,Đông Anh\nHTX Gốm Kim Lan,12AB,Gia Lâm\n"
    static let good =
        "Tên HTX,Mã số thuế,Quận/huyện\nHTX Rau sạch Vân Nội,0106666667,Đông Anh\nHTX Gốm Kim Lan,0106666668,Gia Lâm\n"

    @Test(
        "a bad tax code: 400 naming its row and column, nothing written; the fixed file previewed, then committed"
    )
    func previewAndCommit() async throws {
        let fixture = try await WebFixture()
        let before = try fixture.kit.list().count
        try await fixture.test { client in
            let form = try await client.execute(uri: "/import", method: .get)
            #expect(form.status == .ok && form.text.contains("enctype=\"multipart/form-data\""))
            let (headers, body) = multipart(
                [("_csrf", WebFixture.token), ("dryRun", "1")], files: [("danh sách xã.csv", WebImportTests.bad)])
            let refused = try await client.execute(uri: "/import", method: .post, headers: headers, body: body)
            #expect(refused.status == .badRequest)
            #expect(refused.text.contains("<td>3</td><td>Mã số thuế</td><td><mark>12AB</mark></td>"), "\(refused.text)")
            #expect(try fixture.kit.list().count == before)
            let (h2, b2) = multipart(
                [("_csrf", WebFixture.token), ("dryRun", "1")], files: [("danh sách xã.csv", WebImportTests.good)])
            let preview = try await client.execute(uri: "/import", method: .post, headers: h2, body: b2)
            #expect(preview.status == .ok && preview.text.contains("name=\"staged\""))
            #expect(try fixture.kit.list().count == before, "a preview writes nothing")
            let staged = try #require(
                preview.text.range(of: "name=\"staged\" value=\"[0-9a-f]{32}\"", options: .regularExpression).map {
                    String(preview.text[$0].dropFirst(21).dropLast(1))
                })
            let (h3, b3) = multipart([("_csrf", WebFixture.token), ("staged", staged)], files: [])
            let committed = try await client.execute(uri: "/import", method: .post, headers: h3, body: b3)
            #expect(committed.status == .ok && committed.text.contains("Đã nhập vào danh mục."))
            #expect(try fixture.kit.list().count == before + 2)
            #expect(try fixture.kit.history("0106666668").first?.by == "web")
        }
    }

    @Test("the preview shows the file with its problem cells marked; a column mapped in the page reads on commit")
    func mappingInThePage() async throws {
        let fixture = try await WebFixture()
        let file =
            "Tên HTX,Mã số thuế,Quận/huyện,Tổng thu năm 2021\nHTX Rau sạch Vân Nội,0106666667,Đông Anh,5200\n"
            + "HTX Gốm <Kim> Lan,12AB,Gia Lâm,8100\n"
        try await fixture.test { client in
            let (h1, b1) = multipart([("_csrf", WebFixture.token), ("dryRun", "1")], files: [("a.csv", file)])
            let preview = try await client.execute(uri: "/import", method: .post, headers: h1, body: b1)
            #expect(preview.status == .badRequest)
            #expect(preview.text.contains("<td class=\"bad\" title=\""), "the bad cell is marked")
            #expect(preview.text.contains("<mark>12AB</mark></td>") && preview.text.contains("HTX Gốm &lt;Kim&gt; Lan"))
            #expect(preview.text.contains("<th scope=\"col\" class=\"unknown\">Tổng thu năm 2021</th>"))
            let staged = try #require(
                preview.text.range(of: "name=\"staged\" value=\"[0-9a-f]{32}\"", options: .regularExpression).map {
                    String(preview.text[$0].dropFirst(21).dropLast(1))
                })
            #expect(preview.text.contains("name=\"col-0-3\" value=\"\""), "the unknown column, empty")
            #expect(preview.text.contains("name=\"col-0-1\" value=\"taxCode\""))
            // The tax code column left out, the unknown one read as 2021 revenue: the bad code no longer counts.
            let fields = [
                ("_csrf", WebFixture.token), ("staged", staged), ("restage", "1"),
                ("h-0-0", "Tên HTX"), ("auto-0-0", "name"), ("col-0-0", "name"),
                ("h-0-1", "Mã số thuế"), ("auto-0-1", "taxCode"), ("col-0-1", ""),
                ("h-0-2", "Quận/huyện"), ("auto-0-2", "district"), ("col-0-2", "district"),
                ("h-0-3", "Tổng thu năm 2021"), ("auto-0-3", ""), ("col-0-3", "revenue 2021"),
            ]
            let (h2, b2) = multipart(fields, files: [])
            let again = try await client.execute(uri: "/import", method: .post, headers: h2, body: b2)
            #expect(again.status == .ok && again.text.contains("name=\"col-0-3\" value=\"revenue 2021\""))
            #expect(!again.text.contains("class=\"unknown\""))
            // A name that is no field: the reason beside it, and the preview as it was (the commit still works).
            var typo = fields
            typo[typo.count - 1] = ("col-0-3", "doanh thu")
            let (h4, b4) = multipart(typo, files: [])
            let refused = try await client.execute(uri: "/import", method: .post, headers: h4, body: b4)
            #expect(refused.text.contains("id=\"col-error-0-3\"") && refused.text.contains("value=\"doanh thu\""))
            // A preview's commit button after the preview was made again with another map: refused.
            let shown = try #require(
                again.text.range(of: "name=\"_options\" value=\"[0-9a-f]+\"", options: .regularExpression).map {
                    String(again.text[$0].dropFirst(23).dropLast(1))
                })
            for choice in ["profit 2021", "revenue 2021"] {
                var remap = fields
                remap[remap.count - 1] = ("col-0-3", choice)
                let (h6, b6) = multipart(remap, files: [])
                #expect(try await client.execute(uri: "/import", method: .post, headers: h6, body: b6).status == .ok)
                if choice == "profit 2021" {
                    let (h5, b5) = multipart(
                        [("_csrf", WebFixture.token), ("staged", staged), ("_options", shown)], files: [])
                    let stale = try await client.execute(uri: "/import", method: .post, headers: h5, body: b5)
                    #expect(stale.status == .conflict && stale.text.contains("cách ghép cột khác"))
                }
            }
            let before = try fixture.kit.list().count
            let (h3, b3) = multipart([("_csrf", WebFixture.token), ("staged", staged)], files: [])
            let committed = try await client.execute(uri: "/import", method: .post, headers: h3, body: b3)
            #expect(committed.status == .ok && committed.text.contains("Đã nhập vào danh mục."))
            #expect(try fixture.kit.list().count == before + 2)
            let hit = try #require(try fixture.kit.search("Gốm Kim Lan", limit: 1).results.first)
            let coop = try fixture.kit.cooperative(String(hit.id))
            #expect(coop.taxCode == nil && coop.figures.first { $0.year == 2021 }?.revenue == 8100)
        }
    }

    @Test("an upload cut off mid-way writes nothing; without the token 403; over the limit 413 before it is read")
    func faults() async throws {
        let fixture = try await WebFixture()
        let before = try fixture.kit.list().count
        try await fixture.test { client in
            let (headers, body) = multipart([("_csrf", WebFixture.token)], files: [("a.csv", WebImportTests.good)])
            var cut = body
            cut.moveWriterIndex(to: body.readableBytes - 30)
            let truncated = try await client.execute(uri: "/import", method: .post, headers: headers, body: cut)
            #expect(truncated.status == .forbidden || truncated.status == .badRequest)
            #expect(try fixture.kit.list().count == before)
            let (h2, b2) = multipart([], files: [("a.csv", WebImportTests.good)])
            #expect(try await client.execute(uri: "/import", method: .post, headers: h2, body: b2).status == .forbidden)
            #expect(try fixture.kit.list().count == before)
            let port = try #require(client.port)
            let big = try await RawHTTP.send(
                "POST /import HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nContent-Type: multipart/form-data; boundary=x\r\n"
                    + "Content-Length: \(WebApp.uploadLimit + 1)\r\nConnection: close\r\n\r\n--x\r\n", port: port)
            #expect(big.hasPrefix("HTTP/1.1 413"), "\(big.prefix(60))")
        }
    }
}

@Suite("Web fixes after the attack")
struct WebAttackTests {
    @Test("a huge page number on a search answers (the last page) instead of killing the server")
    func hugePage() async throws {
        let fixture = try await WebFixture()
        try await fixture.test { client in
            let page = try await client.execute(uri: "/coops?q=htx&page=9223372036854775807", method: .get)
            #expect(page.status == .ok && page.text.contains("Trang 1/1"))
            #expect(try await client.execute(uri: "/healthz", method: .get).status == .ok)
        }
    }

    @Test("a commit uses its preview's options; several files go in together or not at all")
    func previewOptionsAndAtomicity() async throws {
        let fixture = try await WebFixture()
        let existing = try fixture.kit.cooperative("13")
        let taxCode = try #require(existing.taxCode)
        try await fixture.test { client in
            // Preview with onConflict=skip, then commit: the existing record stays as it was.
            let csv = "Tên HTX,Mã số thuế,Quận/huyện\nHTX Đổi Tên,\(taxCode),Bắc Từ Liêm\n"
            let (h1, b1) = multipart(
                [("_csrf", WebFixture.token), ("dryRun", "1"), ("onConflict", "skip")], files: [("a.csv", csv)])
            let preview = try await client.execute(uri: "/import", method: .post, headers: h1, body: b1)
            let staged = try #require(
                preview.text.range(of: "name=\"staged\" value=\"[0-9a-f]{32}\"", options: .regularExpression).map {
                    String(preview.text[$0].dropFirst(21).dropLast(1))
                })
            let (h2, b2) = multipart([("_csrf", WebFixture.token), ("staged", staged)], files: [])
            #expect(try await client.execute(uri: "/import", method: .post, headers: h2, body: b2).status == .ok)
            #expect(try fixture.kit.cooperative("13").name == existing.name, "skip, as previewed")
            // One good file and one bad: nothing written.
            let before = try fixture.kit.list().count
            let good = "Tên HTX,Mã số thuế,Quận/huyện\nHTX Mới Tinh Một,0109999991,Đông Anh\n"
            let bad = "Tên HTX,Mã số thuế,Quận/huyện,Số thành viên\nHTX Hỏng,0109999992,Đông Anh,abc\n"
            let (h3, b3) = multipart([("_csrf", WebFixture.token)], files: [("good.csv", good), ("bad.csv", bad)])
            let refused = try await client.execute(uri: "/import", method: .post, headers: h3, body: b3)
            #expect(refused.status == .badRequest)
            #expect(try fixture.kit.list().count == before, "the good file is not written when another fails")
        }
    }

    @Test("Vietnamese and spaced names reach their pages; Origin with another port and Host tricks are refused")
    func namesAndOrigins() async throws {
        let fixture = try await WebFixture()
        try await fixture.test { client in
            let built = try await client.execute(
                uri: "/shortlists", method: .post, headers: WebFixture.formHeaders,
                body: WebFixture.form([("_csrf", WebFixture.token), ("name", "đoàn-1"), ("size", "4")]))
            let location = try #require(built.headers[.location])
            #expect(location == "/shortlists/%C4%91o%C3%A0n-1")
            #expect(try await client.execute(uri: location, method: .get).status == .ok)
            #expect(try await client.execute(uri: "/shortlists", method: .get).text.contains("href=\"\(location)\""))
            let port = try #require(client.port)
            var otherPort = WebFixture.formHeaders
            otherPort[.origin] = "http://127.0.0.1:1"
            let refused = try await client.execute(
                uri: "/shortlists/demo/entries/4", method: .post, headers: otherPort,
                body: WebFixture.form([("_csrf", WebFixture.token), ("status", "approved")]))
            #expect(refused.status == .forbidden)
            var mixedCase = WebFixture.formHeaders
            mixedCase[HTTPField.Name("Sec-Fetch-Site")!] = "Cross-Site"
            let crossSite = try await client.execute(
                uri: "/shortlists/demo/entries/4", method: .post, headers: mixedCase,
                body: WebFixture.form([("_csrf", WebFixture.token), ("status", "approved")]))
            #expect(crossSite.status == .forbidden)
            let trick = try await RawHTTP.send(
                "GET /coops HTTP/1.1\r\nHost: [::1]evil.example\r\nConnection: close\r\n\r\n", port: port)
            #expect(trick.hasPrefix("HTTP/1.1 421"))
            let big = try await RawHTTP.send(
                "POST /coops/1 HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nContent-Type: "
                    + "application/x-www-form-urlencoded\r\n"
                    + "X-CSRF-Token: \(WebFixture.token)\r\nContent-Length: 400000000\r\nConnection: close\r\n\r\n",
                port: port)
            #expect(big.hasPrefix("HTTP/1.1 413"), "declared size refused before reading: \(big.prefix(40))")
        }
    }
}
