import Crypto
import Foundation
import HTXCatalog
import HTXCore

/// How long sessions last and when a user name is locked (SPEC §10, OWASP ASVS 5.0 level 2).
public struct SessionPolicy: Sendable {
    /// A session not used for this long ends.
    public var idle: TimeInterval = 30 * 60
    /// A session ends this long after its login, used or not.
    public var absolute: TimeInterval = 12 * 3600
    /// Failed logins within `failureWindow` that lock the name.
    public var failuresBeforeLock = 5
    public var failureWindow: TimeInterval = 15 * 60
    /// How long the name stays locked after the failure that locked it.
    public var lockFor: TimeInterval = 15 * 60
    /// A session's last use is written at most this often (not on every request).
    public var touchEvery: TimeInterval = 60

    public init() {}
}

/// A session a login just started: the token for the browser's cookie (never stored as such) and its CSRF token.
public struct NewSession: Sendable {
    public var token: String
    public var csrf: String
    public var account: UserAccount
}

/// A signed-in request's session: who, the CSRF token its forms carry, and the stored hash of its token.
public struct ActiveSession: Sendable, Equatable {
    public var account: UserAccount
    public var csrf: String
    public var tokenHash: String
}

/// What a login attempt comes to.
public enum LoginOutcome: Sendable {
    case signedIn(NewSession)
    /// Wrong name or password, or a disabled account: the same answer for each.
    case refused
    /// Too many failures for this name: try again in this many seconds.
    case locked(retryAfter: Int)
}

extension Kit {
    /// Checks a name and password (and the TOTP `code` of an account that has a second factor) and, if they match
    /// an enabled account, starts a session (ending `replacing`,
    /// the token the browser had, so that a session id set before login never survives it). A locked name is
    /// refused before its password is checked, known or not; every attempt counts before the check, so attempts
    /// sent at once cannot slip past the lock.
    public func login(
        name: String, password: String, code: String? = nil, address: String?, replacing: String?,
        policy: SessionPolicy = SessionPolicy()
    ) throws -> LoginOutcome {
        let now = clock()
        let stamp = timestamp
        var retryAfter = 0
        let proceeds = try catalog.countLoginAttempt(
            name: name, at: stamp, limit: policy.failuresBeforeLock,
            forgetBefore: Kit.iso(now.addingTimeInterval(-(policy.failureWindow + policy.lockFor)))
        ) { recent in
            retryAfter = Kit.lockRemaining(recent, now: now, policy: policy)
            return retryAfter == 0
        }
        guard proceeds else {
            try catalog.auditRefusedLogin(name: name, locked: true, at: stamp, address: address)
            return .locked(retryAfter: retryAfter)
        }
        // An account with a second factor needs its code too; a wrong code answers as a wrong password.
        guard let account = try authenticate(name, password: password),
            try secondFactorHolds(account.name, code: code)
        else {
            try catalog.auditRefusedLogin(name: name, locked: false, at: stamp, address: address)
            return .refused
        }
        let token = Kit.randomToken()
        let csrf = Kit.randomToken()
        try catalog.startSession(
            tokenHash: Kit.tokenHash(token), user: account.name, csrf: csrf, at: stamp, address: address,
            replacing: replacing.map(Kit.tokenHash))
        return .signedIn(NewSession(token: token, csrf: csrf, account: account))
    }

    /// The session a browser's token belongs to, or nil when there is none, its account is disabled, or it was
    /// idle or open too long (then it is ended on the server).
    public func session(token: String, policy: SessionPolicy = SessionPolicy()) throws -> ActiveSession? {
        let hash = Kit.tokenHash(token)
        guard let stored = try catalog.session(tokenHash: hash) else { return nil }
        let now = clock()
        let created = Kit.date(stored.createdAt) ?? .distantPast
        let seen = Kit.date(stored.seenAt) ?? .distantPast
        if now.timeIntervalSince(seen) > policy.idle || now.timeIntervalSince(created) > policy.absolute {
            try catalog.endSession(tokenHash: hash, at: timestamp, event: "session-expired", address: nil)
            return nil
        }
        if now.timeIntervalSince(seen) > policy.touchEvery { try catalog.touchSession(tokenHash: hash, at: timestamp) }
        return ActiveSession(account: stored.account, csrf: stored.csrf, tokenHash: hash)
    }

    /// Ends the session of a token on the server (`POST /logout`).
    public func logout(token: String, address: String?) throws {
        try catalog.endSession(tokenHash: Kit.tokenHash(token), at: timestamp, event: "logout", address: address)
    }

    /// Whether any account exists: until one does, the server serves this machine only and asks no one to sign
    /// in.
    public func hasUsers() throws -> Bool { try catalog.hasUsers() }

    /// Whether an enabled administrator exists (the condition for listening beyond this machine).
    public func hasActiveAdmin() throws -> Bool { try catalog.hasActiveAdmin() }

    /// Seconds the name stays locked, given its latest failures (newest first); 0 when it is not locked.
    static func lockRemaining(_ recent: [String], now: Date, policy: SessionPolicy) -> Int {
        guard recent.count >= policy.failuresBeforeLock, let newest = recent.first.flatMap(date),
            let oldest = recent.last.flatMap(date), newest.timeIntervalSince(oldest) <= policy.failureWindow
        else { return 0 }
        let left = newest.addingTimeInterval(policy.lockFor).timeIntervalSince(now)
        return left > 0 ? Int(left.rounded(.up)) : 0
    }

    /// 32 random bytes as hex, from the system's generator.
    public static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    /// The SHA-256 of a session token as hex: what the catalog stores in its place.
    static func tokenHash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    static func iso(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC") ?? .current))
    }

    static func date(_ iso: String) -> Date? { try? Date(iso, strategy: Date.ISO8601FormatStyle()) }
}
