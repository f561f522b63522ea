import Foundation

/// A small format-neutral document: what the briefing says, with no knowledge of PDF, DOCX, HTML or Markdown.
/// Each renderer turns it into one format; none of them knows what a cooperative is.
public struct Document: Sendable, Equatable {
    /// Document properties, printed in footers and written as metadata.
    public struct Info: Sendable, Equatable {
        public var title: String
        public var author: String
        public var subject: String
        /// The footer line on every page ("Số liệu đến …, bản …").
        public var footer: String
        public var language = "vi"
        /// When the document was made, written into formats that record it (PDF); nil writes no date, so the same
        /// content gives the same bytes.
        public var created: Date?

        public init(title: String, author: String, subject: String = "", footer: String = "") {
            self.title = title
            self.author = author
            self.subject = subject
            self.footer = footer
        }
    }

    public var info: Info
    public var blocks: [Block]

    public init(info: Info, blocks: [Block]) {
        self.info = info
        self.blocks = blocks
    }
}

/// A span of text with its emphasis.
public struct Run: Sendable, Equatable {
    public var text: String
    public var bold: Bool
    public var italic: Bool

    public init(_ text: String, bold: Bool = false, italic: Bool = false) {
        self.text = text
        self.bold = bold
        self.italic = italic
    }

    public static func bold(_ text: String) -> Run { Run(text, bold: true) }
    public static func italic(_ text: String) -> Run { Run(text, italic: true) }
}

/// How a paragraph sits on the line.
public enum Alignment: String, Sendable { case left, center, right, justify }

/// A drawn line directly below a paragraph, as Nghị định 30/2020 puts under the agency's name and the motto.
public enum RuleBelow: Sendable, Equatable {
    /// As wide as the paragraph's last line (the motto's rule).
    case text
    /// A fraction of the column's width, centred (the short rule under the agency's name).
    case fraction(Double)
}

/// A paragraph: runs, alignment, whether its first line is indented, and its size relative to body text.
public struct Paragraph: Sendable, Equatable {
    public var runs: [Run]
    public var alignment: Alignment
    public var indent: Bool
    /// Font size in points; nil for body text.
    public var size: Double?
    /// A line drawn directly below it.
    public var rule: RuleBelow?

    public init(
        _ runs: [Run], alignment: Alignment = .justify, indent: Bool = false, size: Double? = nil,
        rule: RuleBelow? = nil
    ) {
        self.runs = runs
        self.alignment = alignment
        self.indent = indent
        self.size = size
        self.rule = rule
    }

    public init(
        _ text: String, alignment: Alignment = .justify, indent: Bool = false, size: Double? = nil,
        rule: RuleBelow? = nil
    ) {
        self.init([Run(text)], alignment: alignment, indent: indent, size: size, rule: rule)
    }

    /// The paragraph's plain text.
    public var text: String { runs.map(\.text).joined() }
}

/// A table: relative column widths, header rows repeated on every page, body rows.
public struct Table: Sendable, Equatable {
    /// Column widths as fractions of the text width (they sum to 1).
    public var widths: [Double]
    public var header: [[Paragraph]]
    public var rows: [[Paragraph]]
    /// A borderless table lays out side-by-side blocks (the administrative header, the signature block).
    public var borders: Bool

    public init(widths: [Double], header: [[Paragraph]] = [], rows: [[Paragraph]], borders: Bool = true) {
        let total = widths.reduce(0, +)
        self.widths = widths.map { $0 / (total > 0 ? total : 1) }
        self.header = header
        self.rows = rows
        self.borders = borders
    }
}

/// One block of the document, in reading order.
public enum Block: Sendable, Equatable {
    /// A heading of level 1–3; `anchor` names it for outlines and links.
    case heading(Int, String, anchor: String?)
    case paragraph(Paragraph)
    case table(Table)
    case list([Paragraph], ordered: Bool)
    case drawing(Drawing)
    /// A short centred rule, `fraction` of the text width (the line under an agency name or the motto).
    case rule(fraction: Double)
    case pageBreak
    /// An outline entry of `level` with nothing on the page: it groups the headings that follow (a day's sheets).
    case bookmark(String, level: Int)
}

/// Turns a document into the bytes of one format.
public protocol DocumentRenderer: Sendable {
    /// The file extension the renderer writes.
    var fileExtension: String { get }
    func render(_ document: Document) throws -> [UInt8]
}
