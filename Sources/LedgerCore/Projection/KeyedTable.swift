/// A table of state entries by string id: the entries in a dense array in the order they were
/// recorded, found through a hash index of id → position. Each entry holds the id it is filed
/// under (`KeyedEntry`).
///
/// Why not a `Dictionary<String, Value>`: a hash table keeps its load under ¾ by doubling, so
/// at a few million entries about half of its buckets are empty, and each bucket is as wide as
/// an id plus a whole entry (250–550 bytes here). This table's buckets are 8 bytes, 80% of
/// them in use (see `KeyIndex`); the entries sit in an array sized from the journal survey's exact counts.
/// Entries are never removed: the ledger is append-only, and so is its state.
///
/// Why no array of ids beside the entries: a lookup compares the id it finds through the index
/// with the entry's own, on the cache line the caller reads next, where a separate array of
/// ids was a cache miss of its own; and that array repeated every id, 16 bytes an entry
/// (about 120 MB of a 10M-event state).
///
/// Iteration is in insertion order (seq order for a fold). Equality ignores order, as a
/// dictionary's does, so a state equals another with the same entries however it was built.
public struct KeyedTable<Value: KeyedEntry>: Sendable {
    /// Positions in `values` by id.
    @usableFromInline private(set) var positions = KeyIndex()
    /// The entries, in insertion order. Changed in place by position; never reordered.
    public internal(set) var values: [Value] = []

    /// An empty table.
    public init() {}

    /// How many entries the table holds.
    public var count: Int { values.count }

    /// The ids, in insertion order (an array built on each call).
    public var keys: [String] { values.map(\.entryKey) }

    /// The position of `key`'s entry in `values`, if it has one.
    // Inlinable so that callers in other modules (reports, the CLI) get it specialized for
    // their entry type: unspecialized, reading `entryKey` copied the whole entry.
    @inlinable
    public func index(forKey key: String) -> Int? {
        positions.position(of: key) { values[$0].entryKey == key }
    }

    /// The entry recorded under `key`, if any. Setting an entry adds or replaces it; the entry
    /// must hold `key` as its id, and setting nil for a key that has an entry is a programming
    /// error (entries are never removed).
    public subscript(key: String) -> Value? {
        @inlinable get {
            guard let position = index(forKey: key) else { return nil }
            return values[position]
        }
        set {
            if let position = index(forKey: key) {
                guard let newValue else { preconditionFailure("a state entry is never removed (\(key))") }
                precondition(newValue.entryKey == key, "an entry is filed under its own id: \(newValue.entryKey), not \(key)")
                values[position] = newValue
            } else if let newValue {
                append(newValue, forNewKey: key)
            }
        }
    }

    /// The id of the entry at `position` (read where it lies: `values[position].entryKey`
    /// can copy the whole entry, retaining each of its strings, to read one).
    @inlinable
    public func key(at position: Int) -> String {
        values.withUnsafeBufferPointer { $0[position].entryKey }
    }

    /// Adds an entry under `key`, which must be the entry's own id and not yet in the table
    /// (the caller has checked: one lookup fewer than the subscript's setter, which looks first).
    public mutating func append(_ value: Value, forNewKey key: String) {
        precondition(value.entryKey == key, "an entry is filed under its own id: \(value.entryKey), not \(key)")
        precondition(values.count < Int(Int32.max), "a table holds at most \(Int32.max) entries")
        // Checked in debug builds only: a release replay would pay a second lookup per new id.
        assert(index(forKey: key) == nil, "append(_:forNewKey:) with a key already in the table: \(key)")
        values.append(value)
        positions.insert(position: values.count - 1, key: key)
    }

    /// The address of the hash bucket a lookup of an id with `hash` starts at, or nil when the
    /// table is empty. Only to be read, and only before the table next changes (see
    /// `LookupHints`): it points into the index's storage, which a change can move.
    @inlinable
    func bucketAddress(hash: UInt64) -> UnsafeRawPointer? {
        positions.bucketAddress(hash: hash)
    }

    /// The addresses of the first and the last byte of the entry a lookup of an id with `hash`
    /// most likely finds (the first whose 32 bits of hash agree; no id is compared), or nil.
    /// Both: the id is at an entry's start, and what a fold changes (balances, ends, an open
    /// secondment) at its end, often another cache line. Read the way `bucketAddress` is:
    /// only before the table next changes.
    @inlinable
    func entryAddresses(hash: UInt64) -> (first: UnsafeRawPointer, last: UnsafeRawPointer)? {
        entryAddresses(position: positions.candidatePosition(ofHash: hash))
    }

    /// The addresses of the first and the last byte of the entry at `position`, or nil (read
    /// the way `entryAddresses(hash:)` is).
    @inlinable
    func entryAddresses(position: Int?) -> (first: UnsafeRawPointer, last: UnsafeRawPointer)? {
        guard let position, position < values.count else { return nil }
        let stride = MemoryLayout<Value>.stride
        return values.withUnsafeBytes { bytes in
            bytes.baseAddress.map { ($0 + position * stride, $0 + position * stride + stride - 1) }
        }
    }

    /// Reserves room for `minimumCapacity` entries in the index and the entries.
    public mutating func reserveCapacity(_ minimumCapacity: Int) {
        values.reserveCapacity(minimumCapacity)
        positions.reserveCapacity(minimumCapacity)
    }

    /// Entries the table can hold without growing (the smaller of its parts).
    public var capacity: Int { Swift.min(positions.capacity, values.capacity) }

    /// The number of buckets of the hash index (for size estimates).
    var indexBucketCount: Int { positions.bucketCount }
}

extension KeyedTable: RandomAccessCollection {
    /// An entry with its id.
    public typealias Element = (key: String, value: Value)

    public var startIndex: Int { 0 }
    public var endIndex: Int { values.count }

    public subscript(position: Int) -> Element { (values[position].entryKey, values[position]) }
}

extension KeyedTable: Equatable where Value: Equatable {
    /// Same ids with equal entries, in any order.
    public static func == (lhs: KeyedTable, rhs: KeyedTable) -> Bool {
        guard lhs.count == rhs.count else { return false }
        for value in lhs.values {
            guard let position = rhs.index(forKey: value.entryKey), rhs.values[position] == value else { return false }
        }
        return true
    }
}

extension KeyedTable: ExpressibleByDictionaryLiteral {
    /// A table of the literal's entries, in the literal's order; each key must be its entry's id.
    public init(dictionaryLiteral elements: (String, Value)...) {
        self.init()
        for (key, value) in elements { self[key] = value }
    }
}
