import Foundation
import HTXCore
import HTXItinerary
import HTXKit
import Testing
import ZIPFoundation

@testable import HTXBriefing
@testable import HTXDocument

/// The seed folder of the repository (the district boundaries the map draws).
let seeds = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Seeds")

@Suite("Drawings: raster images and the route map")
struct DrawingTests {
    func pixel(_ canvas: DrawingRaster.Canvas, _ x: Int, _ y: Int) -> (Float, Float, Float) {
        let base = (y * canvas.width + x) * 3
        return (canvas.pixels[base], canvas.pixels[base + 1], canvas.pixels[base + 2])
    }

    @Test("a filled rectangle covers its pixels exactly, a clip cuts it, the colour is the one given")
    func rectangles() {
        let red = Drawing.Color(hex: "FF0000")
        let drawing = Drawing(
            width: 30, height: 30,
            shapes: [
                .path([(5, 5), (15, 5), (15, 15), (5, 15)], closed: true, fill: red, stroke: nil),
                .clipped(x: 20, y: 0, width: 5, height: 30, [.rect(x: 18, y: 20, width: 10, height: 5, fillGray: 0)]),
            ], caption: "")
        let canvas = DrawingRaster(scale: 1).paint(drawing)
        #expect(pixel(canvas, 10, 10) == (1, 0, 0))
        #expect(pixel(canvas, 5, 5) == (1, 0, 0) && pixel(canvas, 14, 14) == (1, 0, 0))
        #expect(pixel(canvas, 4, 10) == (1, 1, 1) && pixel(canvas, 15, 10) == (1, 1, 1))
        #expect(pixel(canvas, 22, 22) == (0, 0, 0))
        #expect(pixel(canvas, 19, 22) == (1, 1, 1) && pixel(canvas, 26, 22) == (1, 1, 1), "the clip keeps x 20–25")
    }

    @Test("a half-covered pixel is blended half way; a dashed line has its gaps")
    func coverageAndDashes() {
        let drawing = Drawing(
            width: 40, height: 20,
            shapes: [
                .rect(x: 0.5, y: 0, width: 2, height: 4, fillGray: 0),
                .path(
                    [(0, 10), (40, 10)], closed: false, fill: nil,
                    stroke: Drawing.Stroke(.black, width: 2, dash: [4, 4])),
            ], caption: "")
        let canvas = DrawingRaster(scale: 1).paint(drawing)
        #expect(abs(pixel(canvas, 0, 1).0 - 0.5) < 0.01 && pixel(canvas, 1, 1).0 == 0)
        #expect(pixel(canvas, 2, 10).0 < 0.1, "inside the first dash")
        #expect(pixel(canvas, 6, 10).0 > 0.9, "inside the first gap")
        #expect(pixel(canvas, 10, 10).0 < 0.1, "inside the second dash")
    }

    @Test("the PNG has its signature, the size, and chunks whose CRCs are right")
    func png() {
        let bytes = DrawingRaster(scale: 2).png(
            Drawing(width: 10, height: 5, shapes: [.rect(x: 0, y: 0, width: 5, height: 5, fillGray: 0)], caption: ""))
        #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        func u32(_ at: Int) -> UInt32 { bytes[at..<at + 4].reduce(0) { $0 << 8 | UInt32($1) } }
        #expect(u32(16) == 20 && u32(20) == 10, "IHDR gives 20 × 10 pixels")
        var offset = 8
        var types: [String] = []
        while offset + 12 <= bytes.count {
            let length = Int(u32(offset))
            let body = Array(bytes[(offset + 4)..<(offset + 8 + length)])
            types.append(String(decoding: body.prefix(4), as: UTF8.self))
            #expect(PNGEncoder.crc32(body) == u32(offset + 8 + length), "CRC of \(types.last ?? "")")
            offset += 12 + length
        }
        #expect(types == ["IHDR", "IDAT", "IEND"] && offset == bytes.count)
        #expect(PNGEncoder.crc32(Array("IEND".utf8)) == 0xAE42_6082)
    }

    @Test(
        "labels are painted from the font's outlines, accents included, inside their box",
        .enabled(if: FontLocator.serif() != nil, "no Liberation Serif or DejaVu Serif installed"))
    func text() throws {
        let fonts = try #require(FontLocator.serif())
        let raster = DrawingRaster(scale: 2, regular: fonts.regular, bold: fonts.bold)
        let drawing = Drawing(
            width: 60, height: 30, shapes: [.text(x: 5, y: 20, "Hồ", size: 14, bold: false, anchor: .left)], caption: ""
        )
        let canvas = raster.paint(drawing)
        var dark: [(Int, Int)] = []
        for y in 0..<canvas.height {
            for x in 0..<canvas.width where pixel(canvas, x, y).0 < 0.5 { dark.append((x, y)) }
        }
        #expect(dark.count > 80)
        #expect(dark.allSatisfy { $0.0 >= 8 && $0.0 < 60 && $0.1 < 46 }, "nothing painted outside the word")
        // The circumflex and grave of "ồ" rise above the cap height of H: something is painted above row 2 × (20 − 10).
        let top = dark.filter { $0.0 > 32 }.map(\.1).min() ?? 99
        let capTop = dark.filter { $0.0 < 26 }.map(\.1).min() ?? 0
        #expect(top < capTop, "the accents of ồ rise above the H: \(top) vs \(capTop)")
    }

    /// A map of two days from Cát Linh (inner city) to stops in outer districts and one in Cầu Giấy.
    func routeMap() throws -> (RouteMap, Drawing) {
        let boundaries = try DistrictBoundary.parseGeoJSON(
            try Data(contentsOf: seeds.appendingPathComponent("hanoi-districts-2021.geojson")))
        let map = RouteMap(
            origin: GeoPoint(lat: 21.028, lon: 105.834), originName: "Nơi xuất phát",
            days: [
                RouteMap.Day(
                    label: "Ngày 1 (28/10/2021)",
                    stops: [
                        (1, GeoPoint(lat: 20.87, lon: 105.86)), (2, GeoPoint(lat: 20.70, lon: 105.75)),
                        (3, GeoPoint(lat: 20.95, lon: 105.65)),
                    ]),
                RouteMap.Day(
                    label: "Ngày 2 (29/10/2021)",
                    stops: [(4, GeoPoint(lat: 21.2, lon: 105.42)), (5, GeoPoint(lat: 21.036, lon: 105.79))]),
            ],
            boundaries: boundaries, centres: [], attribution: "District boundaries: test")
        return (map, map.drawing(caption: "Sơ đồ"))
    }

    /// The label texts of shapes, with clipped groups flattened.
    func labels(_ shapes: [Drawing.Shape]) -> [(text: String, x: Double, y: Double, size: Double)] {
        shapes.flatMap { shape -> [(text: String, x: Double, y: Double, size: Double)] in
            switch shape {
            case .label(let x, let y, let text, let size, _, _, _), .text(let x, let y, let text, let size, _, _):
                return [(text, x, y, size)]
            case .clipped(_, _, _, _, let inner): return labels(inner)
            default: return []
            }
        }
    }

    @Test("the map draws all 30 districts, every stop once at least, an inner-city inset, the legend and attribution")
    func mapContents() throws {
        let (_, drawing) = try routeMap()
        let texts = labels(drawing.shapes).map(\.text)
        for number in 1...5 { #expect(texts.contains(String(number)), "stop \(number)") }
        #expect(texts.contains("Nội thành (phóng to)"), "the start is in the inner city: an inset")
        #expect(texts.contains("Ngày 1 (28/10/2021)") && texts.contains("Ngày 2 (29/10/2021)"))
        #expect(
            texts.contains("District boundaries: test") && texts.contains("B") && texts.contains { $0.hasSuffix("km") })
        guard
            case .clipped(_, _, _, _, let main)? = drawing.shapes.first(where: {
                if case .clipped = $0 { return true }
                return false
            })
        else {
            Issue.record("no clipped main layer")
            return
        }
        let districts = main.filter {
            if case .path(_, true, let fill?, _) = $0 { return fill == RouteMap.land }
            return false
        }
        #expect(districts.count == 30)
        #expect(
            texts.contains("Ba Vì") && texts.contains("Hoàng Mai"),
            "outer names on the map, inner in the inset: \(texts)")
    }

    @Test("district names overlap no other name and no stop marker in the same layer")
    func mapLabelsDoNotOverlap() throws {
        let (_, drawing) = try routeMap()
        let layers = drawing.shapes.compactMap { shape -> [Drawing.Shape]? in
            if case .clipped(_, _, _, _, let inner) = shape { return inner }
            return nil
        }
        #expect(layers.count == 2)
        for layer in layers {
            var names: [RouteMap.Box] = []
            var markers: [RouteMap.Box] = []
            for shape in layer {
                switch shape {
                case .label(let x, let y, let text, let size, let bold, .center, _) where size == 7:
                    let w = RouteMap.textWidth(text, size: size, bold: bold)
                    names.append(RouteMap.Box(x: x - w / 2, y: y - size * 0.8, width: w, height: size))
                case .disc(let x, let y, let r, _, _):
                    markers.append(RouteMap.Box(x: x - r, y: y - r, width: 2 * r, height: 2 * r))
                default: break
                }
            }
            #expect(names.count >= 5)
            for (i, a) in names.enumerated() {
                for b in names[(i + 1)...] { #expect(!a.overlaps(b)) }
                for m in markers { #expect(!a.overlaps(m)) }
            }
        }
    }

    @Test(
        "the DOCX packet holds the map and each chart as a PNG picture with its caption as description",
        .enabled(if: FontLocator.serif() != nil, "no Liberation Serif or DejaVu Serif installed"))
    func docxImages() throws {
        let document = try BriefingTests().fixture(publicOnly: false)
        let drawings = document.blocks.filter {
            if case .drawing = $0 { return true }
            return false
        }.count
        #expect(drawings >= 2)
        let data = try Kit.render(document, as: .docx, fonts: FontLocator.serif())
        let archive = try Archive(data: data, accessMode: .read)
        let media = archive.filter { $0.path.hasPrefix("word/media/") && $0.path.hasSuffix(".png") }
        #expect(media.count == drawings)
        func text(_ path: String) throws -> String {
            var out = Data()
            _ = try archive.extract(try #require(archive[path])) { out.append($0) }
            return String(decoding: out, as: UTF8.self)
        }
        let xml = try text("word/document.xml")
        #expect(xml.components(separatedBy: "<pic:pic>").count - 1 == drawings)
        #expect(try text("word/_rels/document.xml.rels").contains("Target=\"media/hinh-1.png\""))
        #expect(try text("[Content_Types].xml").contains("ContentType=\"image/png\""))
    }
}

@Suite("DOCX through LibreOffice")
struct LibreOfficeTests {
    @Test(
        "LibreOffice's PDF of the DOCX packet has htx's sections in the same order, and its pictures",
        .enabled(
            if: FontLocator.serif() != nil && PDFTests.tool("soffice") != nil && PDFTests.tool("pdftotext") != nil
                && PDFTests.tool("pdfimages") != nil, "needs LibreOffice, poppler-utils and a serif font"))
    func sections() throws {
        let fonts = try #require(FontLocator.serif())
        let document = try BriefingTests().fixture(publicOnly: false)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("htx-lo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let docx = folder.appendingPathComponent("packet.docx")
        try Kit.render(document, as: .docx, fonts: fonts).write(to: docx)
        let tests = PDFTests()
        let (status, output) = try tests.run(
            try #require(PDFTests.tool("soffice")),
            [
                "-env:UserInstallation=file://\(folder.path)/profile", "--headless", "--convert-to", "pdf",
                "--outdir", folder.path, docx.path,
            ])
        let pdf = folder.appendingPathComponent("packet.pdf")
        #expect(status == 0 && FileManager.default.fileExists(atPath: pdf.path), "\(output)")
        let (_, text) = try tests.run(try #require(PDFTests.tool("pdftotext")), [pdf.path, "-"])
        // Level-1 headings are set in capitals by the style: compare in capitals.
        let flat = text.precomposedStringWithCanonicalMapping.uppercased().split(whereSeparator: \.isWhitespace)
            .joined(separator: " ")
        var position = flat.startIndex
        for case .heading(let level, let title, _) in document.blocks where level <= 2 {
            let wanted = title.uppercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
            guard let found = flat.range(of: wanted, range: position..<flat.endIndex) else {
                Issue.record("section \"\(wanted)\" missing or out of order in LibreOffice's PDF")
                continue
            }
            position = found.upperBound
        }
        let drawings = document.blocks.filter {
            if case .drawing = $0 { return true }
            return false
        }.count
        let (_, images) = try tests.run(try #require(PDFTests.tool("pdfimages")), ["-list", pdf.path])
        #expect(images.split(separator: "\n").count - 2 == drawings, "\(images)")
    }
}

@Suite("HTML printed by Chromium")
struct ChromiumPrintTests {
    @Test(
        "the HTML packet prints on A4 with a page number from page 2 and the footer in the margin",
        .enabled(
            if: PDFTests.tool("chromium") != nil && PDFTests.tool("pdftotext") != nil
                && PDFTests.tool("pdfinfo") != nil,
            "needs Chromium and poppler-utils"))
    func print() throws {
        var document = try BriefingTests().fixture(publicOnly: false)
        document.info.footer = "Chân trang thử"
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("htx-print-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let html = folder.appendingPathComponent("packet.html")
        try Kit.render(document, as: .html, fonts: nil).write(to: html)
        let pdf = folder.appendingPathComponent("packet.pdf")
        let tests = PDFTests()
        let (status, output) = try tests.run(
            try #require(PDFTests.tool("chromium")),
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(folder.path)/profile",
                "--no-pdf-header-footer", "--print-to-pdf=\(pdf.path)", html.path,
            ])
        #expect(status == 0 && FileManager.default.fileExists(atPath: pdf.path), "\(output)")
        let (_, info) = try tests.run(try #require(PDFTests.tool("pdfinfo")), [pdf.path])
        #expect(info.contains("595.92 x 842.88 pts") || info.contains("(A4)"), "\(info)")
        let pages =
            Int(info.split(separator: "\n").first { $0.hasPrefix("Pages:") }?.split(separator: " ").last ?? "0") ?? 0
        #expect(pages >= 2)
        for page in 1...max(1, pages) {
            let (_, text) = try tests.run(
                try #require(PDFTests.tool("pdftotext")), ["-f", "\(page)", "-l", "\(page)", "-layout", pdf.path, "-"])
            let lines = text.split(separator: "\n").map {
                $0.trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: "\u{0C}")))
            }.filter { !$0.isEmpty }
            #expect(lines.last == "Chân trang thử", "page \(page) ends with its footer: \(lines.suffix(2))")
            if page > 1 { #expect(lines.first == String(page), "page \(page) starts with its number") }
            if page == 1 { #expect(lines.first != "1", "page 1 has no number") }
        }
    }
}
