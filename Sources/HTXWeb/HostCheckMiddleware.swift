import HTTPTypes
import Hummingbird

/// Refuses a request whose `Host` is not a name this server answers to (421), so that a page elsewhere cannot reach
/// the catalog through DNS rebinding.
struct HostCheckMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Allowed host names, lower case, without port.
    let allowed: Set<String>

    init(configuration: WebConfiguration) {
        allowed = Set(
            (["127.0.0.1", "localhost", "::1", "[::1]", configuration.host] + configuration.allowedHosts).map {
                $0.lowercased()
            })
    }

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws
        -> Response
    {
        guard let host = request.head.authority, allowed.contains(Self.name(of: host)) else {
            return WebResponse.text(
                "421 Misdirected Request: this server does not answer to that host name", status: .misdirectedRequest)
        }
        return try await next(request, context)
    }

    /// The host part of a `Host` value, without its port ("[::1]:8080" → "[::1]"); empty when what follows the
    /// host is not a port, so that "[::1]evil.example" matches nothing.
    static func name(of host: String) -> String {
        let lower = host.lowercased()
        let name: String
        let rest: Substring
        if lower.hasPrefix("[") {
            guard let close = lower.firstIndex(of: "]") else { return "" }
            name = String(lower[...close])
            rest = lower[lower.index(after: close)...]
        } else {
            let parts = lower.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            name = String(parts.first ?? "")
            rest = parts.count > 1 ? ":" + parts[1] : ""
        }
        guard rest.isEmpty || (rest.hasPrefix(":") && rest.count > 1 && rest.dropFirst().allSatisfy(\.isNumber)) else {
            return ""
        }
        return name
    }
}
