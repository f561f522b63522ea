import GRDB
import HTXCore

/// Errors the catalog reports to the user, each with a message that says what to do next.
public enum CatalogError: LocalizedMessageError, Equatable, Sendable {
    /// Why a file is not an htx catalog.
    public enum NotACatalog: Equatable, Sendable {
        case empty, notAFile, notSQLite
        case otherDatabase(tables: [String])
    }

    case notInitialized(path: String)
    case notFound(ref: String)
    case duplicateTaxCode(code: String, id: Int64, name: String)
    case invalid([Diagnostic])
    case busy
    case seedsNotFound(searched: [String])
    case seedInvalid(file: String, detail: String)
    /// The file at the catalog path is not an htx catalog; nothing was changed.
    case notACatalog(path: String, reason: NotACatalog)
    /// The catalog's schema has migrations this htx does not know: a newer htx made it.
    case newerSchema(path: String, madeBy: String?, migrations: [String])
    /// This process may not write the catalog file (or its folder, or its `-shm` file).
    case readOnly(path: String)
    /// The catalog needs its schema upgraded, which needs write access this process does not have.
    case upgradeNeedsWrite(path: String)
    /// The disk (or the file-size limit) is full.
    case diskFull(path: String?)
    /// Reading or writing the file failed (a full disk past SQLite's notice, a size limit, a failing disk).
    case inputOutput(path: String?, detail: String)
    /// Writing the file failed: a full disk, a quota or file-size limit, a failing disk.
    case writeFailed(path: String?)
    /// SQLite could not open the file.
    case cannotOpen(path: String?)
    /// SQLite found the file damaged.
    case damaged(path: String?, detail: String)
    /// Any other SQLite error.
    case database(path: String?, detail: String)

    /// Turns an SQLite error from below the gateway into a catalog error naming the file.
    public init(_ error: DatabaseError, path: String?) {
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED: self = .busy
        case .SQLITE_READONLY: self = .readOnly(path: path ?? ":memory:")
        case .SQLITE_FULL: self = .diskFull(path: path)
        case .SQLITE_CANTOPEN: self = .cannotOpen(path: path)
        case .SQLITE_NOTADB, .SQLITE_CORRUPT:
            self = .damaged(path: path, detail: error.message ?? "\(error.resultCode)")
        case .SQLITE_IOERR:
            // What SQLite says after a failed write is often "not an error" (the message of another call): say
            // what the code means instead.
            let writing = [.SQLITE_IOERR_WRITE, .SQLITE_IOERR_FSYNC, .SQLITE_IOERR_TRUNCATE].contains(
                error.extendedResultCode)
            let detail = error.message.flatMap { $0 == "not an error" ? nil : $0 } ?? "\(error.extendedResultCode)"
            self = writing ? .writeFailed(path: path) : .inputOutput(path: path, detail: detail)
        default: self = .database(path: path, detail: error.message ?? "\(error.resultCode)")
        }
    }

    /// Turns an SQLite error into a catalog error; nil for other errors.
    public static func translate(_ error: Error) -> CatalogError? {
        (error as? DatabaseError).map { CatalogError($0, path: nil) }
    }

    public var message: Message {
        switch self {
        case .notInitialized(let path):
            return Message(
                "chưa có danh mục ở \(path); chạy `htx init` (thêm --sample để có dữ liệu mẫu) hoặc chỉ --db/HTX_DB",
                "no catalog at \(path); run `htx init` (add --sample for sample data) or point --db/HTX_DB at one")
        case .notFound(let ref):
            return Message(
                "không tìm thấy HTX \"\(ref)\" (dùng mã nội bộ hoặc mã số thuế; `htx search` để tìm)",
                "no cooperative \"\(ref)\" (use the internal id or the tax code; `htx search` finds them)")
        case .duplicateTaxCode(let code, let id, let name):
            return Message(
                "mã số thuế \(code) đã thuộc về #\(id) \(name); sửa bản ghi đó bằng `htx coop edit \(id)`",
                "tax code \(code) already belongs to #\(id) \(name); change that record with `htx coop edit \(id)`")
        case .invalid(let findings):
            let errors = findings.filter { $0.severity == .error }
            func join(_ lang: Lang) -> String {
                errors.map { ($0.field.map { "\($0): " } ?? "") + $0.message.text(lang) }.joined(separator: "; ")
            }
            return Message(join(.vi), join(.en))
        case .busy:
            return Message(
                "danh mục đang bận: một tiến trình khác đang ghi; thử lại sau giây lát",
                "the catalog is busy: another process is writing; try again in a moment")
        case .seedsNotFound(let searched):
            return Message(
                "không tìm thấy thư mục Seeds/ (đã tìm: \(searched.joined(separator: ", "))); đặt "
                    + "HTX_SEEDS=đường/dẫn/Seeds",
                "Seeds/ folder not found (looked in: \(searched.joined(separator: ", "))); set HTX_SEEDS=path/to/Seeds")
        case .seedInvalid(let file, let detail):
            return Message("tệp mẫu \(file) hỏng: \(detail)", "seed file \(file) is damaged: \(detail)")
        case .notACatalog(let path, let reason):
            let what: Message
            switch reason {
            case .empty: what = Message("là tệp rỗng (0 byte)", "is an empty file (0 bytes)")
            case .notAFile: what = Message("không phải một tệp (là thư mục?)", "is not a file (a folder?)")
            case .notSQLite: what = Message("không phải tệp SQLite", "is not an SQLite file")
            case .otherDatabase(let tables):
                let shown = tables.prefix(5).joined(separator: ", ") + (tables.count > 5 ? ", …" : "")
                what = Message(
                    "là cơ sở dữ liệu SQLite của ứng dụng khác (bảng: \(tables.isEmpty ? "không có" : shown))",
                    "is another application's SQLite database (tables: \(tables.isEmpty ? "none" : shown))")
            }
            return Message(
                "\(path) \(what.vi), không phải danh mục htx; tệp được giữ nguyên. Chỉ đúng danh mục bằng --db/HTX_DB, "
                    + "hoặc tạo danh mục mới ở chỗ khác: htx init --db TỆP-MỚI.sqlite",
                "\(path) \(what.en), not an htx catalog; it was left untouched. Point --db/HTX_DB at the catalog, "
                    + "or create a new one elsewhere: htx init --db NEW-FILE.sqlite")
        case .newerSchema(let path, let madeBy, let migrations):
            let list = migrations.joined(separator: ", ")
            let recorded = madeBy.map { Message(" (tệp ghi là \($0))", " (the file says \($0))") } ?? Message("", "")
            return Message(
                "\(path) có lược đồ mới hơn htx \(Catalog.softwareVersion) này biết (\(list))\(recorded.vi): chỉ đọc "
                    + "được, không ghi; "
                    + "dùng bản htx mới hơn để sửa đổi",
                "\(path) has a schema newer than this htx \(Catalog.softwareVersion) knows (\(list))\(recorded.en): "
                    + "it can be read "
                    + "but not written; use the newer htx to change it")
        case .readOnly(let path):
            return Message(
                "không được ghi vào danh mục \(path) (tệp, tệp -shm hoặc thư mục chứa nó chỉ cho đọc); "
                    + "kiểm tra quyền (ls -l) hoặc chép danh mục sang chỗ ghi được",
                "the catalog \(path) cannot be written (the file, its -shm file or its folder is read-only); "
                    + "check the permissions (ls -l) or copy the catalog somewhere writable")
        case .upgradeNeedsWrite(let path):
            return Message(
                "danh mục \(path) do htx cũ hơn tạo và cần nâng cấp lược đồ, nhưng không ghi được vào nó; "
                    + "chép danh mục sang chỗ ghi được rồi chạy lại",
                "the catalog \(path) comes from an older htx and needs its schema upgraded, but it cannot be "
                    + "written; copy it somewhere writable and run again")
        case .diskFull(let path):
            return Message(
                "không ghi được\(path.map { " \($0)" } ?? ""): đĩa đã đầy; giải phóng chỗ trống rồi chạy lại (danh "
                    + "mục giữ nguyên)",
                "cannot write\(path.map { " \($0)" } ?? ""): the disk is full; free some space and run again "
                    + "(the catalog is unchanged)")
        case .inputOutput(let path, let detail):
            return Message(
                "lỗi đọc/ghi tệp\(path.map { " \($0)" } ?? "") (\(detail)); kiểm tra chỗ trống và ổ đĩa rồi chạy lại",
                "reading or writing\(path.map { " \($0)" } ?? "") failed (\(detail)); check the free space and "
                    + "the disk, then run again")
        case .writeFailed(let path):
            return Message(
                "không ghi được\(path.map { " \($0)" } ?? ""): đĩa đầy, hết hạn mức hoặc lỗi ổ đĩa; giải phóng chỗ "
                    + "trống rồi chạy lại "
                    + "(danh mục giữ nguyên)",
                "cannot write\(path.map { " \($0)" } ?? ""): the disk is full, a quota or size limit is reached, or "
                    + "the "
                    + "disk failed; free some space and run again (the catalog is unchanged)")
        case .cannotOpen(let path):
            return Message(
                "không mở được danh mục\(path.map { " \($0)" } ?? ""); kiểm tra đường dẫn và quyền của thư mục",
                "cannot open the catalog\(path.map { " \($0)" } ?? ""); check the path and the folder's permissions")
        case .damaged(let path, let detail):
            return Message(
                "danh mục\(path.map { " \($0)" } ?? "") bị hỏng (\(detail)); chạy `htx doctor` để kiểm tra, "
                    + "rồi khôi phục từ bản sao lưu nếu cần",
                "the catalog\(path.map { " \($0)" } ?? "") is damaged (\(detail)); run `htx doctor` to check it, "
                    + "then restore a backup if needed")
        case .database(let path, let detail):
            return Message(
                "lỗi cơ sở dữ liệu\(path.map { " (\($0))" } ?? ""): \(detail)",
                "database error\(path.map { " (\($0))" } ?? ""): \(detail)")
        }
    }
}
