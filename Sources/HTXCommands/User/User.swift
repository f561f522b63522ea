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
              htx user enable dong-anh
              htx user totp quantri
            """,
        subcommands: [
            UserAddCommand.self, UserListCommand.self, UserPasswdCommand.self, UserDisableCommand.self,
            UserEnableCommand.self, UserTOTPCommand.self,
        ])
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
        try catalog.console.listing(
            output.resolved, json: users, headers: headers,
            rows: users.map {
                [
                    $0.name, $0.role.rawValue, $0.district ?? "", $0.org ?? "",
                    $0.disabled ? (lang == .vi ? "đã khoá" : "disabled") : (lang == .vi ? "hoạt động" : "active"),
                    $0.createdAt,
                ]
            })
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
        let kit = try catalog.kit()
        try kit.setPassword(name, password: try password.read())
        catalog.console.note(Message("Đã đổi mật khẩu của \(name)", "Changed the password of \(name)"))
        if try kit.users().first(where: { VietnameseText.fold($0.name) == VietnameseText.fold(name) })?.disabled == true
        {
            catalog.console.note(
                Message(
                    "\(name) vẫn đang bị khoá: chưa đăng nhập được cho đến khi mở lại bằng htx user enable \(name)",
                    "\(name) is still disabled: it cannot sign in until enabled with htx user enable \(name)"))
        }
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

/// `htx user enable NAME`.
struct UserEnableCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enable", abstract: "Mở lại tài khoản đã khoá; mật khẩu giữ như trước khi khoá.",
        discussion: """
            Ví dụ / Examples:
              htx user enable dong-anh
              htx user passwd dong-anh     # nếu cần cả mật khẩu mới / a new password too
            """)

    @OptionGroup var catalog: CatalogOptions
    @Argument(help: "Tên đăng nhập / user name.") var name: String

    func run() throws {
        let account = try catalog.kit().enableUser(name)
        catalog.console.note(Message("Đã mở lại \(account.name)", "Enabled \(account.name)"))
    }
}

/// `htx user totp NAME [--off]`.
struct UserTOTPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "totp",
        abstract: "Xác thực hai lớp cho quản trị viên: in khoá cho ứng dụng xác thực; --off để bỏ.",
        discussion: """
            In ra khoá (base32) và địa chỉ otpauth:// để nhập vào ứng dụng xác thực (mã 6 số, 30 giây). Từ đó \
            đăng nhập trên web cần mã 6 số bên cạnh mật khẩu; các phiên đang mở kết thúc. Khoá được lưu trong \
            danh mục: giữ tệp danh mục và bản sao lưu ở nơi riêng tư.

            Ví dụ / Examples:
              htx user totp quantri
              htx user totp quantri --off
            """)

    @OptionGroup var catalog: CatalogOptions
    @Argument(help: "Tên đăng nhập / user name.") var name: String
    @Flag(help: "Bỏ xác thực hai lớp / remove the second factor.") var off = false

    func run() throws {
        let kit = try catalog.kit()
        if off {
            try kit.disableTOTP(name)
            catalog.console.note(Message("Đã bỏ xác thực hai lớp của \(name)", "Removed the second factor of \(name)"))
            return
        }
        try kit.enableTOTP(name) { enrolment in
            do {
                try catalog.console.out(enrolment.key + "\n" + enrolment.url)
            } catch let error as Console.OutputError {
                throw KitError.totpNotShown(name, reason: error.message)
            }
        }
        catalog.console.note(
            Message(
                "Nhập khoá trên vào ứng dụng xác thực; từ nay \(name) đăng nhập bằng mật khẩu và mã 6 số",
                "Enter the key above in an authenticator app; from now on \(name) signs in with the password and "
                    + "the 6-digit code"))
    }
}
