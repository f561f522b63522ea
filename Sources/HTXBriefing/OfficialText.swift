import Foundation
import HTXCore

/// The small rewritings official prose needs: full names, committee names, clock times and dates in words.
enum OfficialText {
    /// "Hợp tác xã Nông nghiệp …" for "HTX Nông nghiệp …" ("Kính gửi" takes the full name).
    static func fullName(_ name: String) -> String {
        name.hasPrefix("HTX ") ? "Hợp tác xã " + name.dropFirst(4) : name
    }

    /// Whether a visit on `date` (ISO; nil for a document made today) falls under the units in force since
    /// 1 July 2025 rather than the districts of 2021.
    static func underUnits2025(_ date: String?) -> Bool {
        (date ?? UnitDirectory.inForceFrom) >= UnitDirectory.inForceFrom
    }

    /// The local People's Committees a programme on `date` is sent to: "UBND các xã, phường" from 1 July 2025 (there
    /// is no district level any more), "UBND các quận, huyện" before.
    static func localCommittees(_ date: String?) -> String {
        underUnits2025(date) ? "UBND các xã, phường" : "UBND các quận, huyện"
    }

    /// "huyện Gia Lâm" for Gia Lâm, from the district table's type.
    static func districtLabel(_ name: String, _ districts: [District]) -> String {
        "\(districts.first { $0.name == name }?.type.lowercased() ?? "quận/huyện") \(name)"
    }

    /// The local People's Committee a letter is copied to on `date`: "UBND xã Đông Anh" from 1 July 2025 (when the
    /// unit is known; there is no district level any more), "UBND huyện Đông Anh" before.
    static func localCommittee(_ coop: Cooperative, _ districts: [District], on date: String?) -> String? {
        if underUnits2025(date) { return coop.unit2025.map { "UBND \($0.fullName)" } }
        return coop.district.map { "UBND \(districtLabel($0, districts))" }
    }

    /// Where a cooperative is, in the administrative form in force on `date` (SPEC §12): before 1 July 2025
    /// "xã Uy Nỗ, huyện Đông Anh"; from then on "xã Đông Anh, thành phố Hà Nội" with the former commune and district
    /// in brackets, which is how people still find the place.
    static func place(_ coop: Cooperative, _ districts: [District], on date: String?) -> String? {
        let district = coop.district.map { districtLabel($0, districts) }
        let former = [coop.commune, district].compactMap { $0 }.joined(separator: ", ")
        guard underUnits2025(date) else { return former.isEmpty ? nil : former }
        guard let unit = coop.unit2025 else {
            return former.isEmpty ? nil : "\(former) (địa danh trước 1/7/2025), thành phố Hà Nội"
        }
        let now = "\(unit.fullName), thành phố Hà Nội"
        if let commune = coop.commune, !unit.isNamed(by: commune) {
            return "\(now) (trước 1/7/2025: \(former))"
        }
        return district.map { "\(now) (trước 1/7/2025 thuộc \($0))" } ?? now
    }

    /// The first letter in lower case, for a heading used inside a sentence ("thứ Năm, ngày 28/10/2021").
    static func sentenceCase(_ text: String) -> String { text.prefix(1).lowercased() + text.dropFirst() }

    /// The first letter in upper case and a full stop at the end: a reason written as a sentence.
    static func sentence(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let first = trimmed.first else { return trimmed }
        let body = first.uppercased() + trimmed.dropFirst()
        return body.hasSuffix(".") ? body : body + "."
    }

    /// "09 giờ 20" for "09:20", "14 giờ" for "14:00".
    static func clock(_ hhmm: String) -> String {
        let parts = hhmm.split(separator: ":")
        guard parts.count == 2 else { return hhmm }
        return parts[1] == "00" ? "\(parts[0]) giờ" : "\(parts[0]) giờ \(parts[1])"
    }

    /// "26/10/2021" for "2021-10-26", or nil for a date that is not one.
    static func shortDate(_ iso: String) -> String? {
        guard VietnameseDate.parse(iso) != nil else { return nil }
        let parts = iso.split(separator: "-")
        return "\(parts[2])/\(parts[1])/\(parts[0])"
    }

    /// A founding date as documents write it: "20/06/2008", or the year alone when only the year is known.
    static func founded(_ text: String) -> String { shortDate(text) ?? text }
}
