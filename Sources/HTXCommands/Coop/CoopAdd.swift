import ArgumentParser
import HTXCatalog
import HTXCore
import HTXKit

/// `htx coop add`: adds one cooperative from options; prints its new id.
struct CoopAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Thêm một HTX; in ra mã nội bộ mới.",
        discussion: """
            Các trường khác đặt bằng --set FIELD=VALUE (khoá JSON của `coop show`); danh sách dạng "a; b", \
            số liệu dạng JSON.

            Ví dụ / Examples:
              htx coop add --name "HTX Nông nghiệp Bắc Hồng" --district "Đông Anh" --sector nong-nghiep --tax-code \
            0100233488
              htx coop add --name "HTX Gốm Bát Tràng" --district "Gia Lâm" --set 'contacts=[{"role":"Giám \
            đốc","phone":"0912 345 678"}]'
            """)

    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var originOptions: OriginOptions

    @Option(help: "Tên HTX / name.") var name: String
    @Option(name: .customLong("tax-code"), help: "Mã số thuế / tax code.") var taxCode: String?
    @Option(help: "Quận/huyện năm 2021 / 2021 district.") var district: String?
    @Option(help: "Lĩnh vực (lặp lại được) / sector (repeatable).") var sector: [String] = []
    @Option(name: .customLong("legal-form"), help: "Loại hình: htx, lien-hiep-htx, quy-tin-dung, to-hop-tac, khac.")
    var legalForm: String?
    @Option(help: "Địa chỉ / address.") var address: String?
    @Option(help: "Xã/phường / commune.") var commune: String?
    @Option(help: "Vĩ độ / latitude.") var lat: String?
    @Option(help: "Kinh độ / longitude.") var lon: String?
    @Option(help: "Ngày hoặc năm thành lập / founding date or year.") var founded: String?
    @Option(help: "Số thành viên / members.") var members: String?
    @Option(name: .customLong("set"), help: ArgumentHelp("Trường khác / other field.", valueName: "FIELD=VALUE"))
    var assignments: [FieldAssignment] = []

    func run() throws {
        let named: [(String, String?)] = [
            ("taxCode", taxCode), ("district", district), ("legalForm", legalForm), ("address", address),
            ("commune", commune), ("lat", lat), ("lon", lon), ("founded", founded), ("members", members),
            ("sectors", sector.isEmpty ? nil : sector.joined(separator: ";")),
        ]
        let fields =
            named.compactMap { field, value in value.map { FieldValue(field, $0) } }
            + assignments.map { FieldValue($0.field, $0.value) }
        let result = try catalog.kit().addCooperative(
            name: name, fields: fields, origin: originOptions.origin("coop add"))
        let console = catalog.console
        console.warn(result.warnings)
        let number = result.cooperative.id.map(String.init) ?? "?"
        console.note(
            Message("Đã thêm #\(number) \(result.cooperative.name)", "Added #\(number) \(result.cooperative.name)"))
        try console.out(number)
    }
}
