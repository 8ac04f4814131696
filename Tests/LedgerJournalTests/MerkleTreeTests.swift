import Foundation
import Testing

@testable import LedgerJournal

/// RFC 6962 / RFC 9162 Merkle tree tests: the production code is compared against a naive transcription of the
/// RFC's recursive definitions below, over many tree shapes.
@Suite("Merkle tree")
struct MerkleTreeTests {
    // MARK: Known answers

    @Test("The empty tree's root is SHA-256 of the empty string")
    func emptyTree() {
        let expected = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        #expect(MerkleTree.emptyRoot.hex == expected)
        #expect(MerkleFrontier().root().hex == expected)
        #expect(MerkleTree.root(leafHashes: []).hex == expected)
        #expect(ReferenceMerkleTree.hash(of: []).hex == expected)
    }

    @Test("Certificate Transparency reference roots (merkle_tree_test, 8 leaves)")
    func certificateTransparencyRoots() {
        let expectedRoots = [
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
        ]
        let leaves = TestLeaves.certificateTransparency
        var frontier = MerkleFrontier()
        for (index, expected) in expectedRoots.enumerated() {
            frontier.append(leafHash: MerkleTree.leafHash(leaves[index]))
            let prefix = Array(leaves[0...index])
            #expect(ReferenceMerkleTree.hash(of: prefix[...]).hex == expected, "oracle, \(index + 1) leaves")
            #expect(frontier.root().hex == expected, "frontier, \(index + 1) leaves")
            #expect(MerkleTree.root(leafHashes: prefix.map { MerkleTree.leafHash($0) }).hex == expected)
        }
    }

    @Test("leafHash and nodeHash are SHA-256 with the 0x00 and 0x01 prefixes")
    func domainSeparation() {
        var random = TestRandom(seed: 0x4c45_4146)
        for length in [0, 1, 54, 55, 56, 62, 63, 64, 65, 127, 128, 350, 1000] {
            let line = random.bytes(count: length)
            #expect(MerkleTree.leafHash(line) == SHA256.hash([0x00] + line), "length \(length)")
            #expect(line.withUnsafeBytes { MerkleTree.leafHash($0) } == SHA256.hash([0x00] + line))
        }
        for _ in 0..<50 {
            let left = SHA256Digest(bytes: random.bytes(count: 32))
            let right = SHA256Digest(bytes: random.bytes(count: 32))
            #expect(MerkleTree.nodeHash(left, right) == SHA256.hash([0x01] + left.bytes + right.bytes))
        }
    }

    // MARK: Roots

    @Test("Frontier root == MerkleTree.root(leafHashes:) == oracle MTH", arguments: TestLeaves.treeSizes)
    func roots(size: Int) throws {
        let leaves = TestLeaves.leaves(count: size)
        let leafHashes = leaves.map { MerkleTree.leafHash($0) }
        let expected = ReferenceMerkleTree.hash(of: leaves[...])
        var frontier = MerkleFrontier()
        for leafHash in leafHashes {
            frontier.append(leafHash: leafHash)
        }
        #expect(frontier.size == size)
        #expect(frontier.hashes.count == size.nonzeroBitCount)
        #expect(frontier.root() == expected)
        #expect(MerkleTree.root(leafHashes: leafHashes) == expected)

        // A stored frontier restores to the same value and keeps growing identically.
        var restored = try #require(MerkleFrontier(size: frontier.size, hashes: frontier.hashes))
        #expect(restored == frontier)
        let extra = MerkleTree.leafHash([0xAB])
        restored.append(leafHash: extra)
        #expect(restored.root() == ReferenceMerkleTree.hash(of: (leaves + [[0xAB]])[...]))
    }

    @Test("Frontier perfect subtrees are the MTHs of aligned power-of-two blocks, largest first")
    func frontierShape() {
        let leaves = TestLeaves.leaves(count: 45)
        var frontier = MerkleFrontier()
        for leaf in leaves {
            frontier.append(leafHash: MerkleTree.leafHash(leaf))
        }
        // 45 = 32 + 8 + 4 + 1
        #expect(frontier.hashes == [0..<32, 32..<40, 40..<44, 44..<45].map { ReferenceMerkleTree.hash(of: leaves[$0]) })
    }

    @Test("MerkleFrontier(size:hashes:) rejects shapes that cannot be a frontier")
    func frontierValidation() {
        let hash = MerkleTree.leafHash([1])
        #expect(MerkleFrontier(size: 0, hashes: []) == MerkleFrontier())
        #expect(MerkleFrontier(size: 0, hashes: [hash]) == nil)
        #expect(MerkleFrontier(size: 1, hashes: []) == nil)
        #expect(MerkleFrontier(size: 3, hashes: [hash]) == nil)
        #expect(MerkleFrontier(size: 3, hashes: [hash, hash, hash]) == nil)
        #expect(MerkleFrontier(size: -1, hashes: []) == nil)
        #expect(MerkleFrontier(size: 4, hashes: [hash]) != nil)
        #expect(MerkleFrontier(size: 7, hashes: [hash, hash, hash])?.size == 7)
    }

    // MARK: Inclusion proofs

    @Test("Inclusion: ranges + collector == oracle PATH, verifies, tampering fails", arguments: TestLeaves.treeSizes)
    func inclusion(size: Int) {
        let leaves = TestLeaves.leaves(count: size)
        let leafHashes = leaves.map { MerkleTree.leafHash($0) }
        let root = ReferenceMerkleTree.hash(of: leaves[...])
        for index in TestLeaves.indicesToCheck(size: size) {
            let ranges = MerkleProofs.inclusionRanges(index: index, size: size)
            let path = collectPath(ranges: ranges, leafHashes: leafHashes, expectedRoot: root)
            let expected = ReferenceMerkleTree.path(index, leaves[...])
            #expect(path == expected, "index \(index) of \(size)")
            #expect(ranges.count == expected.count)
            for (range, hash) in zip(ranges, path) {
                #expect(ReferenceMerkleTree.hash(of: leaves[range]) == hash, "range \(range)")
            }
            let leafHash = leafHashes[index]
            #expect(MerkleProofs.verifyInclusion(leafHash: leafHash, index: index, size: size, path: path, root: root))

            // Tampering: every flipped hash, every dropped element, an extra element, another leaf, another index.
            for position in path.indices {
                var flipped = path
                flipped[position] = flipFirstBit(flipped[position])
                #expect(!MerkleProofs.verifyInclusion(leafHash: leafHash, index: index, size: size, path: flipped, root: root))
                var dropped = path
                dropped.remove(at: position)
                #expect(!MerkleProofs.verifyInclusion(leafHash: leafHash, index: index, size: size, path: dropped, root: root))
            }
            #expect(!MerkleProofs.verifyInclusion(leafHash: leafHash, index: index, size: size, path: path + [root], root: root))
            #expect(!MerkleProofs.verifyInclusion(leafHash: flipFirstBit(leafHash), index: index, size: size, path: path, root: root))
            #expect(!MerkleProofs.verifyInclusion(leafHash: leafHash, index: index, size: size, path: path, root: flipFirstBit(root)))
            for wrongIndex in [index - 1, index + 1, size - 1 - index, index ^ 1, index + size, -1] where wrongIndex != index {
                #expect(
                    !MerkleProofs.verifyInclusion(leafHash: leafHash, index: wrongIndex, size: size, path: path, root: root),
                    "index \(index) of \(size) accepted as index \(wrongIndex)")
            }
            // Other sizes. RFC 9162 verification binds the size only through the path's shape: checked against the
            // same root it passes exactly when both sizes give the leaf the same route (e.g. leaf 0 of 3 and of 4);
            // checked against the other size's real root it passes only if the path is also that size's proof.
            for wrongSize in [size - 1, size + 1, size * 2] where wrongSize != size && wrongSize > index {
                let sameRoute = ReferenceMerkleTree.directions(index, size) == ReferenceMerkleTree.directions(index, wrongSize)
                #expect(
                    MerkleProofs.verifyInclusion(leafHash: leafHash, index: index, size: wrongSize, path: path, root: root)
                        == sameRoute,
                    "index \(index): proof for size \(size) checked as size \(wrongSize)")
                if index % 7 == 0 || size <= 16 {
                    let otherLeaves = TestLeaves.leaves(count: wrongSize)
                    let accepted = MerkleProofs.verifyInclusion(
                        leafHash: leafHash, index: index, size: wrongSize, path: path,
                        root: ReferenceMerkleTree.hash(of: otherLeaves[...]))
                    #expect(
                        accepted == (ReferenceMerkleTree.path(index, otherLeaves[...]) == path),
                        "index \(index): proof for size \(size) checked against size \(wrongSize)'s root")
                }
            }
            #expect(!MerkleProofs.verifyInclusion(leafHash: leafHash, index: index, size: index, path: path, root: root))
        }
        #expect(!MerkleProofs.verifyInclusion(leafHash: MerkleTree.emptyRoot, index: 0, size: 0, path: [], root: MerkleTree.emptyRoot))
    }

    @Test("MerkleLevels: the bottom-up tree gives the oracle's root, every inclusion PATH and every consistency range", arguments: Array(0...70))
    func levels(size: Int) {
        let leaves = TestLeaves.leaves(count: size)
        let tree = MerkleLevels(leafHashes: leaves.map { MerkleTree.leafHash($0) })
        #expect(tree.size == size)
        #expect(tree.root == ReferenceMerkleTree.hash(of: leaves[...]))
        for index in 0..<size {
            #expect(tree.inclusionPath(index: index) == ReferenceMerkleTree.path(index, leaves[...]), "index \(index) of \(size)")
        }
        for oldSize in 1..<max(size, 1) {
            for range in MerkleProofs.consistencyRanges(oldSize: oldSize, newSize: size) {
                #expect(tree.root(of: range) == ReferenceMerkleTree.hash(of: leaves[range]), "range \(range) of \(size)")
            }
        }
    }

    @Test("Inclusion ranges are RFC 6962 subtrees in leaf-to-root order")
    func inclusionRangeShape() {
        #expect(MerkleProofs.inclusionRanges(index: 0, size: 1) == [])
        #expect(MerkleProofs.inclusionRanges(index: 0, size: 2) == [1..<2])
        #expect(MerkleProofs.inclusionRanges(index: 2, size: 3) == [0..<2])
        #expect(MerkleProofs.inclusionRanges(index: 0, size: 3) == [1..<2, 2..<3])
        #expect(MerkleProofs.inclusionRanges(index: 5, size: 8) == [4..<5, 6..<8, 0..<4])
        #expect(MerkleProofs.inclusionRanges(index: 3, size: 7) == [2..<3, 0..<2, 4..<7])
        #expect(MerkleProofs.inclusionRanges(index: 6, size: 7) == [4..<6, 0..<4])
        let ranges = MerkleProofs.inclusionRanges(index: 999_999, size: 1_000_000)
        #expect(ranges.count == ReferenceMerkleTree.directions(999_999, 1_000_000).count)
        #expect(ranges.map(\.count).reduce(0, +) == 1_000_000 - 1)
    }

    // MARK: Consistency proofs

    @Test("Consistency: ranges + collector == oracle PROOF, verifies, tampering fails", arguments: Array(0...40))
    func consistency(newSize: Int) {
        let leaves = TestLeaves.leaves(count: newSize)
        let leafHashes = leaves.map { MerkleTree.leafHash($0) }
        let newRoot = ReferenceMerkleTree.hash(of: leaves[...])
        for oldSize in 0...newSize {
            let oldRoot = ReferenceMerkleTree.hash(of: leaves[0..<oldSize])
            let ranges = MerkleProofs.consistencyRanges(oldSize: oldSize, newSize: newSize)
            let path = ranges.isEmpty ? [] : collectPath(ranges: ranges, leafHashes: leafHashes, expectedRoot: newRoot)
            let expected = oldSize == 0 || oldSize == newSize ? [] : ReferenceMerkleTree.proof(oldSize, leaves[...])
            #expect(path == expected, "\(oldSize) → \(newSize)")
            #expect(
                MerkleProofs.verifyConsistency(oldSize: oldSize, newSize: newSize, oldRoot: oldRoot, newRoot: newRoot, path: path),
                "\(oldSize) → \(newSize)")
            #expect(!MerkleProofs.verifyConsistency(oldSize: newSize, newSize: oldSize, oldRoot: newRoot, newRoot: oldRoot, path: path)
                || oldSize == newSize)

            for position in path.indices {
                var flipped = path
                flipped[position] = flipFirstBit(flipped[position])
                #expect(!MerkleProofs.verifyConsistency(
                    oldSize: oldSize, newSize: newSize, oldRoot: oldRoot, newRoot: newRoot, path: flipped))
                var dropped = path
                dropped.remove(at: position)
                #expect(!MerkleProofs.verifyConsistency(
                    oldSize: oldSize, newSize: newSize, oldRoot: oldRoot, newRoot: newRoot, path: dropped))
            }
            #expect(!MerkleProofs.verifyConsistency(
                oldSize: oldSize, newSize: newSize, oldRoot: oldRoot, newRoot: newRoot, path: path + [newRoot]))
            #expect(!MerkleProofs.verifyConsistency(
                oldSize: oldSize, newSize: newSize, oldRoot: flipFirstBit(oldRoot), newRoot: newRoot, path: path))
            // From the empty tree nothing about the new root can be checked: every tree extends it.
            #expect(oldSize == 0 || !MerkleProofs.verifyConsistency(
                oldSize: oldSize, newSize: newSize, oldRoot: oldRoot, newRoot: flipFirstBit(newRoot), path: path))
            // The same roots claimed for a tree twice as large: the path runs out before reaching the top.
            #expect(oldSize == 0 || oldSize == newSize || !MerkleProofs.verifyConsistency(
                oldSize: oldSize, newSize: 2 * newSize, oldRoot: oldRoot, newRoot: newRoot, path: path),
                "proof \(oldSize) → \(newSize) accepted for \(oldSize) → \(2 * newSize)")
            // Claimed against other sizes with those sizes' real roots, the proof holds only if it is also theirs.
            for (otherOld, otherNew) in [(oldSize - 1, newSize), (oldSize + 1, newSize), (oldSize, newSize + 1), (oldSize, newSize - 1)]
            where otherOld > 0 && otherOld < otherNew && (otherOld, otherNew) != (oldSize, newSize) {
                let otherLeaves = TestLeaves.leaves(count: otherNew)
                let accepted = MerkleProofs.verifyConsistency(
                    oldSize: otherOld, newSize: otherNew,
                    oldRoot: ReferenceMerkleTree.hash(of: otherLeaves[0..<otherOld]),
                    newRoot: ReferenceMerkleTree.hash(of: otherLeaves[...]), path: path)
                #expect(accepted == (ReferenceMerkleTree.proof(otherOld, otherLeaves[...]) == path),
                    "proof \(oldSize) → \(newSize) checked as \(otherOld) → \(otherNew)")
            }
        }
    }

    @Test("Consistency edge cases: empty old tree, equal sizes, shrinking, negative sizes")
    func consistencyEdgeCases() {
        let leaves = TestLeaves.leaves(count: 9)
        let root = ReferenceMerkleTree.hash(of: leaves[...])
        let smaller = ReferenceMerkleTree.hash(of: leaves[0..<5])
        let empty = MerkleTree.emptyRoot
        #expect(MerkleProofs.consistencyRanges(oldSize: 0, newSize: 9) == [])
        #expect(MerkleProofs.consistencyRanges(oldSize: 9, newSize: 9) == [])
        #expect(MerkleProofs.consistencyRanges(oldSize: 0, newSize: 0) == [])
        // The empty tree is a prefix of every tree, provided the claimed old root really is the empty root.
        #expect(MerkleProofs.verifyConsistency(oldSize: 0, newSize: 9, oldRoot: empty, newRoot: root, path: []))
        #expect(MerkleProofs.verifyConsistency(oldSize: 0, newSize: 0, oldRoot: empty, newRoot: empty, path: []))
        #expect(!MerkleProofs.verifyConsistency(oldSize: 0, newSize: 9, oldRoot: smaller, newRoot: root, path: []))
        #expect(!MerkleProofs.verifyConsistency(oldSize: 0, newSize: 9, oldRoot: empty, newRoot: root, path: [root]))
        // Equal sizes: consistent exactly when the roots agree and nothing else is claimed.
        #expect(MerkleProofs.verifyConsistency(oldSize: 9, newSize: 9, oldRoot: root, newRoot: root, path: []))
        #expect(!MerkleProofs.verifyConsistency(oldSize: 9, newSize: 9, oldRoot: smaller, newRoot: root, path: []))
        #expect(!MerkleProofs.verifyConsistency(oldSize: 9, newSize: 9, oldRoot: root, newRoot: root, path: [root]))
        // A real proof still needs a path.
        #expect(!MerkleProofs.verifyConsistency(oldSize: 5, newSize: 9, oldRoot: smaller, newRoot: root, path: []))
        // Shrinking and negative sizes are never consistent.
        #expect(!MerkleProofs.verifyConsistency(oldSize: 9, newSize: 5, oldRoot: root, newRoot: smaller, path: []))
        #expect(!MerkleProofs.verifyConsistency(oldSize: -1, newSize: 9, oldRoot: empty, newRoot: root, path: []))
        #expect(!MerkleProofs.verifyConsistency(oldSize: -2, newSize: -1, oldRoot: empty, newRoot: empty, path: []))
    }

    @Test("Consistency ranges in RFC 9162 order")
    func consistencyRangeShape() {
        // RFC 9162 §2.1.5's example tree of 7 leaves (d0…d6).
        #expect(MerkleProofs.consistencyRanges(oldSize: 3, newSize: 7) == [2..<3, 3..<4, 0..<2, 4..<7])
        #expect(MerkleProofs.consistencyRanges(oldSize: 4, newSize: 7) == [4..<7])
        #expect(MerkleProofs.consistencyRanges(oldSize: 6, newSize: 7) == [4..<6, 6..<7, 0..<4])
        #expect(MerkleProofs.consistencyRanges(oldSize: 1, newSize: 2) == [1..<2])
    }

    // MARK: Collector

    @Test("SubtreeHashCollector: arbitrary disjoint ranges in any order, plus the overall root")
    func collectorArbitraryRanges() {
        let seed = TestRandom.seedFromEnvironment(default: 0xC011_EC70)
        print("MerkleTreeTests.collectorArbitraryRanges seed: \(seed) (override with GROUPLEDGER_TEST_SEED)")
        var random = TestRandom(seed: seed)
        for trial in 0..<200 {
            let size = 1 + Int(random.next() % 90)
            let leaves = TestLeaves.leaves(count: size)
            // Cut 0..<size at random points and keep a random subset of the pieces, shuffled.
            var cuts = Set((0..<Int(random.next() % 8)).map { _ in Int(random.next() % UInt64(size + 1)) })
            cuts.formUnion([0, size])
            let sortedCuts = cuts.sorted()
            var ranges = zip(sortedCuts, sortedCuts.dropFirst()).map { $0..<$1 }.filter { _ in random.next() % 3 != 0 }
            if ranges.isEmpty {
                ranges = [0..<size]
            }
            ranges.shuffle(using: &random)
            var collector = SubtreeHashCollector(ranges: ranges)
            for leaf in leaves {
                collector.append(leafHash: MerkleTree.leafHash(leaf))
            }
            #expect(collector.leafCount == size)
            #expect(collector.hashes() == ranges.map { ReferenceMerkleTree.hash(of: leaves[$0]) }, "seed \(seed), trial \(trial): \(ranges)")
            #expect(collector.root() == ReferenceMerkleTree.hash(of: leaves[...]))
        }
    }

    @Test("SubtreeHashCollector: completes as soon as the last range ends, before the tree does")
    func collectorEarlyCompletion() {
        let leaves = TestLeaves.leaves(count: 100)
        let ranges = [16..<24, 3..<4, 40..<43, 8..<16, 24..<28, 50..<51]
        var collector = SubtreeHashCollector(ranges: ranges)
        for leaf in leaves[0..<51] {
            collector.append(leafHash: MerkleTree.leafHash(leaf))
        }
        #expect(collector.hashes() == ranges.map { ReferenceMerkleTree.hash(of: leaves[$0]) })
        for leaf in leaves[51...] {
            collector.append(leafHash: MerkleTree.leafHash(leaf))
        }
        #expect(collector.hashes() == ranges.map { ReferenceMerkleTree.hash(of: leaves[$0]) })
        #expect(collector.root() == ReferenceMerkleTree.hash(of: leaves[...]))
    }

    @Test("Precondition failures: overlapping or empty ranges, incomplete ranges, out-of-range proofs")
    func preconditions() async {
        await #expect(processExitsWith: .failure) {
            _ = SubtreeHashCollector(ranges: [0..<4, 3..<5])
        }
        await #expect(processExitsWith: .failure) {
            _ = SubtreeHashCollector(ranges: [2..<2])
        }
        await #expect(processExitsWith: .failure) {
            var collector = SubtreeHashCollector(ranges: [0..<2])
            collector.append(leafHash: MerkleTree.emptyRoot)
            _ = collector.hashes()
        }
        await #expect(processExitsWith: .failure) {
            _ = MerkleProofs.inclusionRanges(index: 3, size: 3)
        }
        await #expect(processExitsWith: .failure) {
            _ = MerkleProofs.consistencyRanges(oldSize: 4, newSize: 3)
        }
    }

    // MARK: Helpers

    /// Streams all leaves once through a collector, as the journal does, and checks its overall root on the way.
    private func collectPath(ranges: [Range<Int>], leafHashes: [SHA256Digest], expectedRoot: SHA256Digest) -> [SHA256Digest] {
        var collector = SubtreeHashCollector(ranges: ranges)
        for leafHash in leafHashes {
            collector.append(leafHash: leafHash)
        }
        #expect(collector.root() == expectedRoot)
        return collector.hashes()
    }

    private func flipFirstBit(_ digest: SHA256Digest) -> SHA256Digest {
        var bytes = digest.bytes
        bytes[0] ^= 0x80
        return SHA256Digest(bytes: bytes)
    }
}

/// Deterministic leaf data: the eight Certificate Transparency test leaves, then pseudo-random lines of varied length.
private enum TestLeaves {
    static let certificateTransparency: [[UInt8]] = [
        "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f",
    ].map { hex in
        stride(from: 0, to: hex.count, by: 2).map { offset in
            let start = hex.index(hex.startIndex, offsetBy: offset)
            return UInt8(hex[start..<hex.index(start, offsetBy: 2)], radix: 16) ?? 0
        }
    }

    /// Sizes 0…70 and some around powers of two, plus a thousand.
    static let treeSizes: [Int] = Array(0...70) + [127, 128, 129, 255, 256, 257, 1000]

    static func leaves(count: Int) -> [[UInt8]] {
        var random = TestRandom(seed: 0x1EAF)
        return (0..<count).map { index in
            index < certificateTransparency.count
                ? certificateTransparency[index] : random.bytes(count: (index * 37) % 90)
        }
    }

    /// Every index for small trees; for large ones the edges, the power-of-two boundaries and a stride.
    static func indicesToCheck(size: Int) -> [Int] {
        if size <= 70 {
            return Array(0..<size)
        }
        var indices: Set<Int> = [0, 1, size / 2, size - 2, size - 1]
        var power = 1
        while power < size {
            indices.formUnion([power - 1, power].filter { $0 < size })
            power *= 2
        }
        indices.formUnion(stride(from: 3, to: size, by: 61))
        return indices.sorted()
    }
}

/// A literal transcription of RFC 9162 §2.1.1–2.1.4 (MTH, PATH, PROOF/SUBPROOF), recursing over arrays of leaf
/// data and hashing with plain SHA-256 of concatenated bytes. Deliberately naive: it is the oracle.
private enum ReferenceMerkleTree {
    /// MTH(D[n]).
    static func hash(of leaves: ArraySlice<[UInt8]>) -> SHA256Digest {
        let n = leaves.count
        if n == 0 {
            return SHA256.hash([])
        }
        if n == 1, let leaf = leaves.first {
            return SHA256.hash([0x00] + leaf)
        }
        let k = largestPowerOfTwoLessThan(n)
        let start = leaves.startIndex
        return SHA256.hash([0x01] + hash(of: leaves[start..<(start + k)]).bytes + hash(of: leaves[(start + k)...]).bytes)
    }

    /// PATH(m, D[n]).
    static func path(_ m: Int, _ leaves: ArraySlice<[UInt8]>) -> [SHA256Digest] {
        let n = leaves.count
        if n == 1 {
            return []
        }
        let k = largestPowerOfTwoLessThan(n)
        let start = leaves.startIndex
        let left = leaves[start..<(start + k)]
        let right = leaves[(start + k)...]
        if m < k {
            return path(m, left) + [hash(of: right)]
        } else {
            return path(m - k, right) + [hash(of: left)]
        }
    }

    /// PROOF(m, D[n]) = SUBPROOF(m, D[n], true), for 0 < m < n.
    static func proof(_ m: Int, _ leaves: ArraySlice<[UInt8]>) -> [SHA256Digest] {
        subproof(m, leaves, true)
    }

    /// SUBPROOF(m, D[n], b).
    static func subproof(_ m: Int, _ leaves: ArraySlice<[UInt8]>, _ b: Bool) -> [SHA256Digest] {
        let n = leaves.count
        if m == n {
            return b ? [] : [hash(of: leaves)]
        }
        let k = largestPowerOfTwoLessThan(n)
        let start = leaves.startIndex
        let left = leaves[start..<(start + k)]
        let right = leaves[(start + k)...]
        if m <= k {
            return subproof(m, left, b) + [hash(of: right)]
        } else {
            return subproof(m - k, right, false) + [hash(of: left)]
        }
    }

    /// For each element of PATH(m, D[n]), whether that sibling lies left of leaf m: the shape the verifier follows.
    static func directions(_ m: Int, _ n: Int) -> [Bool] {
        if n <= 1 {
            return []
        }
        let k = largestPowerOfTwoLessThan(n)
        return m < k ? directions(m, k) + [false] : directions(m - k, n - k) + [true]
    }

    /// The largest power of two smaller than n (n > 1), by doubling as the RFC states it.
    static func largestPowerOfTwoLessThan(_ n: Int) -> Int {
        var k = 1
        while k * 2 < n {
            k *= 2
        }
        return k
    }
}

