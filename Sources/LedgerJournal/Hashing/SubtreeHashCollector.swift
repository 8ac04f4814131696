/// Computes, in ONE streaming pass over leaf hashes in leaf order, the Merkle tree hash (MTH) of each of a set of
/// pairwise-disjoint leaf ranges, plus the overall root. Memory O(ranges × log n).
///
/// This is how the journal builds proofs for a million-line file without keeping every leaf hash in memory.
/// Ranges shaped like RFC 6962 subtrees (all ranges in inclusion and consistency proofs) cost no extra hashing:
/// their hashes are read off the overall frontier as it is built. Other ranges get a frontier of their own.
public struct SubtreeHashCollector: Sendable {
    /// How the hash of one range is obtained.
    private enum Strategy: Sendable {
        /// A perfect, aligned subtree of 2^height leaves: the carry of that height when its last leaf is appended.
        case carry(height: Int)
        /// An aligned subtree whose size is not a power of two: the last `subtreeCount` frontier entries at its end.
        case frontierSuffix(subtreeCount: Int)
        /// Any other range: its leaves are fed to a separate frontier.
        case separate
    }

    /// One requested range, in the order the ranges end.
    private struct Pending: Sendable {
        var range: Range<Int>
        /// Where the result goes in `hashes()`.
        var resultIndex: Int
        var strategy: Strategy
    }

    private var pending: [Pending]
    /// The next range to complete; ranges are disjoint, so at most one contains the incoming leaf.
    private var cursor = 0
    /// Leaves of the range at `cursor` when it uses `.separate`.
    private var separateFrontier = MerkleFrontier()
    private var overall = MerkleFrontier()
    private var results: [SHA256Digest]

    /// precondition: non-empty, pairwise disjoint ranges. An empty list is allowed (a one-leaf tree's inclusion
    /// path has no ranges), leaving only the overall root to compute.
    public init(ranges: [Range<Int>]) {
        var pending: [Pending] = []
        pending.reserveCapacity(ranges.count)
        for (resultIndex, range) in ranges.enumerated() {
            precondition(range.lowerBound >= 0 && !range.isEmpty, "leaf range \(range) must be non-empty and non-negative")
            pending.append(Pending(range: range, resultIndex: resultIndex, strategy: Self.strategy(for: range)))
        }
        pending.sort { $0.range.lowerBound < $1.range.lowerBound }
        for (earlier, later) in zip(pending, pending.dropFirst()) {
            precondition(earlier.range.upperBound <= later.range.lowerBound, "leaf ranges \(earlier.range) and \(later.range) overlap")
        }
        self.pending = pending
        results = Array(repeating: .zero, count: ranges.count)
    }

    /// The number of leaves appended; the next leaf's index.
    public var leafCount: Int { overall.size }

    /// The root of all leaves appended so far (the tree the proof ranges belong to once all leaves are in).
    public func root() -> SHA256Digest {
        overall.root()
    }

    /// Appends the next leaf; its index is the number of leaves appended before it.
    public mutating func append(leafHash: SHA256Digest) {
        let index = overall.size
        guard cursor < pending.count, pending[cursor].range.lowerBound <= index else {
            overall.append(leafHash: leafHash)
            return
        }
        let current = pending[cursor]
        let isLast = index + 1 == current.range.upperBound
        switch current.strategy {
        case .carry(let height):
            let captured = overall.append(leafHash: leafHash, capturingHeight: isLast ? height : -1)
            if isLast, let captured {
                results[current.resultIndex] = captured
            }
        case .frontierSuffix(let subtreeCount):
            overall.append(leafHash: leafHash)
            if isLast {
                results[current.resultIndex] = overall.foldSuffix(subtreeCount: subtreeCount)
            }
        case .separate:
            overall.append(leafHash: leafHash)
            separateFrontier.append(leafHash: leafHash)
            if isLast {
                results[current.resultIndex] = separateFrontier.root()
                separateFrontier = MerkleFrontier()
            }
        }
        if isLast {
            cursor += 1
        }
    }

    /// The hashes in the order the ranges were given; precondition every range is complete (leafCount >= upperBound).
    public func hashes() -> [SHA256Digest] {
        precondition(cursor == pending.count, "not every leaf range is complete after \(leafCount) leaves")
        return results
    }

    /// Chooses how to read a range's hash off the overall frontier, from its shape alone.
    private static func strategy(for range: Range<Int>) -> Strategy {
        let count = range.count
        // The smallest power of two >= count. If the range starts at a multiple of it, the range is a subtree in
        // RFC 6962's decomposition of any tree containing it, built from frontier-aligned perfect subtrees.
        let span = count.nonzeroBitCount == 1 ? count : 1 << (Int.bitWidth - count.leadingZeroBitCount)
        guard range.lowerBound % span == 0 else { return .separate }
        if count == span {
            return .carry(height: count.trailingZeroBitCount)
        }
        // At size upperBound the low bits of the size are exactly count's bits (lowerBound has none of them).
        return .frontierSuffix(subtreeCount: count.nonzeroBitCount)
    }
}
