/// Equality of short byte runs (member names, envelope literals), inline.
///
/// Why not `memcmp`: the decoders compare a dozen runs of 2–30 bytes per journal line, and a
/// call into the C library for each was about 3% of a replay's decoding; eight bytes at a
/// time, compared in place, cost a few instructions.
public enum ShortByteComparison {
    /// Whether the `count` bytes at `left` equal those at `right`.
    @inlinable
    public static func equal(_ left: UnsafeRawPointer, _ right: UnsafeRawPointer, count: Int) -> Bool {
        if count >= 8 {
            var offset = 0
            while offset + 8 <= count {
                guard left.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                        == right.loadUnaligned(fromByteOffset: offset, as: UInt64.self) else { return false }
                offset += 8
            }
            // The last word overlaps bytes already compared: no byte-by-byte tail.
            return offset == count || left.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
                == right.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
        }
        if count >= 4 {
            return left.loadUnaligned(as: UInt32.self) == right.loadUnaligned(as: UInt32.self)
                && left.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self) == right.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)
        }
        for offset in 0..<count where left.load(fromByteOffset: offset, as: UInt8.self) != right.load(fromByteOffset: offset, as: UInt8.self) {
            return false
        }
        return true
    }
}
