import Foundation
import GRDB
import HTXCore

extension Catalog {
    /// How many matches are read at once: below it a ladder's whole match set is ranked in one pass; above
    /// it, tier by tier, each tier's first `searchWindow` matches are ordered and the rest taken in catalog order.
    public static let searchWindow = 200

    /// Full-text search over names, other names, address, commune, district, sectors, products and achievements.
    ///
    /// Folds case, tones and đ ("dong anh" finds "Đông Anh"). Results come tier by tier (`SearchQuery`):
    /// matches with the accents typed first (score above 1), then folded ones; a phrase in a name before
    /// a phrase elsewhere before scattered words; whole words before a last word taken as a prefix;
    /// within a tier, by how much of the name the query covers. No bm25: its IDF step reads every match
    /// of every word, so a query would cost in proportion to the catalog, not to the page it returns.
    public func search(_ text: String, limit: Int = 20) throws -> [SearchHit] {
        try search(text, limit: limit, window: Catalog.searchWindow, tiered: false)
    }

    /// The search with its window, path and word sampling exposed, so tests can prove that the one-pass and tiered
    /// paths agree, and that leaving common words to the checks finds the same.
    func search(
        _ text: String, limit: Int, window: Int, tiered: Bool, sampling: Bool = true
    ) throws -> [SearchHit] {
        let query = SearchQuery(text)
        guard limit > 0 else { return [] }
        guard !query.isEmpty else { return try symbolSearch(text, limit: limit) }
        let queryLength = Double(query.foldedWords.joined(separator: " ").count)
        let window = max(window, limit)
        func relevance(_ nameLength: Int) -> Double { min(0.999, queryLength / Double(max(1, nameLength))) }
        func score(_ tier: SearchQuery.Tier, _ relevance: Double) -> Double {
            (tier.exact ? 1 : 0) + (Double(tier.groupSize - tier.rank) - 1 + relevance) / Double(tier.groupSize)
        }
        return try read { db in
            var ranked: [(id: Int64, score: Double)] = []
            var seen = Set<Int64>()
            for ladder in query.ladders where ranked.count < limit {
                guard let broadest = ladder.last else { continue }
                func matching(_ expression: String) throws -> [Int64] {
                    try Int64.fetchAll(
                        db.cachedStatement(
                            sql: "SELECT rowid FROM cooperative_fts WHERE cooperative_fts MATCH ? LIMIT ?"),
                        arguments: [expression, window + 1]
                    ).filter { !seen.contains($0) }
                }
                // The index gives candidates, the tier checks decide: no column filter, and words in most records
                // left out (the index would read every record's entry for them). More candidates than the window
                // and the tier-by-tier path runs, which ranks exactly as one pass would when the matches fit.
                let common = sampling ? try commonWords(db, broadest) : []
                let matches = try matching(broadest.candidates(omitting: common))
                var hits: [(id: Int64, score: Double)] = []
                if matches.count <= window && !tiered {
                    // The ladder's whole match set is in hand: read its indexed text and place each record in its best
                    // tier.
                    let checks = ladder.map(SearchQuery.TierCheck.init)
                    for match in try Catalog.indexedText(
                        db, matches, exact: ladder.contains(where: \.exact),
                        { row in
                            checks.first {
                                $0.matches(
                                    names: $0.tier.exact ? row.nameExact : row.nameFolded,
                                    text: $0.tier.exact ? row.textExact : row.textFolded)
                            }?.tier
                        })
                    {
                        hits.append((match.id, score(match.result, relevance(match.nameLength))))
                    }
                } else {
                    var tierSeen = seen
                    for tier in ladder where ranked.count + hits.count < limit {
                        var tierHits: [(id: Int64, score: Double)] = []
                        for match in try Catalog.tierMatches(db, tier, limit: window) where !tierSeen.contains(match.id)
                        {
                            tierHits.append((match.id, score(tier, relevance(match.nameLength))))
                        }
                        tierHits.sort { $0.score > $1.score || ($0.score == $1.score && $0.id < $1.id) }
                        for hit in tierHits.prefix(limit - ranked.count - hits.count) {
                            tierSeen.insert(hit.id)
                            hits.append(hit)
                        }
                    }
                }
                hits.sort { $0.score > $1.score || ($0.score == $1.score && $0.id < $1.id) }
                for hit in hits.prefix(limit - ranked.count) {
                    seen.insert(hit.id)
                    ranked.append(hit)
                }
            }
            guard !ranked.isEmpty else { return [] }
            let placeholders = Array(repeating: "?", count: ranked.count).joined(separator: ",")
            let rows = try Row.fetchAll(
                db.cachedStatement(
                    sql: "SELECT \(Catalog.summaryColumns) FROM cooperative WHERE id IN (\(placeholders))"),
                arguments: StatementArguments(ranked.map(\.id)))
            var summaries: [Int64: CooperativeSummary] = [:]
            for row in rows { summaries[row["id"]] = Catalog.summary(row) }
            return ranked.compactMap { hit in
                summaries[hit.id].map { SearchHit($0, score: (hit.score * 1000).rounded(.down) / 1000) }
            }
        }
    }
}

extension Catalog {
    /// A query of symbols alone ("😀", "★"), which folding leaves without a word: the names that hold it as typed,
    /// in Vietnamese order. Empty for a query of nothing visible.
    func symbolSearch(_ text: String, limit: Int) throws -> [SearchHit] {
        let needle = VietnameseText.clean(text)
        guard VietnameseText.hasVisibleCharacter(needle) else { return [] }
        return try read { db in
            try Row.fetchAll(
                db.cachedStatement(
                    sql: "SELECT \(Catalog.summaryColumns) FROM cooperative WHERE instr(name, ?) > 0 "
                        + "ORDER BY sort_key, id LIMIT ?"),
                arguments: [needle, limit]
            ).map { SearchHit(Catalog.summary($0), score: 1) }
        }
    }

    /// How many records of the catalog a search samples to tell a common word: windows of consecutive ids, spread
    /// evenly. A catalog smaller than a few windows is searched whole, with every word asked of the index.
    static let searchSample = (windows: 4, size: 128)

    /// The positions of an all-words tier's whole words that occur in at least half the records sampled: those the
    /// index should not be asked for (`Tier.candidates` keeps them all when no other word is left). Empty for any
    /// other tier.
    /// Each word is sampled once per catalog range (`WordShareCache`).
    ///
    /// The sample counts each word's matches in a few windows of ids (FTS5 seeks to a rowid range), so it costs a
    /// few hundred index entries whatever the catalog's size. It only steers the work: the tier checks decide every
    /// match, so a sample that misjudges a word (records ordered by district, say) makes a search slower, not wrong.
    func commonWords(_ db: Database, _ tier: SearchQuery.Tier) throws -> Set<Int> {
        let words = tier.foldedWords
        guard tier.kind == .allWords, words.count > 1,
            let bounds = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT (SELECT min(id) FROM cooperative), (SELECT max(id) FROM cooperative)")),
            let low: Int64 = bounds[0], let high: Int64 = bounds[1]
        else { return [] }
        let (windows, size) = Catalog.searchSample
        guard high - low + 1 >= Int64(windows * size * 4) else { return [] }
        let starts = (0..<windows).map { low + (high - low + 1 - Int64(size)) * Int64($0) / Int64(windows - 1) }
        var records: Int?
        func sampled(_ word: String) throws -> Double {
            // The candidates of one word ask every column, so a word's share is the same for any tier.
            if let share = wordShares.share(word, in: low...high) { return share }
            if records == nil {
                records = try starts.reduce(0) { sum, start in
                    sum
                        + (try Int.fetchOne(
                            db.cachedStatement(sql: "SELECT count(*) FROM cooperative WHERE id BETWEEN ? AND ?"),
                            arguments: [start, start + Int64(size) - 1]) ?? 0)
                }
            }
            var single = tier
            single.words = [word]
            single.foldedWords = [word]
            single.exact = false
            single.prefixLast = false
            var found = 0
            for start in starts {
                found +=
                    try Int.fetchOne(
                        db.cachedStatement(
                            sql: "SELECT count(*) FROM cooperative_fts WHERE cooperative_fts MATCH ? "
                                + "AND rowid BETWEEN ? AND ?"),
                        arguments: [single.candidates(), start, start + Int64(size) - 1]) ?? 0
            }
            let share = Double(found) / Double(max(1, records ?? 0))
            wordShares.record(share, for: word, in: low...high)
            return share
        }
        var shares: [Int: Double] = [:]
        for index in words.indices where !(tier.prefixLast && index == words.count - 1) {
            shares[index] = try sampled(words[index])
        }
        return Set(shares.filter { $0.value >= 0.5 }.keys)
    }

    /// One record's indexed forms as FTS5 stores them, valid while `indexedText`'s body runs.
    struct IndexedRow {
        let nameFolded: UnsafeBufferPointer<UInt8>, textFolded: UnsafeBufferPointer<UInt8>
        let nameExact: UnsafeBufferPointer<UInt8>, textExact: UnsafeBufferPointer<UInt8>
    }

    /// Reads the indexed forms of the records `ids` straight from SQLite's buffers (the exact ones only when
    /// `exact`) and keeps what `body` makes of each, with the id and the length of its folded names in characters.
    static func indexedText<T>(
        _ db: Database, _ ids: [Int64], exact: Bool, _ body: (IndexedRow) -> T?
    ) throws -> [(id: Int64, nameLength: Int, result: T)] {
        guard !ids.isEmpty else { return [] }
        let query = try RawStatement(
            db,
            """
            SELECT rowid, name_folded, text_folded, \(exact ? "name_exact, text_exact" : "'', ''") FROM cooperative_fts
            WHERE rowid IN (\(Array(repeating: "?", count: ids.count).joined(separator: ",")))
            """)
        for (index, id) in ids.enumerated() { query.bind(Int32(index + 1), id) }
        defer { query.reset() }
        var results: [(id: Int64, nameLength: Int, result: T)] = []
        while try query.step() {
            let found = query.bytes(1) { nameFolded in
                query.bytes(2) { textFolded in
                    query.bytes(3) { nameExact in
                        query.bytes(4) { textExact in
                            body(
                                IndexedRow(
                                    nameFolded: nameFolded, textFolded: textFolded, nameExact: nameExact,
                                    textExact: textExact)
                            )
                            .map { ($0, nameFolded.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }) }
                        }
                    }
                }
            }
            if let (result, nameLength) = found { results.append((query.integer(0), nameLength, result)) }
        }
        return results
    }

    /// A tier's first `limit` matches in catalog order, with the length of each one's folded names.
    ///
    /// FTS5 decides most tiers alone; for accent-exact words anywhere it gives the folded matches, and each one's
    /// stored exact text decides, read until `limit` have passed (the long text's exact form is not indexed).
    static func tierMatches(
        _ db: Database, _ tier: SearchQuery.Tier, limit: Int
    ) throws -> [(id: Int64, nameLength: Int)] {
        guard tier.checksAccentsAfterIndex else {
            return try Row.fetchAll(
                db, sql: "SELECT rowid, length(name_folded) FROM cooperative_fts WHERE cooperative_fts MATCH ? LIMIT ?",
                arguments: [tier.expression, limit]
            ).map { ($0[0], $0[1]) }
        }
        var matches: [(id: Int64, nameLength: Int)] = []
        let query = try RawStatement(
            db,
            "SELECT rowid, length(name_folded), name_exact, text_exact FROM cooperative_fts WHERE cooperative_fts "
                + "MATCH ?"
        )
        query.bind(1, tier.expression)
        defer { query.reset() }
        let check = SearchQuery.TierCheck(tier)
        while matches.count < limit, try query.step() {
            let satisfied = query.bytes(2) { names in query.bytes(3) { text in check.matches(names: names, text: text) }
            }
            if satisfied { matches.append((query.integer(0), Int(query.integer(1)))) }
        }
        return matches
    }
}
