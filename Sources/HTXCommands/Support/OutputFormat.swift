import ArgumentParser
import Foundation
import HTXCore

/// The output formats every listing accepts.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv
}

/// The `--format` option: table on a terminal, JSON when piped.
struct FormatOptions: ParsableArguments {
    @Option(
        name: .long, help: "Định dạng / format: table, json, csv (mặc định: table trên terminal, json khi chuyển tiếp)."
    )
    var format: OutputFormat?

    /// The chosen format, or the default for where stdout goes.
    var resolved: OutputFormat { format ?? (Console.stdoutIsTerminal ? .table : .json) }
}

/// Renders rows as an aligned text table, a CSV document or JSON.
enum Render {
    /// Pretty-printed JSON with keys in declaration order and slashes unescaped.
    static func json<T: Encodable>(_ value: T) throws -> String {
        try JSONText.encode(value)
    }

    /// A text table with a header rule; columns sized by display width.
    static func table(_ headers: [String], _ rows: [[String]]) -> String {
        var widths = headers.map(displayWidth)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], displayWidth(cell))
            }
        }
        func line(_ cells: [String]) -> String {
            var out = ""
            for (index, cell) in cells.enumerated() {
                let last = index == cells.count - 1
                out += last ? cell : cell + String(repeating: " ", count: widths[index] - displayWidth(cell) + 2)
            }
            return out
        }
        var lines = [line(headers), widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")]
        lines += rows.map(line)
        return lines.joined(separator: "\n")
    }

    /// A CSV document with a header line.
    static func csv(_ headers: [String], _ rows: [[String]]) -> String {
        ([CSVFormat.row(headers)] + rows.map(CSVFormat.row)).joined(separator: "\n")
    }

    /// The width a string takes in a terminal: one column per character, two for wide East Asian ones.
    static func displayWidth(_ text: String) -> Int {
        text.reduce(0) { width, character in
            guard let scalar = character.unicodeScalars.first else { return width }
            let wide =
                (0x1100...0x115F).contains(scalar.value) || (0x2E80...0xA4CF).contains(scalar.value)
                || (0xAC00...0xD7A3).contains(scalar.value) || (0xF900...0xFAFF).contains(scalar.value)
                || (0xFF00...0xFF60).contains(scalar.value) || (0x1F300...0x1FAFF).contains(scalar.value)
            return width + (wide ? 2 : 1)
        }
    }

}

extension Console {
    /// Writes a listing in the chosen format: JSON from the values, streamed as it is made (a hundred thousand
    /// records are never held as one text), or a table or CSV from headers and cells (made only for those).
    func listing<T: Encodable>(
        _ format: OutputFormat, json value: T, headers: [String], rows: @autoclosure () -> [[String]]
    ) throws {
        switch format {
        case .json: try json(value)
        case .csv: try out(Render.csv(headers, rows()))
        case .table: try out(Render.table(headers, rows()))
        }
    }

    /// Writes a value as JSON to stdout, a chunk at a time.
    func json<T: Encodable>(_ value: T) throws {
        try JSONText.stream(value) { bytes throws(OutputError) in try Console.write(bytes, to: STDOUT_FILENO) }
    }
}
