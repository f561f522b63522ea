import HTXCore
import HTXDocument
import HTXItinerary

/// Writes the Alliance's notice to each visited cooperative (Nghị định 30/2020 layout): header block with the number
/// and "V/v", "Kính gửi", the date and time window, the delegation, what to prepare, whom to call, "Nơi nhận" and
/// the signature block.
public struct LetterBuilder: Sendable {
    public var settings: BriefingSettings
    public var report: ItineraryReport
    public var cooperatives: [String: Cooperative]
    public var districts: [District]

    public init(
        settings: BriefingSettings, report: ItineraryReport, cooperatives: [String: Cooperative],
        districts: [District] = []
    ) {
        self.settings = settings
        self.report = report
        self.cooperatives = cooperatives
        self.districts = districts
    }

    /// One letter per visit, in programme order, with the site id it is for.
    public func letters() -> [(id: String, name: String, document: Document)] {
        report.days.flatMap { day in day.stops.map { stop in (stop.id, stop.name, letter(stop, date: day.date)) } }
    }

    func letter(_ stop: ItineraryReport.Stop, date: String?) -> Document {
        let coop = cooperatives[stop.id]
        let districtName = coop?.district.map { name in
            "UBND \(districts.first { $0.name == name }?.type.lowercased() ?? "quận/huyện") \(name)"
        }
        let when =
            "\(stop.start) đến \(stop.depart)"
            + (date.map {
                ", \(VietnameseDate.dayHeading($0).prefix(1).lowercased() + VietnameseDate.dayHeading($0).dropFirst())"
            } ?? "")
        let left = [
            Paragraph(settings.parentAgency, alignment: .center, size: 12),
            Paragraph([.bold(settings.issuingAgency)], alignment: .center, size: 12),
            Paragraph("―――――", alignment: .center, size: 8), Paragraph(settings.letterNumber, alignment: .center),
            Paragraph(
                "V/v đón \(settings.delegation) khảo sát mô hình hợp tác xã điển hình", alignment: .center, size: 12),
        ]
        let right = [
            Paragraph([.bold("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")], alignment: .center, size: 12),
            Paragraph([.bold("Độc lập - Tự do - Hạnh phúc")], alignment: .center),
            Paragraph("――――――――――", alignment: .center, size: 8),
            Paragraph([.italic(settings.placeAndDate)], alignment: .center), Paragraph("", alignment: .center),
        ]
        var blocks: [Block] = [
            .table(Table(widths: [0.4, 0.6], rows: (0..<5).map { [left[$0], right[$0]] }, borders: false))
        ]
        blocks.append(.paragraph(Paragraph([Run("Kính gửi: "), .bold(stop.name)], alignment: .center)))
        blocks.append(
            .paragraph(
                Paragraph(
                    "Thực hiện Kế hoạch số 231/KH-UBND của Ủy ban nhân dân Thành phố về tổng kết 20 năm thực hiện "
                        + "Nghị quyết số 13-NQ/TW về kinh tế tập thể, \(settings.issuingAgencyName) trân trọng thông "
                        + "báo: \(settings.delegation) sẽ đến làm việc tại \(stop.name) từ \(when).",
                    indent: true)))
        blocks.append(
            .paragraph(
                Paragraph(
                    "Thành phần Đoàn gồm đại diện Ban Chỉ đạo Trung ương, lãnh đạo Sở Kế hoạch và Đầu tư, "
                        + "\(settings.issuingAgencyName)\(districtName.map { ", \($0)" } ?? "").",
                    indent: true)))
        blocks.append(
            .paragraph(Paragraph("Để buổi làm việc đạt kết quả, đề nghị \(stop.name) chuẩn bị:", indent: true)))
        let year = coop?.figures.map(\.year).max()
        blocks.append(
            .list(
                [
                    Paragraph(
                        "Báo cáo ngắn gọn kết quả hoạt động\(year.map { " giai đoạn \($0 - 2)–\($0)" } ?? ""), mô "
                            + "hình tổ chức, liên kết chuỗi giá trị, khó khăn và kiến nghị;"
                    ),
                    Paragraph("Bố trí để Đoàn tham quan khu sản xuất, kinh doanh và sản phẩm tiêu biểu;"),
                    Paragraph("Thành phần tiếp Đoàn: Hội đồng quản trị, Ban Giám đốc và đại diện thành viên."),
                ], ordered: true))
        blocks.append(
            .paragraph(Paragraph("Mọi thông tin cần trao đổi, xin liên hệ \(settings.contactLine).", indent: true)))
        blocks.append(.paragraph(Paragraph("Trân trọng./.", indent: true)))
        var recipients = ["- Như trên;", "- Sở Kế hoạch và Đầu tư (để phối hợp);"]
        if let districtName { recipients.append("- \(districtName) (để phối hợp);") }
        recipients.append("- Lưu: VT, LMHTX.")
        let leftClose =
            [Paragraph([Run("Nơi nhận:", bold: true, italic: true)], alignment: .left, size: 12)]
            + recipients.map { Paragraph($0, alignment: .left, size: 11) }
        let rightClose = [
            Paragraph([.bold(settings.signingAuthority)], alignment: .center),
            Paragraph([.bold(settings.signerPosition)], alignment: .center),
            Paragraph("", alignment: .center), Paragraph("", alignment: .center),
            Paragraph([.bold(settings.signer)], alignment: .center),
        ]
        let rows = max(leftClose.count, rightClose.count)
        blocks.append(
            .table(
                Table(
                    widths: [0.5, 0.5],
                    rows: (0..<rows).map { i in
                        [
                            i < leftClose.count ? leftClose[i] : Paragraph(""),
                            i < rightClose.count ? rightClose[i] : Paragraph(""),
                        ]
                    }, borders: false)))
        return Document(
            info: Document.Info(
                title: "Thông báo đón \(settings.delegation) – \(stop.name)", author: settings.issuingAgencyName,
                subject: "Thông báo lịch làm việc"), blocks: blocks)
    }
}
