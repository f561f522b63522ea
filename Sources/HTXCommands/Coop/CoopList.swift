import ArgumentParser
import HTXCatalog
import HTXCore
import HTXKit

/// `htx coop list`: the cooperatives in Vietnamese name order, filtered by district, unit in force, sector or latest
/// grade.
struct CoopListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "Liệt kê HTX theo thứ tự tên tiếng Việt.",
        discussion: """
            Ví dụ / Examples:
              htx coop list
              htx coop list --district "dong anh" --grade tot --format json
              htx coop list --unit "phuong Ba Dinh"
              htx coop list --unit "xa Uy No"
              htx coop list --sector "CN - TTCN" --format csv > danh-sach.csv
            """)

    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var output: FormatOptions

    @Option(help: "Quận/huyện (2021), tên hoặc mã / district name or code.") var district: String?
    @Option(
        help: "Xã/phường từ 1/7/2025 (tên, mã) hoặc xã/phường năm 2021 (các đơn vị mới nó nhập vào) / unit in force."
    ) var unit: String?
    @Option(help: "Lĩnh vực, tên hoặc mã (nong-nghiep, cong-nghiep …) / sector.") var sector: String?
    @Option(help: "Xếp loại năm gần nhất (Tốt, Khá, Trung bình, Yếu) / latest grade.") var grade: String?

    func run() throws {
        let rows = try catalog.readingKit().list(district: district, unit: unit, sector: sector, grade: grade)
        let lang = catalog.console.lang
        let headers =
            lang == .vi
            ? ["ID", "Tên", "Mã số thuế", "Quận/huyện", "Lĩnh vực", "Xếp loại"]
            : ["ID", "Name", "Tax code", "District", "Sector", "Grade"]
        try catalog.console.listing(
            output.resolved, json: rows, headers: headers,
            rows: rows.map {
                [String($0.id), $0.name, $0.taxCode ?? "", $0.district ?? "", $0.sector ?? "", $0.grade ?? ""]
            })
    }
}
