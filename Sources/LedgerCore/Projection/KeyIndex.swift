/// The hash index of a `KeyedTable`: positions of ids in the table's entries, found by open
/// addressing with ordered linear probing over one flat array of 64-bit buckets. The index
/// holds no ids: it asks the table for the id at a position (`isKey`). Growing it hashes no
/// id again: the buckets keep each key's tag, which alone decides where the key goes.
///
/// Why not `[String: Int32]`: a replay looks ids up several times per event (about 6M lookups
/// for 1M events), and a dictionary of strings pays for SipHash on every lookup and for
/// buckets 20 bytes wide (an inline string and a position). A bucket here is 8 bytes: the high
/// 32 bits of the key's hash (its tag) and the key's position + 1 (0 marks an empty bucket), so
/// a probe reads one word and compares a string only when 32 bits of hash agree.
///
/// Why ordered: a key's home bucket is its tag scaled to the number of home buckets (`tag × n
/// >> 32`, which needs no power of two), and the buckets are kept sorted by tag, each at or
/// after its home (an insertion shifts the rest of its run one bucket on). A lookup stops at
/// the first larger tag, so a miss costs about what a hit does, and the index can be kept 80%
/// full where plain linear probing wants at least half its buckets empty. With tables sized
/// from the journal survey's exact counts, that is 10 bytes a key instead of 16–32 (the index
/// of a 10M-event state fell by about 70 MB).
///
/// Keys are hashed by their UTF-8 bytes and compared with `==`. The two agree for the keys the
/// state holds: ids are lowercase ASCII, and every text in the journal is NFC, for which
/// canonical equality is byte equality.
@usableFromInline
struct KeyIndex: Sendable {
    /// Buckets: tag << 32 | (position + 1), or 0 when empty; sorted by tag, ignoring empty
    /// ones. `homeCount` home buckets, then room for runs that spill past the last home
    /// bucket; the last bucket always stays empty, so every probe ends inside the array.
    @usableFromInline private(set) var buckets: [UInt64] = []
    /// How many buckets a tag is scaled to (a key's home is below it).
    @usableFromInline private(set) var homeCount = 0
    /// How many keys the index holds.
    private(set) var count = 0

    /// An empty index.
    init() {}

    /// Keys the index holds before it grows: 80% of its home buckets.
    var capacity: Int { homeCount * 4 / 5 }

    /// The number of buckets (for size estimates).
    var bucketCount: Int { buckets.count }

    /// The position of `key`: the first position whose 32 bits of hash agree and for which
    /// `isKey` is true. `isKey` reads the key stored at a position wherever the table keeps it.
    @inlinable
    func position(of key: String, isKey: (Int) -> Bool) -> Int? {
        position(ofHash: Self.hash(key), isKey: isKey)
    }

    /// The first position whose 32 bits of hash agree with `hash`'s, without comparing keys:
    /// where the entry a lookup of that hash will read most likely is (see `LookupHints`).
    @inlinable
    func candidatePosition(ofHash hash: UInt64) -> Int? {
        position(ofHash: hash) { _ in true }
    }

    /// The bucket a lookup of `hash` starts at, or nil when the index is empty.
    @inlinable
    func homeBucket(ofHash hash: UInt64) -> Int? {
        homeCount == 0 ? nil : Self.home(tag: hash >> 32, homeCount: homeCount)
    }

    /// The address of the bucket a lookup of `hash` starts at, or nil when the index is empty.
    /// Only to be read, and only before the index next changes (see `LookupHints`).
    @inlinable
    func bucketAddress(hash: UInt64) -> UnsafeRawPointer? {
        guard let bucket = homeBucket(ofHash: hash) else { return nil }
        return buckets.withUnsafeBufferPointer { buckets in buckets.baseAddress.map { UnsafeRawPointer($0 + bucket) } }
    }

    /// The first position whose 32 bits of hash agree with `hash`'s and for which `isKey` is true.
    @inlinable
    func position(ofHash hash: UInt64, isKey: (Int) -> Bool) -> Int? {
        guard homeCount > 0 else { return nil }
        let tag = hash >> 32
        var bucket = Self.home(tag: tag, homeCount: homeCount)
        return buckets.withUnsafeBufferPointer { buckets -> Int? in
            // Ends at an empty bucket at the latest (the last one always is).
            while bucket < buckets.count {
                let entry = buckets[bucket]
                let entryTag = entry >> 32
                // Sorted by tag: past the tags below this one, a larger tag (or an empty bucket,
                // whose tag reads as 0 but whose position part is 0 too) ends the search.
                if entry == 0 || entryTag > tag { return nil }
                if entryTag == tag {
                    let position = Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1
                    if isKey(position) { return position }
                }
                bucket += 1
            }
            return nil
        }
    }

    /// A tag's home bucket: the tag scaled from 32 bits to `homeCount` (monotone in the tag,
    /// which is what lets the buckets be sorted by tag with each at or after its home).
    @inlinable
    static func home(tag: UInt64, homeCount: Int) -> Int {
        Int(truncatingIfNeeded: (tag &* UInt64(homeCount)) >> 32)
    }

    /// Records that `key` is at `position`.
    /// - Precondition: the key is not in the index; `position` is below `UInt32.max`.
    mutating func insert(position: Int, key: String) {
        insert(position: position, hash: Self.hash(key))
    }

    /// Records that the key with `hash` is at `position`. (Apart from `insert(position:key:)`
    /// so that tests can choose colliding hashes.)
    mutating func insert(position: Int, hash: UInt64) {
        precondition(position < Int(UInt32.max), "a keyed table holds fewer than \(UInt32.max) entries")
        if count + 1 > capacity { grow(toHold: Swift.max(count + 1, count + count / 2)) }
        while !place(tag: hash >> 32, position: position) {
            // A run reached the end of the spill room: rare, and cured by more home buckets
            // (and more spill room), so grow past the present capacity, never back to it.
            grow(toHold: capacity + capacity / 4 + 16)
        }
        count += 1
    }

    /// Forgets that the key with `hash` is at `position`; false when the index does not hold
    /// that position under that hash's tag.
    ///
    /// The buckets after it that may move back (those past their home) move back one, so the
    /// buckets stay sorted with each at or after its home and no empty bucket is left inside
    /// a run: a later key's home is at least that of the first key that could not move.
    @discardableResult
    mutating func remove(position: Int, hash: UInt64) -> Bool {
        guard homeCount > 0 else { return false }
        let tag = hash >> 32
        let entry = tag << 32 | UInt64(position + 1)
        let homeCount = homeCount
        let removed = buckets.withUnsafeMutableBufferPointer { buckets -> Bool in
            var bucket = Self.home(tag: tag, homeCount: homeCount)
            while buckets[bucket] != entry {
                if buckets[bucket] == 0 || buckets[bucket] >> 32 > tag { return false }
                bucket += 1
            }
            // The last bucket is always empty, so `next` stays inside the array.
            var next = bucket + 1
            while buckets[next] != 0, Self.home(tag: buckets[next] >> 32, homeCount: homeCount) <= bucket {
                buckets[bucket] = buckets[next]
                bucket = next
                next += 1
            }
            buckets[bucket] = 0
            return true
        }
        if removed { count -= 1 }
        return removed
    }

    /// Makes room for `minimumCapacity` keys without further growth.
    mutating func reserveCapacity(_ minimumCapacity: Int) {
        if minimumCapacity > capacity { grow(toHold: minimumCapacity) }
    }

    /// Rebuilds the buckets with room for `keyCount` keys. The keys are placed again from the
    /// tags the buckets hold (a home depends on the tag alone), so no key is hashed again and
    /// the positions need not be 0..<count.
    private mutating func grow(toHold keyCount: Int) {
        let old = buckets
        var wanted = keyCount
        while true {
            homeCount = Swift.max(16, (wanted * 5 + 3) / 4)
            precondition(homeCount <= Int(UInt32.max), "a key index has fewer than \(UInt32.max) home buckets")
            // Room for the runs that spill past the last home bucket (a few dozen at 80%).
            buckets = [UInt64](repeating: 0, count: homeCount + 64 + homeCount / 32)
            var placed = true
            for entry in old where entry != 0 && !place(tag: entry >> 32, position: Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1) {
                placed = false
                break
            }
            if placed { return }
            wanted += wanted / 4 + 16
        }
    }

    /// Puts `position` with `tag` among the buckets in tag order, shifting the larger tags of
    /// its run one bucket on; false (and nothing changed) when the run would fill the last bucket.
    private mutating func place(tag: UInt64, position: Int) -> Bool {
        let entry = tag << 32 | UInt64(position + 1)
        let homeCount = homeCount
        return buckets.withUnsafeMutableBufferPointer { buckets -> Bool in
            var bucket = Self.home(tag: tag, homeCount: homeCount)
            while buckets[bucket] != 0 && buckets[bucket] >> 32 <= tag { bucket += 1 }
            var empty = bucket
            while buckets[empty] != 0 { empty += 1 }
            guard empty < buckets.count - 1 else { return false }
            var moving = empty
            while moving > bucket {
                buckets[moving] = buckets[moving - 1]
                moving -= 1
            }
            buckets[bucket] = entry
            return true
        }
    }
}

extension KeyIndex {
    /// Per process, from the standard library's random hashing seed: ids in a journal are
    /// chosen by whoever writes it, and an unseeded hash would let one choose ids that all
    /// collide, making a replay quadratic. (`SWIFT_DETERMINISTIC_HASHING` makes it fixed.)
    @usableFromInline static let seed: UInt64 = {
        var hasher = Hasher()
        hasher.combine(0x4B65_7949_6E64_6578 as UInt64)
        return UInt64(bitPattern: Int64(hasher.finalize()))
    }()

    /// A 64-bit hash of the key's UTF-8 bytes: each 8-byte word is folded in with a 64×64→128
    /// bit multiply (as wyhash does), which mixes every input bit into both halves.
    @inlinable
    static func hash(_ key: String) -> UInt64 {
        var key = key
        // A native or small string: its bytes in place (a small one is spilled to the stack).
        return key.withUTF8 { bytes -> UInt64 in
            var state = seed ^ (UInt64(bytes.count) &* 0x9E37_79B9_7F4A_7C15)
            var offset = 0
            if let base = UnsafeRawPointer(bytes.baseAddress) {
                while offset + 8 <= bytes.count {
                    state = fold(state ^ base.loadUnaligned(fromByteOffset: offset, as: UInt64.self), 0xA076_1D64_78BD_642F)
                    offset += 8
                }
            }
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while offset < bytes.count {
                tail |= UInt64(bytes[offset]) << shift
                shift += 8
                offset += 1
            }
            return fold(state ^ tail ^ 0xE703_7ED1_A0B4_28DB, 0x8EBC_6AF0_9C88_C6E3)
        }
    }

    /// The two halves of the 128-bit product, xored.
    @inlinable
    static func fold(_ left: UInt64, _ right: UInt64) -> UInt64 {
        let product = left.multipliedFullWidth(by: right)
        return product.high ^ product.low
    }
}

extension KeyIndex: Equatable {
    /// The same positions under the same tags, however the buckets lie (they depend on the
    /// order of insertions, removals and growth).
    @usableFromInline static func == (lhs: KeyIndex, rhs: KeyIndex) -> Bool {
        lhs.count == rhs.count && lhs.buckets.filter { $0 != 0 }.sorted() == rhs.buckets.filter { $0 != 0 }.sorted()
    }
}
