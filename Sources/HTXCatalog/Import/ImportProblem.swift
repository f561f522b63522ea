import HTXCore

/// One problem found in an import file, located by row and column so the sender can fix it.
public struct ImportProblem: Sendable, Equatable, Encodable {
    public var file: String
    public var row: Int?
    /// The column's header as written in the file.
    public var column: String?
    public var value: String?
    public var severity: Diagnostic.Severity
    public var message: Message
    /// What the person importing can change to get past the problem; the edge words it (a flag, a form field).
    public var hint: Hint?

    /// A way past a problem that the library cannot word, since it belongs to the caller's interface.
    public enum Hint: String, Sendable, Equatable, Encodable {
        /// Assign the unrecognised columns to fields (the command line's column map).
        case mapColumns
        /// Choose to update or skip the records already in the catalog.
        case chooseConflictPolicy
    }

    /// A problem at `file`, `row` and `column`, with the words and the way past it.
    public init(
        file: String, row: Int?, column: String?, value: String?, severity: Diagnostic.Severity, message: Message,
        hint: Hint? = nil
    ) {
        self.file = file
        self.row = row
        self.column = column
        self.value = value.map { ImportProblem.excerpt($0) }
        self.severity = severity
        self.message = message
        self.hint = hint
    }

    /// "file, dòng 12, cột "Mã số thuế" (0100ABC): message".
    public func text(_ lang: Lang) -> String {
        var place = file
        if let row { place += lang == .vi ? ", dòng \(row)" : ", row \(row)" }
        if let column { place += lang == .vi ? ", cột \"\(column)\"" : ", column \"\(column)\"" }
        if let value, !value.isEmpty { place += " (\(value.count > 40 ? String(value.prefix(37)) + "…" : value))" }
        return place + ": " + message.text(lang)
    }

    /// At most `limit` characters of a value or a line a message quotes, with "…" and the full length when cut: a
    /// binary file read as text must not print a line of thousands of characters.
    public static func excerpt(_ text: String, limit: Int = 80) -> String {
        guard text.count > limit else { return text }
        return String(text.prefix(limit - 1)) + "… (\(text.count))"
    }

    enum CodingKeys: String, CodingKey { case file, row, column, value, severity, message, hint }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(file, forKey: .file)
        try c.encode(row, forKey: .row)
        try c.encode(column, forKey: .column)
        try c.encode(value, forKey: .value)
        try c.encode(severity, forKey: .severity)
        try c.encode(message.vi, forKey: .message)
        if let hint { try c.encode(hint, forKey: .hint) }
    }
}
