import HTTPTypes
import Hummingbird

/// Refuses a request whose `Host` is not a name this server answers to (421), so that a page elsewhere cannot reach
/// the catalog through DNS rebinding. Bound to every address (0.0.0.0, ::), the server also answers to an address
/// typed as digits: rebinding needs a name the attacker controls, never a bare address.
struct HostCheckMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Allowed host names, lower case, without port.
    let allowed: Set<String>
    /// Whether any IP address literal is accepted (the server listens on all of them).
    let addressLiterals: Bool

    init(configuration: WebConfiguration) {
        allowed = Set(
            (["127.0.0.1", "localhost", "::1", "[::1]", configuration.host] + configuration.allowedHosts).map {
                $0.lowercased()
            })
        addressLiterals = ["0.0.0.0", "::", "[::]"].contains(configuration.host)
    }

    /// Whether a Host name is an IPv4 address in dotted digits or a bracketed IPv6 address.
    static func isAddressLiteral(_ name: String) -> Bool {
        if name.hasPrefix("["), name.hasSuffix("]") {
            let inner = name.dropFirst().dropLast()
            return inner.contains(":") && inner.allSatisfy { $0.isHexDigit || $0 == ":" || $0 == "." }
        }
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4
            && parts.allSatisfy { part in
                (1...3).contains(part.count) && part.allSatisfy(\.isASCII) && part.allSatisfy(\.isNumber)
                    && (Int(part) ?? 256) <= 255
            }
    }

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws
        -> Response
    {
        guard let host = request.head.authority,
            allowed.contains(Self.name(of: host)) || (addressLiterals && Self.isAddressLiteral(Self.name(of: host)))
        else {
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
