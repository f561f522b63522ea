import Foundation
import HTXCatalog
import HTXCore
import HTXItinerary
import HTXKit
import HTXShortlist

/// The words for every error a library throws, in Vietnamese and English: one place, so that each refusal reads the
/// same wherever it comes from, and the libraries hold no sentence a person reads. They name the command line's
/// flags; the web layer will map the same errors to its form fields here.
public enum ErrorMessages {
    /// The message for `error`, or nil when it is ArgumentParser's own (usage, help, version).
    public static func message(for error: Error) -> Message? {
        switch error {
        case let error as CatalogError:
            return catalogMessage(error)
        case let error as ShortlistError:
            return shortlistMessage(error)
        case let error as ImportError:
            return importMessage(error)
        case let error as ItineraryError:
            return itineraryMessage(error)
        case let error as LocalizedMessageError:
            return error.message
        case let refusal as OutputTarget.Refusal:
            return refusalMessage(refusal)
        case let error as KitError:
            return kitMessage(error)
        case let error as DecodingError:
            return DecodingProblem(error).message
        case let error as CocoaError:
            let path =
                (error.userInfo[NSFilePathErrorKey] as? String) ?? error.userInfo[NSURLErrorKey].map { "\($0)" } ?? "?"
            let code = (error.userInfo[NSUnderlyingErrorKey] as? NSError)?.code ?? Int(EIO)
            return FileError(error.isReadError ? .read : .write, path, code: Int32(code)).message
        default:
            return CatalogError.translate(error).map(catalogMessage)
        }
    }

    /// A use case's refusal, with the flags of the command line to change.
    static func kitMessage(_ error: KitError) -> Message {
        switch error {
        case .badText(let field, let scalar):
            let names: [KitError.TextField: (String, String)] = [
                .shortlistName: ("tên danh sách", "the shortlist name"),
                .itineraryName: ("tên lịch trình", "the itinerary name"),
                .note: ("--note", "--note"), .origin: ("--by", "--by"),
            ]
            let (vi, en) = names[field] ?? (field.rawValue, field.rawValue)
            guard let scalar else { return Message("\(vi) không được để trống", "\(en) cannot be empty") }
            let code = "U+" + String(scalar, radix: 16, uppercase: true)
            return Message(
                "\(vi) có ký tự điều khiển vô hình \(code); xoá ký tự đó rồi chạy lại",
                "\(en) contains the invisible control character \(code); remove it and run again")
        case .unknownSector(let text):
            let codes = Sector.allCases.map(\.rawValue).joined(separator: ", ")
            return Message("lĩnh vực \"\(text)\" không rõ; dùng: \(codes)", "unknown sector \"\(text)\"; use: \(codes)")
        case .invalidDate(let text):
            return Message("--date \"\(text)\": dạng YYYY-MM-DD", "--date \"\(text)\": use YYYY-MM-DD")
        case .unreadableItinerary(let name):
            return Message(
                "lịch trình \(name) đã lưu không đọc lại được; lập lại: htx itinerary plan \(name) … --replace",
                "the saved itinerary \(name) cannot be read back; plan it again: htx itinerary plan \(name) … --replace"
            )
        case .invalidDayTimes:
            return Message(
                "--depart/--return-by phải là giờ HH:MM, đi trước về",
                "--depart/--return-by must be HH:MM times, leaving before returning")
        case .invalidLunch:
            return Message("--lunch phải dạng 11:00-12:30/60", "--lunch must look like 11:00-12:30/60")
        case .invalidStart(let text):
            return Message(
                "--start \"\(text)\" phải dạng \"Tên@21.03,105.85\"",
                "--start \"\(text)\" must look like \"Name@21.03,105.85\"")
        case .invalidMatrix(let file, let row, let column, let value, let problem):
            switch problem {
            case .empty: return Message("\(file): tệp rỗng", "\(file): empty file")
            case .repeatedID:
                let id = column ?? value ?? "?"
                return Message(
                    "\(file), dòng \(row ?? 0): mã \(id) lặp lại; mỗi mã một dòng và một cột",
                    "\(file), row \(row ?? 0): the id \(id) repeats; one row and one column per id")
            case .cellCount(let expected):
                return Message(
                    "\(file), dòng \(row ?? 0): cần \(expected) ô",
                    "\(file), row \(row ?? 0): expected \(expected) cells")
            case .notMinutes:
                let limit = ItineraryLimits.minutes
                return Message(
                    "\(file), dòng \(row ?? 0), cột \(column ?? "?"): \"\(value ?? "")\" không phải số phút từ 0 đến "
                        + "\(limit) (một tuần)",
                    "\(file), row \(row ?? 0), column \(column ?? "?"): \"\(value ?? "")\" is not a number of minutes "
                        + "from 0 to "
                        + "\(limit) (a week)")
            }
        case .unreadableDay(let name, let day):
            return Message(
                "ngày \(day) của lịch trình \(name) không đọc lại được; lập lại lịch trình (htx itinerary plan "
                    + "\(name) … --replace)",
                "day \(day) of itinerary \(name) cannot be read back; plan it again (htx itinerary plan \(name) … "
                    + "--replace)"
            )
        case .stopNotInItinerary(let stop, let name):
            return Message("\(stop) không có trong lịch trình \(name)", "\(stop) is not in itinerary \(name)")
        case .noSuchDay(let day, _):
            return Message("không có ngày \(day)", "there is no day \(day)")
        case .orderViolations(let count):
            return Message("thứ tự vi phạm \(count) ràng buộc", "the order breaks \(count) constraints")
        case .unknownFormat(let ext, let allowed):
            let list = allowed.map { "." + $0 }
            let vi = list.dropLast().joined(separator: ", ") + " hoặc " + (list.last ?? "")
            let en = list.dropLast().joined(separator: ", ") + " or " + (list.last ?? "")
            return Message(
                "định dạng \".\(ext)\" không hỗ trợ; dùng \(vi)", "format \".\(ext)\" is not supported; use \(en)")
        case .noFont:
            return Message(
                "không có phông Liberation Serif/DejaVu Serif để tạo PDF; cài bằng apt-get install fonts-liberation2 "
                    + "hoặc chỉ --font",
                "no Liberation Serif/DejaVu Serif font for the PDF; install fonts-liberation2 or give --font")
        case .renderFailed(let format, let detail):
            return Message("không tạo được tệp .\(format): \(detail)", "cannot render the .\(format) file: \(detail)")
        case .approvedPicksDropped(let shortlist, let picks):
            let list = picks.joined(separator: ", ")
            return Message(
                "lập lại danh sách \(shortlist) sẽ bỏ \(picks.count) HTX đã được duyệt: \(list); chưa đổi gì. Giữ "
                    + "chúng bằng --include, hoặc thêm --drop-approved nếu đúng là muốn bỏ",
                "rebuilding shortlist \(shortlist) would drop \(picks.count) approved picks: \(list); nothing changed. "
                    + "Keep them with --include, or add --drop-approved if they are to go")
        case .invalidSourceDateEpoch(let text):
            return Message(
                "SOURCE_DATE_EPOCH=\(ImportProblem.excerpt(text, limit: 30)) không hợp lệ: cần số giây kể từ 1/1/1970 "
                    + "(số nguyên từ 0 đến \(Kit.latestSourceDate)); đặt lại hoặc bỏ biến này",
                "SOURCE_DATE_EPOCH=\(ImportProblem.excerpt(text, limit: 30)) is not valid: it must be seconds since "
                    + "1970 (a whole number from 0 to \(Kit.latestSourceDate)); set it again or unset it")
        case .stopOnAnotherDay(let stop, let day, let asked):
            return Message(
                "HTX \(stop) ở ngày \(day), không phải ngày \(asked); bỏ --day hoặc ghi --day \(day)",
                "stop \(stop) is on day \(day), not day \(asked); leave out --day or give --day \(day)")
        case .lastAdministrator(let name):
            return Message(
                "\(name) là quản trị viên cuối cùng còn đăng nhập được; thêm hoặc mở lại một quản trị viên khác trước "
                    + "khi khoá tài khoản này",
                "\(name) is the last administrator who can sign in; add or enable another administrator before "
                    + "disabling this one")
        case .totpNotShown(let name, let reason):
            return Message(
                "không in được khoá xác thực hai lớp (\(reason.vi)); chưa bật cho \(name), không có gì thay đổi",
                "could not print the second-factor key (\(reason.en)); nothing was enabled for \(name), nothing "
                    + "changed")
        case .invalidVisit(let file, let field, let problem):
            return visitMessage(file: file, field: field, problem)
        case .hostNotInItinerary(let key, let itinerary):
            return Message(
                "tệp thông tin chuyến đi: hosts có \"\(key)\" nhưng lịch trình \(itinerary) không đến HTX này; dùng "
                    + "mã số "
                    + "thuế hoặc ID của một HTX trong lịch trình (htx itinerary show \(itinerary))",
                "the visit file: hosts names \"\(key)\", which itinerary \(itinerary) does not visit; use the tax code "
                    + "or ID of a cooperative it visits (htx itinerary show \(itinerary))")
        }
    }

    /// A destination refused: the catalog itself, a file or folder already there.
    static func refusalMessage(_ refusal: OutputTarget.Refusal) -> Message {
        switch refusal {
        case .isCatalog(let path, let catalog):
            return Message(
                "\(path) là danh mục đang dùng (\(catalog)) hoặc tệp đi kèm của nó; không ghi đè được. Chọn tên tệp "
                    + "khác",
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
        case .notRegularFile(let path):
            return Message(
                "\(path) là liên kết, thiết bị hoặc ống dẫn, không phải tệp thường; htx không thay nó (kể cả với "
                    + "--force). "
                    + "Chọn tên tệp khác",
                "\(path) is a link, a device or a pipe, not a regular file; htx does not replace it (not even with "
                    + "--force). Choose another file name")
        case .folderNotEmpty(let path, let files):
            return Message(
                "thư mục \(path) đã có \(files) tệp; thêm --force để ghi vào đó (tệp cùng tên bị thay, tệp khác giữ "
                    + "nguyên), "
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
