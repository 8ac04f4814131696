/// Incremental SHA-256 (FIPS 180-4).
///
/// A plain value with no heap storage: the partial block lives inline, and whole blocks are compressed straight
/// from the caller's buffer without being copied.
public struct SHA256: Sendable {
    /// The 64-byte block size of SHA-256.
    static let blockByteCount = 64

    private var state = State()
    /// Bytes of an incomplete block carried over between `update` calls (only the first `bufferedCount` matter).
    private var buffer: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
    private var bufferedCount = 0
    /// The message length so far in bytes; the padding needs it in bits modulo 2^64 (FIPS 180-4 §5.1.1).
    private var messageByteCount: UInt64 = 0
    private var isFinalized = false
    /// Whether whole blocks go to the CPU's SHA extensions (see `SHA256+Accelerated.swift`).
    private let usesHardware: Bool

    /// Starts a new hash of the empty message.
    public init() {
        usesHardware = SHA256.isHardwareAccelerated
    }

    /// Starts a new hash that uses the portable Swift block function even where the CPU's SHA
    /// extensions exist, so tests can check both against the same vectors.
    init(portable: Bool) {
        usesHardware = !portable && SHA256.isHardwareAccelerated
    }

    /// Feeds bytes into the hash; full blocks are read in place from `bytes`.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        precondition(!isFinalized, "SHA256 value used after finalize()")
        guard var input = bytes.baseAddress, !bytes.isEmpty else { return }
        var remaining = bytes.count
        messageByteCount &+= UInt64(remaining)

        if bufferedCount > 0 {
            let taken = min(SHA256.blockByteCount - bufferedCount, remaining)
            let offset = bufferedCount
            withUnsafeMutableBytes(of: &buffer) { block in
                UnsafeMutableRawBufferPointer(rebasing: block[offset..<(offset + taken)])
                    .copyMemory(from: UnsafeRawBufferPointer(start: input, count: taken))
            }
            bufferedCount += taken
            input += taken
            remaining -= taken
            guard bufferedCount == SHA256.blockByteCount else { return }
            compressBuffer()
            bufferedCount = 0
        }

        let wholeBlocks = remaining / SHA256.blockByteCount
        if wholeBlocks > 0 {
            state.compress(blocks: input, blockCount: wholeBlocks, accelerated: usesHardware)
            input += wholeBlocks * SHA256.blockByteCount
            remaining -= wholeBlocks * SHA256.blockByteCount
        }

        if remaining > 0 {
            withUnsafeMutableBytes(of: &buffer) { block in
                UnsafeMutableRawBufferPointer(rebasing: block[0..<remaining])
                    .copyMemory(from: UnsafeRawBufferPointer(start: input, count: remaining))
            }
            bufferedCount = remaining
        }
    }

    /// Feeds the bytes of an array into the hash.
    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// Feeds a single byte; cheap enough for domain-separation prefixes such as RFC 6962's 0x00 and 0x01.
    public mutating func update(byte: UInt8) {
        precondition(!isFinalized, "SHA256 value used after finalize()")
        messageByteCount &+= 1
        let offset = bufferedCount
        withUnsafeMutableBytes(of: &buffer) { block in
            block[offset] = byte
        }
        bufferedCount += 1
        if bufferedCount == SHA256.blockByteCount {
            compressBuffer()
            bufferedCount = 0
        }
    }

    /// Pads the message (FIPS 180-4 §5.1.1) and returns the digest; the value must not be used afterwards.
    public mutating func finalize() -> SHA256Digest {
        precondition(!isFinalized, "SHA256 value finalized twice")
        isFinalized = true
        let bitCount = messageByteCount &* 8
        let offset = bufferedCount
        // The 0x80 marker always fits, as the buffer is never left full. If the 8-byte length no longer fits
        // behind it, the padding spills into one more block.
        withUnsafeMutableBytes(of: &buffer) { block in
            block[offset] = 0x80
            block.baseAddress?.advanced(by: offset + 1).initializeMemory(
                as: UInt8.self, repeating: 0, count: SHA256.blockByteCount - offset - 1)
        }
        if offset + 1 > SHA256.blockByteCount - 8 {
            compressBuffer()
            buffer = (0, 0, 0, 0, 0, 0, 0, 0)
        }
        buffer.7 = bitCount.bigEndian
        compressBuffer()
        return state.digest
    }

    /// Hashes a whole message at once.
    public static func hash(_ bytes: UnsafeRawBufferPointer) -> SHA256Digest {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// Hashes a whole array at once.
    public static func hash(_ bytes: [UInt8]) -> SHA256Digest {
        bytes.withUnsafeBytes { hash($0) }
    }

    /// Compresses the inline buffer as one block; the caller guarantees it is full.
    private mutating func compressBuffer() {
        // A copy, so the buffer is not borrowed while `state` is mutated; it is only 64 bytes on the stack.
        let block = buffer
        withUnsafeBytes(of: block) { raw in
            if let base = raw.baseAddress {
                state.compress(blocks: base, blockCount: 1, accelerated: usesHardware)
            }
        }
    }
}
