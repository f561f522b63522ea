import Foundation

/// Where a command may write what it makes: never over the catalog or its journals, never over a file that is
/// already there unless the user said so (`overwrite`), never in place of a folder.
public struct OutputTarget: Sendable {
    /// Why a destination was refused.
    public enum Refusal: Error, Equatable {
        /// The destination is the catalog (or one of its `-wal`, `-shm`, `-journal` files), by name or by link.
        case isCatalog(path: String, catalog: String)
        /// A file is already there and overwriting was not asked for.
        case exists(path: String)
        /// The destination is a folder, or (for a folder destination) a file.
        case wrongKind(path: String, isFolder: Bool)
        /// A folder destination already holds files and overwriting was not asked for.
        case folderNotEmpty(path: String, files: Int)
        /// The destination is a symbolic link (even one that leads nowhere), a device, a pipe or a socket: never
        /// replaced, since replacing it would not write where it points.
        case notRegularFile(path: String)
    }

    /// The files that must never be written over: the catalog in use.
    public var protected: [String]
    /// Whether an existing file may be replaced.
    public var overwrite: Bool

    public init(protecting protected: [String], overwrite: Bool) {
        self.protected = protected
        self.overwrite = overwrite
    }

    /// The catalog file's companions SQLite keeps beside it.
    static let companions = ["", "-wal", "-shm", "-journal"]

    /// Checks that a file may be written at `path`: nothing is there, or a regular file that may be replaced.
    public func checkFile(_ path: String) throws(Refusal) {
        if let catalog = protectedMatch(path) { throw .isCatalog(path: path, catalog: catalog) }
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: throw .wrongKind(path: path, isFolder: true)
        case S_IFREG: if !overwrite { throw .exists(path: path) }
        default: throw .notRegularFile(path: path)
        }
    }

    /// Checks that a folder of new files may be written at `path`: it is absent, empty, or overwriting was asked
    /// for (then files of the same names are replaced and the others kept).
    public func checkFolder(_ path: String) throws(Refusal) {
        if let catalog = protectedMatch(path) { throw .isCatalog(path: path, catalog: catalog) }
        var info = stat()
        guard stat(path, &info) == 0 else { return }
        guard info.st_mode & S_IFMT == S_IFDIR else { throw .wrongKind(path: path, isFolder: false) }
        let count = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).count
        if count > 0 && !overwrite { throw .folderNotEmpty(path: path, files: count) }
    }

    /// The protected file `path` stands for, by its resolved name or by being the same file on disk.
    func protectedMatch(_ path: String) -> String? {
        let resolved = OutputTarget.resolve(path)
        var target = stat()
        let exists = stat(path, &target) == 0
        for catalog in protected {
            let base = OutputTarget.resolve(catalog)
            if OutputTarget.companions.contains(where: { base + $0 == resolved }) { return catalog }
            for suffix in OutputTarget.companions {
                var info = stat()
                if exists, stat(catalog + suffix, &info) == 0, info.st_dev == target.st_dev,
                    info.st_ino == target.st_ino
                {
                    return catalog
                }
            }
        }
        return nil
    }

    /// An absolute path with its folder's symbolic links resolved (the last part is kept as named).
    static func resolve(_ path: String) -> String {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        let folder = url.deletingLastPathComponent().path
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let real = realpath(folder, &buffer).map { String(cString: $0) } ?? folder
        return (real == "/" ? "" : real) + "/" + url.lastPathComponent
    }
}
