import Foundation
import HTXCore
import HTXPackage

/// Writes a one-sheet XLSX workbook that Excel and LibreOffice open: a bold, shaded, frozen header row with
/// a filter, sized columns, numbers stored as numbers and codes (tax codes, dates) as text.
public enum XLSXWriter {
    /// The workbook bytes for a table.
    public static func workbook(_ table: CooperativeTable, sheetName: String) throws -> Data {
        let main = "application/vnd.openxmlformats-officedocument.spreadsheetml."
        let parts: [(path: String, contentType: String?, text: String)] = [
            (
                "xl/workbook.xml", main + "sheet.main+xml",
                """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
                xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
                <sheets><sheet name="\(OOXMLPackage.escape(String(sheetName.prefix(31))))" sheetId="1" \
                r:id="rId1"/></sheets>\
                <definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" \
                hidden="1">'\(OOXMLPackage.escape(String(sheetName.prefix(31))))'!$A$1:\
                $\(columnName(table.headers.count - 1))$\(table.rows.count + 1)</definedName></definedNames>\
                </workbook>
                """
            ),
            (
                "xl/_rels/workbook.xml.rels", nil,
                """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                <Relationship Id="rId1" \
                Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" \
                Target="worksheets/sheet1.xml"/>\
                <Relationship Id="rId2" \
                Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
                </Relationships>
                """
            ),
            (
                "xl/styles.xml", main + "styles+xml",
                """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
                <fonts count="2"><font><sz val="11"/><name val="Times New Roman"/></font><font><b/><sz \
                val="11"/><name val="Times New Roman"/></font></fonts>\
                <fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill \
                patternType="gray125"/></fill>\
                <fill><patternFill patternType="solid"><fgColor rgb="FFDDEBF7"/><bgColor \
                indexed="64"/></patternFill></fill></fills>\
                <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
                <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
                <cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
                <xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1"><alignment \
                wrapText="1" vertical="center"/></xf>\
                <xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>\
                <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>
                """
            ),
            ("xl/worksheets/sheet1.xml", main + "worksheet+xml", sheet(table)),
        ]
        do {
            return try OOXMLPackage.package(main: "xl/workbook.xml", parts: parts, properties: .init(title: sheetName))
        } catch {
            throw UserError("không tạo được tệp XLSX: \(error)", "cannot create the XLSX: \(error)")
        }
    }

    static func sheet(_ table: CooperativeTable) -> String {
        var widths = table.headers.map { min(40, max(8, $0.count / 2 + 2)) }
        for row in table.rows.prefix(500) {
            for (index, cell) in row.enumerated() { widths[index] = min(60, max(widths[index], cell.count + 2)) }
        }
        var xml = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
            <sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" \
            state="frozen"/></sheetView></sheetViews>\
            <cols>
            """
        for (index, width) in widths.enumerated() {
            xml += "<col min=\"\(index + 1)\" max=\"\(index + 1)\" width=\"\(width)\" customWidth=\"1\"/>"
        }
        xml += "</cols><sheetData>"
        func row(_ number: Int, _ cells: [String], header: Bool) {
            xml += "<row r=\"\(number)\">"
            for (index, cell) in cells.enumerated() where !cell.isEmpty {
                let ref = "\(columnName(index))\(number)"
                if !header, table.kinds[index] == .number, Double(cell) != nil {
                    xml += "<c r=\"\(ref)\"><v>\(cell)</v></c>"
                } else {
                    xml +=
                        "<c r=\"\(ref)\" t=\"inlineStr\" s=\"\(header ? 1 : 2)\"><is><t "
                        + "xml:space=\"preserve\">\(OOXMLPackage.escape(cell))</t></is></c>"
                }
            }
            xml += "</row>"
        }
        row(1, table.headers, header: true)
        for (index, cells) in table.rows.enumerated() { row(index + 2, cells, header: false) }
        xml +=
            "</sheetData><autoFilter "
            + "ref=\"A1:\(columnName(table.headers.count - 1))\(table.rows.count + 1)\"/></worksheet>"
        return xml
    }

    /// "A", "B", … "Z", "AA" for a 0-based column index.
    static func columnName(_ index: Int) -> String {
        var n = index + 1
        var name = ""
        while n > 0 {
            let remainder = (n - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + remainder))) + name
            n = (n - 1) / 26
        }
        return name
    }

}
