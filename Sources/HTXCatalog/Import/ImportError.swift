/// Why a file cannot be imported at all, with the values the words need (they are the edge's, `HTXMessages`).
public enum ImportError: Error, Equatable, Sendable {
    /// UTF-8 but for a few bytes: how many, and the row of the first.
    case almostUTF8(file: String, invalid: Int, row: Int)
    /// Said to be UTF-8 (by a byte-order mark or `encoding`), and it is not.
    case invalidUTF8(file: String)
    /// Two columns are the same field: their positions (1-based) and headers.
    case duplicateColumns(file: String, first: Int, firstHeader: String, second: Int, secondHeader: String)
    /// A money column whose header names a unit htx cannot read: its position (1-based), header and the field it
    /// would go into (`revenue 2021`, `charterCapital`).
    case unreadableUnit(file: String, column: Int, header: String, field: String)
}
