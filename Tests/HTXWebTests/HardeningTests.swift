import Foundation
import HTTPTypes
import HTXCatalog
import HTXCore
import HTXKit
import HTXTestSupport
import Hummingbird
import HummingbirdOTP
import HummingbirdTesting
import Testing
import ZIPFoundation

@testable import HTXWeb

/// The server attack of issue 33 (`review-security.md`, F1–F10), one test per finding, each failing on the code
/// before its fix.
@Suite("A server nobody can knock over or read past their role")
struct HardeningTests {
    @Test("F4: a second-factor code opens one session: the same code again, or an older one after it, is refused")
    func totpReplay() async throws {
        let fixture = try await AccessFixture()
        _ = try fixture.kit.enableTOTP(AccessFixture.user(.admin)) { _ in }
        let secret = try #require(try fixture.kit.catalog.totpSecret(AccessFixture.user(.admin)))
        let totp = TOTP(secret: secret)
        let now = fixture.clock.date
        @Sendable func code(_ offset: TimeInterval) -> String {
            String(format: "%06d", totp.compute(date: now + offset))
        }
        @Sendable func attempt(_ client: any TestClientProtocol, _ code: String) async throws -> HTTPResponse.Status {
            try await client.execute(
                uri: "/login", method: .post, headers: WebFixture.formHeaders,
                body: WebFixture.form([
                    ("_csrf", WebFixture.token), ("username", AccessFixture.user(.admin)),
                    ("password", AccessFixture.password), ("otp", code),
                ])
            ).status
        }
        try await fixture.test { client in
            #expect(try await attempt(client, code(0)) == .seeOther)
            #expect(try await attempt(client, code(0)) == .unauthorized, "the same code a second time")
            #expect(
                try await attempt(client, code(-30)) == .unauthorized, "the code before it, once a later one was used")
            // The next step's code, sent twice at once: one session, not two.
            let next = code(30)
            let both = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<2 { group.addTask { try await attempt(client, next) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(both.sorted { $0.code < $1.code } == [.seeOther, .unauthorized], "\(both)")
        }
        // A new key starts afresh: its code of the same step opens a session.
        _ = try fixture.kit.enableTOTP(AccessFixture.user(.admin)) { _ in }
        let renewed = TOTP(secret: try #require(try fixture.kit.catalog.totpSecret(AccessFixture.user(.admin))))
        let fresh = String(format: "%06d", renewed.compute(date: now))
        try await fixture.test { client in
            let status = try await attempt(client, fresh)
            #expect(status == .seeOther)
        }
    }

    @Test("F7: loopback is decided on the resolved addresses; a name that merely starts with 127. is refused (exit 2)")
    func loopbackByAddress() throws {
        #expect(["127.0.0.1", "127.8.9.10", "::1", "::ffff:127.0.0.1"].allSatisfy(WebConfiguration.isLoopbackAddress))
        #expect(
            !["0.0.0.0", "128.0.0.1", "::", "127.0.0", "10.127.0.1"].contains(where: WebConfiguration.isLoopbackAddress)
        )
        #expect(WebConfiguration.resolve("[::1]") == ["::1"])
        #expect(WebConfiguration.resolve("127.0.0.1") == ["127.0.0.1"])
        #expect(!WebConfiguration.resolve("localhost").isEmpty)
        #expect(WebConfiguration.resolve("localhost").allSatisfy(WebConfiguration.isLoopbackAddress))
        let cli = try CLI()
        #expect(try cli.run(["init", "--db", cli.db]).code == 0)
        let named = try cli.run(["serve", "--db", cli.db, "--host", "127.office.invalid", "--port", "0"])
        #expect(named.code == 2 && named.stderr.contains("127.office.invalid"), "\(named.code) \(named.stderr)")
    }

    /// The visit's people as the F5 test writes them: each name and phone a marker no other text holds.
    static func markedVisit(hostStop: String) -> (VisitDetails, [String]) {
        var visit = VisitDetails()
        visit.signer = VisitDetails.Signer(authority: "TM. BAN THƯỜNG VỤ", title: "CHỦ TỊCH", name: "Nguyễn Văn Kýtên")
        visit.contact = VisitDetails.Person(name: "Trần Thị Đầumối", title: "Chuyên viên", phone: "0900 111 901")
        visit.delegation = VisitDetails.Delegation(
            name: "Đoàn công tác", members: [VisitDetails.Member(name: "Phạm Quang Thànhviên", head: true)])
        visit.vehicle = VisitDetails.Vehicle(
            plate: "29B-000.01", driver: VisitDetails.Person(name: "Vũ Văn Láixe", phone: "0900 111 902"))
        visit.hosts = [hostStop: VisitDetails.Person(name: "Hoàng Đóntiếp", title: "Giám đốc", phone: "0900 111 903")]
        let markers = [
            "Kýtên", "Đầumối", "0900111901", "Thànhviên", "Láixe", "0900111902", "Đóntiếp", "0900111903",
        ]
        return (visit, markers)
    }

    /// The text of a response as a reader sees it: a PDF through pdftotext, a DOCX or ZIP's XML and text parts
    /// unzipped, anything else as sent; spaces and dots dropped from digit runs so that phones compare as digits.
    static func readable(_ data: Data, type: String) throws -> String {
        var text: String
        if type.hasPrefix("application/pdf") {
            let folder = try TemporaryFolder("htx-f5")
            let pdf = folder.file("p.pdf")
            try data.write(to: URL(fileURLWithPath: pdf))
            text = try CLI().run([pdf, "-"], executable: URL(fileURLWithPath: "/usr/bin/pdftotext")).stdout
        } else if type.contains("zip") || type.contains("openxmlformats") {
            let archive = try Archive(data: data, accessMode: .read)
            text = ""
            for entry in archive where entry.type == .file {
                var bytes = Data()
                _ = try archive.extract(entry) { bytes.append($0) }
                if entry.path.hasSuffix(".pdf") {
                    text += try readable(bytes, type: "application/pdf")
                } else {
                    text += String(decoding: bytes, as: UTF8.self)
                }
            }
        } else {
            text = String(decoding: data, as: UTF8.self)
        }
        text = text.precomposedStringWithCanonicalMapping
        return text.replacingOccurrences(of: "(?<=[0-9])[ .](?=[0-9])", with: "", options: .regularExpression)
    }

    @Test(
        "F5: the visit's people reach only the roles that may read the visit file, in every representation",
        .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftotext"), "needs poppler-utils"))
    func visitPeoplePerRole() async throws {
        let fixture = try await AccessFixture()
        let plan = try fixture.kit.itinerary(Kit.demoName)
        let host = try #require(plan.report.days.first?.stops.first?.id)
        let (visit, markers) = HardeningTests.markedVisit(hostStop: host)
        try fixture.kit.saveVisit(Kit.demoName, details: visit)
        let base = "/itineraries/\(Kit.demoName)"
        let representations = [
            base, base + "?format=json", base + "/today?day=1", base + "/today?day=2", base + "/packet.html",
            base + "/packet.md", base + "/packet.pdf", base + "/packet.docx", base + "/letters.zip", base + "/visit",
            base + "/visit?format=json", base + "/check?day1=1",
        ]
        try await fixture.test { client in
            var seen: [Role: [String: Set<String>]] = [:]
            for role in AccessFixture.roles {
                let browser = try await AccessFixture.signIn(client, AccessFixture.user(role))
                for address in representations {
                    let response = try await client.execute(uri: address, method: .get, headers: browser.headers)
                    guard response.status == .ok else {
                        #expect(response.status == .forbidden, "\(role) \(address): \(response.status)")
                        continue
                    }
                    let data = Data(buffer: response.body)
                    let text = try HardeningTests.readable(data, type: response.headers[.contentType] ?? "")
                    seen[role, default: [:]][address] = Set(markers.filter { text.contains($0) })
                }
            }
            for role in AccessFixture.roles {
                let shown = (seen[role] ?? [:]).filter { !$0.value.isEmpty }
                if role.may(.personal) {
                    // The roles that read everything get every person, in every format of the packet and the day.
                    for format in ["html", "md", "pdf", "docx"] {
                        let found = seen[role]?[base + "/packet." + format] ?? []
                        #expect(
                            found == Set(markers), "\(role) packet.\(format) lacks \(Set(markers).subtracting(found))")
                    }
                    #expect(seen[role]?[base + "/letters.zip"]?.isEmpty == false, "\(role): letters")
                    #expect(seen[role]?[base + "/today?day=1"]?.contains("Láixe") == true, "\(role): the driver")
                } else {
                    #expect(shown.isEmpty, "\(role) reads the visit's people: \(shown)")
                    #expect(seen[role]?[base + "/packet.pdf"] != nil, "\(role) still gets the packet, without them")
                }
            }
        }
    }
}
