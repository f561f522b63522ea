import Foundation
import HTXKit
import Testing

@testable import HTXDocument

@Suite("PDF written as it is made")
struct PDFStreamTests {
    /// A document of `count` numbered pages of a table, long enough that pages go out before the layout ends.
    func longDocument(_ count: Int) -> Document {
        let rows = (1...(count * 40)).map { [Paragraph("Dòng \($0)"), Paragraph("HTX số \($0) – Hợp tác xã thử")] }
        return Document(
            info: .init(title: "Tài liệu dài", author: "Kiểm thử"),
            blocks: [.heading(2, "Phần một", anchor: nil), .table(Table(widths: [1, 3], header: [], rows: rows))])
    }

    @Test(
        "the file written a piece at a time is the in-memory file byte for byte, made 0600",
        .enabled(if: PDFTests.fonts, "needs a serif font"))
    func sameBytes() throws {
        let renderer = PDFRenderer(fonts: try #require(FontLocator.serif()))
        let document = longDocument(30)
        let whole = try renderer.render(document)
        var pieces = 0
        var joined: [UInt8] = []
        try renderer.render(document) { piece in
            pieces += 1
            joined += piece
        }
        #expect(joined == whole && pieces > 60, "\(pieces) pieces")
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("htx-stream-\(UUID()).pdf").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try renderer.render(document, toFile: path)
        #expect(FileManager.default.contents(atPath: path).map([UInt8].init) == whole)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)
        // A file that exists is refused and left as it was.
        #expect(throws: POSIXError.self) { try renderer.render(document, toFile: path) }
        #expect(FileManager.default.contents(atPath: path).map([UInt8].init) == whole)
        // Every object's offset in the cross-reference table points at that object.
        let text = String(decoding: whole, as: UTF8.self)
        let table = try #require(text.range(of: "xref\n"))
        let lines = text[table.upperBound...].split(separator: "\n").dropFirst(2).prefix { $0.hasSuffix(" n ") }
        #expect(lines.count > 60)
        for (index, line) in lines.enumerated() {
            let offset = try #require(Int(line.prefix(10)))
            #expect(whole[offset..<offset + "\(index + 1) 0 obj".utf8.count].elementsEqual("\(index + 1) 0 obj".utf8))
        }
    }

    @Test("a write that fails mid-way stops the render with its error", .enabled(if: PDFTests.fonts, "needs a font"))
    func failure() throws {
        struct Full: Error {}
        let renderer = PDFRenderer(fonts: try #require(FontLocator.serif()))
        var written = 0
        #expect(throws: Full.self) {
            try renderer.render(longDocument(30)) { piece in
                written += piece.count
                if written > 20_000 { throw Full() }
            }
        }
    }
}
