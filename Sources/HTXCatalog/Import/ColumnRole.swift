import HTXCore

/// What one column of an import file holds, recognised from its header.
public enum ColumnRole: Sendable, Equatable {
    /// A field of the record, by its `coop show` key; `scale` converts the header's money unit to million VND.
    case field(String, scale: Double)
    /// One year's figure, wide-column style ("Doanh thu 2021 (triệu đồng)").
    case yearly(Metric, year: Int, scale: Double)
    /// A part of the first contact person.
    case contact(ContactPart)
    /// A grade label or score for a year ("Xếp loại 2021", "Điểm 2021").
    case grade(year: Int)
    case gradeScore(year: Int)
    /// OCOP stars of the first product.
    case ocopStars
    /// A column that is known and deliberately not imported (row numbers, internal ids).
    case ignored

    /// The yearly figures a wide column can carry.
    public enum Metric: String, Sendable { case revenue, profit, memberIncome, members }
    /// The parts of a contact.
    public enum ContactPart: String, Sendable, CaseIterable { case role, name, phone, email }

    /// The key used to point problems at the record field behind the column.
    var fieldKey: String {
        switch self {
        case .field(let key, _): return key
        case .yearly: return "figures"
        case .contact: return "contacts"
        case .grade, .gradeScore: return "grades"
        case .ocopStars: return "certifications"
        case .ignored: return ""
        }
    }

    /// The role as a column map line names it (`HeaderRecognizer.parseMap` reads it back): `revenue 2021`,
    /// `contact.phone`, `ignore` … A money column's unit is not part of it: a mapped column's header gives it.
    public var mapTarget: String {
        switch self {
        case .field(let key, _): return key
        case .yearly(let metric, let year, _): return "\(metric.rawValue) \(year)"
        case .contact(let part): return "contact.\(part.rawValue)"
        case .grade(let year): return "grade \(year)"
        case .gradeScore(let year): return "score \(year)"
        case .ocopStars: return "ocop"
        case .ignored: return "ignore"
        }
    }
}

/// Recognises headers by their folded spelling and synonyms ("Tên HTX", "Tên hợp tác xã", "TEN HTX" …),
/// with years and money units read out of the header.
public struct HeaderRecognizer: Sendable {
    /// Extra header → role pairs from a `--map` file, by folded header.
    public var custom: [String: ColumnRole] = [:]

    public init(custom: [String: ColumnRole] = [:]) { self.custom = custom }

    static let fields: [String: String] = {
        var map: [String: String] = [:]
        func add(_ key: String, _ names: [String]) { for name in names { map[name] = key } }
        add(
            "name",
            [
                "ten", "ten htx", "ten hop tac xa", "ten don vi", "ten to chuc", "ten qtdnd", "ten quy tin dung",
                "ten tht",
                "ten to hop tac", "ten lhhtx", "ten lien hiep htx", "name", "ho ten htx",
            ])
        add(
            "taxCode",
            ["mst", "ma so thue", "ma so doanh nghiep", "ma so htx", "msdn", "ma so thue htx", "tax code", "taxcode"])
        add(
            "district",
            [
                "quan huyen", "quan", "huyen", "quan huyen thi xa", "dia ban", "district", "don vi hanh chinh",
                "quan huyen 2021",
                "quan huyen nam 2021",
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
        add("members", ["so thanh vien", "thanh vien", "so tv", "members", "tong so thanh vien"])
        add("employees", ["so lao dong", "lao dong", "employees", "so lao dong thuong xuyen"])
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
        "ho ten giam doc": .name,
        "chu tich hdqt": .name, "contact name": .name, "chuc vu": .role, "chuc danh": .role, "dien thoai": .phone,
        "so dien thoai": .phone,
        "sdt": .phone, "dt": .phone, "phone": .phone, "dien thoai lien he": .phone, "so dt": .phone, "email": .email,
        "e mail": .email,
        "thu dien tu": .email,
    ]

    static let metrics: [(String, ColumnRole.Metric)] = [
        ("thu nhap binh quan thanh vien", .memberIncome), ("thu nhap binh quan cua thanh vien", .memberIncome),
        ("thu nhap binh quan tv", .memberIncome), ("thu nhap thanh vien", .memberIncome),
        ("thu nhap tv", .memberIncome),
        ("thu nhap binh quan", .memberIncome), ("thu nhap", .memberIncome), ("member income", .memberIncome),
        ("loi nhuan sau thue", .profit), ("loi nhuan", .profit), ("lai", .profit), ("profit", .profit),
        ("doanh thu", .revenue), ("tong doanh thu", .revenue), ("revenue", .revenue),
        ("so thanh vien", .members), ("thanh vien", .members), ("members", .members),
    ]

    static let ignored: Set<String> = ["stt", "tt", "so thu tu", "id", "ma", "ma noi bo", "no"]

    /// The units a header may name, each with its factor to million VND (1 for the units that are not money).
    static let unitWords: [(String, Double)] = [
        (" ty dong ", 1000), (" ty ", 1000), (" trieu dong ", 1), (" trieu ", 1), (" trd ", 1), (" tr d ", 1),
        (" nghin dong ", 0.001), (" ngan dong ", 0.001), (" 1000 dong ", 0.001), (" 1000d ", 0.001),
        (" dong ", 0.000001), (" vnd ", 0.000001), (" d ", 0.000001), (" nguoi ", 1), (" trieu dong nam ", 1),
        (" trieu dong nguoi nam ", 1), (" nguoi nam ", 1), (" nam ", 1), (" sao ", 1),
    ]

    /// A header's words without its units, and the money unit's factor to million VND ("triệu đồng", "tỷ đồng",
    /// "đồng", "nghìn đồng", "trđ"; 1 when it names none).
    static func units(_ words: [String]) -> (scale: Double, key: String) {
        var scale = 1.0
        var stripped = " " + words.joined(separator: " ") + " "
        for (unit, factor) in unitWords where stripped.contains(unit) {
            if unit != " nam " && unit != " nguoi " && unit != " nguoi nam " && unit != " sao " && scale == 1 {
                scale = factor
            }
            stripped = stripped.replacingOccurrences(of: unit, with: " ")
        }
        return (scale, stripped.split(separator: " ").joined(separator: " "))
    }

    /// The money unit's factor of a folded header, its year left out.
    static func moneyScale(_ folded: String) -> Double {
        units(folded.split(separator: " ").map(String.init)).scale
    }

    /// The role of a header, or nil when it is not recognised.
    public func role(of header: String) -> ColumnRole? {
        let folded = VietnameseText.fold(header)
        if let role = custom[folded] {
            // A mapped money column keeps the unit its header names ("Doanh thu (tỷ đồng)" = revenue ×1000).
            let scale = HeaderRecognizer.moneyScale(folded)
            switch role {
            case .field(let key, _): return .field(key, scale: scale)
            case .yearly(let metric, let year, _): return .yearly(metric, year: year, scale: scale)
            default: return role
            }
        }
        if let field = HeaderRecognizer.fields[folded] { return .field(field, scale: 1) }
        var words = folded.split(separator: " ").map(String.init)
        // A year in the header (1990–2100) makes a yearly column.
        var year: Int?
        if let index = words.lastIndex(where: { $0.count == 4 && Int($0).map { (1990...2100).contains($0) } == true }) {
            year = Int(words[index])
            words.remove(at: index)
        }
        let (scale, key) = HeaderRecognizer.units(words)
        if let year {
            if let metric = HeaderRecognizer.metrics.first(where: { $0.0 == key })?.1 {
                return .yearly(metric, year: year, scale: scale)
            }
            if ["xep loai", "phan loai", "xep loai htx", "grade"].contains(key) { return .grade(year: year) }
            if ["diem", "diem xep loai", "diem danh gia", "score"].contains(key) { return .gradeScore(year: year) }
            return nil
        }
        if HeaderRecognizer.ignored.contains(key) { return .ignored }
        if let field = HeaderRecognizer.fields[key] { return .field(field, scale: scale) }
        if let part = HeaderRecognizer.contactParts[key] { return .contact(part) }
        if ["ocop", "sao ocop", "hang ocop", "xep hang ocop"].contains(key) { return .ocopStars }
        return nil
    }

    /// Reads a `--map` file: one `Header = role` per line, `#` comments; roles are `coop show` keys, `revenue
    /// 2021`-style
    /// yearly figures, `contact.phone`-style contact parts, `grade 2021`, `score 2021`, `ocop` or `ignore`.
    public static func parseMap(_ text: String, file: String) throws(UserError) -> [String: ColumnRole] {
        var map: [String: ColumnRole] = [:]
        for (index, raw) in text.split(whereSeparator: \.isNewline).enumerated() {
            let line =
                raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            guard !line.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
            let parts = line.split(separator: "=", maxSplits: 1).map { VietnameseText.clean(String($0)) }
            let bad = UserError(
                "\(file), dòng \(index + 1): cần dạng `Tên cột = trường`",
                "\(file), line \(index + 1): expected `Column header = field`")
            guard parts.count == 2, !parts[0].isEmpty else { throw bad }
            let target = parts[1].split(separator: " ").map(String.init)
            let role: ColumnRole
            if target == ["ignore"] {
                role = .ignored
            } else if target.count == 1, CooperativeField.editableKeys.contains(target[0]) {
                role = .field(target[0], scale: 1)
            } else if target.count == 1, target[0].hasPrefix("contact."),
                let part = ColumnRole.ContactPart(rawValue: String(target[0].dropFirst(8)))
            {
                role = .contact(part)
            } else if target == ["ocop"] {
                role = .ocopStars
            } else if target.count == 2, let year = Int(target[1]) {
                if let metric = ColumnRole.Metric(rawValue: target[0]) {
                    role = .yearly(metric, year: year, scale: 1)
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
            map[VietnameseText.fold(parts[0])] = role
        }
        return map
    }
}
