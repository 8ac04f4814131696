/// Every node of an RFC 6962 tree over a list of leaf hashes, built bottom-up once, so any
/// subtree root a proof needs is a lookup: an audit packet of many events needs many proofs,
/// and computing each from the leaves would cost O(size) hashes per proof.
///
/// The bottom-up tree, where an unpaired last node moves up a level unchanged, has the same
/// nodes as RFC 6962's split at the largest power of two: every RFC node covers
/// `[a, min(a + 2^j, size))` with `a` a multiple of `2^j`, which is node `a >> j` of level `j`.
/// Memory: about two digests (64 bytes) per leaf.
public struct MerkleLevels: Sendable {
    /// `levels[0]` are the leaf hashes; `levels[j][i]` covers leaves `i << j ..< min((i + 1) << j, size)`.
    private let levels: [[SHA256Digest]]

    /// Builds every level above `leafHashes`.
    public init(leafHashes: [SHA256Digest]) {
        var levels = [leafHashes]
        while let below = levels.last, below.count > 1 {
            var above: [SHA256Digest] = []
            above.reserveCapacity((below.count + 1) / 2)
            var index = 0
            while index + 1 < below.count {
                above.append(MerkleTree.nodeHash(below[index], below[index + 1]))
                index += 2
            }
            if index < below.count { above.append(below[index]) }  // the unpaired node moves up unchanged
            levels.append(above)
        }
        self.levels = levels
    }

    /// The number of leaves.
    public var size: Int { levels[0].count }

    /// The root of the whole tree (the empty-tree hash when there are no leaves).
    public var root: SHA256Digest { size == 0 ? MerkleTree.emptyRoot : levels[levels.count - 1][0] }

    /// The root of the subtree over `range`, which must be a node of the RFC 6962 tree
    /// (as every range from `MerkleProofs` is).
    public func root(of range: Range<Int>) -> SHA256Digest {
        precondition(!range.isEmpty && range.upperBound <= size, "a subtree range lies inside the tree")
        var height = 0
        while (1 << height) < range.count { height += 1 }
        precondition(range.lowerBound % (1 << height) == 0, "range \(range) is not a node of the tree")
        return levels[height][range.lowerBound >> height]
    }

    /// The audit path of leaf `index` (0-based) in the whole tree (RFC 9162 §2.1.3).
    public func inclusionPath(index: Int) -> [SHA256Digest] {
        MerkleProofs.inclusionRanges(index: index, size: size).map(root(of:))
    }
}
