import Foundation
import HTXCore
import HTXTestSupport
import Testing

@testable import HTXCatalog

/// The money units of headers and cells: scale words × currency words in any case, order and spacing; a unit htx
/// cannot read refuses the column. Review of 2026-12-07, finding 1: "(triệu VNĐ)" imported 10⁶ too small.
@Suite("Units of money")
struct UnitReaderTests {
    /// A scale word as people write it, with its power of ten and whether it names a scale on its own.
    struct Scale {
        var text: String
        var power: Int
        var named: Bool
    }

    static let scales: [Scale?] = [
        nil, Scale(text: "nghìn", power: 3, named: true), Scale(text: "ngàn", power: 3, named: true),
        Scale(text: "triệu", power: 6, named: true), Scale(text: "tr", power: 6, named: true),
        Scale(text: "tr.", power: 6, named: true), Scale(text: "tỷ", power: 9, named: true),
        Scale(text: "tỉ", power: 9, named: true), Scale(text: "1.000", power: 3, named: false),
        Scale(text: "1000", power: 3, named: false), Scale(text: "1.000.000", power: 6, named: false),
    ]
    static let currencies = ["", "đồng", "đ", "VNĐ", "VND", "vnđ", "Vnđ", "₫", "Đồng"]
    static let cases: [@Sendable (String) -> String] = [
        { $0 }, { $0.uppercased() }, { $0.lowercased() }, { $0.prefix(1).uppercased() + $0.dropFirst() },
    ]
    static let wrappers = ["(%@)", " %@", ", %@", " - %@", " (ĐVT: %@)", " (đơn vị tính: %@)", "( %@ )"]
    /// Each money column, with what it may be per.
    static let columns: [(label: String, role: @Sendable (MoneyScale) -> ColumnRole, pers: [String])] = [
        ("Doanh thu 2020", { .yearly(.revenue, year: 2020, scale: $0) }, ["", "/năm", " / năm"]),
        ("Lợi nhuận 2020", { .yearly(.profit, year: 2020, scale: $0) }, ["", "/năm"]),
        (
            "Thu nhập bình quân thành viên 2020", { .yearly(.memberIncome, year: 2020, scale: $0) },
            ["", "/người/năm", " / người / năm", "/tv/năm", "/thành viên/năm", "/năm", "/người"]
        ),
        ("Vốn điều lệ", { .field("charterCapital", scale: $0) }, [""]),
    ]

    /// What a unit made of `scale` and `currency` must read as: a scale, no unit (nil), or a refusal.
    static func expected(_ scale: Scale?, _ currency: String) -> UnitPhrase.MoneyReading {
        switch (scale, currency.isEmpty) {
        case (nil, true): return .none
        case (nil, false): return .scale(MoneyScale(exponent: -6))
        case (let scale?, false): return .scale(MoneyScale(exponent: scale.power - 6))
        case (let scale?, true): return scale.named ? .scale(MoneyScale(exponent: scale.power - 6)) : .unreadable
        }
    }

    @Test("every scale word × currency word × case × order × spacing × wrapper × per-part reads as its scale")
    func everyCombination() {
        let recognizer = HeaderRecognizer()
        var checked = 0
        var wrong: [String] = []
        for column in UnitReaderTests.columns {
            for scale in UnitReaderTests.scales {
                for currency in UnitReaderTests.currencies {
                    let expected = UnitReaderTests.expected(scale, currency)
                    for spacing in [" ", "", "  "] {
                        let words = [scale?.text, currency.isEmpty ? nil : currency].compactMap { $0 }
                        for order in Set([
                            words.joined(separator: spacing), words.reversed().joined(separator: spacing),
                        ]) {
                            for change in UnitReaderTests.cases {
                                // Every combination above, each with a wrapper and a per-part in turn.
                                let wrappers = UnitReaderTests.wrappers
                                let wrapper = order.isEmpty ? "(%@)" : wrappers[checked % wrappers.count]
                                let per = order.isEmpty ? "" : column.pers[(checked / 7) % column.pers.count]
                                let unit = change(order + per)
                                let header = column.label + wrapper.replacingOccurrences(of: "%@", with: unit)
                                let want: ColumnRole?
                                switch expected {
                                case .none, .notUnit: want = column.role(.million)
                                case .scale(let scale): want = column.role(scale)
                                case .unreadable: want = .unreadableUnit(field: column.role(.million).mapTarget)
                                }
                                checked += 1
                                let got = recognizer.role(of: header)
                                if got != want { wrong.append("\(header): \(String(describing: got))") }
                            }
                        }
                    }
                }
            }
        }
        #expect(checked > 5_000)
        #expect(wrong.isEmpty, "\(wrong.count) of \(checked) wrong, such as \(wrong.prefix(8))")
    }

    @Test("the review's headers: (triệu VNĐ), (triệu đ), (Triệu VND), (triệu VNĐ/người/năm)")
    func reviewHeaders() {
        let recognizer = HeaderRecognizer()
        #expect(recognizer.role(of: "Doanh thu 2020 (triệu VNĐ)") == .yearly(.revenue, year: 2020, scale: .million))
        #expect(recognizer.role(of: "Vốn điều lệ (triệu VNĐ)") == .field("charterCapital", scale: .million))
        #expect(recognizer.role(of: "Lợi nhuận 2020 (triệu đ)") == .yearly(.profit, year: 2020, scale: .million))
        #expect(recognizer.role(of: "Doanh thu 2020 (Triệu VND)") == .yearly(.revenue, year: 2020, scale: .million))
        #expect(
            recognizer.role(of: "Thu nhập bình quân thành viên 2020 (triệu VNĐ/người/năm)")
                == .yearly(.memberIncome, year: 2020, scale: .million))
        #expect(
            recognizer.role(of: "Doanh thu năm 2020 (tỷ đồng)")
                == .yearly(.revenue, year: 2020, scale: .init(exponent: 3)))
        #expect(
            recognizer.role(of: "Doanh thu (triệu đồng) năm 2020") == .yearly(.revenue, year: 2020, scale: .million))
    }

    @Test("units htx cannot read refuse the column: other currencies, months, percentages, per person on revenue")
    func unreadable() {
        let recognizer = HeaderRecognizer()
        for header in [
            "Doanh thu 2020 (USD)", "Doanh thu 2020 ($)", "Doanh thu 2020 (triệu USD)", "Vốn điều lệ (EUR)",
            "Doanh thu 2020 (đô la)", "Doanh thu 2020 (triệu đồng/tháng)", "Lợi nhuận 2020 (%)",
            "Thu nhập bình quân thành viên 2020 (triệu đồng/người/tháng)", "Doanh thu 2020 (triệu đồng/người)",
            "Vốn điều lệ (triệu đồng/năm)", "Doanh thu 2020 (1000)", "Doanh thu 2020 (k)",
            "Thu nhập bình quân thành viên 2020 (nghìn đồng/hộ/năm)", "Doanh thu 2020 (nhân dân tệ)",
            "Doanh thu 2020 (triệu đồng ước tính)",
        ] {
            guard case .unreadableUnit? = recognizer.role(of: header) else {
                Issue.record("\(header) read as \(String(describing: recognizer.role(of: header)))")
                continue
            }
        }
    }

    @Test("labels that hold unit words are labels: Người liên hệ, Số lao động (người), Số xã viên, e-mail")
    func labelsWithUnitWords() {
        let recognizer = HeaderRecognizer()
        #expect(recognizer.role(of: "Người liên hệ") == .contact(.name))
        #expect(recognizer.role(of: "Người đại diện") == .contact(.name))
        #expect(recognizer.role(of: "Số lao động (người)") == .field("employees", scale: .million))
        #expect(recognizer.role(of: "Số lao động") == .field("employees", scale: .million))
        #expect(recognizer.role(of: "Số xã viên") == .field("members", scale: .million))
        #expect(recognizer.role(of: "Số thành viên (người)") == .field("members", scale: .million))
        #expect(recognizer.role(of: "Số thành viên 2021 (người)") == .yearly(.members, year: 2021, scale: .million))
        #expect(recognizer.role(of: "Email") == .contact(.email))
        #expect(recognizer.role(of: "ID") == .recordKey)
        #expect(recognizer.role(of: "Sao OCOP") == .ocopStars)
        #expect(recognizer.role(of: "Màu cờ (đỏ)") == nil)
    }

    @Test("a mapped column keeps its header's unit, or the unit its map line names; an unreadable one is refused")
    func mapped() throws {
        let map = try HeaderRecognizer.parseMap(
            """
            DT 2020 (triệu VNĐ) = revenue 2020
            Tiền vốn (₫) = charterCapital
            Doanh số lạ 2021 (USD) = revenue 2021
            Doanh số ước 2022 (khoảng) = revenue 2022 (tỷ đồng)
            Thu 2023 = revenue 2023
            """, file: "m.txt")
        let recognizer = HeaderRecognizer(map: map)
        #expect(recognizer.role(of: "DT 2020 (triệu VNĐ)") == .yearly(.revenue, year: 2020, scale: .million))
        #expect(recognizer.role(of: "Tiền vốn (₫)") == .field("charterCapital", scale: MoneyScale(exponent: -6)))
        #expect(recognizer.role(of: "Doanh số lạ 2021 (USD)") == .unreadableUnit(field: "revenue 2021"))
        #expect(
            recognizer.role(of: "Doanh số ước 2022 (khoảng)")
                == .yearly(.revenue, year: 2022, scale: .init(exponent: 3)))
        #expect(recognizer.role(of: "Thu 2023") == .yearly(.revenue, year: 2023, scale: .million))
        #expect(throws: UserError.self) { try HeaderRecognizer.parseMap("A = revenue 2020 (USD)\n", file: "m") }
        #expect(throws: UserError.self) { try HeaderRecognizer.parseMap("A = members (triệu đồng)\n", file: "m") }
    }

    @Test("a cell's own unit, applied to the decimal as written: nothing rounded, nothing multiplied in binary")
    func cells() {
        #expect(CellValue.money("1,5 tỷ", scale: .million) == 1500)
        #expect(CellValue.money("2 tỉ", scale: .million) == 2000)
        #expect(CellValue.money("5 tr.đ", scale: .million) == 5)
        #expect(CellValue.money("300 nghìn đồng", scale: .million) == 0.3)
        #expect(CellValue.money("1.200.000.000 VNĐ", scale: .million) == 1200)
        #expect(CellValue.money("1234567 đ", scale: .million) == 1.234567)
        #expect(CellValue.money("1234567", scale: MoneyScale(exponent: -6)) == 1.234567)
        #expect(CellValue.money("12,3456789", scale: .million) == 12.3456789)
        #expect(CellValue.money("1,1", scale: MoneyScale(exponent: 3)) == 1100)
        #expect(CellValue.money("2E+10", scale: MoneyScale(exponent: -6)) == 20_000)
        #expect(CellValue.money("10 USD", scale: .million) == nil)
        #expect(CellValue.money("5 triệu/tháng", scale: .million) == nil)
    }

    @Test("an import names the file, column and header of a unit it cannot read, and writes nothing")
    func importRefuses() throws {
        let cli = try CLI()
        try cli.run(["init"])
        let file = cli.directory.appendingPathComponent("h.csv")
        try Data("Tên HTX,Quận/huyện,Doanh thu 2020 (USD)\nHTX P1,Gia Lâm,5000\n".utf8).write(to: file)
        let result = try cli.run(["import", file.path])
        #expect(result.code == 1, "\(result.stderr)")
        #expect(result.stderr.contains("h.csv, cột 3 \"Doanh thu 2020 (USD)\""), "\(result.stderr)")
        #expect(try cli.run(["coop", "list", "--format", "csv"]).stdout.split(separator: "\n").count == 1)
        // The review's file: 5,000 million and 300 million, not 0.005 and 0.0003.
        let review = cli.directory.appendingPathComponent("r.csv")
        try Data(
            ("Tên HTX,Quận/huyện,Doanh thu 2020 (triệu VNĐ),Vốn điều lệ (triệu VNĐ),"
                + "Thu nhập bình quân thành viên 2020 (triệu VNĐ/người/năm)\nHTX P1,Gia Lâm,5000,300,95\n").utf8
        ).write(to: review)
        #expect(try cli.run(["import", review.path]).code == 0)
        let record = try #require(try cli.json(["coop", "show", "1"]) as? [String: Any])
        #expect(record["charterCapital"] as? Double == 300)
        let figures = try #require(record["figures"] as? [[String: Any]])
        #expect(figures.first?["revenue"] as? Double == 5000)
        #expect(figures.first?["memberIncome"] as? Double == 95)
    }
}
