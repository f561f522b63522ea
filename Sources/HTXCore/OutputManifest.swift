import Foundation

/// The note a command leaves of the files it made in a folder, so that a later run of it replaces those files,
/// and only while nobody has changed them since (same inode, size and modification time).
public struct OutputManifest: Codable, Sendable, Equatable {
    /// One file as it was when made.
    public struct Entry: Codable, Sendable, Equatable {
        public var name: String
        public var size: Int64
        public var modified: Int64
        public var inode: UInt64
    }

    /// The command that made the files ("htx demo").
    public var madeBy: String
    /// The files made, by path relative to the folder.
    public var files: [Entry]

    /// The manifest's own file name inside the folder.
    public static let fileName = ".htx-made.json"

    /// The manifest of `folder`, or nil when there is none (or it cannot be read).
    public static func load(in folder: String) -> OutputManifest? {
        let path = PathName.join(folder, fileName)
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return try? JSONDecoder().decode(OutputManifest.self, from: data)
    }

    /// Records the files `names` (relative to `folder`) as they are now.
    public init(madeBy: String, names: [String], in folder: String) {
        self.madeBy = madeBy
        files = names.compactMap { OutputManifest.entry($0, in: folder) }
    }

    /// Writes the manifest into `folder`.
    public func save(in folder: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try PrivateFile.write(
            try encoder.encode(self), to: PathName.join(folder, OutputManifest.fileName))
    }

    /// Whether `name` in `folder` is a file this manifest lists, unchanged since.
    public func madeUnchanged(_ name: String, in folder: String) -> Bool {
        guard let now = OutputManifest.entry(name, in: folder) else { return false }
        return files.contains(now)
    }

    /// The entry for a file as it is now; nil when it is absent or not a regular file.
    static func entry(_ name: String, in folder: String) -> Entry? {
        var info = stat()
        guard lstat(PathName.join(folder, name), &info) == 0, info.st_mode & S_IFMT == S_IFREG
        else { return nil }
        let modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        return Entry(name: name, size: Int64(info.st_size), modified: modified, inode: UInt64(info.st_ino))
    }
}
