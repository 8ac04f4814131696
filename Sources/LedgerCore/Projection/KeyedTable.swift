/// A table of state entries by string id: the entries in a dense array in the order they were
/// recorded, found through a hash index of id → position.
///
/// Why not a `Dictionary<String, Value>`: a hash table keeps its load under ¾ by doubling, so
/// at a few million entries about half of its buckets are empty, and each bucket is as wide as
/// an id plus a whole entry (250–550 bytes here). This table's buckets hold an id and a 32-bit
/// position (20 bytes); the entries sit in an array sized from the journal survey's exact
/// counts. Entries are never removed: the ledger is append-only, and so is its state.
///
/// Iteration is in insertion order (seq order for a fold). Equality ignores order, as a
/// dictionary's does, so a state equals another with the same entries however it was built.
public struct KeyedTable<Value: Sendable>: Sendable {
    /// Positions in `keys` and `values` by id.
    private var positions: [String: Int32] = [:]
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
            guard let position = positions[key] else { return nil }
            return values[Int(position)]
        }
        set {
            if let position = positions[key] {
                guard let newValue else { preconditionFailure("a state entry is never removed (\(key))") }
                values[Int(position)] = newValue
            } else if let newValue {
                precondition(values.count < Int(Int32.max), "a table holds at most \(Int32.max) entries")
                positions[key] = Int32(values.count)
                keys.append(key)
                values.append(newValue)
            }
        }
    }

    /// The position of `key`'s entry in `values`, if it has one.
    public func index(forKey key: String) -> Int? {
        positions[key].map { Int($0) }
    }

    /// Reserves room for `minimumCapacity` entries in all three parts.
    public mutating func reserveCapacity(_ minimumCapacity: Int) {
        positions.reserveCapacity(minimumCapacity)
        keys.reserveCapacity(minimumCapacity)
        values.reserveCapacity(minimumCapacity)
    }

    /// Entries the table can hold without growing (the smallest of its parts).
    public var capacity: Int { Swift.min(positions.capacity, keys.capacity, values.capacity) }

    /// The capacity of the hash index alone (for size estimates).
    var indexCapacity: Int { positions.capacity }
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
            guard let position = rhs.positions[key], rhs.values[Int(position)] == value else { return false }
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
