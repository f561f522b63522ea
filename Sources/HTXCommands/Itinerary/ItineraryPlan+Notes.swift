import HTXCore
import HTXKit

extension ItineraryPlanCommand {
    /// What the planner says after the programme: a visit day that is a weekend or a public holiday, and how many
    /// cooperatives did not fit, each with the flag that changes it.
    static func notes(_ result: PlanResult) -> [Message] {
        var notes: [Message] = []
        for notice in result.notices {
            switch notice {
            case .weekend(let date, let weekday):
                let day = weekday == 1 ? ("Chủ nhật", "a Sunday") : ("thứ Bảy", "a Saturday")
                notes.append(
                    Message(
                        "Cảnh báo: \(VietnameseDate.dayHeading(date)) là \(day.0); kiểm tra HTX có đón đoàn ngày này "
                            + "không (--date)",
                        "Warning: \(date) is \(day.1); check that the hosts receive visits that day (--date)"))
            case .holiday(let date, let holiday):
                let names: [VietnameseDate.Holiday: (String, String)] = [
                    .newYear: ("Tết Dương lịch", "New Year's Day"),
                    .reunification: ("ngày Giải phóng miền Nam", "Reunification Day"),
                    .labour: ("ngày Quốc tế Lao động", "Labour Day"), .national: ("Quốc khánh", "National Day"),
                ]
                let name = names[holiday] ?? (holiday.rawValue, holiday.rawValue)
                notes.append(
                    Message(
                        "Cảnh báo: \(VietnameseDate.dayHeading(date)) là \(name.0), ngày nghỉ lễ; chọn ngày khác bằng "
                            + "--date",
                        "Warning: \(date) is \(name.1), a public holiday; choose another day with --date"))
            }
        }
        if result.mustVisitDropped > 0 {
            notes.append(
                Message(
                    "\(result.mustVisitDropped) HTX chưa xếp được; xem lý do ở trên (thêm ngày bằng --days, đổi giờ "
                        + "bằng --depart/--return-by)",
                    "\(result.mustVisitDropped) cooperatives do not fit; see why above (more days with --days, other "
                        + "hours with --depart/--return-by)"))
        }
        return notes
    }
}
