/// Inclusion and consistency proofs as in RFC 9162 §2.1.3 and §2.1.4 (path order exactly as the RFC's PATH and
/// PROOF/SUBPROOF produce).
///
/// Proofs are described as leaf ranges rather than hashes so that the journal can compute the hashes in one
/// streaming pass (see `SubtreeHashCollector`) instead of holding every leaf hash in memory.
public enum MerkleProofs {
    /// The 0-based half-open leaf ranges whose subtree hashes make up the inclusion path of leaf `index` in a tree
    /// of `size` leaves, in RFC 9162 order (the sibling nearest the leaf first). precondition 0 <= index < size.
    public static func inclusionRanges(index: Int, size: Int) -> [Range<Int>] {
        precondition(index >= 0 && index < size, "leaf \(index) is not in a tree of \(size) leaves")
        // PATH recurses from the root down and appends each sibling after the deeper path, so the ranges are
        // collected top-down here and reversed.
        var ranges: [Range<Int>] = []
        var lower = 0
        var count = size
        var remainingIndex = index
        while count > 1 {
            let split = MerkleTree.largestPowerOfTwo(below: count)
            if remainingIndex < split {
                ranges.append((lower + split)..<(lower + count))
                count = split
            } else {
                ranges.append(lower..<(lower + split))
                lower += split
                remainingIndex -= split
                count -= split
            }
        }
        ranges.reverse()
        return ranges
    }

    /// The leaf ranges whose subtree hashes make up the consistency proof from `oldSize` to `newSize`, in RFC 9162
    /// order. Empty when oldSize == 0 or oldSize == newSize. precondition 0 <= oldSize <= newSize.
    public static func consistencyRanges(oldSize: Int, newSize: Int) -> [Range<Int>] {
        precondition(oldSize >= 0 && oldSize <= newSize, "no consistency proof from \(oldSize) to \(newSize) leaves")
        guard oldSize > 0, oldSize < newSize else { return [] }
        // SUBPROOF(m, D[n], b), unrolled; like PATH, each level's sibling follows the deeper part of the proof.
        var ranges: [Range<Int>] = []
        var lower = 0
        var count = newSize
        var remainingOld = oldSize
        var oldTreeIsWholeSubtree = true  // the flag b: the old root is known to the verifier, so omit it
        while remainingOld != count {
            let split = MerkleTree.largestPowerOfTwo(below: count)
            if remainingOld <= split {
                ranges.append((lower + split)..<(lower + count))
                count = split
            } else {
                ranges.append(lower..<(lower + split))
                lower += split
                remainingOld -= split
                count -= split
                oldTreeIsWholeSubtree = false
            }
        }
        if !oldTreeIsWholeSubtree {
            ranges.append(lower..<(lower + count))
        }
        ranges.reverse()
        return ranges
    }

    /// RFC 9162 §2.1.3.2 verification. false for index >= size.
    public static func verifyInclusion(
        leafHash: SHA256Digest, index: Int, size: Int, path: [SHA256Digest], root: SHA256Digest
    ) -> Bool {
        guard index >= 0, index < size else { return false }
        var first = index
        var last = size - 1
        var computed = leafHash
        for sibling in path {
            guard last != 0 else { return false }
            if first & 1 == 1 || first == last {
                computed = MerkleTree.nodeHash(sibling, computed)
                // Skip the levels where this node has no right sibling (it is the last node and a left child).
                if first & 1 == 0 {
                    while first & 1 == 0 && first != 0 {
                        first >>= 1
                        last >>= 1
                    }
                }
            } else {
                computed = MerkleTree.nodeHash(computed, sibling)
            }
            first >>= 1
            last >>= 1
        }
        return last == 0 && computed == root
    }

    /// RFC 9162 §2.1.4.2 verification, plus the documented edge cases: oldSize == 0 → true iff path is empty (the
    /// empty tree is a prefix of every tree; oldRoot must equal emptyRoot); oldSize == newSize → true iff path is
    /// empty and oldRoot == newRoot; oldSize > newSize → false.
    public static func verifyConsistency(
        oldSize: Int, newSize: Int, oldRoot: SHA256Digest, newRoot: SHA256Digest, path: [SHA256Digest]
    ) -> Bool {
        guard oldSize >= 0, oldSize <= newSize else { return false }
        if oldSize == 0 {
            return path.isEmpty && oldRoot == MerkleTree.emptyRoot
        }
        if oldSize == newSize {
            return path.isEmpty && oldRoot == newRoot
        }
        guard !path.isEmpty else { return false }
        // When the old tree is a perfect subtree its root is the first proof node, and the RFC leaves it out.
        var remaining = path[...]
        let seed: SHA256Digest
        if oldSize.nonzeroBitCount == 1 {
            seed = oldRoot
        } else if let first = remaining.popFirst() {
            seed = first
        } else {
            return false
        }
        var first = oldSize - 1
        var last = newSize - 1
        while first & 1 == 1 {
            first >>= 1
            last >>= 1
        }
        var oldComputed = seed
        var newComputed = seed
        for node in remaining {
            guard last != 0 else { return false }
            if first & 1 == 1 || first == last {
                oldComputed = MerkleTree.nodeHash(node, oldComputed)
                newComputed = MerkleTree.nodeHash(node, newComputed)
                if first & 1 == 0 {
                    while first & 1 == 0 && first != 0 {
                        first >>= 1
                        last >>= 1
                    }
                }
            } else {
                newComputed = MerkleTree.nodeHash(newComputed, node)
            }
            first >>= 1
            last >>= 1
        }
        return oldComputed == oldRoot && newComputed == newRoot && last == 0
    }
}
