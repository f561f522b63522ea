/// What a request may need, one per kind of action of the office web application (the rows of SPEC §10).
public enum Permission: String, CaseIterable, Codable, Sendable {
    /// Anyone, signed in or not: the login page, the health check, the style sheet and script.
    case open
    /// Reading the catalog, shortlists, itineraries and documents (a viewer sees the public view).
    case read
    /// Importing files and editing cooperatives (a district officer: its own district's only).
    case edit
    /// Building shortlists and proposing entries.
    case propose
    /// Approving and rejecting shortlist entries.
    case approve
    /// Planning itineraries: a new plan, a replanned day, the visit file's people, dates and signatures.
    case plan
    /// Reading the visit file and the letters to the hosts, which name people and give their phones: the roles
    /// that read everything (SPEC §10), not a viewer or a district office.
    case personal
    /// Managing users and reading the audit log.
    case manageUsers
}

extension Role {
    /// Whether the role may do what `permission` covers (SPEC §10); `.open` needs no role at all.
    public func may(_ permission: Permission) -> Bool {
        switch permission {
        case .open, .read: true
        case .edit: [.admin, .alliance, .district].contains(self)
        case .propose: [.admin, .alliance].contains(self)
        case .approve, .plan: [.admin, .department].contains(self)
        case .personal: [.admin, .alliance, .department].contains(self)
        case .manageUsers: self == .admin
        }
    }

    /// Whether the role sees the public view only: no personal names, phones or e-mails anywhere.
    public var seesPublicViewOnly: Bool { self == .viewer }
}
