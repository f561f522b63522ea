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
        case .unreadableUnit(let file, let column, let header, let field):
            return Message(
                "\(file), cột \(column) \"\(header)\": không đọc được đơn vị tiền của tiêu đề; htx chỉ nhận đồng "
                    + "Việt Nam (đồng, nghìn đồng, triệu đồng, tỷ đồng; viết tắt đ, VNĐ, tr.đ) và số liệu theo năm. "
                    + "Đổi số liệu sang một đơn vị đó rồi ghi đơn vị vào tiêu đề, ví dụ \"(triệu đồng)\"; nếu số liệu "
                    + "đã theo năm và bằng đồng mà tiêu đề ghi khác, ghi đơn vị trong tệp ánh xạ --map: "
                    + "\"\(header) = \(field) (triệu đồng)\"",
                "\(file), column \(column) \"\(header)\": cannot read the header's unit of money; htx takes "
                    + "Vietnamese đồng only (đồng, nghìn đồng, triệu đồng, tỷ đồng; đ, VNĐ, tr.đ for short) and yearly "
                    + "figures. Convert the figures to one of those units and write it in the header, such as "
                    + "\"(triệu đồng)\"; if they are yearly đồng and only the header says otherwise, give the unit "
                    + "in the --map file: \"\(header) = \(field) (triệu đồng)\"")
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
