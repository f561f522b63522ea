import Foundation
import HTXCore

/// Where a command writes: data to stdout, messages to stderr, in the user's language.
struct Console {
    var lang: Lang

    /// Standard output could not take the data: the reader closed the pipe, or the disk behind it is full.
    struct OutputError: Error, Equatable {
        /// The `errno` of the failed write.
        var code: Int32

        /// Whether the reader went away (`htx … | head`): not worth a message.
        var isClosedPipe: Bool { code == EPIPE }

        var message: Message {
            let reason = FileError.reason(code, reading: false)
            return Message(
                "không ghi được ra đầu ra chuẩn: \(reason.vi)", "cannot write to standard output: \(reason.en)")
        }
    }

    /// Writes data to stdout, followed by a newline unless it already ends with one.
    func out(_ text: String) throws {
        try Console.write(text.hasSuffix("\n") || text.isEmpty ? text : text + "\n", to: STDOUT_FILENO)
    }

    /// Writes a message to stderr.
    func note(_ message: Message) {
        Console.writeError(message.text(lang) + "\n")
    }

    /// Writes each warning to stderr, prefixed "Cảnh báo:"/"Warning:".
    func warn(_ findings: [Diagnostic]) {
        for finding in findings where finding.severity == .warning {
            let prefix = lang == .vi ? "Cảnh báo: " : "Warning: "
            let field = finding.field.map { "\($0): " } ?? ""
            Console.writeError(prefix + field + finding.message.text(lang) + "\n")
        }
    }

    /// Writes to stderr; a failure there has nowhere to be reported, so it is dropped.
    static func writeError(_ text: String) {
        try? write(text, to: STDERR_FILENO)
    }

    /// Writes all of `text` to a descriptor, retrying short writes and interruptions.
    static func write(_ text: String, to fd: Int32) throws(OutputError) {
        try write(Array(text.utf8), to: fd)
    }

    /// Writes all of `bytes` to a descriptor, retrying short writes and interruptions.
    static func write(_ bytes: [UInt8], to fd: Int32) throws(OutputError) {
        var bytes = bytes
        var offset = 0
        let code: Int32 = bytes.withUnsafeMutableBytes { buffer in
            guard let base = buffer.baseAddress else { return 0 }
            while offset < buffer.count {
                let written = Foundation.write(fd, base + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += written
            }
            return 0
        }
        if code != 0 { throw OutputError(code: code) }
    }

    /// Whether stdout is a terminal.
    static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
}
