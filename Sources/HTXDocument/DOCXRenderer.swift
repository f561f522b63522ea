import Foundation
import HTXPackage

/// Renders a document as a DOCX package Word and LibreOffice open and edit: real styles (Normal in Times New Roman
/// 13 pt, Heading 1–3, a table style), an A4 section with the margins of Nghị định 30/2020, a header with a PAGE field
/// that page 1 does not show, tables whose header rows repeat on every page, and page breaks. Drawings become PNG
/// images painted with the PDF's faces, with their caption below (without faces, the caption alone).
public struct DOCXRenderer: DocumentRenderer {
    public let fileExtension = "docx"
    /// Paints the drawings; nil leaves only their captions.
    public var raster: DrawingRaster?

    public init(raster: DrawingRaster? = nil) { self.raster = raster }

    /// Twentieths of a point per millimetre.
    static func twips(mm: Double) -> Int { Int((mm / 25.4 * 1440).rounded()) }

    /// The text width of an A4 page between the margins, in twips (210 − 30 − 15 mm).
    static let textWidth = twips(mm: 165)

    public func render(_ document: Document) throws -> [UInt8] {
        var body = ""
        var orderedLists = 0
        var media: [(path: String, contentType: String, data: Data)] = []
        var imageRelationships = ""
        for block in document.blocks {
            if case .drawing(let drawing) = block, let raster {
                let number = media.count + 1
                let path = "media/hinh-\(number).png"
                media.append(("word/" + path, "image/png", Data(raster.png(drawing))))
                imageRelationships +=
                    "<Relationship Id=\"rIdImg\(number)\" "
                    + "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" "
                    + "Target=\"\(path)\"/>"
                body += image(drawing, number: number)
            } else if case .list(_, ordered: true) = block {
                orderedLists += 1
                body += xml(block, numbering: orderedLists + 1)
            } else {
                body += xml(block)
            }
        }
        body += section()
        let documentXML = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" \
            xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" \
            xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" \
            xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" \
            xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture">\
            <w:body>\(body)</w:body></w:document>
            """
        let main = "application/vnd.openxmlformats-officedocument.wordprocessingml."
        let parts: [(path: String, contentType: String?, text: String)] = [
            (
                "word/_rels/document.xml.rels", nil,
                """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                <Relationship Id="rId1" \
                Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
                <Relationship Id="rId2" \
                Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" \
                Target="settings.xml"/>\
                <Relationship Id="rId3" \
                Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" \
                Target="header1.xml"/>\
                <Relationship Id="rId4" \
                Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" \
                Target="footer1.xml"/>\
                <Relationship Id="rId5" \
                Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" \
                Target="numbering.xml"/>\
                \(imageRelationships)</Relationships>
                """
            ),
            (
                "word/settings.xml", main + "settings+xml",
                """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:defaultTabStop \
                w:val="720"/>\
                <w:themeFontLang w:val="vi-VN"/><w:compat><w:compatSetting w:name="compatibilityMode" \
                w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>
                """
            ),
            ("word/styles.xml", main + "styles+xml", DOCXRenderer.styles),
            ("word/numbering.xml", main + "numbering+xml", DOCXRenderer.numbering(lists: orderedLists)),
            (
                "word/header1.xml", main + "header+xml",
                """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:pPr><w:jc \
                w:val="center"/></w:pPr>\
                <w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE \
                </w:instrText></w:r>\
                <w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>2</w:t></w:r><w:r><w:fldChar \
                w:fldCharType="end"/></w:r></w:p></w:hdr>
                """
            ),
            (
                "word/footer1.xml", main + "footer+xml",
                """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:pPr><w:pStyle \
                w:val="Footer"/></w:pPr>\
                <w:r><w:t xml:space="preserve">\(escape(document.info.footer))</w:t></w:r></w:p></w:ftr>
                """
            ),
            ("word/document.xml", main + "document.main+xml", documentXML),
        ]
        let properties = OOXMLPackage.Properties(
            title: document.info.title, creator: document.info.author, subject: document.info.subject,
            language: document.info.language)
        return [UInt8](
            try OOXMLPackage.package(main: "word/document.xml", parts: parts, properties: properties, media: media))
    }

    /// A drawing as an inline picture, centred and scaled to the text width at most, kept with its caption, which
    /// is also the picture's description for screen readers.
    func image(_ drawing: Drawing, number: Int) -> String {
        let points = Double(DOCXRenderer.textWidth) / 20
        let scale = min(1, points / drawing.width)
        let cx = Int(drawing.width * scale * 12700)
        let cy = Int(drawing.height * scale * 12700)
        let description = escape(drawing.caption)
        return "<w:p><w:pPr><w:keepNext/><w:spacing w:before=\"120\" w:after=\"60\"/><w:jc w:val=\"center\"/></w:pPr>"
            + "<w:r><w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\">"
            + "<wp:extent cx=\"\(cx)\" cy=\"\(cy)\"/><wp:docPr id=\"\(number)\" name=\"Hình \(number)\" "
            + "descr=\"\(description)\"/><wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect=\"1\"/>"
            + "</wp:cNvGraphicFramePr><a:graphic><a:graphicData "
            + "uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><pic:pic><pic:nvPicPr>"
            + "<pic:cNvPr id=\"\(number)\" name=\"hinh-\(number).png\" descr=\"\(description)\"/><pic:cNvPicPr/>"
            + "</pic:nvPicPr><pic:blipFill><a:blip r:embed=\"rIdImg\(number)\"/><a:stretch><a:fillRect/></a:stretch>"
            + "</pic:blipFill><pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"\(cx)\" cy=\"\(cy)\"/></a:xfrm>"
            + "<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic>"
            + "</wp:inline></w:drawing></w:r></w:p>"
            + paragraph(Paragraph([.italic(drawing.caption)], alignment: .center, size: 11))
    }

    /// The A4 section: margins top 20, bottom 20, left 30, right 15 mm; a header (page number) absent from page 1.
    func section() -> String {
        """
        <w:sectPr><w:headerReference w:type="default" r:id="rId3"/><w:footerReference w:type="default" r:id="rId4"/>\
        <w:footerReference w:type="first" r:id="rId4"/>\
        <w:pgSz w:w="\(DOCXRenderer.twips(mm: 210))" w:h="\(DOCXRenderer.twips(mm: 297))"/>\
        <w:pgMar w:top="\(DOCXRenderer.twips(mm: 20))" w:right="\(DOCXRenderer.twips(mm: 15))" \
        w:bottom="\(DOCXRenderer.twips(mm: 20))" \
        w:left="\(DOCXRenderer.twips(mm: 30))" w:header="\(DOCXRenderer.twips(mm: 10))" \
        w:footer="\(DOCXRenderer.twips(mm: 10))" w:gutter="0"/>\
        <w:titlePg/></w:sectPr>
        """
    }

    /// The block as WordprocessingML; `numbering` is the list instance of a numbered list.
    func xml(_ block: Block, numbering: Int? = nil) -> String {
        switch block {
        case .heading(let level, let text, _):
            return "<w:p><w:pPr><w:pStyle w:val=\"Heading\(min(3, max(1, level)))\"/></w:pPr>\(run(Run(text)))</w:p>"
        case .paragraph(let paragraph):
            return self.paragraph(paragraph)
        case .table(let table):
            var out =
                "<w:tbl><w:tblPr><w:tblStyle w:val=\"\(table.borders ? "HTXTable" : "HTXPlain")\"/><w:tblW "
                + "w:w=\"\(DOCXRenderer.textWidth)\" w:type=\"dxa\"/>"
            out += "<w:tblLayout w:type=\"fixed\"/></w:tblPr><w:tblGrid>"
            for width in table.widths { out += "<w:gridCol w:w=\"\(Int(Double(DOCXRenderer.textWidth) * width))\"/>" }
            out += "</w:tblGrid>"
            for row in table.header { out += tableRow(row, widths: table.widths, header: true) }
            for row in table.rows { out += tableRow(row, widths: table.widths, header: false) }
            return out + "</w:tbl><w:p/>"
        case .list(let items, let ordered):
            // Bullets share one list; each numbered list is its own instance, so that it starts again at 1.
            let numbering = ordered ? numbering ?? 2 : 1
            return items.map { item in
                var p = item
                p.alignment = item.alignment == .justify ? .justify : .left
                return self.paragraph(p, style: "ListParagraph", numbering: numbering)
            }.joined()
        case .drawing(let drawing):
            return paragraph(Paragraph([.italic(drawing.caption)], alignment: .center))
        case .rule(let fraction):
            let indent = Int(Double(DOCXRenderer.textWidth) * (1 - fraction) / 2)
            return "<w:p><w:pPr><w:pBdr><w:top w:val=\"single\" w:sz=\"6\" w:space=\"1\" w:color=\"000000\"/></w:pBdr>"
                + "<w:spacing w:after=\"0\"/><w:ind w:left=\"\(indent)\" w:right=\"\(indent)\"/></w:pPr></w:p>"
        case .bookmark:
            return ""
        case .pageBreak:
            return "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>"
        }
    }

    /// The rule under a paragraph, as an empty paragraph of its own whose top border is narrowed by indents to the
    /// rule's length in a column `width` twips wide (indents on the text itself would squeeze it): the text's width
    /// is estimated from its characters (Times New Roman averages about half an em).
    func ruleParagraph(_ paragraph: Paragraph, width: Int) -> String {
        guard let rule = paragraph.rule else { return "" }
        let size = paragraph.size ?? 13
        let length: Double
        switch rule {
        case .text:
            let em = paragraph.runs.reduce(0.0) { total, run in
                total + Double(run.text.count) * (run.bold ? 0.5 : 0.46)
            }
            length = min(Double(width), em * size * 20)
        case .fraction(let fraction): length = Double(width) * fraction
        }
        let indent = max(0, Int((Double(width) - length) / 2))
        return "<w:p><w:pPr><w:pBdr><w:top w:val=\"single\" w:sz=\"6\" w:space=\"0\" w:color=\"000000\"/></w:pBdr>"
            + "<w:spacing w:before=\"0\" w:after=\"80\" w:line=\"80\" w:lineRule=\"exact\"/>"
            + "<w:ind w:left=\"\(indent)\" w:right=\"\(indent)\"/></w:pPr></w:p>"
    }

    func tableRow(_ cells: [Paragraph], widths: [Double], header: Bool) -> String {
        var out =
            "<w:tr>" + (header ? "<w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>" : "<w:trPr><w:cantSplit/></w:trPr>")
        for (index, cell) in cells.enumerated() {
            let width = Int(Double(DOCXRenderer.textWidth) * (index < widths.count ? widths[index] : 0))
            out +=
                "<w:tc><w:tcPr><w:tcW w:w=\"\(width)\" "
                + "w:type=\"dxa\"/></w:tcPr>\(paragraph(cell, style: "TableText", width: width - 114))</w:tc>"
        }
        return out + "</w:tr>"
    }

    func paragraph(
        _ paragraph: Paragraph, style: String? = nil, width: Int = DOCXRenderer.textWidth, numbering: Int? = nil
    ) -> String {
        var properties = style.map { "<w:pStyle w:val=\"\($0)\"/>" } ?? ""
        if let numbering { properties += "<w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"\(numbering)\"/></w:numPr>" }
        if paragraph.indent {
            properties += "<w:ind w:firstLine=\"\(DOCXRenderer.twips(mm: 10))\"/>"
        }
        let jc = paragraph.alignment == .justify ? "both" : paragraph.alignment.rawValue
        properties += "<w:jc w:val=\"\(jc)\"/>"
        let size = paragraph.size.map { Int(($0 * 2).rounded()) }
        return "<w:p><w:pPr>\(properties)</w:pPr>" + paragraph.runs.map { run($0, halfPoints: size) }.joined()
            + "</w:p>" + ruleParagraph(paragraph, width: width)
    }

    func run(_ run: Run, halfPoints: Int? = nil) -> String {
        var properties = ""
        if run.bold { properties += "<w:b/>" }
        if run.italic { properties += "<w:i/>" }
        if let halfPoints { properties += "<w:sz w:val=\"\(halfPoints)\"/><w:szCs w:val=\"\(halfPoints)\"/>" }
        let lines = run.text.split(separator: "\n", omittingEmptySubsequences: false)
        let text = lines.map { "<w:t xml:space=\"preserve\">\(escape(String($0)))</w:t>" }.joined(separator: "<w:br/>")
        return "<w:r>" + (properties.isEmpty ? "" : "<w:rPr>\(properties)</w:rPr>") + text + "</w:r>"
    }

    func escape(_ text: String) -> String { OOXMLPackage.escape(text) }

    /// Word's list definitions: a dash bullet (list 1) and "1." numbering, one instance per numbered list (2…) so
    /// that each starts at 1.
    static func numbering(lists: Int) -> String {
        func level(_ format: String, _ text: String) -> String {
            "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"\(format)\"/><w:lvlText w:val=\"\(text)\"/>"
                + "<w:lvlJc w:val=\"left\"/><w:pPr><w:ind w:left=\"567\" w:hanging=\"340\"/></w:pPr></w:lvl>"
        }
        var xml =
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:numbering "
            + "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
            + "<w:abstractNum w:abstractNumId=\"0\"><w:multiLevelType w:val=\"singleLevel\"/>"
            + level("bullet", "–") + "</w:abstractNum>"
            + "<w:abstractNum w:abstractNumId=\"1\"><w:multiLevelType w:val=\"singleLevel\"/>"
            + level("decimal", "%1.") + "</w:abstractNum>"
            + "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>"
        for list in 0..<lists {
            xml +=
                "<w:num w:numId=\"\(list + 2)\"><w:abstractNumId w:val=\"1\"/><w:lvlOverride w:ilvl=\"0\">"
                + "<w:startOverride w:val=\"1\"/></w:lvlOverride></w:num>"
        }
        return xml + "</w:numbering>"
    }

    /// Styles: Normal (Times New Roman 13 pt, justified, 6 pt after), Heading 1–3, table text, list, footer, table
    /// styles.
    static let styles = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">\
        <w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times \
        New Roman" w:eastAsia="Times New Roman"/>\
        <w:sz w:val="26"/><w:szCs w:val="26"/><w:lang w:val="vi-VN"/></w:rPr></w:rPrDefault>\
        <w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="288" w:lineRule="auto"/><w:jc \
        w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults>\
        <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>\
        <w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn \
        w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>\
        <w:pPr><w:keepNext/><w:spacing w:before="240" w:after="120"/><w:jc w:val="center"/><w:outlineLvl \
        w:val="0"/></w:pPr>\
        <w:rPr><w:b/><w:caps/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr></w:style>\
        <w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn \
        w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>\
        <w:pPr><w:keepNext/><w:spacing w:before="240" w:after="120"/><w:jc w:val="left"/><w:outlineLvl \
        w:val="1"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>\
        <w:style w:type="paragraph" w:styleId="Heading3"><w:name w:val="heading 3"/><w:basedOn \
        w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>\
        <w:pPr><w:keepNext/><w:spacing w:before="160" w:after="80"/><w:jc w:val="left"/><w:outlineLvl \
        w:val="2"/></w:pPr><w:rPr><w:b/><w:i/></w:rPr></w:style>\
        <w:style w:type="paragraph" w:styleId="TableText"><w:name w:val="Table Text"/><w:basedOn w:val="Normal"/>\
        <w:pPr><w:spacing w:before="20" w:after="20" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:sz \
        w:val="24"/><w:szCs w:val="24"/></w:rPr></w:style>\
        <w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/><w:basedOn \
        w:val="Normal"/><w:pPr><w:ind w:left="567"/></w:pPr></w:style>\
        <w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/><w:basedOn \
        w:val="Normal"/><w:rPr><w:i/><w:sz w:val="20"/></w:rPr></w:style>\
        <w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal \
        Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>\
        <w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="57" w:type="dxa"/><w:bottom w:w="0" \
        w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>\
        <w:style w:type="table" w:styleId="HTXTable"><w:name w:val="HTX Table"/><w:basedOn \
        w:val="TableNormal"/><w:tblPr><w:tblBorders>\
        <w:top w:val="single" w:sz="4" w:color="000000"/><w:left w:val="single" w:sz="4" w:color="000000"/><w:bottom \
        w:val="single" w:sz="4" w:color="000000"/>\
        <w:right w:val="single" w:sz="4" w:color="000000"/><w:insideH w:val="single" w:sz="4" \
        w:color="000000"/><w:insideV w:val="single" w:sz="4" w:color="000000"/>\
        </w:tblBorders></w:tblPr></w:style>\
        <w:style w:type="table" w:styleId="HTXPlain"><w:name w:val="HTX Plain"/><w:basedOn \
        w:val="TableNormal"/></w:style>\
        </w:styles>
        """
}
