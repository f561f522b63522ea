import Foundation
import ZIPFoundation

/// Writes the PDF file as it is made: the header first, each page's objects as soon as the page is compressed, then
/// fonts, the page tree, outline, metadata and the cross-reference table. Only the objects' offsets are kept, so a
/// packet's memory does not grow with its pages.
///
/// Page objects are written from the compressor's thread, the rest from the caller's once the pages are drained:
/// never both at once.
final class PDFWriter: @unchecked Sendable {
    private let emit: ([UInt8]) throws -> Void
    /// Bytes written so far: the next object's offset.
    private var position = 0
    /// Each object's offset by number - 1; -1 for one reserved and not yet written.
    private var offsets: [Int] = []
    private(set) var pageIDs: [Int] = []
    let catalogID: Int
    let pagesID: Int
    /// The four Type0 fonts' object numbers, reserved first so that pages can name them before they are written.
    let fontIDs: [Int]

    /// Starts a file that goes to `emit` a piece at a time.
    init(emit: @escaping ([UInt8]) throws -> Void) throws {
        self.emit = emit
        var next = 0
        func take() -> Int {
            next += 1
            return next
        }
        catalogID = take()
        pagesID = take()
        fontIDs = (0..<4).map { _ in take() }
        offsets = [Int](repeating: -1, count: next)
        try put(Array("%PDF-1.7\n%\u{E2}\u{E3}\u{CF}\u{D3}\n".utf8))
    }

    private func put(_ bytes: [UInt8]) throws {
        try emit(bytes)
        position += bytes.count
    }

    /// A new object number, written later with `set`.
    func reserve() -> Int {
        offsets.append(-1)
        return offsets.count
    }

    /// Writes object `id` with `body`.
    func set(_ id: Int, _ body: [UInt8]) throws {
        offsets[id - 1] = position
        try put(Array("\(id) 0 obj\n".utf8) + body + Array("\nendobj\n".utf8))
    }

    func set(_ id: Int, _ text: String) throws { try set(id, Array(text.utf8)) }

    /// Writes a new object; returns its number.
    func add(_ text: String) throws -> Int {
        let id = reserve()
        try set(id, text)
        return id
    }

    func stream(_ dictionary: String, _ data: [UInt8]) throws -> Int {
        try compressedStream(dictionary, PDFWriter.zlib(data))
    }

    /// Writes a stream already compressed with `zlib`; returns its object number.
    func compressedStream(_ dictionary: String, _ compressed: [UInt8]) throws -> Int {
        var bytes = Array("<< \(dictionary) /Length \(compressed.count) /Filter /FlateDecode >>\nstream\n".utf8)
        bytes += compressed
        bytes += Array("\nendstream".utf8)
        let id = reserve()
        try set(id, bytes)
        return id
    }

    /// Writes the next page: its compressed content stream and the page object naming it.
    func page(_ compressed: [UInt8]) throws {
        let content = try compressedStream("", compressed)
        let resources = fontIDs.enumerated().map { "/F\($0.offset + 1) \($0.element) 0 R" }.joined(separator: " ")
        pageIDs.append(
            try add(
                "<< /Type /Page /Parent \(pagesID) 0 R /MediaBox [0 0 \(PDFLayout.pageWidth) "
                    + "\(PDFLayout.pageHeight)] /Resources << /Font << \(resources) >> >> /Contents \(content) 0 R >>"
            ))
    }

    /// The Adler-32 checksum of `data` (RFC 1950), reduced every 5,552 bytes, the most before the sums can overflow.
    static func adler32(_ data: [UInt8]) -> UInt32 {
        var a: UInt32 = 1
        var b: UInt32 = 0
        data.withUnsafeBufferPointer { bytes in
            var index = 0
            while index < bytes.count {
                let end = min(bytes.count, index + 5_552)
                while index < end {
                    a &+= UInt32(bytes[index])
                    b &+= a
                    index += 1
                }
                a %= 65_521
                b %= 65_521
            }
        }
        return (b << 16) | a
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
        let adler = PDFWriter.adler32(data)
        return [0x78, 0x9C] + [UInt8](deflated) + [
            UInt8(adler >> 24), UInt8(adler >> 16 & 0xFF), UInt8(adler >> 8 & 0xFF), UInt8(adler & 0xFF),
        ]
    }

    /// A PDF text string in UTF-16BE with a byte-order mark.
    static func text(_ s: String) -> String { "<FEFF" + hex(s.utf16) + ">" }

    /// UTF-16 code units as four upper-case hex digits each ("Đ" → "0110").
    static func hex<Units: Sequence<UInt16>>(_ units: Units) -> String {
        var digits: [UInt8] = []
        for unit in units {
            for shift in [12, 8, 4, 0] { digits.append(PDFLayout.hexDigits[Int(unit >> UInt16(shift)) & 0xF]) }
        }
        return String(decoding: digits, as: UTF8.self)
    }

    /// Ends the file once every page is written: the fonts (subsets of the glyphs `layout` used), the page tree, the
    /// outline, the catalog, `info` and the cross-reference table.
    func finish(_ layout: PDFLayout, info: Document.Info) throws {
        for face in 0..<4 {
            let font = layout.font(face)
            let glyphs = layout.used[face]
            let tag = PDFWriter.tag(Set(glyphs.keys), face: face)
            let name = "\(tag)+\(font.postScriptName)"
            let subset = font.subset(Set(glyphs.keys))
            let file = try stream("/Length1 \(subset.count)", subset)
            let scale = 1000.0 / Double(font.unitsPerEm)
            func s(_ v: Int) -> Int { Int((Double(v) * scale).rounded()) }
            let flags = 32 + (face >= 2 ? 64 : 0) + 2
            let descriptor = try add(
                "<< /Type /FontDescriptor /FontName /\(name) /Flags \(flags) /FontBBox [\(s(font.bbox.0)) "
                    + "\(s(font.bbox.1)) \(s(font.bbox.2)) \(s(font.bbox.3))] /ItalicAngle \(font.italicAngle) "
                    + "/Ascent \(s(font.ascender)) /Descent \(s(font.descender)) /CapHeight \(s(font.capHeight)) "
                    + "/StemV 80 /FontFile2 \(file) 0 R >>"
            )
            let widths = glyphs.keys.sorted().map { "\($0) [\(s(font.advance($0)))]" }.joined(separator: " ")
            let cid = try add(
                "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /\(name) /CIDSystemInfo << /Registry (Adobe) "
                    + "/Ordering (Identity) /Supplement 0 >> /FontDescriptor \(descriptor) 0 R /DW 1000 /W "
                    + "[\(widths)] /CIDToGIDMap /Identity >>"
            )
            var cmap =
                "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo << /Registry (Adobe) "
                + "/Ordering (UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 "
                + "begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
            let pairs = glyphs.sorted { $0.key < $1.key }
            for chunk in stride(from: 0, to: pairs.count, by: 100) {
                let part = pairs[chunk..<min(pairs.count, chunk + 100)]
                cmap += "\(part.count) beginbfchar\n"
                for (glyph, scalar) in part {
                    cmap += "<" + PDFWriter.hex([UInt16(truncatingIfNeeded: glyph)]) + "> <"
                    cmap += PDFWriter.hex(String(scalar).utf16) + ">\n"
                }
                cmap += "endbfchar\n"
            }
            cmap += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
            let toUnicode = try stream("", Array(cmap.utf8))
            try set(
                fontIDs[face],
                "<< /Type /Font /Subtype /Type0 /BaseFont /\(name) /Encoding /Identity-H /DescendantFonts [\(cid) "
                    + "0 R] /ToUnicode \(toUnicode) 0 R >>")
        }
        try set(
            pagesID,
            "<< /Type /Pages /Kids [\(pageIDs.map { "\($0) 0 R" }.joined(separator: " "))] /Count \(pageIDs.count) >>")
        var outlinePart = ""
        if !layout.outline.isEmpty {
            let root = reserve()
            let items = layout.outline.map { _ in reserve() }
            // Each entry's parent is the nearest earlier entry of a lower level (the root for none).
            var parent = [Int](repeating: -1, count: items.count)
            var stack: [Int] = []
            for (index, entry) in layout.outline.enumerated() {
                while let last = stack.last, layout.outline[last].level >= entry.level { stack.removeLast() }
                parent[index] = stack.last ?? -1
                stack.append(index)
            }
            let children = Dictionary(grouping: items.indices, by: { parent[$0] })
            func descendants(_ index: Int) -> Int {
                (children[index] ?? []).reduce(0) { $0 + 1 + descendants($1) }
            }
            for (index, entry) in layout.outline.enumerated() {
                let siblings = children[parent[index]] ?? []
                let position = siblings.firstIndex(of: index) ?? 0
                var dict =
                    "<< /Title \(PDFWriter.text(entry.title)) /Parent "
                    + "\(parent[index] < 0 ? root : items[parent[index]]) 0 R "
                    + "/Dest [\(pageIDs[min(entry.page, pageIDs.count - 1)]) 0 R /XYZ 0 "
                    + "\(String(format: "%.2f", entry.y + 20)) 0]"
                if position > 0 { dict += " /Prev \(items[siblings[position - 1]]) 0 R" }
                if position < siblings.count - 1 { dict += " /Next \(items[siblings[position + 1]]) 0 R" }
                if let own = children[index], let first = own.first, let last = own.last {
                    dict += " /First \(items[first]) 0 R /Last \(items[last]) 0 R /Count \(descendants(index))"
                }
                try set(items[index], dict + " >>")
            }
            let top = children[-1] ?? []
            try set(
                root,
                "<< /Type /Outlines /First \(items[top.first ?? 0]) 0 R /Last \(items[top.last ?? 0]) 0 R "
                    + "/Count \(items.count) >>")
            outlinePart = " /Outlines \(root) 0 R /PageMode /UseOutlines"
        }
        try set(catalogID, "<< /Type /Catalog /Pages \(pagesID) 0 R\(outlinePart) /Lang (\(info.language)) >>")
        let created = info.created.map { date in
            " /CreationDate (D:" + date.formatted(.iso8601).filter(\.isNumber).prefix(14) + "Z)"
        }
        let infoID = try add(
            "<< /Title \(PDFWriter.text(info.title)) /Author \(PDFWriter.text(info.author)) "
                + "/Subject \(PDFWriter.text(info.subject)) /Producer (htx)\(created ?? "") >>")
        let xref = position
        var table = Array("xref\n0 \(offsets.count + 1)\n0000000000 65535 f \n".utf8)
        for offset in offsets { table += Array(String(format: "%010d 00000 n \n", offset).utf8) }
        table += Array(
            ("trailer\n<< /Size \(offsets.count + 1) /Root \(catalogID) 0 R /Info \(infoID) 0 R >>\n"
                + "startxref\n\(xref)\n%%EOF\n")
                .utf8)
        try put(table)
    }

    /// Six capital letters naming a subset, derived from its glyphs.
    static func tag(_ glyphs: Set<Int>, face: Int) -> String {
        var hash: UInt64 = 1_469_598_103_934_665_603 &+ UInt64(face)
        for g in glyphs.sorted() { hash = (hash ^ UInt64(g)) &* 1_099_511_628_211 }
        return String((0..<6).map { Character(UnicodeScalar(UInt8(65 + Int((hash >> (UInt64($0) * 5)) % 26)))) })
    }
}
