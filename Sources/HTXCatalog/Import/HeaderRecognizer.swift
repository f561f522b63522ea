import HTXCore

/// A column map (`--map`): header → role lines, by folded header, with the money unit a line names itself.
public struct HeaderMap: Sendable, Equatable {
    /// The role of each mapped header, by its folded spelling.
    public var roles: [String: ColumnRole] = [:]
    /// The unit a line gives its money column (`Doanh thu = revenue 2021 (tỷ đồng)`), which replaces the header's.
    public var units: [String: MoneyScale] = [:]

    public init(roles: [String: ColumnRole] = [:], units: [String: MoneyScale] = [:]) {
        self.roles = roles
        self.units = units
    }
}

/// Recognises headers by their folded spelling and synonyms ("Tên HTX", "Tên hợp tác xã", "TEN HTX" …),
/// with years and money units read out of the header.
public struct HeaderRecognizer: Sendable {
    /// Extra header → role pairs from a `--map` file.
    public var map = HeaderMap()

    public init(map: HeaderMap = HeaderMap()) { self.map = map }

    /// The mapped headers' roles, by folded header.
    public var custom: [String: ColumnRole] { map.roles }

    static let fields: [String: String] = {
        var map: [String: String] = [:]
        func add(_ key: String, _ names: [String]) { for name in names { map[name] = key } }
        add(
            "name",
            [
                "ten", "ten htx", "ten hop tac xa", "ten don vi", "ten to chuc", "ten qtdnd", "ten quy tin dung",
                "ten tht", "ten to hop tac", "ten lhhtx", "ten lien hiep htx", "name", "ho ten htx",
            ])
        add(
            "taxCode",
            ["mst", "ma so thue", "ma so doanh nghiep", "ma so htx", "msdn", "ma so thue htx", "tax code", "taxcode"])
        add(
            "district",
            [
                "quan huyen", "quan", "huyen", "quan huyen thi xa", "dia ban", "district", "don vi hanh chinh",
                "quan huyen 2021", "quan huyen nam 2021",
            ])
        add("commune", ["xa phuong", "xa", "phuong", "xa phuong thi tran", "commune", "phuong xa"])
        add(
            "unit2025",
            [
                "xa phuong moi", "phuong xa moi", "xa moi", "phuong moi", "don vi moi", "don vi hanh chinh moi",
                "xa phuong 2025", "xa phuong sau sap xep", "xa phuong sau sap nhap", "dvhc moi", "unit2025",
                "unit 2025", "xa phuong hien nay",
            ])
        add("address", ["dia chi", "dia chi tru so", "tru so", "dia chi tru so chinh", "address"])
        add(
            "sectors",
            [
                "linh vuc", "nganh nghe", "linh vuc hoat dong", "nganh nghe kinh doanh", "sector", "sectors", "nganh",
                "linh vuc chinh",
            ])
        add("legalForm", ["loai hinh", "loai hinh to chuc", "legal form", "legalform", "hinh thuc"])
        add("founded", ["nam thanh lap", "ngay thanh lap", "thanh lap", "founded", "nam tl"])
        add(
            "members",
            [
                "so thanh vien", "thanh vien", "so tv", "members", "tong so thanh vien", "so xa vien", "xa vien",
                "tong so xa vien",
            ])
        add(
            "employees",
            [
                "so lao dong", "lao dong", "employees", "so lao dong thuong xuyen", "tong so lao dong",
                "so nguoi lao dong",
            ])
        add("charterCapital", ["von dieu le", "von dl", "charter capital", "chartercapital"])
        add("lat", ["vi do", "lat", "latitude"])
        add("lon", ["kinh do", "lon", "lng", "longitude"])
        add("location", ["toa do", "vi tri", "location", "toa do gps"])
        add("products", ["san pham", "san pham chu luc", "san pham dich vu", "san pham chinh", "products"])
        add(
            "achievements",
            ["thanh tich", "thanh tich noi bat", "achievements", "ket qua noi bat", "mo hinh dien hinh"])
        add("note", ["ghi chu", "note", "ghi chu khac"])
        add("otherNames", ["ten khac", "ten goi khac", "ten cu", "other names", "othernames"])
        add(
            "valueChains",
            [
                "lien ket chuoi", "chuoi gia tri", "hop dong lien ket", "lien ket chuoi gia tri", "value chains",
                "valuechains",
            ])
        add("digital", ["chuyen doi so", "ung dung cong nghe so", "digital"])
        add(
            "receptionHours",
            ["gio tiep", "gio tiep don", "gio lam viec", "gio tiep khach", "reception hours", "receptionhours"])
        add("pilot", ["thi diem", "htx kieu moi", "thi diem htx kieu moi", "pilot"])
        add("illustrative", ["du lieu minh hoa", "minh hoa", "illustrative"])
        add("figures", ["so lieu json", "figures"])
        add("grades", ["xep loai json", "grades"])
        add("certifications", ["chung nhan json", "chung nhan", "certifications"])
        add("awards", ["khen thuong json", "khen thuong", "awards"])
        add("contacts", ["lien he json", "contacts"])
        return map
    }()

    static let contactParts: [String: ColumnRole.ContactPart] = [
        "nguoi lien he": .name, "nguoi dai dien": .name, "ho ten": .name, "ho va ten": .name, "giam doc": .name,
        "ho ten giam doc": .name, "ho ten nguoi lien he": .name, "ten nguoi lien he": .name,
        "nguoi dai dien theo phap luat": .name, "ho ten nguoi dai dien": .name, "chu tich hdqt": .name,
        "contact name": .name, "chuc vu": .role, "chuc danh": .role, "chuc vu nguoi lien he": .role,
        "dien thoai": .phone, "so dien thoai": .phone, "sdt": .phone, "dt": .phone, "phone": .phone,
        "dien thoai lien he": .phone, "so dt": .phone, "email": .email, "e mail": .email, "thu dien tu": .email,
        "dia chi email": .email, "dia chi thu dien tu": .email,
    ]

    static let metrics: [String: ColumnRole.Metric] = [
        "thu nhap binh quan thanh vien": .memberIncome, "thu nhap binh quan cua thanh vien": .memberIncome,
        "thu nhap binh quan tv": .memberIncome, "thu nhap thanh vien": .memberIncome, "thu nhap tv": .memberIncome,
        "thu nhap binh quan": .memberIncome, "thu nhap": .memberIncome, "member income": .memberIncome,
        "thu nhap binh quan cua thanh vien htx": .memberIncome, "thu nhap binh quan xa vien": .memberIncome,
        "loi nhuan sau thue": .profit, "loi nhuan": .profit, "lai": .profit, "profit": .profit,
        "loi nhuan truoc thue": .profit, "doanh thu": .revenue, "tong doanh thu": .revenue, "revenue": .revenue,
        "doanh thu thuan": .revenue, "doanh so": .revenue, "so thanh vien": .members, "thanh vien": .members,
        "members": .members, "so xa vien": .members, "tong so thanh vien": .members,
    ]

    static let ignored: Set<String> = ["stt", "tt", "so thu tu", "ma", "ma noi bo", "no"]
    static let ocop: Set<String> = ["ocop", "sao ocop", "hang ocop", "xep hang ocop", "so sao ocop", "ocop sao"]
    static let gradeKeys: Set<String> = ["xep loai", "phan loai", "xep loai htx", "grade"]
    static let scoreKeys: Set<String> = ["diem", "diem xep loai", "diem danh gia", "score"]

    /// What an amount of each money column may be per: member income per person (or member) and year, revenue and
    /// profit per year, charter capital nothing.
    static func moneyPer(_ metric: ColumnRole.Metric?) -> Set<UnitPhrase.Per> {
        switch metric {
        case .memberIncome: [.person, .member, .year]
        case .revenue, .profit: [.year]
        case .members, nil: []
        }
    }

    /// The role of a header, or nil when it is not recognised.
    ///
    /// The header is split into a label and a unit ("Số lao động" + "(người)", "Doanh thu" + "2020 (triệu VNĐ)"),
    /// the longest label that is known winning, so that "Người liên hệ" is a label and not a unit "người".
    public func role(of header: String) -> ColumnRole? {
        let folded = VietnameseText.fold(header)
        if let role = map.roles[folded] { return mapped(role, header: header, folded: folded) }
        // Signs spelt out first: "Vốn điều lệ (₫)" is not "Vốn điều lệ".
        var words = UnitPhrase.words(of: header)
        if let field = HeaderRecognizer.fields[words.joined(separator: " ")] { return .field(field, scale: .million) }
        // A year in the header (1990–2100) makes a yearly column.
        var year: Int?
        if let index = words.lastIndex(where: HeaderRecognizer.isYear) {
            year = Int(words[index])
            words.remove(at: index)
        }
        guard !words.isEmpty else { return nil }
        for cut in stride(from: words.count, through: 1, by: -1) {
            let key = words[..<cut].joined(separator: " ")
            switch HeaderRecognizer.read(key: key, year: year, unit: UnitPhrase(words: words[cut...])) {
            case .some(let role): return role
            case .none: continue
            }
        }
        return nil
    }

    static func isYear(_ word: String) -> Bool {
        word.count == 4 && Int(word).map { (1990...2100).contains($0) } == true
    }

    /// The role of a label and the unit written after it, or nil when the two are not a known header.
    static func read(key: String, year: Int?, unit: UnitPhrase) -> ColumnRole? {
        if let year {
            if let metric = metrics[key] {
                if metric == .members { return unit.isCountUnit ? .yearly(.members, year: year, scale: .million) : nil }
                switch unit.money(per: moneyPer(metric)) {
                case .none: return .yearly(metric, year: year, scale: .million)
                case .scale(let scale): return .yearly(metric, year: year, scale: scale)
                case .unreadable: return .unreadableUnit(field: "\(metric.rawValue) \(year)")
                case .notUnit: return nil
                }
            }
            guard unit.isEmpty else { return nil }
            if gradeKeys.contains(key) { return .grade(year: year) }
            if scoreKeys.contains(key) { return .gradeScore(year: year) }
            return nil
        }
        if let field = fields[key] {
            switch field {
            case "charterCapital":
                switch unit.money() {
                case .none: return .field(field, scale: .million)
                case .scale(let scale): return .field(field, scale: scale)
                case .unreadable: return .unreadableUnit(field: field)
                case .notUnit: return nil
                }
            case "members", "employees":
                return unit.isCountUnit ? .field(field, scale: .million) : nil
            default:
                return unit.isEmpty ? .field(field, scale: .million) : nil
            }
        }
        guard unit.isEmpty else { return nil }
        if ignored.contains(key) { return .ignored }
        if key == "id" { return .recordKey }
        if let part = contactParts[key] { return .contact(part) }
        if ocop.contains(key) { return .ocopStars }
        return nil
    }

    /// A mapped header's role, with the money unit its map line gives, else the one its header names. A header
    /// whose unit words cannot be read is refused unless the map line names the unit.
    func mapped(_ role: ColumnRole, header: String, folded: String) -> ColumnRole {
        let metric: ColumnRole.Metric?
        switch role {
        case .field("charterCapital", _): metric = nil
        case .yearly(let kind, _, _) where kind != .members: metric = kind
        default: return role
        }
        let scale: MoneyScale
        if let given = map.units[folded] {
            scale = given
        } else {
            var words = UnitPhrase.words(of: header)
            words.removeAll(where: HeaderRecognizer.isYear)
            // The unit is the longest run of unit words at the end of the header; a unit word left in front of it
            // ("DT (USD) năm") makes the header's unit unreadable.
            var start = words.count
            while start > 0, UnitPhrase(words: words[(start - 1)...]).unknown.isEmpty { start -= 1 }
            let label = UnitPhrase(words: words[..<start])
            switch UnitPhrase(words: words[start...]).money(per: HeaderRecognizer.moneyPer(metric)) {
            case .scale(let found) where label.currency == nil && label.multiplier == 0:
                scale = found
            case .none where label.currency == nil && label.multiplier == 0:
                scale = .million
            default:
                return .unreadableUnit(field: role.mapTarget)
            }
        }
        switch role {
        case .field(let key, _): return .field(key, scale: scale)
        case .yearly(let kind, let year, _): return .yearly(kind, year: year, scale: scale)
        default: return role
        }
    }

    /// Reads a `--map` file: one `Header = role` per line, `#` comments; roles are `coop show` keys, `revenue
    /// 2021`-style yearly figures, `contact.phone`-style contact parts, `grade 2021`, `score 2021`, `ocop` or `ignore`.
    /// A money role may end with its unit in brackets (`revenue 2021 (tỷ đồng)`), which then replaces the header's.
    public static func parseMap(_ text: String, file: String) throws(UserError) -> HeaderMap {
        var map = HeaderMap()
        for (index, raw) in text.split(whereSeparator: \.isNewline).enumerated() {
            let line =
                raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            guard !line.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
            let parts = line.split(separator: "=", maxSplits: 1).map { VietnameseText.clean(String($0)) }
            let bad = UserError(
                "\(file), dòng \(index + 1): cần dạng `Tên cột = trường`",
                "\(file), line \(index + 1): expected `Column header = field`")
            guard parts.count == 2, !parts[0].isEmpty else { throw bad }
            var targetText = parts[1]
            var unit: MoneyScale?
            if targetText.hasSuffix(")"), let open = targetText.lastIndex(of: "(") {
                let written = String(
                    targetText[targetText.index(after: open)..<targetText.index(before: targetText.endIndex)])
                guard case .scale(let scale) = UnitPhrase(written).money(per: [.person, .member, .year]) else {
                    throw UserError(
                        "\(file), dòng \(index + 1): không đọc được đơn vị \"\(written)\"; ghi (đồng), (nghìn đồng), "
                            + "(triệu đồng) hoặc (tỷ đồng)",
                        "\(file), line \(index + 1): cannot read the unit \"\(written)\"; write (đồng), (nghìn đồng), "
                            + "(triệu đồng) or (tỷ đồng)")
                }
                unit = scale
                targetText = VietnameseText.clean(String(targetText[..<open]))
            }
            let target = targetText.split(separator: " ").map(String.init)
            let role: ColumnRole
            if target == ["ignore"] {
                role = .ignored
            } else if target.count == 1, CooperativeField.editableKeys.contains(target[0]) {
                role = .field(target[0], scale: .million)
            } else if target.count == 1, target[0].hasPrefix("contact."),
                let part = ColumnRole.ContactPart(rawValue: String(target[0].dropFirst(8)))
            {
                role = .contact(part)
            } else if target == ["ocop"] {
                role = .ocopStars
            } else if target == ["id"] {
                role = .recordKey
            } else if target.count == 2, let year = Int(target[1]) {
                if let metric = ColumnRole.Metric(rawValue: target[0]) {
                    role = .yearly(metric, year: year, scale: .million)
                } else if target[0] == "grade" {
                    role = .grade(year: year)
                } else if target[0] == "score" {
                    role = .gradeScore(year: year)
                } else {
                    throw bad
                }
            } else {
                throw UserError(
                    "\(file), dòng \(index + 1): không có trường \"\(parts[1])\"",
                    "\(file), line \(index + 1): no field \"\(parts[1])\"")
            }
            let header = VietnameseText.fold(parts[0])
            if let unit {
                let isMoney: Bool
                switch role {
                case .field("charterCapital", _): isMoney = true
                case .yearly(let metric, _, _): isMoney = metric != .members
                default: isMoney = false
                }
                guard isMoney else {
                    throw UserError(
                        "\(file), dòng \(index + 1): \"\(targetText)\" không phải số tiền, không ghi đơn vị tiền",
                        "\(file), line \(index + 1): \"\(targetText)\" is not an amount of money; give it no unit")
                }
                map.units[header] = unit
            }
            map.roles[header] = role
        }
        return map
    }
}
