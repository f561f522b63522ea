import Foundation
import HTXCatalog
import HTXCore
import HTXKit
import HTXTestSupport
import Testing

/// Accounts of the web application (SPEC §10): the password rules, the hash, and what disabling does.
@Suite("Users")
struct UserTests {
    func kit() throws -> Kit {
        let catalog = try Catalog.inMemory(now: Fixtures.clock)
        try catalog.loadDistricts(Fixtures.seeds.districts())
        return Kit(catalog: catalog, clock: Fixtures.clock)
    }

    static let good = "một câu dễ nhớ cho văn phòng"

    @Test("a user is stored with a bcrypt hash of cost 12, never the password; the password signs in, nothing else")
    func addAndAuthenticate() throws {
        let kit = try kit()
        let account = try kit.addUser(
            UserRequest(name: "quantri", role: .admin, org: "Liên minh HTX Hà Nội", password: UserTests.good))
        #expect(account.role == .admin && account.org == "Liên minh HTX Hà Nội" && account.district == nil)
        #expect(try kit.catalog.hasActiveAdmin())
        let stored = try #require(try kit.catalog.user(named: "QUANTRI")).passwordHash
        #expect(stored.hasPrefix("sha256-bcrypt$$2b$12$") && !stored.contains("câu"))
        #expect(try kit.authenticate("quantri", password: UserTests.good)?.name == "quantri")
        // The same password typed decomposed (NFD) is the same password.
        let decomposed = UserTests.good.decomposedStringWithCanonicalMapping
        #expect(try kit.authenticate("quantri", password: decomposed)?.name == "quantri")
        #expect(try kit.authenticate("quantri", password: UserTests.good + "x") == nil)
        #expect(try kit.authenticate("ai-do", password: UserTests.good) == nil)
        // A long Vietnamese password counts past bcrypt's 72 bytes.
        let long = String(repeating: "đường dài ", count: 12)
        try kit.setPassword("quantri", password: long)
        #expect(try kit.authenticate("quantri", password: long) != nil)
        #expect(try kit.authenticate("quantri", password: String(long.dropLast(2))) == nil)
        #expect(try kit.authenticate("quantri", password: UserTests.good) == nil, "the old password no longer works")
        let json = try JSONText.encode(try kit.users())
        #expect(!json.contains("bcrypt") && !json.contains("password"))
    }

    @Test(
        "short, overlong, common and own-name passwords are refused; nothing is stored",
        arguments: [
            "ngan-qua", String(repeating: "a", count: 129), "Password1234", "pass word 1234", "matkhau123456",
            "quan.tri.vien",
        ])
    func refusedPasswords(_ password: String) throws {
        let kit = try kit()
        #expect(throws: UserError.self) {
            try kit.addUser(UserRequest(name: "quan.tri.vien", role: .admin, password: password))
        }
        #expect(try kit.users().isEmpty && !(try kit.catalog.hasActiveAdmin()))
    }

    @Test("a district officer needs a real district; no other role takes one; a name is taken once")
    func rolesAndNames() throws {
        let kit = try kit()
        #expect(throws: UserError.self) {
            try kit.addUser(UserRequest(name: "da", role: .district, password: UserTests.good))
        }
        #expect(throws: UserError.self) {
            try kit.addUser(UserRequest(name: "da", role: .district, district: "Sài Gòn", password: UserTests.good))
        }
        #expect(throws: UserError.self) {
            try kit.addUser(UserRequest(name: "sa", role: .alliance, district: "Đông Anh", password: UserTests.good))
        }
        let officer = try kit.addUser(
            UserRequest(name: "dong-anh", role: .district, district: "dong anh", password: UserTests.good))
        #expect(officer.district == "Đông Anh")
        #expect(throws: CatalogError.userExists("dong-anh", disabled: false)) {
            try kit.addUser(UserRequest(name: "DONG-ANH", role: .viewer, password: UserTests.good))
        }
        #expect(throws: UserError.self) {
            try kit.addUser(UserRequest(name: "có khoảng trắng", role: .viewer, password: UserTests.good))
        }
        #expect(try kit.users().map(\.name) == ["dong-anh"])
    }

    @Test("a disabled user cannot sign in, is listed as disabled, and can be enabled; the last admin stays")
    func disable() throws {
        let kit = try kit()
        try kit.addUser(UserRequest(name: "quantri", role: .admin, password: UserTests.good))
        #expect(throws: KitError.lastAdministrator("quantri")) { try kit.disableUser("quantri") }
        try kit.addUser(UserRequest(name: "quantri2", role: .admin, password: UserTests.good + "2"))
        try kit.disableUser("quantri")
        #expect(try kit.authenticate("quantri", password: UserTests.good) == nil)
        #expect(try kit.users().first?.disabled == true && kit.catalog.hasActiveAdmin())
        #expect(throws: KitError.lastAdministrator("quantri2")) { try kit.disableUser("quantri2") }
        #expect(throws: UserError.self) { try kit.disableUser("khong-co") }
        #expect(try !kit.enableUser("quantri").disabled)
        #expect(try kit.authenticate("quantri", password: UserTests.good)?.name == "quantri")
        try kit.disableUser("quantri2")
        #expect(try kit.auditLog().map(\.event).prefix(2) == ["user-disable", "user-enable"])
    }
}

@Suite("htx user")
struct UserCommandTests {
    @Test("add from stdin, list without hashes, refusals exit 1 with the reason, no terminal means --password-stdin")
    func commands() throws {
        let cli = try CLI()
        #expect(try cli.run(["init", "--db", cli.db]).code == 0)
        let added = try cli.run(
            ["user", "add", "quantri", "--role", "admin", "--password-stdin", "--db", cli.db],
            stdin: UserTests.good + "\n")
        #expect(added.code == 0 && added.stderr.contains("Đã thêm quantri"), "\(added.stderr)")
        #expect(!added.stdout.contains(UserTests.good) && !added.stderr.contains(UserTests.good))
        let common = try cli.run(
            ["user", "add", "x", "--role", "viewer", "--password-stdin", "--db", cli.db], stdin: "password1234\n")
        #expect(common.code == 1 && common.stderr.contains("hay bị dùng nhất"))
        let noTerminal = try cli.run(["user", "add", "y", "--role", "viewer", "--db", cli.db], stdin: "")
        #expect(noTerminal.code == 1 && noTerminal.stderr.contains("--password-stdin"))
        let badRole = try cli.run(["user", "add", "z", "--role", "boss", "--db", cli.db])
        #expect(badRole.code == 2)
        let list = try cli.run(["user", "list", "--db", cli.db, "--format", "json"])
        #expect(list.code == 0 && list.stdout.contains("\"quantri\"") && !list.stdout.contains("bcrypt"))
        let totp = try cli.run(["user", "totp", "quantri", "--db", cli.db])
        let lines = totp.stdout.split(separator: "\n")
        #expect(totp.code == 0 && lines.count == 2, "\(totp.stdout)")
        #expect(lines.first?.allSatisfy { $0.isUppercase || ("2"..."7").contains($0) } == true, "a base32 key")
        #expect(lines.last?.hasPrefix("otpauth://totp/htx:quantri?secret=\(lines.first ?? "")") == true)
        #expect(try cli.run(["user", "totp", "quantri", "--off", "--db", cli.db]).code == 0)
        #expect(try cli.run(["user", "totp", "khong-co", "--db", cli.db]).code == 1)
        // The last administrator stays; with another one, the first can be disabled.
        #expect(try cli.run(["user", "disable", "quantri", "--db", cli.db]).code == 1)
        #expect(
            try cli.run(
                ["user", "add", "quantri2", "--role", "admin", "--password-stdin", "--db", cli.db],
                stdin: UserTests.good + " hai\n"
            ).code == 0)
        #expect(try cli.run(["user", "disable", "quantri", "--db", cli.db]).code == 0)
        let audit = try cli.run(["audit", "--db", cli.db, "--format", "json"]).stdout
        #expect(audit.contains("\"user-disable\"") && audit.contains("\"user-add\"") && !audit.contains("bcrypt"))
        #expect(
            try cli.run(["user", "list", "--db", cli.db, "--format", "json"]).stdout.contains("\"disabled\": true"))
    }
}
