import CSHA256
import Glibc

extension SHA256 {
    /// Whether this process compresses blocks with the CPU's SHA extensions (x86 SHA-NI),
    /// detected once at start. `GROUPLEDGER_PORTABLE_SHA256=1` forces the portable Swift code,
    /// for benchmarks that compare the two.
    public static let isHardwareAccelerated: Bool =
        groupledger_sha256_ni_available() != 0 && getenv("GROUPLEDGER_PORTABLE_SHA256") == nil
}

extension SHA256.State {
    /// Compresses whole blocks with the fastest code this CPU allows.
    @inline(__always)
    mutating func compress(blocks: UnsafeRawPointer, blockCount: Int, accelerated: Bool) {
        if accelerated {
            compressAccelerated(blocks: blocks, blockCount: blockCount)
        } else {
            compressPortable(blocks: blocks, blockCount: blockCount)
        }
    }

    /// The same block function in C with SHA-NI; only valid where `isHardwareAccelerated`.
    mutating func compressAccelerated(blocks: UnsafeRawPointer, blockCount: Int) {
        var words: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) = (h0, h1, h2, h3, h4, h5, h6, h7)
        withUnsafeMutableBytes(of: &words) { raw in
            groupledger_sha256_compress_ni(raw.baseAddress!.assumingMemoryBound(to: UInt32.self),
                                           blocks.assumingMemoryBound(to: UInt8.self), blockCount)
        }
        (h0, h1, h2, h3, h4, h5, h6, h7) = words
    }
}
