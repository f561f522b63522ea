import Foundation
import HTXCore
import Testing

@testable import HTXCatalog

/// A one-sheet workbook around `sheetData` (the rows) and `after` (what follows them, such as merged ranges), with
/// `shared` as its shared strings.
func sheetWorkbook(_ sheetData: String, after: String = "", shared: [String] = []) throws -> [UInt8] {
    var parts = [
        ("xl/workbook.xml", #"<workbook><sheets><sheet name="S" r:id="rId1"/></sheets></workbook>"#),
        (
            "xl/_rels/workbook.xml.rels",
            #"<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>"#
        ),
        (
            "xl/worksheets/sheet1.xml",
            #"<?xml version="1.0"?><x:worksheet xmlns:x="urn:s"><x:sheetData>"# + sheetData + "</x:sheetData>" + after
                + "</x:worksheet>"
        ),
    ]
    if !shared.isEmpty {
        parts.append(("xl/sharedStrings.xml", "<sst>" + shared.map { "<si>\($0)</si>" }.joined() + "</sst>"))
    }
    return try zipped(parts)
}

/// Every row an XLSX reader gives, as "row: cell|cell".
func readSheet(_ bytes: [UInt8]) throws -> [String] {
    var reader = try XLSXReader(
        url: URL(fileURLWithPath: try temporaryFile("s.xlsx", bytes)), sheet: nil, file: "s.xlsx")
    var rows: [String] = []
    while let (row, cells) = try reader.next() { rows.append("\(row): " + cells.joined(separator: "|")) }
    return rows
}

@Suite("XLSX read as a stream")
struct XLSXStreamTests {
    @Test("the tokens are the same whatever the chunks the bytes come in")
    func chunks() throws {
        let xml = #"""
            <?xml version="1.0" encoding="UTF-8"?><!-- a comment with <row> inside -->
            <x:ws xmlns:x="u"><x:row r='7'><c r="B7" t="inlineStr"><is>
            <t>Hợp tác xã &amp; "Đông Anh" &#7843;&#x1EA1;</t>
            </is></c><c r="C7"><v><![CDATA[a < b]]></v></c><c r="D7"/></x:row></x:ws>
            """#
        let bytes = Array(xml.utf8)
        let whole = XMLTranscript.tokens(bytes, chunk: 1 << 20)
        #expect(whole.contains("'Hợp tác xã & \"Đông Anh\" ảạ'"))
        #expect(whole.contains("'a < b'") && whole.contains("<row r='7'>") && whole.contains("<c r=\"D7\">"))
        #expect(!whole.contains { $0.contains("comment") || $0.hasPrefix("!") })
        for size in [1, 2, 3, 7, 64] { #expect(XMLTranscript.tokens(bytes, chunk: size) == whole, "chunks of \(size)") }
    }

    @Test(
        "damaged XML is refused with the reason",
        arguments: [
            ("<a><b></a></b>", "an end tag that does not match its start tag"),
            ("<a><b>", "unclosed element at the end"),
            ("<a x=1></a>", "an attribute value without quotes"),
            ("<a>&nbsp;</a>", "an unknown entity &nbsp;"),
            ("<a>&amp</a>", "an unterminated entity"),
            ("<a><!-- open", "the document ends inside markup"),
        ])
    func damaged(xml: String, reason: String) {
        #expect(XMLTranscript.tokens(Array(xml.utf8), chunk: 3).contains("!" + reason))
    }

    @Test("rows, shared and inline strings, phonetic runs left out, prefixes, cells without references")
    func rows() throws {
        let rows = try readSheet(
            sheetWorkbook(
                #"<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c t="inlineStr"><x:is><x:r><x:t>Quận </x:t>"#
                    + #"</x:r><x:r><x:t>huyện</x:t></x:r><x:rPh><x:t>フリガナ</x:t></x:rPh></x:is></x:c></x:row>"#
                    + #"<x:row r="2"/><x:row r="3"><x:c r="C3" t="b"><x:v>1</x:v></x:c><x:c r="D3" t="e">"#
                    + "<x:v>#N/A</x:v></x:c><x:c r=\"E3\"><x:v>12.50</x:v></x:c></x:row>",
                shared: ["<t>Tên  HTX</t>"]))
        #expect(rows == ["1: Tên HTX|Quận huyện", "3: ||TRUE||12.50"])
    }

    @Test("merged ranges fill rows the sheet leaves out, from their top-left cell, in the sheet's order")
    func merges() throws {
        let rows = try readSheet(
            sheetWorkbook(
                #"<row r="1"><c r="A1" t="inlineStr"><is><t>Tiêu đề</t></is></c></row>"#
                    + #"<row r="2"><c r="A2" t="inlineStr"><is><t>Đông Anh</t></is></c>"#
                    + #"<c r="B2" t="inlineStr"><is><t>x</t></is></c>"#
                    + #"<c r="C2" t="inlineStr"><is><t>z</t></is></c></row>"#
                    + #"<row r="5"><c r="B5" t="inlineStr"><is><t>y</t></is></c></row>"#,
                after: #"<mergeCells><mergeCell ref="A1:C1"/><mergeCell ref="A2:A4"/><mergeCell ref="A3:B3"/>"#
                    + #"<mergeCell ref="C5:C9"/><mergeCell ref="B5:Z5"/></mergeCells>"#))
        // A2:A4 fills rows 3 and 4, which the sheet does not have; A3:B3 takes A3 once A2:A4 has filled it; C5:C9
        // has nothing to spread; B5:Z5 stops at the last column used (C).
        #expect(
            rows == ["1: Tiêu đề|Tiêu đề|Tiêu đề", "2: Đông Anh|x|z", "3: Đông Anh|Đông Anh", "4: Đông Anh", "5: |y|y"])
    }

    @Test("rows out of order, or written twice, are gathered and sorted")
    func unordered() throws {
        let rows = try readSheet(
            sheetWorkbook(
                #"<row r="3"><c r="A3"><v>3</v></c></row><row r="1"><c r="A1"><v>1</v></c></row>"#
                    + #"<row r="3"><c r="B3"><v>4</v></c></row>"#))
        #expect(rows == ["1: 1", "3: 3|4"])
    }

    @Test("a damaged sheet is refused when opened, naming the sheet and the reason; a cell past Excel's columns too")
    func refusals() throws {
        let cases = [
            (#"<row r="1"><c r="A1"><v>1</v></row>"#, "the XML of sheet \"S\" is damaged"),
            (#"<row r="4"><c r="XFE4"><v>1</v></c></row>"#, "a cell in column 16385 (row 4) is beyond Excel's limit"),
        ]
        for (sheetData, words) in cases {
            let path = try temporaryFile("s.xlsx", try sheetWorkbook(sheetData))
            #expect {
                _ = try XLSXReader(url: URL(fileURLWithPath: path), sheet: nil, file: "s.xlsx")
            } throws: { error in
                (error as? UserError)?.message.en.contains(words) == true
            }
        }
    }

    @Test("the unzipped sheet is unlinked as soon as it is made: only the open reader holds it; the rows are counted")
    func temporaryFiles() throws {
        let body = (1...300).map { #"<row r="\#($0)"><c r="A\#($0)"><v>\#($0)</v></c></row>"# }.joined()
        let reader = try XLSXReader(
            url: URL(fileURLWithPath: try temporaryFile("s.xlsx", try sheetWorkbook(body))), sheet: nil, file: "s.xlsx")
        let links = try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").compactMap {
            try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\($0)")
        }.filter { $0.contains("htx-sheet-") }
        #expect(!links.isEmpty && links.allSatisfy { $0.hasSuffix(" (deleted)") }, "\(links)")
        #expect(reader.rowCount == 300)
    }

    @Test(
        "a merge clips at the last row with a value as read (an empty shared string is none); empty merges cost nothing"
    )
    func mergeExtent() throws {
        let cell = { (ref: String, text: String) in #"<c r="\#(ref)" t="inlineStr"><is><t>\#(text)</t></is></c>"# }
        let rows = try readSheet(
            sheetWorkbook(
                #"<row r="1">\#(cell("A1", "Tên HTX"))</row>"#
                    + #"<row r="2">\#(cell("A2", "Huyện X"))\#(cell("B2", "a"))</row>"#
                    + #"<row r="4">\#(cell("B4", "b"))</row><row r="6"><c r="B6" t="s"><v>0</v></c></row>"#,
                after: #"<mergeCells><mergeCell ref="A2:A6"/></mergeCells>"#, shared: ["<t/>"]))
        #expect(rows == ["1: Tên HTX", "2: Huyện X|a", "3: Huyện X", "4: Huyện X|b"])
        // An empty merge over more than the budget's million cells comes first; the one after it still fills.
        let wide = try readSheet(
            sheetWorkbook(
                #"<row r="2">\#(cell("A2", "v"))</row><row r="40000">\#(cell("Z40000", "z"))</row>"#,
                after: #"<mergeCells><mergeCell ref="A3:Z40000"/><mergeCell ref="A2:B2"/></mergeCells>"#))
        #expect(wide.first == "2: v|v")
    }

    @Test("merged references that would overflow are ignored; a damaged one refuses the sheet")
    func mergeReferences() throws {
        let body = #"<row r="1"><c r="A1"><v>1</v></c></row>"#
        for ref in ["A-9223372036854775807:B1", "ZZZZZZZZZZZZZZ1:A2", "A1:B99999999999999999999"] {
            #expect(
                try readSheet(sheetWorkbook(body, after: #"<mergeCells><mergeCell ref="\#(ref)"/></mergeCells>"#))
                    == ["1: 1"], "\(ref)")
        }
        #expect(throws: UserError.self) {
            try readSheet(sheetWorkbook(body, after: #"<mergeCells><mergeCell ref="A1&zz;B1"/></mergeCells>"#))
        }
    }

    @Test("a long token is scanned a few times, not once per chunk, and past the cap it is refused")
    func longTokens() throws {
        var tokenizer = XMLTokenizer()
        tokenizer.feed(Array("<a><![CDATA[".utf8))
        let chunk = [UInt8](repeating: 0x78, count: 16_384)
        for _ in 0..<1_000 {
            #expect(try tokenizer.next() == nil || tokenizer.scans == 1)
            tokenizer.feed(chunk)
        }
        tokenizer.feed(Array("]]></a>".utf8))
        tokenizer.finish()
        guard case .text(let range, cdata: true) = try tokenizer.next() else {
            Issue.record("no CDATA text")
            return
        }
        #expect(range.count == 16_384_000)
        #expect(tokenizer.scans < 20, "\(tokenizer.scans) scans for 1,000 chunks")
        #expect(throws: XMLTokenizer.Damage.self) {
            var big = XMLTokenizer()
            big.feed(Array("<a><![CDATA[".utf8))
            let block = [UInt8](repeating: 0x78, count: 1 << 20)
            for _ in 0...(XMLTokenizer.maximumToken >> 20) {
                _ = try big.next()
                big.feed(block)
            }
            _ = try big.next()
        }
    }
}
