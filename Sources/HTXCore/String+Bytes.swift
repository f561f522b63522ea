extension String {
    /// Whether any byte of the string's UTF-8 passes `test`, read in place from the string's own storage when it has
    /// one (a tight loop over a buffer; the byte view's iterator checks its position for every byte), else byte by
    /// byte.
    @inline(__always)
    func containsByte(where test: (UInt8) -> Bool) -> Bool {
        if let found = utf8.withContiguousStorageIfAvailable({ $0.contains(where: test) }) { return found }
        return utf8.contains(where: test)
    }
}
