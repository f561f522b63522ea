/// The data-quality report behind `htx check`: what is missing, doubtful or likely duplicated in a set of records.
public struct QualityCheck: Sendable {
    /// One finding about one cooperative.
    public struct Issue: Sendable, Equatable {
        /// The kinds of finding, stable codes for scripts.
        public enum Kind: String, Sendable, CaseIterable {
            case missingLocation, locationOutsideHanoi, missingContact, missingPhone, missingFigures,
                missingGrade, missingTaxCode, taxCodeCheckDigit, missingDistrict, missingSector, likelyDuplicate,
                unitSplit, unitUnknown, unitMismatch
        }

        public var id: Int64
        public var name: String
        public var kind: Kind
        public var severity: Diagnostic.Severity
        public var field: String
        public var message: Message
    }

    /// The latest year figures are expected for (three years back from it).
    public var referenceYear: Int

    /// The units in force since 1 July 2025 that communes are resolved against (empty: not checked).
    public var units: UnitDirectory

    public init(referenceYear: Int, units: UnitDirectory = .empty) {
        self.referenceYear = referenceYear
        self.units = units
    }

    /// Runs every check over the records; findings come grouped by cooperative in the order given.
    public func run(_ coops: [Cooperative]) -> [Issue] {
        var issues: [Issue] = []
        let duplicates = QualityCheck.likelyDuplicates(coops)
        for coop in coops {
            let id = coop.id ?? 0
            func add(_ kind: Issue.Kind, _ severity: Diagnostic.Severity, _ field: String, _ vi: String, _ en: String) {
                issues.append(
                    Issue(
                        id: id, name: coop.name, kind: kind, severity: severity, field: field, message: Message(vi, en))
                )
            }
            if coop.location == nil {
                add(
                    .missingLocation, .warning, "location", "thiếu toạ độ: không vẽ được bản đồ và lộ trình",
                    "no coordinates: cannot be mapped or routed")
            } else if let p = coop.location, !p.isInsideHanoi {
                add(
                    .locationOutsideHanoi, .warning, "location", "toạ độ \(p.lat), \(p.lon) nằm ngoài Hà Nội",
                    "coordinates \(p.lat), \(p.lon) lie outside Hanoi")
            }
            if coop.district == nil {
                add(.missingDistrict, .warning, "district", "thiếu quận/huyện (2021)", "no 2021 district")
            }
            if let unit = coop.unit2025, !units.isEmpty, let commune = coop.commune {
                // A unit chosen (or stored by an older htx) that the commune never went into.
                let (allowed, elsewhere) = units.successors(commune: commune, district: coop.district)
                if !allowed.isEmpty, !allowed.contains(unit) {
                    let names = allowed.map { "\($0.fullName) (\($0.code))" }.joined(separator: ", ")
                    add(
                        .unitMismatch, .warning, "unit2025",
                        "\(unit.fullName) không phải đơn vị mà \(commune) đã nhập vào (\(names)); sửa xã/phường "
                            + "mới hoặc xã/phường: htx coop edit \(id) --set unit2025=MÃ",
                        "\(unit.fullName) is not a unit \(commune) went into (\(names)); correct the unit or the "
                            + "commune: htx coop edit \(id) --set unit2025=CODE")
                } else if !elsewhere.isEmpty, let district = coop.district {
                    add(
                        .unitMismatch, .warning, "commune",
                        "năm 2021 \(district) không có \(commune) (có ở: \(elsewhere.joined(separator: ", "))); sửa "
                            + "quận/huyện hoặc xã/phường",
                        "in 2021 \(district) had no \(commune) (found in: \(elsewhere.joined(separator: ", "))); "
                            + "correct the district or the commune")
                }
            }
            if coop.unit2025 == nil, !units.isEmpty, let commune = coop.commune {
                let resolution = units.resolve(commune: commune, district: coop.district)
                let names = resolution.candidates.map { "\($0.fullName) (\($0.code))" }.joined(separator: ", ")
                let elsewhere = Set(units.findFormers(commune).map(\.district)).sorted().joined(separator: ", ")
                if resolution.candidates.isEmpty, !elsewhere.isEmpty, let district = coop.district {
                    add(
                        .unitUnknown, .warning, "unit2025",
                        "năm 2021 \(district) không có \"\(commune)\" (có ở: \(elsewhere)); sửa quận/huyện hoặc ghi "
                            + "xã/phường mới: htx coop edit \(id) --set unit2025=TÊN",
                        "in 2021 \(district) had no \"\(commune)\" (found in: \(elsewhere)); correct the district or "
                            + "set the unit in force: htx coop edit \(id) --set unit2025=NAME")
                } else if resolution.candidates.isEmpty {
                    add(
                        .unitUnknown, .warning, "unit2025",
                        "không nhận ra \"\(commune)\" trong danh mục xã/phường năm 2021, 1/1/2025 và 1/7/2025; ghi "
                            + "xã/phường mới: htx coop edit \(id) --set unit2025=TÊN",
                        "\"\(commune)\" is in none of the commune tables of 2021, 1 January and 1 July 2025; set the "
                            + "unit in force: htx coop edit \(id) --set unit2025=NAME")
                } else {
                    add(
                        .unitSplit, .warning, "unit2025",
                        "\(commune) đã chia vào nhiều xã/phường mới: \(names); chọn một: "
                            + "htx coop edit \(id) --set unit2025=MÃ",
                        "\(commune) was split between units in force: \(names); choose one: "
                            + "htx coop edit \(id) --set unit2025=CODE")
                }
            }
            if coop.sectors.isEmpty {
                add(.missingSector, .warning, "sectors", "thiếu lĩnh vực", "no sector")
            }
            if coop.contacts.isEmpty {
                add(.missingContact, .warning, "contacts", "chưa có người liên hệ", "no contact person")
            } else if !coop.contacts.contains(where: { $0.phone != nil }) {
                add(
                    .missingPhone, .warning, "contacts", "người liên hệ chưa có số điện thoại",
                    "no contact has a phone number")
            }
            let years = Set(coop.figures.map(\.year))
            let wanted = (referenceYear - 2)...referenceYear
            let missingYears = wanted.filter { !years.contains($0) }
            if !missingYears.isEmpty {
                let list = missingYears.map(String.init).joined(separator: ", ")
                add(.missingFigures, .warning, "figures", "thiếu số liệu năm \(list)", "no figures for \(list)")
            }
            if coop.grades.isEmpty {
                add(.missingGrade, .warning, "grades", "chưa có kết quả xếp loại", "no grading result")
            }
            if let code = coop.taxCode {
                if let parsed = try? TaxCode.parse(code), let warning = parsed.warning {
                    issues.append(
                        Issue(
                            id: id, name: coop.name, kind: .taxCodeCheckDigit, severity: .warning, field: "taxCode",
                            message: warning))
                }
            } else if coop.legalForm != .cooperativeGroup {
                add(.missingTaxCode, .warning, "taxCode", "thiếu mã số thuế", "no tax code")
            }
            for other in duplicates[id] ?? [] {
                add(
                    .likelyDuplicate, .warning, "name",
                    "có thể trùng với #\(other.id ?? 0) \(other.name)\(other.district.map { " (\($0))" } ?? "")",
                    "may duplicate #\(other.id ?? 0) \(other.name)\(other.district.map { " (\($0))" } ?? "")")
            }
        }
        return issues
    }

    /// Words that open most names and say nothing about which cooperative it is.
    static let genericPrefixes = [
        "hop tac xa", "htx", "lien hiep hop tac xa", "quy tin dung nhan dan", "qtdnd", "to hop tac",
    ]

    /// The folded name without its legal-form prefix: "HTX Nông nghiệp Đông Anh" and "Hợp tác xã nông nghiệp Đông Anh"
    /// share one.
    public static func identityKey(_ name: String) -> String {
        var folded = VietnameseText.fold(name)
        for prefix in genericPrefixes where folded.hasPrefix(prefix + " ") {
            folded = String(folded.dropFirst(prefix.count + 1))
            break
        }
        return folded
    }

    /// The name as `identityKey` reads it, but with its marks: "Tân Lập" and "Tấn Lập" share an identity key and
    /// differ here, so an import never takes one for the other.
    public static func exactIdentityKey(_ name: String) -> String {
        var words = VietnameseText.exactForm(name).split(separator: " ")
        let folded = VietnameseText.fold(name)
        for prefix in genericPrefixes where folded.hasPrefix(prefix + " ") {
            words.removeFirst(min(words.count, prefix.split(separator: " ").count))
            break
        }
        return words.joined(separator: " ")
    }

    /// Pairs of records with the same identity key in the same district (or one without a district), by id.
    public static func likelyDuplicates(_ coops: [Cooperative]) -> [Int64: [Cooperative]] {
        var groups: [String: [Cooperative]] = [:]
        for coop in coops { groups[identityKey(coop.name), default: []].append(coop) }
        var result: [Int64: [Cooperative]] = [:]
        for group in groups.values where group.count > 1 {
            for a in group {
                let others = group.filter { b in
                    b.id != a.id && (a.district == nil || b.district == nil || a.district == b.district)
                }
                if !others.isEmpty { result[a.id ?? 0] = others }
            }
        }
        return result
    }
}
