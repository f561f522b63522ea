/// One criterion computed from a cooperative's record: a value from 0 to 1, or nil when the record lacks the data.
public enum Criterion: String, CaseIterable, Sendable {
    case grade, profitableYears, revenueGrowth, profitGrowth, members, memberGrowth, memberIncome, ocop, certifications,
        valueChain, digital, award, pilot, yearsOperating, completeness

    /// The criterion's name in a report.
    public var label: Message {
        switch self {
        case .grade: Message("Xếp loại", "Grade")
        case .profitableYears: Message("Số năm có lãi liên tiếp", "Profitable years in a row")
        case .revenueGrowth: Message("Tăng trưởng doanh thu", "Revenue growth")
        case .profitGrowth: Message("Tăng trưởng lợi nhuận", "Profit growth")
        case .members: Message("Quy mô thành viên", "Members")
        case .memberGrowth: Message("Tăng trưởng thành viên", "Member growth")
        case .memberIncome: Message("Thu nhập thành viên", "Member income")
        case .ocop: Message("OCOP", "OCOP")
        case .certifications: Message("VietGAP/hữu cơ/công nghệ cao", "VietGAP/organic/high-tech")
        case .valueChain: Message("Liên kết chuỗi giá trị", "Value chain")
        case .digital: Message("Chuyển đổi số", "Digital transformation")
        case .award: Message("Khen thưởng cao nhất", "Highest award")
        case .pilot: Message("Thí điểm HTX kiểu mới", "New-type pilot")
        case .yearsOperating: Message("Số năm hoạt động", "Years of operation")
        case .completeness: Message("Độ đầy đủ dữ liệu", "Data completeness")
        }
    }
}
