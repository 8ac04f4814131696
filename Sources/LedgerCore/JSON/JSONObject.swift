/// A JSON object whose members are kept sorted by the UTF-8 bytes of their keys (the canonical order).
public struct JSONObject: Equatable, @unchecked Sendable, Sequence {
    // Sendable is @unchecked because the storage class derives from ManagedBuffer, which is never
    // Sendable; it is safe because a storage is only ever changed by the one object that uniquely
    // owns it (copy-on-write), so no storage that another value or thread can see is ever mutated.

    /// One member: a key and its value.
    public typealias Element = (key: String, value: JSONValue)

    /// Members in canonical order: kept sorted at all times so the encoder writes them without
    /// sorting and lookups use binary search. Copy-on-write: changed in place only when unshared.
    private(set) var storage: Storage

    /// Creates an empty object.
    public init() {
        storage = Storage.empty
    }

    /// Creates an object from key-value pairs in any order; the keys must be unique.
    public init(uniqueKeysWithValues pairs: some Sequence<(String, JSONValue)>) {
        var sorted = pairs.map { Member(key: $0.0, value: $0.1) }
        sorted.sort { UTF8Order.compare($0.key, $1.key) < 0 }
        var index = 1
        while index < sorted.count {
            precondition(
                UTF8Order.compare(sorted[index - 1].key, sorted[index].key) != 0,
                "JSONObject(uniqueKeysWithValues:): duplicate key \"\(sorted[index].key)\""
            )
            index += 1
        }
        self.init(sortedUniqueMembers: sorted)
    }

    /// Adopts members the caller has already checked to be sorted and unique (the parser has).
    init(sortedUniqueMembers members: [Member]) {
        storage = members.withUnsafeBufferPointer { Storage.make(copying: $0) }
    }

    /// Adopts storage the caller has filled with sorted, unique members.
    init(storage: Storage) {
        self.storage = storage
    }

    /// The members in canonical order, as a new array; iterate the object itself to avoid building it.
    public var members: [Element] {
        storage.withMembers { members in members.map { (key: $0.key, value: $0.value) } }
    }

    /// The value stored under `key`; setting keeps canonical order, and setting nil removes the member.
    public subscript(key: String) -> JSONValue? {
        get {
            storage.withMembers { members in
                let (found, index) = JSONObject.position(of: key, in: members)
                return found ? members[index].value : nil
            }
        }
        set {
            let (found, index) = storage.withMembers { JSONObject.position(of: key, in: $0) }
            // In place when this object is the storage's only owner; otherwise copy on write.
            let isUnique = isKnownUniquelyReferenced(&storage)
            switch (found, newValue) {
            case (true, let value?):
                if !isUnique {
                    storage = storage.copy()
                }
                storage.replaceValue(at: index, with: value)
            case (true, nil):
                if !isUnique {
                    storage = storage.copy()
                }
                storage.remove(at: index)
            case (false, let value?):
                let member = Member(key: key, value: value)
                if isUnique && storage.capacity > storage.count {
                    storage.insert(member, at: index)
                } else {
                    storage = storage.inserting(member, at: index, isUnique: isUnique)
                }
            case (false, nil):
                break
            }
        }
    }

    /// The member stored under `key` with its index in canonical order (0-based).
    func indexedValue(forKey key: String) -> (index: Int, value: JSONValue)? {
        storage.withMembers { members in
            let (found, index) = JSONObject.position(of: key, in: members)
            return found ? (index, members[index].value) : nil
        }
    }

    /// The key of the member at `index` (0-based, canonical order).
    func key(at index: Int) -> String {
        storage.withMembers { $0[index].key }
    }

    /// The number of members.
    public var count: Int { storage.count }

    /// True when the object has no members.
    public var isEmpty: Bool { storage.count == 0 }

    /// The keys in canonical order.
    public var keys: [String] { storage.withMembers { $0.map(\.key) } }

    /// The number of members, so `Array(object)` allocates once.
    public var underestimatedCount: Int { storage.count }

    /// Iterates the members in canonical order.
    public func makeIterator() -> Iterator {
        Iterator(storage: storage)
    }

    /// Yields `(key, value)` pairs in canonical order.
    public struct Iterator: IteratorProtocol {
        private let storage: Storage
        private var index = 0

        init(storage: Storage) {
            self.storage = storage
        }

        /// The next member, or nil after the last.
        public mutating func next() -> Element? {
            let index = self.index
            guard index < storage.count else { return nil }
            self.index += 1
            return storage.withMembers { (key: $0[index].key, value: $0[index].value) }
        }
    }

    /// Objects are equal when they have the same keys (byte for byte) with equal values.
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        if lhs.storage === rhs.storage {
            return true
        }
        return lhs.storage.withMembers { left in
            rhs.storage.withMembers { right in
                guard left.count == right.count else { return false }
                for index in 0..<left.count {
                    guard UTF8Order.equal(left[index].key, right[index].key), left[index].value == right[index].value else {
                        return false
                    }
                }
                return true
            }
        }
    }

    /// Binary search: where `key` is, or where it would be inserted to keep the order.
    private static func position(of key: String, in members: UnsafeBufferPointer<Member>) -> (found: Bool, index: Int) {
        var low = 0
        var high = members.count
        while low < high {
            let middle = (low + high) / 2
            let order = UTF8Order.compare(members[middle].key, key)
            if order == 0 {
                return (true, middle)
            }
            if order < 0 {
                low = middle + 1
            } else {
                high = middle
            }
        }
        return (false, low)
    }
}
