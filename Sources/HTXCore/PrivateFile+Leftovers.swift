import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// What a killed command leaves behind and how the next one clears it.
///
/// Every file or folder htx writes before moving it into place is named `[.]NAME.PID.RANDOM.SUFFIX` beside its
/// destination (`.tmp`, `.partial`, `.staging`, `.creating`). A later command writing to the same destination
/// removes those whose process is gone, and only those: a name of that shape with a living process (or another
/// shape altogether) is left as it is. Ctrl+C and `kill` are caught by commands that write (`trackInterrupts`): the
/// files in flight are removed before the process ends.
extension PrivateFile {
    /// The suffixes of htx's files in flight.
    static let inFlightSuffixes = [".tmp", ".partial", ".staging", ".creating"]

    /// The middle of an in-flight name: this process's id and a random number.
    static func inFlightTag() -> String { "\(getpid()).\(UInt32.random(in: .min ... .max))" }

    /// Removes the files and folders in flight beside `destination` that a process no longer running left.
    /// Returns what was removed.
    @discardableResult
    public static func removeLeftovers(beside destination: String) -> [String] {
        let folder = PathName.folderOrCurrent(destination)
        let name = PathName.name(destination)
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
        var removed: [String] = []
        for entry in entries {
            guard let pid = leftoverProcess(entry, name: name), pid != getpid(), kill(pid, 0) == -1, errno == ESRCH
            else { continue }
            let path = PathName.join(folder, entry)
            if (try? FileManager.default.removeItem(atPath: path)) != nil { removed.append(path) }
        }
        return removed
    }

    /// The process that named `entry` as an in-flight file for `name`, or nil when it is not one.
    static func leftoverProcess(_ entry: String, name: String) -> pid_t? {
        guard let suffix = inFlightSuffixes.first(where: { entry.hasSuffix($0) }) else { return nil }
        var middle = Substring(entry.dropLast(suffix.count))
        if middle.hasPrefix(".") && !name.hasPrefix(".") { middle = middle.dropFirst() }
        guard middle.hasPrefix(name + ".") else { return nil }
        let parts = middle.dropFirst(name.count + 1).split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2,
            parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
            let pid = pid_t(parts[0]), pid > 0, UInt32(parts[1]) != nil
        else { return nil }
        return pid
    }

    // MARK: - Interruptions

    /// The paths in flight in this process.
    nonisolated(unsafe) static var inFlight: Set<String> = []
    static let inFlightLock = NSLock()
    nonisolated(unsafe) static var signalSources: [DispatchSourceSignal] = []

    /// Counts a path as in flight until `settled` is called: an interruption removes it.
    public static func track(_ path: String) {
        inFlightLock.lock()
        inFlight.insert(path)
        inFlightLock.unlock()
    }

    /// The path is in place (or gone): an interruption leaves it.
    public static func settled(_ path: String) {
        inFlightLock.lock()
        inFlight.remove(path)
        inFlightLock.unlock()
    }

    /// Removes the paths in flight when the process is interrupted (SIGINT, SIGTERM, SIGHUP), then ends it with
    /// the usual status (128 + the signal). For the commands that write files, not for the server, which ends
    /// gracefully on its own.
    public static func trackInterrupts() {
        for signalNumber in [SIGINT, SIGTERM, SIGHUP] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                inFlightLock.lock()
                let paths = inFlight
                inFlightLock.unlock()
                for path in paths { try? FileManager.default.removeItem(atPath: path) }
                exit(128 + signalNumber)
            }
            source.resume()
            signalSources.append(source)
        }
    }
}
