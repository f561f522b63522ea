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
        td, th { overflow-wrap: anywhere; }
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
        case .pageBreak:
            return "<div class=\"page-break\"></div>\n"
        }
    }

    func paragraphHTML(_ paragraph: Paragraph, tag: String) -> String {
        var style = "text-align:\(paragraph.alignment.rawValue)"
        if let size = paragraph.size { style += ";font-size:\(size)pt" }
        let cls = paragraph.indent ? " class=\"indent\"" : ""
        var content = runs(paragraph.runs)
        switch paragraph.rule {
        case .text?: content = "<span class=\"ruled\">\(content)</span>"
        case .fraction(let fraction)?:
            content += "<span class=\"rule\" style=\"width:\(Int((fraction * 100).rounded()))%\"></span>"
        case nil: break
        }
        return "<\(tag)\(cls) style=\"\(style)\">\(content)</\(tag)>"
    }

    func runs(_ runs: [Run]) -> String {
        runs.map { run in
            var text = escape(run.text).replacingOccurrences(of: "\n", with: "<br>")
            if run.italic { text = "<em>\(text)</em>" }
            if run.bold { text = "<strong>\(text)</strong>" }
            return text
        }.joined()
    }

    /// The drawing as inline SVG in points.
    func svg(_ drawing: Drawing) -> String {
        func gray(_ g: Double) -> String {
            let v = Int((max(0, min(1, g)) * 255).rounded())
            return "rgb(\(v),\(v),\(v))"
        }
        func n(_ value: Double) -> String { String((value * 100).rounded() / 100) }
        var out =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(n(drawing.width))pt\" "
            + "height=\"\(n(drawing.height))pt\" viewBox=\"0 0 \(n(drawing.width)) \(n(drawing.height))\" "
            + "role=\"img\" aria-label=\"\(escape(drawing.caption))\">\n"
        for shape in drawing.shapes {
            switch shape {
            case .line(let x1, let y1, let x2, let y2, let width, let g):
                out +=
                    "<line x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\" stroke=\"\(gray(g))\" "
                    + "stroke-width=\"\(n(width))\"/>\n"
            case .polyline(let points, let width, let g):
                out +=
                    "<polyline fill=\"none\" stroke=\"\(gray(g))\" stroke-width=\"\(n(width))\" points=\""
                    + points.map { "\(n($0.x)),\(n($0.y))" }.joined(separator: " ") + "\"/>\n"
            case .rect(let x, let y, let width, let height, let g):
                out +=
                    "<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(width))\" height=\"\(n(height))\" "
                    + "fill=\"\(gray(g))\"/>\n"
            case .circle(let x, let y, let radius, let g):
                out +=
                    "<circle cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"\(n(radius))\" fill=\"\(gray(g))\" stroke=\"#000\" "
                    + "stroke-width=\"0.5\"/>\n"
            case .text(let x, let y, let text, let size, let bold, let anchor):
                let a = anchor == .center ? "middle" : anchor == .right ? "end" : "start"
                out +=
                    "<text x=\"\(n(x))\" y=\"\(n(y))\" font-size=\"\(n(size))\" "
                    + "text-anchor=\"\(a)\"\(bold ? " font-weight=\"bold\"" : "") font-family=\"Liberation Serif, "
                    + "Times New Roman, serif\">\(escape(text))</text>\n"
            }
        }
        return out + "</svg>\n"
    }

    func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }
}
