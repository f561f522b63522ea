/// UTF-8 text that was read as Windows-1252 (or Latin-1) somewhere on its way: "TÃªn hợp tÃ¡c xÃ£" for
/// "Tên hợp tác xã". Each run of characters whose code-page bytes form one valid UTF-8 sequence is read back.
public enum Mojibake {
    /// The Windows-1252 characters of bytes 0x80–0x9F (the rest of 0x80–0xFF are the Latin-1 ones).
    static let cp1252High: [UInt32: UInt8] = {
        let table: [UInt32] = [
            0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152,
            0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161,
            0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
        ]
        var map: [UInt32: UInt8] = [:]
        for (offset, value) in table.enumerated() { map[value] = UInt8(0x80 + offset) }
        return map
    }()

    /// The letters Windows-1258 (the Vietnamese code page) puts where Windows-1252 has others; its combining tones
    /// are left out, since they join the letter before them once the text is NFC.
    static let cp1258Letters: [UInt32: UInt8] = [
        0x0102: 0xC3, 0x0110: 0xD0, 0x01A0: 0xD5, 0x01AF: 0xDD, 0x0103: 0xE3, 0x0111: 0xF0, 0x01A1: 0xF5,
        0x01B0: 0xFD, 0x20AB: 0xFE,
    ]

    /// The byte a character stands for in Windows-1252 (or Windows-1258, or Latin-1 for U+0080–U+009F), or nil
    /// when it has none.
    static func byte(_ scalar: Unicode.Scalar) -> UInt8? {
        let v = scalar.value
        if v < 0x80 || (v >= 0xA0 && v <= 0xFF) { return UInt8(v) }
        if v <= 0x9F { return UInt8(v) }
        // Neither table holds a character past U+2122 or of U+1E00–U+2012 (the precomposed letters with a tone that
        // fill Vietnamese text), so those need no lookup.
        if v > 0x2122 || (v >= 0x1E00 && v < 0x2013) { return nil }
        return cp1252High[v] ?? cp1258Letters[v]
    }

    /// The punctuation of Windows-1252 that legitimately follows a capital letter (‘ ’ “ ” – — • …): a sequence
    /// read back only through these ("XÃ”" → "XÔ") does not show a mis-read by itself.
    static let weakContinuations: Set<UInt32> = [
        0x2018, 0x2019, 0x201A, 0x201C, 0x201D, 0x201E, 0x2013, 0x2014, 0x2022, 0x2026,
    ]

    /// Whether a read-back character is one Vietnamese text holds: Latin letters and their marks, general
    /// punctuation, the đồng sign.
    static func isPlausible(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return (0xA0...0x24F).contains(v) || (0x1E00...0x1EFF).contains(v) || (0x2000...0x206F).contains(v)
            || v == 0x20AB || (0x300...0x323).contains(v)
    }

    /// Quick refusal: only text where a character that Windows-1252 or 1258 writes as a UTF-8 lead byte (C2–F4:
    /// Â…ô, or Ă Đ Ơ Ư ă đ ơ ư of Windows-1258) is followed by as many characters it writes as continuation bytes
    /// (80–BF, such as ‘ ” – ™ Œ, or a space that was a no-break space before the text was cleaned) as that lead
    /// needs can hold a mis-decoded sequence: `readBack` reads back nothing else. Vietnamese text almost never does
    /// ("Hà Nội": à would lead three bytes, and "N" is no continuation), so an import pays one pass over the text,
    /// and the bytes of text with no such letter at all.
    static func mayHold(_ text: String) -> Bool {
        // Every lead is written with a first UTF-8 byte C3, C4 or C6 (U+00C2–U+00F4, U+0102–U+0111, U+01A0–U+01B0).
        guard text.containsByte(where: { $0 == 0xC3 || $0 == 0xC4 || $0 == 0xC6 }) else { return false }
        var needed = 0
        for scalar in text.unicodeScalars {
            if needed > 0 {
                if scalar == " " || byte(scalar).map({ $0 >= 0x80 && $0 <= 0xBF }) == true {
                    needed -= 1
                    if needed == 0 { return true }
                    continue
                }
                needed = 0
            }
            if scalar.value >= 0xC2, let lead = byte(scalar), lead >= 0xC2, lead <= 0xF4 {
                needed = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : 1
            }
        }
        return false
    }

    /// The text read back, when it holds at least one mis-decoded sequence that shows a mis-read (a continuation
    /// other than common punctuation, decoding to a character Vietnamese text holds); nil otherwise.
    ///
    /// Cleaning turned the no-break space of "Ã " (à, C3 A0) into a space; once a cell shows a mis-read, a space
    /// inside a sequence is read as that no-break space.
    public static func repair(_ text: String) -> String? {
        guard mayHold(text) else { return nil }
        let scalars = Array(text.unicodeScalars)
        guard let strict = readBack(scalars, spaceMayBeNBSP: false), strict.strong else { return nil }
        let loose = readBack(scalars, spaceMayBeNBSP: true) ?? strict
        let result = VietnameseText.nfc(String(loose.text))
        return result.unicodeScalars.contains("\u{FFFD}") ? nil : result
    }

    /// One pass: every sequence read back; `strong` when one of them shows a mis-read by itself.
    static func readBack(
        _ scalars: [Unicode.Scalar], spaceMayBeNBSP: Bool
    ) -> (text: String.UnicodeScalarView, strong: Bool)? {
        var out = String.UnicodeScalarView()
        var changed = false
        var strong = false
        var index = 0
        while index < scalars.count {
            if let lead = byte(scalars[index]), lead >= 0xC2, lead <= 0xF4 {
                let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
                if index + length <= scalars.count {
                    var bytes = [lead]
                    var weakOnly = true
                    var spaceAfter = false
                    for (offset, scalar) in scalars[(index + 1)..<(index + length)].enumerated() {
                        let b = scalar == " " && spaceMayBeNBSP ? 0xA0 : byte(scalar)
                        guard let b, b >= 0x80, b <= 0xBF else { break }
                        if scalar == " " { spaceAfter = !endsSyllable(scalars, after: index + 1 + offset) }
                        if !weakContinuations.contains(scalar.value) { weakOnly = false }
                        bytes.append(b)
                    }
                    if bytes.count == length, let decoded = String(validating: bytes, as: UTF8.self),
                        let scalar = decoded.unicodeScalars.first, isPlausible(scalar)
                    {
                        out.append(scalar)
                        if spaceAfter { out.append(" ") }
                        changed = true
                        if !weakOnly { strong = true }
                        index += length
                        continue
                    }
                }
            }
            out.append(scalars[index])
            index += 1
        }
        return changed ? (out, strong) : nil
    }

    /// The endings a syllable can have after its vowel ("Hoà|ng", "Toà|n", "Bà|i"): when the word after a space that
    /// was a no-break space is one of them, the space was inside the syllable; else (", Hà| Nội", "và| kinh") a
    /// real space followed and cleaning merged the two.
    static let syllableEndings: Set<String> = ["i", "o", "u", "y", "m", "n", "ng", "nh", "c", "ch", "p", "t"]

    static func endsSyllable(_ scalars: [Unicode.Scalar], after space: Int) -> Bool {
        var word = ""
        var index = space + 1
        while index < scalars.count, scalars[index].properties.isAlphabetic {
            word.unicodeScalars.append(scalars[index])
            index += 1
        }
        return syllableEndings.contains(word)
    }
}
