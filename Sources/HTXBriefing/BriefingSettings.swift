import HTXCore

/// Who issues the packet and how it is stamped: agency names (configurable: departments merge and rename),
/// number, place and date, revision, and whether personal contacts are left out.
public struct BriefingSettings: Sendable {
    public var parentAgency = "UBND THÀNH PHỐ HÀ NỘI"
    public var issuingAgency = "LIÊN MINH HỢP TÁC XÃ THÀNH PHỐ HÀ NỘI"
    /// The issuing agency as prose writes it (Vietnamese capitalises only the first word and proper names).
    public var issuingAgencyName = "Liên minh Hợp tác xã Thành phố Hà Nội"
    public var number = "Số:      /CTr-LMHTX"
    public var place = "Hà Nội"
    /// ISO date of issue.
    public var date: String
    public var revision = 1
    public var delegation = "Đoàn công tác của Ban Chỉ đạo Trung ương"
    /// Leaves out personal names, phones and e-mails.
    public var publicOnly = false
    /// The letters' number, signing authority, position and signer (configurable: they change with people and mergers).
    public var letterNumber = "Số:      /LMHTX-VP"
    public var signingAuthority = "TM. BAN THƯỜNG VỤ"
    public var signerPosition = "CHỦ TỊCH"
    public var signer = "(Ký, ghi rõ họ tên, đóng dấu)"
    /// Who the hosts call about the visit.
    public var contactLine = "Văn phòng Liên minh Hợp tác xã Thành phố Hà Nội"

    public init(date: String) { self.date = date }

    /// "Hà Nội, ngày 28 tháng 10 năm 2021" (days below 10 and months 1–2 with a leading zero, as Nghị định 30 asks).
    public var placeAndDate: String {
        let parts = date.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return "\(place), ngày … tháng … năm …" }
        let day = parts[2] < 10 ? "0\(parts[2])" : "\(parts[2])"
        let month = parts[1] < 3 ? "0\(parts[1])" : "\(parts[1])"
        return "\(place), ngày \(day) tháng \(month) năm \(parts[0])"
    }
}
