/// A SHA-256 digest: 32 bytes.
///
/// Stored inline as four 64-bit words (raw bytes in digest order, not numeric values) so that a digest is a
/// plain value with no heap allocation: the Merkle code creates millions of them.
public struct SHA256Digest: Hashable, Sendable, CustomStringConvertible {
    /// The number of bytes in a digest.
    public static let byteCount = 32

    /// The 32 digest bytes in order; a homogeneous tuple is laid out contiguously, which `withUnsafeBytes` relies on.
    internal var storage: (UInt64, UInt64, UInt64, UInt64)

    /// 32 zero bytes ("0000…" hex); the `prev` of the first journal line.
    public static let zero = SHA256Digest(storage: (0, 0, 0, 0))

    internal init(storage: (UInt64, UInt64, UInt64, UInt64)) {
        self.storage = storage
    }

    /// Creates a digest from exactly 32 bytes; anything else is a programming error.
    public init(bytes: some Sequence<UInt8>) {
        var storage: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        // Arrays and other contiguous collections are copied in one go; other sequences byte by byte.
        let copiedContiguously: Bool? = bytes.withContiguousStorageIfAvailable { buffer in
            precondition(buffer.count == SHA256Digest.byteCount, "SHA256Digest needs exactly 32 bytes, got \(buffer.count)")
            withUnsafeMutableBytes(of: &storage) { raw in
                raw.copyMemory(from: UnsafeRawBufferPointer(buffer))
            }
            return true
        }
        if copiedContiguously == true {
            self.storage = storage
            return
        }
        var count = 0
        withUnsafeMutableBytes(of: &storage) { raw in
            for byte in bytes {
                precondition(count < SHA256Digest.byteCount, "SHA256Digest needs exactly 32 bytes, got more")
                raw[count] = byte
                count += 1
            }
        }
        precondition(count == SHA256Digest.byteCount, "SHA256Digest needs exactly 32 bytes, got \(count)")
        self.storage = storage
    }

    /// Parses exactly 64 lowercase hex characters; uppercase is rejected so each digest has one spelling.
    public init?(hex: some StringProtocol) {
        // Native strings expose their UTF-8 contiguously; parsing that buffer avoids the
        // generic per-character path, which dominated decoding a journal line's `prev`.
        let parsed = hex.utf8.withContiguousStorageIfAvailable { Self.parse(hexBytes: $0) }
            ?? Array(hex.utf8).withUnsafeBufferPointer { Self.parse(hexBytes: $0) }
        guard let parsed else { return nil }
        self.storage = parsed
    }

    /// Parses exactly 64 lowercase hex digits from raw bytes, without building a String.
    public init?(hexBytes: UnsafeRawBufferPointer) {
        guard let parsed = Self.parse(hexBytes: hexBytes.bindMemory(to: UInt8.self)) else { return nil }
        self.storage = parsed
    }

    private static func parse(hexBytes: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64, UInt64, UInt64)? {
        guard hexBytes.count == 2 * SHA256Digest.byteCount, let base = hexBytes.baseAddress else { return nil }
        var storage: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        // Eight digits at a time, without a branch per digit (digits and letters come in random
        // order, so a branch on which one a byte is mispredicts about every other digit; it
        // took an eighth of `verify`). Invalid bytes are collected and judged once at the end.
        var invalid: UInt64 = 0
        withUnsafeMutableBytes(of: &storage) { raw in
            for word in 0..<8 {
                let digits = UInt64(littleEndian: UnsafeRawPointer(base + 8 &* word).loadUnaligned(as: UInt64.self))
                raw.storeBytes(of: parseEightDigits(digits, invalid: &invalid).littleEndian, toByteOffset: 4 &* word, as: UInt32.self)
            }
        }
        return invalid == 0 ? storage : nil
    }

    /// The four bytes that eight lowercase hex digits spell (the first digit in the lowest byte
    /// of `digits`, the first byte in the lowest byte of the result). A byte that is not
    /// `0`–`9` or `a`–`f` sets bits in `invalid`.
    @inline(__always)
    static func parseEightDigits(_ digits: UInt64, invalid: inout UInt64) -> UInt32 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highBits: UInt64 = 0x8080_8080_8080_8080
        invalid |= digits & highBits
        // Below 0x80 a byte plus (0x80 − c) reaches its high bit exactly when it is ≥ c, and never
        // carries into the next byte.
        let ascii = digits & ~highBits
        func atLeast(_ bound: UInt64) -> UInt64 { (ascii &+ ones &* (0x80 &- bound)) & highBits }
        let isDigit = atLeast(0x30) & ~atLeast(0x3A)
        let isLetter = atLeast(0x61) & ~atLeast(0x67)
        invalid |= (isDigit | isLetter) ^ highBits
        // '0'–'9' → 0–9 from the low nibble; 'a'–'f' have low nibbles 1–6, plus 9.
        let nibbles = (ascii & (ones &* 0x0F)) &+ (isLetter >> 7) &* 9
        // Each 16-bit lane: its first digit as the high nibble, its second as the low one.
        let lanes = ((nibbles & 0x000F_000F_000F_000F) << 4) | ((nibbles >> 8) & 0x000F_000F_000F_000F)
        let halves = (lanes | (lanes >> 8)) & 0x0000_FFFF_0000_FFFF
        return UInt32(truncatingIfNeeded: halves | (halves >> 16))
    }

    /// The digest as 64 lowercase hex characters.
    public var hex: String {
        String(unsafeUninitializedCapacity: 2 * SHA256Digest.byteCount) { output in
            writeHex(to: UnsafeMutableRawPointer(output.baseAddress!))
            return 2 * SHA256Digest.byteCount
        }
    }

    /// Writes the 64 lowercase hex characters at `output`, which must have room for them.
    ///
    /// Eight digits at a time in a 64-bit word: every line the writer chains gets its `prev`
    /// written this way, on the one thread the chain runs on, where a digit at a time (a
    /// branch and a store each) took about 5% of it.
    public func writeHex(to output: UnsafeMutableRawPointer) {
        withUnsafeBytes { digest in
            for quarter in 0..<8 {
                let word = digest.loadUnaligned(fromByteOffset: 4 * quarter, as: UInt32.self)
                output.storeBytes(of: Self.hexDigits(ofLittleEndian: UInt32(littleEndian: word)).littleEndian,
                                  toByteOffset: 8 * quarter, as: UInt64.self)
            }
        }
    }

    /// The 8 hex digits of 4 bytes (the first byte in the low bits), the first digit in the
    /// low byte.
    private static func hexDigits(ofLittleEndian bytes: UInt32) -> UInt64 {
        // Each byte into a 16-bit lane of its own, then its high nibble into the lane's low
        // byte and its low nibble into the high byte: one nibble per byte, in digit order.
        var lanes = UInt64(bytes)
        lanes = (lanes | (lanes << 16)) & 0x0000_FFFF_0000_FFFF
        lanes = (lanes | (lanes << 8)) & 0x00FF_00FF_00FF_00FF
        let nibbles = ((lanes >> 4) & 0x000F_000F_000F_000F) | ((lanes & 0x000F_000F_000F_000F) << 8)
        // '0' + n, and 'a' − '0' − 10 = 0x27 more where n ≥ 10 (n + 0x76 sets bit 7 just there).
        let letters = ((nibbles &+ 0x7676_7676_7676_7676) >> 7) & 0x0101_0101_0101_0101
        return nibbles &+ 0x3030_3030_3030_3030 &+ letters &* 0x27
    }

    /// The 32 digest bytes as a new array.
    public var bytes: [UInt8] {
        withUnsafeBytes { Array($0) }
    }

    /// Lends the 32 digest bytes without copying them to the heap.
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try Swift.withUnsafeBytes(of: storage, body)
    }

    /// The lowercase hex form, so digests read the same in logs, JSON and tests.
    public var description: String { hex }

    /// Byte-wise equality.
    public static func == (left: SHA256Digest, right: SHA256Digest) -> Bool {
        left.storage.0 == right.storage.0 && left.storage.1 == right.storage.1
            && left.storage.2 == right.storage.2 && left.storage.3 == right.storage.3
    }

    /// Hashes all 32 bytes, consistent with `==`.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(storage.0)
        hasher.combine(storage.1)
        hasher.combine(storage.2)
        hasher.combine(storage.3)
    }
}
