/// Writes CSV (RFC 4180) that Excel and LibreOffice open safely.
public enum CSVFormat {
    /// Quotes a cell when it needs it and neutralises cells that a spreadsheet would run as a formula
    /// (those starting with `=`, `+`, `-`, `@`, tab or carriage return get a leading apostrophe).
    public static func cell(_ value: String) -> String {
        var text = value
        if let first = text.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first), !isPlainNumber(text)
        {
            text = "'" + text
        }
        if text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == ";" }) {
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return text
    }

    /// One CSV line (without its line break).
    public static func row(_ cells: [String]) -> String {
        cells.map(cell).joined(separator: ",")
    }

    /// A negative number such as "-12.5" is data, not a formula, and stays as it is.
    static func isPlainNumber(_ text: String) -> Bool {
        text.hasPrefix("-") && text.count > 1 && Double(text) != nil
    }
}
