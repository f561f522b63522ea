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
        /// ("LiberationSerif-Regular.ttf" → "LiberationSerif-Bold.ttf" …); a missing face falls back to the regular one.
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

/// Lays blocks out on A4 pages and records the drawing operators, the glyphs used and the outline.
final class PDFLayout {
    static let pageWidth = 595.28, pageHeight = 841.89
    static let left = 85.04, right = 42.52, top = 56.69, bottom = 56.69
    static var textWidth: Double { pageWidth - left - right }

    let fonts: PDFRenderer.Fonts
    let footer: String
    var pages: [String] = []
    var current = ""
    var y = PDFLayout.pageHeight - PDFLayout.top
    /// Glyphs used per face (0 regular, 1 bold, 2 italic, 3 bold italic), with the scalar each shows.
    var used: [[Int: Unicode.Scalar]] = [[:], [:], [:], [:]]
    var outline: [(title: String, page: Int, y: Double)] = []

    init(fonts: PDFRenderer.Fonts, footer: String) {
        self.fonts = fonts
        self.footer = footer
    }

    func face(bold: Bool, italic: Bool) -> Int { (bold ? 1 : 0) + (italic ? 2 : 0) }
    func font(_ face: Int) -> TrueTypeFont { [fonts.regular, fonts.bold, fonts.italic, fonts.boldItalic][face] }

    func width(_ text: String, face: Int, size: Double) -> Double { font(face).width(text, size: size) }

    static let hexDigits = Array("0123456789ABCDEF".utf8)

    /// A number with at most two decimals, as content streams take it (String(format:) is slow on Linux).
    static func number(_ value: Double) -> String {
        // A coordinate far off the page (or not a number) is drawn at the page's edge of the world, never a trap.
        let bounded = value.isFinite ? max(-1e9, min(1e9, value)) : 0
        let hundredths = Int((bounded * 100).rounded())
        let sign = hundredths < 0 ? "-" : ""
        let magnitude = abs(hundredths)
        let fraction = magnitude % 100
        return sign + String(magnitude / 100)
            + (fraction == 0 ? "" : "." + (fraction < 10 ? "0" : "") + String(fraction))
    }

    /// Shows text at (x, y) baseline.
    func show(_ text: String, face: Int, size: Double, x: Double, y: Double) {
        let f = font(face)
        var hex: [UInt8] = []
        hex.reserveCapacity(text.utf8.count * 4)
        for scalar in text.unicodeScalars {
            let glyph = f.glyph(scalar)
            if used[face][glyph] == nil { used[face][glyph] = scalar }
            for shift in [12, 8, 4, 0] { hex.append(PDFLayout.hexDigits[(glyph >> shift) & 0xF]) }
        }
        current +=
            "BT /F\(face + 1) \(PDFLayout.number(size)) Tf \(PDFLayout.number(x)) \(PDFLayout.number(y)) Td <"
            + String(decoding: hex, as: UTF8.self) + "> Tj ET\n"
    }

    func newPage() {
        pages.append(current)
        current = ""
        y = PDFLayout.pageHeight - PDFLayout.top
    }

    func ensure(_ height: Double) {
        if y - height < PDFLayout.bottom && current.contains("Tj") { newPage() }
    }

    /// A word to set: its text, face and whether a space precedes it.
    struct Word {
        var text: String
        var face: Int
        var spaced: Bool
    }

    /// The words of runs in order; a word that follows its predecessor without a space (a run boundary inside a
    /// word, "HTX" then ",") is marked unspaced so lines set it flush.
    func words(_ runs: [Run]) -> [Word] {
        var result: [Word] = []
        var spaceBefore = false
        for run in runs {
            let face = self.face(bold: run.bold, italic: run.italic)
            var token = ""
            func flush() {
                guard !token.isEmpty else { return }
                result.append(Word(text: token, face: face, spaced: spaceBefore && !result.isEmpty))
                token = ""
                spaceBefore = false
            }
            for character in run.text {
                if character == " " || character == "\n" || character == "\t" {
                    flush()
                    spaceBefore = true
                } else {
                    token.append(character)
                }
            }
            flush()
        }
        return result
    }

    /// Breaks words into lines that fit `width` (the first line `indent` narrower).
    func lines(_ words: [Word], size: Double, width: Double, indent: Double) -> [[Word]] {
        var lines: [[Word]] = [[]]
        var used = indent
        let space = self.width(" ", face: 0, size: size)
        for word in words {
            let w = self.width(word.text, face: word.face, size: size)
            let gap = lines[lines.count - 1].isEmpty ? 0 : (word.spaced ? space : 0)
            if used + gap + w > width && !lines[lines.count - 1].isEmpty {
                lines.append([])
                used = 0
            }
            var word = word
            if lines[lines.count - 1].isEmpty { word.spaced = false }
            lines[lines.count - 1].append(word)
            used += (lines[lines.count - 1].count == 1 ? 0 : (word.spaced ? space : 0)) + w
        }
        return lines.filter { !$0.isEmpty }
    }

    /// Sets lines at x within width, from the current y down; returns the height used.
    @discardableResult
    func setLines(
        _ lines: [[Word]], size: Double, x: Double, width: Double, alignment: Alignment, indent: Double, topY: Double
    ) -> Double {
        let leading = size * 1.3
        let space = self.width(" ", face: 0, size: size)
        var baseline = topY - size
        for (index, line) in lines.enumerated() {
            let lineIndent = index == 0 ? indent : 0
            let natural = line.enumerated().reduce(0.0) { total, item in
                total + self.width(item.element.text, face: item.element.face, size: size)
                    + (item.offset > 0 && item.element.spaced ? space : 0)
            }
            let gaps = line.dropFirst().filter(\.spaced).count
            var extra = 0.0
            var start = x + lineIndent
            switch alignment {
            case .center: start = x + (width - natural) / 2
            case .right: start = x + width - natural
            case .justify where index < lines.count - 1 && gaps > 0:
                extra = (width - lineIndent - natural) / Double(gaps)
            default: break
            }
            var cursor = start
            for (position, word) in line.enumerated() {
                if position > 0 && word.spaced { cursor += space + extra }
                show(word.text, face: word.face, size: size, x: cursor, y: baseline)
                cursor += self.width(word.text, face: word.face, size: size)
            }
            baseline -= leading
        }
        return Double(lines.count) * leading
    }

    func paragraph(_ p: Paragraph, size defaultSize: Double = 13, spaceAfter: Double = 6) {
        let size = p.size ?? defaultSize
        let indent = p.indent ? 28.35 : 0
        let lines = self.lines(words(p.runs), size: size, width: PDFLayout.textWidth, indent: indent)
        let leading = size * 1.3
        var remaining = lines[...]
        while !remaining.isEmpty {
            let fit = max(1, Int((y - PDFLayout.bottom) / leading))
            if fit < 2 && remaining.count >= 2 {
                newPage()
                continue
            }
            let chunk = Array(remaining.prefix(fit))
            let first = remaining.startIndex == lines.startIndex
            let height = setLines(
                chunk, size: size, x: PDFLayout.left, width: PDFLayout.textWidth, alignment: p.alignment,
                indent: first ? indent : 0, topY: y)
            y -= height
            remaining = remaining.dropFirst(chunk.count)
            if !remaining.isEmpty { newPage() }
        }
        y -= spaceAfter
    }

    func place(_ block: Block) {
        switch block {
        case .heading(let level, let text, let anchor):
            let size = level == 1 ? 14.0 : 13.0
            ensure(size * 1.3 * 4)
            y -= level == 1 ? 6 : 8
            if anchor != nil || level == 2 { outline.append((text, pages.count, y)) }
            paragraph(
                Paragraph(
                    [Run(level == 1 ? text.uppercased() : text, bold: true, italic: level == 3)],
                    alignment: level == 1 ? .center : .left, size: size), spaceAfter: 4)
        case .paragraph(let p):
            paragraph(p)
        case .list(let items, let ordered):
            for (index, item) in items.enumerated() {
                let size = item.size ?? 13
                let marker = ordered ? "\(index + 1)." : "–"
                let lines = self.lines(words(item.runs), size: size, width: PDFLayout.textWidth - 20, indent: 0)
                ensure(size * 1.3 * Double(min(lines.count, 2)))
                show(marker, face: 0, size: size, x: PDFLayout.left + 4, y: y - size)
                y -= setLines(
                    lines, size: size, x: PDFLayout.left + 20, width: PDFLayout.textWidth - 20,
                    alignment: item.alignment == .justify ? .justify : .left, indent: 0, topY: y)
                y -= 3
            }
            y -= 4
        case .table(let table):
            place(table)
        case .drawing(let drawing):
            place(drawing)
        case .rule(let fraction):
            let w = PDFLayout.textWidth * fraction
            ensure(8)
            current += String(
                format: "0.6 w %.2f %.2f m %.2f %.2f l S\n", PDFLayout.left + (PDFLayout.textWidth - w) / 2, y - 2,
                PDFLayout.left + (PDFLayout.textWidth + w) / 2, y - 2)
            y -= 10
        case .pageBreak:
            if current.contains("Tj") { newPage() }
        }
    }

    func place(_ table: Table) {
        let pad = 3.0
        let widths = table.widths.map { $0 * PDFLayout.textWidth }
        func layoutRow(_ row: [Paragraph]) -> (cells: [([[Word]], Double, Alignment)], height: Double) {
            var cells: [([[Word]], Double, Alignment)] = []
            var height = 0.0
            for (index, cell) in row.enumerated() where index < widths.count {
                let size = cell.size ?? 12
                let lines = self.lines(words(cell.runs), size: size, width: widths[index] - 2 * pad, indent: 0)
                cells.append((lines, size, cell.alignment == .justify ? .left : cell.alignment))
                height = max(height, Double(lines.count) * size * 1.3 + 2 * pad)
            }
            return (cells, max(height, 12 * 1.3 + 2 * pad))
        }
        let headers = table.header.map(layoutRow)
        let headerHeight = headers.reduce(0) { $0 + $1.height }
        func drawRow(_ row: (cells: [([[Word]], Double, Alignment)], height: Double)) {
            var x = PDFLayout.left
            for (index, cell) in row.cells.enumerated() {
                if table.borders {
                    current += String(
                        format: "0.6 w %.2f %.2f %.2f %.2f re S\n", x, y - row.height, widths[index], row.height)
                }
                setLines(
                    cell.0, size: cell.1, x: x + pad, width: widths[index] - 2 * pad, alignment: cell.2, indent: 0,
                    topY: y - pad)
                x += widths[index]
            }
            y -= row.height
        }
        ensure(headerHeight + 30)
        for header in headers { drawRow(header) }
        for row in table.rows.map(layoutRow) {
            if y - row.height < PDFLayout.bottom {
                newPage()
                for header in headers { drawRow(header) }
            }
            drawRow(row)
        }
        y -= 8
    }

    func place(_ drawing: Drawing) {
        let scale = min(1, PDFLayout.textWidth / drawing.width)
        let w = drawing.width * scale
        let h = drawing.height * scale
        ensure(h + 20)
        let ox = PDFLayout.left + (PDFLayout.textWidth - w) / 2
        let oy = y - h
        func X(_ x: Double) -> Double { ox + x * scale }
        func Y(_ y: Double) -> Double { oy + (drawing.height - y) * scale }
        current += "q\n"
        for shape in drawing.shapes {
            switch shape {
            case .line(let x1, let y1, let x2, let y2, let width, let gray):
                current += String(
                    format: "%.2f G %.2f w %.2f %.2f m %.2f %.2f l S\n", gray, width * scale, X(x1), Y(y1), X(x2), Y(y2)
                )
            case .polyline(let points, let width, let gray):
                guard let first = points.first else { continue }
                current += String(format: "%.2f G %.2f w %.2f %.2f m ", gray, width * scale, X(first.x), Y(first.y))
                for p in points.dropFirst() { current += String(format: "%.2f %.2f l ", X(p.x), Y(p.y)) }
                current += "S\n"
            case .rect(let x, let y, let width, let height, let gray):
                current += String(
                    format: "%.2f g %.2f %.2f %.2f %.2f re f\n", gray, X(x), Y(y + height), width * scale,
                    height * scale)
            case .circle(let x, let y, let radius, let gray):
                let cx = X(x)
                let cy = Y(y)
                let r = radius * scale
                let k = 0.5523 * r
                current += String(
                    format:
                        "%.2f g 0 G 0.5 w %.2f %.2f m %.2f %.2f %.2f %.2f %.2f %.2f c %.2f %.2f %.2f %.2f %.2f %.2f c %.2f %.2f %.2f %.2f %.2f %.2f c %.2f %.2f %.2f %.2f %.2f %.2f c B\n",
                    gray, cx + r, cy, cx + r, cy + k, cx + k, cy + r, cx, cy + r, cx - k, cy + r, cx - r, cy + k,
                    cx - r, cy,
                    cx - r, cy - k, cx - k, cy - r, cx, cy - r, cx + k, cy - r, cx + r, cy - k, cx + r, cy)
            case .text(let x, let y, let text, let size, let bold, let anchor):
                let face = bold ? 1 : 0
                let s = size * scale
                let tw = width(text, face: face, size: s)
                let start = anchor == .center ? X(x) - tw / 2 : anchor == .right ? X(x) - tw : X(x)
                current += "0 g\n"
                show(text, face: face, size: s, x: start, y: Y(y))
            }
        }
        current += "Q 0 g 0 G\n"
        y -= h + 4
        paragraph(Paragraph([.italic(drawing.caption)], alignment: .center, size: 11))
    }

    /// Closes the last page and adds page numbers (from page 2, centred in the top margin) and the footer.
    func finishPages() {
        pages.append(current)
        for index in pages.indices {
            var extra = ""
            let saved = current
            current = ""
            if index > 0 {
                let number = String(index + 1)
                show(
                    number, face: 0, size: 13, x: (PDFLayout.pageWidth - width(number, face: 0, size: 13)) / 2,
                    y: PDFLayout.pageHeight - 36)
            }
            if !footer.isEmpty {
                show(footer, face: 2, size: 9, x: PDFLayout.left, y: 28)
            }
            extra = current
            current = saved
            pages[index] += extra
        }
    }
}

/// Writes the PDF file: objects, fonts, pages, outline, metadata, cross-reference table.
struct PDFWriter {
    let layout: PDFLayout
    let info: Document.Info
    var objects: [[UInt8]] = []

    init(layout: PDFLayout, info: Document.Info) {
        self.layout = layout
        self.info = info
    }

    mutating func add(_ text: String) -> Int {
        objects.append(Array(text.utf8))
        return objects.count
    }
    mutating func reserve() -> Int {
        objects.append([])
        return objects.count
    }
    mutating func set(_ id: Int, _ text: String) { objects[id - 1] = Array(text.utf8) }

    mutating func stream(_ dictionary: String, _ data: [UInt8]) -> Int {
        let compressed = PDFWriter.zlib(data)
        var bytes = Array("<< \(dictionary) /Length \(compressed.count) /Filter /FlateDecode >>\nstream\n".utf8)
        bytes += compressed
        bytes += Array("\nendstream".utf8)
        objects.append(bytes)
        return objects.count
    }

    /// zlib-wrapped deflate (RFC 1950), as FlateDecode expects.
    static func zlib(_ data: [UInt8]) -> [UInt8] {
        var deflated = Data()
        let source = Data(data)
        _ = try? Data.compress(
            size: Int64(source.count), bufferSize: 64 * 1024,
            provider: { position, size in
                source.subdata(in: Int(position)..<Int(position) + size)
            }, consumer: { deflated.append($0) })
        var a: UInt32 = 1
        var b: UInt32 = 0
        for byte in data {
            a = (a + UInt32(byte)) % 65521
            b = (b + a) % 65521
        }
        let adler = (b << 16) | a
        return [0x78, 0x9C] + [UInt8](deflated) + [
            UInt8(adler >> 24), UInt8(adler >> 16 & 0xFF), UInt8(adler >> 8 & 0xFF), UInt8(adler & 0xFF),
        ]
    }

    /// A PDF text string in UTF-16BE with a byte-order mark.
    static func text(_ s: String) -> String { "<FEFF" + s.utf16.map { String(format: "%04X", $0) }.joined() + ">" }

    mutating func bytes() throws -> [UInt8] {
        let catalog = reserve()
        let pagesID = reserve()
        var fontIDs: [Int] = []
        for face in 0..<4 {
            let font = layout.font(face)
            let glyphs = layout.used[face]
            let tag = PDFWriter.tag(Set(glyphs.keys), face: face)
            let name = "\(tag)+\(font.postScriptName)"
            let subset = font.subset(Set(glyphs.keys))
            let file = stream("/Length1 \(subset.count)", subset)
            let scale = 1000.0 / Double(font.unitsPerEm)
            func s(_ v: Int) -> Int { Int((Double(v) * scale).rounded()) }
            let flags = 32 + (face >= 2 ? 64 : 0) + 2
            let descriptor = add(
                "<< /Type /FontDescriptor /FontName /\(name) /Flags \(flags) /FontBBox [\(s(font.bbox.0)) \(s(font.bbox.1)) \(s(font.bbox.2)) \(s(font.bbox.3))] /ItalicAngle \(font.italicAngle) /Ascent \(s(font.ascender)) /Descent \(s(font.descender)) /CapHeight \(s(font.capHeight)) /StemV 80 /FontFile2 \(file) 0 R >>"
            )
            let widths = glyphs.keys.sorted().map { "\($0) [\(s(font.advance($0)))]" }.joined(separator: " ")
            let cid = add(
                "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /\(name) /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor \(descriptor) 0 R /DW 1000 /W [\(widths)] /CIDToGIDMap /Identity >>"
            )
            var cmap =
                "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
            let pairs = glyphs.sorted { $0.key < $1.key }
            for chunk in stride(from: 0, to: pairs.count, by: 100) {
                let part = pairs[chunk..<min(pairs.count, chunk + 100)]
                cmap += "\(part.count) beginbfchar\n"
                for (glyph, scalar) in part {
                    cmap +=
                        String(format: "<%04X> <", glyph)
                        + String(scalar).utf16.map { String(format: "%04X", $0) }.joined() + ">\n"
                }
                cmap += "endbfchar\n"
            }
            cmap += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
            let toUnicode = stream("", Array(cmap.utf8))
            fontIDs.append(
                add(
                    "<< /Type /Font /Subtype /Type0 /BaseFont /\(name) /Encoding /Identity-H /DescendantFonts [\(cid) 0 R] /ToUnicode \(toUnicode) 0 R >>"
                ))
        }
        let resources =
            "<< /Font << " + fontIDs.enumerated().map { "/F\($0.offset + 1) \($0.element) 0 R" }.joined(separator: " ")
            + " >> >>"
        var pageIDs: [Int] = []
        for page in layout.pages {
            let content = stream("", Array(page.utf8))
            pageIDs.append(
                add(
                    "<< /Type /Page /Parent \(pagesID) 0 R /MediaBox [0 0 \(PDFLayout.pageWidth) \(PDFLayout.pageHeight)] /Resources \(resources) /Contents \(content) 0 R >>"
                ))
        }
        set(
            pagesID,
            "<< /Type /Pages /Kids [\(pageIDs.map { "\($0) 0 R" }.joined(separator: " "))] /Count \(pageIDs.count) >>")
        var outlinePart = ""
        if !layout.outline.isEmpty {
            let root = reserve()
            let items = layout.outline.map { _ in reserve() }
            for (index, entry) in layout.outline.enumerated() {
                var dict =
                    "<< /Title \(PDFWriter.text(entry.title)) /Parent \(root) 0 R /Dest [\(pageIDs[min(entry.page, pageIDs.count - 1)]) 0 R /XYZ 0 \(String(format: "%.2f", entry.y + 20)) 0]"
                if index > 0 { dict += " /Prev \(items[index - 1]) 0 R" }
                if index < items.count - 1 { dict += " /Next \(items[index + 1]) 0 R" }
                set(items[index], dict + " >>")
            }
            set(root, "<< /Type /Outlines /First \(items.first!) 0 R /Last \(items.last!) 0 R /Count \(items.count) >>")
            outlinePart = " /Outlines \(root) 0 R /PageMode /UseOutlines"
        }
        set(catalog, "<< /Type /Catalog /Pages \(pagesID) 0 R\(outlinePart) /Lang (\(info.language)) >>")
        let created = info.created.map { date in
            " /CreationDate (D:" + date.formatted(.iso8601).filter(\.isNumber).prefix(14) + "Z)"
        }
        let infoID = add(
            "<< /Title \(PDFWriter.text(info.title)) /Author \(PDFWriter.text(info.author)) "
                + "/Subject \(PDFWriter.text(info.subject)) /Producer (htx)\(created ?? "") >>")
        var out = Array("%PDF-1.7\n%\u{E2}\u{E3}\u{CF}\u{D3}\n".utf8)
        var offsets: [Int] = []
        for (index, object) in objects.enumerated() {
            offsets.append(out.count)
            out += Array("\(index + 1) 0 obj\n".utf8) + object + Array("\nendobj\n".utf8)
        }
        let xref = out.count
        out += Array("xref\n0 \(objects.count + 1)\n0000000000 65535 f \n".utf8)
        for offset in offsets { out += Array(String(format: "%010d 00000 n \n", offset).utf8) }
        out += Array(
            "trailer\n<< /Size \(objects.count + 1) /Root \(catalog) 0 R /Info \(infoID) 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
                .utf8)
        return out
    }

    /// Six capital letters naming a subset, derived from its glyphs.
    static func tag(_ glyphs: Set<Int>, face: Int) -> String {
        var hash: UInt64 = 1_469_598_103_934_665_603 &+ UInt64(face)
        for g in glyphs.sorted() { hash = (hash ^ UInt64(g)) &* 1_099_511_628_211 }
        return String((0..<6).map { Character(UnicodeScalar(UInt8(65 + Int((hash >> (UInt64($0) * 5)) % 26)))) })
    }
}
