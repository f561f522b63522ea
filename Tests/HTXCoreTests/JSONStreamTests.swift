import Foundation
import Testing

@testable import HTXCore

/// The JSON writer streams (review of 2026-12-07, finding 4: every JSON output was quadratic in its length).
@Suite("JSON stream")
struct JSONStreamTests {
    struct Nested: Encodable {
        var name: String
        var empty: [Int] = []
        var emptyObject: [String: Int] = [:]
        var nothing: String?
        var numbers: [Double] = [0, -0.5, 1e-05, 12.3456789, 1e300, .nan]
        var matrix: [[Int]] = [[0, 12], [12, 0]]
        var inner: [Nested] = []
        var map: [String: [Int]] = ["b": [1], "a": []]
        var flag = true
        var when = Date(timeIntervalSince1970: 1_634_716_800)
        var window = TimeWindow(start: 480, end: 690)
    }

    @Test("the stream writes exactly what the node tree wrote, pretty and compact")
    func sameAsTree() throws {
        let texts = [
            "", "\"", "\\", "a\nb\rc\td", "\u{01}\u{1F}", "ả\u{2028}x\u{2029}", "HTX Unicode 😀 עברית", "=SUM(A1)",
            String(repeating: "Đ", count: 5_000) + "\"",
        ]
        var values: [Nested] = texts.map { Nested(name: $0) }
        values.append(Nested(name: "lồng", inner: [Nested(name: "a"), Nested(name: "b", inner: [Nested(name: "c")])]))
        var random = SeededGenerator(seed: 7)
        var coops: [Cooperative] = []
        for index in 0..<200 {
            var coop = Cooperative(name: "HTX \(index) " + random.pick(texts))
            coop.taxCode = random.below(2) == 0 ? "0100233488" : nil
            coop.figures = (0..<random.below(4)).map {
                YearlyFigures(year: 2018 + $0, revenue: random.unit() * 1e4, profit: nil, members: random.below(900))
            }
            coop.contacts = random.below(2) == 0 ? [Contact(role: "Giám đốc", name: "A", phone: "+84912345678")] : []
            coop.receptionHours = random.below(2) == 0 ? TimeWindow.officeHours : []
            coop.location = random.below(2) == 0 ? GeoPoint(lat: 21 + random.unit(), lon: 105.8) : nil
            if random.below(2) == 0 {
                coop.id = Int64(index)
                coop.unit2025 = AdminUnit(code: "00454", name: "Đông Anh", type: "xã")
                coop.sectors = [.agriculture, .tourism]
                coop.founded = "2001"
                coop.members = 120
                coop.employees = 0
                coop.charterCapital = 12.3456789
                coop.grades = [Grade(year: 2021, scheme: "TT01/2020", score: nil, grade: "Tốt")]
                coop.certifications = [Certification(kind: .ocop, product: "Gạo", stars: 4, year: 2021)]
                coop.awards = [Award(title: "Bằng khen", level: .meritCity, issuer: nil, year: 2020)]
                coop.otherNames = ["Tên cũ"]
                coop.products = ["Gạo; nếp"]
                coop.valueChains = []
                coop.digital = ["QR"]
                coop.pilot = true
                coop.illustrative = true
                coop.achievements = random.pick(texts)
                coop.note = "ghi chú"
            }
            coops.append(coop)
        }
        for pretty in [true, false] {
            #expect(try JSONText.encode(values, pretty: pretty) == JSONText.encodeByTree(values, pretty: pretty))
            #expect(try JSONText.encode(coops, pretty: pretty) == JSONText.encodeByTree(coops, pretty: pretty))
            for value in values {
                #expect(try JSONText.encode(value, pretty: pretty) == JSONText.encodeByTree(value, pretty: pretty))
            }
            #expect(
                try JSONText.encode([[1, 2], [3]], pretty: pretty)
                    == JSONText.encodeByTree([[1, 2], [3]], pretty: pretty))
            #expect(try JSONText.encode([String: Int](), pretty: pretty) == "{}")
            #expect(try JSONText.encode([Int](), pretty: pretty) == "[]")
            #expect(try JSONText.encode(Optional<Int>.none, pretty: pretty) == "null")
        }
        #expect(try JSONSerialization.jsonObject(with: Data(JSONText.encode(values).utf8)) is [Any])
    }

    @Test("a list of 300,000 records is written in linear time")
    func linear() throws {
        struct Row: Encodable {
            var id: Int
            var name: String
            var grade: String?
        }
        let rows = (0..<300_000).map { Row(id: $0, name: "HTX Thử nghiệm số \($0)", grade: $0 % 2 == 0 ? "Tốt" : nil) }
        let started = Date()
        let text = try JSONText.encodeBytes(rows)
        // The quadratic writer copied the list on every append: 300,000 rows took many minutes.
        #expect(Date().timeIntervalSince(started) < 20, "\(Date().timeIntervalSince(started)) s")
        #expect(text.count > 15_000_000)
    }
}
