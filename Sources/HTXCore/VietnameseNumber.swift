/// Parses numbers written the Vietnamese way ("1.234.567", "12,5") as well as the English way ("1,234.5").
public enum VietnameseNumber {
    /// Returns the value, or nil when the text is not a number.
    ///
    /// With both separators, the last is the decimal one. A lone separator followed by groups of exactly
    /// three digits is a thousands separator ("1.234" is 1234, "1,234,567" is 1234567); otherwise it is decimal.
    public static func parse(_ text: String) -> Double? {
        // Fast path: plain digits, as most cells are.
        if !text.isEmpty, text.utf8.count < 16, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            return Double(text)
        }
        return decimalText(text).flatMap { Double($0) }
    }

    /// The number as a plain decimal text ("-1234.5"): a sign, digits, and a point before the decimals, with the
    /// separators read as `parse` reads them; nil when the text is not a number. Exact: no digit is lost to binary.
    public static func decimalText(_ text: String) -> String? {
        if !text.isEmpty, text.utf8.count < 16, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            return text
        }
        var s = text.trimmingSpaces.replacingOccurrences(of: " ", with: "").replacingOccurrences(
            of: "\u{00A0}", with: "")
        var negative = false
        if s.hasPrefix("-") || s.hasPrefix("−") {
            negative = true
            s.removeFirst()
        } else if s.hasPrefix("+") {
            s.removeFirst()
        }
        guard !s.isEmpty, s.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == ",") }),
            s.first.map({ $0.isNumber || $0 == "." || $0 == "," }) == true
        else { return nil }
        let dots = s.filter { $0 == "." }.count
        let commas = s.filter { $0 == "," }.count
        var plain: String
        if dots > 0 && commas > 0 {
            let decimal: Character =
                (s.lastIndex(of: ".") ?? s.startIndex) > (s.lastIndex(of: ",") ?? s.startIndex) ? "." : ","
            let thousands: Character = decimal == "." ? "," : "."
            guard s.filter({ $0 == decimal }).count == 1 else { return nil }
            plain = s.replacingOccurrences(of: String(thousands), with: "").replacingOccurrences(
                of: String(decimal), with: ".")
        } else if dots + commas > 0 {
            let sep: Character = dots > 0 ? "." : ","
            let groups = s.split(separator: sep, omittingEmptySubsequences: false)
            let isThousands =
                groups.count > 1 && !groups[0].isEmpty && groups[0].count <= 3
                && groups.dropFirst().allSatisfy { $0.count == 3 }
            if isThousands {
                plain = groups.joined()
            } else {
                guard groups.count == 2 else { return nil }
                plain = groups[0] + "." + groups[1]
            }
        } else {
            plain = s
        }
        guard plain.utf8.contains(where: { $0 != 0x2E }), plain.utf8.filter({ $0 == 0x2E }).count <= 1 else {
            return nil
        }
        return (negative ? "-" : "") + plain
    }

    /// Reads scientific notation as Excel shows a large number in a cell or a CSV export: a mantissa (with a
    /// point or comma), "E", an explicit sign and up to three digits ("2E+10", "1.5E+11", "1,5E-03"). Returns
    /// nil for anything else, "1e3" included: typed by hand, that is more likely a slip than a number.
    public static func parseExcelScientific(_ text: String) -> Double? {
        excelScientificText(text).flatMap { Double($0.mantissa + "e" + String($0.exponent)) }
    }

    /// Excel's scientific notation as `parseExcelScientific` reads it, split into its decimal mantissa ("-1.5") and
    /// its power of ten, so that a unit can move the power exactly.
    public static func excelScientificText(_ text: String) -> (mantissa: String, exponent: Int)? {
        let bytes = Array(text.utf8)
        guard let e = bytes.firstIndex(where: { $0 == 0x45 || $0 == 0x65 }), e > 0, e + 2 < bytes.count,
            bytes.count <= 32
        else {
            return nil
        }
        var mantissa = Array(bytes[..<e])
        if mantissa.first == 0x2D || mantissa.first == 0x2B { mantissa.removeFirst() }
        let exponent = bytes[(e + 1)...]
        guard exponent.first == 0x2B || exponent.first == 0x2D, (2...4).contains(exponent.count),
            exponent.dropFirst().allSatisfy({ $0 >= 0x30 && $0 <= 0x39 })
        else { return nil }
        let separators = mantissa.filter { $0 == 0x2E || $0 == 0x2C }.count
        guard !mantissa.isEmpty, separators <= 1, mantissa.first.map({ $0 >= 0x30 && $0 <= 0x39 }) == true,
            mantissa.last.map({ $0 >= 0x30 && $0 <= 0x39 }) == true,
            mantissa.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E || $0 == 0x2C })
        else { return nil }
        let sign = bytes.first == 0x2D ? "-" : ""
        guard let power = Int(String(decoding: exponent, as: UTF8.self)) else { return nil }
        return (sign + String(decoding: mantissa.map { $0 == 0x2C ? 0x2E : $0 }, as: UTF8.self), power)
    }
}

extension VietnameseNumber {
    /// Formats a number the Vietnamese way: dots between thousands, a comma before decimals ("1.234.567", "12,5").
    public static func format(_ value: Double, decimals: Int = 0) -> String {
        guard value.isFinite else { return "–" }
        let negative = value < 0
        let scale = pow10(decimals)
        let rounded = (abs(value) * scale).rounded() / scale
        // Digits of the whole part from the C library, which takes any finite double (Int would trap past 2^63).
        let wholePart = rounded.rounded(.down)
        var digits = String(format: "%.0f", wholePart)
        var grouped = ""
        while digits.count > 3 {
            grouped = "." + digits.suffix(3) + grouped
            digits.removeLast(3)
        }
        grouped = digits + grouped
        if decimals > 0, wholePart < 1e15 {
            let fraction = Int(((rounded - wholePart) * scale).rounded())
            if fraction > 0 {
                var text = String(fraction)
                text = String(repeating: "0", count: max(0, decimals - text.count)) + text
                while text.hasSuffix("0") { text.removeLast() }
                grouped += "," + text
            }
        }
        return (negative && rounded != 0 ? "-" : "") + grouped
    }

    static func pow10(_ n: Int) -> Double {
        var result = 1.0
        for _ in 0..<max(0, n) { result *= 10 }
        return result
    }
}
