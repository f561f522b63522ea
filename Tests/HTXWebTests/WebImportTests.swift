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
            let big = try RawHTTP.send(
                "POST /import HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nContent-Type: multipart/form-data; boundary=x\r\n"
                    + "Content-Length: \(WebApp.uploadLimit + 1)\r\nConnection: close\r\n\r\n--x\r\n", port: port)
            #expect(big.hasPrefix("HTTP/1.1 413"), "\(big.prefix(60))")
        }
    }
}
