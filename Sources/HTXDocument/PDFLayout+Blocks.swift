import Foundation
import ZIPFoundation

extension PDFLayout {
    func place(_ block: Block) {
        switch block {
        case .heading(let level, let text, let anchor):
            let size = level == 1 ? 14.0 : 13.0
            ensure(size * 1.3 * 4)
            y -= level == 1 ? 6 : 8
            if anchor != nil || level == 2 { outline.append((text, level, finishedPages, y)) }
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
        case .bookmark(let title, let level):
            outline.append((title, level, finishedPages, y))
        case .pageBreak:
            if current.contains("Tj") { newPage() }
        }
    }

    func place(_ table: Table) {
        let pad = 3.0
        let widths = table.widths.map { $0 * PDFLayout.textWidth }
        func layoutRow(_ row: [Paragraph]) -> (cells: [([[Word]], Double, Alignment, RuleBelow?)], height: Double) {
            var cells: [([[Word]], Double, Alignment, RuleBelow?)] = []
            var height = 0.0
            for (index, cell) in row.enumerated() where index < widths.count {
                let size = cell.size ?? 12
                let lines = self.lines(words(cell.runs), size: size, width: widths[index] - 2 * pad, indent: 0)
                cells.append((lines, size, cell.alignment == .justify ? .left : cell.alignment, cell.rule))
                height = max(height, Double(lines.count) * size * 1.3 + 2 * pad + (cell.rule == nil ? 0 : 4))
            }
            return (cells, max(height, 12 * 1.3 + 2 * pad))
        }
        let headers = table.header.map(layoutRow)
        let headerHeight = headers.reduce(0) { $0 + $1.height }
        func drawRow(_ row: (cells: [([[Word]], Double, Alignment, RuleBelow?)], height: Double)) {
            var x = PDFLayout.left
            for (index, cell) in row.cells.enumerated() {
                if table.borders {
                    current += String(
                        format: "0.6 w %.2f %.2f %.2f %.2f re S\n", x, y - row.height, widths[index], row.height)
                }
                let height = setLines(
                    cell.0, size: cell.1, x: x + pad, width: widths[index] - 2 * pad, alignment: cell.2, indent: 0,
                    topY: y - pad)
                if let rule = cell.3 {
                    drawRule(
                        rule, under: cell.0.last ?? [], size: cell.1, x: x + pad, width: widths[index] - 2 * pad,
                        baseline: y - pad - height - 2)
                }
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

    /// A rule under a line of words set at `x` within `width`, centred, at `baseline` (in page points).
    func drawRule(_ rule: RuleBelow, under line: [Word], size: Double, x: Double, width: Double, baseline: Double) {
        let length: Double
        switch rule {
        case .text:
            let space = self.width(" ", face: 0, size: size)
            length = line.enumerated().reduce(0.0) { total, item in
                total + self.width(item.element.text, face: item.element.face, size: size)
                    + (item.offset > 0 && item.element.spaced ? space : 0)
            }
        case .fraction(let fraction): length = width * fraction
        }
        let start = x + (width - length) / 2
        current +=
            "0.6 w \(PDFLayout.number(start)) \(PDFLayout.number(baseline)) m "
            + "\(PDFLayout.number(start + length)) \(PDFLayout.number(baseline)) l S\n"
    }

    func place(_ drawing: Drawing) {
        let scale = min(1, PDFLayout.textWidth / drawing.width)
        let w = drawing.width * scale
        let h = drawing.height * scale
        ensure(h + 20)
        let ox = PDFLayout.left + (PDFLayout.textWidth - w) / 2
        let oy = y - h
        func pageX(_ x: Double) -> Double { ox + x * scale }
        func pageY(_ y: Double) -> Double { oy + (drawing.height - y) * scale }
        current += "q 1 j 1 J\n"
        paint(drawing.primitives, x: pageX, y: pageY, scale: scale)
        current += "Q 0 g 0 G\n"
        y -= h + 4
        paragraph(Paragraph([.italic(drawing.caption)], alignment: .center, size: 11))
    }

    /// Paints primitives with a transform from drawing to page points (a clip saves and restores the state).
    func paint(
        _ primitives: [Drawing.Primitive], x pageX: (Double) -> Double, y pageY: (Double) -> Double, scale: Double
    ) {
        func rgb(_ c: Drawing.Color) -> String {
            [c.red, c.green, c.blue].map { PDFLayout.number($0, places: 3) }.joined(separator: " ")
        }
        func point(_ x: Double, _ y: Double) -> String { PDFLayout.number(pageX(x)) + " " + PDFLayout.number(pageY(y)) }
        for primitive in primitives {
            switch primitive {
            case .path(let points, let closed, let fill, let stroke):
                guard let first = points.first, fill != nil || stroke != nil else { continue }
                var ops = ""
                if let fill { ops += rgb(fill) + " rg " }
                if let stroke {
                    let dash = stroke.dash.map { PDFLayout.number($0 * scale) }.joined(separator: " ")
                    ops += rgb(stroke.color) + " RG " + PDFLayout.number(stroke.width * scale) + " w [\(dash)] 0 d "
                }
                ops += point(first.x, first.y) + " m "
                for p in points.dropFirst() { ops += point(p.x, p.y) + " l " }
                let close = closed ? "h " : ""
                ops += close + (fill != nil && closed ? (stroke != nil ? "B" : "f") : "S") + "\n"
                current += ops
            case .text(let x, let y, let text, let size, let bold, let anchor, let color):
                let face = bold ? 1 : 0
                let s = size * scale
                let tw = width(text, face: face, size: s)
                let start = anchor == .center ? pageX(x) - tw / 2 : anchor == .right ? pageX(x) - tw : pageX(x)
                current += rgb(color) + " rg\n"
                show(text, face: face, size: s, x: start, y: pageY(y))
            case .clip(let x, let y, let width, let height, let inner):
                current +=
                    "q " + point(x, y + height) + " " + PDFLayout.number(width * scale) + " "
                    + PDFLayout.number(height * scale) + " re W n\n"
                paint(inner, x: pageX, y: pageY, scale: scale)
                current += "Q\n"
            }
        }
    }

    /// Closes the last page and adds page numbers (from page 2, centred in the top margin) and the footer.
    /// Ends the layout: the page being drawn is finished like the others.
    func finishPages() {
        finishPage()
        current = ""
    }

    /// Finishes the page being drawn, with its number in the top margin (from the second page) and the footer, and
    /// hands it to the compressor (`pages`).
    func finishPage() {
        let index = finishedPages
        if index > 0 {
            let number = String(index + 1)
            show(
                number, face: 0, size: 13, x: (PDFLayout.pageWidth - width(number, face: 0, size: 13)) / 2,
                y: PDFLayout.pageHeight - 36)
        }
        if !footer.isEmpty {
            show(footer, face: 2, size: 9, x: PDFLayout.left, y: 28)
        }
        compressor.add(Array(current.utf8))
    }
}
