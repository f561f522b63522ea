import ArgumentParser
import Foundation
import HTXCatalog
import HTXCore
import HTXKit

/// `htx export FILE [--public]`: the whole catalog as CSV, XLSX or JSON, by the file's extension.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Xuất danh mục ra .csv (UTF-8 có BOM cho Excel), .xlsx hoặc .json; htx import đọc lại được.",
        discussion: """
            Không ghi đè tệp đã có (thêm --force để ghi đè) và không bao giờ ghi lên chính danh mục. \
            --public bỏ thông tin liên hệ cá nhân (họ tên, điện thoại, email). Ô bắt đầu bằng = + - @ \
            được thêm dấu ' để Excel không chạy như công thức. Tệp tạo với quyền 0600.

            Ví dụ / Examples:
              htx export Exports/danh-muc.xlsx
              htx export Exports/danh-muc-cong-khai.csv --public
              htx export Exports/sao-luu.json
            """)

    @OptionGroup var catalog: CatalogOptions

    @Argument(help: "Tệp đích .csv, .xlsx hoặc .json / destination file.") var file: String
    @Flag(name: .customLong("public"), help: "Bỏ liên hệ cá nhân / leave out personal contacts.") var publicOnly = false
    @Flag(help: "Ghi đè tệp đã có (không bao giờ ghi đè danh mục) / replace an existing file (never the catalog).")
    var force = false

    func run() throws {
        try OutputTarget(protecting: [catalog.path], overwrite: force).checkFile(file)
        guard let format = ExportFormat(fileName: file) else {
            throw KitError.unknownFormat(extension: PathName.fileExtension(file), allowed: ["csv", "xlsx", "json"])
        }
        let export = try catalog.readingKit().export(format, publicOnly: publicOnly)
        try PrivateFile.write(export.data, to: file)
        catalog.console.note(
            Message(
                "Đã xuất \(export.count) HTX vào "
                    + "\(file)\(publicOnly ? " (bản công khai, không có liên hệ cá nhân)" : "")",
                "Exported \(export.count) cooperatives to "
                    + "\(file)\(publicOnly ? " (public copy, no personal contacts)" : "")"
            ))
    }
}
