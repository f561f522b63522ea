import Foundation

/// Runs the built `htx` binary as a user would, with its own catalog in a temporary folder.
public struct CLI: Sendable {
    /// What one run gave back.
    public struct Result: Sendable {
        public var code: Int32
        public var stdout: String
        public var stderr: String

        public init(code: Int32, stdout: String, stderr: String) {
            self.code = code
            self.stdout = stdout
            self.stderr = stderr
        }
    }

    /// The test's own folder, removed with its catalog and files when the last copy of this value goes.
    let folder: TemporaryFolder
    public var directory: URL { folder.url }
    public var db: String { directory.appendingPathComponent("htx.sqlite").path }

    public static let packageRoot = Fixtures.packageRoot

    /// The `htx` executable next to the test bundle (or `$HTX_TEST_EXECUTABLE`, to run these tests against
    /// another build: an older one shows which of them fail without a fix).
    public static let executable: URL = {
        if let other = ProcessInfo.processInfo.environment["HTX_TEST_EXECUTABLE"] { return URL(fileURLWithPath: other) }
        let exe =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: exe).deletingLastPathComponent().appendingPathComponent("htx")
    }()

    public init() throws {
        folder = try TemporaryFolder("htx-cli")
    }

    /// Runs `htx ARGS` with `HTX_DB` set to this test's catalog and messages in Vietnamese unless told otherwise.
    @discardableResult
    public func run(
        _ arguments: [String], environment extra: [String: String] = [:], executable: URL = CLI.executable,
        stdin: String? = nil
    ) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = [
            "HTX_DB": db, "HTX_SEEDS": Fixtures.seeds.url.path, "PATH": "/usr/bin:/bin",
            "HTX_ORG": "Kiểm thử",
        ]
        environment.merge(extra) { _, new in new }
        process.environment = environment
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let input = Pipe()
        if stdin != nil { process.standardInput = input }
        try process.run()
        if let stdin {
            input.fileHandleForWriting.write(Data(stdin.utf8))
            try input.fileHandleForWriting.close()
        }
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            code: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// Runs a bash script with this test's environment and `$HTX` naming the executable: for what a plain
    /// process cannot set up (ignored signals, size limits, a closed pipe, another user).
    @discardableResult
    public func shell(_ script: String, environment extra: [String: String] = [:]) throws -> Result {
        try run(
            ["-c", script], environment: extra.merging(["HTX": CLI.executable.path]) { a, _ in a },
            executable: URL(fileURLWithPath: "/bin/bash"))
    }

    /// The prefix that runs a command as the unprivileged user `nobody` when the tests run as root (root ignores
    /// file permissions, so a read-only file is only read-only to someone else); empty otherwise. Nil when it
    /// cannot be done (root without setpriv).
    public static var unprivileged: String? {
        guard getuid() == 0 else { return "" }
        return FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")
            ? "/usr/bin/setpriv --reuid=65534 --regid=65534 --clear-groups " : nil
    }

    /// Runs and decodes stdout as JSON.
    public func json(_ arguments: [String]) throws -> Any {
        let result = try run(arguments + ["--format", "json"])
        guard result.code == 0 else { throw CLIError(result: result) }
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    }
}

/// A run that should have succeeded and did not.
public struct CLIError: Error, CustomStringConvertible {
    public var result: CLI.Result
    public init(result: CLI.Result) { self.result = result }
    public var description: String { "exit \(result.code): \(result.stderr)" }
}
