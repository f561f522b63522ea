/// The shared-string table of a workbook, kept as one run of UTF-8 with the end of each string: about the size of its
/// text, where an array of strings would take a heap object for most of them.
struct SharedStrings {
    private var storage: [UInt8] = []
    private var ends: [UInt32] = []

    var count: Int { ends.count }

    /// Appends the next string of the table.
    mutating func append(_ text: String) {
        storage.append(contentsOf: text.utf8)
        ends.append(UInt32(truncatingIfNeeded: storage.count))
    }

    /// The string at `index`, nil past the end of the table.
    subscript(index: Int) -> String? {
        guard index >= 0, index < ends.count else { return nil }
        let start = index == 0 ? 0 : Int(ends[index - 1])
        return storage.withUnsafeBufferPointer {
            String(decoding: UnsafeBufferPointer(rebasing: $0[start..<Int(ends[index])]), as: UTF8.self)
        }
    }

    /// Reads the table from the tokens of `xl/sharedStrings.xml`: each `si`'s text runs joined, phonetic runs left
    /// out. Call it for each token in turn.
    mutating func take(_ token: XMLTokenizer.Token, of tokens: XMLTokenizer, state: inout SharedStringState) throws {
        switch token {
        case .start(let tag):
            if tokens.isNamed(tag, "si") {
                state.current = ""
            } else if tokens.isNamed(tag, "t") {
                state.inText = !state.inPhonetic
            } else if tokens.isNamed(tag, "rPh") {
                state.inPhonetic = true
            }
        case .text(let range, let cdata):
            if state.inText { state.current += try tokens.text(range, cdata: cdata) }
        case .end(let tag):
            if tokens.isNamed(tag, "si") {
                append(state.current)
            } else if tokens.isNamed(tag, "t") {
                state.inText = false
            } else if tokens.isNamed(tag, "rPh") {
                state.inPhonetic = false
            }
        }
    }
}

/// Where the reading of the shared-string table is.
struct SharedStringState {
    var current = ""
    var inText = false
    var inPhonetic = false
}
