import HTXCore
import HTXKit

extension ErrorMessages {
    /// The words for a visit file that cannot be used: the file, the field, and what to write instead.
    static func visitMessage(file: String, field: String, _ problem: KitError.VisitProblem) -> Message {
        let place = field.isEmpty ? "\(file): " : "\(file), \(field): "
        switch problem {
        case .notUTF8:
            return Message(
                "\(place)tệp không phải UTF-8; lưu lại thành UTF-8 rồi chạy lại",
                "\(place)the file is not UTF-8; save it as UTF-8 and run again")
        case .unreadable(let detail):
            return Message(
                "\(place)không đọc được (YAML/JSON): \(detail.vi); giá trị YAML tự hiểu là có/không, ngày hay số thì "
                    + "đặt trong ngoặc kép, ví dụ phone: \"0912 345 678\"",
                "\(place)cannot be read (YAML/JSON): \(detail.en); put a value YAML reads as yes/no, a date or a "
                    + "number in double quotes, such as phone: \"0912 345 678\"")
        case .unknownKey(let key, let suggestion):
            let known = suggestion.map { (" (có phải \($0)?)", " (did you mean \($0)?)") } ?? ("", "")
            return Message(
                "\(place)khoá \"\(key)\" không có trong tệp thông tin chuyến đi\(known.0); sửa tên khoá rồi chạy lại",
                "\(place)the key \"\(key)\" is not one a visit file has\(known.1); correct it and run again")
        case .tooLarge:
            return Message(
                "\(place)tệp quá lớn hoặc lồng nhau quá nhiều (\(VisitFileLimits.nodes) mục)",
                "\(place)the file is too large or too deeply repeated (\(VisitFileLimits.nodes) items)")
        case .controlCharacter(let scalar):
            let code = "U+" + String(scalar, radix: 16, uppercase: true)
            return Message(
                "\(place)có ký tự điều khiển vô hình \(code); xoá ký tự đó rồi chạy lại",
                "\(place)contains the invisible control character \(code); remove it and run again")
        case .notADate(let text):
            return Message(
                "\(place)\"\(text)\" không phải ngày có thật dạng YYYY-MM-DD",
                "\(place)\"\(text)\" is not a real YYYY-MM-DD date")
        case .notAPhone(let text):
            return Message(
                "\(place)\"\(text)\" không phải số điện thoại (ví dụ 0912 345 678 hoặc 024 3825 1234)",
                "\(place)\"\(text)\" is not a phone number (for example 0912 345 678 or 024 3825 1234)")
        }
    }
}
