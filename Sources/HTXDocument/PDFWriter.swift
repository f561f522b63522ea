import Foundation
import ZIPFoundation

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
        compressedStream(dictionary, PDFWriter.zlib(data))
    }

    /// Adds a stream already compressed with `zlib`; returns its object number.
    mutating func compressedStream(_ dictionary: String, _ compressed: [UInt8]) -> Int {
        var bytes = Array("<< \(dictionary) /Length \(compressed.count) /Filter /FlateDecode >>\nstream\n".utf8)
        bytes += compressed
        bytes += Array("\nendstream".utf8)
        objects.append(bytes)
        return objects.count
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
                "<< /Type /FontDescriptor /FontName /\(name) /Flags \(flags) /FontBBox [\(s(font.bbox.0)) "
                    + "\(s(font.bbox.1)) \(s(font.bbox.2)) \(s(font.bbox.3))] /ItalicAngle \(font.italicAngle) "
                    + "/Ascent \(s(font.ascender)) /Descent \(s(font.descender)) /CapHeight \(s(font.capHeight)) "
                    + "/StemV 80 /FontFile2 \(file) 0 R >>"
            )
            let widths = glyphs.keys.sorted().map { "\($0) [\(s(font.advance($0)))]" }.joined(separator: " ")
            let cid = add(
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
            let toUnicode = stream("", Array(cmap.utf8))
            fontIDs.append(
                add(
                    "<< /Type /Font /Subtype /Type0 /BaseFont /\(name) /Encoding /Identity-H /DescendantFonts [\(cid) "
                        + "0 R] /ToUnicode \(toUnicode) 0 R >>"
                ))
        }
        let resources =
            "<< /Font << " + fontIDs.enumerated().map { "/F\($0.offset + 1) \($0.element) 0 R" }.joined(separator: " ")
            + " >> >>"
        var pageIDs: [Int] = []
        for page in layout.pages {
            let content = compressedStream("", page)
            pageIDs.append(
                add(
                    "<< /Type /Page /Parent \(pagesID) 0 R /MediaBox [0 0 \(PDFLayout.pageWidth) "
                        + "\(PDFLayout.pageHeight)] /Resources \(resources) /Contents \(content) 0 R >>"
                ))
        }
        set(
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
                set(items[index], dict + " >>")
            }
            let top = children[-1] ?? []
            set(
                root,
                "<< /Type /Outlines /First \(items[top.first ?? 0]) 0 R /Last \(items[top.last ?? 0]) 0 R "
                    + "/Count \(items.count) >>")
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
            ("trailer\n<< /Size \(objects.count + 1) /Root \(catalog) 0 R /Info \(infoID) 0 R >>\n"
                + "startxref\n\(xref)\n%%EOF\n")
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
