import Foundation
import GRDB
import HTXCore

/// A signed-in session as the catalog keeps it: whose it is, its CSRF token and its times (ISO 8601, UTC).
public struct StoredSession: Sendable, Equatable {
    public var account: UserAccount
    public var csrf: String
    public var createdAt: String
    public var seenAt: String
}

/// Web sessions, failed logins and the audit log of sign-ins (SPEC §10). Session tokens arrive hashed: the
/// catalog never holds one a browser could present.
extension Catalog {
    /// Whether any account exists (then every page but the login needs a session).
    public func hasUsers() throws -> Bool {
        try read { db in try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM user)") ?? false }
    }

    /// Stores a new session for `user` and audits the login; `replacing` (the hash of the token the browser
    /// carried before) is ended in the same transaction, so a session id set before login never survives it.
    public func startSession(
        tokenHash: String, user: String, csrf: String, at stamp: String, address: String?, replacing: String?
    ) throws {
        try write { db in
            if let replacing { try db.execute(sql: "DELETE FROM session WHERE token_hash = ?", arguments: [replacing]) }
            try db.execute(
                sql: "INSERT INTO session(token_hash, user_name, csrf, created_at, seen_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [tokenHash, user, csrf, stamp, stamp])
            try db.execute(
                sql: "DELETE FROM login_failure WHERE name_folded = ?", arguments: [VietnameseText.fold(user)])
            try Catalog.audit(db, at: stamp, user: user, event: "login", detail: nil, address: address)
        }
    }

    /// The session whose token hashes to `tokenHash`, with its account, or nil (also for a disabled account).
    public func session(tokenHash: String) throws -> StoredSession? {
        try read { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT u.name, u.role, u.district, u.org, u.disabled_at, u.created_at, u.updated_at,
                           s.csrf, s.created_at AS session_created, s.seen_at
                    FROM session s JOIN user u ON u.name = s.user_name
                    WHERE s.token_hash = ? AND u.disabled_at IS NULL
                    """,
                arguments: [tokenHash]
            ).map {
                StoredSession(
                    account: Catalog.account($0), csrf: $0["csrf"], createdAt: $0["session_created"],
                    seenAt: $0["seen_at"])
            }
        }
    }

    /// Notes that a session was used at `stamp` (its idle time starts again).
    public func touchSession(tokenHash: String, at stamp: String) throws {
        try write { db in
            try db.execute(sql: "UPDATE session SET seen_at = ? WHERE token_hash = ?", arguments: [stamp, tokenHash])
        }
    }

    /// Ends a session; `event` ("logout", "session-expired") goes to the audit log when one was ended.
    public func endSession(tokenHash: String, at stamp: String, event: String, address: String?) throws {
        try write { db in
            let user = try String.fetchOne(
                db, sql: "SELECT user_name FROM session WHERE token_hash = ?", arguments: [tokenHash])
            try db.execute(sql: "DELETE FROM session WHERE token_hash = ?", arguments: [tokenHash])
            if let user { try Catalog.audit(db, at: stamp, user: user, event: event, detail: nil, address: address) }
        }
    }

    /// Counts a login attempt for a name (known or not) before its password is checked, so that attempts made at
    /// the same moment all count: `proceed` gets the times of the name's latest `limit` failures (newest first)
    /// and says whether the attempt goes on; if so it is stored as a failure, which a successful login then
    /// clears. Failures older than `forgetBefore` go.
    public func countLoginAttempt(
        name: String, at stamp: String, limit: Int, forgetBefore: String, proceed: ([String]) -> Bool
    ) throws -> Bool {
        try write { db in
            let folded = VietnameseText.fold(name)
            try db.execute(sql: "DELETE FROM login_failure WHERE at < ?", arguments: [forgetBefore])
            let recent = try String.fetchAll(
                db, sql: "SELECT at FROM login_failure WHERE name_folded = ? ORDER BY at DESC LIMIT ?",
                arguments: [folded, limit])
            guard proceed(recent) else { return false }
            try db.execute(sql: "INSERT INTO login_failure(name_folded, at) VALUES (?, ?)", arguments: [folded, stamp])
            return true
        }
    }

    /// Audits a login refused (`login-failed`, or `login-locked` when the name was locked); the name as typed is
    /// kept short, since it may be a mistyped password.
    public func auditRefusedLogin(name: String, locked: Bool, at stamp: String, address: String?) throws {
        try write { db in
            try Catalog.audit(
                db, at: stamp, user: nil, event: locked ? "login-locked" : "login-failed",
                detail: String(name.prefix(64)), address: address)
        }
    }
}
