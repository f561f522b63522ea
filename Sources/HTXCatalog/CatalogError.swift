import GRDB
import HTXCore

/// Errors the catalog reports to the user, each with a message that says what to do next.
public enum CatalogError: LocalizedMessageError, Equatable {
    case notInitialized(path: String)
    case notFound(ref: String)
    case duplicateTaxCode(code: String, id: Int64, name: String)
    case invalid([Diagnostic])
    case busy
    case seedsNotFound(searched: [String])
    case seedInvalid(file: String, detail: String)
    case database(String)

    /// Turns an SQLite error from below the gateway into a catalog error ("busy" for a locked catalog); nil for other errors.
    public static func translate(_ error: Error) -> CatalogError? {
        guard let error = error as? DatabaseError else { return nil }
        if error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED { return .busy }
        return .database(error.message ?? error.description)
    }

    public var message: Message {
        switch self {
        case .notInitialized(let path):
            return Message("chưa có danh mục ở \(path); chạy `htx init` (thêm --sample để có dữ liệu mẫu) hoặc chỉ --db/HTX_DB",
                           "no catalog at \(path); run `htx init` (add --sample for sample data) or point --db/HTX_DB at one")
        case .notFound(let ref):
            return Message("không tìm thấy HTX \"\(ref)\" (dùng mã nội bộ hoặc mã số thuế; `htx search` để tìm)",
                           "no cooperative \"\(ref)\" (use the internal id or the tax code; `htx search` finds them)")
        case .duplicateTaxCode(let code, let id, let name):
            return Message("mã số thuế \(code) đã thuộc về #\(id) \(name); sửa bản ghi đó bằng `htx coop edit \(id)`",
                           "tax code \(code) already belongs to #\(id) \(name); change that record with `htx coop edit \(id)`")
        case .invalid(let findings):
            let errors = findings.filter { $0.severity == .error }
            func join(_ lang: Lang) -> String {
                errors.map { ($0.field.map { "\($0): " } ?? "") + $0.message.text(lang) }.joined(separator: "; ")
            }
            return Message(join(.vi), join(.en))
        case .busy:
            return Message("danh mục đang bận: một tiến trình khác đang ghi; thử lại sau giây lát",
                           "the catalog is busy: another process is writing; try again in a moment")
        case .seedsNotFound(let searched):
            return Message("không tìm thấy thư mục Seeds/ (đã tìm: \(searched.joined(separator: ", "))); đặt HTX_SEEDS=đường/dẫn/Seeds",
                           "Seeds/ folder not found (looked in: \(searched.joined(separator: ", "))); set HTX_SEEDS=path/to/Seeds")
        case .database(let detail):
            return Message("cơ sở dữ liệu: \(detail); chạy `htx doctor` để kiểm tra", "database: \(detail); run `htx doctor` to check it")
        case .seedInvalid(let file, let detail):
            return Message("tệp mẫu \(file) hỏng: \(detail)", "seed file \(file) is damaged: \(detail)")
        }
    }
}
