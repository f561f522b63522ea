import HTXCore
import HTXDocument
import HTXItinerary

/// Writes the Alliance's letter to each visited cooperative (Nghị định 30/2020, appendix I): the header with the
/// number and "V/v", "Kính gửi" with the cooperative's full name, when the delegation comes and who is in it, what
/// to prepare and by when, who receives it, whom to call, "Nơi nhận", the signature block, and the day's programme
/// attached.
public struct LetterBuilder: Sendable {
    public var settings: BriefingSettings
    public var report: ItineraryReport
    public var instance: ItineraryInstance?
    public var cooperatives: [String: Cooperative]
    public var districts: [District]

    public init(
        settings: BriefingSettings, report: ItineraryReport, cooperatives: [String: Cooperative],
        districts: [District] = [], instance: ItineraryInstance? = nil
    ) {
        self.settings = settings
        self.report = report
        self.cooperatives = cooperatives
        self.districts = districts
        self.instance = instance
    }

    /// One letter per visit, in programme order, with the site id it is for.
    public func letters() -> [(id: String, name: String, document: Document)] {
        report.days.enumerated().flatMap { index, day in
            day.stops.map { stop in (stop.id, stop.name, letter(stop, day: day, number: index + 1)) }
        }
    }

    func letter(_ stop: ItineraryReport.Stop, day: ItineraryReport.Day, number: Int) -> Document {
        let coop = cooperatives[stop.id]
        let host = OfficialText.fullName(coop?.name ?? stop.name)
        let district = coop.flatMap { OfficialText.localCommittee($0, districts, on: day.date) }
        let date = day.date.map { " " + OfficialText.sentenceCase(VietnameseDate.dayHeading($0)) } ?? ""
        var blocks: [Block] = [
            OfficialBlocks.header(
                settings, number: settings.letterNumber,
                subject: "V/v đón \(settings.delegation) khảo sát mô hình hợp tác xã điển hình")
        ]
        blocks.append(.paragraph(Paragraph([Run("Kính gửi: "), .bold(host)], alignment: .center)))
        blocks.append(
            .paragraph(
                Paragraph(
                    "Thực hiện Kế hoạch số 231/KH-UBND của Ủy ban nhân dân Thành phố về tổng kết 20 năm thực hiện "
                        + "Nghị quyết số 13-NQ/TW về kinh tế tập thể, \(settings.issuingAgencyName) trân trọng thông "
                        + "báo: \(settings.delegation) sẽ đến làm việc với \(host) từ "
                        + "\(OfficialText.clock(stop.start)) đến \(OfficialText.clock(stop.depart)),\(date).",
                    indent: true)))
        blocks.append(.paragraph(Paragraph(composition(district), indent: true)))
        let due = day.date.map { VietnameseDate.adding(-2, to: $0) }.flatMap(OfficialText.shortDate)
        blocks.append(.paragraph(Paragraph("Để buổi làm việc đạt kết quả, đề nghị \(host) chuẩn bị:", indent: true)))
        let year = coop?.figures.map(\.year).max()
        blocks.append(
            .list(
                [
                    Paragraph(
                        "Báo cáo ngắn gọn kết quả hoạt động\(year.map { " giai đoạn \($0 - 2)–\($0)" } ?? ""), mô "
                            + "hình tổ chức, liên kết chuỗi giá trị, khó khăn và kiến nghị; gửi bản điện tử về "
                            + "\(settings.issuingAgencyName)\(due.map { " trước ngày \($0)" } ?? "");"),
                    Paragraph("Bố trí để Đoàn tham quan khu sản xuất, kinh doanh và sản phẩm tiêu biểu;"),
                    Paragraph(receivers(stop, coop)),
                ], ordered: true))
        blocks.append(
            .paragraph(
                Paragraph(
                    "Mọi thông tin cần trao đổi, xin liên hệ "
                        + (settings.hidesVisitPeople ? settings.issuingAgencyName : settings.contactLine) + ".",
                    indent: true)))
        blocks.append(.paragraph(Paragraph("Gửi kèm chương trình làm việc của Đoàn trong ngày.", indent: true)))
        blocks.append(.paragraph(Paragraph("Trân trọng./.", indent: true)))
        var recipients = ["- Như trên;", "- Sở Kế hoạch và Đầu tư (để phối hợp);"]
        if let district { recipients.append("- \(district) (để phối hợp);") }
        recipients.append("- Lưu: VT, \(settings.symbol).")
        blocks.append(OfficialBlocks.closing(settings, recipients: recipients))
        blocks += attachment(day, number: number)
        return Document(
            info: Document.Info(
                title: "Thông báo đón \(settings.delegation) – \(stop.name)", author: settings.issuingAgencyName,
                subject: "Thông báo lịch làm việc",
                footer: settings.illustrative ? "Dữ liệu minh hoạ – không phải văn bản thật" : ""),
            blocks: blocks)
    }

    /// Who comes: the members the visit names, or the agencies when it names none.
    func composition(_ district: String?) -> String {
        let members = settings.visit.delegation?.members ?? []
        guard !members.isEmpty, !settings.hidesVisitPeople else {
            return "Thành phần Đoàn gồm đại diện Ban Chỉ đạo Trung ương, lãnh đạo Sở Kế hoạch và Đầu tư, "
                + "\(settings.issuingAgencyName)\(district.map { ", \($0)" } ?? "")."
        }
        let names = members.map { member in
            var text = "đồng chí \(member.name ?? BriefingSettings.blank)"
            if let position = member.position { text += ", \(position)" }
            if let organisation = member.organisation { text += " \(organisation)" }
            if member.head == true { text += " – Trưởng đoàn" }
            return text
        }
        return "Thành phần Đoàn gồm: " + names.joined(separator: "; ") + "."
    }

    /// Who receives the delegation: the person the visit file names for this cooperative, else its board.
    func receivers(_ stop: ItineraryReport.Stop, _ coop: Cooperative?) -> String {
        let host = settings.visit.hosts.flatMap { hosts in hosts[stop.id] ?? coop?.taxCode.flatMap { hosts[$0] } }
        guard let host, let name = host.name, !settings.hidesVisitPeople else {
            return "Thành phần tiếp Đoàn: Hội đồng quản trị, Ban Giám đốc và đại diện thành viên hợp tác xã."
        }
        return "Thành phần tiếp Đoàn: đồng chí \(name)\(host.title.map { ", \($0)" } ?? ""), Hội đồng quản trị, "
            + "Ban Giám đốc và đại diện thành viên hợp tác xã."
    }

    /// The day's programme, after a page break, as the letter's attachment.
    func attachment(_ day: ItineraryReport.Day, number: Int) -> [Block] {
        guard let instance else { return [] }
        let builder = BriefingBuilder(
            settings: settings, report: report, instance: instance, cooperatives: cooperatives,
            districts: districts)
        let heading = day.date.map(VietnameseDate.dayHeading) ?? "Ngày \(number)"
        return [
            .pageBreak,
            .paragraph(Paragraph([.bold("CHƯƠNG TRÌNH LÀM VIỆC CỦA ĐOÀN")], alignment: .center)),
            .paragraph(Paragraph([.italic("(Kèm theo văn bản thông báo; \(heading))")], alignment: .center)),
            builder.programmeTable(day),
        ]
    }
}
