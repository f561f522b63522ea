import Foundation

/// Reads the files a user names (profiles, instances, matrices, header maps, imports) whole, with a size limit.
public enum InputFile {
    /// The largest settings file htx reads (a criteria profile, a visit file, an itinerary instance, a travel
    /// matrix, a header map): 16 MiB, a thousand times the largest real one.
    public static let settingsBytes = 16 << 20

    /// The bytes of `path`, refused past `limit` bytes before more is read; `tooLarge` makes the refusal.
    public static func read(_ path: String, limit: Int, tooLarge: (Int) -> UserError) throws -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw FileError(.read, path) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw FileError(.read, path) }
        if info.st_mode & S_IFMT == S_IFDIR { throw FileError(.read, path, code: EISDIR) }
        if info.st_mode & S_IFMT == S_IFREG && Int(info.st_size) > limit { throw tooLarge(Int(info.st_size)) }
        var bytes: [UInt8] = []
        if info.st_mode & S_IFMT == S_IFREG { bytes.reserveCapacity(Int(info.st_size)) }
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
