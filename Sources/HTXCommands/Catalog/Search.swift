import ArgumentParser
import HTXCatalog
import HTXCore
import HTXKit

/// `htx search QUERY`: accent-insensitive full-text search; exact-accent matches first.
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Tìm HTX theo tên, địa chỉ, địa bàn, lĩnh vực, sản phẩm, thành tích (không phân biệt dấu).",
        discussion: """
            "dong anh" tìm được "Đông Anh"; gõ có dấu thì kết quả đúng dấu lên trước (điểm > 1). \
            Từ cuối khớp cả tiền tố. Ký tự đặc biệt (", *, -, AND, ngoặc) được tìm như chữ thường.

            Ví dụ / Examples:
              htx search "dong anh"
              htx search "gốm Bát Tràng" --limit 5 --format json
            """)

    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var output: FormatOptions

    @Argument(help: "Từ khoá / query.") var query: String
    @Option(help: "Số kết quả tối đa / maximum results.") var limit: Int = 20

    func validate() throws {
        guard limit > 0 else { throw ValidationError("--limit phải lớn hơn 0 / must be positive") }
    }

    func run() throws {
        let result = try catalog.readingKit().search(query, limit: limit)
        let lang = catalog.console.lang
        let headers =
            lang == .vi
            ? ["ID", "Tên", "Mã số thuế", "Quận/huyện", "Lĩnh vực", "Điểm"]
            : ["ID", "Name", "Tax code", "District", "Sector", "Score"]
        try catalog.console.listing(
            output.resolved, json: result, headers: headers,
            rows: result.results.map {
                [
                    String($0.id), $0.name, $0.taxCode ?? "", $0.district ?? "", $0.sector ?? "",
                    String(format: "%.3f", $0.score),
                ]
            })
    }
}
