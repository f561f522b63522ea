import ArgumentParser
import Foundation
import HTXCatalog
import HTXCore
import HTXKit
import HTXMessages

/// The `htx` root command: catalog, shortlist, itinerary and briefing for model-cooperative field surveys.
public struct HTX: ParsableCommand {
    public static let version = Catalog.softwareVersion

    public static let configuration = CommandConfiguration(
        commandName: "htx",
        abstract: "Danh mục HTX điển hình, lựa chọn, lịch trình và tài liệu cho đoàn khảo sát (Hà Nội).",
        discussion: """
            Danh mục là một tệp SQLite: --db PATH, hoặc $HTX_DB, hoặc ./htx.sqlite. \
            Thông báo bằng tiếng Việt; --lang en (hoặc LANG=en*) cho tiếng Anh.

            Ví dụ / Examples:
              htx init --sample
              htx search "dong anh"
              htx coop list --district "Gia Lâm" --format csv
              htx coop show 0100233488 --format json
              htx check
            """,
        version: version,
        subcommands: [
            InitCommand.self, ImportCommand.self, ExportCommand.self, CoopCommand.self, SearchCommand.self,
            ShortlistCommand.self, ItineraryCommand.self, BriefCommand.self, CheckCommand.self,
            BackupCommand.self, DoctorCommand.self, DemoCommand.self, ServeCommand.self, UserCommand.self,
            AuditCommand.self,
        ])

    public init() {}

    /// Runs the command line and returns the process exit code: 0 success, 1 user error, 2 bad usage.
    public static func run(arguments: [String]) -> Int32 {
        // A reader that goes away (`htx coop list | head -1`) is an EPIPE write error, answered with exit 0 below;
        // left at its default, SIGPIPE would kill the process first with status 141.
        signal(SIGPIPE, SIG_IGN)
        // Ctrl+C or kill while files are in flight removes them; the server ends gracefully on its own.
        if arguments.first != "serve" { PrivateFile.trackInterrupts() }
        let console = Console(lang: Lang.resolve(explicit: languageArgument(arguments)))
        do {
            // A malformed SOURCE_DATE_EPOCH is refused before anything is made with it (reproducible-builds).
            _ = try Kit.sourceDateEpoch(ProcessInfo.processInfo.environment)
            var command = try parseAsRoot(arguments)
            try command.run()
            return 0
        } catch let error as Console.OutputError {
            // The reader of a pipe went away (`htx coop list | head -1`): nothing more to say to anyone.
            if error.isClosedPipe { return 0 }
            return report(error.message, console)
        } catch let error as ExitCode {
            return error.rawValue
        } catch {
            if let message = ErrorMessages.message(for: error) { return report(message, console) }
            let code = exitCode(for: error)
            let text = fullMessage(for: error)
            if code == .success {
                // --help and --version: a failure to write them is reported like any other output's.
                do {
                    try console.out(text)
                } catch let error as Console.OutputError {
                    return error.isClosedPipe ? 0 : report(error.message, console)
                } catch {
                    return 1
                }
                return 0
            }
            if !text.isEmpty { Console.writeError(text + "\n") }
            return error is ValidationError || code == .validationFailure ? 2 : (code.rawValue == 1 ? 1 : 2)
        }
    }

    static func report(_ message: Message, _ console: Console) -> Int32 {
        let prefix = console.lang == .vi ? "Lỗi: " : "Error: "
        Console.writeError(prefix + message.text(console.lang) + "\n")
        return 1
    }

    /// Finds `--lang X` or `--lang=X` before parsing, so that even parse errors speak the right language.
    static func languageArgument(_ arguments: [String]) -> String? {
        for (index, argument) in arguments.enumerated() {
            if argument == "--lang", index + 1 < arguments.count { return arguments[index + 1] }
            if argument.hasPrefix("--lang=") { return String(argument.dropFirst(7)) }
        }
        return nil
    }
}
