import Foundation
import HTXCore
import HTXTestSupport
import Testing

@testable import HTXCatalog

/// An export of any catalog imports into an empty catalog as the same records, in all three formats (review of
/// 2026-12-07, findings 7–9: namesakes merged, money rounded to the đồng, a long list refused as damaged).
@Suite("Export and import round trips")
struct ExportRoundTripTests {
    /// A generated catalog of `count` records: namesakes by name and district, odd numbers, long lists, every field.
    static func generated(seed: UInt64, count: Int) -> [Cooperative] {
        var random = SeededGenerator(seed: seed)
        let names = [
            "HTX Dịch vụ Nông nghiệp Xuân", "HTX Dịch vụ nông nghiệp Xuân", "Hợp tác xã Rau sạch Vân Nội",
            "HTX Gốm \"Bát Tràng\", Mới", "=HTX Công thức", "+HTX; chấm phẩy", "HTX Unicode 😀 עברית", "12345",
            "HTX Thủy sản Hòa Bình", "HTX Thuỷ sản Hoà Bình", "@HTX", "-HTX Âm",
        ]
        let districts = ["Gia Lâm", "Đông Anh", "Ba Vì", nil]
        let communes = ["xã Bát Tràng", "xã Uy Nỗ", "xã Kim Chung", "Thôn Một", nil]
        let odd: [Double] = [
            1.234, 0.001, 12.3456789, 1e-05, 1234567.891, 999_999_999, 0, 1.5, 0.1 + 0.2, 1_000_000.5, 3.14159265358979,
        ]
        var codes = Set<String>()
        func taxCode() -> String? {
            guard random.below(3) == 0 else { return nil }
            let digits = (0..<9).map { _ in random.below(10) }
            let weights = [31, 29, 23, 19, 17, 13, 7, 5, 3]
            let check = (10 - zip(digits, weights).map(*).reduce(0, +) % 11) % 10
            let code = "0" + (digits.dropFirst() + [check]).map(String.init).joined()
            return codes.insert(code).inserted ? code : nil
        }
        func text(_ length: Int) -> String {
            let words = ["Hợp", "tác", "xã", "\"trích\"", "a,b", "x;y", "[ngoặc]", "=công", "🌾", "Đ", "ổn", "1.234"]
            return (0..<length).map { _ in random.pick(words) }.joined(separator: " ")
        }
        return (0..<count).map { index in
            var coop = Cooperative(name: random.pick(names))
            coop.taxCode = taxCode()
            coop.district = random.pick(districts)
            coop.commune = random.pick(communes)
            coop.legalForm = random.pick(LegalForm.allCases)
            coop.sectors = Array(Sector.allCases.shuffled(using: &random).prefix(random.below(3)))
            if random.below(2) == 0 { coop.address = text(random.int(1...8)) }
            if random.below(2) == 0 {
                coop.location = GeoPoint(
                    lat: 20.9 + Double(random.below(3_000_000)) / 10_000_000,
                    lon: 105.7 + Double(random.below(3_000_000)) / 10_000_000)
            }
            if random.below(2) == 0 { coop.founded = random.pick(["2001", "2019-02-28", "1998-12-31"]) }
            if random.below(2) == 0 { coop.members = random.pick([0, 7, 1_250, 10_000_000]) }
            if random.below(2) == 0 { coop.employees = random.below(500) }
            if random.below(2) == 0 { coop.charterCapital = random.pick(odd) }
            for year in [2019, 2020, 2021] where random.below(2) == 0 {
                coop.figures.append(
                    YearlyFigures(
                        year: year, revenue: random.below(2) == 0 ? random.pick(odd) : nil,
                        profit: random.below(2) == 0 ? -random.pick(odd) : nil,
                        memberIncome: random.below(2) == 0 ? random.pick(odd) : nil,
                        members: random.below(2) == 0 ? random.below(900) : nil))
            }
            if random.below(2) == 0 {
                coop.grades = [Grade(year: 2021, scheme: "TT01/2020", score: 81.5, grade: "Tốt")]
            }
            if random.below(3) == 0 {
                coop.certifications = [
                    Certification(kind: .ocop, product: text(2), stars: 4, year: 2021),
                    Certification(kind: .vietgap, issuer: "Sở; NN", note: "[x]"),
                ]
            }
            // Long lists: up to 700 awards of 1,000 characters each (about 700 KB as a JSON cell).
            let awards = random.pick([0, 1, 3, 700])
            coop.awards = (0..<awards).map {
                Award(
                    title: "Bằng khen \($0) " + String(repeating: "B", count: awards > 100 ? 1_000 : 5),
                    level: random.pick(Award.Level.allCases), issuer: random.below(2) == 0 ? "UBND; TP" : nil,
                    year: 2000 + $0 % 25)
            }
            if random.below(2) == 0 {
                coop.contacts = [
                    Contact(role: "Giám đốc", name: "Nguyễn Văn \(index)", phone: "0912 345 6\(index % 10)0"),
                    Contact(role: "Kế toán", email: "ke.toan\(index)@example.org"),
                ]
            }
            coop.products = random.below(2) == 0 ? ["Gạo; nếp", "[Rau]", text(3)] : []
            coop.valueChains = random.below(3) == 0 ? [text(4)] : []
            coop.digital = random.below(3) == 0 ? ["Sàn TMĐT", "Truy xuất, QR"] : []
            if random.below(3) == 0 {
                coop.receptionHours = [
                    TimeWindow(start: 7 * 60 + 30, end: 11 * 60), TimeWindow(start: 13 * 60 + 30, end: 16 * 60 + 45),
                ]
            }
            coop.pilot = random.below(4) == 0
            if random.below(2) == 0 { coop.achievements = text(random.int(1...40)) }
            if random.below(3) == 0 { coop.note = "=SUM(A1) " + text(3) }
            coop.otherNames = random.below(4) == 0 ? ["Tên cũ; khác", text(2)] : []
            coop.illustrative = random.below(2) == 0
            return coop
        }
    }

    @Test("generated catalogs export and import back as the same records", arguments: ["csv", "xlsx", "json"])
    func generatedCatalogs(format: String) throws {
        for seed in [1, 2, 3] as [UInt64] {
            let source = try makeCatalogWithUnits()
            _ = try source.addAll(ExportRoundTripTests.generated(seed: seed, count: 40), origin: origin)
            let before = try source.allCooperatives()
            let data = try CatalogExporter.export(before, format: format, publicOnly: false)
            let target = try makeCatalogWithUnits()
            let report = try importFile(target, try temporaryFile("out.\(format)", [UInt8](data)))
            #expect(report.errors.isEmpty, "seed \(seed): \(report.errors.prefix(3).map { $0.text(.en) })")
            let after = try target.allCooperatives()
            #expect(after.count == before.count, "seed \(seed): \(before.count) records, \(after.count) back")
            for (a, b) in zip(before, after) {
                let x = try ExportRoundTripTests.fields(a)
                let y = try ExportRoundTripTests.fields(b)
                let differing = x.keys.filter { $0 != "id" && x[$0] != y[$0] }.sorted()
                let shown = differing.map { "\($0): \(x[$0]!.prefix(300)) ≠ \(y[$0]!.prefix(300))" }
                #expect(differing.isEmpty, "seed \(seed), \(format), \(a.name): \(shown.joined(separator: "; "))")
            }
            // The same file into the catalog it came from changes nothing.
            let again = try importFile(source, try temporaryFile("again.\(format)", [UInt8](data)))
            #expect(again.unchanged == before.count && again.updated == 0 && again.added == 0, "seed \(seed)")
        }
    }

    /// Each key of a record's `coop show` JSON and its value as JSON text.
    static func fields(_ record: Cooperative) throws -> [String: String] {
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(JSONText.encode(record).utf8)) as? [String: Any])
        return try object.mapValues {
            String(
                decoding: try JSONSerialization.data(withJSONObject: $0, options: [.sortedKeys, .fragmentsAllowed]),
                as: UTF8.self)
        }
    }

    @Test("one size rule both ways: a list past 1 MB is refused on every way in, one under it round-trips")
    func sizeRule() throws {
        let catalog = try makeCatalog()
        var big = Cooperative(name: "HTX Lớn")
        big.district = "Gia Lâm"
        big.awards = (0..<2_000).map { _ in
            Award(title: String(repeating: "B", count: 1_000), level: .certificate, issuer: "x", year: 2020)
        }
        #expect(throws: CatalogError.self) { try catalog.addAll([big], origin: origin) }
        let json = try JSONText.encode([big], pretty: false)
        let refused = try importFile(catalog, try temporaryFile("biga.json", Array(json.utf8)))
        #expect(!refused.committed && refused.errors.first?.column == "awards")
    }
}
