/// A Vietnamese tax code (mã số thuế): 10 digits, or 13 for a branch written `NNNNNNNNNN-NNN`.
public struct TaxCode: Sendable, Hashable, CustomStringConvertible {
    /// The normalised form: `0100233488` or `0314409058-002`.
    public let value: String

    /// The weights of the check digit on digits 1–9.
    static let weights = [31, 29, 23, 19, 17, 13, 7, 5, 3]

    /// Parses a tax code written with spaces, dots or dashes; leading zeros are kept.
    ///
    /// Returns the code and a warning when the check digit does not hold, or throws when the text
    /// is not 10 or 13 digits.
    public static func parse(_ text: String) throws(UserError) -> (code: TaxCode, warning: Message?) {
        var digits: [UInt8] = []
        for scalar in text.unicodeScalars {
            switch scalar {
            case "0"..."9": digits.append(UInt8(scalar.value - 48))
            case " ", ".", "-", "\u{2013}", "\u{00A0}", "\t": continue
            default:
                throw UserError(
                    "mã số thuế \"\(text)\" có ký tự không phải chữ số",
                    "tax code \"\(text)\" contains a character that is not a digit")
            }
        }
        guard digits.count == 10 || digits.count == 13 else {
            throw UserError(
                "mã số thuế \"\(text)\" phải có 10 chữ số (hoặc 13 với chi nhánh), có \(digits.count)",
                "tax code \"\(text)\" must have 10 digits (13 for a branch), it has \(digits.count)")
        }
        var ascii = digits.prefix(10).map { $0 + 0x30 }
        if digits.count == 13 {
            let branch = digits.suffix(3)
            if branch.allSatisfy({ $0 == 0 }) {
                throw UserError(
                    "mã chi nhánh \"\(text)\" không hợp lệ: ba số cuối phải từ 001 đến 999",
                    "branch tax code \"\(text)\" is invalid: the last three digits must be 001 to 999")
            }
            ascii.append(0x2D)
            ascii += branch.map { $0 + 0x30 }
        }
        let value = String(decoding: ascii, as: UTF8.self)
        let code = TaxCode(value: value)
        return (
            code,
            code.checkDigitHolds
                ? nil
                : Message(
                    "mã số thuế \(value) có chữ số kiểm tra không khớp; hãy đối chiếu với giấy đăng ký",
                    "tax code \(value) fails its check digit; compare it with the registration certificate")
        )
    }

    private init(value: String) { self.value = value }

    /// The check digit the first nine digits call for, or nil when their weighted sum is a multiple of 11 (no valid
    /// code).
    public static func expectedCheckDigit(_ firstNine: [Int]) -> Int? {
        let sum = zip(firstNine, weights).reduce(0) { $0 + $1.0 * $1.1 }
        let remainder = sum % 11
        return remainder == 0 ? nil : 10 - remainder
    }

    /// Whether the tenth digit equals the one computed from the first nine.
    public var checkDigitHolds: Bool {
        var sum = 0
        var count = 0
        var last = 0
        for byte in value.utf8.prefix(10) {
            guard byte >= 0x30 && byte <= 0x39 else { return false }
            let digit = Int(byte - 0x30)
            if count < 9 { sum += digit * TaxCode.weights[count] } else { last = digit }
            count += 1
        }
        let remainder = sum % 11
        return count == 10 && remainder != 0 && last == 10 - remainder
    }

    /// Whether this is a branch (13-digit) code.
    public var isBranch: Bool { value.count == 14 }

    public var description: String { value }
}
