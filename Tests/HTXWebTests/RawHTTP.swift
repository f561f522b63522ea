import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Sends bytes as written to a loopback port and reads the answer until the server closes: for requests a client
/// library would not make (another `Host`, a body cut short).
enum RawHTTP {
    static func send(_ request: String, port: Int, closeEarly: Bool = false) throws -> String {
        String(decoding: try bytes(Array(request.utf8), port: port, closeEarly: closeEarly), as: UTF8.self)
    }

    /// The same from async code, on a thread of its own: the socket calls block, and a test that blocked one of
    /// Swift's few cooperative threads (two on this machine) could starve the in-process server it is talking to.
    static func send(_ request: String, port: Int, closeEarly: Bool = false) async throws -> String {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try send(request, port: port, closeEarly: closeEarly) as String })
            }
        }
    }

    /// The body of a `Connection: close` answer (after its headers), and its status code.
    static func exchange(_ method: String, _ path: String, port: Int, body: [UInt8] = []) throws -> (Int, [UInt8]) {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        if !body.isEmpty || method == "POST" {
            head += "Content-Type: application/json\r\nContent-Length: \(body.count)\r\n"
        }
        let answer = try bytes(Array((head + "\r\n").utf8) + body, port: port)
        guard let end = headerEnd(answer) else { throw POSIXError(.EBADMSG) }
        let headers = String(decoding: answer[..<end], as: UTF8.self)
        let status = Int(headers.split(separator: " ").dropFirst().first ?? "") ?? 0
        var payload = Array(answer[(end + 4)...])
        if headers.lowercased().contains("transfer-encoding: chunked") { payload = dechunk(payload) }
        return (status, payload)
    }

    static func headerEnd(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 4 else { return nil }
        return (0...(bytes.count - 4)).first {
            bytes[$0] == 13 && bytes[$0 + 1] == 10 && bytes[$0 + 2] == 13 && bytes[$0 + 3] == 10
        }
    }

    static func dechunk(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var index = 0
        while index < bytes.count {
            guard let lineEnd = (index..<bytes.count - 1).first(where: { bytes[$0] == 13 && bytes[$0 + 1] == 10 }),
                let size = Int(
                    String(decoding: bytes[index..<lineEnd], as: UTF8.self).split(separator: ";")[0], radix: 16),
                size > 0
            else { break }
            let start = lineEnd + 2
            out += bytes[start..<min(bytes.count, start + size)]
            index = start + size + 2
        }
        return out
    }

    static func bytes(_ request: [UInt8], port: Int, closeEarly: Bool = false) throws -> [UInt8] {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { throw POSIXError(.ECONNREFUSED) }
        var sent = 0
        while sent < request.count {
            let count = request[sent...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            sent += count
        }
        if closeEarly { return [] }
        var answer: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        var expected: Int?
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            answer += buffer[0..<count]
            // A server that keeps the connection open is done once the body its Content-Length gives is here.
            if expected == nil, let end = RawHTTP.headerEnd(answer) {
                let headers = String(decoding: answer[..<end], as: UTF8.self).lowercased()
                if let line = headers.split(separator: "\r\n").first(where: { $0.hasPrefix("content-length:") }),
                    let length = Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces))
                {
                    expected = end + 4 + length
                }
            }
            if let expected, answer.count >= expected { break }
        }
        return answer
    }
}
