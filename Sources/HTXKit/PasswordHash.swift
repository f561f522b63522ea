import Crypto
import Foundation
import HummingbirdBcrypt

/// Password hashes as htx stores them: bcrypt (cost 12) of the password's SHA-256, so that every character of a
/// long Vietnamese password counts (bcrypt alone reads only the first 72 bytes).
enum PasswordHash {
    /// The bcrypt cost: 2¹² rounds, about a quarter of a second here.
    static let cost: UInt8 = 12
    /// The scheme's mark at the start of a stored hash.
    static let scheme = "sha256-bcrypt$"

    /// A new salted hash of `password` (already checked and NFC).
    static func make(_ password: String) -> String {
        scheme + Bcrypt.hash(digest(password), cost: cost)
    }

    /// Whether `password` is the one `stored` was made from; a hash of an unknown scheme matches nothing.
    static func matches(_ password: String, _ stored: String) -> Bool {
        guard stored.hasPrefix(scheme) else { return false }
        return Bcrypt.verify(digest(password), hash: String(stored.dropFirst(scheme.count)))
    }

    /// The password's SHA-256 as base64: 44 ASCII characters, within bcrypt's 72 bytes and free of NUL.
    static func digest(_ password: String) -> String {
        Data(SHA256.hash(data: Data(password.utf8))).base64EncodedString()
    }
}
