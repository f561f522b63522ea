/// The parts of a file path, read as text: the folder, the name, its extension and stem, and a name joined to a
/// folder. Foundation's `NSString` path methods trap on some one-character relative paths (`backup b` crashed in
/// `deletingLastPathComponent`), so no path a user types goes through them.
public enum PathName {
    /// The path without its last component: "a/b.csv" → "a", "/k" → "/", "b" → "" (the current folder).
    public static func folder(_ path: String) -> String {
        let trimmed = withoutTrailingSlashes(path)
        guard let slash = trimmed.lastIndex(of: "/") else { return "" }
        if slash == trimmed.startIndex { return "/" }
        let folder = withoutTrailingSlashes(String(trimmed[..<slash]))
        return folder.isEmpty ? "/" : folder
    }

    /// The path's folder, "." for a bare name: where a file beside it goes.
    public static func folderOrCurrent(_ path: String) -> String {
        let folder = folder(path)
        return folder.isEmpty ? "." : folder
    }

    /// The last component: "a/b.csv" → "b.csv", "/" → "/".
    public static func name(_ path: String) -> String {
        let trimmed = withoutTrailingSlashes(path)
        guard let slash = trimmed.lastIndex(of: "/") else { return trimmed }
        let name = String(trimmed[trimmed.index(after: slash)...])
        return name.isEmpty ? "/" : name
    }

    /// The extension of the last component, without its dot: "a/b.CSV" → "CSV"; "" for ".hidden" or none.
    public static func fileExtension(_ path: String) -> String {
        let name = name(path)
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return String(name[name.index(after: dot)...])
    }

    /// The last component without its extension: "a/b.tar.gz" → "b.tar".
    public static func stem(_ path: String) -> String {
        let name = name(path)
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }

    /// The path without the extension of its last component: "a/b.md" → "a/b".
    public static func withoutExtension(_ path: String) -> String {
        let ext = fileExtension(path)
        let trimmed = withoutTrailingSlashes(path)
        return ext.isEmpty ? trimmed : String(trimmed.dropLast(ext.count + 1))
    }

    /// `name` inside `folder` ("" is the current folder).
    public static func join(_ folder: String, _ name: String) -> String {
        if folder.isEmpty { return name }
        return folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }

    static func withoutTrailingSlashes(_ path: String) -> String {
        var path = path
        while path.count > 1, path.hasSuffix("/") { path.removeLast() }
        return path
    }
}
