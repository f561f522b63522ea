import Foundation

/// The parts of a `multipart/form-data` body (RFC 7578): each with its field name, its file name when it is a file,
/// and its bytes.
struct MultipartForm: Sendable {
    struct Part: Sendable {
        var name: String
        var fileName: String?
        var data: [UInt8]
        var text: String { String(decoding: data, as: UTF8.self) }
    }

    var parts: [Part]

    /// The boundary of a `Content-Type: multipart/form-data; boundary=…` value, or nil.
    static func boundary(_ contentType: String?) -> String? {
        guard let contentType, contentType.lowercased().hasPrefix("multipart/form-data") else { return nil }
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
            if pair.count == 2, pair[0].lowercased() == "boundary" {
                let value = String(pair[1]).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                return value.isEmpty || value.count > 200 ? nil : value
            }
        }
        return nil
    }

    /// Splits `body` at the boundary; a body cut short (no closing boundary) gives nil, so nothing of it is used.
    init?(_ body: [UInt8], boundary: String) {
        let delimiter = Array(("--" + boundary).utf8)
        var positions: [Int] = []
        var index = 0
        let last = body.count - delimiter.count
        while index <= last {
            if body[index] == delimiter[0], body[index..<index + delimiter.count].elementsEqual(delimiter) {
                positions.append(index)
                index += delimiter.count
            } else {
                index += 1
            }
        }
        guard let final = positions.last, body.count >= final + delimiter.count + 2,
            body[final + delimiter.count] == UInt8(ascii: "-"), body[final + delimiter.count + 1] == UInt8(ascii: "-")
        else { return nil }
        var parts: [Part] = []
        for (start, end) in zip(positions, positions.dropFirst()) {
            var from = start + delimiter.count
            if from + 1 < end, body[from] == 13, body[from + 1] == 10 { from += 2 }
            var to = end
            if to - 2 >= from, body[to - 2] == 13, body[to - 1] == 10 { to -= 2 }
            let chunk = Array(body[from..<to])
            guard let split = MultipartForm.headerEnd(chunk) else { return nil }
            let headers = String(decoding: chunk[..<split], as: UTF8.self)
            var name: String?
            var fileName: String?
            for line in headers.components(separatedBy: "\r\n")
            where line.lowercased().hasPrefix("content-disposition:") {
                name = MultipartForm.parameter("name", in: line)
                fileName = MultipartForm.parameter("filename", in: line)
            }
            guard let name else { continue }
            parts.append(Part(name: name, fileName: fileName, data: Array(chunk[(split + 4)...])))
        }
        self.parts = parts
    }

    /// The offset of the blank line that ends a part's headers.
    static func headerEnd(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 4 else { return nil }
        for index in 0...(bytes.count - 4)
        where bytes[index] == 13 && bytes[index + 1] == 10 && bytes[index + 2] == 13 && bytes[index + 3] == 10 {
            return index
        }
        return nil
    }

    /// A quoted parameter of a header line (`name="file"`).
    static func parameter(_ key: String, in line: String) -> String? {
        for piece in line.split(separator: ";").map({ $0.trimmingCharacters(in: .whitespaces) })
        where piece.lowercased().hasPrefix(key + "=") {
            var value = String(piece.dropFirst(key.count + 1))
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
                value = String(value.dropFirst().dropLast())
            }
            return value
        }
        return nil
    }

    /// The first text value of field `name`.
    subscript(name: String) -> String? { parts.first { $0.name == name && $0.fileName == nil }?.text }
}
