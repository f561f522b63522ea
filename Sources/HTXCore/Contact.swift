/// A contact person of a cooperative. Personal data: `--public` outputs drop name, phone and email.
public struct Contact: Codable, Sendable, Equatable {
    /// The role, e.g. "Giám đốc", "Chủ tịch HĐQT", "Kế toán".
    public var role: String
    public var name: String?
    /// E.164, e.g. `+84912345678`.
    public var phone: String?
    public var email: String?

    public init(role: String, name: String? = nil, phone: String? = nil, email: String? = nil) {
        self.role = role
        self.name = name
        self.phone = phone
        self.email = email
    }
}
