import Foundation
import HTXCatalog
import HTXCore

/// A new account (`htx user add`).
public struct UserRequest: Sendable {
    public var name: String
    public var role: Role
    public var district: String?
    public var org: String?
    public var password: String

    public init(name: String, role: Role, district: String? = nil, org: String? = nil, password: String) {
        self.name = name
        self.role = role
        self.district = district
        self.org = org
        self.password = password
    }
}

extension Kit {
    /// Adds a user after checking the name, the role's district and the password (SPEC §10); the password is
    /// stored only as its hash. Returns the account as stored.
    @discardableResult
    public func addUser(_ request: UserRequest, by actor: String? = nil) throws -> UserAccount {
        let name = VietnameseText.clean(request.name)
        guard name.range(of: "^[\\p{L}\\p{N}._@-]{1,64}$", options: .regularExpression) != nil else {
            throw UserError(
                "tên người dùng: chữ, số, dấu chấm, @, - hoặc _ (tối đa 64, không có khoảng trắng)",
                "user name: letters, digits, dot, @, - or _ (up to 64, no spaces)")
        }
        var district: String?
        if request.role == .district {
            guard let given = request.district, let found = try catalog.districts().find(given) else {
                throw UserError(
                    "vai trò district cần --district với một quận/huyện của Hà Nội (ví dụ \"Đông Anh\")",
                    "the district role needs --district with a district of Hanoi (such as \"Đông Anh\")")
            }
            district = found.name
        } else if request.district != nil {
            throw UserError(
                "--district chỉ dùng với vai trò district", "--district goes only with the district role")
        }
        let password = try passwordPolicy().check(request.password, user: name)
        let stamp = timestamp
        let account = UserAccount(
            name: name, role: request.role, district: district,
            org: request.org.map(VietnameseText.clean).flatMap { $0.isEmpty ? nil : $0 }, createdAt: stamp,
            updatedAt: stamp)
        try catalog.addUser(account, passwordHash: PasswordHash.make(password), by: actor)
        return account
    }

    /// The latest `limit` lines of the audit log, newest first.
    public func auditLog(limit: Int = 100) throws -> [AuditEntry] { try catalog.auditLog(limit: limit) }

    /// Every user, without password hashes.
    public func users() throws -> [UserAccount] { try catalog.users() }

    /// Sets a new password (checked as at `addUser`) and ends the user's sessions.
    public func setPassword(_ name: String, password: String) throws {
        guard let user = try catalog.user(named: name) else { throw Catalog.noSuchUser(name) }
        let checked = try passwordPolicy().check(password, user: user.account.name)
        try catalog.setPasswordHash(user.account.name, PasswordHash.make(checked), at: timestamp)
    }

    /// Disables a user and ends its sessions; its history stays. `actor` (the administrator in the web
    /// application) goes to the audit log.
    public func disableUser(_ name: String, by actor: String? = nil) throws {
        guard let user = try catalog.user(named: name) else { throw Catalog.noSuchUser(name) }
        if user.account.role == .admin, !user.account.disabled,
            try catalog.users().filter({ $0.role == .admin && !$0.disabled }).count == 1
        {
            throw KitError.lastAdministrator(user.account.name)
        }
        try catalog.disableUser(user.account.name, at: timestamp, by: actor)
    }

    /// Lets a disabled user sign in again (the password is the one it had); `actor` goes to the audit log.
    /// Returns the account as it now is.
    @discardableResult
    public func enableUser(_ name: String, by actor: String? = nil) throws -> UserAccount {
        guard let user = try catalog.user(named: name) else { throw Catalog.noSuchUser(name) }
        try catalog.enableUser(user.account.name, at: timestamp, by: actor)
        var account = user.account
        account.disabled = false
        return account
    }

    /// The account whose name and password these are, or nil: an unknown name, a wrong password and a disabled
    /// account all answer nil, after the same work (a hash is checked even for an unknown name).
    public func authenticate(_ name: String, password: String) throws -> UserAccount? {
        let found = try catalog.user(named: name)
        let stored = found?.passwordHash ?? Kit.decoyHash
        let matches = PasswordHash.matches(VietnameseText.nfc(password), stored)
        guard let found, matches, !found.account.disabled else { return nil }
        return found.account
    }

    /// A hash no password matches, checked for unknown names so that they take as long as known ones.
    static let decoyHash = PasswordHash.make(Kit.decoyPassword)
    static let decoyPassword = UUID().uuidString + UUID().uuidString

    /// The password policy with the commonest passwords of the seeds.
    func passwordPolicy() throws -> PasswordPolicy {
        PasswordPolicy(commonList: try SeedDirectory.locate().commonPasswords())
    }
}
