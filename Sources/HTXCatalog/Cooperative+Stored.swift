import HTXCore

extension Cooperative {
    /// The id of a record read from the catalog, where it is always set; a record never stored has none, and
    /// asking for it is refused as an unknown cooperative.
    func storedID() throws -> Int64 {
        guard let id else { throw CatalogError.notFound(ref: name) }
        return id
    }
}
