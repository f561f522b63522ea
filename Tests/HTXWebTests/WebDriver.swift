import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A small W3C WebDriver client for chromedriver: enough to open pages, fill and submit forms, read text and take
/// screenshots in a real Chromium.
final class WebDriver: @unchecked Sendable {
    let process: Process
    let port: Int
    var session = ""

    static let driverPath = ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }
    static let browserPath = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }
    static var available: Bool { driverPath != nil && browserPath != nil }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Starts chromedriver on a free port and a headless Chromium session at 1366×768.
    init(profile: URL) async throws {
        guard let driver = WebDriver.driverPath, let browser = WebDriver.browserPath else {
            throw Failure(description: "chromium or chromedriver missing")
        }
        port = try WebDriver.freePort()
        process = Process()
        process.executableURL = URL(fileURLWithPath: driver)
        process.arguments = ["--port=\(port)", "--allowed-ips=127.0.0.1"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        for _ in 0..<100 {
            if let status = try? await call("GET", "/status"),
                (status["value"] as? [String: Any])?["ready"] as? Bool == true
            {
                break
            }
            try await Task.sleep(nanoseconds: 100_000_000)
        }
        let options: [String: Any] = [
            "binary": browser,
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1366,768",
                "--user-data-dir=\(profile.path)", "--lang=vi",
            ],
        ]
        let answer = try await call(
            "POST", "/session",
            ["capabilities": ["alwaysMatch": ["browserName": "chrome", "goog:chromeOptions": options]]])
        guard let value = answer["value"] as? [String: Any], let id = value["sessionId"] as? String else {
            throw Failure(description: "no session: \(answer)")
        }
        session = id
        // An element a page is still loading (a form just sent, a script redrawing) is waited for up to 10 s
        // instead of failing at once: on a loaded 2-core machine the next page can take a moment.
        try await command("POST", "/timeouts", ["implicit": 10_000])
    }

    deinit { quit() }

    func quit() {
        if !session.isEmpty {
            _ = try? RawHTTP.exchange("DELETE", "/session/\(session)", port: port)
            session = ""
        }
        if process.isRunning { process.terminate() }
    }

    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer -> Int32 in
                guard bind(fd, pointer, length) == 0 else { return -1 }
                return getsockname(fd, pointer, &length)
            }
        }
        guard bound == 0 else { throw Failure(description: "no free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    @discardableResult
    func call(_ method: String, _ path: String, _ body: [String: Any]? = nil) async throws -> [String: Any] {
        let payload = try body.map { [UInt8](try JSONSerialization.data(withJSONObject: $0)) } ?? []
        let (_, data) = try RawHTTP.exchange(method, path, port: port, body: payload)
        let object = (try? JSONSerialization.jsonObject(with: Data(data))) as? [String: Any] ?? [:]
        if let value = object["value"] as? [String: Any], let error = value["error"] as? String {
            throw Failure(description: "\(method) \(path): \(error): \(value["message"] ?? "")")
        }
        return object
    }

    func command(_ method: String, _ path: String, _ body: [String: Any]? = nil) async throws -> Any? {
        try await call(method, "/session/\(session)" + path, body)["value"]
    }

    func open(_ url: String) async throws { try await command("POST", "/url", ["url": url]) }

    /// The element of a CSS selector (an error when there is none).
    func find(_ css: String) async throws -> String {
        let value = try await command("POST", "/element", ["using": "css selector", "value": css])
        guard let element = value as? [String: Any], let id = element.values.first as? String else {
            throw Failure(description: "no element \(css)")
        }
        return id
    }

    func type(_ css: String, _ text: String) async throws {
        let element = try await find(css)
        try await command("POST", "/element/\(element)/clear", [:])
        try await command("POST", "/element/\(element)/value", ["text": text])
    }

    func click(_ css: String) async throws {
        try await command("POST", "/element/\(try await find(css))/click", [:])
    }

    /// The text of the element `css` selects; found again when the page replaced it between the finding and the
    /// reading (a script redrawing the element, or writing the answer of an upload into the page).
    func text(_ css: String) async throws -> String {
        var attempt = 0
        while true {
            do {
                return (try await command("GET", "/element/\(try await find(css))/text")) as? String ?? ""
            } catch let failure as Failure where failure.description.contains("stale element") && attempt < 5 {
                attempt += 1
                try await Task.sleep(nanoseconds: 200_000_000)
            }
        }
    }

    func attribute(_ css: String, _ name: String) async throws -> String? {
        (try await command("GET", "/element/\(try await find(css))/attribute/\(name)")) as? String
    }

    func source() async throws -> String { (try await command("GET", "/source")) as? String ?? "" }

    func currentURL() async throws -> String { (try await command("GET", "/url")) as? String ?? "" }

    func run(_ script: String, _ arguments: [Any] = []) async throws {
        try await command("POST", "/execute/sync", ["script": script, "args": arguments])
    }

    func resize(width: Int, height: Int) async throws {
        try await command("POST", "/window/rect", ["width": width, "height": height])
    }

    /// A PNG of the viewport.
    func screenshot() async throws -> Data {
        guard let encoded = try await command("GET", "/screenshot") as? String, let data = Data(base64Encoded: encoded)
        else { throw Failure(description: "no screenshot") }
        return data
    }

    /// Waits until the browser is at an address containing `part` (a form sent has been answered).
    func wait(url part: String, seconds: Double = 20) async throws {
        try await poll(seconds, "never reached an address with \"\(part)\"") { try await currentURL().contains(part) }
    }

    /// Waits until the page's text contains `text`.
    func wait(for text: String, seconds: Double = 20) async throws {
        try await poll(seconds, "\"\(text)\" never appeared") { try await source().contains(text) }
    }

    /// Asks `condition` every 200 ms for `seconds`; then fails with `failure` and the page's address.
    func poll(_ seconds: Double, _ failure: String, until condition: () async throws -> Bool) async throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try await condition() { return }
            try await Task.sleep(nanoseconds: 200_000_000)
        }
        throw Failure(description: "\(failure): at \(try await currentURL())")
    }
}
