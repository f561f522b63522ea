import Foundation

/// Runs the built `htx` binary as a user would, with its own catalog in a temporary folder.
struct CLI {
    /// What one run gave back.
    struct Result {
        var code: Int32
        var stdout: String
        var stderr: String
    }

    let directory: URL
    var db: String { directory.appendingPathComponent("htx.sqlite").path }

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `htx` executable next to the test bundle.
    static let executable: URL = {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: exe).deletingLastPathComponent().appendingPathComponent("htx")
    }()

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("htx-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    /// Runs `htx ARGS` with `HTX_DB` set to this test's catalog and messages in Vietnamese unless told otherwise.
    @discardableResult
    func run(_ arguments: [String], environment extra: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = CLI.executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = ["HTX_DB": db, "HTX_SEEDS": CLI.packageRoot.appendingPathComponent("Seeds").path, "PATH": "/usr/bin:/bin", "HTX_ORG": "Kiểm thử"]
        environment.merge(extra) { _, new in new }
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(code: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// Runs and decodes stdout as JSON.
    func json(_ arguments: [String]) throws -> Any {
        let result = try run(arguments + ["--format", "json"])
        guard result.code == 0 else { throw CLIError(result: result) }
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    }
}

/// A run that should have succeeded and did not.
struct CLIError: Error, CustomStringConvertible {
    var result: CLI.Result
    var description: String { "exit \(result.code): \(result.stderr)" }
}
