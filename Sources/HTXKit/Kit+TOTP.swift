import Foundation
import HTXCatalog
import HTXCore
import HummingbirdOTP

/// A second factor for an administrator: the key an authenticator app reads, and the address that carries it.
public struct TOTPEnrolment: Sendable, Equatable {
    /// The key in base32, for typing into an app.
    public var key: String
    /// The `otpauth://` address, for an app that reads it (or a QR code made of it).
    public var url: String
}

extension Kit {
    /// Gives an administrator a new TOTP key (RFC 6238: 6 digits, 30 s, SHA-1, what authenticator apps use);
    /// from then on a login needs the code beside the password. The user's sessions end.
    ///
    /// The key is handed to `show` first and stored only once it returns: a key nobody saw (a full disk, a closed
    /// pipe) would lock the administrator out of the web application.
    @discardableResult
    public func enableTOTP(_ name: String, show: (TOTPEnrolment) throws -> Void) throws -> TOTPEnrolment {
        guard let user = try catalog.user(named: name) else { throw Catalog.noSuchUser(name) }
        guard user.account.role == .admin else {
            throw UserError(
                "mã xác thực hai lớp dành cho tài khoản quản trị; \(user.account.name) là "
                    + user.account.role.rawValue,
                "the second factor is for administrators; \(user.account.name) is \(user.account.role.rawValue)")
        }
        // 20 random characters of an alphabet any app's base32 carries; HummingbirdOTP keys on their bytes.
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        var generator = SystemRandomNumberGenerator()
        let secret = String((0..<20).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
        let url = TOTP(secret: secret).createAuthenticatorURL(label: "htx:\(user.account.name)", issuer: "htx")
        let key = URLComponents(string: url)?.queryItems?.first { $0.name == "secret" }?.value ?? ""
        let enrolment = TOTPEnrolment(key: key, url: url)
        try show(enrolment)
        try catalog.setTOTPSecret(user.account.name, secret, at: timestamp)
        return enrolment
    }

    /// Removes a user's second factor (its sessions end).
    public func disableTOTP(_ name: String) throws {
        guard let user = try catalog.user(named: name) else { throw Catalog.noSuchUser(name) }
        try catalog.setTOTPSecret(user.account.name, nil, at: timestamp)
    }

    /// Whether `code` is the account's TOTP code now, or the one just before or after (a clock a little off), and
    /// of a later time step than any code accepted before: a code seen once (over a shoulder, in a phishing page)
    /// opens no second session. True for an account without a second factor.
    func secondFactorHolds(_ name: String, code: String?) throws -> Bool {
        guard let secret = try catalog.totpSecret(name) else { return true }
        let digits = (code ?? "").filter { !$0.isWhitespace }
        guard digits.count == 6, digits.allSatisfy(\.isASCII), let given = Int(digits) else { return false }
        let totp = TOTP(secret: secret)
        let now = clock()
        let current = Int64((now.timeIntervalSince1970 / 30).rounded(.down))
        // The latest step the code matches, then recorded only if no code of it or a later one was used.
        guard
            let step = [1, 0, -1].map({ current + $0 }).first(where: { step in
                totp.compute(date: Date(timeIntervalSince1970: Double(step) * 30)) == given
            })
        else { return false }
        return try catalog.acceptTOTPStep(name, step: step)
    }
}
