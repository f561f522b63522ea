import ArgumentParser
import Foundation
import HTXTestSupport
import Testing

@testable import HTXCommands

/// Golden files for the command line: every command's `--help`, and the exact output (stdout, stderr, exit code)
/// of a session over the sample catalog in every format. A change to any of them fails here; when it is meant,
/// run with `HTX_UPDATE_GOLDEN=1`, read the diff of `Tests/HTXCommandsTests/Golden/`, and commit it.
@Suite("Golden command-line output")
struct GoldenTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    static let updating = ProcessInfo.processInfo.environment["HTX_UPDATE_GOLDEN"] == "1"

    /// Compares `text` with the golden file `name`, or writes it when updating.
    func check(_ text: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let file = GoldenTests.folder.appendingPathComponent(name)
        if GoldenTests.updating {
            try FileManager.default.createDirectory(
                at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: file, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: file, encoding: .utf8)
        #expect(
            text == expected, "\(name) changed; inspect it and run with HTX_UPDATE_GOLDEN=1 if intended",
            sourceLocation: sourceLocation)
    }

    /// Every command, with its path of names.
    static func commands(
        _ command: any ParsableCommand.Type = HTX.self, _ path: [String] = []
    ) -> [([String], any ParsableCommand.Type)] {
        let name = path + [command.configuration.commandName ?? "htx"]
        return [(name, command)] + command.configuration.subcommands.flatMap { commands($0, name) }
    }

    @Test("every command's --help is as recorded")
    func help() throws {
        for (path, command) in GoldenTests.commands() {
            try check(HTX.helpMessage(for: command, columns: 100), "help/\(path.joined(separator: "-")).txt")
        }
    }

    /// Output with what changes from run to run masked: times, the temporary folder.
    static func masked(_ text: String, folder: URL) -> String {
        var text = text.replacingOccurrences(of: folder.path, with: "<dir>")
        text = text.replacingOccurrences(of: CLI.packageRoot.path, with: "<package>")
        text = text.replacingOccurrences(
            of: #"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z"#, with: "<time>", options: .regularExpression)
        return text
    }

    @Test("a session over the sample catalog prints exactly what it printed before, in every format")
    func session() throws {
        let cli = try CLI()
        let matrixInstance = CLI.packageRoot.appendingPathComponent("Tests/HTXItineraryTests/Instances/n08_d2.json")
            .path
        let importFile = cli.directory.appendingPathComponent("dong-anh.csv")
        try Data(
            """
            Tên HTX,Mã số thuế,Quận/huyện,Điện thoại,Doanh thu 2021 (tỷ đồng)
            HTX Rau sạch Vân Nội,0100109106,Đông Anh,01662345678,"1,5"
            HTX Hoa Tây Tựu,,Bắc Từ Liêm,024 3765 4321,"2,5"
            =HTX Công thức,,Ba Vì,,

            """.utf8
        ).write(to: importFile)
        try cli.run(["init", "--sample"])
        try cli.run(["shortlist", "build", "probe", "--size", "8", "--max-per-district", "2"])
        let probe = try #require(try cli.json(["shortlist", "show", "probe"]) as? [String: Any])
        let picks = try #require(probe["entries"] as? [[String: Any]]).compactMap { $0["id"] as? Int }.map(String.init)
        let steps: [[String]] = [
            ["coop", "list", "--format", "table"], ["coop", "list", "--format", "csv"],
            ["coop", "list", "--format", "json"],
            ["coop", "list", "--district", "gia lam", "--format", "csv"],
            ["coop", "list", "--grade", "tot", "--format", "csv"],
            ["coop", "show", "1", "--format", "json"], ["coop", "show", "1", "--format", "table"],
            ["coop", "show", "1", "--format", "csv"],
            ["search", "dong anh", "--format", "table"], ["search", "Đông Anh", "--format", "json"],
            ["search", "thuy san tan lap", "--format", "csv"],
            ["check", "--format", "table"], ["check", "--format", "json"],
            ["import", importFile.path, "--dry-run"], ["import", importFile.path, "--format", "json"],
            [
                "coop", "edit", "51", "--set", "members=1.250", "--set", "receptionHours=08:00-11:00; 14:00-16:30",
                "--by", "Liên minh HTX TP",
            ],
            ["coop", "history", "51", "--format", "json"], ["coop", "history", "51", "--format", "table"],
            ["shortlist", "build", "doan", "--size", "8", "--max-per-district", "2", "--format", "json"],
            ["shortlist", "show", "doan", "--explain", "--format", "table"],
            ["shortlist", "show", "doan", "--format", "csv"],
            [
                "shortlist", "set", "doan", picks[0], "--status", "approved", "--note", "Đủ điều kiện", "--by",
                "Sở KH&ĐT",
            ],
            ["shortlist", "set", "doan", picks[1], "--status", "rejected", "--note", "Chưa đủ số liệu"],
            ["shortlist", "list", "--format", "json"],
            [
                "itinerary", "plan", "tw", "--shortlist", "doan", "--date", "2021-10-28", "--days", "2", "--format",
                "json",
            ],
            ["itinerary", "show", "tw", "--format", "table"], ["itinerary", "show", "tw", "--format", "csv"],
            ["itinerary", "check", "tw", "--order", picks[0]],
            ["itinerary", "check", "tw", "--order", picks.joined(separator: ",")],
            ["itinerary", "replan", "tw", "--delay", "30", "--format", "table"],
            ["itinerary", "solve", matrixInstance, "--format", "json"],
            ["itinerary", "solve", matrixInstance, "--format", "table"],
            ["brief", "tw", "--out", cli.directory.appendingPathComponent("tai-lieu.md").path],
            ["export", cli.directory.appendingPathComponent("danh-muc.csv").path, "--public"],
            ["coop", "remove", "51"],
            ["coop", "show", "999"], ["coop", "list", "--district", "Hà Tây"], ["shortlist", "show", "khong-co"],
            ["itinerary", "plan", "x", "--date", "2021-10-28"],
            ["export", cli.directory.appendingPathComponent("x.odt").path],
        ]
        var transcript = ""
        for step in steps {
            let result = try cli.run(step)
            transcript += "$ htx " + step.map { $0.contains(" ") ? "\"\($0)\"" : $0 }.joined(separator: " ") + "\n"
            transcript += result.stdout + (result.stdout.hasSuffix("\n") || result.stdout.isEmpty ? "" : "\n")
            transcript += result.stderr.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.isEmpty }
                .map { "! " + $0 + "\n" }.joined()
            transcript += "= \(result.code)\n\n"
        }
        try check(GoldenTests.masked(transcript, folder: cli.directory), "cli/session.txt")
        try check(
            GoldenTests.masked(
                try String(contentsOf: cli.directory.appendingPathComponent("tai-lieu.md"), encoding: .utf8),
                folder: cli.directory), "cli/tai-lieu.md")
        try check(
            try String(contentsOf: cli.directory.appendingPathComponent("danh-muc.csv"), encoding: .utf8),
            "cli/danh-muc.csv")
        // The Markdown links its map and chart as SVG files written beside it.
        let markdown = try String(contentsOf: cli.directory.appendingPathComponent("tai-lieu.md"), encoding: .utf8)
        for number in 1...2 {
            let name = "tai-lieu-hinh-\(number).svg"
            #expect(markdown.contains("](\(name))"))
            let svg = try String(contentsOf: cli.directory.appendingPathComponent(name), encoding: .utf8)
            #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\"") && svg.hasSuffix("</svg>\n"))
        }
    }
}
