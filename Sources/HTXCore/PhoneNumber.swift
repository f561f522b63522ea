/// A Vietnamese phone number stored in E.164 (`+84…`) and printed in national grouping.
public struct PhoneNumber: Sendable, Hashable, CustomStringConvertible {
    /// The kind of line, which decides how the number is grouped for print.
    public enum Kind: String, Sendable { case mobile, landline }

    /// The E.164 form, e.g. `+84912345678`.
    public let e164: String
    public let kind: Kind

    /// Obsolete 11-digit mobile prefixes (after the leading 0) and the 10-digit prefixes that replaced them in 2018.
    static let obsoleteMobilePrefixes: [String: String] = [
        "162": "32", "163": "33", "164": "34", "165": "35", "166": "36", "167": "37", "168": "38", "169": "39",
        "123": "83", "124": "84", "125": "85", "127": "81", "129": "82",
        "120": "70", "121": "79", "122": "77", "126": "76", "128": "78",
        "186": "56", "188": "58", "199": "59",
    ]
    static let mobilePrefixes: Set<Character> = ["3", "5", "7", "8", "9"]

    /// Parses a phone number as people write it (`0912 345 678`, `+84 24 3765 4321`, `(04) 3765 4321`, `01662345678`).
    ///
    /// Obsolete forms are converted with a warning: 11-digit mobiles, Hanoi's old `04` area code, and
    /// an 8-digit number without area code (taken to be a Hanoi landline).
    public static func parse(_ text: String) throws(UserError) -> (phone: PhoneNumber, warning: Message?) {
        var digits = ""
        var sawPlus = false
        for scalar in text.unicodeScalars {
            switch scalar {
            case "0"..."9": digits.unicodeScalars.append(scalar)
            case "+" where digits.isEmpty && !sawPlus: sawPlus = true
            case " ", ".", "-", "(", ")", "/", "\u{00A0}", "\t": continue
            default:
                throw UserError(
                    "số điện thoại \"\(text)\" có ký tự lạ",
                    "phone number \"\(text)\" contains an unexpected character")
            }
        }
        // National significant number, without the leading 0 or country code.
        var national: Substring
        if sawPlus || (digits.hasPrefix("84") && (digits.count == 11 || digits.count == 12)) {
            guard digits.hasPrefix("84") else {
                throw UserError(
                    "số điện thoại \"\(text)\" không phải số Việt Nam (+84)",
                    "phone number \"\(text)\" is not a Vietnamese number (+84)")
            }
            national = digits.dropFirst(2)
            if national.hasPrefix("0") { national = national.dropFirst() }
        } else if digits.hasPrefix("0") {
            national = digits.dropFirst()
        } else if digits.count == 8 {
            return (
                PhoneNumber(e164: "+8424" + digits, kind: .landline),
                Message(
                    "số \(text) thiếu mã vùng; đã coi là máy bàn Hà Nội 024",
                    "number \(text) has no area code; taken as a Hanoi landline (024)")
            )
        } else {
            national = Substring(digits)
        }
        let invalid = UserError(
            "số điện thoại \"\(text)\" không hợp lệ: di động có 10 chữ số (09x…), máy bàn Hà Nội là 024 + 8 chữ số",
            "phone number \"\(text)\" is invalid: mobiles have 10 digits (09x…), Hanoi landlines are 024 + 8 digits")
        switch national.count {
        case 9 where national.first.map(mobilePrefixes.contains) == true:
            return (PhoneNumber(e164: "+84" + national, kind: .mobile), nil)
        case 9 where national.hasPrefix("4"):
            let converted = "24" + national.dropFirst()
            return (
                PhoneNumber(e164: "+84" + converted, kind: .landline),
                Message(
                    "mã vùng 04 đã đổi thành 024 từ 2017: \(text) → 0\(converted.prefix(2)) \(converted.dropFirst(2))",
                    "area code 04 became 024 in 2017: \(text) → 0\(converted.prefix(2)) \(converted.dropFirst(2))")
            )
        case 10 where national.hasPrefix("2"):
            return (PhoneNumber(e164: "+84" + national, kind: .landline), nil)
        case 10 where national.hasPrefix("1"):
            guard let replacement = obsoleteMobilePrefixes[String(national.prefix(3))] else { throw invalid }
            let converted = replacement + national.dropFirst(3)
            let phone = PhoneNumber(e164: "+84" + converted, kind: .mobile)
            return (
                phone,
                Message(
                    "đầu số 11 số cũ đã chuyển: \(text) → \(phone.national)",
                    "obsolete 11-digit mobile number converted: \(text) → \(phone.national)")
            )
        default:
            throw invalid
        }
    }

    /// Rebuilds a number from its stored E.164 form, without warnings.
    public init?(e164: String) {
        guard let parsed = try? PhoneNumber.parse(e164), parsed.warning == nil else { return nil }
        self = parsed.phone
    }

    private init(e164: String, kind: Kind) {
        self.e164 = e164
        self.kind = kind
    }

    /// The national print form: `0912 345 678` for mobiles, `024 3765 4321` for Hanoi/HCMC landlines, `0221 123 4567`
    /// for others.
    public var national: String {
        let digits = Array("0" + e164.dropFirst(3))
        func group(_ sizes: [Int]) -> String {
            var parts: [String] = []
            var index = 0
            for size in sizes {
                parts.append(String(digits[index..<min(index + size, digits.count)]))
                index += size
            }
            return parts.joined(separator: " ")
        }
        switch kind {
        case .mobile: return group([4, 3, 3])
        case .landline:
            let area = String(digits.prefix(3))
            return area == "024" || area == "028" ? group([3, 4, 4]) : group([4, 3, 4])
        }
    }

    public var description: String { national }
}
