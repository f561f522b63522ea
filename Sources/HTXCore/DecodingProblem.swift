/// A JSON or YAML decoding failure said in words: which key is missing or of the wrong kind, and where.
public struct DecodingProblem: LocalizedMessageError, Equatable {
    /// The message, without the file (callers put the file in front).
    public var message: Message

    public init(_ error: DecodingError) {
        func place(_ path: [CodingKey]) -> String {
            var text = ""
            for key in path {
                if let index = key.intValue {
                    text += "[\(index + 1)]"
                } else {
                    text += (text.isEmpty ? "" : ".") + key.stringValue
                }
            }
            return text
        }
        func at(_ path: [CodingKey]) -> Message {
            path.isEmpty ? Message("", "") : Message(" (ở \(place(path)))", " (at \(place(path)))")
        }
        switch error {
        case .keyNotFound(let key, let context):
            let location = at(context.codingPath)
            message = Message(
                "thiếu trường \"\(key.stringValue)\"\(location.vi)",
                "the key \"\(key.stringValue)\" is missing\(location.en)")
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            let kind = DecodingProblem.kind(type)
            let name = place(context.codingPath)
            message = Message("\"\(name)\" phải là \(kind.vi)", "\"\(name)\" must be \(kind.en)")
        case .dataCorrupted(let context):
            let name = place(context.codingPath)
            let detail = DecodingProblem.reason(context.debugDescription)
            message =
                name.isEmpty
                ? Message("không đọc được: \(detail.vi)", "cannot be read: \(detail.en)")
                : Message("\"\(name)\" không hợp lệ: \(detail.vi)", "\"\(name)\" is invalid: \(detail.en)")
        @unknown default:
            message = Message("dữ liệu không đọc được", "the data cannot be read")
        }
    }

    /// The words for any error met while decoding: a `DecodingError` said as above, anything else as it describes
    /// itself (a YAML parser's message, say).
    public static func describe(_ error: Error) -> Message {
        if let error = error as? DecodingError { return DecodingProblem(error).message }
        return Message(String(describing: error), String(describing: error))
    }

    /// The decoder's own English reason in words: a number it cannot hold, text that is not JSON; anything else as
    /// it is (the decoders' reasons for htx's own types are already words).
    static func reason(_ detail: String) -> Message {
        let lower = detail.lowercased()
        if lower.contains("not representable") || lower.contains("does not fit") || lower.contains("out of range") {
            return Message(
                "một số quá lớn hoặc không đúng loại (ví dụ 1e30 ở chỗ cần số nguyên)",
                "a number too large or of the wrong kind (such as 1e30 where a whole number goes)")
        }
        if lower.contains("not valid json") {
            return Message(
                "không phải JSON hợp lệ (sai cú pháp, hoặc một số quá lớn như 1e400)",
                "not valid JSON (a syntax error, or a number too large such as 1e400)")
        }
        return Message(detail, detail)
    }

    /// The kind of value a type stands for, in words.
    static func kind(_ type: Any.Type) -> Message {
        switch type {
        case is String.Type: return Message("chuỗi chữ", "a string")
        case is Int.Type, is Int64.Type, is Double.Type: return Message("một số", "a number")
        case is Bool.Type: return Message("true hoặc false", "true or false")
        default:
            let name = "\(type)"
            if name.hasPrefix("Array") { return Message("một danh sách [ … ]", "a list [ … ]") }
            if name.hasPrefix("Dictionary") { return Message("một đối tượng { … }", "an object { … }") }
            return Message("một đối tượng { … }", "an object { … }")
        }
    }
}
