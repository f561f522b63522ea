import HTXCatalog
import HTXCore

extension ErrorMessages {
    /// The words for a file that cannot be imported, with the flag that gets past it.
    static func importMessage(_ error: ImportError) -> Message {
        switch error {
        case .almostUTF8(let file, let invalid, let row):
            return Message(
                "\(file): tệp là UTF-8 nhưng có \(invalid) byte sai (đầu tiên ở dòng \(row)); lưu lại tệp thành "
                    + "UTF-8 rồi nhập lại, hoặc nếu tệp đúng là mã cũ thì chỉ rõ --encoding windows-1258 hoặc tcvn3",
                "\(file): the file is UTF-8 but for \(invalid) bad bytes (the first on row \(row)); save it as UTF-8 "
                    + "and import it again, or if it really is a legacy encoding give --encoding windows-1258 or tcvn3")
        case .invalidUTF8(let file):
            return Message(
                "\(file): không phải UTF-8 hợp lệ; thử --encoding windows-1258 hoặc tcvn3",
                "\(file): not valid UTF-8; try --encoding windows-1258 or tcvn3")
        case .duplicateColumns(let file, let first, let firstHeader, let second, let secondHeader):
            return Message(
                "\(file): cột \"\(firstHeader)\" (cột \(first)) và \"\(secondHeader)\" (cột \(second)) cùng là một "
                    + "trường; giữ lại một cột, hoặc đổi ánh xạ --map",
                "\(file): columns \"\(firstHeader)\" (column \(first)) and \"\(secondHeader)\" (column \(second)) are "
                    + "the same field; keep one of them, or change the --map")
        }
    }

    /// One import problem as the command line says it: its place and words, then the flag that gets past it.
    public static func importProblem(_ problem: ImportProblem, _ lang: Lang) -> String {
        let text = problem.text(lang)
        switch problem.hint {
        case nil: return text
        case .mapColumns: return text + Message("; dùng --map để chỉ định", "; use --map to assign them").text(lang)
        case .chooseConflictPolicy:
            return text
                + Message(
                    "; dùng --on-conflict update hoặc "
                        + "skip", "; use --on-conflict update or skip"
                ).text(lang)
        }
    }
}
