import ArgumentParser
import Foundation

/// `htx shortlist …`: choose the model cooperatives, explain why, and move them through the proposal workflow.
struct ShortlistCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shortlist",
        abstract: "Lựa chọn HTX điển hình theo tiêu chí có trọng số, có giải thích; đề xuất → duyệt/loại.",
        discussion: """
            Ví dụ / Examples:
              htx shortlist build doan-tw-2021 --size 8 --max-per-district 2
              htx shortlist show doan-tw-2021 --explain
              htx shortlist set doan-tw-2021 12 --status approved --by "Sở KH&ĐT"
            """,
        subcommands: [
            ShortlistBuildCommand.self, ShortlistShowCommand.self, ShortlistListCommand.self, ShortlistSetCommand.self,
        ])
}

/// A comma-separated list of ids (`--exclude 3,7,12`).
struct IDList: ExpressibleByArgument {
    var ids: [String]
    init?(argument: String) {
        ids = argument.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !ids.isEmpty else { return nil }
    }
}
