/// A power of ten that turns an amount as written into million VND: 0 for "triệu đồng", 3 for "tỷ đồng", −3 for
/// "nghìn đồng", −6 for "đồng".
public struct MoneyScale: Sendable, Hashable, CustomStringConvertible {
    /// The power of ten.
    public var exponent: Int

    public init(exponent: Int) { self.exponent = exponent }

    /// Million VND, the catalog's own unit (and the unit of a money column whose header names none).
    public static let million = MoneyScale(exponent: 0)

    /// The amount a plain decimal text ("-1234.5", as `VietnameseNumber.decimalText` gives) stands for, in million
    /// VND: the power of ten is applied to the decimal text itself, so "1,5 tỷ" is exactly 1500 and "1234567 đồng"
    /// the double nearest 1.234567, never a product with a rounding error in it.
    public func amount(ofDecimal decimal: String, exponent extra: Int = 0) -> Double? {
        Double(decimal + "e" + String(exponent + extra))
    }

    public var description: String { "10^\(exponent)" }
}

/// The unit words of a column header or of a cell after its number ("triệu đồng", "(tr.đ)", "tỷ VNĐ",
/// "nghìn đồng/người/năm", "1.000đ", "ĐVT: triệu"), read as scale words × currency words in any case, order and
/// spacing, with what the amount is per. Nothing is guessed: a word htx does not know as a unit is kept aside, and
/// a phrase with such a word is unreadable rather than read in part.
public struct UnitPhrase: Sendable, Equatable {
    /// What an amount or a count can be per (or, for a count, what it counts).
    public enum Per: String, Sendable, CaseIterable {
        case person, member, household, worker, year, month, quarter, day
    }

    /// A currency word.
    public enum Currency: Sendable, Equatable {
        /// The Vietnamese đồng (đồng, đ, VNĐ, VND, ₫).
        case dong
        /// Another currency, or a percentage: not an amount htx can store.
        case other(String)
    }

    /// The sum of the powers of ten of the scale words and figures (nghìn 3, triệu 6, tỷ 9, "1.000" 3).
    public var multiplier = 0
    /// Whether a scale is a word that names one on its own (nghìn, triệu, tr, tỷ), not only a figure or an
    /// abbreviation that needs a currency beside it ("1.000", "k", "ng").
    public var namedScale = false
    public var currency: Currency?
    public var per: [Per] = []
    /// Words of the phrase that are not unit words.
    public var unknown: [String] = []
    /// Whether any word of the phrase is a unit word (a scale, a currency or a per word).
    public var hasUnitWord = false

    /// An empty phrase: no unit.
    public init() {}

    /// Reads the words of a phrase, as `words(of:)` gives them.
    public init(words: some Collection<String>) {
        let tokens = UnitPhrase.tokens(Array(words))
        var index = 0
        while index < tokens.count {
            if let (atom, length) = UnitPhrase.multiWordAtom(tokens, at: index) {
                add(atom)
                index += length
                continue
            }
            let token = tokens[index]
            index += 1
            if let figure = UnitPhrase.powerOfTen(token) {
                multiplier += figure
                hasUnitWord = true
            } else if let atoms = UnitPhrase.decompose(token) {
                for atom in atoms { add(atom) }
            } else {
                unknown.append(token)
            }
        }
    }

    /// Reads a unit written as text ("triệu đồng/người/năm").
    public init(_ text: String) { self.init(words: UnitPhrase.words(of: text)) }

    /// The folded words of a header or a unit, currency signs first spelt out ("₫" is đồng, "$" dollars, "%" a
    /// percentage), since folding drops every sign.
    public static func words(of text: String) -> [String] {
        var spelt = ""
        spelt.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "₫": spelt += " đ "
            case "$": spelt += " usd "
            case "€": spelt += " eur "
            case "£": spelt += " gbp "
            case "¥": spelt += " yen "
            case "%", "‰": spelt += " phantram "
            default: spelt.append(character)
            }
        }
        return VietnameseText.foldedWords(spelt)
    }

    /// Whether the phrase says nothing at all.
    public var isEmpty: Bool { !hasUnitWord && unknown.isEmpty }

    // MARK: - Reading the phrase for a kind of value

    /// What a phrase says about an amount of money.
    public enum MoneyReading: Sendable, Equatable {
        /// No unit word: the column's or the catalog's unit applies.
        case none
        case scale(MoneyScale)
        /// Unit words htx cannot read as one unit of đồng (another currency, a month, a figure without a currency).
        case unreadable
        /// No unit word at all, but other words: not a unit.
        case notUnit
    }

    /// The phrase read as the unit of an amount of money that may be per `allowed` (member income per person and
    /// year; revenue per year).
    public func money(per allowed: Set<Per> = []) -> MoneyReading {
        if !unknown.isEmpty { return hasUnitWord ? .unreadable : .notUnit }
        guard hasUnitWord else { return .none }
        if case .other = currency { return .unreadable }
        guard Set(per).isSubset(of: allowed) else { return .unreadable }
        if currency == .dong || namedScale {
            let exponent = multiplier - 6
            return (-6...15).contains(exponent) ? .scale(MoneyScale(exponent: exponent)) : .unreadable
        }
        return multiplier == 0 ? .none : .unreadable
    }

    /// Whether the phrase is the unit of a count of people ("người", "thành viên", "hộ", "lao động") or empty.
    public var isCountUnit: Bool {
        unknown.isEmpty && currency == nil && multiplier == 0 && !namedScale
            && per.allSatisfy { [.person, .member, .household, .worker].contains($0) }
    }

    // MARK: - The words

    /// One unit word.
    enum Atom: Equatable {
        case scale(Int, named: Bool)
        case currency(Currency)
        case qualifier
        case per(Per)
        case filler
    }

    mutating func add(_ atom: Atom) {
        switch atom {
        case .scale(let power, let named):
            multiplier += power
            namedScale = namedScale || named
            hasUnitWord = true
        case .currency(let found):
            // Two currencies that differ ("USD đồng") cannot both be the unit.
            if let currency, currency != found { self.currency = .other("?") } else { currency = found }
            hasUnitWord = true
        case .per(let what):
            per.append(what)
            hasUnitWord = true
        case .qualifier, .filler:
            break
        }
    }

    /// The words a unit phrase may hold, folded, each on its own.
    static let atoms: [String: Atom] = [
        "nghin": .scale(3, named: true), "ngan": .scale(3, named: true), "trieu": .scale(6, named: true),
        "tr": .scale(6, named: true), "ty": .scale(9, named: true), "ti": .scale(9, named: true),
        "ng": .scale(3, named: false), "k": .scale(3, named: false), "tram": .scale(2, named: false),
        "chuc": .scale(1, named: false),
        "dong": .currency(.dong), "d": .currency(.dong), "vnd": .currency(.dong), "vn": .qualifier,
        "usd": .currency(.other("USD")), "eur": .currency(.other("EUR")), "euro": .currency(.other("EUR")),
        "yen": .currency(.other("JPY")), "jpy": .currency(.other("JPY")), "cny": .currency(.other("CNY")),
        "gbp": .currency(.other("GBP")), "dola": .currency(.other("USD")), "phantram": .currency(.other("%")),
        "nguoi": .per(.person), "tv": .per(.member), "ho": .per(.household), "nam": .per(.year),
        "thang": .per(.month), "quy": .per(.quarter), "ngay": .per(.day),
        "dvt": .filler, "tren": .filler, "moi": .filler, "bq": .filler,
    ]

    /// Unit words of several words, longest first.
    static let multiWordAtoms: [([String], Atom)] = [
        (["don", "vi", "tinh"], .filler), (["nhan", "dan", "te"], .currency(.other("CNY"))),
        (["don", "vi"], .filler), (["tinh", "bang"], .filler), (["viet", "nam"], .qualifier),
        (["do", "la"], .currency(.other("USD"))), (["thanh", "vien"], .per(.member)), (["xa", "vien"], .per(.member)),
        (["lao", "dong"], .per(.worker)), (["binh", "quan"], .filler),
    ]

    static func multiWordAtom(_ tokens: [String], at index: Int) -> (Atom, Int)? {
        for (words, atom) in multiWordAtoms
        where index + words.count <= tokens.count && Array(tokens[index..<(index + words.count)]) == words {
            return (atom, words.count)
        }
        return nil
    }

    /// The words split into runs of letters and runs of digits ("1000d" → "1000", "d"), and a figure written with
    /// thousands separators joined again ("1.000.000" folds to "1 000 000").
    static func tokens(_ words: [String]) -> [String] {
        var runs: [String] = []
        for word in words {
            var current = ""
            var currentIsDigit = false
            for character in word {
                let isDigit = character.isASCII && character.isNumber
                if !current.isEmpty, isDigit != currentIsDigit {
                    runs.append(current)
                    current = ""
                }
                current.append(character)
                currentIsDigit = isDigit
            }
            if !current.isEmpty { runs.append(current) }
        }
        var joined: [String] = []
        for run in runs {
            if let last = joined.last, last.allSatisfy(\.isNumber), run.count == 3, run.allSatisfy(\.isNumber),
                last.count <= 3 || last.hasSuffix("000")
            {
                joined[joined.count - 1] += run
            } else {
                joined.append(run)
            }
        }
        return joined
    }

    /// The power of ten a figure is ("1000" is 3), or nil when it is not 10, 100, 1000 …
    static func powerOfTen(_ token: String) -> Int? {
        guard token.count >= 2, token.count <= 16, token.first == "1", token.dropFirst().allSatisfy({ $0 == "0" })
        else { return nil }
        return token.count - 1
    }

    /// A word of letters as unit words written together ("trđ" → tr, đ; "trieudong" → triệu, đồng), or nil when it
    /// is not made of them.
    static func decompose(_ token: String) -> [Atom]? {
        if let atom = atoms[token] { return [atom] }
        guard token.count <= 24, token.allSatisfy({ $0.isASCII && $0.isLetter }) else { return nil }
        let characters = Array(token)
        // Longest first, so that "ngan" is one word rather than "ng" and a stray "an".
        for length in stride(from: min(characters.count - 1, 7), through: 1, by: -1) {
            guard let head = atoms[String(characters[..<length])],
                let tail = decompose(String(characters[length...]))
            else { continue }
            return [head] + tail
        }
        return nil
    }
}
