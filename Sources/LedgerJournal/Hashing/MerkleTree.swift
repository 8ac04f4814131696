/// RFC 6962 / RFC 9162 §2.1 hashing.
///
/// Leaves and interior nodes are hashed with different one-byte prefixes (0x00 and 0x01) so that a leaf can
/// never be passed off as a node (second-preimage resistance of the tree).
public enum MerkleTree {
    /// MTH({}) = SHA-256 of the empty string.
    public static let emptyRoot: SHA256Digest = SHA256.hash([])

    /// SHA-256(0x00 ‖ line), reading `line` in place.
    public static func leafHash(_ line: UnsafeRawBufferPointer) -> SHA256Digest {
        var hasher = SHA256()
        hasher.update(byte: 0x00)
        hasher.update(line)
        return hasher.finalize()
    }

    /// SHA-256(0x00 ‖ line).
    public static func leafHash(_ line: [UInt8]) -> SHA256Digest {
        line.withUnsafeBytes { leafHash($0) }
    }

    /// SHA-256(0x01 ‖ left ‖ right).
    public static func nodeHash(_ left: SHA256Digest, _ right: SHA256Digest) -> SHA256Digest {
        // The 65-byte message always pads to exactly two blocks, so both are laid out once on the stack and
        // compressed directly, skipping the streaming bookkeeping: node hashing is half the work of a tree.
        var blocks: (
            UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
            UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64
        ) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var state = SHA256.State()
        withUnsafeMutableBytes(of: &blocks) { raw in
            raw.storeBytes(of: 0x01, toByteOffset: 0, as: UInt8.self)
            raw.storeBytes(of: left.storage.0, toByteOffset: 1, as: UInt64.self)
            raw.storeBytes(of: left.storage.1, toByteOffset: 9, as: UInt64.self)
            raw.storeBytes(of: left.storage.2, toByteOffset: 17, as: UInt64.self)
            raw.storeBytes(of: left.storage.3, toByteOffset: 25, as: UInt64.self)
            raw.storeBytes(of: right.storage.0, toByteOffset: 33, as: UInt64.self)
            raw.storeBytes(of: right.storage.1, toByteOffset: 41, as: UInt64.self)
            raw.storeBytes(of: right.storage.2, toByteOffset: 49, as: UInt64.self)
            raw.storeBytes(of: right.storage.3, toByteOffset: 57, as: UInt64.self)
            raw.storeBytes(of: 0x80, toByteOffset: 65, as: UInt8.self)
            // Message length: 65 bytes = 520 bits, big-endian in the last eight bytes.
            raw.storeBytes(of: UInt64(65 * 8).bigEndian, toByteOffset: 120, as: UInt64.self)
            if let base = UnsafeRawPointer(raw.baseAddress) {
                state.compress(blocks: base, blockCount: 2, accelerated: SHA256.isHardwareAccelerated)
            }
        }
        return state.digest
    }

    /// The root of leaves given as leaf hashes (convenience for small trees and tests).
    public static func root(leafHashes: [SHA256Digest]) -> SHA256Digest {
        leafHashes.isEmpty ? emptyRoot : root(of: leafHashes[...])
    }

    /// MTH by the RFC 9162 §2.1.1 recursion, split at the largest power of two below the count.
    private static func root(of leafHashes: ArraySlice<SHA256Digest>) -> SHA256Digest {
        if leafHashes.count == 1, let only = leafHashes.first {
            return only
        }
        let split = leafHashes.startIndex + largestPowerOfTwo(below: leafHashes.count)
        return nodeHash(root(of: leafHashes[..<split]), root(of: leafHashes[split...]))
    }

    /// The largest power of two strictly less than `count` (k in RFC 9162 §2.1.1); precondition `count > 1`.
    static func largestPowerOfTwo(below count: Int) -> Int {
        precondition(count > 1, "no power of two below \(count) splits a tree")
        return 1 << (Int.bitWidth - 1 - (count - 1).leadingZeroBitCount)
    }
}
