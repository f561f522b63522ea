/// The passwords htx accepts (OWASP ASVS 5.0, level 2): 12 to 128 characters, any characters, no composition
/// rules; refused when it is one of the commonest passwords, a few characters repeated, or holds the user's name.
public struct PasswordPolicy: Sendable {
    public static let minimum = 12
    public static let maximum = 128

    /// The commonest passwords, folded (lower case, no accents, no spaces).
    let common: Set<String>

    /// A policy refusing the passwords of `commonList` (one per line; `#` starts a comment).
    public init(commonList: String) {
        common = Set(
            commonList.split(whereSeparator: \.isNewline).compactMap { line -> String? in
                let text = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
                let folded = PasswordPolicy.fold(String(text))
                return folded.isEmpty ? nil : folded
            })
    }

    /// How a password is compared with the list: case, accents and spaces do not make a common one uncommon.
    static func fold(_ text: String) -> String {
        VietnameseText.fold(text).replacingOccurrences(of: " ", with: "")
    }

    /// The password as it is hashed (NFC, so the same password typed on two keyboards is the same), or the reason
    /// it is refused.
    public func check(_ password: String, user: String) throws(UserError) -> String {
        let text = VietnameseText.nfc(password)
        guard text.count >= PasswordPolicy.minimum else {
            throw UserError(
                "mật khẩu cần ít nhất \(PasswordPolicy.minimum) ký tự (đã nhập \(text.count)); một câu dễ nhớ là đủ",
                "the password needs at least \(PasswordPolicy.minimum) characters (got \(text.count)); an easy "
                    + "sentence will do")
        }
        guard text.count <= PasswordPolicy.maximum else {
            throw UserError(
                "mật khẩu dài quá \(PasswordPolicy.maximum) ký tự",
                "the password is over \(PasswordPolicy.maximum) "
                    + "characters")
        }
        guard !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw UserError(
                "mật khẩu có ký tự điều khiển (như xuống dòng); gõ lại",
                "the password holds a control character "
                    + "(such as a line break); type it again")
        }
        let folded = PasswordPolicy.fold(text)
        guard !common.contains(folded) else {
            throw UserError(
                "mật khẩu này nằm trong danh sách mật khẩu hay bị dùng nhất; chọn mật khẩu khác",
                "this password is among the commonest ones; choose another")
        }
        // Twelve spaces, or "aaaaaaaaaaaa": the length of a password, the strength of one character.
        guard Set(folded).count >= 4 else {
            throw UserError(
                "mật khẩu chỉ lặp lại vài ký tự (hoặc toàn khoảng trắng); chọn một câu dễ nhớ có nhiều chữ khác nhau",
                "the password repeats a few characters (or is all spaces); choose an easy sentence with varied "
                    + "letters")
        }
        // The name as typed and its letters alone ("quantri2" → "quantri"): "quantri12345" holds both ideas.
        let name = PasswordPolicy.fold(user)
        let parts = [name, name.filter(\.isLetter)].filter { $0.count >= 3 }
        guard folded != name, !parts.contains(where: { folded.contains($0) }) else {
            throw UserError(
                "mật khẩu không được chứa tên người dùng", "the password may not contain the user name")
        }
        return text
    }
}
