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
            // By URL: NSString's path methods trap on some one-character names (`--font b`).
            let url = URL(fileURLWithPath: path)
            let file = url.deletingPathExtension().lastPathComponent
            let stem = file.hasSuffix("-Regular") ? String(file.dropLast(8)) : file
            func face(_ suffixes: [String]) -> TrueTypeFont {
                for suffix in suffixes {
                    let candidate = url.deletingLastPathComponent().appendingPathComponent(stem + suffix + ".ttf").path
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
        let sink = ByteSink()
        try render(document) { sink.bytes += $0 }
        return sink.bytes
    }

    /// Renders `document` a piece at a time into `emit` (a file, say): each page goes out as soon as it is compressed,
    /// so memory does not grow with the number of pages. `emit` is called from one thread at a time, in order.
    public func render(_ document: Document, to emit: @escaping ([UInt8]) throws -> Void) throws {
        let writer = try PDFWriter(emit: emit)
        let layout = PDFLayout(fonts: fonts, footer: document.info.footer, deliver: writer.page)
        for block in document.blocks { layout.place(block) }
        layout.finishPages()
        try layout.compressor.drain()
        try writer.finish(layout, info: document.info)
    }

    /// Renders `document` into a new file at `path` (mode 0600): an existing file is refused, never replaced, and
    /// the file is removed again if the render fails part-way.
    public func render(_ document: Document, toFile path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        var done = false
        defer {
            close(descriptor)
            if !done { unlink(path) }
        }
        let buffer = ByteSink()
        try render(document) { bytes in
            buffer.bytes += bytes
            if buffer.bytes.count >= 1 << 16 { try PDFRenderer.write(descriptor, &buffer.bytes) }
        }
        try PDFRenderer.write(descriptor, &buffer.bytes)
        done = true
    }

    /// Writes all of `bytes` to `descriptor`, then empties it.
    private static func write(_ descriptor: Int32, _ bytes: inout [UInt8]) throws {
        var done = 0
        while done < bytes.count {
            let written = bytes.withUnsafeBytes { raw in
                raw.baseAddress.map { Foundation.write(descriptor, $0 + done, raw.count - done) } ?? 0
            }
            guard written > 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            done += written
        }
        bytes.removeAll(keepingCapacity: true)
    }
}

/// Bytes gathered from `PDFRenderer.render(_:to:)`'s pieces, one thread at a time.
final class ByteSink: @unchecked Sendable {
    var bytes: [UInt8] = []
}
