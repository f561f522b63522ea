import Foundation
import HTXCore

/// The small rewritings official prose needs: full names, committee names, clock times and dates in words.
enum OfficialText {
    /// "Hợp tác xã Nông nghiệp …" for "HTX Nông nghiệp …" ("Kính gửi" takes the full name).
    static func fullName(_ name: String) -> String {
        name.hasPrefix("HTX ") ? "Hợp tác xã " + name.dropFirst(4) : name
    }

    /// "UBND huyện Gia Lâm" for a cooperative in Gia Lâm, from the district table's type.
    static func districtCommittee(_ coop: Cooperative, _ districts: [District]) -> String? {
        coop.district.map { name in
            "UBND \(districts.first { $0.name == name }?.type.lowercased() ?? "quận/huyện") \(name)"
        }
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
