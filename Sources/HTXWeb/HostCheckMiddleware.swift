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

    /// The host part of a `Host` value, without its port ("[::1]:8080" → "[::1]").
    static func name(of host: String) -> String {
        let lower = host.lowercased()
        if lower.hasPrefix("[") { return String(lower.prefix { $0 != "]" }) + "]" }
        return String(lower.split(separator: ":", maxSplits: 1).first ?? "")
    }
}
