import Foundation

/// Reads the files a user names (profiles, instances, matrices, header maps, imports) whole, with a size limit.
public enum InputFile {
    /// The largest settings file htx reads (a criteria profile, a visit file, an itinerary instance, a travel
    /// matrix, a header map): 16 MiB, a thousand times the largest real one.
    public static let settingsBytes = 16 << 20

    /// Refuses a path that is not a regular file before anything opens it: opening a FIFO for reading waits for a
    /// writer forever, a device may never end, and a pipe given as `/dev/stdin` reads as empty. Returns its size.
    @discardableResult
    public static func requireRegular(_ path: String) throws -> Int {
        var info = stat()
        guard stat(path, &info) == 0 else { throw FileError(.read, path) }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return Int(info.st_size)
        case S_IFDIR: throw FileError(.read, path, code: EISDIR)
        case S_IFIFO, S_IFSOCK:
            throw UserError(
                "\(path) là một ống dẫn, không phải tệp: htx không đọc từ ống dẫn; lưu nội dung ra một tệp "
                    + "(ví dụ > tam.csv) rồi chỉ tên tệp đó",
                "\(path) is a pipe, not a file: htx does not read from pipes; save the content to a file "
                    + "(> tmp.csv, say) and name that file")
        default:
            throw UserError(
                "\(path) là một thiết bị, không phải tệp thường; chỉ một tệp",
                "\(path) is a device, not a regular file; "
                    + "name a file")
        }
    }

    /// The bytes of `path`, refused past `limit` bytes before more is read; `tooLarge` makes the refusal.
    public static func read(_ path: String, limit: Int, tooLarge: (Int) -> UserError) throws -> [UInt8] {
        try requireRegular(path)
        let fd = open(path, O_RDONLY | O_NONBLOCK)
        guard fd >= 0 else { throw FileError(.read, path) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw FileError(.read, path) }
        // Checked again on what was opened: the path may have been replaced in between.
        guard info.st_mode & S_IFMT == S_IFREG else { throw FileError(.read, path, code: EISDIR) }
        if Int(info.st_size) > limit { throw tooLarge(Int(info.st_size)) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(info.st_size))
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = chunk.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw FileError(.read, path)
            }
            if count == 0 { return bytes }
            if bytes.count + count > limit { throw tooLarge(bytes.count + count) }
            bytes.append(contentsOf: chunk[0..<count])
        }
    }

    /// A settings file as UTF-8 text (a byte-order mark is dropped), refused past `settingsBytes`.
    public static func text(_ path: String) throws -> String {
        let bytes = try read(path, limit: settingsBytes) { size in
            UserError(
                "\(path): tệp quá lớn (\(size.formattedBytes)); tệp thiết lập chỉ đến \(settingsBytes.formattedBytes)",
                "\(path): the file is too large (\(size.formattedBytes)); settings files go up to "
                    + "\(settingsBytes.formattedBytes)"
            )
        }
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
        guard let text = String(validating: body, as: UTF8.self) else {
            throw UserError(
                "\(path): không phải văn bản UTF-8; lưu lại tệp với mã UTF-8",
                "\(path): not UTF-8 text; save the file again as UTF-8")
        }
        return text
    }
}

extension Int {
    /// A size as people say it: "1,5 GB", "300,5 MB", "12 KB".
    public var formattedBytes: String {
        let value = Double(self)
        if value >= Double(1 << 30) { return VietnameseNumber.format(value / Double(1 << 30), decimals: 1) + " GB" }
        if value >= Double(1 << 20) { return VietnameseNumber.format(value / Double(1 << 20), decimals: 1) + " MB" }
        return VietnameseNumber.format(value / 1024, decimals: 1) + " KB"
    }
}
