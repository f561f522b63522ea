import ArgumentParser

/// `htx coop …`: list, show, add, edit, remove and trace cooperatives.
struct CoopCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coop",
        abstract: "Xem và sửa hồ sơ HTX trong danh mục.",
        discussion: """
            ID là mã nội bộ (#12) hoặc mã số thuế.

            Ví dụ / Examples:
              htx coop list --sector "nông nghiệp"
              htx coop show 12
              htx coop edit 12 --set members=1250 --by "Liên minh HTX TP"
            """,
        subcommands: [
            CoopListCommand.self, CoopShowCommand.self, CoopAddCommand.self, CoopEditCommand.self,
            CoopRemoveCommand.self, CoopHistoryCommand.self,
        ])
}
