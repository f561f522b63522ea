import Foundation

/// The dated reference table of Hanoi's commune-level units: the 126 in force since 1 July 2025, and the units
/// before them with the units each went into — the 579 of 2021 through their successors of 1 January 2025, and the
/// units made on that day — looked up by name with tone placement folded (Hòa = Hoà).
public struct UnitDirectory: Sendable {
    /// The date the 2025 units took effect, `YYYY-MM-DD`.
    public static let inForceFrom = "2025-07-01"

    public let units: [AdminUnit]
    public let formers: [FormerUnit]
    private let byCode: [String: AdminUnit]
    private let unitsByKey: [[UInt8]: [AdminUnit]]
    private let formersByKey: [[UInt8]: [FormerUnit]]
    /// The same, by names folded whole, for text typed without tones ("uy no").
    private let unitsByFolded: [String: [AdminUnit]]
    private let formersByFolded: [String: [FormerUnit]]
    /// The districts of the 2021 units as `VietnameseText.placeKey` reads them, by the name each unit records.
    private let formerDistrictKeys: [String: [UInt8]]
    /// What each (commune, district) resolved to: an import resolves a few hundred distinct pairs, row after row.
    private let cache = BoundedCache<String, UnitResolution>()
    /// What each commune as written says before any district is applied, and each district's key: a file of
    /// thousands of distinct (commune, district) pairs has far fewer distinct communes and districts.
    private let readings = BoundedCache<String, CommuneReading>()
    private let districtKeys = BoundedCache<String, [UInt8]>()

    /// How many of `formers` come first from the list of 2021 (the rest are units made on 1 January 2025); 0 when
    /// the directory knows only the units of 1 January 2025.
    public let earlierCount: Int

    public init(units: [AdminUnit], formers: [FormerUnit], earlierCount: Int = 0) {
        self.units = units
        self.formers = formers
        self.earlierCount = earlierCount
        byCode = Dictionary(units.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        unitsByKey = Dictionary(grouping: units) { VietnameseText.placeKey($0.name) }
        formersByKey = Dictionary(grouping: formers) { VietnameseText.placeKey($0.name) }
        unitsByFolded = Dictionary(grouping: units) { VietnameseText.fold($0.name) }
        formersByFolded = Dictionary(grouping: formers) { VietnameseText.fold($0.name) }
        formerDistrictKeys = Dictionary(
            formers.map { ($0.district, VietnameseText.placeKey($0.district)) },
            uniquingKeysWith: { first, _ in first })
    }

    /// An empty directory: a catalog made before the table was loaded derives nothing.
    public static let empty = UnitDirectory(units: [], formers: [])

    public var isEmpty: Bool { units.isEmpty }

    /// The 2025 unit with this code.
    public func unit(code: String) -> AdminUnit? { byCode[code] }

    /// Finds a 2025 unit by its code or its name, with or without "phường"/"xã", any case, tones placed either way.
    public func findUnit(_ text: String) -> AdminUnit? {
        let trimmed = text.trimmingSpaces
        return UnitDirectory.isCode(trimmed) ? byCode[trimmed] : reading(trimmed).named
    }

    /// Whether trimmed text is written as a unit's code: five ASCII digits.
    static func isCode(_ trimmed: String) -> Bool {
        trimmed.utf8.count == 5 && trimmed.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// The 2021 units a name can mean: with its type if written, in `district` when given (a district written in
    /// brackets after the name counts too). Within a district a unit of the name but another type is taken when
    /// none has the type written ("phường Đường Lâm" for the xã): files mix them up, the district settles it.
    public func findFormers(_ text: String, district: String? = nil) -> [FormerUnit] {
        formers(reading(text), district: district)
    }

    /// The 2021 units of a read commune name, in the district written after it, else in `district` when given.
    private func formers(_ reading: CommuneReading, district: String?) -> [FormerUnit] {
        let districtKey = reading.districtKey ?? district.map(self.districtKey)
        guard let districtKey else { return reading.typedFormers }
        let inDistrict = reading.formers.filter { formerDistrictKeys[$0.district] == districtKey }
        let typedInDistrict = inDistrict.filter { reading.type == nil || reading.type == $0.type }
        return typedInDistrict.isEmpty && inDistrict.count == 1 ? inDistrict : typedInDistrict
    }

    /// What a commune name as written says of itself: its type word, the 2025 unit it names, the 2021 units of its
    /// name, and the key of a district written in brackets after it. Made once per distinct text.
    private func reading(_ text: String) -> CommuneReading {
        if let known = readings.get(text) { return known }
        let place = PlaceName(text)
        let toneless = place.isToneless
        let folded = toneless ? VietnameseText.fold(place.name) : ""
        let key = toneless ? [] : place.key
        let units = (toneless ? unitsByFolded[folded] : unitsByKey[key]) ?? []
        let typedUnits = units.filter { place.type == nil || place.type == $0.type }
        let formers = (toneless ? formersByFolded[folded] : formersByKey[key]) ?? []
        let reading = CommuneReading(
            type: place.type, named: typedUnits.count == 1 ? typedUnits[0] : nil, formers: formers,
            typedFormers: formers.filter { place.type == nil || place.type == $0.type },
            districtKey: place.district.map(districtKey))
        readings.put(text, reading)
        return reading
    }

    /// The key a district's name is compared by, without "Quận", "Huyện" or "Thị xã".
    private func districtKey(_ district: String) -> [UInt8] {
        if let known = districtKeys.get(district) { return known }
        let key = VietnameseText.placeKey(PlaceName.districtName(district))
        districtKeys.put(district, key)
        return key
    }

    /// What a record's commune (old or new name) and 2021 district say of its unit in force.
    ///
    /// With a district, the commune is read first as a 2021 one of that district (a file in the 2021 form): whole →
    /// its unit; split → the candidates to choose among, even when one of them kept the name (phường Cửa Nam went
    /// into four). Without a district, a new unit's name is read as that unit.
    public func resolve(commune: String?, district: String?) -> UnitResolution {
        guard let commune, !commune.isEmpty, !isEmpty else { return .unknown }
        let key = district.map { commune + "\u{1}" + $0 } ?? commune
        if let known = cache.get(key) { return known }
        let resolution = resolveUncached(commune: commune, district: district)
        cache.put(key, resolution)
        return resolution
    }

    func resolveUncached(commune: String, district: String?) -> UnitResolution {
        let trimmed = commune.trimmingSpaces
        guard !trimmed.isEmpty else { return .unknown }
        // `findUnit`, with the one reading the rest needs too.
        let reading = reading(trimmed)
        let named = UnitDirectory.isCode(trimmed) ? byCode[trimmed] : reading.named
        if district == nil, reading.districtKey == nil, let named { return .unit(named) }
        let olds = formers(reading, district: district)
        if olds.count == 1 {
            let old = olds[0]
            let into = old.into.compactMap { byCode[$0] }
            if into.count == 1 { return .unit(into[0]) }
            return .split(old, candidates: into)
        }
        if let named { return .unit(named) }
        if olds.count > 1 {
            var seen = Set<String>()
            let into = olds.flatMap(\.into).filter { seen.insert($0).inserted }.compactMap { byCode[$0] }
            return into.count == 1 ? .unit(into[0]) : .ambiguous(olds, candidates: into)
        }
        return .unknown
    }

    /// The units of 1 July 2025 a record's commune can be in, and the 2021 districts that had a commune of that
    /// name when the record's own district had none: the commune's successors in its district, else (a commune of
    /// another district, the district wrong or the commune) in any district. Empty when the name is unknown.
    public func successors(commune: String?, district: String?) -> (units: [AdminUnit], elsewhere: [String]) {
        guard let commune, !commune.isEmpty, !isEmpty else { return ([], []) }
        let resolution = resolve(commune: commune, district: district)
        if let unit = resolution.unit { return ([unit], []) }
        if !resolution.candidates.isEmpty { return (resolution.candidates, []) }
        guard district != nil else { return ([], []) }
        let anywhere = resolve(commune: commune, district: nil)
        let units = anywhere.unit.map { [$0] } ?? anywhere.candidates
        let elsewhere = Set(findFormers(commune).map(\.district)).sorted {
            VietnameseText.sortKey($0).lexicographicallyPrecedes(VietnameseText.sortKey($1))
        }
        return (units, elsewhere)
    }

    /// Whether a record moved from `old` to `new` commune and district still needs no new unit: both read the same
    /// (the same unit, or the same split), however they are written ("huyện Đông Anh" = "Đông Anh").
    public func sameUnit(
        _ old: (commune: String?, district: String?), _ new: (commune: String?, district: String?)
    ) -> Bool {
        resolve(commune: old.commune, district: old.district) == resolve(commune: new.commune, district: new.district)
    }

    /// The 2025 units a listing's `--unit` text stands for: the unit it names, else the units the 2021 commune it
    /// names went into (all of them, whole or in part).
    public func unitsMeant(by text: String) -> [AdminUnit]? {
        if let unit = findUnit(text) { return [unit] }
        let olds = findFormers(text)
        guard !olds.isEmpty else { return nil }
        var seen = Set<String>()
        return olds.flatMap(\.into).filter { seen.insert($0).inserted }.compactMap { byCode[$0] }
    }
}

/// What the reference table says of a record's unit in force.
public enum UnitResolution: Sendable, Equatable {
    /// One unit: the record's commune is that unit, or went whole into it.
    case unit(AdminUnit)
    /// The 2021 commune was split: one of the candidates, to be chosen.
    case split(FormerUnit, candidates: [AdminUnit])
    /// The name fits 2021 communes of several districts and the record gives none.
    case ambiguous([FormerUnit], candidates: [AdminUnit])
    /// No commune, or a name neither table holds.
    case unknown

    /// The unit when there is exactly one.
    public var unit: AdminUnit? {
        if case .unit(let unit) = self { return unit }
        return nil
    }

    /// The units to choose among, when there is a choice.
    public var candidates: [AdminUnit] {
        switch self {
        case .split(_, let candidates), .ambiguous(_, let candidates): return candidates
        case .unit, .unknown: return []
        }
    }
}

/// A place name as written in a file: its type word if any ("Phường", "P.", "xã", "TT"), the name, and a district
/// written in brackets after it.
struct PlaceName {
    var type: String?
    var name: String
    var district: String?
    var key: [UInt8] { VietnameseText.placeKey(name) }
    /// Typed without any tone or vowel mark ("uy no"): matched on folded names, where "Sơn Đông" = "Sơn Đồng".
    var isToneless: Bool { !VietnameseText.hasMarks(name) }

    init(_ text: String) {
        var body = text.trimmingSpaces
        if body.hasSuffix(")"), let open = body.lastIndex(of: "(") {
            let inner = body[body.index(after: open)..<body.index(before: body.endIndex)]
            district = String(inner).trimmingSpaces
            body = String(body[..<open]).trimmingSpaces
        }
        var words = body.split(separator: " ").map(String.init)
        for (prefix, type) in PlaceName.typeWords where words.count > prefix.count {
            // A type word as written ("Phường", "xã"), or typed without any mark ("phuong", "P."); "Phương Liệt"
            // and "Phượng Dực" are names, not "phường" + name.
            let matches = zip(words, prefix).allSatisfy { word, typeWord in
                let lower = word.lowercased()
                return lower == typeWord
                    || (!VietnameseText.hasMarks(word) && VietnameseText.fold(word) == VietnameseText.fold(typeWord))
            }
            if matches {
                self.type = type
                words.removeFirst(prefix.count)
                break
            }
        }
        name = words.joined(separator: " ")
    }

    /// The type words a place name may start with, as written with their marks, and the type each means.
    static let typeWords: [([String], String)] = [
        (["thị", "trấn"], "thị trấn"), (["tt"], "thị trấn"), (["tt."], "thị trấn"), (["phường"], "phường"),
        (["p."], "phường"), (["p"], "phường"), (["xã"], "xã"), (["x."], "xã"), (["x"], "xã"),
    ]

    /// A district's name without "Quận", "Huyện" or "Thị xã".
    static func districtName(_ text: String) -> String {
        var words = text.trimmingSpaces.split(separator: " ").map(String.init)
        let folded = words.map(VietnameseText.fold)
        for prefix in PlaceName.districtWords
        where folded.count > prefix.count && zip(folded, prefix).allSatisfy({ $0 == $1 }) {
            words.removeFirst(prefix.count)
            break
        }
        return words.joined(separator: " ")
    }

    /// The folded type words a district's name may start with (no district's own name starts with one).
    static let districtWords: [[String]] = [["thi", "xa"], ["quan"], ["huyen"], ["q."], ["h."], ["tx"]]
}

/// The units of an earlier date and where each went: the 2021 list and its mapping to the units of 1 January 2025
/// (`old_code,old_name,old_type,old_district,new_code,new_name,new_type,whole`, new = a unit of that date).
public struct EarlierUnits: Sendable {
    public var mapping: String
    public var file: String

    public init(mapping: String, file: String) {
        self.mapping = mapping
        self.file = file
    }
}

extension UnitDirectory {
    /// Reads the seed tables: the units (`code,name,type,former_units,former_districts`), the mapping of the units
    /// of 1 January 2025 to them (`old_code,old_name,old_type,old_district,new_code,new_name,new_type,whole`), and,
    /// when given, the 2021 units' mapping to those of 1 January 2025, which is composed with it: a 2021 commune goes
    /// into the units its successors went into, whole only when it went whole through both steps. The units of 1
    /// January 2025 that are not a 2021 unit of the same name, type and district (Kim Đức, Thiên Đức …) are kept as
    /// former units too, so a file written in either form resolves. Throws on a malformed line with its file and line.
    public static func parseCSV(
        units unitsText: String, mapping mappingText: String, files: (units: String, mapping: String),
        earlier: EarlierUnits? = nil
    ) throws(UserError) -> UnitDirectory {
        let direct = try parseDirect(units: unitsText, mapping: mappingText, files: files)
        guard let earlier else { return direct }
        let january = Dictionary(direct.formers.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        var composed: [FormerUnit] = []
        var index: [String: Int] = [:]
        for (number, cells) in try rows(earlier.mapping, columns: 8, file: earlier.file) {
            guard ["yes", "partial"].contains(cells[7]), let successor = january[cells[4]] else {
                throw malformed(earlier.file, number, "whole = yes/partial and a new_code of the units of 1/1/2025")
            }
            if let at = index[cells[0]] {
                for code in successor.into where !composed[at].into.contains(code) { composed[at].into.append(code) }
                composed[at].whole = false
            } else {
                index[cells[0]] = composed.count
                composed.append(
                    FormerUnit(
                        code: cells[0], name: cells[1], type: cells[2].lowercased(),
                        district: PlaceName.districtName(cells[3]), into: successor.into,
                        whole: cells[7] == "yes" && successor.whole))
            }
        }
        func identity(_ unit: FormerUnit) -> [UInt8] {
            VietnameseText.placeKey(unit.type + " " + unit.name + " | " + unit.district)
        }
        let of2021 = Set(composed.map(identity))
        let madeInJanuary = direct.formers.filter { !of2021.contains(identity($0)) }
        return UnitDirectory(units: direct.units, formers: composed + madeInJanuary, earlierCount: composed.count)
    }

    /// The codes of a list of units (`code,name,type,district`), each line checked: a five-digit code, a type of
    /// phường, thị trấn or xã.
    public static func listedCodes(_ text: String, file: String) throws(UserError) -> [String] {
        try rows(text, columns: 4, file: file).map { number, cells throws(UserError) in
            guard UnitDirectory.isCode(cells[0]), ["phường", "thị trấn", "xã"].contains(cells[2]) else {
                throw malformed(file, number, "code (5 digits), name, type (phường/thị trấn/xã), district")
            }
            return cells[0]
        }
    }

    /// The units of 1 July 2025 and the units of 1 January 2025 that went into them.
    static func parseDirect(
        units unitsText: String, mapping mappingText: String, files: (units: String, mapping: String)
    ) throws(UserError) -> UnitDirectory {
        var units: [AdminUnit] = []
        for (number, cells) in try rows(unitsText, columns: 5, file: files.units) {
            guard cells[0].count == 5, ["phường", "xã"].contains(cells[2]) else {
                throw malformed(files.units, number, "code (5 digits), name, type (phường/xã)")
            }
            units.append(AdminUnit(code: cells[0], name: cells[1], type: cells[2]))
        }
        var formers: [FormerUnit] = []
        var index: [String: Int] = [:]
        for (number, cells) in try rows(mappingText, columns: 8, file: files.mapping) {
            guard ["yes", "partial"].contains(cells[7]), units.contains(where: { $0.code == cells[4] }) else {
                throw malformed(files.mapping, number, "whole = yes/partial and a new_code of the units table")
            }
            if let at = index[cells[0]] {
                formers[at].into.append(cells[4])
                formers[at].whole = false
            } else {
                index[cells[0]] = formers.count
                formers.append(
                    FormerUnit(
                        code: cells[0], name: cells[1], type: cells[2].lowercased(),
                        district: PlaceName.districtName(cells[3]), into: [cells[4]], whole: cells[7] == "yes"))
            }
        }
        return UnitDirectory(units: units, formers: formers)
    }

    static func rows(_ text: String, columns: Int, file: String) throws(UserError) -> [(Int, [String])] {
        var result: [(Int, [String])] = []
        for (offset, line) in text.split(whereSeparator: \.isNewline).enumerated() where offset > 0 {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map {
                VietnameseText.clean(String($0))
            }
            guard cells.count == columns else {
                throw UserError(
                    "\(file), dòng \(offset + 1): cần \(columns) cột, có \(cells.count)",
                    "\(file), line \(offset + 1): expected \(columns) columns, found \(cells.count)")
            }
            result.append((offset + 1, cells))
        }
        return result
    }

    static func malformed(_ file: String, _ line: Int, _ expected: String) -> UserError {
        UserError("\(file), dòng \(line): cần \(expected)", "\(file), line \(line): expected \(expected)")
    }
}

extension VietnameseText {
    /// A key under which place names written with tones placed either way are equal ("Hòa" = "Hoà", "Thuỵ" =
    /// "Thụy"), while names differing in a letter or a tone are not ("Sơn Đông" ≠ "Sơn Đồng"); case and spacing
    /// are ignored.
    public static func placeKey(_ text: String) -> [UInt8] {
        var key: [UInt8] = []
        var tone: UInt8 = 0
        var inWord = false
        for unit in TextUnits(text) {
            switch unit {
            case .letter(let info):
                key.append(info.rank)
                if info.tone > 0 { tone = info.tone }
                inWord = true
            case .digit(let digit):
                key.append(0x80 + digit)
                inWord = true
            case .otherLetter(let scalar):
                let value = scalar.value
                key.append(contentsOf: [0xC0, UInt8(truncatingIfNeeded: value >> 8), UInt8(truncatingIfNeeded: value)])
                inWord = true
            case .separator:
                if inWord { key.append(contentsOf: [0xF0 + tone, 0xFF]) }
                inWord = false
                tone = 0
            }
        }
        if inWord { key.append(0xF0 + tone) }
        return key
    }
}

extension AdminUnit {
    /// Whether `text` (a commune as a file writes it) names this unit: "Xã Đông Anh", "Đông Anh", tones placed
    /// either way.
    public func isNamed(by text: String) -> Bool {
        let place = PlaceName(text)
        return place.key == VietnameseText.placeKey(name) && (place.type == nil || place.type == type)
    }
}

/// What a commune name as written says before a district is applied (`UnitDirectory.reading`).
struct CommuneReading: Sendable {
    /// The type word written before the name ("phường", "xã", "thị trấn"), if any.
    var type: String?
    /// The one 2025 unit of the name and type, if exactly one.
    var named: AdminUnit?
    /// The 2021 units of the name, of any type, and those of the type written.
    var formers: [FormerUnit]
    var typedFormers: [FormerUnit]
    /// The key of a district written in brackets after the name.
    var districtKey: [UInt8]?
}

/// Lookups already made, behind a lock (an import resolves on its reading thread, the web on many); it forgets
/// everything past 4,096 entries, so a file of distinct garbage cannot grow it.
final class BoundedCache<Key: Hashable, Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [Key: Value] = [:]

    func get(_ key: Key) -> Value? {
        lock.lock()
        defer { lock.unlock() }
        return entries[key]
    }

    func put(_ key: Key, _ value: Value) {
        lock.lock()
        defer { lock.unlock() }
        if entries.count >= 4_096 { entries.removeAll(keepingCapacity: true) }
        entries[key] = value
    }
}
