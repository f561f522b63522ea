import ArgumentParser
import HTXCatalog
import HTXCore

/// `htx coop add`: adds one cooperative from options; prints its new id.
struct CoopAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Thêm một HTX; in ra mã nội bộ mới.",
        discussion: """
            Các trường khác đặt bằng --set FIELD=VALUE (khoá JSON của `coop show`); danh sách dạng "a; b", \
            số liệu dạng JSON.

            Ví dụ / Examples:
              htx coop add --name "HTX Nông nghiệp Bắc Hồng" --district "Đông Anh" --sector nong-nghiep --tax-code 0100233488
              htx coop add --name "HTX Gốm Bát Tràng" --district "Gia Lâm" --set 'contacts=[{"role":"Giám đốc","phone":"0912 345 678"}]'
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
        var coop = Cooperative(name: name)
        var sets: [FieldAssignment] = []
        let named: [(String, String?)] = [
            ("taxCode", taxCode), ("district", district), ("legalForm", legalForm), ("address", address),
            ("commune", commune), ("lat", lat), ("lon", lon), ("founded", founded), ("members", members),
        ]
        for case let (field, value?) in named { sets.append(FieldAssignment(field, value)) }
        if !sector.isEmpty { sets.append(FieldAssignment("sectors", sector.joined(separator: ";"))) }
        for assignment in sets + assignments {
            try CooperativeField.set(assignment.field, to: assignment.value, in: &coop)
        }
        let (stored, warnings) = try catalog.open().add(coop, origin: originOptions.origin("coop add"))
        let console = catalog.console
        console.warn(warnings)
        console.note(Message("Đã thêm #\(stored.id!) \(stored.name)", "Added #\(stored.id!) \(stored.name)"))
        try console.out(String(stored.id!))
    }
}
