import HTXCore

/// Who issues the packet and the letters, on what date and under what number, who signs, and how they are stamped:
/// read from the visit's details (docs/CONTRACT.md §5), with the Alliance's usual names where the details say
/// nothing, and a blank to fill by hand where no default can stand in (the date, the number, the signer's name).
public struct BriefingSettings: Sendable {
    /// The visit's people, dates and signatures as given.
    public var visit: VisitDetails
    public var place = "Hà Nội"
    public var revision = 1
    /// Leaves out personal names, phones and e-mails.
    public var publicOnly = false
    /// Leaves out the visit's people (signer, contact, delegation, driver, hosts) but not the catalog's contacts: the
    /// copy for a role that may read records but not the visit file.
    public var withoutVisitPeople = false
    /// Whether the visit's people are left out, by either rule.
    public var hidesVisitPeople: Bool { publicOnly || withoutVisitPeople }
    /// Whether the records are the illustrative sample: said in the footer, never inside the text.
    public var illustrative = false

    public init(visit: VisitDetails = VisitDetails()) { self.visit = visit }

    /// The room left for a value written by hand: a dotted line.
    public static let blank = "…………"
    /// The room left for a document number: spaces that no renderer collapses.
    public static let numberRoom = String(repeating: "\u{00A0}", count: 8)

    static let defaultParent = "UBND THÀNH PHỐ HÀ NỘI"
    static let defaultIssuer = "LIÊN MINH HỢP TÁC XÃ THÀNH PHỐ HÀ NỘI"
    /// Agencies as prose writes them (Vietnamese capitalises only the first word and proper names).
    static let proseNames = [
        "LIÊN MINH HỢP TÁC XÃ THÀNH PHỐ HÀ NỘI": "Liên minh Hợp tác xã Thành phố Hà Nội",
        "SỞ KẾ HOẠCH VÀ ĐẦU TƯ HÀ NỘI": "Sở Kế hoạch và Đầu tư Hà Nội",
        "SỞ KẾ HOẠCH VÀ ĐẦU TƯ THÀNH PHỐ HÀ NỘI": "Sở Kế hoạch và Đầu tư Thành phố Hà Nội",
        "SỞ TÀI CHÍNH HÀ NỘI": "Sở Tài chính Hà Nội",
        "SỞ TÀI CHÍNH THÀNH PHỐ HÀ NỘI": "Sở Tài chính Thành phố Hà Nội",
    ]

    /// The agency above the issuer, as the header prints it.
    public var parentAgency: String { visit.issuer?.parent ?? BriefingSettings.defaultParent }
    /// The issuing agency, as the header prints it (capitals).
    public var issuingAgency: String { visit.issuer?.name ?? BriefingSettings.defaultIssuer }
    /// The issuing agency in a sentence.
    public var issuingAgencyName: String { BriefingSettings.proseNames[issuingAgency] ?? issuingAgency }
    /// The issuer's symbol in document numbers and "Lưu: VT, …".
    public var symbol: String { visit.issuer?.symbol ?? "LMHTX" }
    /// The delegation's name in a sentence.
    public var delegation: String { visit.delegation?.name ?? "Đoàn công tác của Ban Chỉ đạo Trung ương" }

    /// "Số: 125/CTr-LMHTX", or room to write the number.
    public func number(kind: String) -> String {
        let number = visit.number.flatMap { $0.isEmpty ? nil : $0 } ?? BriefingSettings.numberRoom
        return "Số: \(number)/\(kind)-\(symbol)"
    }

    /// A letter's "Số: …/LMHTX-VP": each letter is numbered when it is registered, so the room is always left.
    public var letterNumber: String { "Số: \(BriefingSettings.numberRoom)/\(symbol)-VP" }

    /// "Hà Nội, ngày 22 tháng 10 năm 2021" (days below 10 and months 1–2 with a leading zero, as Nghị định 30 asks),
    /// or the same line with dotted room for a date to be written when the documents are signed.
    public var placeAndDate: String {
        guard let iso = visit.issuedOn, VietnameseDate.parse(iso) != nil else {
            return
                "\(place), ngày \(BriefingSettings.blank) tháng \(BriefingSettings.blank) năm \(BriefingSettings.blank)"
        }
        let parts = iso.split(separator: "-").compactMap { Int($0) }
        let day = parts[2] < 10 ? "0\(parts[2])" : "\(parts[2])"
        let month = parts[1] < 3 ? "0\(parts[1])" : "\(parts[1])"
        return "\(place), ngày \(day) tháng \(month) năm \(parts[0])"
    }

    /// Who signs: on whose behalf, the position, and the name or a dotted line for it.
    public var signer: (authority: String, title: String, name: String) {
        (
            visit.signer?.authority ?? "TM. BAN THƯỜNG VỤ", visit.signer?.title ?? "CHỦ TỊCH",
            visit.signer?.name ?? BriefingSettings.blank
        )
    }

    /// "đồng chí Nguyễn Văn An, Chánh Văn phòng, điện thoại 0912 345 678", with dotted room for what is missing.
    public var contactLine: String {
        let contact = visit.contact
        var line = "đồng chí \(contact?.name ?? BriefingSettings.blank)"
        if let title = contact?.title { line += ", \(title)" }
        line += ", điện thoại \(contact?.phone.map(BriefingSettings.phone) ?? BriefingSettings.blank)"
        return line
    }

    /// A phone as a Vietnamese reader expects it ("0912 345 678"), or as given when it is not one.
    public static func phone(_ text: String) -> String {
        (try? PhoneNumber.parse(text))?.phone.national ?? text
    }
}
