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
    /// The criteria each scored best on, best first (from the shortlist), by site id: the sheet writes its
    /// strengths from them.
    public var criteria: [String: [String]]
    /// District centres for the map's labels.
    public var districts: [District]
    /// District outlines the map is drawn on (none: names at the centres only), and the line their licence asks
    /// the map to print.
    public var boundaries: [DistrictBoundary]
    public var boundariesAttribution: String?

    public init(
        settings: BriefingSettings, report: ItineraryReport, instance: ItineraryInstance,
        cooperatives: [String: Cooperative],
        criteria: [String: [String]] = [:], districts: [District] = [], boundaries: [DistrictBoundary] = [],
        boundariesAttribution: String? = nil
    ) {
        self.boundaries = boundaries
        self.boundariesAttribution = boundariesAttribution
        self.settings = settings
        self.report = report
        self.instance = instance
        self.cooperatives = cooperatives
        self.criteria = criteria
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
        blocks += delegationList()
        blocks += programme()
        blocks += arrangements()
        blocks.append(OfficialBlocks.closing(settings, recipients: recipients))
        blocks.append(.pageBreak)
        blocks += map()
        blocks += comparison()
        // Once: `visits` is made afresh on every read, and each sheet looks at the visit before it.
        let visits = self.visits
        for (index, visit) in visits.enumerated() {
            blocks.append(.pageBreak)
            if index == 0 || visits[index - 1].day != visit.day {
                let date = report.days[visit.day].date.map(VietnameseDate.dayHeading)
                blocks.append(.bookmark("Ngày \(visit.day + 1)" + (date.map { ": \($0)" } ?? ""), level: 1))
            }
            blocks += sheet(
                index + 1, visit.stop, date: report.days[visit.day].date,
                previous: index > 0 && visits[index - 1].day == visit.day
                    ? visits[index - 1].stop.name : instance.start.name)
        }
        blocks.append(.pageBreak)
        blocks += annex()
        var footer = "Số liệu đến năm \(dataYear) · Bản \(settings.revision)"
        if settings.publicOnly {
            footer += " · Bản công khai"
        } else if settings.withoutVisitPeople {
            footer += " · Bản không ghi người của Đoàn"
        }
        if settings.illustrative { footer += " · Dữ liệu minh hoạ – không phải văn bản thật" }
        return Document(
            info: Document.Info(
                title: "Chương trình làm việc của \(settings.delegation)", author: settings.issuingAgencyName,
                subject: "Khảo sát mô hình HTX điển hình", footer: footer), blocks: blocks)
    }

    /// Those the programme is sent to, ending with the issuer's own copy.
    var recipients: [String] {
        [
            "- Ban Chỉ đạo Trung ương (để báo cáo);", "- UBND Thành phố (để báo cáo);", "- Sở Kế hoạch và Đầu tư;",
            "- \(OfficialText.localCommittees(report.days.first?.date)) có hợp tác xã được khảo sát;",
            "- Các hợp tác xã được khảo sát;",
            "- Lưu: VT, \(settings.symbol).",
        ]
    }

    /// The header block of Nghị định 30/2020 and the document's title.
    func cover() -> [Block] {
        var blocks: [Block] = [OfficialBlocks.header(settings, number: settings.number(kind: "CTr"))]
        blocks.append(.heading(1, "Chương trình làm việc", anchor: "chuong-trinh"))
        blocks.append(
            .paragraph(
                Paragraph(
                    [
                        .bold(
                            "\(settings.delegation) khảo sát mô hình hợp tác xã điển hình trên địa bàn thành phố Hà Nội"
                        )
                    ], alignment: .center, rule: .fraction(0.25))))
        let km = VietnameseNumber.format(report.totalDistanceKm, decimals: 1)
        blocks.append(
            .paragraph(
                Paragraph(
                    "Thực hiện Kế hoạch số 231/KH-UBND của Ủy ban nhân dân Thành phố về tổng kết 20 năm thực hiện "
                        + "Nghị quyết số 13-NQ/TW về kinh tế tập thể, \(settings.issuingAgencyName) xây dựng chương "
                        + "trình làm việc của Đoàn tại \(visits.count) hợp tác xã trong "
                        + "\(report.days.filter { !$0.stops.isEmpty }.count) ngày (khoảng \(km) km đường bộ) như sau:",
                    indent: true)))
        return blocks
    }

    /// The programme by day: Thời gian | Nội dung | Địa điểm | Thành phần/Đơn vị chuẩn bị.
    func programme() -> [Block] {
        var blocks: [Block] = [.heading(2, "Chương trình cụ thể", anchor: "lich")]
        for (index, day) in report.days.enumerated() where !day.stops.isEmpty {
            blocks.append(
                .heading(3, day.date.map(VietnameseDate.dayHeading) ?? "Ngày \(index + 1)", anchor: "ngay-\(index + 1)")
            )
            blocks.append(programmeTable(day))
        }
        return blocks
    }

    /// One day's programme table, as the packet and the letter's attachment print it.
    func programmeTable(_ day: ItineraryReport.Day) -> Block {
        let header = [
            ["Thời gian", "Nội dung", "Địa điểm", "Thành phần/Đơn vị chuẩn bị"].map {
                Paragraph([.bold($0)], alignment: .center)
            }
        ]
        func row(_ time: String, _ what: String, _ place: String, _ who: String) -> [Paragraph] {
            [
                Paragraph(time, alignment: .center), Paragraph(what, alignment: .left),
                Paragraph(place, alignment: .left), Paragraph(who, alignment: .left),
            ]
        }
        let lunchPlan = settings.visit.lunch
        let rows = day.programme.map { item -> [Paragraph] in
            let time = item.end.map { "\(item.start) - \($0)" } ?? item.start
            switch item.kind {
            case .departure:
                return row(time, "Đoàn xuất phát", instance.start.name, "Văn phòng \(settings.issuingAgencyName)")
            case .wait(let stop):
                return row(time, "Đoàn đến nơi, nghỉ chờ giờ đón tiếp", stop.name, "")
            case .visit(let stop):
                let coop = cooperatives[stop.id]
                let district =
                    coop.flatMap { OfficialText.localCommittee($0, districts, on: day.date) }
                    ?? (OfficialText.underUnits2025(day.date) ? "UBND xã/phường sở tại" : "UBND quận/huyện")
                return row(
                    time, "Làm việc với \(stop.name): nghe báo cáo kết quả hoạt động, tham quan mô hình sản xuất",
                    coop?.address ?? stop.name, "\(stop.name); \(district); Liên minh HTX Thành phố")
            case .lunch(let place):
                let at: String
                switch place {
                case .beforeLeaving, .afterReturning: at = instance.start.name
                case .after(let stop, _): at = lunchPlan?.place ?? "Tại \(stop.name)"
                case .onTheWay(let next): at = lunchPlan?.place ?? "Trên đường đến \(next.name)"
                case .before(let next): at = lunchPlan?.place ?? "Gần \(next.name)"
                }
                return row(time, "Nghỉ trưa", at, lunchPlan?.host ?? "")
            case .arrival: return row(time, "Đoàn về đến nơi xuất phát", instance.start.name, "")
            }
        }
        return .table(Table(widths: [0.18, 0.36, 0.26, 0.20], header: header, rows: rows))
    }

    /// The comparison table of the visited cooperatives.
    func comparison() -> [Block] {
        let year = dataYear
        // The place column in the form in force on the first visit day (SPEC §12).
        let underUnits = OfficialText.underUnits2025(report.days.first?.date)
        let header = [
            [
                "TT", "Hợp tác xã", underUnits ? "Xã/phường" : "Quận/huyện", "Lĩnh vực", "Doanh thu \(year) (tr.đ)",
                "Lợi nhuận \(year) (tr.đ)",
                "Thành viên", "Xếp loại", "OCOP",
            ]
            .map { Paragraph([.bold($0)], alignment: .center, size: 11) }
        ]
        let rows = visits.enumerated().map { index, visit -> [Paragraph] in
            let coop = cooperatives[visit.stop.id]
            let figure = coop?.figures.first { $0.year == year }
            let ocop =
                coop?.certifications.filter { $0.kind == .ocop }.compactMap(\.stars).max().map { "\($0) sao" } ?? ""
            let place: String? = underUnits ? coop?.unit2025?.fullName ?? coop?.commune : coop?.district
            return [
                String(index + 1), visit.stop.name, place ?? "",
                coop?.sectors.first?.shortLabel ?? "",
                figure?.revenue.map { VietnameseNumber.format($0) } ?? "–",
                figure?.profit.map { VietnameseNumber.format($0) } ?? "–",
                coop?.members.map { VietnameseNumber.format(Double($0)) } ?? "–", coop?.latestGrade?.grade ?? "–", ocop,
            ]
            .enumerated().map { Paragraph($1, alignment: [1, 2, 3].contains($0) ? .left : .center, size: 11) }
        }
        return [
            .heading(2, "Các hợp tác xã Đoàn đến làm việc", anchor: "so-sanh"),
            .table(Table(widths: [0.06, 0.21, 0.12, 0.12, 0.11, 0.11, 0.09, 0.09, 0.09], header: header, rows: rows)),
        ]
    }

    /// The annex of contacts, roles only in a public packet.
    func annex() -> [Block] {
        let header = [
            ["TT", "Hợp tác xã", "Chức vụ", "Họ tên", "Điện thoại", "Email"].map {
                Paragraph([.bold($0)], alignment: .center, size: 11)
            }
        ]
        var rows: [[Paragraph]] = []
        for visit in visits {
            for (position, contact) in (cooperatives[visit.stop.id]?.contacts ?? []).enumerated() {
                let phone = contact.phone.map { PhoneNumber(e164: $0)?.national ?? $0 } ?? ""
                rows.append(
                    [
                        String(rows.count + 1), position == 0 ? visit.stop.name : "", contact.role,
                        settings.publicOnly ? "" : contact.name ?? "", settings.publicOnly ? "" : phone,
                        settings.publicOnly ? "" : contact.email ?? "",
                    ].map { Paragraph($0, alignment: .left, size: 11) })
            }
        }
        var blocks: [Block] = [.heading(1, "Phụ lục: Danh sách liên hệ", anchor: "lien-he")]
        if settings.publicOnly {
            blocks.append(
                .paragraph(
                    Paragraph(
                        [.italic("Bản công khai: không in họ tên, số điện thoại và thư điện tử cá nhân.")],
                        alignment: .left)))
        }
        blocks.append(.table(Table(widths: [0.06, 0.25, 0.16, 0.18, 0.15, 0.20], header: header, rows: rows)))
        return blocks
    }
}
