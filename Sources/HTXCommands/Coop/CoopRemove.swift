import ArgumentParser
import HTXCatalog
import HTXCore
import HTXKit

/// `htx coop remove ID`: removes a cooperative; its last record stays in history.
struct CoopRemoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Xoá một HTX khỏi danh mục (lịch sử vẫn giữ toàn bộ hồ sơ cuối).",
        discussion: """
            Ví dụ / Examples:
              htx coop remove 12 --by "Sở KH&ĐT"
              htx coop history 12    # xem lại hồ sơ đã xoá
            """)

    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var originOptions: OriginOptions

    @Argument(help: "Mã nội bộ hoặc mã số thuế / internal id or tax code.") var id: String

    func run() throws {
        let removed = try catalog.kit().removeCooperative(id, origin: originOptions.origin("coop remove"))
        let number = removed.id.map(String.init) ?? id
        catalog.console.note(
            Message(
                "Đã xoá #\(number) \(removed.name); hồ sơ vẫn còn trong `htx coop history \(number)`",
                "Removed #\(number) \(removed.name); the record remains in `htx coop history \(number)`"))
    }
}
