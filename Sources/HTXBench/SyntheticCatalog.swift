import HTXCore

/// A deterministic generator of plausible Vietnamese cooperative records, for benchmarks at city and national scale.
struct SyntheticCatalog {

    static let kinds = [
        "Nông nghiệp", "Dịch vụ nông nghiệp", "Rau an toàn", "Gốm sứ", "Mây tre đan", "Chăn nuôi", "Thủy sản",
        "Dịch vụ tổng hợp", "Vận tải", "Môi trường", "Nước sạch", "Du lịch sinh thái", "Thương mại", "Xây dựng",
        "Hoa cây cảnh", "Chè", "Bưởi Diễn", "Sữa bò", "Điêu khắc gỗ", "Lụa tơ tằm", "Miến dong", "Tiêu dùng",
    ]
    static let syllables = [
        "Đông", "Tây", "Nam", "Bắc", "Hòa", "Bình", "Phú", "Thịnh", "Xuân", "Văn", "Đức", "Hưng", "Thượng",
        "Hạ", "Trung", "Tân", "Lập", "Quang", "Minh", "Hồng", "Thủy", "Sơn", "Lâm", "Khê", "Cao", "Thái",
        "Liễu", "Mỹ", "Phượng", "Tiến", "Thắng", "Yên", "Vĩnh", "Ngọc", "Châu", "Đình", "Kim", "Long", "Ứng", "Dương",
    ]
    static let products = [
        "rau an toàn", "gạo nếp cái hoa vàng", "gốm men rạn", "mây tre đan xuất khẩu", "chè búp", "bưởi Diễn",
        "cam Canh", "sữa bò tươi", "nấm sạch", "hoa hồng", "mật ong", "lụa tơ tằm", "miến dong", "bánh chưng",
        "sơn mài", "nón lá", "đồ gỗ mỹ nghệ", "cá giống", "gà đồi", "nước sạch nông thôn",
    ]

    let districts: [District]

    /// The record number `index` (0-based) of a catalog made from `seed`.
    func record(_ index: Int, seed: UInt64 = 2021) -> Cooperative {
        var g = SeededGenerator(seed: seed &+ UInt64(index) &* 0x9E37_79B9_7F4A_7C15)
        let district = g.pick(districts)
        let place = g.pick(SyntheticCatalog.syllables) + " " + g.pick(SyntheticCatalog.syllables)
        let kind = g.pick(SyntheticCatalog.kinds)
        var coop = Cooperative(name: "HTX \(kind) \(place) \(index)")
        let commune = "xã " + g.pick(SyntheticCatalog.syllables) + " " + g.pick(SyntheticCatalog.syllables)
        coop.commune = commune
        coop.district = district.name
        coop.address = "Thôn \(g.pick(SyntheticCatalog.syllables)), \(commune), \(district.fullName), Hà Nội"
        coop.location = GeoPoint(
            lat: district.centre.lat + Double(g.int(-200...200)) / 10_000,
            lon: district.centre.lon + Double(g.int(-200...200)) / 10_000)
        coop.sectors = [
            g.pick([
                .agriculture, .agriculture, .industryCrafts, .tradeServices, .transport, .environment, .tourism,
                .credit,
            ])
        ]
        coop.members = g.int(7...2000)
        let product = g.pick(SyntheticCatalog.products)
        coop.products = [product]
        coop.figures = (2018...2020).map {
            YearlyFigures(
                year: $0, revenue: Double(g.int(500...50_000)), profit: Double(g.int(-200...3000)),
                memberIncome: Double(g.int(30...120)), members: coop.members)
        }
        let score = Double(g.int(40...99))
        coop.grades = [
            Grade(year: 2020, scheme: "TT01/2020", score: score, grade: GradeScheme.tt01of2020.label(for: score))
        ]
        coop.founded = String(g.int(1980...2018))
        if g.int(0...3) == 0 {
            coop.certifications = [Certification(kind: .ocop, product: product, stars: g.int(3...5))]
        }
        if g.int(0...4) == 0 { coop.awards = [Award(title: "Bằng khen", level: g.pick(Award.Level.allCases))] }
        coop.achievements =
            "Sản xuất và tiêu thụ \(product) cho thành viên tại \(commune); liên kết chuỗi giá trị với doanh nghiệp."
        coop.illustrative = true
        return coop
    }

    /// A valid 10-digit tax code for record `index` (prefix 01, check digit computed).
    static func taxCode(_ index: Int) -> String {
        var n = 1_000_000 + index * 7
        while true {
            let digits = ("01" + String(n).suffix(7)).compactMap(\.wholeNumberValue)
            if let check = TaxCode.expectedCheckDigit(digits) {
                return digits.map(String.init).joined() + String(check)
            }
            n += 1
        }
    }

    /// The header of the benchmark CSV: Vietnamese headers as districts send them.
    static let csvHeader =
        "STT,Tên HTX,Mã số thuế,Quận/huyện,Xã/phường,Địa chỉ,Lĩnh vực,Số thành viên,Doanh thu 2020 (triệu đồng),Lợi "
        + "nhuận 2020 (triệu đồng),Sản phẩm,Thành tích"

    /// One CSV line of record `index`.
    func csvLine(_ coop: Cooperative, index: Int) -> String {
        let figure = coop.figures.last
        return CSVFormat.row([
            String(index + 1), coop.name, SyntheticCatalog.taxCode(index), coop.district ?? "", coop.commune ?? "",
            coop.address ?? "",
            coop.sectors.first?.label ?? "", coop.members.map(String.init) ?? "",
            figure?.revenue.map { String(Int($0)) } ?? "",
            figure?.profit.map { String(Int($0)) } ?? "", coop.products.joined(separator: "; "),
            coop.achievements ?? "",
        ])
    }
}
