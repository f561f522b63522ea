import Foundation

/// Writes output files readable by their owner only (mode 0600): exports carry personal contacts.
public enum PrivateFile {
    /// Writes `data` to `path` through a temporary file of its own renamed into place, so a reader never sees half
    /// a file and a failure (a full disk) leaves whatever was at `path` as it was.
    public static func write(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent()
        try createFolder(directory.path)
        let (temporary, fd) = try createUnique(
            in: directory.path, prefix: ".\(url.lastPathComponent)", suffix: ".tmp", destination: path)
        var isOpen = true
        do {
            try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) throws in
                guard let base = buffer.baseAddress else { return }
                var offset = 0
                while offset < buffer.count {
                    let written = Foundation.write(fd, base + offset, buffer.count - offset)
                    if written < 0 {
                        if errno == EINTR { continue }
                        throw FileError(.write, path)
                    }
                    offset += written
                }
            }
            guard fsync(fd) == 0 || errno == EINVAL else { throw FileError(.write, path) }
            isOpen = false
            guard close(fd) == 0 else { throw FileError(.write, path) }
            guard rename(temporary, path) == 0 else { throw FileError(.rename, path) }
            settled(temporary)
        } catch {
            if isOpen { close(fd) }
            unlink(temporary)
            settled(temporary)
            throw error
        }
    }

    /// Writes text as UTF-8.
    public static func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }

    /// Creates a new file of mode 0600 named `prefix.PID.RANDOM suffix` in `folder`, never opening one that exists,
    /// after clearing what killed runs left beside `destination`; returns its path and open descriptor. The file
    /// is in flight (`track`) until the caller calls `settled`.
    public static func createUnique(
        in folder: String, prefix: String, suffix: String, destination: String
    ) throws -> (String, Int32) {
        removeLeftovers(beside: destination)
        for _ in 0..<100 {
            let candidate = PathName.join(folder, "\(prefix).\(inFlightTag())\(suffix)")
            let fd = open(candidate, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
            if fd >= 0 {
                fchmod(fd, 0o600)
                track(candidate)
                return (candidate, fd)
            }
            if errno != EEXIST { throw FileError(.write, destination) }
        }
        throw FileError(.create, destination, code: EEXIST)
    }

    /// Creates a folder and the folders above it; an error names the folder and why.
    public static func createFolder(_ path: String) throws {
        guard !path.isEmpty else { return }
        var info = stat()
        if stat(path, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFDIR else { throw FileError(.createFolder, path, code: ENOTDIR) }
            return
        }
        let parent = PathName.folder(path)
        if !parent.isEmpty, parent != path { try createFolder(parent) }
        guard mkdir(path, 0o755) == 0 || errno == EEXIST else { throw FileError(.createFolder, path) }
    }
}
