import Foundation
import HTXTestSupport
import Testing

/// `htx serve` started as a user starts it, on a free loopback port; the base URL is its first line on stdout.
final class ServerProcess: @unchecked Sendable {
    let process = Process()
    let url: String
    let log: URL

    init(db: String, folder: URL, arguments extra: [String] = []) throws {
        process.executableURL = CLI.executable
        process.arguments = ["serve", "--db", db, "--port", "0"] + extra
        var environment = ProcessInfo.processInfo.environment
        environment["HTX_SEEDS"] = Fixtures.seeds.url.path
        process.environment = environment
        let out = Pipe()
        process.standardOutput = out
        log = folder.appendingPathComponent("serve.log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line += chunk
        }
        url = String(decoding: line, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? ""
    }

    deinit {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }
}

@Suite("Browser journey (Chromium through WebDriver)", .serialized)
struct BrowserJourneyTests {
    /// Screenshots go here, outside git (Exports/ is ignored).
    static let shots = Fixtures.packageRoot.appendingPathComponent("Exports/screenshots")

    static let messy =
        "\u{FEFF}Tên HTX,Mã số thuế,Quận/huyện,Năm thành lập,Vĩ độ,Kinh độ,Xếp loại 2020,Điểm 2020,"
        + "Doanh thu 2020 (triệu đồng),Lợi nhuận 2020 (triệu đồng),Số thành viên\n"
        + "\"HTX Nông nghiệp Uy Nỗ Xanh\",0106000001,Đông Anh,2010,21.142,105.853,Tốt,86,5200,410,320\n"
        + "\"HTX Rau an toàn Vân Nội\",0106000002,Đông Anh,2012,21.147,105.804,Khá,78,3100,220,180\n"
        + "\"HTX Gốm \"\"Kim Lan\"\"\",01060000X3,Gia Lâm,2009,20.983,105.902,Tốt,88,8200,640,95\n"
        + "\"HTX Bưởi Phú Diễn Mới\",0106000004,Bắc Từ Liêm,2011,21.046,105.757,Khá,74,4100,300,210\n"
        + "\"HTX Chè Ba Vì Xanh\",0106000005,Ba Vì,2008,21.098,105.374,Tốt,83,2900,260,150\n"

    func save(_ driver: WebDriver, _ name: String) async throws {
        try FileManager.default.createDirectory(at: Self.shots, withIntermediateDirectories: true)
        try await driver.resize(width: 1366, height: 768)
        try await driver.screenshot().write(to: Self.shots.appendingPathComponent("\(name)-1366.png"))
        try await driver.resize(width: 390, height: 844)
        try await driver.screenshot().write(to: Self.shots.appendingPathComponent("\(name)-390.png"))
        try await driver.resize(width: 1366, height: 768)
    }

    @Test(
        "fresh catalog: bad CSV refused at its row, fixed, imported, searched, shortlisted, approved, planned, PDF",
        .enabled(if: WebDriver.available, "needs chromium and chromium-driver"), .timeLimit(.minutes(5)))
    func journey() async throws {
        let cli = try CLI()
        #expect(try cli.run(["init", "--db", cli.db]).code == 0)
        let server = try ServerProcess(db: cli.db, folder: cli.directory)
        let base = server.url
        try #require(base.hasPrefix("http://127.0.0.1:"), "serve printed \(base)")
        let driver = try await WebDriver(profile: cli.directory.appendingPathComponent("chromium"))
        defer { driver.quit() }

        // The messy file: one tax code with a letter in it.
        let messy = cli.directory.appendingPathComponent("hop-tac-xa.csv")
        try Self.messy.write(to: messy, atomically: true, encoding: .utf8)
        try await driver.open(base + "import")
        try await save(driver, "import")
        try await driver.type("#file", messy.path)
        try await driver.click("form.upload button[type=submit]")
        try await driver.wait(for: "01060000X3")
        let problems = try await driver.text("table.problems tbody")
        #expect(
            problems.contains("4") && problems.contains("Mã số thuế") && problems.contains("01060000X3"), "\(problems)")
        try await save(driver, "import-error")
        #expect(try cli.run(["coop", "list", "--db", cli.db, "--format", "json"]).stdout.contains("[]"))

        // Fixed, previewed, committed.
        try Self.messy.replacingOccurrences(of: "01060000X3", with: "0106000003").write(
            to: messy, atomically: true, encoding: .utf8)
        try await driver.type("#file", messy.path)
        try await driver.click("form.upload button[type=submit]")
        try await driver.wait(for: "name=\"staged\"")
        try await save(driver, "import-preview")
        try await driver.click("form.commit button")
        try await driver.wait(for: "Đã nhập vào danh mục.")

        // Searched.
        try await driver.open(base + "coops")
        try await driver.type("#q", "dong anh")
        try await driver.click("form.search button[type=submit]")
        // The list before the search holds the same name: wait for the search's own address first.
        try await driver.wait(url: "q=dong")
        try await driver.wait(for: "HTX Nông nghiệp Uy Nỗ Xanh")
        let results = try await driver.text("#results tbody")
        #expect(results.contains("HTX Rau an toàn Vân Nội") && !results.contains("Chè Ba Vì"), "\(results)")
        try await save(driver, "search")
        try await driver.click("#results tbody a")
        try await driver.wait(for: "name=\"_version\"")
        try await save(driver, "record")

        // Shortlisted and approved.
        try await driver.open(base + "shortlists")
        try await driver.type("#s-name", "doan-web")
        try await driver.type("#s-size", "3")
        try await driver.type("#s-max", "0")
        try await driver.click("form.build button[type=submit]")
        try await driver.wait(for: "name=\"status\" value=\"approved\"")
        try await driver.click("form.decide button[value=approved]")
        try await driver.wait(for: "Đã duyệt")
        try await save(driver, "shortlist")

        // Planned, with its map.
        try await driver.open(base + "itineraries")
        try await driver.type("#i-name", "doan-web")
        try await driver.run("document.getElementById('i-date').value = '2021-11-04'")
        try await driver.type("#i-days", "1")
        try await driver.click("form.build button[type=submit]")
        try await driver.wait(for: "<svg")
        try await save(driver, "itinerary")

        // A day reordered in the page: the script evaluates it at once, and nothing is saved.
        let order = try #require(try await driver.attribute("#order-1", "value"))
        let reversed = order.split(separator: ",").reversed().joined(separator: ",")
        try await driver.run(
            "var i = document.getElementById('order-1'); i.value = arguments[0];"
                + " i.dispatchEvent(new Event('input', {bubbles: true}));", [reversed])
        try await driver.wait(for: "Thứ tự này")
        #expect(try await driver.text("#check-result").contains("Thứ tự này"))
        try await driver.run("document.getElementById('reorder').scrollIntoView()")
        try await save(driver, "itinerary-reorder")
        let stored = try cli.run(["itinerary", "show", "doan-web", "--db", cli.db, "--format", "json"]).stdout

        // The PDF, downloaded from the page's link, and its text checked.
        let href = try #require(try await driver.attribute("a[href$='packet.pdf']", "href"))
        let port = try #require(Int(base.split(separator: ":").last?.filter(\.isNumber) ?? ""))
        let path = href.hasPrefix("/") ? href : String(href.dropFirst(base.count - 1))
        let (status, bytes) = try RawHTTP.exchange("GET", path, port: port)
        let data = Data(bytes)
        #expect(status == 200 && data.starts(with: Array("%PDF".utf8)), "\(status) \(path)")
        let pdf = cli.directory.appendingPathComponent("packet.pdf")
        try data.write(to: pdf)
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftotext") {
            let text = try cli.run([pdf.path, "-"], executable: URL(fileURLWithPath: "/usr/bin/pdftotext")).stdout
            #expect(text.contains("CHƯƠNG TRÌNH") || text.contains("Chương trình"), "\(text.prefix(200))")
            #expect(text.contains("HTX"), "the visited cooperatives are named")
        }
        #expect(
            try cli.run(["itinerary", "show", "doan-web", "--db", cli.db, "--format", "json"]).stdout == stored,
            "evaluating an order saves nothing")

        // On the day, on a phone: the next stop, then a delay reported with one button.
        try await driver.open(base + "itineraries/doan-web/today?day=1")
        try await driver.wait(for: "Điểm tiếp theo")
        try await save(driver, "today")
        try await driver.click("form.delays button[value='15']")
        try await driver.wait(for: "Thay đổi")
        try await save(driver, "replanned")

        // Every page at both widths.
        for (name, path) in [
            ("catalog", "coops"), ("check", "check"), ("itineraries", "itineraries"), ("shortlists", "shortlists"),
            ("visit", "itineraries/doan-web/visit"), ("check-order", "itineraries/doan-web/check?day1=" + reversed),
        ] {
            try await driver.open(base + path)
            try await save(driver, name)
        }
        try await driver.open(base + "coops?lang=en")
        try await save(driver, "catalog-en")
    }

    @Test(
        "signed in: the login page, a wrong password, the way back to the page asked for, role-shaped pages, logout",
        .enabled(if: WebDriver.available, "needs chromium and chromium-driver"), .timeLimit(.minutes(3)))
    func signedIn() async throws {
        let cli = try CLI()
        #expect(try cli.run(["init", "--db", cli.db, "--sample"]).code == 0)
        let password = "một câu mật khẩu đủ dài 2026"
        for (name, role) in [("quantri", "admin"), ("xem", "viewer")] {
            let added = try cli.run(
                ["user", "add", name, "--role", role, "--org", "Văn phòng thử", "--password-stdin", "--db", cli.db],
                stdin: password + "\n")
            #expect(added.code == 0, "\(added.stderr)")
        }
        let server = try ServerProcess(db: cli.db, folder: cli.directory)
        let base = server.url
        let driver = try await WebDriver(profile: cli.directory.appendingPathComponent("chromium-login"))
        defer { driver.quit() }

        try await driver.open(base + "coops/3")
        try await driver.wait(for: "name=\"password\"")
        #expect(try await driver.currentURL().contains("/login?next=/coops/3"))
        try await save(driver, "login")
        try await driver.type("#l-user", "xem")
        try await driver.type("#l-password", "không phải mật khẩu này")
        try await driver.click("form.login button[type=submit]")
        try await driver.wait(for: "Sai tên đăng nhập, mật khẩu hoặc mã xác thực")
        try await save(driver, "login-refused")
        try await driver.type("#l-password", password)
        try await driver.click("form.login button[type=submit]")
        try await driver.wait(for: "Đăng xuất")
        #expect(try await driver.currentURL().hasSuffix("/coops/3"), "back to the page asked for")
        let viewerPage = try await driver.source()
        #expect(!viewerPage.contains("class=\"edit\"") && !viewerPage.contains("href=\"/import"), "a viewer's page")
        try await save(driver, "record-viewer")
        try await driver.click("form.who button[type=submit]")
        try await driver.wait(for: "name=\"password\"")

        try await driver.type("#l-user", "quantri")
        try await driver.type("#l-password", password)
        try await driver.click("form.login button[type=submit]")
        try await driver.wait(for: "Đăng xuất")
        try await driver.open(base + "users")
        try await driver.wait(for: "xem")
        try await save(driver, "users")
        try await driver.click("form[action^='/users/xem/disable'] button")
        try await driver.wait(for: "Đã khoá")
        try await driver.open(base + "audit")
        try await driver.wait(for: "login-failed")
        try await save(driver, "audit")
        #expect(try cli.run(["user", "list", "--db", cli.db]).stdout.contains("xem"))
    }
}
