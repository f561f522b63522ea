import Foundation

/// Sets one field of a cooperative from text, by its key in `coop show`'s JSON: the one mechanism behind
/// `coop add`, `coop edit --set FIELD=VALUE` and, later, import columns.
public enum CooperativeField {
    /// The keys that can be set. `location` takes "lat, lon"; `lat` and `lon` set one coordinate.
    public static let editableKeys: [String] = [
        "name", "otherNames", "taxCode", "legalForm", "sectors", "address", "commune", "district", "unit2025",
        "location", "lat", "lon", "founded", "members", "employees", "charterCapital", "figures", "grades",
        "certifications",
        "awards", "contacts", "achievements", "products", "valueChains", "digital", "receptionHours", "pilot", "note",
    ]

    /// Sets `key` to the value written in `text`; empty text clears the field. Values are checked by
    /// `CooperativeNormalizer` afterwards, so this only parses.
    /// `textIsClean` says `text` has been through `VietnameseText.clean` already (an import's cells have).
    public static func set(
        _ key: String, to text: String, in coop: inout Cooperative, textIsClean: Bool = false
    ) throws(UserError) {
        let value = textIsClean ? text : VietnameseText.clean(text)
        let empty = value.isEmpty
        switch key {
        case "name": coop.name = value
        case "taxCode": coop.taxCode = empty ? nil : value
        case "address": coop.address = empty ? nil : value
        case "commune": coop.commune = empty ? nil : value
        case "district": coop.district = empty ? nil : value
        case "unit2025": coop.unit2025 = empty ? nil : AdminUnit(code: "", name: value, type: "")
        case "founded": coop.founded = empty ? nil : value
        case "achievements": coop.achievements = empty ? nil : value
        case "note": coop.note = empty ? nil : value
        case "legalForm":
            guard let form = LegalForm.parse(value) else {
                throw UserError(
                    "loại hình \"\(value)\" không rõ; dùng một trong: "
                        + "\(LegalForm.allCases.map(\.label).joined(separator: ", "))",
                    "unknown legal form \"\(value)\"; use one of: "
                        + "\(LegalForm.allCases.map(\.rawValue).joined(separator: ", "))"
                )
            }
            coop.legalForm = form
        case "sectors":
            coop.sectors = try list(value).map { (item) throws(UserError) -> Sector in
                guard let sector = Sector.parse(item) else {
                    throw UserError(
                        "lĩnh vực \"\(item)\" không rõ; dùng một trong: "
                            + "\(Sector.allCases.map(\.label).joined(separator: "; "))",
                        "unknown sector \"\(item)\"; use one of: "
                            + "\(Sector.allCases.map(\.rawValue).joined(separator: ", "))"
                    )
                }
                return sector
            }
        case "location": coop.location = empty ? nil : try GeoPoint.parse(value)
        case "lat", "lon":
            // Degrees always carry a decimal point or comma, never a thousands separator.
            guard let degrees = Double(value.replacingOccurrences(of: ",", with: ".")) else {
                throw UserError(
                    "\(key) \"\(value)\" không phải số độ", "\(key) \"\(value)\" is not a number of degrees")
            }
            var point = coop.location ?? GeoPoint(lat: .nan, lon: .nan)
            if key == "lat" { point.lat = degrees } else { point.lon = degrees }
            coop.location = point
        case "members": coop.members = empty ? nil : try integer(value, key)
        case "employees": coop.employees = empty ? nil : try integer(value, key)
        case "charterCapital":
            guard empty || VietnameseNumber.parse(value) != nil else {
                throw UserError(
                    "vốn điều lệ \"\(value)\" không phải số (triệu đồng)",
                    "charter capital \"\(value)\" is not a number (million VND)")
            }
            coop.charterCapital = empty ? nil : VietnameseNumber.parse(value)
        case "pilot", "illustrative":
            let flag: Bool
            switch VietnameseText.fold(value) {
            case "true", "co", "1", "x", "yes", "thi diem", "minh hoa": flag = true
            case "false", "khong", "0", "no", "": flag = false
            default: throw UserError("\(key) \"\(value)\": dùng có/không", "\(key) \"\(value)\": use true/false")
            }
            if key == "pilot" { coop.pilot = flag } else { coop.illustrative = flag }
        case "otherNames": coop.otherNames = try stringList(value)
        case "products": coop.products = try stringList(value)
        case "valueChains": coop.valueChains = try stringList(value)
        case "digital": coop.digital = try stringList(value)
        case "receptionHours":
            if value.hasPrefix("[") {
                coop.receptionHours = try json([TimeWindow].self, value, key)
            } else {
                coop.receptionHours = try list(value).map { (item) throws(UserError) in try TimeWindow.parse(item) }
            }
        case "figures": coop.figures = try json([YearlyFigures].self, value, key)
        case "grades": coop.grades = try json([Grade].self, value, key)
        case "certifications": coop.certifications = try json([Certification].self, value, key)
        case "awards": coop.awards = try json([Award].self, value, key)
        case "contacts": coop.contacts = try json([Contact].self, value, key)
        default:
            throw UserError(
                "không có trường \"\(key)\"; các trường: \(editableKeys.joined(separator: ", "))",
                "no field \"\(key)\"; fields: \(editableKeys.joined(separator: ", "))")
        }
    }

    /// Splits "a; b; c" (or a JSON array) into items.
    static func list(_ value: String) -> [String] {
        items(value, separators: [0x3B, 0x2C, 0x0A])
    }

    static func stringList(_ value: String) throws(UserError) -> [String] {
        if value.hasPrefix("[") { return try json([String].self, value, "list") }
        return items(value, separators: [0x3B, 0x0A])
    }

    /// The cleaned, non-empty items of `value` split at the ASCII separator bytes (which never occur inside a
    /// multi-byte UTF-8 sequence, so the split is the same as by characters).
    static func items(_ value: String, separators: [UInt8]) -> [String] {
        var result: [String] = []
        var start = value.utf8.startIndex
        var index = start
        while index < value.utf8.endIndex {
            if separators.contains(value.utf8[index]) {
                let item = VietnameseText.clean(String(value[start..<index]))
                if !item.isEmpty { result.append(item) }
                start = value.utf8.index(after: index)
            }
            index = value.utf8.index(after: index)
        }
        let item = VietnameseText.clean(String(value[start..<index]))
        if !item.isEmpty { result.append(item) }
        return result
    }

    static func integer(_ value: String, _ key: String) throws(UserError) -> Int {
        guard let number = VietnameseNumber.parse(value), number == number.rounded(), abs(number) < 1e12 else {
            throw UserError("\(key) \"\(value)\" phải là số nguyên", "\(key) \"\(value)\" must be a whole number")
        }
        return Int(number)
    }

    static func json<T: Decodable>(_ type: T.Type, _ value: String, _ key: String) throws(UserError) -> T {
        if value.isEmpty, let empty = [Any]() as? T { return empty }
        let unknown = RecordKeys.unknown(inList: try? JSONSerialization.jsonObject(with: Data(value.utf8)), field: key)
        guard unknown.isEmpty else {
            let words = RecordKeys.message(unknown)
            throw UserError("giá trị của \(key): " + words.vi, "the value of \(key): " + words.en)
        }
        do {
            return try JSONDecoder().decode(T.self, from: Data(value.utf8))
        } catch {
            let detail = DecodingProblem.describe(error)
            throw UserError(
                "giá trị của \(key) phải là JSON đúng dạng trường này trong hồ sơ HTX xuất ra JSON: \(detail.vi)",
                "the value of \(key) must be JSON shaped as this field is in a cooperative's JSON record: "
                    + "\(detail.en)"
            )
        }
    }

    /// Copies field `key` of `source` into `target`; figures and grades merge by year, so a file with one
    /// year's columns does not erase the others. Used when an import updates a stored record.
    public static func merge(_ key: String, from source: Cooperative, into target: inout Cooperative) {
        switch key {
        case "name": target.name = source.name
        case "taxCode": target.taxCode = source.taxCode
        case "legalForm": target.legalForm = source.legalForm
        case "sectors": target.sectors = source.sectors
        case "address": target.address = source.address
        case "commune": target.commune = source.commune
        case "district": target.district = source.district
        case "unit2025": target.unit2025 = source.unit2025
        case "location", "lat", "lon": target.location = source.location
        case "founded": target.founded = source.founded
        case "members": target.members = source.members
        case "employees": target.employees = source.employees
        case "charterCapital": target.charterCapital = source.charterCapital
        case "figures":
            var byYear = Dictionary(target.figures.map { ($0.year, $0) }, uniquingKeysWith: { a, _ in a })
            for figure in source.figures { byYear[figure.year] = figure }
            target.figures = byYear.values.sorted { $0.year < $1.year }
        case "grades":
            var byYear = Dictionary(target.grades.map { ($0.year, $0) }, uniquingKeysWith: { a, _ in a })
            for grade in source.grades { byYear[grade.year] = grade }
            target.grades = byYear.values.sorted { $0.year < $1.year }
        case "certifications": target.certifications = source.certifications
        case "awards": target.awards = source.awards
        case "contacts": target.contacts = source.contacts
        case "achievements": target.achievements = source.achievements
        case "otherNames": target.otherNames = source.otherNames
        case "products": target.products = source.products
        case "valueChains": target.valueChains = source.valueChains
        case "digital": target.digital = source.digital
        case "receptionHours": target.receptionHours = source.receptionHours
        case "pilot": target.pilot = source.pilot
        case "illustrative": target.illustrative = source.illustrative
        case "note": target.note = source.note
        default: break
        }
    }
}
