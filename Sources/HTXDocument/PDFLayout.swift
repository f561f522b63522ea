import Foundation
import ZIPFoundation

/// Lays blocks out on A4 pages and records the drawing operators, the glyphs used and the outline.
final class PDFLayout {
    static let pageWidth = 595.28, pageHeight = 841.89
    static let left = 85.04, right = 42.52, top = 56.69, bottom = 56.69
    static var textWidth: Double { pageWidth - left - right }

    let fonts: PDFRenderer.Fonts
    let footer: String
    /// The finished pages' content streams, page number and footer included, compressed (zlib) on a second thread
    /// as each is finished and handed to the writer: a page's drawing operators are not kept once it is done.
    let compressor: PageCompressor
    /// Every finished page's compressed content stream, in order, for a layout made without `deliver` (waits for the
    /// last ones to be compressed).
    var pages: [[UInt8]] { compressor.pages }
    /// How many pages are finished: the index of the page being drawn.
    var finishedPages: Int { compressor.count }
    var current = ""
    var y = PDFLayout.pageHeight - PDFLayout.top
    /// Glyphs used per face (0 regular, 1 bold, 2 italic, 3 bold italic), with the scalar each shows.
    var used: [[Int: Unicode.Scalar]] = [[:], [:], [:], [:]]
    /// Outline entries in page order with their heading level, nested by level when written.
    var outline: [(title: String, level: Int, page: Int, y: Double)] = []

    /// A layout whose finished pages, compressed, go to `deliver` in order (on the compressor's thread), or are kept in
    /// `pages` without it.
    init(fonts: PDFRenderer.Fonts, footer: String, deliver: (([UInt8]) throws -> Void)? = nil) {
        self.fonts = fonts
        self.footer = footer
        compressor = PageCompressor(deliver: deliver)
        faces = [fonts.regular, fonts.bold, fonts.italic, fonts.boldItalic]
    }

    /// The four faces by number, made once: a font is a large value, and text is measured word by word.
    let faces: [TrueTypeFont]

    func face(bold: Bool, italic: Bool) -> Int { (bold ? 1 : 0) + (italic ? 2 : 0) }
    func font(_ face: Int) -> TrueTypeFont { faces[face] }

    func width(_ text: String, face: Int, size: Double) -> Double { faces[face].width(text, size: size) }

    static let hexDigits = Array("0123456789ABCDEF".utf8)

    /// A number with at most two decimals (or `places`, 0 to 4), as content streams take it: trailing zeros left
    /// out (String(format:) is slow on Linux).
    static func number(_ value: Double, places: Int = 2) -> String {
        // A coordinate far off the page (or not a number) is drawn at the page's edge of the world, never a trap.
        let bounded = value.isFinite ? max(-1e9, min(1e9, value)) : 0
        var digits = min(max(places, 0), 4)
        let unit = [1, 10, 100, 1_000, 10_000][digits]
        let scaled = Int((bounded * Double(unit)).rounded())
        let sign = scaled < 0 ? "-" : ""
        let magnitude = abs(scaled)
        var fraction = magnitude % unit
        guard fraction != 0 else { return sign + String(magnitude / unit) }
        while fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        let text = String(fraction)
        return sign + String(magnitude / unit) + "." + String(repeating: "0", count: digits - text.count) + text
    }

    /// Shows text at (x, y) baseline.
    func show(_ text: String, face: Int, size: Double, x: Double, y: Double) {
        var hex: [UInt8] = []
        hex.reserveCapacity(text.utf8.count * 4)
        for scalar in text.unicodeScalars {
            let glyph = faces[face].glyph(scalar)
            if used[face][glyph] == nil { used[face][glyph] = scalar }
            hex.append(PDFLayout.hexDigits[(glyph >> 12) & 0xF])
            hex.append(PDFLayout.hexDigits[(glyph >> 8) & 0xF])
            hex.append(PDFLayout.hexDigits[(glyph >> 4) & 0xF])
            hex.append(PDFLayout.hexDigits[glyph & 0xF])
        }
        current +=
            "BT /F\(face + 1) \(PDFLayout.number(size)) Tf \(PDFLayout.number(x)) \(PDFLayout.number(y)) Td <"
            + String(decoding: hex, as: UTF8.self) + "> Tj ET\n"
    }

    func newPage() {
        finishPage()
        current = ""
        y = PDFLayout.pageHeight - PDFLayout.top
    }

    func ensure(_ height: Double) {
        if y - height < PDFLayout.bottom && current.contains("Tj") { newPage() }
    }

    /// A word to set: its text, face and whether a space precedes it.
    struct Word {
        var text: String
        var face: Int
        var spaced: Bool
    }

    /// The words of runs in order; a word that follows its predecessor without a space (a run boundary inside a
    /// word, "HTX" then ",") is marked unspaced so lines set it flush.
    func words(_ runs: [Run]) -> [Word] {
        var result: [Word] = []
        var spaceBefore = false
        for run in runs {
            let face = self.face(bold: run.bold, italic: run.italic)
            var token = ""
            func flush() {
                guard !token.isEmpty else { return }
                result.append(Word(text: token, face: face, spaced: spaceBefore && !result.isEmpty))
                token = ""
                spaceBefore = false
            }
            for character in run.text {
                if character == " " || character == "\n" || character == "\t" {
                    flush()
                    spaceBefore = true
                } else {
                    token.append(character)
                }
            }
            flush()
        }
        return result
    }

    /// Breaks words into lines that fit `width` (the first line `indent` narrower).
    func lines(_ words: [Word], size: Double, width: Double, indent: Double) -> [[Word]] {
        var lines: [[Word]] = [[]]
        var used = indent
        let space = self.width(" ", face: 0, size: size)
        for word in words.flatMap({ split($0, size: size, width: width) }) {
            let w = self.width(word.text, face: word.face, size: size)
            let gap = lines[lines.count - 1].isEmpty ? 0 : (word.spaced ? space : 0)
            if used + gap + w > width && !lines[lines.count - 1].isEmpty {
                lines.append([])
                used = 0
            }
            var word = word
            if lines[lines.count - 1].isEmpty { word.spaced = false }
            lines[lines.count - 1].append(word)
            used += (lines[lines.count - 1].count == 1 ? 0 : (word.spaced ? space : 0)) + w
        }
        return lines.filter { !$0.isEmpty }
    }

    /// A word wider than `width` (a long e-mail address, a URL) in pieces that fit, broken after "@", ".", "-" or
    /// "/" where one is near the end of a piece, else between characters; a word that fits is left whole.
    func split(_ word: Word, size: Double, width: Double) -> [Word] {
        guard self.width(word.text, face: word.face, size: size) > width, width > size else { return [word] }
        var pieces: [Word] = []
        var current = ""
        var lastBreak: String.Index?
        for character in word.text {
            if !current.isEmpty, self.width(current + String(character), face: word.face, size: size) > width {
                var head = current
                var tail = ""
                if let index = lastBreak, index < current.endIndex {
                    head = String(current[..<index])
                    tail = String(current[index...])
                }
                pieces.append(Word(text: head, face: word.face, spaced: pieces.isEmpty ? word.spaced : false))
                current = tail
                lastBreak = nil
            }
            current.append(character)
            if "@.-/".contains(character) { lastBreak = current.endIndex }
        }
        if !current.isEmpty {
            pieces.append(Word(text: current, face: word.face, spaced: pieces.isEmpty && word.spaced))
        }
        return pieces
    }

    /// Sets lines at x within width, from the current y down; returns the height used.
    @discardableResult
    func setLines(
        _ lines: [[Word]], size: Double, x: Double, width: Double, alignment: Alignment, indent: Double, topY: Double
    ) -> Double {
        let leading = size * 1.3
        let space = self.width(" ", face: 0, size: size)
        var baseline = topY - size
        for (index, line) in lines.enumerated() {
            let lineIndent = index == 0 ? indent : 0
            let natural = line.enumerated().reduce(0.0) { total, item in
                total + self.width(item.element.text, face: item.element.face, size: size)
                    + (item.offset > 0 && item.element.spaced ? space : 0)
            }
            let gaps = line.dropFirst().filter(\.spaced).count
            var extra = 0.0
            var start = x + lineIndent
            switch alignment {
            case .center: start = x + (width - natural) / 2
            case .right: start = x + width - natural
            case .justify where index < lines.count - 1 && gaps > 0:
                extra = (width - lineIndent - natural) / Double(gaps)
            default: break
            }
            var cursor = start
            for (position, word) in line.enumerated() {
                if position > 0 && word.spaced { cursor += space + extra }
                show(word.text, face: word.face, size: size, x: cursor, y: baseline)
                cursor += self.width(word.text, face: word.face, size: size)
            }
            baseline -= leading
        }
        return Double(lines.count) * leading
    }

    func paragraph(_ p: Paragraph, size defaultSize: Double = 13, spaceAfter: Double = 6) {
        let size = p.size ?? defaultSize
        let indent = p.indent ? 28.35 : 0
        let lines = self.lines(words(p.runs), size: size, width: PDFLayout.textWidth, indent: indent)
        let leading = size * 1.3
        var remaining = lines[...]
        while !remaining.isEmpty {
            let fit = max(1, Int((y - PDFLayout.bottom) / leading))
            if fit < 2 && remaining.count >= 2 {
                newPage()
                continue
            }
            let chunk = Array(remaining.prefix(fit))
            let first = remaining.startIndex == lines.startIndex
            let height = setLines(
                chunk, size: size, x: PDFLayout.left, width: PDFLayout.textWidth, alignment: p.alignment,
                indent: first ? indent : 0, topY: y)
            y -= height
            remaining = remaining.dropFirst(chunk.count)
            if !remaining.isEmpty { newPage() }
            if remaining.isEmpty, let rule = p.rule {
                drawRule(
                    rule, under: chunk.last ?? [], size: size, x: PDFLayout.left, width: PDFLayout.textWidth,
                    baseline: y)
                y -= 4
            }
        }
        y -= spaceAfter
    }
}
