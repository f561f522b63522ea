import Foundation
import GRDB
import HTXCore

/// The web application's accounts as the catalog keeps them (SPEC §10). Passwords arrive hashed: the catalog
/// never sees one in clear.
extension Catalog {
    /// Adds a user; a name already taken (in any case or accents) is refused.
    public func addUser(_ account: UserAccount, passwordHash: String, by actor: String? = nil) throws {
        let folded = VietnameseText.fold(account.name)
        try write { db in
            if let taken = try Row.fetchOne(
                db, sql: "SELECT name, disabled_at FROM user WHERE name_folded = ?", arguments: [folded])
            {
                throw CatalogError.userExists(taken["name"], disabled: taken["disabled_at"] as String? != nil)
            }
            try db.execute(
                sql: """
                    INSERT INTO user(name, name_folded, role, district, org, password_hash, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    account.name, folded, account.role.rawValue, account.district, account.org, passwordHash,
                    account.createdAt, account.updatedAt,
                ])
            try Catalog.audit(
                db, at: account.createdAt, user: account.name, event: "user-add",
                detail: account.role.rawValue + (actor.map { " (by \($0))" } ?? ""))
        }
    }

    /// Every user, by name, without password hashes.
    public func users() throws -> [UserAccount] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT name, role, district, org, disabled_at, created_at, updated_at FROM user "
                    + "ORDER BY name_folded"
            ).map(Catalog.account)
        }
    }

    /// A user by name (case and accents aside) with the stored password hash, or nil.
    public func user(named name: String) throws -> (account: UserAccount, passwordHash: String)? {
        try read { db in
            try Row.fetchOne(
                db,
                sql: "SELECT name, role, district, org, disabled_at, created_at, updated_at, password_hash FROM user "
                    + "WHERE name_folded = ?",
                arguments: [VietnameseText.fold(name)]
            ).map { (Catalog.account($0), $0["password_hash"]) }
        }
    }

    /// Whether an administrator who may sign in exists (the condition for listening beyond this machine).
    public func hasActiveAdmin() throws -> Bool {
        try read { db in
            try Bool.fetchOne(
                db, sql: "SELECT EXISTS(SELECT 1 FROM user WHERE role = 'admin' AND disabled_at IS NULL)") ?? false
        }
    }

    /// Replaces a user's password hash and ends the user's sessions.
    public func setPasswordHash(_ name: String, _ hash: String, at stamp: String) throws {
        try write { db in
            let user = try Catalog.existingUser(db, name)
            try db.execute(
                sql: "UPDATE user SET password_hash = ?, updated_at = ? WHERE name = ?", arguments: [hash, stamp, user])
            try db.execute(sql: "DELETE FROM session WHERE user_name = ?", arguments: [user])
            try Catalog.audit(db, at: stamp, user: user, event: "user-passwd", detail: nil)
        }
    }

    /// Disables a user: it can no longer sign in, and its sessions end at once. The account and its history stay.
    public func disableUser(_ name: String, at stamp: String, by actor: String? = nil) throws {
        try write { db in
            let user = try Catalog.existingUser(db, name)
            try db.execute(
                sql: "UPDATE user SET disabled_at = coalesce(disabled_at, ?), updated_at = ? WHERE name = ?",
                arguments: [stamp, stamp, user])
            try db.execute(sql: "DELETE FROM session WHERE user_name = ?", arguments: [user])
            try Catalog.audit(db, at: stamp, user: user, event: "user-disable", detail: actor.map { "by \($0)" })
        }
    }

    /// Lets a disabled user sign in again; an enabled one is left as it is.
    public func enableUser(_ name: String, at stamp: String, by actor: String? = nil) throws {
        try write { db in
            let user = try Catalog.existingUser(db, name)
            try db.execute(
                sql: "UPDATE user SET disabled_at = NULL, updated_at = ? WHERE name = ? AND disabled_at IS NOT NULL",
                arguments: [stamp, user])
            if db.changesCount > 0 {
                try Catalog.audit(db, at: stamp, user: user, event: "user-enable", detail: actor.map { "by \($0)" })
            }
        }
    }

    /// The stored name of user `name`, or an error that says how to list them.
    static func existingUser(_ db: Database, _ name: String) throws -> String {
        guard
            let found = try String.fetchOne(
                db, sql: "SELECT name FROM user WHERE name_folded = ?", arguments: [VietnameseText.fold(name)])
        else { throw noSuchUser(name) }
        return found
    }

    /// The refusal for a user name that is not in the catalog.
    public static func noSuchUser(_ name: String) -> UserError {
        UserError(
            "không có người dùng \(name); xem danh sách bằng htx user list",
            "there is no user \(name); list them with htx user list")
    }

    /// The audit log, newest first: accounts made, passwords changed, users disabled (and, with sign-in, logins
    /// and failures).
    public func auditLog(limit: Int) throws -> [AuditEntry] {
        try read { db in
            try Row.fetchAll(
                db, sql: "SELECT at, user_name, event, detail, address FROM audit ORDER BY id DESC LIMIT ?",
                arguments: [max(0, limit)]
            ).map {
                AuditEntry(
                    at: $0["at"], user: $0["user_name"], event: $0["event"], detail: $0["detail"],
                    address: $0["address"])
            }
        }
    }

    /// One line of the audit log.
    static func audit(
        _ db: Database, at: String, user: String?, event: String, detail: String?, address: String? = nil
    ) throws {
        try db.execute(
            sql: "INSERT INTO audit(at, user_name, event, detail, address) VALUES (?, ?, ?, ?, ?)",
            arguments: [at, user, event, detail, address])
    }

    static func account(_ row: Row) -> UserAccount {
        let disabled: String? = row["disabled_at"]
        return UserAccount(
            name: row["name"], role: Role(rawValue: row["role"]) ?? .viewer, district: row["district"], org: row["org"],
            disabled: disabled != nil, createdAt: row["created_at"], updatedAt: row["updated_at"])
    }
}

/// One line of the audit log.
public struct AuditEntry: Codable, Sendable, Equatable {
    public var at: String
    public var user: String?
    public var event: String
    public var detail: String?
    public var address: String?
}

/// The second factor of accounts that have one (SPEC §10's optional TOTP for administrators).
extension Catalog {
    /// Sets (or, with nil, removes) a user's TOTP secret and ends the user's sessions.
    public func setTOTPSecret(_ name: String, _ secret: String?, at stamp: String) throws {
        try write { db in
            let user = try Catalog.existingUser(db, name)
            try db.execute(
                sql: "UPDATE user SET totp_secret = ?, totp_step = NULL, updated_at = ? WHERE name = ?",
                arguments: [secret, stamp, user])
            try db.execute(sql: "DELETE FROM session WHERE user_name = ?", arguments: [user])
            try Catalog.audit(db, at: stamp, user: user, event: secret == nil ? "totp-off" : "totp-on", detail: nil)
        }
    }

    /// Records that the code of time step `step` signed `name` in, when no code of that step or a later one did
    /// before: false for a code seen already (a replay), in one statement, so two requests with the same code
    /// cannot both pass.
    public func acceptTOTPStep(_ name: String, step: Int64) throws -> Bool {
        try write { db in
            try db.execute(
                sql: "UPDATE user SET totp_step = ? WHERE name_folded = ? AND (totp_step IS NULL OR totp_step < ?)",
                arguments: [step, VietnameseText.fold(name), step])
            return db.changesCount == 1
        }
    }

    /// A user's TOTP secret, nil when the account has none (or does not exist).
    public func totpSecret(_ name: String) throws -> String? {
        try read { db in
            try String.fetchOne(
                db, sql: "SELECT totp_secret FROM user WHERE name_folded = ?", arguments: [VietnameseText.fold(name)])
        }
    }
}
