import Foundation
import HTXCore
import HTXTestSupport
import Testing

@testable import HTXShortlist

let profileText = try! String(
    contentsOf: Fixtures.seeds.url.appendingPathComponent("shortlist-profile.yaml"), encoding: .utf8)

@Suite("Shortlist")
struct ShortlistTests {
    @Test("the default profile parses; bad profiles say what is wrong")
    func profile() throws {
        let profile = try CriteriaProfile.parse(yaml: profileText, file: "shortlist-profile.yaml")
        #expect(profile.name == "mac-dinh" && profile.totalWeight == 100)
        #expect(profile.filters.minGrade == "Khá" && profile.filters.legalForms.count == 3)
        #expect(throws: UserError.self) {
            try CriteriaProfile.parse(yaml: "name: x\ncriteria:\n  luck: 5\n", file: "x.yaml")
        }
        #expect(throws: UserError.self) {
            try CriteriaProfile.parse(yaml: "name: x\ncriteria:\n  grade: -1\n", file: "x.yaml")
        }
        #expect(throws: UserError.self) { try CriteriaProfile.parse(yaml: "name: [unclosed\n", file: "x.yaml") }
    }

    @Test(
        "the exact selection equals a brute-force search on small instances, and quotas always hold", arguments: 0..<40)
    func exactness(seed: Int) throws {
        var random = SeededGenerator(seed: UInt64(seed) &+ 99)
        let count = Int.random(in: 6...13, using: &random)
        let sectors = ["A", "B", "C"]
        let districts = ["d1", "d2", "d3", "d4"]
        let candidates = (0..<count).map { _ in
            ShortlistSelector.Candidate(
                score: Double(Int.random(in: 0...60, using: &random)), sector: sectors.randomElement(using: &random)!,
                district: districts.randomElement(using: &random)!)
        }
        let size = Int.random(in: 2...5, using: &random)
        let minPerSector = Int.random(in: 0...1, using: &random)
        let maxPerDistrict: Int? = Bool.random(using: &random) ? Int.random(in: 1...2, using: &random) : nil
        let required: Set<Int> = Bool.random(using: &random) ? [Int.random(in: 0..<count, using: &random)] : []
        let selector = ShortlistSelector(size: size, minPerSector: minPerSector, maxPerDistrict: maxPerDistrict)
        // Brute force over every subset of the right size.
        let present = Set(candidates.map(\.sector))
        var best: Double?
        for mask in 0..<(1 << count) where mask.nonzeroBitCount == size {
            let picked = (0..<count).filter { mask & (1 << $0) != 0 }
            guard required.isSubset(of: picked) else { continue }
            if let maxPerDistrict,
                Dictionary(grouping: picked, by: { candidates[$0].district }).values.contains(where: {
                    $0.count > maxPerDistrict
                })
            {
                continue
            }
            if minPerSector > 0,
                present.contains(where: { sector in
                    picked.filter { candidates[$0].sector == sector }.count < minPerSector
                })
            {
                continue
            }
            let total = picked.reduce(0) { $0 + candidates[$1].score }
            if best == nil || total > best! { best = total }
        }
        if let best {
            let chosen = try selector.select(candidates, required: required)
            #expect(chosen.count == size)
            #expect(required.isSubset(of: chosen))
            #expect(chosen.reduce(0) { $0 + candidates[$1].score } == best)
            if let maxPerDistrict {
                #expect(
                    Dictionary(grouping: chosen, by: { candidates[$0].district }).values.allSatisfy {
                        $0.count <= maxPerDistrict
                    })
            }
            if minPerSector > 0 {
                #expect(present.allSatisfy { sector in chosen.contains { candidates[$0].sector == sector } })
            }
        } else {
            #expect(throws: ShortlistError.self) { try selector.select(candidates, required: required) }
        }
    }

    @Test("an impossible quota is named")
    func impossible() {
        let candidates = (0..<6).map {
            ShortlistSelector.Candidate(score: Double($0), sector: $0 < 5 ? "A" : "B", district: "d1")
        }
        #expect(throws: ShortlistError.quotasCannotFill(maxPerDistrict: 2, minPerSector: 0, size: 3)) {
            try ShortlistSelector(size: 3, maxPerDistrict: 2).select(candidates)
        }
        #expect(throws: ShortlistError.sectorQuotaCannotHold(sector: "B", available: 1, required: 2)) {
            try ShortlistSelector(size: 4, minPerSector: 2).select(candidates)
        }
    }

    @Test("missing figures lower the confidence and are named, they do not crash or drop the cooperative")
    func missingData() throws {
        let profile = try CriteriaProfile.parse(yaml: profileText, file: "p.yaml")
        var full = Cooperative(name: "HTX Đủ")
        full.id = 1
        full.figures = [
            YearlyFigures(year: 2019, revenue: 1000, profit: 50, memberIncome: 70),
            YearlyFigures(year: 2020, revenue: 1300, profit: 80, memberIncome: 80),
        ]
        full.grades = [Grade(year: 2020, scheme: "TT01/2020", score: 85, grade: "Tốt")]
        full.founded = "2001"
        full.certifications = [
            Certification(kind: .ocop, product: "Gạo", stars: 4), Certification(kind: .ocop, product: "Bún", stars: 3),
        ]
        var bare = full
        bare.id = 2
        bare.name = "HTX Thiếu"
        bare.figures = []
        let scores = [full, bare].map { CooperativeScore($0, profile: profile, year: 2020) }
        #expect(scores[0].confidence > scores[1].confidence)
        #expect(scores[1].missing.contains(.revenueGrowth) && scores[1].missing.contains(.profitableYears))
        #expect(scores[0].reasons.map(\.vi).contains("OCOP 4 sao (2 sản phẩm)"))
        #expect(scores[0].reasons.map(\.vi).contains("doanh thu tăng 30%/năm (2019–2020)"))
        let record = try ShortlistBuilder(profile: profile, options: .init(size: 2)).build(
            name: "t", coops: [full, bare], builtAt: "2021-10-01")
        #expect(record.entries.map(\.name) == ["HTX Đủ", "HTX Thiếu"])
        #expect(record.entries[1].reasons.last?.hasPrefix("thiếu dữ liệu:") == true)
    }
}
