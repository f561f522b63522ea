import Foundation

/// Writes output files readable by their owner only (mode 0600): exports carry personal contacts.
public enum PrivateFile {
    /// Writes `data` to `path` through a temporary file renamed into place, so a reader never sees half a file.
    public static func write(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        let fd = open(temporary.path, O_CREAT | O_WRONLY | O_TRUNC, 0o600)
        guard fd >= 0 else {
            throw UserError("không ghi được \(path): \(String(cString: strerror(errno)))", "cannot write \(path): \(String(cString: strerror(errno)))")
        }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        do {
            try handle.write(contentsOf: data)
            try handle.close()
            fchmod(fd, 0o600)
            guard rename(temporary.path, path) == 0 else {
                throw UserError("không ghi được \(path): \(String(cString: strerror(errno)))", "cannot write \(path): \(String(cString: strerror(errno)))")
            }
        } catch {
            unlink(temporary.path)
            throw error
        }
    }

    /// Writes text as UTF-8.
    public static func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }
}
