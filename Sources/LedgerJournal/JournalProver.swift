import LedgerCore

/// An inclusion proof of one line, in the JSON shape `prove inclusion` prints.
public struct InclusionProofResult: Sendable, Equatable {
    /// The line's seq (leaf index + 1).
    public var seq: Int64
    /// The tree size the proof is against.
    public var size: Int64
    /// The line's leaf hash.
    public var leaf: SHA256Digest
    /// The audit path, in RFC 9162 order.
    public var path: [SHA256Digest]
    /// The root at `size`.
    public var root: SHA256Digest
}

/// A consistency proof between two sizes, in the JSON shape `prove consistency` prints.
public struct ConsistencyProofResult: Sendable, Equatable {
    /// The earlier size.
    public var oldSize: Int64
    /// The later size.
    public var newSize: Int64
    /// The consistency path, in RFC 9162 order.
    public var path: [SHA256Digest]
    /// The root at `oldSize`.
    public var oldRoot: SHA256Digest
    /// The root at `newSize`.
    public var newRoot: SHA256Digest
}

/// Builds Merkle proofs from a journal file in one streaming pass, keeping O(log n) hashes.
public enum JournalProver {
    /// The inclusion proof of line `seq` in the tree of the first `size` lines (default: all
    /// sound lines).
    /// - Throws: `JournalError` when `seq` or `size` is out of range or the journal is not
    ///   sound up to `size`.
    public static func inclusion(path: String, seq: Int64, size requestedSize: Int64?) throws -> InclusionProofResult {
        let soundCount = try soundEventCount(path: path, upTo: requestedSize)
        let size = requestedSize ?? soundCount
        guard size >= 1, size <= soundCount else {
            throw JournalError(.outOfRange, path: path, message: "size \(size) is outside 1–\(soundCount), the events in the journal")
        }
        guard seq >= 1, seq <= size else {
            throw JournalError(.outOfRange, path: path, message: "seq \(seq) is outside 1–\(size), the tree the proof is for")
        }
        let ranges = MerkleProofs.inclusionRanges(index: Int(seq - 1), size: Int(size))
        let collected = try collect(path: path, ranges: ranges, sizes: [size], leafIndex: Int(seq - 1))
        guard let leaf = collected.leaf else {
            throw JournalError(.outOfRange, path: path, message: "seq \(seq) was not found")
        }
        return InclusionProofResult(seq: seq, size: size, leaf: leaf, path: collected.pathHashes, root: collected.roots[0])
    }

    /// The consistency proof from size `oldSize` to `newSize` (default: all sound lines).
    /// - Throws: `JournalError` when the sizes are out of range or the journal is not sound.
    public static func consistency(path: String, oldSize: Int64, newSize requestedNewSize: Int64?) throws -> ConsistencyProofResult {
        let soundCount = try soundEventCount(path: path, upTo: requestedNewSize)
        let newSize = requestedNewSize ?? soundCount
        guard newSize >= 0, newSize <= soundCount else {
            throw JournalError(.outOfRange, path: path, message: "new size \(newSize) is outside 0–\(soundCount), the events in the journal")
        }
        guard oldSize >= 0, oldSize <= newSize else {
            throw JournalError(.outOfRange, path: path, message: "old size \(oldSize) is outside 0–\(newSize): a consistency proof goes from a smaller tree to a larger one")
        }
        let ranges = MerkleProofs.consistencyRanges(oldSize: Int(oldSize), newSize: Int(newSize))
        let collected = try collect(path: path, ranges: ranges, sizes: [oldSize, newSize], leafIndex: nil)
        return ConsistencyProofResult(oldSize: oldSize, newSize: newSize, path: collected.pathHashes,
                                      oldRoot: collected.roots[0], newRoot: collected.roots[1])
    }

    /// Verifies the chain up to `size` (or the whole journal) and returns the sound count.
    private static func soundEventCount(path: String, upTo size: Int64?) throws -> Int64 {
        let verification = try JournalVerifier.verify(path: path)
        if let error = JournalReading.error(for: verification.tail, path: path) {
            // Proofs about a prefix that is sound are still meaningful when only a later part
            // is damaged, but a tree size past the damage is not.
            if size == nil || size! > verification.eventCount { throw error }
        }
        return verification.eventCount
    }

    private struct Collected {
        var pathHashes: [SHA256Digest]
        var roots: [SHA256Digest]
        var leaf: SHA256Digest?
    }

    private static func collect(path: String, ranges: [Range<Int>], sizes: [Int64], leafIndex: Int?) throws -> Collected {
        var collector = ranges.isEmpty ? nil : SubtreeHashCollector(ranges: ranges)
        var frontier = MerkleFrontier()
        var roots = sizes.map { $0 == 0 ? MerkleTree.emptyRoot : SHA256Digest.zero }
        var leaf: SHA256Digest?
        let last = sizes.max() ?? 0
        _ = try JournalReading.scan(path: path, checkChain: true) { entries in
            for entry in entries where Int64(frontier.size) < last {
                guard let leafHash = entry.leafHash else { continue }
                if frontier.size == leafIndex { leaf = leafHash }
                collector?.append(leafHash: leafHash)
                frontier.append(leafHash: leafHash)
                for (index, size) in sizes.enumerated() where Int64(frontier.size) == size { roots[index] = frontier.root() }
            }
            return Int64(frontier.size) < last
        }
        return Collected(pathHashes: collector?.hashes() ?? [], roots: roots, leaf: leaf)
    }
}
