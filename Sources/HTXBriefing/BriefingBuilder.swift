import Foundation
import HTXCore
import HTXDocument
import HTXItinerary

/// Builds the briefing packet of an itinerary as a format-neutral document: cover with the administrative header,
/// the programme by day, a route map, a comparison table, one sheet per cooperative in visit order, and an annex
/// of contacts. It writes no file.
public struct BriefingBuilder: Sendable {
    public var settings: BriefingSettings
    public var report: ItineraryReport
    public var instance: ItineraryInstance
    /// The visited cooperatives' records, by the itinerary's site id.
    public var cooperatives: [String: Cooperative]
    /// Why each was shortlisted (the shortlist's reasons), by site id.
    public var reasons: [String: [String]]
    /// District centres for the map's labels.
    public var districts: [District]

    public init(
        settings: BriefingSettings, report: ItineraryReport, instance: ItineraryInstance,
        cooperatives: [String: Cooperative],
        reasons: [String: [String]] = [:], districts: [District] = []
    ) {
        self.settings = settings
        self.report = report
        self.instance = instance
        self.cooperatives = cooperatives
        self.reasons = reasons
        self.districts = districts
    }

    /// The visits in programme order.
    var visits: [(day: Int, stop: ItineraryReport.Stop)] {
        report.days.enumerated().flatMap { day, schedule in schedule.stops.map { (day, $0) } }
    }

    /// The latest year of figures among the visited cooperatives.
    var dataYear: Int { cooperatives.values.flatMap { $0.figures.map(\.year) }.max() ?? 0 }

    public func packet() -> Document {
        var blocks: [Block] = cover()
        blocks += programme()
        blocks.append(.pageBreak)
        blocks += map()
        blocks += comparison()
        for (index, visit) in visits.enumerated() {
            blocks.append(.pageBreak)
            blocks += sheet(
                index + 1, visit.stop,
                previous: index > 0 && visits[index - 1].day == visit.day
                    ? visits[index - 1].stop.name : instance.start.name)
        }
        blocks.append(.pageBreak)
        blocks += annex()
        let footer =
            "Số liệu đến năm \(dataYear) · Bản \(settings.revision) · \(settings.placeAndDate)"
            + (settings.publicOnly ? " · Bản công khai" : "")
        return Document(
            info: Document.Info(
                title: "Chương trình làm việc của \(settings.delegation)", author: settings.issuingAgencyName,
                subject: "Khảo sát mô hình HTX điển hình", footer: footer), blocks: blocks)
    }

    /// The header block of Nghị định 30/2020 and the document's title.
    func cover() -> [Block] {
        let left = [
            Paragraph(settings.parentAgency, alignment: .center, size: 12),
            Paragraph([.bold(settings.issuingAgency)], alignment: .center, size: 12),
            Paragraph("―――――", alignment: .center, size: 8), Paragraph(settings.number, alignment: .center),
        ]
        let right = [
            Paragraph([.bold("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")], alignment: .center, size: 12),
            Paragraph([.bold("Độc lập - Tự do - Hạnh phúc")], alignment: .center),
            Paragraph("――――――――――", alignment: .center, size: 8),
            Paragraph([.italic(settings.placeAndDate)], alignment: .center),
        ]
        var blocks: [Block] = [
            .table(Table(widths: [0.42, 0.58], rows: (0..<4).map { [left[$0], right[$0]] }, borders: false))
        ]
        blocks.append(.heading(1, "Chương trình làm việc", anchor: "chuong-trinh"))
        blocks.append(
            .paragraph(
                Paragraph(
                    [
                        .bold(
                            "\(settings.delegation) khảo sát mô hình hợp tác xã điển hình trên địa bàn thành phố Hà Nội"
                        )
                    ], alignment: .center)))
        blocks.append(.rule(fraction: 0.25))
        let km = VietnameseNumber.format(report.totalDistanceKm, decimals: 1)
        blocks.append(
            .paragraph(
                Paragraph(
                    "Thực hiện Kế hoạch số 231/KH-UBND của Ủy ban nhân dân Thành phố về tổng kết 20 năm thực hiện Nghị quyết số 13-NQ/TW về kinh tế tập thể, \(settings.issuingAgencyName) xây dựng chương trình làm việc của Đoàn tại \(visits.count) hợp tác xã trong \(report.days.filter { !$0.stops.isEmpty }.count) ngày (khoảng \(km) km đường bộ) như sau:",
                    indent: true)))
        return blocks
    }

    /// The programme by day: Thời gian | Nội dung | Địa điểm | Thành phần/Đơn vị chuẩn bị.
    func programme() -> [Block] {
        var blocks: [Block] = []
        let header = [
            ["Thời gian", "Nội dung", "Địa điểm", "Thành phần/Đơn vị chuẩn bị"].map {
                Paragraph([.bold($0)], alignment: .center)
            }
        ]
        for (index, day) in report.days.enumerated() where !day.stops.isEmpty {
            blocks.append(.heading(2, day.date.map(VietnameseDate.dayHeading) ?? "Ngày \(index + 1)", anchor: nil))
            func row(_ time: String, _ what: String, _ place: String, _ who: String) -> [Paragraph] {
                [
                    Paragraph(time, alignment: .center), Paragraph(what, alignment: .left),
                    Paragraph(place, alignment: .left), Paragraph(who, alignment: .left),
                ]
            }
            let rows = day.programme.map { item -> [Paragraph] in
                let time = item.end.map { "\(item.start) - \($0)" } ?? item.start
                switch item.kind {
                case .departure:
                    return row(time, "Đoàn xuất phát", instance.start.name, "Văn phòng \(settings.issuingAgencyName)")
                case .visit(let stop):
                    let coop = cooperatives[stop.id]
                    let district =
                        coop?.district.map { name in
                            "UBND \(districts.first { $0.name == name }?.type.lowercased() ?? "quận/huyện") \(name)"
                        } ?? "UBND quận/huyện"
                    return row(
                        time, "Làm việc với \(stop.name): nghe báo cáo kết quả hoạt động, tham quan mô hình sản xuất",
                        coop?.address ?? stop.name, "\(stop.name); \(district); Liên minh HTX Thành phố")
                case .lunch: return row(time, "Nghỉ trưa", "", "")
                case .arrival: return row(time, "Đoàn về đến nơi xuất phát", instance.start.name, "")
                }
            }
            blocks.append(
                .table(
                    Table(widths: [0.18, 0.36, 0.26, 0.20], header: header, rows: rows))
            )
        }
        return blocks
    }

    /// The route map: start place, numbered stops, each day's route, district names and a scale bar.
    func map() -> [Block] {
        let points: [(String, GeoPoint)] = visits.compactMap { v in
            instance.sites.first { $0.place.id == v.stop.id }?.place.point.map { (v.stop.id, $0) }
        }
        guard let origin = instance.start.point, !points.isEmpty else { return [] }
        let all = points.map(\.1) + [origin]
        let width = 450.0
        let height = 320.0
        let margin = 24.0
        let minLat = all.map(\.lat).min()!
        let maxLat = all.map(\.lat).max()!
        let minLon = all.map(\.lon).min()!
        let maxLon = all.map(\.lon).max()!
        let kmPerLon = 111.32 * cos(origin.lat * .pi / 180)
        let kmPerLat = 110.57
        let spanX = max(0.01, (maxLon - minLon) * kmPerLon)
        let spanY = max(0.01, (maxLat - minLat) * kmPerLat)
        let scale = min((width - 2 * margin) / spanX, (height - 2 * margin) / spanY)
        func project(_ p: GeoPoint) -> (x: Double, y: Double) {
            (margin + (p.lon - minLon) * kmPerLon * scale, height - margin - (p.lat - minLat) * kmPerLat * scale)
        }
        var shapes: [Drawing.Shape] = [.rect(x: 0, y: 0, width: width, height: height, fillGray: 0.97)]
        for district in districts {
            let p = project(district.centre)
            guard p.x > 0, p.x < width, p.y > 0, p.y < height else { continue }
            shapes.append(.circle(x: p.x, y: p.y, radius: 1.2, fillGray: 0.6))
            shapes.append(.text(x: p.x, y: p.y - 3, district.name, size: 7, bold: false, anchor: .center))
        }
        for (day, schedule) in report.days.enumerated() where !schedule.stops.isEmpty {
            let route =
                [origin]
                + schedule.stops.compactMap { stop in instance.sites.first { $0.place.id == stop.id }?.place.point } + [
                    origin
                ]
            shapes.append(.polyline(route.map(project), width: 1.2, gray: day % 2 == 0 ? 0.2 : 0.5))
        }
        let o = project(origin)
        shapes.append(.rect(x: o.x - 4, y: o.y - 4, width: 8, height: 8, fillGray: 0))
        shapes.append(.text(x: o.x + 6, y: o.y + 10, "Nơi xuất phát", size: 8, bold: true, anchor: .left))
        for (index, (_, point)) in points.enumerated() {
            let p = project(point)
            shapes.append(.circle(x: p.x, y: p.y, radius: 7, fillGray: 1))
            shapes.append(.text(x: p.x, y: p.y + 3, String(index + 1), size: 8, bold: true, anchor: .center))
        }
        // A scale bar of a round number of km about a fifth of the width.
        let target = (width / 5) / scale
        let bar = [1.0, 2, 5, 10, 20, 50].last { $0 <= max(1, target) } ?? 1
        shapes.append(
            .line(x1: margin, y1: height - 10, x2: margin + bar * scale, y2: height - 10, width: 1.5, gray: 0))
        shapes.append(
            .text(x: margin + bar * scale + 4, y: height - 7, "\(Int(bar)) km", size: 8, bold: false, anchor: .left))
        let legend = visits.enumerated().map { "\($0.offset + 1). \($0.element.stop.name)" }.joined(separator: "; ")
        return [
            .heading(2, "Sơ đồ lộ trình", anchor: "so-do"),
            .drawing(
                Drawing(
                    width: width, height: height, shapes: shapes,
                    caption: "Sơ đồ lộ trình (vẽ theo toạ độ, không theo tỉ lệ đường đi): \(legend)")),
        ]
    }

    /// The comparison table of the visited cooperatives.
    func comparison() -> [Block] {
        let year = dataYear
        let header = [
            [
                "TT", "Hợp tác xã", "Quận/huyện", "Lĩnh vực", "Doanh thu \(year) (tr.đ)", "Lợi nhuận \(year) (tr.đ)",
                "Thành viên", "Xếp loại", "OCOP",
            ]
            .map { Paragraph([.bold($0)], alignment: .center, size: 11) }
        ]
        let rows = visits.enumerated().map { index, visit -> [Paragraph] in
            let coop = cooperatives[visit.stop.id]
            let figure = coop?.figures.first { $0.year == year }
            let ocop =
                coop?.certifications.filter { $0.kind == .ocop }.compactMap(\.stars).max().map { "\($0) sao" } ?? ""
            return [
                String(index + 1), visit.stop.name, coop?.district ?? "", coop?.sectors.first?.shortLabel ?? "",
                figure?.revenue.map { VietnameseNumber.format($0) } ?? "–",
                figure?.profit.map { VietnameseNumber.format($0) } ?? "–",
                coop?.members.map { VietnameseNumber.format(Double($0)) } ?? "–", coop?.latestGrade?.grade ?? "–", ocop,
            ]
            .enumerated().map { Paragraph($1, alignment: [1, 2, 3].contains($0) ? .left : .center, size: 11) }
        }
        return [
            .heading(2, "Các hợp tác xã Đoàn đến làm việc", anchor: "so-sanh"),
            .table(Table(widths: [0.05, 0.22, 0.13, 0.12, 0.11, 0.11, 0.09, 0.09, 0.08], header: header, rows: rows)),
        ]
    }

    /// One cooperative's sheet.
    func sheet(_ number: Int, _ stop: ItineraryReport.Stop, previous: String) -> [Block] {
        guard let coop = cooperatives[stop.id] else {
            return [.heading(2, "\(number). \(stop.name)", anchor: "htx-\(stop.id)")]
        }
        var blocks: [Block] = [.heading(2, "\(number). \(coop.name)", anchor: "htx-\(stop.id)")]
        if coop.illustrative { blocks.append(.paragraph(Paragraph([.italic("(Dữ liệu minh hoạ)")], alignment: .left))) }
        let facts: [(String, String?)] = [
            (
                "Thời gian làm việc",
                "\(stop.start) - \(stop.depart); từ \(previous): \(stop.travelMinutes) phút, \(VietnameseNumber.format(stop.distanceKm, decimals: 1)) km"
            ),
            ("Địa chỉ", coop.address), ("Quận/huyện (2021)", coop.district), ("Loại hình", coop.legalForm.label),
            ("Lĩnh vực", coop.sectors.map(\.label).joined(separator: "; ")), ("Thành lập", coop.founded),
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
            blocks.append(.drawing(chart(Array(figures))))
        }
        var record: [String] = coop.grades.sorted { $0.year > $1.year }.prefix(2).map { g in
            "Xếp loại \(g.grade) năm \(g.year)"
                + (g.score.map { " (\(VietnameseNumber.format($0, decimals: 1)) điểm, \(g.scheme))" } ?? "")
        }
        record += coop.certifications.map(\.summary)
        record += coop.awards.sorted { $0.level > $1.level }.map {
            "\($0.level.label)" + ($0.issuer.map { " – \($0)" } ?? "") + ($0.year.map { " (\($0))" } ?? "")
        }
        if !record.isEmpty {
            blocks.append(.heading(3, "Xếp loại, chứng nhận, khen thưởng", anchor: nil))
            blocks.append(.list(record.map { Paragraph($0, alignment: .left) }, ordered: false))
        }
        var why = reasons[stop.id] ?? []
        if let achievements = coop.achievements { why.append(achievements) }
        if !why.isEmpty {
            blocks.append(.heading(3, "Vì sao là mô hình điển hình", anchor: nil))
            blocks.append(.list(why.map { Paragraph($0, alignment: .justify) }, ordered: false))
        }
        blocks.append(.heading(3, "Gợi ý nội dung trao đổi", anchor: nil))
        blocks.append(
            .list(BriefingBuilder.discussionPoints(coop).map { Paragraph($0, alignment: .justify) }, ordered: true))
        if let host = coop.contacts.first {
            var line = host.role + (settings.publicOnly ? "" : host.name.map { ": \($0)" } ?? "")
            if !settings.publicOnly, let phone = host.phone {
                line += " · ĐT: \(PhoneNumber(e164: phone)?.national ?? phone)"
            }
            blocks.append(.paragraph(Paragraph([.bold("Người đón tiếp: "), Run(line)], alignment: .left)))
        }
        return blocks
    }

    /// Points for discussion drawn from the record: what the delegation can ask about.
    public static func discussionPoints(_ coop: Cooperative) -> [String] {
        var points: [String] = []
        if let ocop = coop.certifications.first(where: { $0.kind == .ocop }) {
            points.append(
                "Kinh nghiệm xây dựng, nâng hạng sản phẩm OCOP\(ocop.product.map { " \($0)" } ?? "") và mở rộng thị trường."
            )
        }
        if let chain = coop.valueChains.first {
            points.append("Cách tổ chức liên kết chuỗi giá trị: \(chain.prefix(1).lowercased() + chain.dropFirst()).")
        }
        if let digital = coop.digital.first {
            points.append("Hiệu quả ứng dụng chuyển đổi số (\(digital.prefix(1).lowercased() + digital.dropFirst())).")
        }
        let figures = coop.figuresByYear
        if figures.count >= 2, let a = figures[figures.count - 2].profit, let b = figures.last?.profit, b < a {
            points.append(
                "Nguyên nhân lợi nhuận năm \(figures.last!.year) giảm so với năm \(figures[figures.count - 2].year) và giải pháp khắc phục."
            )
        }
        if coop.pilot {
            points.append("Kết quả thí điểm mô hình hợp tác xã kiểu mới hoạt động hiệu quả (Quyết định 167/QĐ-TTg).")
        }
        points.append(
            "Khó khăn, vướng mắc về đất đai, vốn, thị trường; kiến nghị, đề xuất với Trung ương và Thành phố.")
        return points
    }

    /// A bar chart of revenue and profit by year.
    func chart(_ figures: [YearlyFigures]) -> Drawing {
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
                "\($0.year): \($0.revenue.map { VietnameseNumber.format($0) } ?? "–") / \($0.profit.map { VietnameseNumber.format($0) } ?? "–")"
            }.joined(separator: "; ")
        return Drawing(width: width, height: height, shapes: shapes, caption: caption)
    }

    /// The annex of contacts, roles only in a public packet.
    func annex() -> [Block] {
        let header = [
            ["TT", "Hợp tác xã", "Chức vụ", "Họ tên", "Điện thoại", "Email"].map {
                Paragraph([.bold($0)], alignment: .center, size: 11)
            }
        ]
        var rows: [[Paragraph]] = []
        for (index, visit) in visits.enumerated() {
            for contact in cooperatives[visit.stop.id]?.contacts ?? [] {
                let phone = contact.phone.map { PhoneNumber(e164: $0)?.national ?? $0 } ?? ""
                rows.append(
                    [
                        String(index + 1), visit.stop.name, contact.role, settings.publicOnly ? "" : contact.name ?? "",
                        settings.publicOnly ? "" : phone, settings.publicOnly ? "" : contact.email ?? "",
                    ].map { Paragraph($0, alignment: .left, size: 11) })
            }
        }
        var blocks: [Block] = [.heading(2, "Phụ lục: Danh sách liên hệ", anchor: "lien-he")]
        if settings.publicOnly {
            blocks.append(
                .paragraph(
                    Paragraph(
                        [.italic("Bản công khai: không in họ tên, số điện thoại và thư điện tử cá nhân.")],
                        alignment: .left)))
        }
        blocks.append(.table(Table(widths: [0.05, 0.27, 0.17, 0.17, 0.15, 0.19], header: header, rows: rows)))
        return blocks
    }
}
