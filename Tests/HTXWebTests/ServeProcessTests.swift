import Foundation
import HTXCatalog
import HTXTestSupport
import Testing

@testable import HTXWeb

@Suite("htx serve as a process", .serialized)
struct ServeProcessTests {
    @Test("a non-loopback --host is refused with exit 2 and says why; --port out of range too")
    func refusals() throws {
        let cli = try CLI()
        #expect(try cli.run(["init", "--db", cli.db]).code == 0)
        let open = try cli.run(["serve", "--db", cli.db, "--host", "0.0.0.0", "--port", "0"])
        #expect(open.code == 2 && open.stderr.contains("0.0.0.0") && open.stderr.contains("chưa có quản trị viên"))
        #expect(try cli.run(["serve", "--db", cli.db, "--port", "70000"]).code == 2)
        // A viewer is not enough; a disabled admin neither.
        let password = "một câu mật khẩu đủ dài 2026\n"
        #expect(
            try cli.run(
                ["user", "add", "xem", "--role", "viewer", "--password-stdin", "--db", cli.db], stdin: password
            ).code == 0)
        #expect(try cli.run(["serve", "--db", cli.db, "--host", "0.0.0.0", "--port", "0"]).code == 2)
        #expect(
            try cli.run(
                ["user", "add", "quantri", "--role", "admin", "--password-stdin", "--db", cli.db], stdin: password
            ).code == 0)
        let server = try ServerProcess(db: cli.db, folder: cli.directory, arguments: ["--host", "0.0.0.0"])
        #expect(server.url.hasPrefix("http://0.0.0.0:"), "with an admin it listens on the network: \(server.url)")
        server.process.terminate()
        server.process.waitUntilExit()
        // The last administrator cannot be disabled by htx; one an older htx disabled still keeps the port closed.
        let last = try cli.run(["user", "disable", "quantri", "--db", cli.db])
        #expect(last.code == 1 && last.stderr.contains("quản trị viên cuối cùng"), "\(last.stderr)")
        try Catalog.open(path: cli.db).disableUser("quantri", at: "2026-12-07T00:00:00Z")
        #expect(try cli.run(["serve", "--db", cli.db, "--host", "0.0.0.0", "--port", "0"]).code == 2)
    }

    static let openssl = URL(fileURLWithPath: "/usr/bin/openssl")
    static let curl = URL(fileURLWithPath: "/usr/bin/curl")

    @Test(
        "--tls-cert/--tls-key serve HTTPS; the session cookie is then Secure; a foreign Host is refused",
        .enabled(
            if: FileManager.default.isExecutableFile(atPath: openssl.path)
                && FileManager.default.isExecutableFile(atPath: curl.path), "needs openssl and curl"))
    func tls() throws {
        let cli = try CLI()
        let (openssl, curl) = (Self.openssl, Self.curl)
        #expect(try cli.run(["init", "--db", cli.db, "--sample"]).code == 0)
        let password = "một câu mật khẩu đủ dài 2026"
        #expect(
            try cli.run(
                ["user", "add", "quantri", "--role", "admin", "--password-stdin", "--db", cli.db],
                stdin: password + "\n"
            ).code == 0)
        let cert = cli.directory.appendingPathComponent("cert.pem").path
        let key = cli.directory.appendingPathComponent("key.pem").path
        let made = try cli.run(
            [
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "2", "-subj",
                "/CN=localhost",
            ], executable: openssl)
        try #require(made.code == 0, "\(made.stderr)")
        let server = try ServerProcess(
            db: cli.db, folder: cli.directory, arguments: ["--tls-cert", cert, "--tls-key", key])
        #expect(server.url.hasPrefix("https://127.0.0.1:"), "\(server.url)")
        let page = try cli.run(
            ["-sk", "-o", "/dev/null", "-w", "%{http_code}", server.url + "coops"], executable: curl)
        #expect(page.stdout == "303", "the catalog needs a session: \(page.stdout)")
        let form = try cli.run(["-sk", server.url + "login"], executable: curl)
        let token = try #require(
            form.stdout.range(of: "name=\"_csrf\" value=\"[0-9a-f]+\"", options: .regularExpression).map {
                String(form.stdout[$0].dropFirst(20).dropLast(1))
            })
        let login = try cli.run(
            [
                "-sk", "-D", "-", "-o", "/dev/null", "--data-urlencode", "_csrf=\(token)", "--data-urlencode",
                "username=quantri", "--data-urlencode", "password=\(password)", server.url + "login",
            ], executable: curl)
        let cookie = login.stdout.split(separator: "\r\n").first { $0.lowercased().hasPrefix("set-cookie:") } ?? ""
        #expect(
            cookie.contains("htx_session=") && cookie.contains("; Secure") && cookie.contains("HttpOnly"),
            "\(login.stdout)")
        let foreign = try cli.run(
            ["-sk", "-o", "/dev/null", "-w", "%{http_code}", "-H", "Host: evil.example", server.url + "healthz"],
            executable: curl)
        #expect(foreign.stdout == "421")
        let plain = try cli.run(
            [
                "-s", "-o", "/dev/null", "-w", "%{http_code}",
                server.url.replacingOccurrences(of: "https", with: "http") + "healthz",
            ],
            executable: curl)
        #expect(plain.stdout != "200", "no plain HTTP on the TLS port")
        server.process.terminate()
        server.process.waitUntilExit()
    }

    @Test("the base URL comes first; garbage and cut-off requests do not take it down; SIGTERM stops it with 0")
    func lifecycle() throws {
        let cli = try CLI()
        #expect(try cli.run(["init", "--db", cli.db, "--sample"]).code == 0)
        let server = try ServerProcess(db: cli.db, folder: cli.directory)
        let port = try #require(Int(server.url.split(separator: ":").last?.filter(\.isNumber) ?? ""))
        #expect(server.url == "http://127.0.0.1:\(port)/")
        _ = try? RawHTTP.send("\u{0}\u{1}GARBAGE \r\n\r\n", port: port)
        _ = try? RawHTTP.send(
            "POST /import HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; boundary=x\r\n"
                + "Content-Length: 100000\r\n\r\n--x\r\n", port: port, closeEarly: true)
        let (status, body) = try RawHTTP.exchange("GET", "/healthz", port: port)
        #expect(status == 200 && String(decoding: body, as: UTF8.self) == "ok\n")
        server.process.terminate()
        server.process.waitUntilExit()
        #expect(server.process.terminationStatus == 0)
        let log = try String(contentsOf: server.log, encoding: .utf8)
        #expect(log.contains("method=GET path=/healthz status=200"), "the request log on stderr: \(log.suffix(300))")
    }

    @Test("kill -9 during an import leaves the catalog whole: every row of the file or none")
    func killedImport() throws {
        let cli = try CLI()
        #expect(try cli.run(["init", "--db", cli.db]).code == 0)
        let server = try ServerProcess(db: cli.db, folder: cli.directory)
        let port = try #require(Int(server.url.split(separator: ":").last?.filter(\.isNumber) ?? ""))
        let (_, form) = try RawHTTP.exchange("GET", "/import", port: port)
        let page = String(decoding: form, as: UTF8.self)
        let token = try #require(
            page.range(of: "name=\"_csrf\" value=\"[0-9a-f]+\"", options: .regularExpression).map {
                String(page[$0].dropFirst(20).dropLast(1))
            })
        let rows = 20_000
        var csv = "Tên HTX,Mã số thuế,Quận/huyện\n"
        for index in 0..<rows { csv += "HTX Thử nghiệm số \(index),\(String(format: "01%08d", index)),Đông Anh\n" }
        let boundary = "kill9boundary"
        let body =
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(token)\r\n"
            + "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"lon.csv\"\r\n\r\n\(csv)\r\n"
            + "--\(boundary)--\r\n"
        let request =
            "POST /import HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n"
            + "Content-Type: multipart/form-data; boundary=\(boundary)\r\n"
            + "Content-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n" + body
        let sender = Thread { _ = try? RawHTTP.send(request, port: port) }
        sender.start()
        Thread.sleep(forTimeInterval: 0.8)
        kill(server.process.processIdentifier, SIGKILL)
        server.process.waitUntilExit()
        let listed = try cli.run(["coop", "list", "--db", cli.db, "--format", "json"])
        #expect(listed.code == 0)
        let count = listed.stdout.components(separatedBy: "\"id\":").count - 1
        #expect(count == 0 || count == rows, "\(count) rows: the import is whole or absent")
        let doctor = try cli.run(["doctor", "--db", cli.db])
        #expect(doctor.code == 0, "\(doctor.stdout)\(doctor.stderr)")
    }
}
