import HTXCore

/// Turns the rows of an import table into cooperative records, with every problem located by row and column.
public struct RecordBuilder: Sendable {
    public let file: String
    public let headers: [String]
    let roles: [ColumnRole?]
    let normalizer: CooperativeNormalizer
    /// Whether cells that are UTF-8 mis-read as a single-byte code page (Windows-1252/1258) are read back (with a
    /// warning) rather than refused.
    var repairText = false
    /// Whether the file was decoded with a single-byte code page although it is UTF-8 (its header said so).
    var readAsUTF8Hint = false
    /// Headers that were not recognised and are not imported.
    public let unknownColumns: [String]
    /// Whether the rows come from delimited text (CSV, TSV), where a row with too few cells may hide another
    /// delimiter; a workbook's rows simply end at their last value.
    let delimited: Bool
    /// The fields a row gives when every recognised column has a value, as most rows do: built once.
    let allFields: Set<String>

    /// How many leading rows are searched for the header row (title blocks sit above it).
    public static let headerSearchRows = 20

    /// Recognises the columns; throws when there is no name column, the one column every record needs.
    public init(
        headers: [String], recognizer: HeaderRecognizer, normalizer: CooperativeNormalizer, file: String,
        delimited: Bool = true
    ) throws {
        self.file = file
        self.headers = headers
        self.normalizer = normalizer
        self.delimited = delimited
        let roles = headers.map { $0.isEmpty ? ColumnRole.ignored : recognizer.role(of: $0) }
        // Two columns for one field: the import would keep one and drop the other without a word.
        for (index, role) in roles.enumerated() {
            guard let role, role != .ignored, let first = roles.firstIndex(where: { $0 == role }), first < index else {
                continue
            }
            throw ImportError.duplicateColumns(
                file: file, first: first + 1, firstHeader: headers[first], second: index + 1,
                secondHeader: headers[index])
        }
        if let index = roles.firstIndex(where: { if case .unreadableUnit = $0 { true } else { false } }),
            case .unreadableUnit(let field) = roles[index]
        {
            throw ImportError.unreadableUnit(file: file, column: index + 1, header: headers[index], field: field)
        }
        self.roles = roles
        var allFields = Set(roles.compactMap { $0?.fieldKey })
        allFields.remove("")
        self.allFields = allFields
        unknownColumns = zip(headers, roles).compactMap { $1 == nil ? $0 : nil }
        guard roles.contains(where: { $0 == .field("name", scale: .million) }) else {
            throw UserError(
                "\(file): thiếu cột tên HTX (ví dụ \"Tên HTX\"); các cột đọc được: "
                    + "\(headers.filter { !$0.isEmpty }.joined(separator: ", "))",
                "\(file): no cooperative name column (such as \"Tên HTX\"); columns found: "
                    + "\(headers.filter { !$0.isEmpty }.joined(separator: ", "))"
            )
        }
    }

    /// Whether a row looks like the header row: it has a name column and at least one other recognised column.
    /// Whether a row's only value is a name header ("Tên HTX"): the header of a file that lists names alone.
    static func isNameOnlyHeader(_ cells: [String], recognizer: HeaderRecognizer) -> Bool {
        let values = cells.filter { !$0.isEmpty }
        return values.count == 1 && recognizer.role(of: values[0]) == .field("name", scale: .million)
    }

    public static func isHeaderRow(_ cells: [String], recognizer: HeaderRecognizer) -> Bool {
        let roles = cells.compactMap { $0.isEmpty ? nil : recognizer.role(of: $0) }
        return roles.contains(.field("name", scale: .million)) && roles.filter { $0 != .ignored }.count >= 2
    }

    /// Builds the record of one row: nil when the row has errors (all of them are in the problems);
    /// `fields` names the record fields the row gave a value for, so an update touches only those.
    ///
    /// `cellsAreClean` says every cell has been through `VietnameseText.clean` (the CSV reader's have), so the record's
    /// text need not be read again.
    public func build(
        row: Int, cells: [String], cellsAreClean: Bool = false
    ) -> (record: Cooperative?, problems: [ImportProblem], fields: Set<String>, key: String?) {
        var problems: [ImportProblem] = []
        func problem(_ severity: Diagnostic.Severity, _ column: Int?, _ message: Message) {
            problems.append(
                ImportProblem(
                    file: file, row: row, column: column.map { headers[$0] },
                    value: column.flatMap { $0 < cells.count ? cells[$0] : nil },
                    severity: severity, message: message))
        }
        if cells.count > headers.count, cells[headers.count...].contains(where: { !$0.isEmpty }) {
            problem(
                .error, nil,
                Message(
                    "dòng có \(cells.count) ô nhưng tiêu đề có \(headers.count) cột; dấu phân cách lẫn lộn hoặc thiếu "
                        + "dấu ngoặc kép?",
                    "the row has \(cells.count) cells but the header has \(headers.count) columns; mixed delimiters "
                        + "or a missing quote?"
                ))
            return (nil, problems, [], nil)
        }
        if delimited, cells.count < headers.count, headers.count > 1 {
            for separator in [",", ";", "\t"]
            where cells.joined(separator: separator).split(
                separator: Character(separator), omittingEmptySubsequences: false
            ).count == headers.count
                && cells.contains(where: { $0.contains(separator) })
            {
                problem(
                    .error, nil,
                    Message(
                        "dòng dùng dấu phân cách \"\(separator == "\t" ? "tab" : separator)\" khác với dòng tiêu đề; "
                            + "lưu lại tệp với một loại dấu phân cách",
                        "the row uses the delimiter \"\(separator == "\t" ? "tab" : separator)\", unlike the header; "
                            + "save the file with one delimiter"
                    ))
                return (nil, problems, [], nil)
            }
        }
        var coop = Cooperative(name: "")
        // The fields the row gives a value for: all of them, unless a recognised column is empty (or missing).
        let full =
            cells.count >= roles.count && zip(cells, roles).allSatisfy { !$0.isEmpty || $1 == nil || $1 == .ignored }
        var fields = full ? allFields : Set<String>()
        var figures: [Int: YearlyFigures] = [:]
        var contact = Contact(role: "")
        var grades: [Int: Grade] = [:]
        var ocop: Int?
        var key: String?
        for (index, written) in cells.enumerated() where index < roles.count && !written.isEmpty {
            guard let role = roles[index] else { continue }
            var cell = written
            if let repaired = Mojibake.repair(written) {
                if repairText {
                    cell = repaired
                    problem(
                        .warning, index,
                        Message(
                            "đọc lại chữ bị mã hoá nhầm: \"\(repaired)\"", "mis-encoded text read back: \"\(repaired)\""
                        ))
                } else {
                    let how =
                        readAsUTF8Hint
                        ? Message("nhập lại với --encoding utf-8", "import with --encoding utf-8")
                        : Message(
                            "sửa tệp, hoặc thêm --repair-text để htx đọc lại", "fix the file, or add --repair-text")
                    let meant = ImportProblem.excerpt(repaired)
                    problem(
                        .error, index,
                        Message(
                            "chữ UTF-8 bị đọc nhầm theo bảng mã một byte (Windows-1252/1258), đúng ra: \"\(meant)\"; "
                                + how.vi,
                            "UTF-8 text mis-read as a single-byte code page (Windows-1252/1258), meant: \"\(meant)\"; "
                                + how.en))
                    cell = repaired  // read on as meant, so that the row's other findings are about the text itself
                }
            }
            if !full { fields.insert(role.fieldKey) }
            do throws(UserError) {
                switch role {
                case .field(let key, let scale):
                    // Numbers already read here are set directly: written back as text, "105.854" would read as
                    // thousands.
                    switch key {
                    case "taxCode":
                        let code = CellValue.taxCode(cell)
                        if code != cell {
                            problem(
                                .warning, index,
                                Message(
                                    "đọc là \(code) (Excel đã lưu mã số thuế thành số và bỏ số 0 đầu)",
                                    "read as \(code) (Excel stored the tax code as a number and dropped its leading 0)")
                            )
                        }
                        try CooperativeField.set(key, to: code, in: &coop)
                    case "charterCapital":
                        coop.charterCapital = try RecordBuilder.money(cell, scale: scale, signed: false)
                        if let note = RecordBuilder.ambiguity(cell) { problem(.warning, index, note) }
                    case "lat", "lon":
                        guard let degrees = CellValue.degrees(cell) else {
                            throw UserError("không phải toạ độ (độ)", "not a coordinate in degrees")
                        }
                        var point = coop.location ?? GeoPoint(lat: .nan, lon: .nan)
                        if key == "lat" { point.lat = degrees } else { point.lon = degrees }
                        coop.location = point
                    case "location":
                        guard let point = CellValue.point(cell) else {
                            throw UserError(
                                "toạ độ phải dạng \"21.0285, 105.8542\"",
                                "coordinates must look like \"21.0285, 105.8542\"")
                        }
                        coop.location = point
                    default:
                        try CooperativeField.set(key, to: cell, in: &coop, textIsClean: cellsAreClean)
                    }
                case .yearly(let metric, let year, let scale):
                    var entry = figures[year] ?? YearlyFigures(year: year)
                    if metric == .members {
                        guard let count = VietnameseNumber.parse(cell), count >= 0, count == count.rounded() else {
                            throw UserError(
                                "số thành viên phải là số nguyên", "the member count must be a whole number")
                        }
                        if let problem = ValueBounds.peopleProblem(Int(saturating: count)) { throw UserError(problem) }
                        entry.members = Int(count)
                    } else {
                        let money = try RecordBuilder.money(cell, scale: scale, signed: metric == .profit)
                        if let note = RecordBuilder.ambiguity(cell) { problem(.warning, index, note) }
                        switch metric {
                        case .revenue: entry.revenue = money
                        case .profit: entry.profit = money
                        default: entry.memberIncome = money
                        }
                    }
                    figures[year] = entry
                case .contact(let part):
                    switch part {
                    case .role: contact.role = cell
                    case .name: contact.name = cell
                    case .phone: contact.phone = cell
                    case .email: contact.email = cell
                    }
                case .grade(let year):
                    var grade =
                        grades[year] ?? Grade(year: year, scheme: GradeScheme.tt01of2020.code, score: nil, grade: "")
                    grade.grade = cell
                    grades[year] = grade
                case .gradeScore(let year):
                    guard let score = VietnameseNumber.parse(cell), (0...100).contains(score) else {
                        throw UserError("điểm phải từ 0 đến 100", "a score must be 0 to 100")
                    }
                    var grade =
                        grades[year] ?? Grade(year: year, scheme: GradeScheme.tt01of2020.code, score: nil, grade: "")
                    grade.score = score
                    grades[year] = grade
                case .ocopStars:
                    guard let stars = Int(cell.filter(\.isNumber)), (1...5).contains(stars) else {
                        throw UserError("số sao OCOP phải từ 1 đến 5", "OCOP stars must be 1 to 5")
                    }
                    ocop = stars
                case .recordKey: key = cell
                case .ignored, .unreadableUnit: break
                }
            } catch {
                problem(.error, index, error.message)
            }
        }
        if !figures.isEmpty {
            var byYear = Dictionary(uniqueKeysWithValues: coop.figures.map { ($0.year, $0) })
            for (year, entry) in figures { byYear[year] = entry }
            coop.figures = byYear.values.sorted { $0.year < $1.year }
        }
        if contact.name != nil || contact.phone != nil || contact.email != nil || !contact.role.isEmpty {
            if contact.role.isEmpty { contact.role = "Người liên hệ" }
            coop.contacts.insert(contact, at: 0)
        }
        if !grades.isEmpty {
            let other = coop.grades.filter { grades[$0.year] == nil }
            coop.grades =
                other
                + grades.values.map { grade in
                    var g = grade
                    if g.grade.isEmpty, let score = g.score { g.grade = GradeScheme.tt01of2020.label(for: score) }
                    return g
                }
        }
        if let ocop {
            coop.certifications.insert(Certification(kind: .ocop, product: coop.products.first, stars: ocop), at: 0)
        }
        if coop.name.isEmpty {
            problem(
                .error, roles.firstIndex(of: .field("name", scale: .million)),
                Message("thiếu tên HTX", "the name is missing"))
        }
        for finding in normalizer.normalize(&coop, textIsClean: cellsAreClean)
        where !(finding.field == "name" && coop.name.isEmpty) {
            let part = finding.part.flatMap(ColumnRole.ContactPart.init(rawValue:))
            let column =
                part.flatMap { part in roles.firstIndex { $0 == .contact(part) } }
                ?? roles.firstIndex {
                    $0?.fieldKey == finding.field
                        || (finding.field == "location" && ($0?.fieldKey == "lat" || $0?.fieldKey == "lon"))
                }
            problem(finding.severity, column, finding.message)
        }
        fields.remove("")
        return (problems.contains { $0.severity == .error } ? nil : coop, problems, fields, key)
    }

    /// A warning for a number whose one comma could be a decimal comma ("1,500": 1.500 the English way, 1,5 the
    /// Vietnamese way): htx reads it as thousands, and says so.
    static func ambiguity(_ cell: String) -> Message? {
        let bytes = Array(cell.utf8)
        guard bytes.count >= 5, bytes.count <= 7, let comma = bytes.firstIndex(of: 0x2C), bytes.count - comma == 4,
            bytes.enumerated().allSatisfy({ $0.offset == comma || ($0.element >= 0x30 && $0.element <= 0x39) })
        else { return nil }
        let whole = String(decoding: bytes[..<comma], as: UTF8.self)
        let part = String(decoding: bytes[(comma + 1)...], as: UTF8.self)
        return Message(
            "\"\(cell)\" được hiểu là \(whole).\(part) (dấu phẩy ngăn hàng nghìn); nếu là số thập phân, ghi "
                + "\(whole),\(part.trimmingTrailingZeros)",
            "\"\(cell)\" is read as \(whole)\(part) (the comma separates thousands); if it is a decimal, write "
                + "\(whole).\(part.trimmingTrailingZeros)"
        )
    }

    /// An amount of money from a cell, in million VND, refused (with the reason) when it is not one or lies out of
    /// bounds.
    static func money(_ cell: String, scale: MoneyScale, signed: Bool) throws(UserError) -> Double {
        guard let money = CellValue.money(cell, scale: scale) else {
            throw UserError(
                "\"\(cell)\" không phải số tiền (ví dụ 1.234,5 hoặc 1,5 tỷ)",
                "\"\(cell)\" is not an amount of money (say 1.234,5 or 1,5 tỷ)")
        }
        if let problem = ValueBounds.moneyProblem(money, signed: signed) { throw UserError(problem) }
        return money
    }
}

extension String {
    /// The digits without the zeros at their end ("500" → "5"), at least one digit.
    var trimmingTrailingZeros: String {
        var text = self
        while text.count > 1, text.hasSuffix("0") { text.removeLast() }
        return text
    }
}
