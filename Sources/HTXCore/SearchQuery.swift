/// A user's search text turned into safe FTS5 expressions: never passed raw, so quotes, dashes, `*`,
/// `AND` or unbalanced parentheses are searched as words, not read as syntax.
///
/// The query becomes relevance tiers, best first: with the accents typed (the phrase in a name, then
/// every word anywhere); then folded (the phrase in a name, the phrase anywhere, every word anywhere);
/// then, for a last word still being typed, the same with that word as a prefix. Tiers come in two
/// ladders, whole words then prefix, each ending with a tier that contains all the ladder's matches:
/// a prefix query reads every matching word's whole posting list, so it runs only when whole words
/// have not filled the page.
public struct SearchQuery: Sendable, Equatable {
    /// One rung of the ladder.
    public struct Tier: Sendable, Equatable {
        /// Where the words must be: in the names, or anywhere in the indexed text.
        public enum Scope: Sendable { case names, anywhere }
        /// Whether the words must stand together in order, or may be scattered.
        public enum Kind: Sendable { case phrase, allWords }

        public var words: [String]
        /// The same words folded: what the index is asked for when it cannot check the accents itself.
        public var foldedWords: [String]
        public var exact: Bool
        public var scope: Scope
        public var kind: Kind
        public var prefixLast: Bool
        /// Position within its group (exact or folded), 0 for the best.
        public var rank: Int
        /// How many tiers its group has.
        public var groupSize: Int

        /// Whether FTS5 finds only candidates for this tier, whose accents are then checked on the stored text:
        /// accent-exact words anywhere. The long text's exact form is stored but not indexed (names' is), so an import
        /// writes far fewer index entries (with repeated parts indexed once, 45% less index data on the 100,000-row
        /// bench catalog, by `dbstat`); `expression` then asks the folded index for the same words.
        public var checksAccentsAfterIndex: Bool { exact && scope == .anywhere }

        /// The FTS5 expression for this tier, over the columns `cooperative_fts` indexes: every match of the tier,
        /// and for a tier that `checksAccentsAfterIndex`, also the records that differ from it in accents only.
        public var expression: String {
            let suffix = exact && !checksAccentsAfterIndex ? "exact" : "folded"
            let columns = scope == .names ? ["name_\(suffix)"] : ["name_\(suffix)", "text_\(suffix)"]
            return "{" + columns.joined(separator: " ") + "} : "
                + terms(exact && !checksAccentsAfterIndex ? words : foldedWords)
        }

        /// An FTS5 expression for candidates of this tier, to be decided by `TierCheck`: every match and maybe more.
        ///
        /// It asks every indexed column (no column filter, which would make FTS5 read each entry's positions), and
        /// for an all-words tier, leaves out the words at `omitted` (positions in `words`): words so common that
        /// asking the index for them costs more than checking them. A phrase keeps every word, and so does a tier
        /// whose every word would be left out.
        public func candidates(omitting omitted: Set<Int> = []) -> String {
            let omitted = kind == .allWords && omitted.count < words.count ? omitted : []
            return terms(exact && !checksAccentsAfterIndex ? words : foldedWords, omitting: omitted)
        }

        func terms(_ terms: [String], omitting omitted: Set<Int> = []) -> String {
            switch kind {
            case .phrase:
                return SearchQuery.quoted(terms.joined(separator: " ")) + (prefixLast ? " *" : "")
            case .allWords:
                let quoted = terms.enumerated().filter { !omitted.contains($0.offset) }.map { index, word in
                    SearchQuery.quoted(word) + (index == terms.count - 1 && prefixLast ? " *" : "")
                }
                return "(" + quoted.joined(separator: " AND ") + ")"
            }
        }

        /// Whether a record's indexed text satisfies this tier, decided in Swift exactly as FTS5 decides it:
        /// `names` and `text` are the space-separated token strings stored in the index (folded or exact form).
        public func matches(names: [Substring], text: [Substring]) -> Bool {
            switch (scope, kind) {
            case (.names, .phrase): return containsPhrase(names)
            case (.anywhere, .phrase): return containsPhrase(names) || containsPhrase(text)
            case (.names, .allWords): return words.indices.allSatisfy { contains($0, names) }
            case (.anywhere, .allWords): return words.indices.allSatisfy { contains($0, names) || contains($0, text) }
            }
        }

        func wordMatches(_ index: Int, _ token: Substring) -> Bool {
            index == words.count - 1 && prefixLast ? token.hasPrefix(words[index]) : token == words[index]
        }

        func contains(_ index: Int, _ tokens: [Substring]) -> Bool {
            tokens.contains { wordMatches(index, $0) }
        }

        func containsPhrase(_ tokens: [Substring]) -> Bool {
            guard tokens.count >= words.count else { return false }
            for start in 0...(tokens.count - words.count)
            where words.indices.allSatisfy({ wordMatches($0, tokens[start + $0]) }) {
                return true
            }
            return false
        }
    }

    /// A tier's test on a record's indexed forms as stored (space-joined words), byte for byte: the same decision as
    /// `Tier.matches(names:text:)` on their words, without splitting them. `Catalog` runs it on every candidate.
    public struct TierCheck {
        public let tier: Tier
        /// The phrase, or each word, as UTF-8.
        let needles: [[UInt8]]

        public init(_ tier: Tier) {
            self.tier = tier
            needles =
                tier.kind == .phrase
                ? [Array(tier.words.joined(separator: " ").utf8)] : tier.words.map { Array($0.utf8) }
        }

        /// Whether the names, or (for a tier that looks anywhere) the names or the text, hold the phrase, or each word;
        /// give the exact forms for an exact tier, the folded ones otherwise.
        public func matches(names: UnsafeBufferPointer<UInt8>, text: UnsafeBufferPointer<UInt8>) -> Bool {
            for (index, needle) in needles.enumerated() {
                let prefix = tier.prefixLast && index == needles.count - 1
                let found = needle.withUnsafeBufferPointer { word in
                    VietnameseText.containsWords(names, word, lastAsPrefix: prefix)
                        || (tier.scope == .anywhere && VietnameseText.containsWords(text, word, lastAsPrefix: prefix))
                }
                if !found { return false }
            }
            return !needles.isEmpty
        }
    }

    /// The query's words folded (case, tones, đ).
    public let foldedWords: [String]
    /// The query's words in exact-accent form, when the user typed any Vietnamese mark; nil otherwise.
    public let exactWords: [String]?
    /// The relevance tiers in two ladders (whole words, then last word as prefix), best first; a one-word
    /// query's phrase is its word, so it has fewer tiers.
    public let ladders: [[Tier]]

    /// Every tier, best first.
    public var tiers: [Tier] { ladders.flatMap { $0 } }

    public init(_ text: String) {
        let folded = VietnameseText.foldedWords(text)
        let exact =
            VietnameseText.hasMarks(text) ? VietnameseText.exactForm(text).split(separator: " ").map(String.init) : nil
        foldedWords = folded
        exactWords = exact
        var wholeWords: [Tier] = []
        var prefixes: [Tier] = []
        let single = folded.count == 1
        if let exact, !exact.isEmpty {
            let shapes: [(Tier.Scope, Tier.Kind)] =
                single ? [(.anywhere, .phrase)] : [(.names, .phrase), (.anywhere, .allWords)]
            for (index, shape) in shapes.enumerated() {
                wholeWords.append(
                    Tier(
                        words: exact, foldedWords: folded, exact: true, scope: shape.0, kind: shape.1,
                        prefixLast: false, rank: index, groupSize: shapes.count))
            }
        }
        if !folded.isEmpty {
            let whole: [(Tier.Scope, Tier.Kind)] =
                single
                ? [(.names, .phrase), (.anywhere, .phrase)]
                : [(.names, .phrase), (.anywhere, .phrase), (.anywhere, .allWords)]
            let prefix: [(Tier.Scope, Tier.Kind)] =
                single ? [(.names, .phrase), (.anywhere, .phrase)] : [(.names, .phrase), (.anywhere, .allWords)]
            let size = whole.count + prefix.count
            for (index, shape) in whole.enumerated() {
                wholeWords.append(
                    Tier(
                        words: folded, foldedWords: folded, exact: false, scope: shape.0, kind: shape.1,
                        prefixLast: false, rank: index, groupSize: size))
            }
            for (index, shape) in prefix.enumerated() {
                prefixes.append(
                    Tier(
                        words: folded, foldedWords: folded, exact: false, scope: shape.0, kind: shape.1,
                        prefixLast: true, rank: whole.count + index, groupSize: size))
            }
        }
        ladders = [wholeWords, prefixes].filter { !$0.isEmpty }
    }

    /// Whether the query has no word to search for.
    public var isEmpty: Bool { foldedWords.isEmpty }

    static func quoted(_ word: String) -> String {
        "\"" + word.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
