/// The compact Merkle frontier: roots of the perfect subtrees covering leaves 0..<size, largest (leftmost) first.
///
/// There is one subtree per set bit of `size`, so memory is O(log size), and appending is amortised O(1) hashes
/// (like incrementing a binary counter). Used to compute roots while streaming and stored in checkpoints.
public struct MerkleFrontier: Equatable, Sendable {
    /// The number of leaves appended.
    public private(set) var size: Int
    /// The perfect-subtree roots, one per set bit of `size`, from the most significant bit down.
    public private(set) var hashes: [SHA256Digest]

    /// The frontier of the empty tree.
    public init() {
        size = 0
        hashes = []
    }

    /// Restores a stored frontier; nil unless the shape fits (`hashes.count == size.nonzeroBitCount`).
    public init?(size: Int, hashes: [SHA256Digest]) {
        guard size >= 0, hashes.count == size.nonzeroBitCount else { return nil }
        self.size = size
        self.hashes = hashes
    }

    /// Appends the next leaf, merging equal-sized subtrees the way a binary counter carries.
    public mutating func append(leafHash: SHA256Digest) {
        _ = append(leafHash: leafHash, capturingHeight: -1)
    }

    /// The RFC 6962 Merkle tree hash of the leaves so far; `MerkleTree.emptyRoot` when `size == 0`.
    public func root() -> SHA256Digest {
        foldSuffix(subtreeCount: hashes.count)
    }

    /// Appends like `append(leafHash:)` and returns the root of the perfect subtree of 2^`capturingHeight` leaves
    /// that ends with this leaf, if the append builds it (it does exactly when that subtree is aligned).
    mutating func append(leafHash: SHA256Digest, capturingHeight: Int) -> SHA256Digest? {
        var carry = leafHash
        var captured: SHA256Digest? = capturingHeight == 0 ? carry : nil
        var height = 0
        // Each trailing one bit of the old size is a subtree of the same height as the carry: merge and carry on.
        while size & (1 << height) != 0, let left = hashes.popLast() {
            carry = MerkleTree.nodeHash(left, carry)
            height += 1
            if height == capturingHeight {
                captured = carry
            }
        }
        hashes.append(carry)
        size += 1
        return captured
    }

    /// The Merkle tree hash of the leaves covered by the last `subtreeCount` subtrees.
    ///
    /// Folding right to left matches RFC 9162's split at the largest power of two, because each subtree is larger
    /// than all the ones after it combined. With every subtree this is the root; with a suffix, it is the MTH of the
    /// rightmost leaves (the shape of the right-hand siblings in inclusion and consistency proofs).
    func foldSuffix(subtreeCount: Int) -> SHA256Digest {
        precondition(subtreeCount >= 0 && subtreeCount <= hashes.count, "suffix of \(subtreeCount) subtrees out of range")
        guard subtreeCount > 0, var folded = hashes.last else { return MerkleTree.emptyRoot }
        var index = hashes.count - 1
        while index > hashes.count - subtreeCount {
            index -= 1
            folded = MerkleTree.nodeHash(hashes[index], folded)
        }
        return folded
    }
}
