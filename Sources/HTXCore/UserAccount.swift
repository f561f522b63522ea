/// A person who signs in to the office web application: name, role, their district (a district officer's) and
/// organisation. The password's hash is never part of it.
public struct UserAccount: Codable, Sendable, Equatable {
    public var name: String
    public var role: Role
    /// The district a district officer imports and edits; nil for every other role.
    public var district: String?
    /// The organisation history records beside the user for every change made through the server.
    public var org: String?
    public var disabled: Bool
    public var createdAt: String
    public var updatedAt: String

    public init(
        name: String, role: Role, district: String?, org: String?, disabled: Bool = false, createdAt: String,
        updatedAt: String
    ) {
        self.name = name
        self.role = role
        self.district = district
        self.org = org
        self.disabled = disabled
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
