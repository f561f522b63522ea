import Foundation

/// A set of files that arrives whole or not at all: they are written into a hidden folder beside the destination,
/// which is moved into place once every file is there; a failure part-way leaves the destination as it was.
public final class StagedFolder {
    /// The folder the files are meant for.
    public let destination: String
    /// The hidden folder they are written into first.
    public let staging: String
    /// The names written so far.
    public private(set) var names: [String] = []
    private var finished = false

    /// Creates the staging folder (mode 0700) beside `destination`, creating the folders above it if needed.
    public init(destination: String) throws {
        self.destination = destination
        let url = URL(fileURLWithPath: destination).standardizedFileURL
        let parent = url.deletingLastPathComponent().path
        try PrivateFile.createFolder(parent)
        PrivateFile.removeLeftovers(beside: url.path)
        var path = ""
        for _ in 0..<100 {
            path = PathName.join(parent, ".\(url.lastPathComponent).\(PrivateFile.inFlightTag()).staging")
            if mkdir(path, 0o700) == 0 { break }
            guard errno == EEXIST else { throw FileError(.createFolder, destination) }
            path = ""
        }
        guard !path.isEmpty else { throw FileError(.createFolder, destination, code: EEXIST) }
        staging = path
        PrivateFile.track(path)
    }

    deinit {
        if !finished { discard() }
    }

    /// The path of `name` inside the staging folder.
    public func path(_ name: String) -> String { PathName.join(staging, name) }

    /// Writes one file (mode 0600) into the staging folder.
    public func write(_ data: Data, name: String) throws {
        try PrivateFile.write(data, to: path(name))
        names.append(name)
    }

    /// Counts a file or folder that something else made inside `staging` as one of this set.
    public func adopt(_ name: String) {
        names.append(name)
    }

    /// Checks every file this set would put in place against `target`: none may be the catalog, a link or a
    /// device, and a file already there only with overwriting. Call it before writing anything else the command
    /// makes, so that a refusal leaves everything as it was.
    public func check(_ target: OutputTarget) throws {
        try target.checkFolder(destination)
        var info = stat()
        guard stat(destination, &info) == 0 else { return }
        for name in names { try target.checkFile(PathName.join(destination, name)) }
    }

    /// Moves the files into place: the whole folder when the destination is absent or empty, else file by file
    /// (files of the same names are replaced, others left as they are), each checked against `target` first.
    /// Returns the files' final paths.
    @discardableResult
    public func commit(_ target: OutputTarget) throws -> [String] {
        try check(target)
        // rename(2) moves a folder over an absent or empty one in one step.
        if rename(staging, destination) != 0 {
            let code = errno
            var info = stat()
            // Any failure with a folder there (not empty, or EBUSY for "." and mount points) goes file by file.
            guard stat(destination, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
                throw FileError(.rename, destination, code: code)
            }
            for name in names {
                let target = PathName.join(destination, name)
                guard rename(PathName.join(staging, name), target) == 0 else {
                    throw FileError(.rename, target)
                }
            }
            rmdir(staging)
        }
        finished = true
        PrivateFile.settled(staging)
        return names.map { PathName.join(destination, $0) }
    }

    /// Removes the staging folder and everything written or adopted into it (all of it made by this run).
    public func discard() {
        try? FileManager.default.removeItem(atPath: staging)
        finished = true
        PrivateFile.settled(staging)
    }
}
