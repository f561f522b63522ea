import Foundation

/// Renders a document as Markdown for plain-text use: tables as pipe tables, drawings as their captions.
public struct MarkdownRenderer: DocumentRenderer {
    public let fileExtension = "md"

    public init() {}

    public func render(_ document: Document) throws -> [UInt8] {
        var out = ""
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
                out += "*" + escape(drawing.caption) + "*\n\n"
            case .rule:
                continue
            case .pageBreak:
                out += "---\n\n"
            }
        }
        if !document.info.footer.isEmpty { out += "---\n\n*" + escape(document.info.footer) + "*\n" }
        return Array(out.utf8)
    }

    func runs(_ runs: [Run]) -> String {
        runs.map { run in
            let text = escape(run.text)
            guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { return text }
            if run.bold && run.italic { return "***" + text + "***" }
            if run.bold { return "**" + text + "**" }
            if run.italic { return "*" + text + "*" }
            return text
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
