import Foundation

/// Renders a document as Markdown (CommonMark with pipe tables): drawings as images linked to SVG files beside it,
/// named by `imageStem` ("tai-lieu-hinh-1.svg"), with their caption; without a stem, the caption alone.
public struct MarkdownRenderer: DocumentRenderer {
    public let fileExtension = "md"
    public var imageStem: String?

    public init(imageStem: String? = nil) { self.imageStem = imageStem }

    /// The SVG files a document's drawings link to, by name, in order.
    public func images(_ document: Document) -> [(name: String, data: [UInt8])] {
        guard let imageStem else { return [] }
        let drawings = document.blocks.compactMap { block -> Drawing? in
            if case .drawing(let drawing) = block { return drawing }
            return nil
        }
        return drawings.enumerated().map { index, drawing in
            (MarkdownRenderer.imageName(imageStem, index + 1), Array(HTMLRenderer().svg(drawing).utf8))
        }
    }

    static func imageName(_ stem: String, _ number: Int) -> String { "\(stem)-hinh-\(number).svg" }

    public func render(_ document: Document) throws -> [UInt8] {
        var out = ""
        var drawings = 0
        for block in document.blocks {
            switch block {
            case .heading(let level, let text, _):
                out += String(repeating: "#", count: min(6, max(1, level))) + " " + escape(text) + "\n\n"
            case .paragraph(let paragraph):
                out += runs(paragraph.runs) + "\n\n"
            case .table(let table):
                if !table.borders {
                    // Side-by-side blocks read column by column; lines drawn with characters are left out.
                    for column in table.widths.indices {
                        for row in table.rows where column < row.count {
                            let cell = row[column]
                            guard !cell.text.trimmingCharacters(in: .whitespaces).isEmpty,
                                !cell.text.allSatisfy({ $0 == "―" })
                            else { continue }
                            out += runs(cell.runs) + "\n\n"
                        }
                    }
                    continue
                }
                let header = table.header.first ?? table.rows.first ?? []
                let body = table.header.isEmpty ? Array(table.rows.dropFirst()) : table.rows
                out += "| " + header.map { cell($0) }.joined(separator: " | ") + " |\n"
                out += "|" + header.map { _ in "---|" }.joined() + "\n"
                for row in body { out += "| " + row.map { cell($0) }.joined(separator: " | ") + " |\n" }
                out += "\n"
            case .list(let items, let ordered):
                for (index, item) in items.enumerated() {
                    out += (ordered ? "\(index + 1). " : "- ") + runs(item.runs) + "\n"
                }
                out += "\n"
            case .drawing(let drawing):
                drawings += 1
                if let imageStem {
                    let name = MarkdownRenderer.imageName(imageStem, drawings)
                    let link = name.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? name
                    out += "![" + escape(drawing.caption) + "](" + link + ")\n\n"
                }
                out += "*" + escape(drawing.caption) + "*\n\n"
            case .rule:
                continue
            case .bookmark:
                continue
            case .pageBreak:
                out += "---\n\n"
            }
        }
        if !document.info.footer.isEmpty { out += "---\n\n*" + escape(document.info.footer) + "*\n" }
        return Array(out.utf8)
    }

    /// Runs with their emphasis, neighbours of the same emphasis merged and the spaces at a run's ends moved outside
    /// its markers (CommonMark reads "** a**" as literal asterisks).
    func runs(_ runs: [Run]) -> String {
        var merged: [Run] = []
        for run in runs {
            if let last = merged.last, last.bold == run.bold, last.italic == run.italic {
                merged[merged.count - 1].text += run.text
            } else {
                merged.append(run)
            }
        }
        return merged.map { run in
            let text = escape(run.text)
            let core = text.trimmingCharacters(in: .whitespaces)
            guard !core.isEmpty, run.bold || run.italic else { return text }
            let leading = String(text.prefix { $0 == " " || $0 == "\u{A0}" })
            let trailing = String(text.reversed().prefix { $0 == " " || $0 == "\u{A0}" })
            let marker = run.bold && run.italic ? "***" : run.bold ? "**" : "*"
            return leading + marker + core + marker + trailing
        }.joined()
    }

    func cell(_ paragraph: Paragraph) -> String {
        runs(paragraph.runs).replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: "<br>")
    }

    /// Escapes the characters Markdown would read as syntax at the start of text or inside it.
    func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            if "\\`*_[]<>#".contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }
}
