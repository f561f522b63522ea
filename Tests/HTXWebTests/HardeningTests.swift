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
}
