import Foundation
import HTXCore

/// The largest input one `htx import` takes: past these bounds it stops before doing the work and says to split
/// the file.
///
/// Hanoi has about 1,500 cooperatives and the whole country about 30,000, so a file past these bounds is a mistake
/// (a wrong file, a runaway export). Stopping at once keeps memory bounded instead of ending in an out-of-memory kill
/// minutes later.
public enum ImportLimits {
    /// The largest file, in bytes: 256 MiB (100,000 generated rows take 33 MB).
    public static let fileBytes = 256 << 20
    /// The most data rows in one file.
    public static let rows = 500_000
    /// The largest part of an XLSX workbook once unzipped (a sheet, its shared strings), in bytes: a guard against
    /// ZIP bombs as much as against huge sheets.
    public static let xlsxPartBytes = 256 << 20

    /// The error for a file larger than `fileBytes`.
    static func fileTooLarge(_ file: String, bytes: Int) -> UserError {
        UserError(
            "\(file): tệp quá lớn (\(bytes.formattedBytes)); htx nhận tệp đến \(fileBytes.formattedBytes): chia thành "
                + "nhiều tệp (ví dụ mỗi quận/huyện một tệp) rồi nhập lần lượt",
            "\(file): the file is too large (\(bytes.formattedBytes)); htx takes files up to "
                + "\(fileBytes.formattedBytes): split it (one file per district, say) and import them in turn"
        )
    }

    /// The error for a table with more than `rows` data rows.
    static func tooManyRows(_ file: String, rows count: Int) -> UserError {
        UserError(
            "\(file): có khoảng \(VietnameseNumber.format(Double(count))) dòng, quá "
                + "\(VietnameseNumber.format(Double(rows))) dòng một lần nhập; chia thành nhiều tệp rồi nhập lần lượt",
            "\(file): about \(count) rows, more than the \(rows) one import takes; split the file and import the "
                + "parts in turn"
        )
    }
}
