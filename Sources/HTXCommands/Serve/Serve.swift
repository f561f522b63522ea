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
            Chỉ nghe trên máy này (127.0.0.1) cho đến khi có đăng nhập trên web; Ctrl+C hoặc SIGTERM dừng sau khi \
            xong các yêu cầu đang chạy. Dòng CLI vẫn dùng được danh mục bên cạnh.

            Ví dụ / Examples:
              htx serve --db Exports/demo/htx.sqlite
              htx serve --port 0
            """)

    @OptionGroup var catalog: CatalogOptions
    @Option(help: "Địa chỉ nghe / address to listen on.") var host = "127.0.0.1"
    @Option(help: "Cổng, 0 để chọn cổng trống / port, 0 for a free one.") var port = 8080
    @Option(
        name: .customLong("allowed-host"),
        help: ArgumentHelp("Tên máy được chấp nhận trong Host / another accepted Host name.", valueName: "NAME"))
    var allowedHosts: [String] = []

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port: từ 0 đến 65535 / use 0 to 65535") }
        guard WebConfiguration.isLoopback(host) else {
            throw ValidationError(
                "--host \(host): bản htx này chưa có đăng nhập trên web, nên chỉ nghe trên máy này (127.0.0.1, ::1); "
                    + "nghe trong mạng thì ai cũng đọc được liên hệ cá nhân / this htx has no web sign-in yet, so it "
                    + "listens on this machine only (127.0.0.1, ::1): on the network anyone could read personal "
                    + "contacts")
        }
    }

    /// Where the server's outcome is handed from its task to the command's thread.
    final class Outcome: @unchecked Sendable {
        var error: Error?
    }

    func run() throws {
        let kit = try catalog.kit(readers: WebApp.readers)
        let seeds = try SeedDirectory.locate()
        let configuration = WebConfiguration(
            host: host, port: port, catalogPath: catalog.path, seeds: seeds, allowedHosts: allowedHosts)
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
