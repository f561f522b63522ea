import Foundation
import HTXCore
import Hummingbird

/// Builders of the answers the handlers give: HTML, JSON, text and downloads.
enum WebResponse {
    static func html(_ body: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }

    static func text(_ body: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: "text/plain; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: body + (body.hasSuffix("\n") ? "" : "\n"))))
    }

    /// The CLI's JSON for the same value (`JSONText.encode`), so scripts get what `--format json` prints.
    static func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) throws -> Response {
        Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: try JSONText.encode(value) + "\n")))
    }

    /// A file to save, named in ASCII and in UTF-8 (RFC 6266).
    static func download(_ data: Data, name: String, type: String) -> Response {
        let ascii =
            VietnameseText.fileName(PathName.withoutExtension(name)) + "."
            + PathName.fileExtension(name)
        let encoded = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ascii
        return Response(
            status: .ok,
            headers: [
                .contentType: type,
                .contentDisposition: "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)",
            ],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
