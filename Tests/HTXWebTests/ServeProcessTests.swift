import Foundation
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
