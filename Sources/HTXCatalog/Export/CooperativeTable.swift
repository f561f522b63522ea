import HTXCore

/// The flat, one-row-per-cooperative form of the catalog that CSV and XLSX exports share: Vietnamese
/// headers that `htx import` reads back, yearly figures as wide columns, nested lists as JSON cells.
public struct CooperativeTable: Sendable {
    /// The kind of a cell, so XLSX can store numbers as numbers and codes as text.
    public enum Kind: Sendable { case text, number }

    public var headers: [String] = []
    public var kinds: [Kind] = []
    public var rows: [[String]] = []

    /// Builds the table; `publicOnly` leaves out contacts (personal names, phones, e-mails).
    public init(_ coops: [Cooperative], publicOnly: Bool) {
        let years = Set(coops.flatMap { $0.figures.map(\.year) }).sorted()
        var columns: [(String, Kind, (Cooperative) -> String)] = [
            ("ID", .number, { $0.id.map(String.init) ?? "" }),
            ("Tên HTX", .text, { $0.name }),
            ("Tên khác", .text, { CooperativeTable.list($0.otherNames) }),
            ("Mã số thuế", .text, { $0.taxCode ?? "" }),
            ("Loại hình", .text, { $0.legalForm.label }),
            ("Lĩnh vực", .text, { $0.sectors.map(\.label).joined(separator: "; ") }),
            ("Địa chỉ", .text, { $0.address ?? "" }),
            ("Xã/phường", .text, { $0.commune ?? "" }),
            ("Quận/huyện", .text, { $0.district ?? "" }),
            ("Xã/phường mới", .text, { $0.unit2025?.fullName ?? "" }),
            ("Vĩ độ", .number, { $0.location.map { CooperativeTable.number($0.lat) } ?? "" }),
            ("Kinh độ", .number, { $0.location.map { CooperativeTable.number($0.lon) } ?? "" }),
            ("Ngày thành lập", .text, { $0.founded ?? "" }),
            ("Số thành viên", .number, { $0.members.map(String.init) ?? "" }),
            ("Số lao động", .number, { $0.employees.map(String.init) ?? "" }),
            ("Vốn điều lệ (triệu đồng)", .number, { $0.charterCapital.map(CooperativeTable.number) ?? "" }),
        ]
        for year in years {
            func figure(_ coop: Cooperative) -> YearlyFigures? { coop.figures.first { $0.year == year } }
            columns += [
                ("Doanh thu \(year) (triệu đồng)", .number, { figure($0)?.revenue.map(CooperativeTable.number) ?? "" }),
                ("Lợi nhuận \(year) (triệu đồng)", .number, { figure($0)?.profit.map(CooperativeTable.number) ?? "" }),
                (
                    "Thu nhập bình quân thành viên \(year) (triệu đồng/người/năm)", .number,
                    { figure($0)?.memberIncome.map(CooperativeTable.number) ?? "" }
                ),
                ("Số thành viên \(year)", .number, { figure($0)?.members.map(String.init) ?? "" }),
            ]
        }
        columns += [
            ("Xếp loại (JSON)", .text, { CooperativeTable.json($0.grades) }),
            ("Chứng nhận (JSON)", .text, { CooperativeTable.json($0.certifications) }),
            ("Khen thưởng (JSON)", .text, { CooperativeTable.json($0.awards) }),
        ]
        if !publicOnly { columns.append(("Liên hệ (JSON)", .text, { CooperativeTable.json($0.contacts) })) }
        columns += [
            ("Sản phẩm", .text, { CooperativeTable.list($0.products) }),
            ("Liên kết chuỗi giá trị", .text, { CooperativeTable.list($0.valueChains) }),
            ("Chuyển đổi số", .text, { CooperativeTable.list($0.digital) }),
            (
                "Giờ tiếp đón", .text,
                {
                    $0.receptionHours.map { TimeWindow.format($0.start) + "-" + TimeWindow.format($0.end) }.joined(
                        separator: "; ")
                }
            ),
            ("Thí điểm HTX kiểu mới", .text, { $0.pilot ? "có" : "" }),
            ("Thành tích", .text, { $0.achievements ?? "" }),
            ("Ghi chú", .text, { $0.note ?? "" }),
            ("Dữ liệu minh hoạ", .text, { $0.illustrative ? "có" : "" }),
        ]
        headers = columns.map(\.0)
        kinds = columns.map(\.1)
        rows = coops.map { coop in columns.map { $0.2(coop) } }
    }

    /// A number as import reads it back exactly: no thousands separator, a point before decimals, and never exactly
    /// three decimals (which Vietnamese style would read as thousands: "1.234" is 1234), so 1.234 is written "1.2340".
    public static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        var text = "\(value)"
        if let dot = text.firstIndex(of: "."), text.distance(from: dot, to: text.endIndex) == 4 { text += "0" }
        return text
    }

    /// A list as "a; b; c", or a JSON array when an item itself holds a semicolon.
    static func list(_ items: [String]) -> String {
        if items.contains(where: { $0.contains(";") || $0.hasPrefix("[") }) {
            return (try? JSONText.encode(items, pretty: false)) ?? ""
        }
        return items.joined(separator: "; ")
    }

    static func json<T: Encodable>(_ items: [T]) -> String {
        items.isEmpty ? "" : (try? JSONText.encode(items, pretty: false)) ?? ""
    }

    /// The table as CSV for Excel: UTF-8 with a BOM, CRLF line ends, formula-looking cells neutralised.
    public var csv: String {
        var out = "\u{FEFF}" + CSVFormat.row(headers) + "\r\n"
        for row in rows { out += CSVFormat.row(row) + "\r\n" }
        return out
    }
}
