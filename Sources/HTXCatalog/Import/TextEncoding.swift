import Foundation
import HTXCore

/// The text encodings district files arrive in, with detection and decoding to UTF-8.
public enum TextEncoding: String, CaseIterable, Sendable {
    case utf8 = "utf-8"
    case utf16le = "utf-16le"
    case utf16be = "utf-16be"
    case windows1258 = "windows-1258"
    case tcvn3

    /// Parses the `--encoding` value: auto (nil), utf-8, utf-16 (BOM decides), windows-1258/cp1258, tcvn3/abc.
    public static func option(_ text: String) throws(UserError) -> TextEncoding?? {
        switch VietnameseText.fold(text).replacingOccurrences(of: " ", with: "") {
        case "auto": return .some(nil)
        case "utf8": return .utf8
        case "utf16": return .some(.utf16le)
        case "utf16le": return .utf16le
        case "utf16be": return .utf16be
        case "windows1258", "cp1258", "1258": return .windows1258
        case "tcvn3", "abc", "tcvn": return .tcvn3
        default:
            throw UserError(
                "mã hoá \"\(text)\" không hỗ trợ; dùng auto, utf-8, utf-16, windows-1258 hoặc tcvn3",
                "encoding \"\(text)\" is not supported; use auto, utf-8, utf-16, windows-1258 or tcvn3")
        }
    }

    /// Windows-1258 bytes 0x80–0xFF as Unicode scalars (0xFFFD where the code page has none). Tones are combining
    /// marks.
    static let windows1258High: [UInt32] = [
        0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0xFFFD, 0x2039, 0x0152, 0xFFFD, 0xFFFD, 0xFFFD,
        0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0xFFFD, 0x203A, 0x0153, 0xFFFD, 0xFFFD, 0x0178,
        0x00A0, 0x00A1, 0x00A2, 0x00A3, 0x00A4, 0x00A5, 0x00A6, 0x00A7,
        0x00A8, 0x00A9, 0x00AA, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x00AF,
        0x00B0, 0x00B1, 0x00B2, 0x00B3, 0x00B4, 0x00B5, 0x00B6, 0x00B7,
        0x00B8, 0x00B9, 0x00BA, 0x00BB, 0x00BC, 0x00BD, 0x00BE, 0x00BF,
        0x00C0, 0x00C1, 0x00C2, 0x0102, 0x00C4, 0x00C5, 0x00C6, 0x00C7,
        0x00C8, 0x00C9, 0x00CA, 0x00CB, 0x0300, 0x00CD, 0x00CE, 0x00CF,
        0x0110, 0x00D1, 0x0309, 0x00D3, 0x00D4, 0x01A0, 0x00D6, 0x00D7,
        0x00D8, 0x00D9, 0x00DA, 0x00DB, 0x00DC, 0x01AF, 0x0303, 0x00DF,
        0x00E0, 0x00E1, 0x00E2, 0x0103, 0x00E4, 0x00E5, 0x00E6, 0x00E7,
        0x00E8, 0x00E9, 0x00EA, 0x00EB, 0x0301, 0x00ED, 0x00EE, 0x00EF,
        0x0111, 0x00F1, 0x0323, 0x00F3, 0x00F4, 0x01A1, 0x00F6, 0x00F7,
        0x00F8, 0x00F9, 0x00FA, 0x00FB, 0x00FC, 0x01B0, 0x20AB, 0x00FF,
    ]

    /// TCVN3 (ABC, TCVN 5712:1993 VN3) bytes 0x80–0xFF: precomposed lower-case letters and the capitals Ă Â Ê Ô Ơ Ư Đ;
    /// the bytes it does not use read as Latin-1. Capitals with tones live in separate "H" fonts and cannot be told
    /// apart.
    static let tcvn3High: [UInt32] = [
        0x0080, 0x0081, 0x0082, 0x0083, 0x0084, 0x0085, 0x0086, 0x0087,
        0x0088, 0x0089, 0x008A, 0x008B, 0x008C, 0x008D, 0x008E, 0x008F,
        0x0090, 0x0091, 0x0092, 0x0093, 0x0094, 0x0095, 0x0096, 0x0097,
        0x0098, 0x0099, 0x009A, 0x009B, 0x009C, 0x009D, 0x009E, 0x009F,
        0x00A0, 0x0102, 0x00C2, 0x00CA, 0x00D4, 0x01A0, 0x01AF, 0x0110,
        0x0103, 0x00E2, 0x00EA, 0x00F4, 0x01A1, 0x01B0, 0x0111, 0x00AF,
        0x00B0, 0x00B1, 0x00B2, 0x00B3, 0x00B4, 0x00E0, 0x1EA3, 0x00E3,
        0x00E1, 0x1EA1, 0x00BA, 0x1EB1, 0x1EB3, 0x1EB5, 0x1EAF, 0x00BF,
        0x00C0, 0x00C1, 0x00C2, 0x00C3, 0x00C4, 0x00C5, 0x1EB7, 0x1EA7,
        0x1EA9, 0x1EAB, 0x1EA5, 0x1EAD, 0x00E8, 0x00CD, 0x1EBB, 0x1EBD,
        0x00E9, 0x1EB9, 0x1EC1, 0x1EC3, 0x1EC5, 0x1EBF, 0x1EC7, 0x00EC,
        0x1EC9, 0x00D9, 0x00DA, 0x00DB, 0x0129, 0x00ED, 0x1ECB, 0x00F2,
        0x00E0, 0x1ECF, 0x00F5, 0x00F3, 0x1ECD, 0x1ED3, 0x1ED5, 0x1ED7,
        0x1ED1, 0x1ED9, 0x1EDD, 0x1EDF, 0x1EE1, 0x1EDB, 0x1EE3, 0x00F9,
        0x00F0, 0x1EE7, 0x0169, 0x00FA, 0x1EE5, 0x1EEB, 0x1EED, 0x1EEF,
        0x1EE9, 0x1EF1, 0x1EF3, 0x1EF7, 0x1EF9, 0x00FD, 0x1EF5, 0x00FF,
    ]

    /// The result of reading bytes as text: the UTF-8 bytes, which encoding was used and why.
    public struct Decoded: Sendable {
        public var utf8: [UInt8]
        public var encoding: TextEncoding
        /// Whether the encoding was detected (true) or given (false).
        public var detected: Bool
    }

    /// Decodes bytes to UTF-8, detecting the encoding when none is given: a BOM, then NUL-byte patterns
    /// for UTF-16 without BOM, then valid UTF-8, then whichever of Windows-1258 and TCVN3 yields more
    /// Vietnamese words. Throws on bytes no encoding explains (NUL bytes in 8-bit text, invalid given UTF-8).
    public static func decode(
        _ bytes: [UInt8], as given: TextEncoding? = nil, file: String
    ) throws -> Decoded {
        var body = bytes[...]
        var encoding = given
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            body = bytes.dropFirst(3)
            if encoding == nil { encoding = .utf8 }
        } else if bytes.starts(with: [0xFF, 0xFE]) {
            body = bytes.dropFirst(2)
            if encoding == nil || encoding == .utf16be { encoding = .utf16le }
        } else if bytes.starts(with: [0xFE, 0xFF]) {
            body = bytes.dropFirst(2)
            if encoding == nil || encoding == .utf16le { encoding = .utf16be }
        }
        let detected = given == nil
        // Detection validates UTF-8 over the whole text; a second pass would only repeat it.
        var validated = false
        if encoding == nil {
            encoding = detect(body)
            validated = encoding == .utf8
            // Text that is UTF-8 but for a few bytes (a stray Latin-1 "é", a cut sequence) would decode as
            // Windows-1258 into garbage in every Vietnamese word: refuse it, saying where the bad bytes are.
            if !validated, let almost = almostUTF8(body) {
                throw ImportError.almostUTF8(file: file, invalid: almost.invalid, row: almost.firstRow)
            }
        }
        guard let encoding else {
            throw UserError("\(file): không nhận ra mã hoá", "\(file): cannot tell the encoding")
        }
        switch encoding {
        case .utf8:
            guard validated || isValidUTF8(body) else { throw ImportError.invalidUTF8(file: file) }
            try rejectNUL(body, file: file)
            // Without a BOM the bytes are already the text: shared, not copied.
            return Decoded(utf8: body.count == bytes.count ? bytes : Array(body), encoding: .utf8, detected: detected)
        case .utf16le, .utf16be:
            guard body.count % 2 == 0 else {
                throw UserError("\(file): số byte lẻ, không phải UTF-16", "\(file): odd number of bytes, not UTF-16")
            }
            let out = try utf16(body, bigEndian: encoding == .utf16be, file: file)
            try rejectNUL(out[...], file: file)
            return Decoded(utf8: out, encoding: encoding, detected: detected)
        case .windows1258, .tcvn3:
            try rejectNUL(body, file: file)
            return Decoded(
                utf8: singleByte(body, table: encoding == .tcvn3 ? tcvn3High : windows1258High), encoding: encoding,
                detected: detected)
        }
    }

    /// Whether bytes are well-formed UTF-8 (shortest forms, no surrogates, at most U+10FFFF), checked in place:
    /// eight ASCII bytes at a time, then each multi-byte sequence by the table of RFC 3629.
    static func isValidUTF8(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            let count = buffer.count
            guard let base = buffer.baseAddress else { return true }
            var i = 0
            while i < count {
                if i + 8 <= count {
                    let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                    if word & 0x8080_8080_8080_8080 == 0 {
                        i += 8
                        continue
                    }
                }
                let lead = base[i]
                if lead < 0x80 {
                    i += 1
                    continue
                }
                let length: Int
                var low: UInt8 = 0x80
                var high: UInt8 = 0xBF
                switch lead {
                case 0xC2...0xDF: length = 2
                case 0xE0:
                    length = 3
                    low = 0xA0
                case 0xE1...0xEC, 0xEE...0xEF: length = 3
                case 0xED:
                    length = 3
                    high = 0x9F
                case 0xF0:
                    length = 4
                    low = 0x90
                case 0xF1...0xF3: length = 4
                case 0xF4:
                    length = 4
                    high = 0x8F
                default: return false
                }
                guard i + length <= count, base[i + 1] >= low, base[i + 1] <= high else { return false }
                for k in 2..<max(2, length) where base[i + k] & 0xC0 != 0x80 { return false }
                i += length
            }
            return true
        }
    }

    /// UTF-16 code units (an even number of bytes) as UTF-8; throws on a lone surrogate.
    static func utf16(_ body: ArraySlice<UInt8>, bigEndian: Bool, file: String) throws(UserError) -> [UInt8] {
        var units: [UInt16] = []
        units.reserveCapacity(body.count / 2)
        var index = body.startIndex
        while index + 1 < body.endIndex {
            let a = UInt16(body[index])
            let b = UInt16(body[index + 1])
            units.append(bigEndian ? (a << 8) | b : a | (b << 8))
            index += 2
        }
        var out: [UInt8] = []
        out.reserveCapacity(units.count * 2)
        let failed = transcode(units.makeIterator(), from: UTF16.self, to: UTF8.self, stoppingOnError: true) {
            out.append($0)
        }
        if failed { throw UserError("\(file): UTF-16 hỏng", "\(file): damaged UTF-16") }
        return out
    }

    /// Throws when `bytes` hold a NUL byte, giving its offset in the file (`base`: the file offset of the first).
    static func rejectNUL(_ bytes: ArraySlice<UInt8>, file: String, base: Int = 0) throws(UserError) {
        let found = bytes.withUnsafeBufferPointer { buffer -> Int? in
            guard let base = buffer.baseAddress, let hit = memchr(base, 0, buffer.count) else { return nil }
            return bytes.startIndex + base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
        }
        if let index = found {
            let offset = index - bytes.startIndex + base
            throw UserError(
                "\(file): có byte NUL ở vị trí \(offset); đây không phải tệp văn bản (tệp .xls cũ? "
                    + "hãy lưu lại thành .xlsx hoặc CSV)",
                "\(file): NUL byte at offset \(offset); this is not a text file (an old .xls? save "
                    + "it as .xlsx or CSV)"
            )
        }
    }

    static func singleByte(_ bytes: ArraySlice<UInt8>, table: [UInt32]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 2)
        for byte in bytes {
            if byte < 0x80 {
                out.append(byte)
                continue
            }
            let scalar = Unicode.Scalar(table[Int(byte) - 0x80]) ?? "\u{FFFD}"
            out.append(contentsOf: String(scalar).utf8)
        }
        return out
    }

    /// Guesses the encoding of bytes without a BOM.
    /// When `bytes` read as UTF-8 except for a few: how many bytes do not, and the row of the first. Genuine
    /// Windows-1258 or TCVN3 text almost never forms valid multi-byte UTF-8 sequences, so many valid sequences and
    /// few invalid bytes mean damaged UTF-8.
    static func almostUTF8(_ bytes: ArraySlice<UInt8>) -> (invalid: Int, firstRow: Int)? {
        let counts = utf8Sequences(bytes)
        guard let firstInvalid = counts.firstInvalid, counts.valid >= 2, counts.valid >= 4 * counts.invalid else {
            return nil
        }
        return (counts.invalid, bytes[bytes.startIndex..<firstInvalid].reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) })
    }

    /// The valid multi-byte UTF-8 sequences in `bytes`, the bytes that start none, and the index of the first of
    /// those.
    static func utf8Sequences(_ bytes: ArraySlice<UInt8>) -> (valid: Int, invalid: Int, firstInvalid: Int?) {
        var valid = 0
        var invalid = 0
        var firstInvalid: Int?
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let lead = bytes[index]
            guard lead >= 0x80 else {
                index += 1
                continue
            }
            let length = lead >= 0xF0 && lead <= 0xF4 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 && lead <= 0xDF ? 2 : 0
            let end = index + length
            if length > 0, end <= bytes.endIndex, bytes[(index + 1)..<end].allSatisfy({ $0 & 0xC0 == 0x80 }),
                String(validating: bytes[index..<end], as: UTF8.self) != nil
            {
                valid += 1
                index = end
            } else {
                invalid += 1
                if firstInvalid == nil { firstInvalid = index }
                index += 1
            }
        }
        return (valid, invalid, firstInvalid)
    }

    static func detect(_ bytes: ArraySlice<UInt8>) -> TextEncoding {
        let sample = bytes.prefix(64 * 1024)
        if let wide = utf16ByNULs(sample) { return wide }
        if isValidUTF8(bytes) { return .utf8 }
        return singleByteGuess(sample)
    }

    /// UTF-16 without a byte-order mark, told by its NUL bytes (ASCII text has one in every other byte).
    static func utf16ByNULs(_ sample: ArraySlice<UInt8>) -> TextEncoding? {
        guard sample.count >= 4 else { return nil }
        var evenNUL = 0
        var oddNUL = 0
        for (offset, byte) in sample.enumerated() where byte == 0 {
            if offset % 2 == 0 { evenNUL += 1 } else { oddNUL += 1 }
        }
        let half = sample.count / 2
        if oddNUL > half / 3 && evenNUL < oddNUL / 8 { return .utf16le }
        if evenNUL > half / 3 && oddNUL < evenNUL / 8 { return .utf16be }
        return nil
    }

    /// Windows-1258 or TCVN3, whichever reads `sample` as more Vietnamese words.
    static func singleByteGuess(_ sample: ArraySlice<UInt8>) -> TextEncoding {
        let windows = vietnameseScore(singleByte(sample, table: windows1258High))
        let tcvn = vietnameseScore(singleByte(sample, table: tcvn3High))
        return tcvn > windows ? .tcvn3 : .windows1258
    }

    /// Counts the words made only of Vietnamese letters that carry at least one Vietnamese mark: the right decoding has
    /// many.
    static func vietnameseScore(_ utf8: [UInt8]) -> Int {
        let text = VietnameseText.nfc(String(decoding: utf8, as: UTF8.self))
        var score = 0
        for word in text.split(whereSeparator: {
            $0 == " " || $0 == "," || $0 == ";" || $0 == "\n" || $0 == "\t" || $0 == "\""
        }) {
            let marked = VietnameseText.hasMarks(String(word))
            let clean = word.allSatisfy {
                $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." || $0 == "/" || $0 == "(" || $0 == ")"
            }
            if marked && clean { score += 1 } else if !clean { score -= 1 }
        }
        return score
    }
}
