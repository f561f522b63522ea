import Foundation
import HTXCore
import HTXDocument
import HTXItinerary

extension BriefingBuilder {
    /// One cooperative's sheet.
    func sheet(_ number: Int, _ stop: ItineraryReport.Stop, date: String?, previous: String) -> [Block] {
        guard let coop = cooperatives[stop.id] else {
            return [.heading(2, "\(number). \(stop.name)", anchor: "htx-\(stop.id)")]
        }
        var blocks: [Block] = [.heading(2, "\(number). \(coop.name)", anchor: "htx-\(stop.id)")]
        let facts: [(String, String?)] = [
            (
                "Thời gian làm việc",
                "\(stop.start) - \(stop.depart); từ \(previous): \(stop.travelMinutes) phút, "
                    + "\(VietnameseNumber.format(stop.distanceKm, decimals: 1)) km"
            ),
            ("Địa chỉ", coop.address), ("Địa bàn", OfficialText.place(coop, districts, on: date)),
            ("Loại hình", coop.legalForm.label),
            ("Lĩnh vực", coop.sectors.map(\.label).joined(separator: "; ")),
            ("Thành lập", coop.founded.map(OfficialText.founded)),
            ("Thành viên", coop.members.map { VietnameseNumber.format(Double($0)) }),
            ("Lao động", coop.employees.map { VietnameseNumber.format(Double($0)) }),
            ("Vốn điều lệ", coop.charterCapital.map { VietnameseNumber.format($0, decimals: 1) + " triệu đồng" }),
            ("Mã số thuế", coop.taxCode),
            ("Sản phẩm, dịch vụ chính", coop.products.isEmpty ? nil : coop.products.joined(separator: "; ")),
        ]
        blocks.append(
            .table(
                Table(
                    widths: [0.3, 0.7],
                    rows: facts.compactMap { key, value in
                        value.map { [Paragraph([.bold(key)], alignment: .left), Paragraph($0, alignment: .left)] }
                    })))
        let figures = coop.figuresByYear.suffix(3)
        if !figures.isEmpty {
            blocks.append(.heading(3, "Kết quả sản xuất, kinh doanh (triệu đồng)", anchor: nil))
            let header = [
                ["Năm", "Doanh thu", "Lợi nhuận", "Thu nhập BQ thành viên/năm", "Thành viên"].map {
                    Paragraph([.bold($0)], alignment: .center)
                }
            ]
            blocks.append(
                .table(
                    Table(
                        widths: [0.14, 0.22, 0.22, 0.24, 0.18], header: header,
                        rows: figures.map { f in
                            [
                                String(f.year), f.revenue.map { VietnameseNumber.format($0) } ?? "–",
                                f.profit.map { VietnameseNumber.format($0) } ?? "–",
                                f.memberIncome.map { VietnameseNumber.format($0, decimals: 1) } ?? "–",
                                f.members.map { VietnameseNumber.format(Double($0)) } ?? "–",
                            ]
                            .map { Paragraph($0, alignment: .center) }
                        })))
            blocks.append(.drawing(BriefingBuilder.figuresChart(Array(figures))))
        }
        var record: [String] = coop.grades.sorted { $0.year > $1.year }.prefix(2).map { g in
            "Xếp loại \(g.grade) năm \(g.year)"
                + (g.score.map { " (\(VietnameseNumber.format($0, decimals: 1)) điểm, \(SheetProse.scheme(g.scheme)))" }
                    ?? "")
        }
        record += coop.certifications.map(\.summary)
        record += coop.awards.sorted { $0.level > $1.level }.map(SheetProse.award)
        if !record.isEmpty {
            blocks.append(.heading(3, "Xếp loại, chứng nhận, khen thưởng", anchor: nil))
            blocks.append(.list(record.map { Paragraph($0, alignment: .left) }, ordered: false))
        }
        let order = criteria[stop.id] ?? Criterion.allCases.map(\.rawValue)
        var why = SheetProse.strengths(coop, criteria: order)
        if let achievements = coop.achievements { why.append(OfficialText.sentence(achievements)) }
        if !why.isEmpty {
            blocks.append(.heading(3, "Vì sao là mô hình điển hình", anchor: nil))
            blocks.append(.list(why.map { Paragraph($0, alignment: .justify) }, ordered: false))
        }
        blocks.append(.heading(3, "Gợi ý nội dung trao đổi", anchor: nil))
        blocks.append(
            .list(SheetProse.discussion(coop).map { Paragraph($0, alignment: .justify) }, ordered: true))
        if let host = coop.contacts.first {
            var line = host.role + (settings.publicOnly ? "" : host.name.map { ": \($0)" } ?? "")
            if !settings.publicOnly, let phone = host.phone {
                line += " · ĐT: \(PhoneNumber(e164: phone)?.national ?? phone)"
            }
            blocks.append(.paragraph(Paragraph([.bold("Người đón tiếp: "), Run(line)], alignment: .left)))
        }
        return blocks
    }

    /// A bar chart of revenue and profit by year (the sheet's, and the web's record page).
    public static func figuresChart(_ figures: [YearlyFigures]) -> Drawing {
        let width = 360.0
        let height = 150.0
        let base = 125.0
        let left = 40.0
        let top = max(1, figures.flatMap { [$0.revenue ?? 0, $0.profit ?? 0] }.max() ?? 1)
        var shapes: [Drawing.Shape] = [.line(x1: left, y1: base, x2: width - 10, y2: base, width: 0.8, gray: 0)]
        let slot = (width - left - 20) / Double(max(1, figures.count))
        for (index, figure) in figures.enumerated() {
            let x = left + slot * Double(index) + slot * 0.2
            for (offset, value, gray) in [
                (0.0, figure.revenue ?? 0, 0.35), (slot * 0.3, max(0, figure.profit ?? 0), 0.7),
            ] {
                let h = (base - 15) * value / top
                shapes.append(.rect(x: x + offset, y: base - h, width: slot * 0.28, height: h, fillGray: gray))
            }
            shapes.append(
                .text(x: x + slot * 0.29, y: base + 12, String(figure.year), size: 9, bold: false, anchor: .center))
        }
        shapes.append(.rect(x: left, y: 4, width: 8, height: 8, fillGray: 0.35))
        shapes.append(.text(x: left + 12, y: 11, "Doanh thu", size: 8, bold: false, anchor: .left))
        shapes.append(.rect(x: left + 70, y: 4, width: 8, height: 8, fillGray: 0.7))
        shapes.append(.text(x: left + 82, y: 11, "Lợi nhuận", size: 8, bold: false, anchor: .left))
        shapes.append(.text(x: left - 4, y: 20, VietnameseNumber.format(top), size: 7, bold: false, anchor: .right))
        let caption =
            "Doanh thu và lợi nhuận (triệu đồng): "
            + figures.map {
                "\($0.year): \($0.revenue.map { VietnameseNumber.format($0) } ?? "–") / "
                    + "\($0.profit.map { VietnameseNumber.format($0) } ?? "–")"
            }.joined(separator: "; ")
        return Drawing(width: width, height: height, shapes: shapes, caption: caption)
    }
}
