/// A user's search text turned into safe FTS5 expressions: never passed raw, so quotes, dashes, `*`,
/// `AND` or unbalanced parentheses are searched as words, not read as syntax.
public struct SearchQuery: Sendable, Equatable {
    /// The query's words folded (case, tones, đ).
    public let foldedWords: [String]
    /// The query's words in exact-accent form, when the user typed any Vietnamese mark; nil otherwise.
    public let exactWords: [String]?

    public init(_ text: String) {
        foldedWords = VietnameseText.foldedWords(text)
        exactWords = VietnameseText.hasMarks(text) ? VietnameseText.exactForm(text).split(separator: " ").map(String.init) : nil
    }

    /// Whether the query has no word to search for.
    public var isEmpty: Bool { foldedWords.isEmpty }

    /// The FTS5 expression matching every folded word in the folded columns; the last word also matches as a prefix.
    public var foldedExpression: String? {
        SearchQuery.expression(foldedWords, columns: ["name_folded", "text_folded"], prefixLast: true)
    }

    /// The FTS5 expression matching every word with its accents as typed; nil when the query had none.
    public var exactExpression: String? {
        guard let exactWords else { return nil }
        // A prefix cannot follow a tone digit ("hơ5" is not a prefix of "hơp5"), so only an untoned last word is a prefix.
        let prefix = exactWords.last.map { !($0.last?.isNumber ?? false) } ?? false
        return SearchQuery.expression(exactWords, columns: ["name_exact", "text_exact"], prefixLast: prefix)
    }

    static func expression(_ words: [String], columns: [String], prefixLast: Bool) -> String? {
        guard !words.isEmpty else { return nil }
        let terms = words.enumerated().map { index, word in
            let quoted = "\"" + word.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            return index == words.count - 1 && prefixLast ? quoted + " *" : quoted
        }
        return "{" + columns.joined(separator: " ") + "} : (" + terms.joined(separator: " AND ") + ")"
    }
}
