import Foundation
import GRDB
import HTXCore
import HTXTestSupport
import Testing

@testable import HTXCatalog

/// A catalog in memory with the 2021 districts and the units in force since 1 July 2025 loaded.
func makeCatalogWithUnits() throws -> Catalog {
    let catalog = try makeCatalog()
    try catalog.loadUnits(Fixtures.seeds.units())
    return catalog
}

/// Hanoi's units in force since 1 July 2025 (SPEC §12): the seed table, deriving a record's unit, choosing one for a
/// split commune, importing old and new names, listing by either.
@Suite struct UnitsTests {
    let units: UnitDirectory

    init() throws { units = try Fixtures.seeds.units() }

    @Test func seedTableMatchesItsSourceCounts() throws {
        #expect(units.units.count == 126)
        #expect(units.units.filter { $0.type == "phường" }.count == 51)
        #expect(Set(units.units.map(\.code)).count == 126)
        // The step of 1 July 2025 alone: the 526 units of 1 January 2025.
        let july = try UnitsTests.directOnly()
        #expect(july.formers.count == 526)
        #expect(july.formers.filter(\.whole).count == 327)
        #expect(july.formers.filter { !$0.whole }.map(\.into.count).reduce(0, +) == 468)
        // Both steps: the 579 units of 2021 first, then the units made on 1 January 2025.
        #expect(units.earlierCount == 579)
        let of2021 = units.formers.prefix(579)
        #expect(of2021.filter { $0.type == "phường" }.count == 175 && of2021.filter { $0.type == "xã" }.count == 383)
        #expect(Set(of2021.map(\.district)).count == 30)
        #expect(units.formers.count > 579 && units.formers.count < 579 + 526)
    }

    /// The directory of the units of 1 January 2025 and where they went, without the 2021 step.
    static func directOnly() throws -> UnitDirectory {
        let seeds = Fixtures.seeds.url
        return try UnitDirectory.parseCSV(
            units: try String(contentsOf: seeds.appendingPathComponent(SeedDirectory.unitsFile), encoding: .utf8),
            mapping: try String(
                contentsOf: seeds.appendingPathComponent(SeedDirectory.unitMappingFile), encoding: .utf8),
            files: ("u", "m"))
    }

    @Test("every commune of 2021 resolves through both steps; those merged on 1/1/2025 reach their units of 1/7/2025")
    func communesOf2021Resolve() throws {
        for former in units.formers.prefix(units.earlierCount) {
            let resolution = units.resolve(commune: former.fullName, district: former.district)
            #expect(
                resolution.unit != nil || !resolution.candidates.isEmpty, "\(former.fullName) (\(former.district))")
            let expected = Set(former.into)
            let got = Set(resolution.unit.map { [$0.code] } ?? resolution.candidates.map(\.code))
            #expect(got == expected, "\(former.fullName) (\(former.district))")
        }
        // The review's own record: xã Văn Đức (Gia Lâm) → xã Kim Đức (1/1/2025) → xã Bát Tràng (1/7/2025).
        #expect(units.resolve(commune: "xã Văn Đức", district: "Gia Lâm").unit?.name == "Bát Tràng")
        for commune in ["xã Kim Lan", "xã Dương Hà", "xã Đình Xuyên", "xã Trung Mầu", "xã Đông Dư", "xã Kim Sơn"] {
            let resolution = units.resolve(commune: commune, district: "Gia Lâm")
            #expect(resolution.unit != nil || !resolution.candidates.isEmpty, "\(commune)")
        }
        // The units made on 1 January 2025 resolve too (a file written between January and July 2025).
        #expect(units.resolve(commune: "xã Kim Đức", district: "Gia Lâm").unit?.name == "Bát Tràng")
        #expect(units.resolve(commune: "xã Thiên Đức", district: "Gia Lâm").unit != nil)
        // Codes are separate namespaces: 00292 was Quỳnh Lôi in 2021, and is Bạch Mai from 1/1/2025.
        #expect(units.findFormers("phường Quỳnh Lôi", district: "Hai Bà Trưng").map(\.code) == ["00292"])
        #expect(units.unitsMeant(by: "xã Văn Đức")?.map(\.name) == ["Bát Tràng"])
    }

    @Test func namesMatchWithTonesPlacedEitherWayButNotOtherTones() throws {
        #expect(units.findUnit("xã Ứng Hoà")?.code == units.findUnit("Xã Ứng Hòa")?.code)
        #expect(units.findUnit("Ứng Hoà") != nil)
        #expect(units.findUnit("phường ba đình")?.code == "00004")
        #expect(units.findUnit("00004")?.name == "Ba Đình")
        #expect(units.findUnit("xã Ba Đình") == nil, "Ba Đình is a phường")
        #expect(VietnameseText.placeKey("Thuỵ Lâm") == VietnameseText.placeKey("Thụy Lâm"))
        #expect(VietnameseText.placeKey("Sơn Đông") != VietnameseText.placeKey("Sơn Đồng"))
        #expect(units.findFormers("xã Sơn Đồng", district: "Hoài Đức").map(\.code) == ["09859"])
        #expect(units.findFormers("xã Sơn Đông", district: "Sơn Tây").map(\.code) == ["09613"])
        // Typed without tones, a name is read folded; the district tells the two apart.
        #expect(units.findFormers("xa son dong", district: "Sơn Tây").map(\.code) == ["09613"])
        #expect(units.findFormers("xa son dong").count == 2)
        // Names that start like a type word are names: Phương Liệt, Phượng Dực, Phương Mai.
        #expect(units.findUnit("Phương Liệt")?.fullName == "phường Phương Liệt")
        #expect(units.findUnit("Phượng Dực")?.fullName == "xã Phượng Dực")
        #expect(units.findUnit("phuong Phuong Liet")?.fullName == "phường Phương Liệt")
        #expect(units.findFormers("Phương Mai", district: "Đống Đa").count == 1)
    }

    @Test func everyUnitAndFormerUnitIsFoundByItsOwnName() throws {
        for unit in units.units {
            #expect(units.findUnit(unit.name) == unit, "\(unit.name)")
            #expect(units.findUnit(unit.fullName) == unit, "\(unit.fullName)")
            #expect(units.resolve(commune: unit.name, district: nil).unit == unit, "\(unit.name)")
        }
        for former in units.formers {
            #expect(units.findFormers(former.fullName, district: former.district) == [former], "\(former.fullName)")
        }
    }

    @Test func aChosenUnitSurvivesTheSameCommuneWrittenAnotherWay() throws {
        let catalog = try makeCatalogWithUnits()
        var record = coop("HTX Uy Nỗ", district: "Đông Anh")
        record.commune = "Uy Nỗ"
        let (stored, _) = try catalog.add(record, origin: origin)
        let id = String(try #require(stored.id))
        _ = try catalog.edit(id, set: [("unit2025", "00475")], origin: origin)
        _ = try catalog.edit(id, set: [("district", "huyện Đông Anh"), ("commune", "Xã Uy Nỗ")], origin: origin)
        #expect(try catalog.cooperative(id).unit2025?.name == "Thư Lâm", "the same commune, written otherwise")
        // A re-import without a district column that moves the record to another commune derives again from the
        // stored district: Hòa Phú of Ứng Hòa went into xã Hòa Xá, not xã Hòa Phú (of Chương Mỹ).
        var other = coop("HTX Ứng Hòa", district: "Ứng Hòa", taxCode: "0100233488")
        other.commune = "xã Trầm Lộng"
        _ = try catalog.add(other, origin: origin)
        let csv = "Tên hợp tác xã,MST,Xã/phường\nHTX Ứng Hòa,0100233488,xã Hòa Phú\n"
        _ = try importFile(catalog, try temporaryFile("moved.csv", Array(csv.utf8)))
        #expect(try catalog.cooperative("0100233488").unit2025?.name == "Hòa Xá")
    }

    @Test func resolvesWholeSplitAndNewNames() throws {
        // Phúc Xá went whole into phường Hồng Hà.
        #expect(units.resolve(commune: "Phường Phúc Xá", district: "Ba Đình").unit?.code == "00097")
        // Uy Nỗ (Đông Anh) was split: no unit, two candidates.
        let uyNo = units.resolve(commune: "xã Uy Nỗ", district: "Đông Anh")
        #expect(uyNo.unit == nil)
        #expect(Set(uyNo.candidates.map(\.name)) == ["Đông Anh", "Thư Lâm"])
        // A new name is read as it is; with a 2021 district, a split old ward whose name a new unit kept is still a
        // choice (phường Cửa Nam went into four).
        #expect(units.resolve(commune: "phường Hồng Hà", district: nil).unit?.code == "00097")
        let ngocHa = units.resolve(commune: "Phường Ngọc Hà", district: "Ba Đình")
        #expect(ngocHa.unit == nil && ngocHa.candidates.map(\.name).contains("Ngọc Hà"))
        #expect(units.resolve(commune: "Phường Cửa Nam", district: "Hoàn Kiếm").candidates.count == 4)
        // Without a district, a new unit's name wins over an old commune of that name elsewhere.
        #expect(units.resolve(commune: "Thanh Xuân", district: nil).unit?.fullName == "phường Thanh Xuân")
        #expect(units.resolve(commune: "Hồng Hà", district: nil).unit?.fullName == "phường Hồng Hà")
        #expect(units.resolve(commune: "Thanh Trì", district: nil).unit?.fullName == "xã Thanh Trì")
        // Hồng Hà of Đan Phượng is a xã of 2021, not the new phường.
        #expect(units.resolve(commune: "xã Hồng Hà", district: "Đan Phượng").candidates.count == 4)
        // A name with a district in brackets; a name that is in neither table.
        #expect(units.resolve(commune: "xã Tân Minh (Sóc Sơn)", district: nil).unit != nil)
        #expect(units.resolve(commune: "xã Không Có", district: "Đông Anh") == .unknown)
        #expect(units.resolve(commune: nil, district: "Đông Anh") == .unknown)
    }

    @Test("past the caches' bounds (4,096 entries), a pair resolves the same in any order, cached or not")
    func resolutionsDoNotDependOnTheCaches() throws {
        let districts = [
            "Đông Anh", "huyện Đan Phượng", "Quận Ba Đình", "Sóc Sơn", "Thanh Oai", "Hà Đông", "tx Sơn Tây",
        ]
        var pairs: [(String, String?)] = []
        for former in units.formers {
            let written = [
                former.fullName, former.name, VietnameseText.fold(former.name), "\(former.name) (Mê Linh)",
            ]
            for commune in written {
                pairs.append((commune, former.district))
                for district in districts { pairs.append((commune, district)) }
            }
            pairs.append((former.fullName, nil))
        }
        for unit in units.units { pairs.append((unit.fullName, nil)) }
        #expect(pairs.count > 3 * 4_096, "enough pairs to empty every cache more than once: \(pairs.count)")
        let first = pairs.map { units.resolve(commune: $0.0, district: $0.1) }
        let again = pairs.map { units.resolve(commune: $0.0, district: $0.1) }
        let other = try Fixtures.seeds.units()
        let reversed = pairs.reversed().map { other.resolve(commune: $0.0, district: $0.1) }.reversed()
        #expect(first == again)
        #expect(first == Array(reversed))
        #expect(first.filter { $0 != .unknown }.count > pairs.count / 4, "most pairs name a unit or a choice")
    }

    @Test func everyWholeFormerUnitResolvesToItsOneUnit() throws {
        for former in units.formers where former.whole {
            let resolved = units.resolve(commune: former.fullName, district: former.district).unit
            #expect(resolved?.code == former.into[0], "\(former.fullName) (\(former.district))")
        }
    }

    @Test func importOf2021FileDerivesWholeUnitsAndCheckListsSplitOnes() throws {
        let catalog = try makeCatalogWithUnits()
        let csv = """
            Tên hợp tác xã,Xã/phường,Quận/huyện
            HTX Phúc Xá,Phường Phúc Xá,Quận Ba Đình
            HTX Uy Nỗ,Xã Uy Nỗ,Huyện Đông Anh
            HTX Ứng Hoà,Thị trấn Vân Đình,Huyện Ứng Hoà

            """
        let report = try importFile(catalog, try temporaryFile("d.csv", Array(csv.utf8)))
        #expect(report.added == 3)
        let all = try catalog.allCooperatives()
        let phucXa = try #require(all.first { $0.name == "HTX Phúc Xá" })
        #expect(phucXa.unit2025 == AdminUnit(code: "00097", name: "Hồng Hà", type: "phường"))
        #expect(phucXa.commune == "Phường Phúc Xá", "the commune is kept as given")
        let uyNo = try #require(all.first { $0.name == "HTX Uy Nỗ" })
        #expect(uyNo.unit2025 == nil)
        let issues = QualityCheck(referenceYear: 2024, units: try catalog.units()).run(all)
        let split = try #require(issues.first { $0.kind == .unitSplit })
        #expect(split.id == uyNo.id)
        #expect(split.message.vi.contains("xã Đông Anh (00454)") && split.message.vi.contains("xã Thư Lâm (00475)"))
        #expect(split.message.vi.contains("htx coop edit \(uyNo.id ?? 0) --set unit2025="))
        // Choosing one of the candidates; an import that does not change the commune keeps the choice.
        _ = try catalog.edit(String(uyNo.id ?? 0), set: [("unit2025", "00475")], origin: origin)
        #expect(try catalog.cooperative(String(uyNo.id ?? 0)).unit2025?.name == "Thư Lâm")
        _ = try importFile(catalog, try temporaryFile("again.csv", Array(csv.utf8)))
        #expect(try catalog.cooperative(String(uyNo.id ?? 0)).unit2025?.name == "Thư Lâm")
        // Changing the commune derives the unit again.
        _ = try catalog.edit(String(uyNo.id ?? 0), set: [("commune", "xã Nguyên Khê")], origin: origin)
        #expect(try catalog.cooperative(String(uyNo.id ?? 0)).unit2025 == nil)
        _ = try catalog.edit(String(uyNo.id ?? 0), set: [("commune", "xã Bắc Hồng")], origin: origin)
        #expect(try catalog.cooperative(String(uyNo.id ?? 0)).unit2025?.code == "00466")
    }

    @Test func importReadsNewNamesAndTheNewUnitColumn() throws {
        let catalog = try makeCatalogWithUnits()
        let csv = """
            Tên hợp tác xã,Xã/phường,Xã/Phường mới
            HTX Mới A,phường Hoàn Kiếm,
            HTX Mới B,xã Uy Nỗ,xã Thư Lâm
            HTX Mới C,,Phúc Thịnh

            """
        let report = try importFile(catalog, try temporaryFile("moi.csv", Array(csv.utf8)))
        #expect(report.added == 3)
        let byName = Dictionary(uniqueKeysWithValues: try catalog.allCooperatives().map { ($0.name, $0) })
        #expect(byName["HTX Mới A"]?.unit2025?.code == "00070")
        #expect(byName["HTX Mới B"]?.unit2025?.name == "Thư Lâm")
        #expect(byName["HTX Mới C"]?.unit2025?.fullName == "xã Phúc Thịnh")
        #expect(try catalog.list(ListFilter(unit: "xa thu lam")).map(\.name) == ["HTX Mới B"])
        // The old name stands for every unit it went into.
        #expect(try catalog.list(ListFilter(unit: "Xã Uy Nỗ")).map(\.name) == ["HTX Mới B"])
        #expect(throws: CatalogError.unknownUnit("Không Có")) { try catalog.list(ListFilter(unit: "Không Có")) }
        let facets = try catalog.facets(ListFilter())
        #expect(facets.units.contains { $0.value == "Hoàn Kiếm" && $0.count == 1 })
    }

    @Test func aWrongNewUnitIsRefusedWithItsRowAndNothingIsWritten() throws {
        let catalog = try makeCatalogWithUnits()
        let csv = """
            Tên hợp tác xã,Xã/Phường mới
            HTX Đúng,phường Ba Đình
            HTX Sai,xã Uy Nỗ
            HTX Không có,xã Không Có

            """
        let path = try temporaryFile("sai.csv", Array(csv.utf8))
        #expect(try importFile(catalog, path).committed == false)
        #expect(try catalog.count() == 0)
        let report = try importFile(catalog, path, dryRun: true)
        let errors = report.problems.filter { $0.severity == .error }
        #expect(errors.map(\.row) == [3, 4])
        #expect(errors.allSatisfy { $0.column == "Xã/Phường mới" })
        #expect(errors[0].message.vi.contains("nay thuộc: xã Đông Anh, xã Thư Lâm"))
    }

    @Test func loadingTheTableFillsRecordsOfAnOlderCatalog() throws {
        let catalog = try makeCatalog()
        var old = coop("HTX Cũ", district: "Ba Đình")
        old.commune = "phường Phúc Xá"
        _ = try catalog.add(old, origin: origin)
        #expect(try catalog.cooperative("1").unit2025 == nil)
        #expect(try catalog.needsUnits())
        #expect(try catalog.loadUnits(units) == 1)
        #expect(try catalog.cooperative("1").unit2025?.name == "Hồng Hà")
        #expect(try catalog.search("Hồng Hà").map(\.id) == [1], "the unit is searchable")
        #expect(try !catalog.needsUnits())
        #expect(try catalog.loadUnits(units) == 0, "loading again changes nothing")
    }
}
