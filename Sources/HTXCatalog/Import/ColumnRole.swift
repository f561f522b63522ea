import HTXCore

/// What one column of an import file holds, recognised from its header.
public enum ColumnRole: Sendable, Equatable {
    /// A field of the record, by its `coop show` key; `scale` converts the header's money unit to million VND.
    case field(String, scale: MoneyScale)
    /// One year's figure, wide-column style ("Doanh thu 2021 (triệu đồng)").
    case yearly(Metric, year: Int, scale: MoneyScale)
    /// A part of the first contact person.
    case contact(ContactPart)
    /// A grade label or score for a year ("Xếp loại 2021", "Điểm 2021").
    case grade(year: Int)
    case gradeScore(year: Int)
    /// OCOP stars of the first product.
    case ocopStars
    /// A column that is known and deliberately not imported (row numbers).
    case ignored
    /// The record's key in the file (`htx export`'s "ID"): rows with different keys are different cooperatives.
    case recordKey
    /// A money column whose header names a unit htx cannot read ("(USD)", "(triệu đồng/tháng)"): the file is
    /// refused rather than read in a guessed unit. `field` is the role it would have had, as `mapTarget` names it.
    case unreadableUnit(field: String)

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
        case .ignored, .recordKey, .unreadableUnit: return ""
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
        case .recordKey: return "id"
        case .unreadableUnit(let field): return field
        }
    }
}
