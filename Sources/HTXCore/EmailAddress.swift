/// Checks and normalises e-mail addresses.
public enum EmailAddress {
    /// Returns the address trimmed with its domain in lower case, or throws when it is not `local@domain.tld`.
    public static func normalize(_ text: String) throws(UserError) -> String {
        let trimmed = VietnameseText.clean(text)
        let parts = trimmed.split(separator: "@", omittingEmptySubsequences: false)
        let error = UserError(
            "email \"\(text)\" không hợp lệ (dạng ten@mien.vn)",
            "email \"\(text)\" is invalid (expected name@domain.vn)")
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
            !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
            !trimmed.contains(" "), trimmed.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0 != "," && $0 != ";" })
        else { throw error }
        return parts[0] + "@" + parts[1].lowercased()
    }
}
