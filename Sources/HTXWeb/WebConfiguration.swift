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

    /// Whether `host` is a loopback address or name, the only kind served before accounts exist.
    public static func isLoopback(_ host: String) -> Bool {
        ["127.0.0.1", "::1", "localhost", "[::1]"].contains(host.lowercased()) || host.hasPrefix("127.")
    }
}
