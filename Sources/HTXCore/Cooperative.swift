/// A cooperative (or credit fund, union, cooperative group, company) in the catalog: identity, place, figures and
/// record.
///
/// Its JSON form is the contract of `htx coop show` (docs/CONTRACT.md §3): the keys below, camelCase, stable.
public struct Cooperative: Codable, Sendable, Equatable {
    /// The catalog's internal id; nil until stored.
    public var id: Int64?
    public var name: String
    /// Other names and former names, searched like the name.
    public var otherNames: [String] = []
    /// Normalised tax code (`0100233488` or `0314409058-002`).
    public var taxCode: String?
    public var legalForm: LegalForm = .cooperative
    public var sectors: [Sector] = []
    /// The address as written.
    public var address: String?
    /// The commune-level unit (after the 1/7/2025 reform where known).
    public var commune: String?
    /// The 2021 district-level unit's name, kept as a historical dimension.
    public var district: String?
    /// The commune-level unit in force since 1 July 2025: read from a file or set by `coop edit`, else derived from
    /// `commune` and `district` when the reference table gives one unit; nil while unknown (a split commune).
    public var unit2025: AdminUnit?
    public var location: GeoPoint?
    /// ISO date `YYYY-MM-DD`, or `YYYY` when only the year is known.
    public var founded: String?
    public var members: Int?
    public var employees: Int?
    /// Charter capital, million VND.
    public var charterCapital: Double?
    public var figures: [YearlyFigures] = []
    public var grades: [Grade] = []
    public var certifications: [Certification] = []
    public var awards: [Award] = []
    public var contacts: [Contact] = []
    /// Products and services, searched.
    public var products: [String] = []
    /// Value-chain contracts (buyer, product, since).
    public var valueChains: [String] = []
    /// Digital transformation notes (e-commerce, traceability, accounting software …).
    public var digital: [String] = []
    /// Reception windows for visits; empty means office hours.
    public var receptionHours: [TimeWindow] = []
    /// A pilot of the "new-type effective cooperative" model (QĐ 167/QĐ-TTg).
    public var pilot: Bool = false
    public var achievements: String?
    public var note: String?
    /// True for the sample catalog's invented records; never for real data.
    public var illustrative: Bool = false

    public init(name: String) { self.name = name }

    /// The latest year's grade, if any.
    public var latestGrade: Grade? { grades.max { $0.year < $1.year } }

    /// Figures sorted by year, oldest first.
    public var figuresByYear: [YearlyFigures] { figures.sorted { $0.year < $1.year } }

    /// The reception windows to plan with: the record's own, else office hours.
    public var effectiveReceptionHours: [TimeWindow] {
        receptionHours.isEmpty ? TimeWindow.officeHours : receptionHours
    }

    /// The text full-text search indexes: the names, then the other parts (address, places, achievements, note,
    /// sectors, products, value chains), each on its own.
    public var searchText: (names: String, other: [String]) {
        let names = ([name] + otherNames).joined(separator: " ")
        var parts: [String] = [address, commune, district, unit2025?.fullName, achievements, note].compactMap { $0 }
        parts += sectors.map(\.label) + products + certifications.compactMap(\.product) + valueChains
        return (names, parts)
    }
}

extension Cooperative {
    /// The JSON keys, in the order `coop show` prints them.
    public enum CodingKeys: String, CodingKey, CaseIterable {
        case id, name, taxCode, legalForm, sectors, address, commune, district, unit2025, location, founded, members,
            employees, charterCapital, figures, grades, certifications, awards, contacts, achievements,
            otherNames, products, valueChains, digital, receptionHours, pilot, note, illustrative
    }

    /// Decodes a record leniently: missing keys take their defaults; sectors and legal form accept labels or codes.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        id = try c.decodeIfPresent(Int64.self, forKey: .id)
        otherNames = try c.decodeIfPresent([String].self, forKey: .otherNames) ?? []
        taxCode = try c.decodeIfPresent(String.self, forKey: .taxCode)
        if let form = try c.decodeIfPresent(String.self, forKey: .legalForm) {
            guard let parsed = LegalForm.parse(form) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .legalForm, in: c, debugDescription: "unknown legal form \(form)")
            }
            legalForm = parsed
        }
        sectors = try (c.decodeIfPresent([String].self, forKey: .sectors) ?? []).map { text in
            guard let sector = Sector.parse(text) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .sectors, in: c, debugDescription: "unknown sector \(text)")
            }
            return sector
        }
        address = try c.decodeIfPresent(String.self, forKey: .address)
        commune = try c.decodeIfPresent(String.self, forKey: .commune)
        district = try c.decodeIfPresent(String.self, forKey: .district)
        unit2025 = try c.decodeIfPresent(AdminUnit.self, forKey: .unit2025)
        location = try c.decodeIfPresent(GeoPoint.self, forKey: .location)
        founded = try c.decodeIfPresent(String.self, forKey: .founded)
        members = try c.decodeIfPresent(Int.self, forKey: .members)
        employees = try c.decodeIfPresent(Int.self, forKey: .employees)
        charterCapital = try c.decodeIfPresent(Double.self, forKey: .charterCapital)
        figures = try c.decodeIfPresent([YearlyFigures].self, forKey: .figures) ?? []
        grades = try c.decodeIfPresent([Grade].self, forKey: .grades) ?? []
        certifications = try c.decodeIfPresent([Certification].self, forKey: .certifications) ?? []
        awards = try c.decodeIfPresent([Award].self, forKey: .awards) ?? []
        contacts = try c.decodeIfPresent([Contact].self, forKey: .contacts) ?? []
        achievements = try c.decodeIfPresent(String.self, forKey: .achievements)
        products = try c.decodeIfPresent([String].self, forKey: .products) ?? []
        valueChains = try c.decodeIfPresent([String].self, forKey: .valueChains) ?? []
        digital = try c.decodeIfPresent([String].self, forKey: .digital) ?? []
        receptionHours = try c.decodeIfPresent([TimeWindow].self, forKey: .receptionHours) ?? []
        pilot = try c.decodeIfPresent(Bool.self, forKey: .pilot) ?? false
        note = try c.decodeIfPresent(String.self, forKey: .note)
        illustrative = try c.decodeIfPresent(Bool.self, forKey: .illustrative) ?? false
    }

    /// Encodes every key, absent values as null, so that the JSON shape never changes from record to record.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(name, forKey: .name)
        try c.encode(taxCode, forKey: .taxCode)
        try c.encode(legalForm.label, forKey: .legalForm)
        try c.encode(sectors.map(\.label), forKey: .sectors)
        try c.encode(address, forKey: .address)
        try c.encode(commune, forKey: .commune)
        try c.encode(district, forKey: .district)
        try c.encode(unit2025, forKey: .unit2025)
        try c.encode(location, forKey: .location)
        try c.encode(founded, forKey: .founded)
        try c.encode(members, forKey: .members)
        try c.encode(employees, forKey: .employees)
        try c.encode(charterCapital, forKey: .charterCapital)
        try c.encode(figuresByYear, forKey: .figures)
        try c.encode(grades.sorted { $0.year < $1.year }, forKey: .grades)
        try c.encode(certifications, forKey: .certifications)
        try c.encode(awards, forKey: .awards)
        try c.encode(contacts, forKey: .contacts)
        try c.encode(achievements, forKey: .achievements)
        try c.encode(otherNames, forKey: .otherNames)
        try c.encode(products, forKey: .products)
        try c.encode(valueChains, forKey: .valueChains)
        try c.encode(digital, forKey: .digital)
        try c.encode(receptionHours, forKey: .receptionHours)
        try c.encode(pilot, forKey: .pilot)
        try c.encode(note, forKey: .note)
        try c.encode(illustrative, forKey: .illustrative)
    }
}
