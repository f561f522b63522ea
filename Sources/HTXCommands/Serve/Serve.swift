import ArgumentParser
import Foundation
import HTXCatalog
import HTXCore
import HTXKit
import HTXWeb

/// `htx serve`: the office web application over the catalog, for staff who never open a terminal.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Mở ứng dụng web cho văn phòng: danh mục, kiểm tra, danh sách điển hình, lịch trình, tài liệu.",
        discussion: """
            Dòng đầu tiên trên stdout là địa chỉ để mở trong trình duyệt. --port 0 chọn một cổng còn trống. \
            Khi danh mục đã có tài khoản (htx user add), mọi trang cần đăng nhập. Chỉ nghe trong mạng (--host khác \
            127.0.0.1) khi đã có một quản trị viên; nên dùng HTTPS (--tls-cert, --tls-key) và --allowed-host với tên \
            máy trong mạng. Ctrl+C hoặc SIGTERM dừng sau khi xong các yêu cầu đang chạy. Dòng CLI vẫn dùng được \
            danh mục bên cạnh.

            Ví dụ / Examples:
              htx serve --db Exports/demo/htx.sqlite
              htx serve --port 0
              htx user add quantri --role admin
              htx serve --host 0.0.0.0 --tls-cert cert.pem --tls-key key.pem --allowed-host htx.lan
            """)

    @OptionGroup var catalog: CatalogOptions
    @Option(help: "Địa chỉ nghe / address to listen on.") var host = "127.0.0.1"
    @Option(help: "Cổng, 0 để chọn cổng trống / port, 0 for a free one.") var port = 8080
    @Option(
        name: .customLong("allowed-host"),
        help: ArgumentHelp("Tên máy được chấp nhận trong Host / another accepted Host name.", valueName: "NAME"))
    var allowedHosts: [String] = []
    @Option(
        name: .customLong("tls-cert"),
        help: ArgumentHelp("Chứng thư PEM để phục vụ HTTPS / PEM certificate chain for HTTPS.", valueName: "FILE"))
    var tlsCertificate: String?
    @Option(
        name: .customLong("tls-key"),
        help: ArgumentHelp("Khoá riêng PEM của chứng thư / the certificate's PEM private key.", valueName: "FILE"))
    var tlsKey: String?

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port: từ 0 đến 65535 / use 0 to 65535") }
        guard (tlsCertificate == nil) == (tlsKey == nil) else {
            throw ValidationError(
                "--tls-cert và --tls-key đi cùng nhau / --tls-cert and --tls-key go together")
        }
    }

    /// Refuses to listen beyond this machine until an administrator exists: before that, no one signs in and
    /// anyone on the network could read personal contacts. Decided on the addresses `host` resolves to; the
    /// address returned is the one to bind, so that the name cannot resolve elsewhere between check and bind.
    static func checkBinding(host: String, kit: Kit) throws -> String? {
        let addresses = WebConfiguration.resolve(host)
        guard !addresses.isEmpty else {
            throw ValidationError(
                "--host \(host): không tìm thấy địa chỉ nào của tên này; dùng một địa chỉ số (127.0.0.1, 0.0.0.0) "
                    + "hoặc tên máy có thật / no address found for this name; give a numeric address (127.0.0.1, "
                    + "0.0.0.0) or a real host name")
        }
        guard !addresses.allSatisfy(WebConfiguration.isLoopbackAddress), try !kit.hasActiveAdmin() else {
            return addresses[0]
        }
        throw ValidationError(
            "--host \(host): chưa có quản trị viên, nên chỉ nghe trên máy này (127.0.0.1, ::1); nghe trong mạng thì ai "
                + "cũng đọc được liên hệ cá nhân. Tạo một quản trị viên trước: htx user add TEN --role admin / there "
                + "is no administrator yet, so htx listens on this machine only (127.0.0.1, ::1): on the network "
                + "anyone could read personal contacts. Make one first: htx user add NAME --role admin")
    }

    /// Where the server's outcome is handed from its task to the command's thread.
    final class Outcome: @unchecked Sendable {
        var error: Error?
    }

    func run() throws {
        let kit = try catalog.kit(readers: WebApp.readers)
        let address = try Self.checkBinding(host: host, kit: kit)
        let seeds = try SeedDirectory.locate()
        var configuration = WebConfiguration(
            host: host, port: port, catalogPath: catalog.path, seeds: seeds, allowedHosts: allowedHosts)
        configuration.bindAddress = address
        if let tlsCertificate, let tlsKey { configuration.tls = (tlsCertificate, tlsKey) }
        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        let console = catalog.console
        Task {
            do {
                let app = try await WebApp(kit: kit, configuration: configuration)
                try await app.serve { url in
                    FileHandle.standardOutput.write(Data((url + "\n").utf8))
                    console.note(
                        Message(
                            "Mở \(url) trong trình duyệt; Ctrl+C để dừng", "Open \(url) in a browser; Ctrl+C stops"))
                }
            } catch {
                outcome.error = error
            }
            done.signal()
        }
        done.wait()
        if let error = outcome.error { throw error }
    }
}
