import Foundation
import HTXCatalog
import HTXKit

/// How `htx serve` runs: where it listens, which catalog it owns, where its templates and static files are.
public struct WebConfiguration: Sendable {
    public var host: String
    /// 0 picks a free port.
    public var port: Int
    public var catalogPath: String
    public var seeds: SeedDirectory
    /// Extra names the `Host` header may carry (the office's LAN name), besides the loopback names and the bound
    /// address.
    public var allowedHosts: [String]
    /// Rows per page of the catalog list.
    public var pageSize = 50
    /// The certificate chain and private key (PEM files) to serve HTTPS with; nil serves HTTP.
    public var tls: (certificate: String, key: String)?
    /// How long sessions last and when a user name is locked.
    public var sessions = SessionPolicy()

    public init(host: String, port: Int, catalogPath: String, seeds: SeedDirectory, allowedHosts: [String] = []) {
        self.host = host
        self.port = port
        self.catalogPath = catalogPath
        self.seeds = seeds
        self.allowedHosts = allowedHosts
    }

    /// The address the server binds: the one `host` was resolved to when it was checked (so that a name that
    /// resolves elsewhere later cannot move the server), else `host` itself.
    public var bindAddress: String?

    /// The numeric addresses `host` resolves to (an address given as digits is itself), in the resolver's order;
    /// empty when it does not resolve.
    public static func resolve(_ host: String) -> [String] {
        let name = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        guard !name.isEmpty else { return [] }
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(name, nil, &hints, &list) == 0 else { return [] }
        defer { freeaddrinfo(list) }
        var found: [String] = []
        var cursor = list
        while let info = cursor?.pointee {
            var text = [CChar](repeating: 0, count: Int(NI_MAXHOST))
            if let address = info.ai_addr,
                getnameinfo(address, info.ai_addrlen, &text, socklen_t(text.count), nil, 0, NI_NUMERICHOST) == 0
            {
                let numeric = String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
                if !found.contains(numeric) { found.append(numeric) }
            }
            cursor = info.ai_next
        }
        return found
    }

    /// Whether a numeric address is of this machine only: 127.0.0.0/8, ::1, or an IPv4-mapped 127 address. A name
    /// is decided on the addresses it resolves to (`resolve`), never on its spelling: `127.office.lan` may resolve
    /// to a network address.
    public static func isLoopbackAddress(_ address: String) -> Bool {
        let lower = address.lowercased()
        if lower == "::1" { return true }
        let v4 = lower.hasPrefix("::ffff:") ? String(lower.dropFirst("::ffff:".count)) : lower
        let parts = v4.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }
}
