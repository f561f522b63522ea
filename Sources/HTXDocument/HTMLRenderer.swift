import Foundation

/// Renders a document as one self-contained HTML file: inline CSS with print rules (A4, the margins of
/// Nghị định 30/2020), inline SVG for drawings, and page breaks where the document has them.
public struct HTMLRenderer: DocumentRenderer {
    public let fileExtension = "html"

    public init() {}

    static let style = """
        @page { size: A4; margin: 20mm 15mm 20mm 30mm; }
        body { font-family: "Times New Roman", "Liberation Serif", "DejaVu Serif", serif; font-size: 13pt; \
        line-height: 1.35;
               max-width: 165mm; margin: 0 auto; color: #000; }
        h1 { font-size: 14pt; text-align: center; text-transform: uppercase; margin: 12pt 0 6pt; }
        h2 { font-size: 13pt; margin: 14pt 0 6pt; }
        h3 { font-size: 13pt; font-style: italic; margin: 10pt 0 4pt; }
        p { margin: 0 0 6pt; }
        p.indent { text-indent: 1cm; }
        table { border-collapse: collapse; width: 100%; margin: 6pt 0 10pt; font-size: 12pt; }
        table.grid td, table.grid th { border: 0.75pt solid #000; padding: 2pt 4pt; vertical-align: top; }
        table.grid thead { display: table-header-group; }
        table.plain td { border: none; padding: 0 4pt; vertical-align: top; }
        hr.rule { border: none; border-top: 0.75pt solid #000; margin: 2pt auto 8pt; }
        span.ruled { display: inline-block; border-bottom: 0.75pt solid #000; padding-bottom: 1pt; }
        span.rule { display: block; border-top: 0.75pt solid #000; margin: 2pt auto 0; }
        figure { margin: 8pt 0; text-align: center; } figcaption { font-style: italic; font-size: 11pt; }
        footer { font-size: 10pt; font-style: italic; margin-top: 18pt; border-top: 0.5pt solid #888; }
        .page-break { break-after: page; page-break-after: always; }
        ul { list-style-type: "– "; }
        table { table-layout: fixed; } td, th { overflow-wrap: break-word; hyphens: manual; }
        @media print { footer { display: none; } }
        """

    public func render(_ document: Document) throws -> [UInt8] {
        var out =
            "<!DOCTYPE html>\n<html lang=\"\(escape(document.info.language))\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta name=\"author\" content=\"\(escape(document.info.author))\">\n"
        out +=
            "<title>\(escape(document.info.title))</title>\n<style>\n\(HTMLRenderer.style)\n"
            + HTMLRenderer.pageStyle(footer: document.info.footer) + "</style>\n</head>\n<body>\n"
        for block in document.blocks { out += self.block(block) }
        if !document.info.footer.isEmpty { out += "<footer>\(escape(document.info.footer))</footer>\n" }
        out += "</body>\n</html>\n"
        return Array(out.utf8)
    }

    /// The printed page's margin boxes: the page number centred at the top from page 2 (Nghị định 30/2020), and the
    /// footer line at the bottom of every page, where it cannot cover the text.
    static func pageStyle(footer: String) -> String {
        var quoted = ""
        for scalar in footer.unicodeScalars {
            switch scalar {
            case "\\", "\"": quoted += "\\" + String(scalar)
            case "<", ">", "&": quoted += "\\" + String(scalar.value, radix: 16) + " "
            default: quoted.unicodeScalars.append(scalar.value < 0x20 ? " " : scalar)
            }
        }
        return """
            @page { @top-center { content: counter(page); font: 13pt "Times New Roman", "Liberation Serif", serif; } \
            @bottom-left { content: "\(quoted)"; font: italic 9pt "Times New Roman", "Liberation Serif", serif; } }
            @page :first { @top-center { content: none; } }

            """
    }

    func block(_ block: Block) -> String {
        switch block {
        case .heading(let level, let text, let anchor):
            let level = min(3, max(1, level))
            return "<h\(level)\(anchor.map { " id=\"\(escape($0))\"" } ?? "")>\(escape(text))</h\(level)>\n"
        case .paragraph(let paragraph):
            return paragraphHTML(paragraph, tag: "p") + "\n"
        case .table(let table):
            var html = "<table class=\"\(table.borders ? "grid" : "plain")\">\n<colgroup>"
            for width in table.widths { html += "<col style=\"width:\(Int((width * 1000).rounded()) / 10)%\">" }
            html += "</colgroup>\n"
            if !table.header.isEmpty {
                html += "<thead>\n"
                for row in table.header {
                    html += "<tr>" + row.map { paragraphHTML($0, tag: "th") }.joined() + "</tr>\n"
                }
                html += "</thead>\n"
            }
            html += "<tbody>\n"
            for row in table.rows { html += "<tr>" + row.map { paragraphHTML($0, tag: "td") }.joined() + "</tr>\n" }
            return html + "</tbody>\n</table>\n"
        case .list(let items, let ordered):
            let tag = ordered ? "ol" : "ul"
            return "<\(tag)>\n" + items.map { "<li>" + runs($0.runs) + "</li>\n" }.joined() + "</\(tag)>\n"
        case .drawing(let drawing):
            return "<figure>\n" + svg(drawing) + "<figcaption>\(escape(drawing.caption))</figcaption>\n</figure>\n"
        case .rule(let fraction):
            return "<hr class=\"rule\" style=\"width:\(Int(fraction * 100))%\">\n"
        case .bookmark:
            return ""
        case .pageBreak:
            return "<div class=\"page-break\"></div>\n"
        }
    }

    func paragraphHTML(_ paragraph: Paragraph, tag: String) -> String {
        var style = "text-align:\(paragraph.alignment.rawValue)"
        if let size = paragraph.size { style += ";font-size:\(size)pt" }
        let cls = paragraph.indent ? " class=\"indent\"" : ""
        // In a table cell a word may break after "/" and "@" (an e-mail, "Quận/huyện") rather than anywhere.
        var content = runs(paragraph.runs, breaks: tag == "td" || tag == "th")
        switch paragraph.rule {
        case .text?: content = "<span class=\"ruled\">\(content)</span>"
        case .fraction(let fraction)?:
            content += "<span class=\"rule\" style=\"width:\(Int((fraction * 100).rounded()))%\"></span>"
        case nil: break
        }
        return "<\(tag)\(cls) style=\"\(style)\">\(content)</\(tag)>"
    }

    func runs(_ runs: [Run], breaks: Bool = false) -> String {
        runs.map { run in
            var text = escape(run.text).replacingOccurrences(of: "\n", with: "<br>")
            if breaks {
                text = text.replacingOccurrences(of: "/", with: "/<wbr>").replacingOccurrences(of: "@", with: "@<wbr>")
            }
            if run.italic { text = "<em>\(text)</em>" }
            if run.bold { text = "<strong>\(text)</strong>" }
            return text
        }.joined()
    }

    /// The drawing as inline SVG in points (also the Markdown's image files and the web's map).
    public func svg(_ drawing: Drawing) -> String {
        // Clip ids are unique within a page that holds several drawings: a hash of the caption, then a count.
        let hash = drawing.caption.utf8.reduce(UInt32(2_166_136_261)) { ($0 ^ UInt32($1)) &* 16_777_619 }
        var clips = Int(hash % 100_000) * 100
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(svgNumber(drawing.width))pt\" "
            + "height=\"\(svgNumber(drawing.height))pt\" "
            + "viewBox=\"0 0 \(svgNumber(drawing.width)) \(svgNumber(drawing.height))\" "
            + "role=\"img\" aria-label=\"\(escape(drawing.caption))\" stroke-linejoin=\"round\" "
            + "stroke-linecap=\"round\" font-family=\"Liberation Serif, Times New Roman, serif\">\n"
            + svg(drawing.primitives, clips: &clips) + "</svg>\n"
    }

    func svg(_ primitives: [Drawing.Primitive], clips: inout Int) -> String {
        func color(_ c: Drawing.Color) -> String {
            "#"
                + [c.red, c.green, c.blue].map { String(format: "%02x", Int((max(0, min(1, $0)) * 255).rounded())) }
                .joined()
        }
        let n = svgNumber
        var out = ""
        for primitive in primitives {
            switch primitive {
            case .path(let points, let closed, let fill, let stroke):
                guard let first = points.first, fill != nil || stroke != nil else { continue }
                var d = "M\(n(first.x)) \(n(first.y))"
                for p in points.dropFirst() { d += "L\(n(p.x)) \(n(p.y))" }
                if closed { d += "Z" }
                var attributes = " fill=\"\(fill.map(color) ?? "none")\""
                if let stroke {
                    attributes += " stroke=\"\(color(stroke.color))\" stroke-width=\"\(n(stroke.width))\""
                    if !stroke.dash.isEmpty {
                        attributes += " stroke-dasharray=\"\(stroke.dash.map(n).joined(separator: " "))\""
                    }
                }
                out += "<path d=\"\(d)\"\(attributes)/>\n"
            case .text(let x, let y, let text, let size, let bold, let anchor, let c):
                let a = anchor == .center ? "middle" : anchor == .right ? "end" : "start"
                out +=
                    "<text x=\"\(n(x))\" y=\"\(n(y))\" font-size=\"\(n(size))\" text-anchor=\"\(a)\""
                    + (bold ? " font-weight=\"bold\"" : "") + (c == .black ? "" : " fill=\"\(color(c))\"")
                    + ">\(escape(text))</text>\n"
            case .clip(let x, let y, let width, let height, let inner):
                clips += 1
                let id = "d\(clips)"
                out +=
                    "<clipPath id=\"\(id)\"><rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(width))\" "
                    + "height=\"\(n(height))\"/></clipPath>\n<g clip-path=\"url(#\(id))\">\n"
                    + svg(inner, clips: &clips) + "</g>\n"
            }
        }
        return out
    }

    /// A coordinate with at most two decimals.
    func svgNumber(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    func escape(_ text: String) -> String { HTMLRenderer.escape(text) }

    /// Text made safe for HTML content and quoted attribute values: `& < > " '` become references.
    ///
    /// Works on the UTF-8 bytes, and gives the text back untouched when it holds none of the five (most names).
    public static func escape(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes -> String in
            guard bytes.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else {
                return String(decoding: bytes, as: UTF8.self)
            }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 16)
            for byte in bytes {
                switch byte {
                case 0x26: out.append(contentsOf: Array("&amp;".utf8))
                case 0x3C: out.append(contentsOf: Array("&lt;".utf8))
                case 0x3E: out.append(contentsOf: Array("&gt;".utf8))
                case 0x22: out.append(contentsOf: Array("&quot;".utf8))
                case 0x27: out.append(contentsOf: Array("&#39;".utf8))
                default: out.append(byte)
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }
}
