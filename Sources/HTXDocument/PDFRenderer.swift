import Foundation
import ZIPFoundation

/// Renders a document as PDF, written by the project itself: A4 with the margins of Nghị định 30/2020, TrueType
/// faces embedded as subsets (Type0/CIDFontType2, Identity-H) with ToUnicode maps so text copies and searches,
/// lines broken by real glyph widths and justified, tables split across pages with their header rows repeated,
/// page numbers centred in the top margin from page 2, vector drawings, an outline per level-2 heading, metadata
/// and compressed streams.
public struct PDFRenderer: DocumentRenderer {
    public let fileExtension = "pdf"

    /// The four faces used: regular, bold, italic, bold italic.
    public struct Fonts: Sendable {
        public var regular: TrueTypeFont
        public var bold: TrueTypeFont
        public var italic: TrueTypeFont
        public var boldItalic: TrueTypeFont

        public init(regular: TrueTypeFont, bold: TrueTypeFont, italic: TrueTypeFont, boldItalic: TrueTypeFont) {
            self.regular = regular
            self.bold = bold
            self.italic = italic
            self.boldItalic = boldItalic
        }

        /// The faces of the family of a regular TrueType file: its siblings named with Bold, Italic and BoldItalic
        /// ("LiberationSerif-Regular.ttf" → "LiberationSerif-Bold.ttf" …); a missing face falls back to the regular
        /// one.
        public static func family(regular path: String) throws -> Fonts {
            let regular = try TrueTypeFont(path: path)
            let folder = (path as NSString).deletingLastPathComponent
            let file = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
            let stem = file.hasSuffix("-Regular") ? String(file.dropLast(8)) : file
            func face(_ suffixes: [String]) -> TrueTypeFont {
                for suffix in suffixes {
                    let candidate = (folder as NSString).appendingPathComponent(stem + suffix + ".ttf")
                    if let font = try? TrueTypeFont(path: candidate) { return font }
                }
                return regular
            }
            return Fonts(
                regular: regular, bold: face(["-Bold", "Bold", "-bold"]),
                italic: face(["-Italic", "Italic", "-Oblique"]),
                boldItalic: face(["-BoldItalic", "BoldItalic", "-BoldOblique"]))
        }
    }

    public let fonts: Fonts

    public init(fonts: Fonts) { self.fonts = fonts }

    public func render(_ document: Document) throws -> [UInt8] {
        let layout = PDFLayout(fonts: fonts, footer: document.info.footer)
        for block in document.blocks { layout.place(block) }
        layout.finishPages()
        var writer = PDFWriter(layout: layout, info: document.info)
        return try writer.bytes()
    }
}
