import ArgumentParser
import HTXCatalog
import HTXCore
import HTXKit

/// `htx init [--sample]`: creates the catalog file and loads the reference tables from `Seeds/`.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Tạo danh mục mới (tệp SQLite, quyền 0600) và nạp bảng quận/huyện 2021.",
        discussion: """
            Chạy lại trên danh mục đã có thì chỉ cập nhật bảng tham chiếu; --sample thêm các HTX mẫu \
            (dữ liệu minh hoạ, không phải HTX thật) chưa có trong danh mục.

            Ví dụ / Examples:
              htx init
              htx init --sample --db Exports/thu.sqlite
            """)

    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var originOptions: OriginOptions

    @Flag(name: .long, help: "Thêm danh mục mẫu minh hoạ từ Seeds/ / add the illustrative sample catalog.")
    var sample = false

    func run() throws {
        let console = catalog.console
        let (_, result) = try Kit.initialize(
            path: catalog.path, sample: sample, seeds: try SeedDirectory.locate(),
            origin: originOptions.origin("init --sample"), busyTimeout: catalog.busyTimeout)
        let (total, added) = (result.total, result.added)
        console.note(
            Message(
                "Đã sẵn sàng danh mục \(catalog.path): 30 quận/huyện (2021), \(total) HTX"
                    + (sample ? " (thêm \(added) HTX mẫu minh hoạ)" : ""),
                "Catalog \(catalog.path) is ready: 30 districts (2021), \(total) cooperatives"
                    + (sample ? " (\(added) illustrative samples added)" : "")))
    }
}
