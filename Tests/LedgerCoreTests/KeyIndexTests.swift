import Testing
@testable import LedgerCore

/// The keyed tables' hash index with hashes chosen by the test: runs of equal tags, tags
/// crowded at the top of the range (runs that spill past the last home bucket), and the
/// ordering every lookup relies on.
@Suite("Key index")
struct KeyIndexTests {
    /// An index of `hashes` (position i has hashes[i]), inserted one at a time.
    static func index(of hashes: [UInt64]) -> KeyIndex {
        var index = KeyIndex()
        for (position, hash) in hashes.enumerated() { index.insert(position: position, hash: hash) }
        return index
    }

    /// Every position is found by its own hash and only there; nothing else is found.
    static func expectFindsExactly(_ index: KeyIndex, _ hashes: [UInt64], absent: [UInt64]) {
        for (position, hash) in hashes.enumerated() {
            // `isKey` stands for the table's id comparison (the position is the id here).
            #expect(index.position(ofHash: hash) { $0 == position } == position, "position \(position)")
        }
        for hash in absent { #expect(index.position(ofHash: hash) { _ in true } == nil, "\(hash)") }
    }

    /// The buckets are sorted by tag (ignoring empty ones), each at or after its home, and the
    /// last is empty; the index holds each position once.
    static func expectOrdered(_ index: KeyIndex, count: Int) {
        var previousTag: UInt64 = 0
        var positions: Set<UInt64> = []
        for (bucket, entry) in index.buckets.enumerated() where entry != 0 {
            let tag = entry >> 32
            #expect(tag >= previousTag, "bucket \(bucket)")
            #expect(KeyIndex.home(tag: tag, homeCount: index.homeCount) <= bucket, "bucket \(bucket)")
            previousTag = tag
            positions.insert(entry & 0xFFFF_FFFF)
        }
        #expect(positions.count == count && index.count == count)
        #expect(index.buckets.last == 0)
        #expect(index.capacity >= count && index.homeCount * 4 / 5 == index.capacity)
    }

    @Test func randomHashesAreFoundThroughEveryGrowth() {
        var generator = CanonicalJSONTests.SeededGenerator(seed: 11)
        let hashes = (0..<20_000).map { _ in generator.next() }
        var index = KeyIndex()
        for (position, hash) in hashes.enumerated() {
            index.insert(position: position, hash: hash)
            if position % 2_500 == 0 { Self.expectOrdered(index, count: position + 1) }
        }
        Self.expectOrdered(index, count: hashes.count)
        let absent = (0..<2_000).map { _ in generator.next() }.filter { candidate in !hashes.contains { $0 >> 32 == candidate >> 32 } }
        Self.expectFindsExactly(index, hashes, absent: absent)
        // Grown one key at a time, by half each time: at most about twice the keys' buckets.
        #expect(index.bucketCount <= hashes.count * 2 + 64)
        // Sized up front (as a replay sizes its tables from the survey's counts): ten bytes a
        // key or so, 80% of the home buckets in use, plus the spill room.
        var reserved = KeyIndex()
        reserved.reserveCapacity(hashes.count)
        for (position, hash) in hashes.enumerated() { reserved.insert(position: position, hash: hash) }
        Self.expectOrdered(reserved, count: hashes.count)
        Self.expectFindsExactly(reserved, hashes, absent: absent)
        #expect(reserved.bucketCount * 8 <= hashes.count * 11)
    }

    @Test func equalTagsAreTellApartByTheTable() {
        // 300 keys share one tag (their hashes differ in the low half only), among others.
        let shared: UInt64 = 0x8000_0000
        var hashes = (0..<300).map { shared << 32 | UInt64($0) }
        hashes += (0..<300).map { UInt64($0 * 7_919 + 1) << 32 }
        let index = Self.index(of: hashes)
        Self.expectOrdered(index, count: hashes.count)
        for position in hashes.indices { #expect(index.position(ofHash: hashes[position]) { $0 == position } == position) }
        // The first with the tag is the candidate; a tag with no key is a miss.
        #expect(index.candidatePosition(ofHash: shared << 32) == 0)
        #expect(index.position(ofHash: (shared + 1) << 32) { _ in true } == nil)
        #expect(index.position(ofHash: shared << 32) { _ in false } == nil)
    }

    @Test func tagsCrowdedAtTheTopSpillPastTheLastHomeBucket() {
        // Every tag within the top 256 values: all share the last home buckets, so the run
        // spills into the room after them, and grows the index when it would reach the end.
        let hashes = (0..<1_000).map { (UInt64(UInt32.max) - UInt64($0 % 256)) << 32 | UInt64($0) }
        let index = Self.index(of: hashes)
        Self.expectOrdered(index, count: hashes.count)
        for position in hashes.indices { #expect(index.position(ofHash: hashes[position]) { $0 == position } == position) }
        #expect(index.position(ofHash: UInt64(UInt32.max - 300) << 32) { _ in true } == nil)
        // Tags at the bottom: home bucket 0 for all, a run from the start.
        let low = (0..<1_000).map { UInt64($0 % 3) << 32 | UInt64($0) }
        let lowIndex = Self.index(of: low)
        Self.expectOrdered(lowIndex, count: low.count)
        for position in low.indices { #expect(lowIndex.position(ofHash: low[position]) { $0 == position } == position) }
    }

    @Test func reservingRoomPlacesNothingAndKeepsLookups() {
        var index = KeyIndex()
        #expect(index.position(ofHash: 42) { _ in true } == nil)
        #expect(index.homeBucket(ofHash: 42) == nil)
        let hashes: [UInt64] = (0..<100).map { UInt64($0) &* 0x9E37_79B9_7F4A_7C15 }
        index.reserveCapacity(1_000)
        #expect(index.capacity >= 1_000 && index.count == 0)
        for (position, hash) in hashes.enumerated() { index.insert(position: position, hash: hash) }
        let buckets = index.bucketCount
        Self.expectOrdered(index, count: hashes.count)
        #expect(index.bucketCount == buckets)
        for position in hashes.indices { #expect(index.position(ofHash: hashes[position]) { $0 == position } == position) }
        #expect(index.homeBucket(ofHash: hashes[5]) == KeyIndex.home(tag: hashes[5] >> 32, homeCount: index.homeCount))
    }

    @Test func removalsKeepEveryOtherKeyFoundAndTheBucketsOrdered() {
        // Insertions and removals interleaved, against a model, with tags from a narrow range
        // (long runs, equal tags, runs spilling past the last home bucket) and from anywhere.
        for narrow in [false, true] {
            var generator = CanonicalJSONTests.SeededGenerator(seed: narrow ? 17 : 19)
            var index = KeyIndex()
            var model: [Int: UInt64] = [:]  // position → hash
            var removed: [(position: Int, hash: UInt64)] = []
            var nextPosition = 0
            for step in 0..<30_000 {
                let random = generator.next()
                if model.isEmpty || random % 5 < 3 {
                    let hash = narrow ? (UInt64(UInt32.max) - random % 512) << 32 | random & 0xFFFF : random
                    index.insert(position: nextPosition, hash: hash)
                    model[nextPosition] = hash
                    nextPosition += 1
                } else {
                    let position = model.keys.min { ($0 &* 0x9E37_79B9) % 1_009 < ($1 &* 0x9E37_79B9) % 1_009 }!
                    let first = index.remove(position: position, hash: model[position]!)
                    // A second removal finds nothing.
                    let second = index.remove(position: position, hash: model[position]!)
                    #expect(first && !second, "step \(step)")
                    removed.append((position, model[position]!))
                    model[position] = nil
                }
                if step % 3_000 == 0 { Self.expectOrdered(index, count: model.count) }
            }
            Self.expectOrdered(index, count: model.count)
            for (position, hash) in model { #expect(index.position(ofHash: hash) { $0 == position } == position) }
            // Removed positions are not found under their hashes.
            #expect(removed.count > 5_000)
            for (position, hash) in removed { #expect(index.position(ofHash: hash) { $0 == position } == nil) }
            // Emptied.
            for (position, hash) in model {
                let found = index.remove(position: position, hash: hash)
                #expect(found)
            }
            #expect(index.count == 0 && index.buckets.allSatisfy { $0 == 0 })
        }
    }

    @Test func removingFromAnEmptyIndexOrAMissingTagFindsNothing() {
        var index = KeyIndex()
        let fromEmpty = index.remove(position: 0, hash: 42)
        index.insert(position: 3, hash: 7 << 32)
        let otherTag = index.remove(position: 3, hash: 8 << 32)
        let otherPosition = index.remove(position: 4, hash: 7 << 32)
        let sameTag = index.remove(position: 3, hash: 7 << 32 | 99)  // only the tag (high half) counts
        #expect(!fromEmpty && !otherTag && !otherPosition && sameTag)
        #expect(index.count == 0)
    }

    @Test func equalityIgnoresWhereTheBucketsLie() {
        let hashes: [UInt64] = (0..<500).map { UInt64($0 % 40) << 32 | UInt64($0) }
        var forward = KeyIndex()
        for (position, hash) in hashes.enumerated() { forward.insert(position: position, hash: hash) }
        var backward = KeyIndex()
        backward.reserveCapacity(2_000)
        for (position, hash) in hashes.enumerated().reversed() { backward.insert(position: position, hash: hash) }
        #expect(forward == backward)
        backward.remove(position: 10, hash: hashes[10])
        #expect(forward != backward)
    }
}
