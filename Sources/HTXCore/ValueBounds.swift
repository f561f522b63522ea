/// The ranges every number in a record must lie in, checked where values enter (edit, import, JSON), so that
/// nothing stored is beyond what a cooperative can have or what the documents can print.
public enum ValueBounds {
    /// The largest amount of money, in million VND: a million billion đồng (10^15 VND), a thousand times the
    /// revenue of the largest cooperative group in the country.
    public static let money = 1e9
    /// The largest count of members or employees.
    public static let people = 10_000_000
    /// The longest text of one field, in UTF-8 bytes (64 KiB: a page of achievements is 5 KB).
    public static let textBytes = 65_536
    /// The longest list field (awards, contacts, figures …) as the JSON cell a CSV or XLSX export writes it, in bytes
    /// (1 MiB: a thousand awards). Every way in refuses a longer list, so every export imports back.
    public static let listBytes = 1_048_576
    /// The longest cell an import reads: a list field's JSON cell; the text fields inside it have their own bound.
    public static let cellBytes = listBytes

    /// What is wrong with an amount of money (million VND), or nil when it is acceptable; `signed` allows a loss.
    public static func moneyProblem(_ value: Double, signed: Bool = false) -> Message? {
        guard value.isFinite, abs(value) <= money else {
            return Message(
                "số tiền quá lớn (vượt \(VietnameseNumber.format(money)) triệu đồng, tức một triệu tỷ đồng); kiểm tra "
                    + "đơn vị "
                    + "(đồng, triệu, tỷ) và số chữ số",
                "the amount is too large (over \(VietnameseNumber.format(money)) million VND, a million billion "
                    + "đồng); check the unit (đồng, triệu, tỷ) and the digits")
        }
        if !signed && value < 0 { return Message("số tiền không được âm", "the amount cannot be negative") }
        return nil
    }

    /// What is wrong with a count of people, or nil when it is acceptable.
    public static func peopleProblem(_ value: Int) -> Message? {
        if value < 0 { return Message("số người không được âm", "a number of people cannot be negative") }
        if value > people {
            return Message(
                "số người quá lớn (vượt \(VietnameseNumber.format(Double(people))))",
                "the number of people is too large (over \(people))")
        }
        return nil
    }

    /// What is wrong with a grade score, or nil when it lies in 0…100.
    public static func scoreProblem(_ value: Double) -> Message? {
        value.isFinite && (0...100).contains(value)
            ? nil : Message("điểm phải từ 0 đến 100", "a score must be 0 to 100")
    }
}

extension Int {
    /// The nearest `Int` to `value`, saturating at the ends of the range (0 for NaN): never traps.
    public init(saturating value: Double) {
        if value.isNaN {
            self = 0
        } else if value >= 9.2e18 {
            self = .max
        } else if value <= -9.2e18 {
            self = .min
        } else {
            self = Int(value)
        }
    }
}

extension String {
    /// The string with zeros in front up to `width` characters.
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
