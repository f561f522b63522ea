import Foundation
import HTXCore

/// Where a command writes: data to stdout, messages to stderr, in the user's language.
struct Console {
    var lang: Lang

    /// Writes data to stdout, followed by a newline unless it already ends with one.
    func out(_ text: String) {
        FileHandle.standardOutput.write(Data((text.hasSuffix("\n") || text.isEmpty ? text : text + "\n").utf8))
    }

    /// Writes a message to stderr.
    func note(_ message: Message) {
        FileHandle.standardError.write(Data((message.text(lang) + "\n").utf8))
    }

    /// Writes each warning to stderr, prefixed "Cảnh báo:"/"Warning:".
    func warn(_ findings: [Diagnostic]) {
        for finding in findings where finding.severity == .warning {
            let prefix = lang == .vi ? "Cảnh báo: " : "Warning: "
            let field = finding.field.map { "\($0): " } ?? ""
            FileHandle.standardError.write(Data((prefix + field + finding.message.text(lang) + "\n").utf8))
        }
    }

    /// Whether stdout is a terminal.
    static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
}
