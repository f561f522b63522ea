import ArgumentParser
import Foundation
import HTXCatalog
import HTXCore
import HTXKit
import HTXMessages

/// `htx import FILE…`: reads district and department files (CSV/TSV in any of the usual encodings, XLSX, JSON)
/// into the catalog, each file whole or not at all.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Nhập danh sách HTX từ CSV/TSV, XLSX hoặc JSON; mỗi tệp nhập trọn vẹn hoặc không nhập gì.",
        discussion: """
            Cột được nhận theo tên đã bỏ dấu ("Tên HTX", "TEN HOP TAC XA", "MST", "Quận/Huyện", "Doanh thu 2021 \
            (triệu đồng)" …). \
            Có lỗi ở bất kỳ dòng nào thì không ghi gì và liệt kê mọi lỗi theo dòng, cột. \
            Trùng mã số thuế (hoặc tên + quận/huyện) thì theo --on-conflict.

            Mỗi tệp đến 256 MB và 500.000 dòng; tệp lớn hơn bị từ chối ngay, hãy chia nhỏ. \
            Khi người khác đang ghi, lệnh chờ 5 giây ($HTX_BUSY_TIMEOUT) rồi báo danh mục đang bận.

            Ví dụ / Examples:
              htx import danh-sach-dong-anh.csv --dry-run
              htx import bao-cao.xlsx --sheet "Danh sách" --by "Phòng KT Đông Anh"
              htx import cu.csv --encoding tcvn3 --on-conflict skip
              htx import so-lieu.csv --map cot.txt   # dòng dạng: Tên cột lạ = revenue 2021
            """)

    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var originOptions: OriginOptions

    @Argument(help: "Tệp .csv .tsv .txt .xlsx .json / files.") var files: [String]
    @Flag(name: .customLong("dry-run"), help: "Chỉ kiểm tra, không ghi / check only, write nothing.") var dryRun = false
    @Option(help: "auto, utf-8, utf-16, windows-1258, tcvn3.") var encoding = "auto"
    @Option(help: "Tên trang tính (XLSX) / worksheet name.") var sheet: String?
    @Option(name: .customLong("on-conflict"), help: "update, skip, fail.") var onConflict = "update"
    @Option(help: ArgumentHelp("Tệp ánh xạ cột / column map file.", valueName: "FILE")) var map: String?
    @Option(help: "Định dạng báo cáo / report format: table, json.") var format: OutputFormat?
    @Flag(
        name: .customLong("repair-text"),
        help: "Đọc lại ô là chữ UTF-8 bị đọc nhầm (\"TÃªn\" → \"Tên\"), có cảnh báo / read back mis-decoded text.")
    var repairText = false

    func validate() throws {
        guard ConflictPolicy(rawValue: onConflict) != nil else {
            throw ValidationError("--on-conflict: update, skip hoặc fail")
        }
        do { _ = try TextEncoding.option(encoding) } catch {
            throw ValidationError(error.message.text(catalog.console.lang))
        }
    }

    func run() throws {
        let console = catalog.console
        let kit = try catalog.kit()
        var request = ImportRequest(files: [], origin: originOptions.origin("import"))
        request.dryRun = dryRun
        request.onConflict = ConflictPolicy(rawValue: onConflict) ?? .update
        request.encoding = encoding
        request.sheet = sheet
        request.repairText = repairText
        if let map { request.headerMap = (map, try InputFile.text(map)) }
        if isatty(STDERR_FILENO) == 1 {
            request.progress = { rows in Console.writeError("\r  … \(VietnameseNumber.format(Double(rows))) dòng") }
        }
        // All the files together or none of them: each is checked before any is written.
        request.files = files
        let (reports, written) = try kit.importTogether(request)
        if request.progress != nil { Console.writeError("\r") }
        for (file, report) in zip(files, reports) {
            for problem in report.errors + report.warnings {
                let prefix =
                    problem.severity == .error
                    ? (console.lang == .vi ? "Lỗi: " : "Error: ") : (console.lang == .vi ? "Cảnh báo: " : "Warning: ")
                Console.writeError(prefix + ErrorMessages.importProblem(problem, console.lang) + "\n")
            }
            let how = report.encoding.map { " [\($0)]" } ?? ""
            if report.errors.isEmpty {
                let verb =
                    report.committed
                    ? Message("Đã nhập", "Imported") : Message("Thử (không ghi)", "Dry run (nothing written)")
                console.note(
                    Message(
                        "\(verb.vi) \(file)\(how): \(report.rows) dòng — thêm \(report.added), cập nhật "
                            + "\(report.updated), không đổi \(report.unchanged), bỏ qua \(report.skipped), "
                            + "\(report.warnings.count) cảnh báo",
                        "\(verb.en) \(file)\(how): \(report.rows) rows — \(report.added) added, \(report.updated) "
                            + "updated, \(report.unchanged) unchanged, \(report.skipped) skipped, "
                            + "\(report.warnings.count) warnings"
                    ))
            } else {
                console.note(
                    Message(
                        "Không nhập \(file)\(how): \(report.errors.count) lỗi ở "
                            + "\(Set(report.errors.compactMap(\.row)).count) dòng. Sửa tệp rồi chạy lại (--dry-run để "
                            + "kiểm tra).",
                        "Did not import \(file)\(how): \(report.errors.count) errors on "
                            + "\(Set(report.errors.compactMap(\.row)).count) rows. Fix the file and run again "
                            + "(--dry-run to check)."
                    ))
            }
        }
        if reports.contains(where: { !$0.errors.isEmpty }) {
            let done = zip(files, reports).filter { $0.1.committed }.map(\.0).joined(separator: ", ")
            console.note(
                !written || done.isEmpty
                    ? Message(
                        "Không nhập tệp nào; danh mục giữ nguyên (các tệp được nhập cùng nhau hoặc không tệp nào).",
                        "No file was imported; the catalog is unchanged (the files go in together or not at all).")
                    : Message(
                        "Đã nhập \(done) trước khi gặp lỗi (một tiến trình khác đã ghi vào danh mục giữa lúc kiểm tra "
                            + "và lúc ghi).",
                        "Imported \(done) before the error (another process wrote to the catalog between the check "
                            + "and the writes)."))
        }
        if (format ?? .table) == .json { try console.out(try Render.json(reports)) }
        if reports.contains(where: { !$0.errors.isEmpty }) { throw ExitCode(1) }
    }
}
