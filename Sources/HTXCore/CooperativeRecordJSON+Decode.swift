extension CooperativeRecordJSON {
    /// Reads a stored record by hand, as `Cooperative`'s `Decodable` reads it (missing keys take their defaults,
    /// unknown keys are passed over, labels or codes for the legal form and sectors), without the decoder's
    /// machinery, which was most of the time of reading a whole catalog. Nil for anything it is not sure of (a
    /// number written as "12.0" where a count goes, an unknown sector, damaged text): the caller then asks
    /// `JSONDecoder`, which gives the answer or the error. `RecordJSONTests` checks the two agree.
    public static func decode(_ text: String) -> Cooperative? {
        var text = text
        return text.withUTF8 { bytes in
            var cursor = JSONCursor(bytes)
            guard let coop = cursor.cooperative() else { return nil }
            cursor.skipSpace()
            return cursor.atEnd ? coop : nil
        }
    }
}

/// A reader over the bytes of one JSON text; every method returns nil (or false) as soon as the text is not what
/// it expects, leaving the caller to give up.
struct JSONCursor {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    var atEnd: Bool { index >= bytes.count }

    mutating func skipSpace() {
        while index < bytes.count,
            bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D
                || bytes[index] == 0x09
        {
            index += 1
        }
    }

    /// Consumes `byte` (after white space) if it is next.
    mutating func take(_ byte: UInt8) -> Bool {
        skipSpace()
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    /// Consumes a literal word (`null`, `true`, `false`) if it is next.
    mutating func word(_ text: StaticString) -> Bool {
        skipSpace()
        let count = text.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        let matches = text.withUTF8Buffer { word in (0..<count).allSatisfy { bytes[index + $0] == word[$0] } }
        if matches { index += count }
        return matches
    }

    /// A string, its escapes read; nil when the next value is not one.
    mutating func string() -> String? {
        guard take(0x22) else { return nil }
        let start = index
        // Fast path: no escape before the closing quote.
        while index < bytes.count, bytes[index] != 0x22, bytes[index] != 0x5C, bytes[index] >= 0x20 { index += 1 }
        guard index < bytes.count else { return nil }
        if bytes[index] == 0x22 {
            let text = String(validating: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
            index += 1
            return text
        }
        var out = Array(bytes[start..<index])
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case 0x22: return String(validating: out, as: UTF8.self)
            case 0x5C:
                guard index < bytes.count else { return nil }
                let escape = bytes[index]
                index += 1
                switch escape {
                case 0x22, 0x5C, 0x2F: out.append(escape)
                case 0x62: out.append(0x08)
                case 0x66: out.append(0x0C)
                case 0x6E: out.append(0x0A)
                case 0x72: out.append(0x0D)
                case 0x74: out.append(0x09)
                case 0x75:
                    guard var scalar = hex4() else { return nil }
                    if (0xD800...0xDBFF).contains(scalar) {
                        guard take(0x5C), index < bytes.count, bytes[index] == 0x75 else { return nil }
                        index += 1
                        guard let low = hex4(), (0xDC00...0xDFFF).contains(low) else { return nil }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let unicode = Unicode.Scalar(scalar) else { return nil }
                    out.append(contentsOf: String(Character(unicode)).utf8)
                default: return nil
                }
            default:
                guard byte >= 0x20 else { return nil }
                out.append(byte)
            }
        }
        return nil
    }

    mutating func hex4() -> UInt32? {
        guard index + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            index += 1
            let digit: UInt8
            switch byte {
            case 0x30...0x39: digit = byte - 0x30
            case 0x41...0x46: digit = byte - 0x41 + 10
            case 0x61...0x66: digit = byte - 0x61 + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    /// The text of the number that is next, by JSON's grammar (`-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?`),
    /// and whether it is a plain integer (no point, no exponent).
    mutating func numberText() -> (text: Substring, integer: Bool)? {
        skipSpace()
        let start = index
        func digits() -> Int {
            let from = index
            while index < bytes.count, bytes[index] >= 0x30 && bytes[index] <= 0x39 { index += 1 }
            return index - from
        }
        if index < bytes.count, bytes[index] == 0x2D { index += 1 }
        let leadsWithZero = index < bytes.count && bytes[index] == 0x30
        let whole = digits()
        guard whole > 0, !(leadsWithZero && whole > 1) else { return nil }
        var integer = true
        if index < bytes.count, bytes[index] == 0x2E {
            index += 1
            integer = false
            guard digits() > 0 else { return nil }
        }
        if index < bytes.count, bytes[index] == 0x65 || bytes[index] == 0x45 {
            index += 1
            integer = false
            if index < bytes.count, bytes[index] == 0x2B || bytes[index] == 0x2D { index += 1 }
            guard digits() > 0 else { return nil }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        return (Substring(text), integer)
    }

    mutating func double() -> Double? {
        guard let (text, _) = numberText(), let value = Double(text), value.isFinite else { return nil }
        return value
    }

    mutating func int() -> Int? {
        guard let (text, integer) = numberText(), integer else { return nil }
        return Int(text)
    }

    /// Reads `null` as `.some(nil)`, a value by `read`, or nil when neither is there.
    mutating func optional<T>(_ read: (inout JSONCursor) -> T?) -> T?? {
        if word("null") { return .some(nil) }
        guard let value = read(&self) else { return nil }
        return .some(value)
    }

    /// Reads an object, handing each key to `member`, which reads its value (false: give up).
    mutating func object(_ member: (inout JSONCursor, String) -> Bool) -> Bool {
        guard take(0x7B) else { return false }
        if take(0x7D) { return true }
        repeat {
            guard let key = string(), take(0x3A), member(&self, key) else { return false }
        } while take(0x2C)
        return take(0x7D)
    }

    /// Reads an array, each element by `element` (nil: give up).
    mutating func array<T>(_ element: (inout JSONCursor) -> T?) -> [T]? {
        guard take(0x5B) else { return nil }
        var items: [T] = []
        if take(0x5D) { return items }
        repeat {
            guard let item = element(&self) else { return nil }
            items.append(item)
        } while take(0x2C)
        return take(0x5D) ? items : nil
    }

    /// Passes over any value.
    mutating func skipValue() -> Bool {
        skipSpace()
        guard index < bytes.count else { return false }
        switch bytes[index] {
        case 0x22: return string() != nil
        case 0x7B: return object { cursor, _ in cursor.skipValue() }
        case 0x5B: return array { cursor in cursor.skipValue() ? true : nil } != nil
        case 0x74: return word("true")
        case 0x66: return word("false")
        case 0x6E: return word("null")
        default: return numberText() != nil
        }
    }

    // MARK: - A record

    mutating func optionalString() -> String?? { optional { $0.string() } }
    mutating func optionalInt() -> Int?? { optional { $0.int() } }
    mutating func optionalDouble() -> Double?? { optional { $0.double() } }
    mutating func strings() -> [String]? { array { $0.string() } }

    /// A list that may be written as null (the decoder's `decodeIfPresent` takes null as absent).
    mutating func list<T>(_ element: (inout JSONCursor) -> T?) -> [T]? {
        if word("null") { return [] }
        return array(element)
    }

    mutating func cooperative() -> Cooperative? {
        var coop = Cooperative(name: "")
        var named = false
        let read = object { cursor, key in
            switch key {
            case "name":
                guard let name = cursor.string() else { return false }
                coop.name = name
                named = true
            case "id":
                guard let id = cursor.optionalInt() else { return false }
                coop.id = id.map(Int64.init)
            case "taxCode": return cursor.assign(&coop.taxCode)
            case "legalForm":
                guard let label = cursor.optionalString() else { return false }
                if let label {
                    guard let form = LegalForm.parse(label) else { return false }
                    coop.legalForm = form
                }
            case "sectors":
                guard let labels = cursor.list({ $0.string() }) else { return false }
                var sectors: [Sector] = []
                for label in labels {
                    guard let sector = Sector.parse(label) else { return false }
                    sectors.append(sector)
                }
                coop.sectors = sectors
            case "address": return cursor.assign(&coop.address)
            case "commune": return cursor.assign(&coop.commune)
            case "district": return cursor.assign(&coop.district)
            case "unit2025":
                guard let unit = cursor.optional({ $0.unit() }) else { return false }
                coop.unit2025 = unit
            case "location":
                guard let point = cursor.optional({ $0.point() }) else { return false }
                coop.location = point
            case "founded": return cursor.assign(&coop.founded)
            case "members": return cursor.assign(&coop.members)
            case "employees": return cursor.assign(&coop.employees)
            case "charterCapital":
                guard let value = cursor.optionalDouble() else { return false }
                coop.charterCapital = value
            case "figures":
                guard let figures = cursor.list({ $0.figures() }) else { return false }
                coop.figures = figures
            case "grades":
                guard let grades = cursor.list({ $0.grade() }) else { return false }
                coop.grades = grades
            case "certifications":
                guard let certifications = cursor.list({ $0.certification() }) else { return false }
                coop.certifications = certifications
            case "awards":
                guard let awards = cursor.list({ $0.award() }) else { return false }
                coop.awards = awards
            case "contacts":
                guard let contacts = cursor.list({ $0.contact() }) else { return false }
                coop.contacts = contacts
            case "achievements": return cursor.assign(&coop.achievements)
            case "otherNames": return cursor.assignList(&coop.otherNames)
            case "products": return cursor.assignList(&coop.products)
            case "valueChains": return cursor.assignList(&coop.valueChains)
            case "digital": return cursor.assignList(&coop.digital)
            case "receptionHours":
                guard let windows = cursor.list({ $0.window() }) else { return false }
                coop.receptionHours = windows
            case "pilot": return cursor.assign(&coop.pilot)
            case "note": return cursor.assign(&coop.note)
            case "illustrative": return cursor.assign(&coop.illustrative)
            default: return cursor.skipValue()
            }
            return true
        }
        return read && named ? coop : nil
    }

    mutating func assign(_ field: inout String?) -> Bool {
        guard let value = optionalString() else { return false }
        field = value
        return true
    }

    mutating func assign(_ field: inout Int?) -> Bool {
        guard let value = optionalInt() else { return false }
        field = value
        return true
    }

    mutating func assign(_ field: inout Bool) -> Bool {
        if word("null") { return true }
        if word("true") {
            field = true
        } else if word("false") {
            field = false
        } else {
            return false
        }
        return true
    }

    mutating func assignList(_ field: inout [String]) -> Bool {
        guard let items = list({ $0.string() }) else { return false }
        field = items
        return true
    }

    mutating func unit() -> AdminUnit? {
        var code: String?
        var name: String?
        var type: String?
        let read = object { cursor, key in
            switch key {
            case "code":
                guard let value = cursor.string() else { return false }
                code = value
            case "name":
                guard let value = cursor.string() else { return false }
                name = value
            case "type":
                guard let value = cursor.string() else { return false }
                type = value
            default: return cursor.skipValue()
            }
            return true
        }
        guard read, let code, let name, let type else { return nil }
        return AdminUnit(code: code, name: name, type: type)
    }

    mutating func point() -> GeoPoint? {
        var lat: Double?
        var lon: Double?
        let read = object { cursor, key in
            switch key {
            case "lat":
                guard let value = cursor.double() else { return false }
                lat = value
            case "lon":
                guard let value = cursor.double() else { return false }
                lon = value
            default: return cursor.skipValue()
            }
            return true
        }
        guard read, let lat, let lon else { return nil }
        return GeoPoint(lat: lat, lon: lon)
    }

    mutating func figures() -> YearlyFigures? {
        var year: Int?
        var figures = YearlyFigures(year: 0)
        let read = object { cursor, key in
            switch key {
            case "year":
                guard let value = cursor.int() else { return false }
                year = value
            case "revenue":
                guard let value = cursor.optionalDouble() else { return false }
                figures.revenue = value
            case "profit":
                guard let value = cursor.optionalDouble() else { return false }
                figures.profit = value
            case "memberIncome":
                guard let value = cursor.optionalDouble() else { return false }
                figures.memberIncome = value
            case "members": return cursor.assign(&figures.members)
            default: return cursor.skipValue()
            }
            return true
        }
        guard read, let year else { return nil }
        figures.year = year
        return figures
    }

    mutating func grade() -> Grade? {
        var year: Int?
        var scheme: String?
        var score: Double??
        var label: String?
        let read = object { cursor, key in
            switch key {
            case "year":
                guard let value = cursor.int() else { return false }
                year = value
            case "scheme":
                guard let value = cursor.string() else { return false }
                scheme = value
            case "score":
                guard let value = cursor.optionalDouble() else { return false }
                score = value
            case "grade":
                guard let value = cursor.string() else { return false }
                label = value
            default: return cursor.skipValue()
            }
            return true
        }
        guard read, let year, let scheme, let label else { return nil }
        return Grade(year: year, scheme: scheme, score: score ?? nil, grade: label)
    }

    mutating func certification() -> Certification? {
        var kind: Certification.Kind?
        var certification = Certification(kind: .other)
        let read = object { cursor, key in
            switch key {
            case "kind":
                guard let value = cursor.string().flatMap(Certification.Kind.init(rawValue:)) else { return false }
                kind = value
            case "product": return cursor.assign(&certification.product)
            case "stars": return cursor.assign(&certification.stars)
            case "year": return cursor.assign(&certification.year)
            case "issuer": return cursor.assign(&certification.issuer)
            case "note": return cursor.assign(&certification.note)
            default: return cursor.skipValue()
            }
            return true
        }
        guard read, let kind else { return nil }
        certification.kind = kind
        return certification
    }

    mutating func award() -> Award? {
        var title: String?
        var level: Award.Level?
        var issuer: String?
        var year: Int?
        let read = object { cursor, key in
            switch key {
            case "title":
                guard let value = cursor.string() else { return false }
                title = value
            case "level":
                guard let value = cursor.string().flatMap(Award.Level.init(rawValue:)) else { return false }
                level = value
            case "issuer": return cursor.assign(&issuer)
            case "year": return cursor.assign(&year)
            default: return cursor.skipValue()
            }
            return true
        }
        guard read, let title, let level else { return nil }
        return Award(title: title, level: level, issuer: issuer, year: year)
    }

    mutating func contact() -> Contact? {
        var role: String?
        var contact = Contact(role: "")
        let read = object { cursor, key in
            switch key {
            case "role":
                guard let value = cursor.string() else { return false }
                role = value
            case "name": return cursor.assign(&contact.name)
            case "phone": return cursor.assign(&contact.phone)
            case "email": return cursor.assign(&contact.email)
            default: return cursor.skipValue()
            }
            return true
        }
        guard read, let role else { return nil }
        contact.role = role
        return contact
    }

    mutating func window() -> TimeWindow? {
        guard let pair = array({ $0.string() }), pair.count == 2, let start = TimeWindow.minutes(pair[0]),
            let end = TimeWindow.minutes(pair[1]), start < end
        else { return nil }
        return TimeWindow(start: start, end: end)
    }
}
