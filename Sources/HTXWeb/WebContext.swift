import HTXCatalog
import HTXCore
import HTXKit
import Hummingbird

/// Who is asking: a signed-in user, or (while the catalog has no accounts) the person at this machine.
public struct Visitor: Sendable, Equatable {
    /// The account, nil before any account exists (loopback only, every right).
    public var account: UserAccount?
    /// The token this visitor's forms carry (`_csrf`), the session's own once signed in.
    public var csrf: String
    /// The stored hash of the session's token, to end it at logout.
    var sessionHash: String?
    /// Whether the catalog has accounts and this visitor has not signed in: then only `.open` is allowed.
    var mustSignIn = false

    /// Whether this visitor may do what `permission` covers.
    public func may(_ permission: Permission) -> Bool {
        if let account { return account.role.may(permission) }
        return !mustSignIn || permission == .open
    }

    /// Whether this visitor sees the public view only (no personal names, phones or e-mails).
    public var publicView: Bool { account?.role.seesPublicViewOnly ?? false }

    /// The district whose cooperatives alone this visitor may import and edit; nil for every other role.
    public var ownDistrict: String? { account?.role == .district ? account?.district : nil }

    /// Who history names for a change this visitor makes through the server, with the organisation.
    var origin: ChangeOrigin { ChangeOrigin(by: account?.name ?? "web", source: "htx serve", org: account?.org) }
}

/// The request context of the office web application: Hummingbird's, plus the visitor the access check found.
public struct WebContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by `AccessMiddleware` before any handler runs.
    public var visitor = Visitor(account: nil, csrf: "")
    /// The address the request came from, for the audit log.
    public var address: String?

    public init(source: Source) {
        coreContext = .init(source: source)
        address = source.channel.remoteAddress?.ipAddress
    }
}
