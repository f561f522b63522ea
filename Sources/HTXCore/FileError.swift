import Foundation

/// A file the operating system would not read, write, create or rename, with the path and the reason in words.
public struct FileError: LocalizedMessageError, Equatable {
    /// What htx was doing with the file.
    public enum Operation: Sendable, Equatable {
        case read, write, create, rename, createFolder
    }

    public var path: String
    public var operation: Operation
    /// The `errno` the system gave.
    public var code: Int32

    public init(_ operation: Operation, _ path: String, code: Int32 = errno) {
        self.operation = operation
        self.path = path
        self.code = code
    }

    public var message: Message {
        let verb: Message
        switch operation {
        case .read: verb = Message("không đọc được", "cannot read")
        case .write: verb = Message("không ghi được", "cannot write")
        case .create: verb = Message("không tạo được", "cannot create")
        case .rename: verb = Message("không đặt được tên", "cannot move into place")
        case .createFolder: verb = Message("không tạo được thư mục", "cannot create the folder")
        }
        let reason = FileError.reason(code, reading: operation == .read)
        return Message("\(verb.vi) \(path): \(reason.vi)", "\(verb.en) \(path): \(reason.en)")
    }

    /// The reason for an `errno` and what to do about it, in both languages.
    public static func reason(_ code: Int32, reading: Bool) -> Message {
        switch code {
        case ENOENT:
            return reading
                ? Message("không có tệp này; kiểm tra đường dẫn", "there is no such file; check the path")
                : Message(
                    "thư mục chứa nó không có; tạo thư mục trước", "its folder does not exist; create the folder first")
        case EACCES, EPERM:
            return Message(
                "không có quyền; kiểm tra quyền của tệp và thư mục (ls -l) hoặc chọn nơi khác",
                "permission denied; check the file's and folder's permissions (ls -l) or choose another place")
        case ENOSPC, EDQUOT:
            return Message(
                "đĩa đã đầy; giải phóng chỗ trống hoặc chọn ổ khác",
                "the disk is full; free some space or choose another disk")
        case EFBIG:
            return Message(
                "tệp vượt giới hạn kích thước cho phép; giải phóng hạn mức hoặc chọn nơi khác",
                "the file exceeds the size allowed here; raise the limit or choose another place")
        case EROFS:
            return Message(
                "ổ đĩa chỉ cho đọc; chọn nơi khác để ghi", "the disk is read-only; choose another place to write")
        case EISDIR:
            return Message(
                "đây là một thư mục, không phải tệp; ghi rõ tên tệp", "it is a folder, not a file; give a file name")
        case ENOTDIR:
            return Message(
                "một phần của đường dẫn không phải thư mục; kiểm tra đường dẫn",
                "part of the path is not a folder; check the path")
        case ENAMETOOLONG:
            return Message("tên quá dài; chọn tên ngắn hơn", "the name is too long; choose a shorter one")
        case EEXIST:
            return Message("đã có tệp trùng tên", "a file of that name already exists")
        case EIO:
            return Message(
                "lỗi đọc/ghi của ổ đĩa; kiểm tra ổ đĩa rồi thử lại",
                "the disk reported an input/output error; check it and try again")
        case EMFILE, ENFILE:
            return Message(
                "quá nhiều tệp đang mở; đóng bớt chương trình rồi thử lại",
                "too many open files; close some programs and try again")
        default:
            let text = String(cString: strerror(code))
            return Message("lỗi hệ thống (\(text))", "system error (\(text))")
        }
    }
}
