import Foundation
import HTXTestSupport
import Testing

/// `make manuals` and `make install-files` into a temporary prefix (SPEC §13), with the htx this test run built: the
/// installed htx finds its seeds beside itself and works from another folder; completions and man pages are where
/// shells and `man` look, and the man pages keep their Vietnamese.
@Suite("Installing")
struct InstallTests {
    @Test(
        "an installed htx runs init --sample and demo from /, with its completions and man pages",
        .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/make")))
    func installs() throws {
        let cli = try CLI()
        let prefix = cli.directory.appendingPathComponent("prefix").path
        let manuals = cli.directory.appendingPathComponent("manuals").path
        let make = try cli.shell(
            """
            set -e
            make -s -C "\(Fixtures.packageRoot.path)" manuals HTX_BINARY="$HTX" MANUALS_DIR="\(manuals)"
            make -s -C "\(Fixtures.packageRoot.path)" install-files PREFIX="\(prefix)" HTX_BINARY="$HTX" \
            MANUALS="\(manuals)"
            """)
        #expect(make.code == 0, "\(make.stderr)")
        // From /, with no HTX_SEEDS and no catalog named by the environment: the seeds are found in
        // PREFIX/share/htx/Seeds.
        let run = try cli.shell(
            """
            set -e
            unset HTX_SEEDS HTX_DB
            cd /
            "\(prefix)/bin/htx" init --sample --db "\(cli.directory.path)/c.sqlite"
            "\(prefix)/bin/htx" coop list --db "\(cli.directory.path)/c.sqlite" --format csv | wc -l
            "\(prefix)/bin/htx" demo --out "\(cli.directory.path)/demo" > /dev/null
            bash -n "\(prefix)/share/bash-completion/completions/htx"
            """)
        #expect(run.code == 0, "\(run.stderr)")
        #expect(run.stderr.contains("50 HTX"))
        #expect(run.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "51")
        let demo = try FileManager.default.contentsOfDirectory(
            atPath: cli.directory.appendingPathComponent("demo").path)
        #expect(demo.contains { $0.hasSuffix(".pdf") }, "demo wrote its documents: \(demo)")
        for completion in [
            "share/bash-completion/completions/htx", "share/zsh/site-functions/_htx",
            "share/fish/vendor_completions.d/htx.fish",
        ] {
            let text = try String(contentsOfFile: prefix + "/" + completion, encoding: .utf8)
            #expect(text.contains("coop"), "\(completion) completes the subcommands")
        }
        let pages = try FileManager.default.contentsOfDirectory(atPath: prefix + "/share/man/man1")
        #expect(pages.contains("htx.1") && pages.contains("htx.coop.list.1") && pages.count > 30)
        let list = try String(contentsOfFile: prefix + "/share/man/man1/htx.coop.list.1", encoding: .utf8)
        #expect(list.contains("Liệt kê HTX theo thứ tự tên tiếng Việt.") && list.contains("Fl -unit"))
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/man") {
            let shown = try cli.shell(#"LC_ALL=C.UTF-8 man -l "\#(prefix)/share/man/man1/htx.coop.list.1" | cat"#)
            #expect(
                shown.stdout.contains("Liệt kê HTX") && shown.stdout.contains("--unit"), "\(shown.stdout.prefix(300))")
        }
    }
}
