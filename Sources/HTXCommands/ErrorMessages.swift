import Foundation
import HTXCatalog
import HTXCore

/// The words the command line shows for every error a library throws: one place, so that each refusal reads the
/// same wherever it comes from, and names the flag that gets past it.
enum ErrorMessages {
    /// The message for `error`, or nil when it is ArgumentParser's own (usage, help, version).
    static func message(for error: Error) -> Message? {
        switch error {
        case let error as LocalizedMessageError:
            return error.message
        case let refusal as OutputTarget.Refusal:
            return refusalMessage(refusal)
        case let error as DecodingError:
            return DecodingProblem(error).message
        case let error as CocoaError:
            let path =
                (error.userInfo[NSFilePathErrorKey] as? String) ?? error.userInfo[NSURLErrorKey].map { "\($0)" } ?? "?"
            let code = (error.userInfo[NSUnderlyingErrorKey] as? NSError)?.code ?? Int(EIO)
            return FileError(error.isReadError ? .read : .write, path, code: Int32(code)).message
        default:
            return CatalogError.translate(error)?.message
        }
    }

    /// A destination refused: the catalog itself, a file or folder already there.
    static func refusalMessage(_ refusal: OutputTarget.Refusal) -> Message {
        switch refusal {
        case .isCatalog(let path, let catalog):
            return Message(
                "\(path) là danh mục đang dùng (\(catalog)) hoặc tệp đi kèm của nó; không ghi đè được. Chọn tên tệp khác",
                "\(path) is the catalog in use (\(catalog)) or one of its companion files; it is never written "
                    + "over. Choose another file name")
        case .exists(let path):
            return Message(
                "\(path) đã có; thêm --force để ghi đè, hoặc chọn tên khác",
                "\(path) already exists; add --force to replace it, or choose another name")
        case .wrongKind(let path, let isFolder):
            return isFolder
                ? Message(
                    "\(path) là một thư mục; ghi rõ tên tệp (ví dụ \(path)/tai-lieu.pdf)",
                    "\(path) is a folder; give a file name (for example \(path)/packet.pdf)")
                : Message(
                    "\(path) là một tệp, không phải thư mục; chọn tên thư mục khác",
                    "\(path) is a file, not a folder; choose another folder name")
        case .folderNotEmpty(let path, let files):
            return Message(
                "thư mục \(path) đã có \(files) tệp; thêm --force để ghi vào đó (tệp cùng tên bị thay, tệp khác giữ nguyên), "
                    + "hoặc chọn thư mục mới",
                "the folder \(path) already holds \(files) files; add --force to write into it (files of the same "
                    + "names are replaced, others kept), or choose a new folder")
        }
    }
}

extension CocoaError {
    /// Whether the failed operation was a read.
    var isReadError: Bool {
        [
            .fileReadNoSuchFile, .fileReadNoPermission, .fileReadCorruptFile, .fileReadUnknown, .fileReadTooLarge,
            .fileReadInvalidFileName, .fileReadUnsupportedScheme, .fileReadInapplicableStringEncoding,
        ].contains(code)
    }
}
