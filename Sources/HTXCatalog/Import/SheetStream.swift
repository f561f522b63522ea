import Foundation
import HTXCore

/// The XML of one worksheet, unzipped once into an unnamed temporary file, then read as tokens as often as needed in
/// chunks: memory holds one chunk (or the longest token), whatever the size of the sheet.
///
/// The file is made by `mkstemp` (mode 0600) and unlinked at once: only the open descriptor keeps it, so nothing is
/// left behind, even when the process is killed.
final class SheetStream {
    private let descriptor: Int32
    private var offset: off_t = 0
    private(set) var tokens = XMLTokenizer()
    private var buffer: [UInt8]
    private static let chunk = 1 << 18

    private init(descriptor: Int32) {
        self.descriptor = descriptor
        buffer = [UInt8](repeating: 0, count: SheetStream.chunk)
    }

    deinit { close(descriptor) }

    /// Unzips a sheet into a new stream through `unpack`, which hands over its bytes a chunk at a time.
    static func unzip(
        _ unpack: (_ consumer: (Data) throws -> Void) throws(UserError) -> Void, file: String
    ) throws(UserError) -> SheetStream {
        var template = Array((NSTemporaryDirectory() + "/htx-sheet-XXXXXX").utf8CString)
        let descriptor = mkstemp(&template)
        guard descriptor >= 0 else {
            throw UserError(
                "\(file): không tạo được tệp tạm để đọc trang tính: \(String(cString: strerror(errno)))",
                "\(file): cannot make a temporary file to read the sheet: \(String(cString: strerror(errno)))")
        }
        unlink(template)
        var failure: Int32 = 0
        do {
            try unpack { data in
                try data.withUnsafeBytes { raw in
                    var done = 0
                    while done < raw.count {
                        let written = raw.baseAddress.map { write(descriptor, $0 + done, raw.count - done) } ?? 0
                        guard written > 0 else {
                            failure = errno
                            throw CocoaError(.fileWriteUnknown)
                        }
                        done += written
                    }
                }
            }
        } catch {
            close(descriptor)
            guard failure != 0 else { throw error }
            throw UserError(
                "\(file): không ghi được tệp tạm để đọc trang tính: \(String(cString: strerror(failure)))",
                "\(file): cannot write the temporary file to read the sheet: \(String(cString: strerror(failure)))")
        }
        return SheetStream(descriptor: descriptor)
    }

    /// Starts reading again from the first byte.
    func rewind() {
        offset = 0
        tokens = XMLTokenizer()
    }

    /// The next row `parser` reads from the tokens; nil at the end of the rows, or with `whole`, at the end of the
    /// file (what follows the rows, the merged ranges among it, read and checked too).
    func nextRow(_ parser: inout SheetParser, whole: Bool = false) throws -> SheetParser.Row? {
        while whole || !parser.rowsEnded, let token = try next() {
            if let row = try parser.take(token, of: tokens) { return row }
        }
        return nil
    }

    /// The next token, reading more of the file when needed; nil at the end.
    func next() throws(XMLTokenizer.Damage) -> XMLTokenizer.Token? {
        while true {
            if let token = try tokens.next() { return token }
            if tokens.isFinished { return nil }
            // A token longer than the buffer (a long cell) doubles it, so that it is not scanned again per chunk.
            if tokens.unread >= buffer.count / 2 && buffer.count < XMLTokenizer.maximumToken {
                buffer = [UInt8](repeating: 0, count: buffer.count * 2)
            }
            let read = pread(descriptor, &buffer, buffer.count, offset)
            guard read >= 0 else { throw XMLTokenizer.Damage(reason: String(cString: strerror(errno))) }
            if read == 0 {
                tokens.finish()
            } else {
                offset += off_t(read)
                tokens.feed(buffer[0..<read])
            }
        }
    }
}
