import HTXCore
import HTXDocument
import HTXItinerary

extension BriefingBuilder {
    /// "Thành phần Đoàn": the members the visit names (the head first), or the agencies and a table with room to
    /// write the names when it names none.
    func delegationList() -> [Block] {
        var blocks: [Block] = [.heading(2, "Thành phần Đoàn", anchor: "thanh-phan")]
        let members = (settings.visit.delegation?.members ?? []).sorted { ($0.head ?? false) && !($1.head ?? false) }
        let header = [
            ["TT", "Họ và tên", "Chức vụ, đơn vị"].map { Paragraph([.bold($0)], alignment: .center, size: 12) }
        ]
        let blank = BriefingSettings.blank
        let rows: [[Paragraph]]
        if members.isEmpty || settings.hidesVisitPeople {
            rows = (1...3).map { index in
                [String(index), blank, blank].map { Paragraph($0, alignment: .left, size: 12) }
            }
            blocks.append(
                .paragraph(
                    Paragraph(
                        "Đại diện Ban Chỉ đạo Trung ương, lãnh đạo Sở Kế hoạch và Đầu tư, "
                            + "\(settings.issuingAgencyName) "
                            + "và \(OfficialText.localCommittees(report.days.first?.date)) "
                            + "có hợp tác xã được khảo sát.",
                        indent: true)))
        } else {
            rows = members.enumerated().map { index, member in
                let role =
                    [member.position, member.organisation].compactMap { $0 }.joined(separator: " ")
                    + (member.head == true ? " – Trưởng đoàn" : "")
                return [String(index + 1), member.name ?? blank, role.isEmpty ? blank : role].map {
                    Paragraph($0, alignment: .left, size: 12)
                }
            }
        }
        blocks.append(.table(Table(widths: [0.07, 0.35, 0.58], header: header, rows: rows)))
        return blocks
    }

    /// "Tổ chức thực hiện": the vehicle, lunch, and the phone list for the day — the organiser's contact, the
    /// driver and plate, each host's receiver — personal names and phones left out of a public copy.
    func arrangements() -> [Block] {
        var blocks: [Block] = [.heading(2, "Tổ chức thực hiện", anchor: "to-chuc")]
        let visit = settings.visit
        let blank = BriefingSettings.blank
        var lines: [Paragraph] = []
        let vehicle = [visit.vehicle?.description, visit.vehicle?.plate.map { "biển số \($0)" }].compactMap { $0 }
        lines.append(
            Paragraph(
                "Phương tiện: \(vehicle.isEmpty ? blank : vehicle.joined(separator: ", ")), do Văn phòng "
                    + "\(settings.issuingAgencyName) bố trí; xuất phát tại \(instance.start.name)."))
        if let lunch = visit.lunch, lunch.place != nil || lunch.host != nil {
            lines.append(
                Paragraph(
                    "Nghỉ trưa: \(lunch.place ?? blank)\(lunch.host.map { "; đơn vị bố trí: \($0)" } ?? "")."))
        }
        lines.append(
            Paragraph(
                "Các hợp tác xã chuẩn bị báo cáo, bố trí địa điểm làm việc và tham quan theo chương trình; "
                    + "\(OfficialText.localCommittees(report.days.first?.date)) cử đại diện cùng làm việc với Đoàn."))
        blocks.append(.list(lines, ordered: false))
        blocks.append(.heading(3, "Danh sách liên hệ trong các ngày làm việc", anchor: nil))
        let header = [
            ["TT", "Người liên hệ", "Nhiệm vụ, đơn vị", "Điện thoại"].map {
                Paragraph([.bold($0)], alignment: .center, size: 12)
            }
        ]
        var rows: [[String]] = []
        let hidden = settings.hidesVisitPeople
        func phone(_ text: String?) -> String { hidden ? "" : text.map(BriefingSettings.phone) ?? blank }
        func name(_ text: String?) -> String { hidden ? "" : text ?? blank }
        rows.append([
            name(visit.contact?.name),
            ["Đầu mối của Đoàn", visit.contact?.title, settings.issuingAgencyName].compactMap { $0 }
                .joined(separator: ", "), phone(visit.contact?.phone),
        ])
        rows.append([
            name(visit.vehicle?.driver?.name),
            "Lái xe" + (visit.vehicle?.plate.map { ", xe biển số \($0)" } ?? ""), phone(visit.vehicle?.driver?.phone),
        ])
        for visitStop in visits {
            let coop = cooperatives[visitStop.stop.id]
            let given = visit.hosts.flatMap { hosts in
                hosts[visitStop.stop.id] ?? coop?.taxCode.flatMap { hosts[$0] }
            }
            let contact = coop?.contacts.first
            rows.append([
                name(given?.name ?? contact?.name),
                "\(given?.title ?? contact?.role ?? "Người đón tiếp"), \(visitStop.stop.name)",
                phone(given?.phone ?? contact?.phone),
            ])
        }
        blocks.append(
            .table(
                Table(
                    widths: [0.07, 0.28, 0.45, 0.20], header: header,
                    rows: rows.enumerated().map { index, row in
                        ([String(index + 1)] + row).map { Paragraph($0, alignment: .left, size: 12) }
                    })))
        return blocks
    }
}
