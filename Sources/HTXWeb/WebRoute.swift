import HTTPTypes
import HTXCore

/// One route of the office web application with the permission it needs: the table (SPEC §10) that both the
/// router is built from and the access check reads, so that no route exists without its rule.
public struct WebRoute: Sendable, Hashable {
    public var method: HTTPRequest.Method
    /// Hummingbird's pattern: `:name` is one segment, `**` the rest.
    public var path: String
    public var permission: Permission

    init(_ method: HTTPRequest.Method, _ path: String, _ permission: Permission) {
        self.method = method
        self.path = path
        self.permission = permission
    }

    static let healthz = WebRoute(.get, "healthz", .open)
    static let home = WebRoute(.get, "/", .read)
    static let staticFile = WebRoute(.get, "static/:file", .open)
    static let loginForm = WebRoute(.get, "login", .open)
    static let login = WebRoute(.post, "login", .open)
    static let logout = WebRoute(.post, "logout", .read)
    static let coops = WebRoute(.get, "coops", .read)
    static let coop = WebRoute(.get, "coops/:id", .read)
    static let editCoop = WebRoute(.post, "coops/:id", .edit)
    static let importForm = WebRoute(.get, "import", .edit)
    static let importUpload = WebRoute(.post, "import", .edit)
    static let check = WebRoute(.get, "check", .read)
    static let shortlists = WebRoute(.get, "shortlists", .read)
    static let buildShortlist = WebRoute(.post, "shortlists", .propose)
    static let shortlist = WebRoute(.get, "shortlists/:name", .read)
    static let decide = WebRoute(.post, "shortlists/:name/entries/:id", .approve)
    static let itineraries = WebRoute(.get, "itineraries", .read)
    static let planItinerary = WebRoute(.post, "itineraries", .plan)
    static let itinerary = WebRoute(.get, "itineraries/:name", .read)
    static let checkOrder = WebRoute(.get, "itineraries/:name/check", .read)
    static let today = WebRoute(.get, "itineraries/:name/today", .read)
    static let visitForm = WebRoute(.get, "itineraries/:name/visit", .personal)
    static let saveVisit = WebRoute(.post, "itineraries/:name/visit", .plan)
    static let replan = WebRoute(.post, "itineraries/:name/replan", .plan)
    static let document = WebRoute(.get, "itineraries/:name/:file", .read)
    /// The letters name the hosts and the signer, even in their public form: not for viewers.
    static let letters = WebRoute(.get, "itineraries/:name/letters.zip", .personal)
    static let users = WebRoute(.get, "users", .manageUsers)
    static let addUser = WebRoute(.post, "users", .manageUsers)
    static let disableUser = WebRoute(.post, "users/:name/disable", .manageUsers)
    static let audit = WebRoute(.get, "audit", .manageUsers)
    /// Any other address answers the 404 page, to those who may read.
    static let unknownPages = ["**", "coops/:id/**", "shortlists/:name/**", "itineraries/:name/:file/**"].map {
        WebRoute(.get, $0, .read)
    }
    static let unknownPost = WebRoute(.post, "**", .read)

    /// Every route, in the order the router is built.
    public static let all: [WebRoute] =
        [
            healthz, home, staticFile, loginForm, login, logout, coops, coop, editCoop, importForm, importUpload,
            check, shortlists, buildShortlist, shortlist, decide, itineraries, planItinerary, itinerary, checkOrder,
            today, visitForm, saveVisit, replan, document, letters, users, addUser, disableUser, audit,
        ] + unknownPages + [unknownPost]

    /// The permissions a request needs: its route's as the router reads the path, and as a handler reads it once
    /// its parameters are percent-decoded (`letters%2Ezip` reaches the `:file` handler as `letters.zip`); an
    /// address with no route needs `.read`, like the 404 page it gets.
    public static func permissions(_ method: HTTPRequest.Method, path: String) -> Set<Permission> {
        let decoded = path.split(separator: "/", omittingEmptySubsequences: true).map {
            ($0.removingPercentEncoding ?? String($0)).replacingOccurrences(of: "/", with: "%2F")
        }.joined(separator: "/")
        return Set([path, decoded].map { match(method, path: $0)?.permission ?? .read })
    }

    /// The route a request's method and path reach, as the router would choose it: segment by segment a literal
    /// beats a parameter, which beats `**`. HEAD is GET. Nil when no route matches.
    public static func match(_ method: HTTPRequest.Method, path: String) -> WebRoute? {
        let method = method == .head ? .get : method
        let segments = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        var best: (route: WebRoute, rank: [Int])?
        for route in all where route.method == method {
            guard let rank = route.rank(segments) else { continue }
            if best.map({ rank.lexicographicallyPrecedes($0.rank) }) ?? true { best = (route, rank) }
        }
        return best?.route
    }

    /// How closely the pattern matches `segments` (0 literal, 1 parameter, 2 the rest, per segment), or nil.
    func rank(_ segments: [String]) -> [Int]? {
        let pattern = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        var rank: [Int] = []
        for (index, part) in pattern.enumerated() {
            if part == "**" { return index < segments.count ? rank + [2] : nil }
            guard index < segments.count else { return nil }
            if part.hasPrefix(":") {
                rank.append(1)
            } else if part == segments[index] {
                rank.append(0)
            } else {
                return nil
            }
        }
        return pattern.count == segments.count ? rank : nil
    }
}
