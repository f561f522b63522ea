import Foundation
import HTXCore

/// Reads the values spreadsheets hold the way people and Excel write them.
enum CellValue {
    /// Money in million VND: "1.234", "12,5", "1,5 tỷ", "800 triệu", "1.200.000.000 đồng", Excel's "2E+10", in the
    /// header's unit (or the unit written after the number, read like a header's). The power of ten is applied to
    /// the decimal as written, so nothing is rounded: "12,3456789" is 12.3456789 and "1234567 đồng" 1.234567. Anything
    /// else is nil, so that the import refuses it with its row and column rather than guess: "abc2e3" is not 23.
    static func money(_ text: String, scale: MoneyScale) -> Double? {
        if let plain = VietnameseNumber.decimalText(text),
            text.utf8.allSatisfy({ $0 < 0x80 && !($0 >= 0x41 && $0 <= 0x7A) })
        {
            return scale.amount(ofDecimal: plain)
        }
        if let scientific = VietnameseNumber.excelScientificText(text) {
            return scale.amount(ofDecimal: scientific.mantissa, exponent: scientific.exponent)
        }
        // A number, then a unit: the number is the leading run of digits, separators, signs and spaces.
        let numberCharacters = Set("0123456789.,+-− \u{00A0}")
        let number = String(text.prefix { numberCharacters.contains($0) })
        let unit = UnitPhrase(String(text.dropFirst(number.count)))
        guard case .scale(let written) = unit.money(),
            let plain = VietnameseNumber.decimalText(number.trimmingCharacters(in: .whitespaces))
        else { return nil }
        return written.amount(ofDecimal: plain)
    }

    /// A tax code as Excel may have stored it: as a number that lost its leading zero ("100233488"),
    /// or in scientific notation ("1.00233488E+09"). Returns the text to parse as a tax code.
    static func taxCode(_ text: String) -> String {
        // Fast path: ten digits, or ten and three with a dash, as most files write them.
        let utf8 = text.utf8
        if utf8.count == 10 || utf8.count == 14,
            utf8.enumerated().allSatisfy({ $1 >= 0x30 && $1 <= 0x39 || ($0 == 10 && $1 == 0x2D) })
        {
            return text
        }
        var digits = text
        if let value = Double(text.replacingOccurrences(of: ",", with: ".")), text.lowercased().contains("e") {
            digits = String(format: "%.0f", value)
        }
        let onlyDigits = digits.filter(\.isNumber)
        if onlyDigits.count == 9 || onlyDigits.count == 12,
            digits.allSatisfy({ $0.isNumber || $0 == "-" || $0 == " " || $0 == "." })
        {
            let restored = "0" + onlyDigits
            if let parsed = try? TaxCode.parse(restored), parsed.warning == nil { return restored }
        }
        return digits
    }

    /// Degrees from "21.0285", "21,0285", or degree-minute-second forms ("21°01'42.6\"N", "105° 51' 15\" E").
    static func degrees(_ text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let plain = Double(trimmed.replacingOccurrences(of: ",", with: ".")) { return plain }
        var numbers: [Double] = []
        var current = ""
        for character in trimmed {
            if character.isNumber || character == "." || (character == "," && !current.isEmpty) {
                current.append(character == "," ? "." : character)
            } else if !current.isEmpty {
                numbers.append(Double(current) ?? .nan)
                current = ""
            }
        }
        if !current.isEmpty { numbers.append(Double(current) ?? .nan) }
        guard (1...3).contains(numbers.count), numbers.allSatisfy({ $0.isFinite }) else { return nil }
        var value = numbers[0]
        if numbers.count > 1 { value += numbers[1] / 60 }
        if numbers.count > 2 { value += numbers[2] / 3600 }
        let upper = trimmed.uppercased()
        if upper.hasSuffix("S") || upper.hasSuffix("W") || trimmed.hasPrefix("-") { value = -value }
        return value
    }

    /// A point from "21.0285, 105.8542" or two degree forms separated by a comma, semicolon or space.
    static func point(_ text: String) -> GeoPoint? {
        if let plain = try? GeoPoint.parse(text) { return plain }
        for separator in [";", ",", "  ", " "] {
            let parts = text.components(separatedBy: separator).filter {
                !$0.trimmingCharacters(in: .whitespaces).isEmpty
            }
            if parts.count == 2, let lat = degrees(parts[0]), let lon = degrees(parts[1]) {
                return GeoPoint(lat: lat, lon: lon)
            }
        }
        return nil
    }
}
