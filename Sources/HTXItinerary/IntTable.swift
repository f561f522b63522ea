/// A hash table from non-negative integers to values, for the exact solvers' inner loops: open addressing with a
/// multiplicative hash, where `Dictionary`'s seeded hashing of every key took a large share of a split's time.
struct IntTable<Value> {
    private var keys: [Int]
    private var values: [Value?]
    private var shift: Int
    /// The entries held.
    private(set) var count = 0

    /// An empty table with room for about `capacity` entries before it grows (none: nothing is allocated until the
    /// first entry).
    init(capacity: Int = 16) {
        var size = capacity > 0 ? 16 : 0
        while size < capacity * 2 { size *= 2 }
        keys = Array(repeating: -1, count: size)
        values = Array(repeating: nil, count: size)
        shift = size == 0 ? 64 : 64 - size.trailingZeroBitCount
    }

    /// The slot of `key`, or of the empty place where it would go.
    @inline(__always)
    private func slot(_ key: Int) -> Int {
        let mask = keys.count - 1
        var index = Int(truncatingIfNeeded: UInt(bitPattern: key &* -7_046_029_254_386_353_131) >> UInt(shift))
        while keys[index] != key && keys[index] >= 0 { index = (index + 1) & mask }
        return index
    }

    /// The value of `key`, nil when absent; setting nil is not supported (entries are only added or replaced).
    subscript(key: Int) -> Value? {
        get { keys.isEmpty ? nil : values[slot(key)] }
        set {
            precondition(key >= 0, "IntTable keys are non-negative")
            guard let newValue else { preconditionFailure("IntTable entries are never removed") }
            if keys.isEmpty { grow() }
            var index = slot(key)
            if keys[index] < 0 {
                if (count + 1) * 2 > keys.count {
                    grow()
                    index = slot(key)
                }
                keys[index] = key
                count += 1
            }
            values[index] = newValue
        }
    }

    /// Empties the table, keeping its room.
    mutating func removeAll() {
        guard count > 0 else { return }
        for index in keys.indices where keys[index] >= 0 {
            keys[index] = -1
            values[index] = nil
        }
        count = 0
    }

    /// Every key with its value, in no particular order.
    var entries: [(key: Int, value: Value)] {
        keys.indices.compactMap { index in keys[index] < 0 ? nil : values[index].map { (keys[index], $0) } }
    }

    private mutating func grow() {
        let old = (keys, values)
        let size = max(16, old.0.count * 2)
        keys = Array(repeating: -1, count: size)
        values = Array(repeating: nil, count: size)
        shift = 64 - size.trailingZeroBitCount
        for index in old.0.indices where old.0[index] >= 0 {
            let slot = slot(old.0[index])
            keys[slot] = old.0[index]
            values[slot] = old.1[index]
        }
    }
}
