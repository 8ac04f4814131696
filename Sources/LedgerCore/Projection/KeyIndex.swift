/// The hash index of a `KeyedTable`: positions of ids in the table's entries, found by open
/// addressing with linear probing over one flat array of 64-bit buckets. The index holds no
/// ids: it asks the table for the id at a position (`keyAt`, `isKey`).
///
/// Why not `[String: Int32]`: a replay looks ids up several times per event (about 6M lookups
/// for 1M events), and a dictionary of strings pays for SipHash on every lookup and for
/// buckets 20 bytes wide (an inline string and a position). A bucket here is 8 bytes: the high
/// 32 bits of the key's hash and the key's position + 1 (0 marks an empty bucket), so a probe
/// reads one word and compares a string only when 32 bits of hash agree.
///
/// Keys are hashed by their UTF-8 bytes and compared with `==`. The two agree for the keys the
/// state holds: ids are lowercase ASCII, and every text in the journal is NFC, for which
/// canonical equality is byte equality.
@usableFromInline
struct KeyIndex: Sendable {
    /// Buckets: (hash >> 32) << 32 | (position + 1), or 0 when empty. A power of two long.
    @usableFromInline private(set) var buckets: [UInt64] = []
    /// How many keys the index holds.
    private(set) var count = 0

    /// An empty index.
    init() {}

    /// Keys the index holds before it grows: it keeps at least half its buckets empty, so a
    /// miss ends after a short probe.
    var capacity: Int { buckets.count / 2 }

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

    /// The first position whose 32 bits of hash agree with `hash`'s and for which `isKey` is true.
    @inlinable
    func position(ofHash hash: UInt64, isKey: (Int) -> Bool) -> Int? {
        guard !buckets.isEmpty else { return nil }
        let tag = hash >> 32
        let mask = buckets.count - 1
        var bucket = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = buckets[bucket]
            if entry == 0 { return nil }
            if entry >> 32 == tag {
                let position = Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1
                if isKey(position) { return position }
            }
            bucket = (bucket + 1) & mask
        }
    }

    /// Records that `key` is at `position`. `keyAt` gives the id at every position the index
    /// already has (it rehashes them when it grows).
    /// - Precondition: the key is not in the index; `position` is below `UInt32.max`.
    mutating func insert(position: Int, key: String, keyAt: (Int) -> String) {
        if (count + 1) * 2 > buckets.count { grow(toHold: count + 1, keyAt: keyAt) }
        place(position: position, hash: Self.hash(key))
        count += 1
    }

    /// Makes room for `minimumCapacity` keys without further growth.
    mutating func reserveCapacity(_ minimumCapacity: Int, keyAt: (Int) -> String) {
        if minimumCapacity > capacity { grow(toHold: minimumCapacity, keyAt: keyAt) }
    }

    /// Rebuilds the buckets with room for `keyCount` keys, from the ids of the first `count` positions.
    private mutating func grow(toHold keyCount: Int, keyAt: (Int) -> String) {
        var bucketCount = Swift.max(16, buckets.count)
        while bucketCount < keyCount * 2 { bucketCount *= 2 }
        buckets = [UInt64](repeating: 0, count: bucketCount)
        for position in 0..<count { place(position: position, hash: Self.hash(keyAt(position))) }
    }

    private mutating func place(position: Int, hash: UInt64) {
        precondition(position < Int(UInt32.max), "a keyed table holds fewer than \(UInt32.max) entries")
        let mask = buckets.count - 1
        var bucket = Int(truncatingIfNeeded: hash) & mask
        while buckets[bucket] != 0 { bucket = (bucket + 1) & mask }
        buckets[bucket] = (hash >> 32) << 32 | UInt64(position + 1)
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
