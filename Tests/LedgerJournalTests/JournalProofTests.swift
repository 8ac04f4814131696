import Testing
import LedgerCore
@testable import LedgerJournal

@Suite("Proofs from a journal file")
struct JournalProofTests {
    @Test func everyInclusionAndConsistencyProofVerifiesAgainstTheDigests() throws {
        let directory = TemporaryDirectory()
        let path = directory.file("ledger.jsonl")
        try Fixtures.journal(at: path, batchSizes: [1, 3, 2, 1, 4, 2])
        var roots: [Int64: SHA256Digest] = [:]
        var leaves: [SHA256Digest] = []
        _ = try JournalReading.scan(path: path, checkChain: true) { entries in
            leaves += entries.compactMap(\.leafHash)
            return true
        }
        for size in 0...leaves.count { roots[Int64(size)] = MerkleTree.root(leafHashes: Array(leaves[0..<size])) }
        let total = Int64(leaves.count)
        for size in 1...total {
            for seq in 1...size {
                let proof = try JournalProver.inclusion(path: path, seq: seq, size: size)
                #expect(proof.root == roots[size])
                #expect(proof.leaf == leaves[Int(seq - 1)])
                #expect(MerkleProofs.verifyInclusion(leafHash: proof.leaf, index: Int(seq - 1), size: Int(size), path: proof.path, root: proof.root))
            }
        }
        for new in 0...total {
            for old in 0...new {
                let proof = try JournalProver.consistency(path: path, oldSize: old, newSize: new)
                #expect(proof.oldRoot == roots[old] && proof.newRoot == roots[new])
                #expect(MerkleProofs.verifyConsistency(oldSize: Int(old), newSize: Int(new), oldRoot: proof.oldRoot,
                                                       newRoot: proof.newRoot, path: proof.path))
            }
        }
        #expect(try JournalProver.inclusion(path: path, seq: 3, size: nil).size == total)
        #expect(throws: JournalError.self) { try JournalProver.inclusion(path: path, seq: 14, size: nil) }
        #expect(throws: JournalError.self) { try JournalProver.consistency(path: path, oldSize: 5, newSize: 4) }
    }
}
