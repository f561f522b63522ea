import ArgumentParser
import Foundation
import HTXCore
import HTXKit

/// `htx user …`: the accounts of the office web application (SPEC §10). There is no default account: the first
/// administrator is made here.
struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Tài khoản của ứng dụng web: thêm, liệt kê, đổi mật khẩu, khoá.",
        discussion: """
            Mật khẩu từ 12 đến 128 ký tự, không bắt buộc chữ hoa hay ký hiệu; mật khẩu phổ biến bị từ chối. Mật khẩu \
            chỉ được lưu dạng băm (bcrypt), không bao giờ in ra.

            Ví dụ / Examples:
              htx user add quantri --role admin --org "Liên minh HTX Hà Nội"
              printf '%s\\n' "$MAT_KHAU" | htx user add dong-anh --role district --district "Đông Anh" --password-stdin
              htx user list
              htx user passwd dong-anh
              htx user disable dong-anh
            """,
        subcommands: [UserAddCommand.self, UserListCommand.self, UserPasswdCommand.self, UserDisableCommand.self])
}

/// Where a password comes from: one line of stdin, or typed twice at the terminal without echo.
struct PasswordOptions: ParsableArguments {
    @Flag(
        name: .customLong("password-stdin"),
        help: "Đọc mật khẩu từ dòng đầu của stdin / read the password from the first line of stdin.")
    var fromStdin = false

    func read() throws -> String {
        if fromStdin {
            let data = FileHandle.standardInput.readDataToEndOfFile()
            guard let text = String(data: data, encoding: .utf8) else {
                throw UserError("mật khẩu ở stdin không phải UTF-8", "the password on stdin is not UTF-8")
            }
            return text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first.map {
                String($0.hasSuffix("\r") ? $0.dropLast() : $0)
            } ?? ""
        }
        guard isatty(STDIN_FILENO) == 1 else {
            throw UserError(
                "không có màn hình để gõ mật khẩu; dùng --password-stdin",
                "no terminal to type the password; use "
                    + "--password-stdin")
        }
        let first = PasswordOptions.prompt("Mật khẩu / password: ")
        let second = PasswordOptions.prompt("Gõ lại / again: ")
        guard first == second else {
            throw UserError("hai lần gõ không khớp; chưa đổi gì", "the two entries differ; nothing was changed")
        }
        return first
    }

    /// Reads a line from the terminal without echoing it.
    static func prompt(_ text: String) -> String {
        guard let line = getpass(text) else { return "" }
        return String(cString: line)
    }
}

/// `htx user add NAME --role R [--district D] [--org ORG] [--password-stdin]`.
struct UserAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Thêm một tài khoản.",
        discussion: """
            Ví dụ / Examples:
              htx user add quantri --role admin
              htx user add dong-anh --role district --district "Đông Anh" --org "Phòng Kinh tế Đông Anh"
            """)

    @OptionGroup var catalog: CatalogOptions
    @Argument(help: "Tên đăng nhập / user name.") var name: String
    @Option(help: "Vai trò / role.") var role: Role
    @Option(help: "Quận/huyện của vai trò district / the district officer's district.") var district: String?
    @Option(help: "Tổ chức, ghi vào lịch sử / organisation, recorded in history.") var org: String?
    @OptionGroup var password: PasswordOptions

    func run() throws {
        let kit = try catalog.kit()
        let account = try kit.addUser(
            UserRequest(name: name, role: role, district: district, org: org, password: try password.read()))
        catalog.console.note(
            Message(
                "Đã thêm \(account.name) (\(account.role.label.vi))", "Added \(account.name) (\(account.role.label.en))"
            ))
    }
}

extension Role: ExpressibleByArgument {}

/// `htx user list`.
struct UserListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "Các tài khoản.",
        discussion: """
            Ví dụ / Examples:
              htx user list
              htx user list --format json
            """)

    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var output: FormatOptions

    func run() throws {
        let users = try catalog.readingKit().users()
        let lang = catalog.console.lang
        let headers =
            lang == .vi
            ? ["Tên", "Vai trò", "Quận/huyện", "Tổ chức", "Trạng thái", "Tạo lúc"]
            : ["Name", "Role", "District", "Organisation", "Status", "Created"]
        try catalog.console.out(
            try Render.listing(
                output.resolved, json: users, headers: headers,
                rows: users.map {
                    [
                        $0.name, $0.role.rawValue, $0.district ?? "", $0.org ?? "",
                        $0.disabled ? (lang == .vi ? "đã khoá" : "disabled") : (lang == .vi ? "hoạt động" : "active"),
                        $0.createdAt,
                    ]
                }))
    }
}

/// `htx user passwd NAME [--password-stdin]`.
struct UserPasswdCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "passwd", abstract: "Đặt mật khẩu mới; các phiên đăng nhập của người đó kết thúc.",
        discussion: """
            Ví dụ / Examples:
              htx user passwd dong-anh
              printf '%s\\n' "$MAT_KHAU_MOI" | htx user passwd dong-anh --password-stdin
            """)

    @OptionGroup var catalog: CatalogOptions
    @Argument(help: "Tên đăng nhập / user name.") var name: String
    @OptionGroup var password: PasswordOptions

    func run() throws {
        try catalog.kit().setPassword(name, password: try password.read())
        catalog.console.note(Message("Đã đổi mật khẩu của \(name)", "Changed the password of \(name)"))
    }
}

/// `htx user disable NAME`.
struct UserDisableCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "disable", abstract: "Khoá tài khoản; các phiên đăng nhập kết thúc ngay, lịch sử vẫn giữ.",
        discussion: """
            Ví dụ / Examples:
              htx user disable dong-anh
            """)

    @OptionGroup var catalog: CatalogOptions
    @Argument(help: "Tên đăng nhập / user name.") var name: String

    func run() throws {
        try catalog.kit().disableUser(name)
        catalog.console.note(Message("Đã khoá \(name)", "Disabled \(name)"))
    }
}
