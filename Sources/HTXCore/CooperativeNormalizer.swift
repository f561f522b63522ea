/// Brings a cooperative record to its stored form and reports what is wrong with it.
///
/// Every string becomes NFC; tax code, phones, e-mails, district and founding date take their
/// normalised forms; errors block a write, warnings go through with the record.
public struct CooperativeNormalizer: Sendable {
    public let districts: DistrictDirectory
    /// The units in force since 1 July 2025, which `unit2025` is checked against and derived from.
    public let units: UnitDirectory
    /// The current year, when known: a cooperative founded later than it is refused. Given by the caller (the
    /// catalog reads its clock), so that this stays free of the clock.
    public let currentYear: Int?

    public init(districts: DistrictDirectory, units: UnitDirectory = .empty, currentYear: Int? = nil) {
        self.districts = districts
        self.units = units
        self.currentYear = currentYear
    }

    /// Checks a given `unit2025` against the table and takes its code, name and type from it; derives one when none
    /// is given and the commune went whole into one unit.
    func normalizeUnit(_ coop: inout Cooperative) -> [Diagnostic] {
        guard let given = coop.unit2025 else {
            coop.unit2025 = units.resolve(commune: coop.commune, district: coop.district).unit
            return []
        }
        if units.isEmpty {
            guard given.code.isEmpty else { return [] }
            return [
                .error(
                    "unit2025", "danh mục chưa có bảng xã/phường từ 1/7/2025; chạy htx init để nạp",
                    "the catalog has no table of the units in force since 1 July 2025; run htx init to load it")
            ]
        }
        let typed = VietnameseText.clean(given.code.isEmpty ? given.name : given.code)
        if let found = units.unit(code: typed) ?? units.findUnit(typed) {
            coop.unit2025 = found
            // A unit the commune never went into: typed now, refused (a slip of one digit in a code moved the
            // record across the city); stored so by an older htx, a warning `htx check` keeps listing.
            let (allowed, _) = units.successors(commune: coop.commune, district: coop.district)
            guard !allowed.isEmpty, !allowed.contains(found), let commune = coop.commune else { return [] }
            let names = allowed.map { "\($0.fullName) (\($0.code))" }.joined(separator: ", ")
            let message = Message(
                "\(found.fullName) (\(found.code)) không phải đơn vị mà \(commune) đã nhập vào; chọn: \(names), hoặc "
                    + "sửa xã/phường",
                "\(found.fullName) (\(found.code)) is not a unit \(commune) went into; choose: \(names), or correct "
                    + "the commune")
            return [Diagnostic(given.code.isEmpty ? .error : .warning, field: "unit2025", message)]
        }
        let formers = units.findFormers(typed, district: coop.district)
        if !formers.isEmpty, let into = units.unitsMeant(by: typed), !into.isEmpty {
            let names = into.map(\.fullName).joined(separator: ", ")
            return [
                .error(
                    "unit2025", "\"\(typed)\" là đơn vị trước 1/7/2025; nay thuộc: \(names)",
                    "\"\(typed)\" is a unit of before 1 July 2025; it is now part of: \(names)")
            ]
        }
        return [
            .error(
                "unit2025", "không có xã/phường \"\(typed)\" trong 126 đơn vị của Hà Nội từ 1/7/2025",
                "no commune or ward \"\(typed)\" among Hanoi's 126 units in force since 1 July 2025")
        ]
    }

    /// Normalises `coop` in place and returns the findings, errors first.
    ///
    /// `textIsClean` says every string of the record has already been through `VietnameseText.clean` (an import's
    /// cells have), so only the rest is done: it is the same result, without reading each string again.
    public func normalize(_ coop: inout Cooperative, textIsClean: Bool = false) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        func clean(_ s: String?) -> String? {
            guard let s else { return nil }
            let c = textIsClean ? s : VietnameseText.clean(s)
            return c.isEmpty ? nil : c
        }
        if !textIsClean { coop.name = VietnameseText.clean(coop.name) }
        if coop.name.isEmpty {
            findings.append(.error("name", "thiếu tên HTX", "the name is missing"))
        } else if !VietnameseText.hasVisibleCharacter(coop.name) {
            // Hangul fillers, a blank Braille pattern, soft hyphens: a name that shows as nothing.
            findings.append(
                .error(
                    "name", "tên chỉ có ký tự không nhìn thấy được; ghi tên bằng chữ",
                    "the name holds only characters that show as nothing; write it in letters"))
        }
        coop.otherNames = coop.otherNames.compactMap(clean)
        coop.address = clean(coop.address)
        coop.commune = clean(coop.commune)
        coop.achievements = clean(coop.achievements)
        coop.note = clean(coop.note)
        coop.products = coop.products.compactMap(clean)
        coop.valueChains = coop.valueChains.compactMap(clean)
        coop.digital = coop.digital.compactMap(clean)
        var seenSectors = Set<Sector>()
        coop.sectors = coop.sectors.filter { seenSectors.insert($0).inserted }

        if let text = clean(coop.taxCode) {
            do {
                let (code, warning) = try TaxCode.parse(text)
                coop.taxCode = code.value
                if let warning { findings.append(Diagnostic(.warning, field: "taxCode", warning)) }
            } catch {
                findings.append(Diagnostic(.error, field: "taxCode", error.message))
            }
        } else {
            coop.taxCode = nil
        }

        if let text = clean(coop.district) {
            if let district = districts.find(text) {
                coop.district = district.name
            } else {
                findings.append(
                    .error(
                        "district", "không có quận/huyện \"\(text)\" trong danh mục 30 đơn vị năm 2021",
                        "no district \"\(text)\" among Hanoi's 30 district-level units of 2021"))
            }
        } else {
            coop.district = nil
        }
        findings += normalizeUnit(&coop)
        // A commune of another district: the district or the commune is wrong, and only a person can say which.
        if let commune = coop.commune, let district = coop.district {
            let (_, elsewhere) = units.successors(commune: commune, district: district)
            if !elsewhere.isEmpty {
                let places = elsewhere.joined(separator: ", ")
                findings.append(
                    .warning(
                        "commune", "năm 2021 \(district) không có \(commune); có ở: \(places)",
                        "in 2021 \(district) had no \(commune); one was in: \(places)"))
            }
        }

        if let point = coop.location {
            if !(point.lat.isFinite && point.lon.isFinite && (-90...90).contains(point.lat)
                && (-180...180).contains(point.lon))
            {
                findings.append(
                    .error(
                        "location", "toạ độ phải có cả vĩ độ (lat) và kinh độ (lon) hợp lệ",
                        "the location needs both a valid latitude (lat) and longitude (lon)"))
            } else if !point.isInsideHanoi {
                findings.append(
                    .warning(
                        "location", "toạ độ \(point.lat), \(point.lon) nằm ngoài Hà Nội; có nhầm vĩ độ/kinh độ?",
                        "coordinates \(point.lat), \(point.lon) lie outside Hanoi; are lat and lon swapped?"))
            }
        }

        if let text = clean(coop.founded) {
            if let iso = CooperativeNormalizer.isoDate(text), let year = Int(iso.prefix(4)), let currentYear,
                year > currentYear
            {
                findings.append(
                    .error(
                        "founded", "ngày thành lập \(text) ở tương lai (năm nay là \(currentYear))",
                        "founding date \(text) lies in the future (this year is \(currentYear))"))
            } else if let iso = CooperativeNormalizer.isoDate(text) {
                coop.founded = iso
            } else {
                findings.append(
                    .error(
                        "founded", "ngày thành lập \"\(text)\" không hợp lệ (dd/mm/yyyy hoặc yyyy, năm từ 1900)",
                        "founding date \"\(text)\" is invalid (dd/mm/yyyy or yyyy, from year 1900)"))
            }
        } else {
            coop.founded = nil
        }

        for (key, value) in [("members", coop.members), ("employees", coop.employees)] {
            if let value, let problem = ValueBounds.peopleProblem(value) {
                findings.append(Diagnostic(.error, field: key, problem))
            }
        }
        if let capital = coop.charterCapital, let problem = ValueBounds.moneyProblem(capital) {
            findings.append(
                Diagnostic(
                    .error, field: "charterCapital",
                    Message("vốn điều lệ: " + problem.vi, "charter capital: " + problem.en)))
        }
        findings += CooperativeNormalizer.textProblems(coop)

        for index in coop.contacts.indices {
            coop.contacts[index].role = VietnameseText.clean(coop.contacts[index].role)
            coop.contacts[index].name = clean(coop.contacts[index].name)
            if let phone = clean(coop.contacts[index].phone) {
                do {
                    let (parsed, warning) = try PhoneNumber.parse(phone)
                    coop.contacts[index].phone = parsed.e164
                    if let warning { findings.append(Diagnostic(.warning, field: "contacts", part: "phone", warning)) }
                } catch {
                    findings.append(Diagnostic(.error, field: "contacts", part: "phone", error.message))
                }
            } else {
                coop.contacts[index].phone = nil
            }
            if let email = clean(coop.contacts[index].email) {
                do {
                    coop.contacts[index].email = try EmailAddress.normalize(email)
                } catch {
                    findings.append(Diagnostic(.error, field: "contacts", part: "email", error.message))
                }
            } else {
                coop.contacts[index].email = nil
            }
        }

        // A year with no figure in it says nothing, and no table can write it: it is not kept.
        coop.figures.removeAll { $0.revenue == nil && $0.profit == nil && $0.memberIncome == nil && $0.members == nil }
        coop.figures.sort { $0.year < $1.year }
        for (a, b) in zip(coop.figures, coop.figures.dropFirst()) where a.year == b.year {
            findings.append(.error("figures", "số liệu năm \(a.year) bị lặp", "figures for \(a.year) appear twice"))
        }
        for figure in coop.figures where !(1950...(currentYear ?? 2100)).contains(figure.year) {
            findings.append(
                .error(
                    "figures", "năm \(figure.year) không hợp lệ (số liệu từ 1950 đến năm nay)",
                    "year \(figure.year) is invalid (figures run from 1950 to this year)"))
        }
        for grade in coop.grades where !(1950...(currentYear ?? 2100)).contains(grade.year) {
            findings.append(
                .error(
                    "grades", "năm xếp loại \(grade.year) không hợp lệ (từ 1950 đến năm nay)",
                    "grading year \(grade.year) is invalid (1950 to this year)"))
        }
        for figure in coop.figures {
            let amounts: [(Message, Double?, Bool)] = [
                (Message("doanh thu", "revenue"), figure.revenue, false),
                (Message("lợi nhuận", "profit"), figure.profit, true),
                (Message("thu nhập thành viên", "member income"), figure.memberIncome, false),
            ]
            for (label, value, signed) in amounts {
                if let value, let problem = ValueBounds.moneyProblem(value, signed: signed) {
                    findings.append(
                        Diagnostic(
                            .error, field: "figures",
                            Message(
                                "\(label.vi) năm \(figure.year): \(problem.vi)",
                                "\(label.en) \(figure.year): \(problem.en)")))
                }
            }
            if let members = figure.members, let problem = ValueBounds.peopleProblem(members) {
                findings.append(
                    Diagnostic(
                        .error, field: "figures",
                        Message(
                            "số thành viên năm \(figure.year): \(problem.vi)",
                            "members \(figure.year): \(problem.en)")))
            }
        }

        coop.grades.sort { $0.year < $1.year }
        for index in coop.grades.indices {
            var grade = coop.grades[index]
            if let score = grade.score, let problem = ValueBounds.scoreProblem(score) {
                findings.append(
                    Diagnostic(
                        .error, field: "grades",
                        Message("năm \(grade.year): \(problem.vi)", "\(grade.year): \(problem.en)")))
                continue
            }
            grade.scheme = VietnameseText.clean(grade.scheme)
            grade.grade = VietnameseText.clean(grade.grade)
            if let scheme = GradeScheme.named(grade.scheme) {
                grade.scheme = scheme.code
                if let label = scheme.canonicalLabel(grade.grade) {
                    grade.grade = label
                } else if grade.grade.isEmpty, let score = grade.score {
                    grade.grade = scheme.label(for: score)
                } else {
                    findings.append(
                        .error(
                            "grades",
                            "xếp loại \"\(grade.grade)\" không có trong \(scheme.code) "
                                + "(\(scheme.bands.map(\.label).joined(separator: ", ")))",
                            "grade \"\(grade.grade)\" is not in \(scheme.code) "
                                + "(\(scheme.bands.map(\.label).joined(separator: ", ")))"
                        ))
                }
                if let score = grade.score, scheme.canonicalLabel(grade.grade) != nil,
                    scheme.label(for: score) != grade.grade
                {
                    findings.append(
                        .warning(
                            "grades",
                            "năm \(grade.year): điểm \(score) ứng với \"\(scheme.label(for: score))\", không phải "
                                + "\"\(grade.grade)\"",
                            "\(grade.year): a score of \(score) means \"\(scheme.label(for: score))\", not "
                                + "\"\(grade.grade)\""
                        ))
                }
            }
            coop.grades[index] = grade
        }

        for index in coop.certifications.indices {
            coop.certifications[index].product = clean(coop.certifications[index].product)
            coop.certifications[index].issuer = clean(coop.certifications[index].issuer)
            coop.certifications[index].note = clean(coop.certifications[index].note)
            let cert = coop.certifications[index]
            if cert.kind == .ocop, !(1...5).contains(cert.stars ?? 0) {
                findings.append(
                    .error("certifications", "OCOP cần số sao từ 1 đến 5", "OCOP needs a star rating from 1 to 5"))
            }
        }
        for index in coop.awards.indices {
            coop.awards[index].title = VietnameseText.clean(coop.awards[index].title)
            coop.awards[index].issuer = clean(coop.awards[index].issuer)
        }
        return findings.sorted { $0.severity == .error && $1.severity == .warning }
    }

    /// Errors for invisible characters that have no place in a record: control characters and the bidirectional
    /// overrides and isolates that make text display in another order than it is stored (a name could show as
    /// another cooperative's). Zero-width spaces are white space to `VietnameseText.clean`, so they never get here.
    static func textProblems(_ coop: Cooperative) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        // Each text checked where it is, in the record's order: no list of them all is built for a record.
        func check(_ key: String, _ text: String) {
            if text.utf8.count > ValueBounds.textBytes {
                findings.append(
                    .error(
                        key,
                        "dài \(text.utf8.count.formattedBytes), quá \(ValueBounds.textBytes / 1024) KB cho một "
                            + "trường; rút gọn nội dung",
                        "\(text.utf8.count.formattedBytes) long, more than the \(ValueBounds.textBytes / 1024) KB a "
                            + "field takes; shorten it"
                    ))
                return
            }
            guard let scalar = VietnameseText.invisibleControl(in: text) else { return }
            let code = "U+" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4)
            findings.append(
                .error(
                    key,
                    "có ký tự điều khiển vô hình \(code) (đảo chiều hiển thị hoặc ký tự điều khiển); xoá ký tự đó rồi "
                        + "nhập lại",
                    "contains the invisible control character \(code) (a direction override or control code); remove "
                        + "it and enter the value again"
                ))
        }
        check("name", coop.name)
        for text in coop.otherNames { check("otherNames", text) }
        if let text = coop.address { check("address", text) }
        if let text = coop.commune { check("commune", text) }
        if let text = coop.achievements { check("achievements", text) }
        if let text = coop.note { check("note", text) }
        for text in coop.products { check("products", text) }
        for text in coop.valueChains { check("valueChains", text) }
        for text in coop.digital { check("digital", text) }
        for contact in coop.contacts {
            check("contacts", contact.role)
            check("contacts", contact.name ?? "")
        }
        for certification in coop.certifications {
            check("certifications", certification.product ?? "")
            check("certifications", certification.issuer ?? "")
            check("certifications", certification.note ?? "")
        }
        for award in coop.awards {
            check("awards", award.title)
            check("awards", award.issuer ?? "")
        }
        for grade in coop.grades {
            check("grades", grade.scheme)
            check("grades", grade.grade)
        }
        return findings + listProblems(coop)
    }

    /// Errors for list fields longer than `ValueBounds.listBytes` as the JSON cell an export writes: one bound for
    /// every way in and out, so that a record stored here always exports into a file that imports back.
    static func listProblems(_ coop: Cooperative) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        func check<T: Encodable>(_ key: String, _ list: [T], texts: Int) {
            // At most twice its texts (escaped quotes) and a little per item: most lists need no encoding to know.
            guard 2 * texts + 128 * list.count > ValueBounds.listBytes,
                let size = (try? JSONText.encode(list, pretty: false))?.utf8.count, size > ValueBounds.listBytes
            else { return }
            let limit = ValueBounds.listBytes.formattedBytes
            findings.append(
                .error(
                    key,
                    "danh sách dài \(size.formattedBytes) (\(list.count) mục), quá \(limit) cho một trường; bớt mục "
                        + "hoặc rút gọn nội dung",
                    "the list is \(size.formattedBytes) long (\(list.count) items), more than the \(limit) a field "
                        + "takes; drop items or shorten them"))
        }
        func bytes(_ texts: String?...) -> Int { texts.reduce(0) { $0 + ($1?.utf8.count ?? 0) } }
        check("otherNames", coop.otherNames, texts: coop.otherNames.reduce(0) { $0 + $1.utf8.count })
        check("products", coop.products, texts: coop.products.reduce(0) { $0 + $1.utf8.count })
        check("valueChains", coop.valueChains, texts: coop.valueChains.reduce(0) { $0 + $1.utf8.count })
        check("digital", coop.digital, texts: coop.digital.reduce(0) { $0 + $1.utf8.count })
        check(
            "contacts", coop.contacts,
            texts: coop.contacts.reduce(0) { $0 + bytes($1.role, $1.name, $1.phone, $1.email) })
        check(
            "certifications", coop.certifications,
            texts: coop.certifications.reduce(0) { $0 + bytes($1.product, $1.issuer, $1.note) })
        check("awards", coop.awards, texts: coop.awards.reduce(0) { $0 + bytes($1.title, $1.issuer) })
        check("grades", coop.grades, texts: coop.grades.reduce(0) { $0 + bytes($1.scheme, $1.grade) })
        check("figures", coop.figures, texts: 0)
        check("receptionHours", coop.receptionHours, texts: 0)
        return findings
    }

    /// Converts "dd/mm/yyyy", "d-m-yyyy", "yyyy-mm-dd" or "yyyy" to ISO 8601 ("yyyy-mm-dd" or "yyyy"); nil when
    /// invalid.
    public static func isoDate(_ text: String) -> String? {
        let parts = text.split(whereSeparator: { $0 == "/" || $0 == "-" || $0 == "." }).map(String.init)
        func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        func valid(_ y: Int, _ m: Int, _ d: Int) -> Bool {
            guard (1900...2100).contains(y), (1...12).contains(m), d >= 1 else { return false }
            let days = [
                31, (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
            ]
            return d <= days[m - 1]
        }
        switch parts.count {
        case 1:
            guard let y = Int(parts[0]), (1900...2100).contains(y), parts[0].count == 4 else { return nil }
            return parts[0]
        case 3:
            let numbers = parts.compactMap { Int($0) }
            guard numbers.count == 3 else { return nil }
            let (y, m, d) =
                parts[0].count == 4 ? (numbers[0], numbers[1], numbers[2]) : (numbers[2], numbers[1], numbers[0])
            guard valid(y, m, d) else { return nil }
            return "\(y)-\(pad(m))-\(pad(d))"
        default:
            return nil
        }
    }
}
