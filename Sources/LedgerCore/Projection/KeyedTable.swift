/// A table of state entries by string id: the entries in a dense array in the order they were
/// recorded, found through a hash index of id → position.
///
/// Why not a `Dictionary<String, Value>`: a hash table keeps its load under ¾ by doubling, so
/// at a few million entries about half of its buckets are empty, and each bucket is as wide as
/// an id plus a whole entry (250–550 bytes here). This table's buckets are 8 bytes (see
/// `KeyIndex`); the entries sit in an array sized from the journal survey's exact counts.
/// Entries are never removed: the ledger is append-only, and so is its state.
///
/// Iteration is in insertion order (seq order for a fold). Equality ignores order, as a
/// dictionary's does, so a state equals another with the same entries however it was built.
public struct KeyedTable<Value: Sendable>: Sendable {
    /// Positions in `keys` and `values` by id.
    @usableFromInline private(set) var positions = KeyIndex()
    /// The ids, in insertion order.
    public private(set) var keys: [String] = []
    /// The entries, parallel to `keys`. Changed in place by position; never reordered.
    public internal(set) var values: [Value] = []

    /// An empty table.
    public init() {}

    /// How many entries the table holds.
    public var count: Int { values.count }

    /// The entry recorded under `key`, if any. Setting an entry adds or replaces it; setting
    /// nil for a key that has an entry is a programming error (entries are never removed).
    public subscript(key: String) -> Value? {
        get {
            guard let position = positions.position(of: key, in: keys) else { return nil }
            return values[position]
        }
        set {
            if let position = positions.position(of: key, in: keys) {
                guard let newValue else { preconditionFailure("a state entry is never removed (\(key))") }
                values[position] = newValue
            } else if let newValue {
                append(newValue, forNewKey: key)
            }
        }
    }

    /// Adds an entry under `key`, which the caller has checked is not in the table (one
    /// lookup fewer than the subscript's setter, which looks first).
    public mutating func append(_ value: Value, forNewKey key: String) {
        appendUnchecked(value, forNewKey: key)
    }

    /// `append(_:forNewKey:)` without the checks of a table of `KeyedEntry`s.
    mutating func appendUnchecked(_ value: Value, forNewKey key: String) {
        precondition(values.count < Int(Int32.max), "a table holds at most \(Int32.max) entries")
        // Checked in debug builds only: a release replay would pay a second lookup per new id.
        assert(positions.position(of: key, in: keys) == nil, "append(_:forNewKey:) with a key already in the table: \(key)")
        keys.append(key)
        values.append(value)
        positions.insert(position: keys.count - 1, in: keys)
    }

    /// The position of `key`'s entry in `values`, if it has one.
    public func index(forKey key: String) -> Int? {
        positions.position(of: key, in: keys)
    }

    /// Reserves room for `minimumCapacity` entries in all three parts.
    public mutating func reserveCapacity(_ minimumCapacity: Int) {
        positions.reserveCapacity(minimumCapacity, keys: keys)
        keys.reserveCapacity(minimumCapacity)
        values.reserveCapacity(minimumCapacity)
    }

    /// Entries the table can hold without growing (the smallest of its parts).
    public var capacity: Int { Swift.min(positions.capacity, keys.capacity, values.capacity) }

    /// The number of buckets of the hash index (for size estimates).
    var indexBucketCount: Int { positions.bucketCount }
}

extension KeyedTable: RandomAccessCollection {
    /// An entry with its id.
    public typealias Element = (key: String, value: Value)

    public var startIndex: Int { 0 }
    public var endIndex: Int { values.count }

    public subscript(position: Int) -> Element { (keys[position], values[position]) }
}

extension KeyedTable: Equatable where Value: Equatable {
    /// Same ids with equal entries, in any order.
    public static func == (lhs: KeyedTable, rhs: KeyedTable) -> Bool {
        guard lhs.count == rhs.count else { return false }
        for (key, value) in lhs {
            guard let position = rhs.index(forKey: key), rhs.values[position] == value else { return false }
        }
        return true
    }
}

extension KeyedTable: ExpressibleByDictionaryLiteral {
    /// A table of the literal's entries, in the literal's order.
    public init(dictionaryLiteral elements: (String, Value)...) {
        self.init()
        for (key, value) in elements { self[key] = value }
    }
}
