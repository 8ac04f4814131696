// The SHA-256 block function (FIPS 180-4 §6.2.2), written for speed in portable Swift:
// the 64 rounds are unrolled so that the a…h rotation is a renaming of arguments rather than seven moves
// per round, the message schedule lives in sixteen locals (a rolling window, FIPS 180-4 §6.2.2 step 1 computed
// in place), all arithmetic wraps (&+) so there are no overflow checks, and the big-endian loads read straight
// from the caller's buffer. The round constants K (FIPS 180-4 §4.2.2) are inlined as immediates.
// No CPU SHA extensions: this is the portable baseline.

extension SHA256 {
    /// The hash value H0…H7 between blocks (FIPS 180-4 §5.3.3 initial value).
    struct State: Sendable {
        var h0: UInt32 = 0x6a09_e667
        var h1: UInt32 = 0xbb67_ae85
        var h2: UInt32 = 0x3c6e_f372
        var h3: UInt32 = 0xa54f_f53a
        var h4: UInt32 = 0x510e_527f
        var h5: UInt32 = 0x9b05_688c
        var h6: UInt32 = 0x1f83_d9ab
        var h7: UInt32 = 0x5be0_cd19

        /// The digest bytes: each word big-endian, in order.
        var digest: SHA256Digest {
            // Each 64-bit storage word holds two hash words; storing `bigEndian` puts the bytes in digest order
            // on any host, because the word is then written to memory most significant byte first.
            SHA256Digest(storage: (
                (UInt64(h0) << 32 | UInt64(h1)).bigEndian,
                (UInt64(h2) << 32 | UInt64(h3)).bigEndian,
                (UInt64(h4) << 32 | UInt64(h5)).bigEndian,
                (UInt64(h6) << 32 | UInt64(h7)).bigEndian
            ))
        }

        /// Processes `blockCount` consecutive 64-byte blocks starting at `blocks` (no alignment required).
        mutating func compressPortable(blocks: UnsafeRawPointer, blockCount: Int) {
            var h0 = self.h0, h1 = self.h1, h2 = self.h2, h3 = self.h3
            var h4 = self.h4, h5 = self.h5, h6 = self.h6, h7 = self.h7
            var block = blocks
            for _ in 0..<blockCount {
                var w0 = loadBigEndian(block, 0), w1 = loadBigEndian(block, 4)
                var w2 = loadBigEndian(block, 8), w3 = loadBigEndian(block, 12)
                var w4 = loadBigEndian(block, 16), w5 = loadBigEndian(block, 20)
                var w6 = loadBigEndian(block, 24), w7 = loadBigEndian(block, 28)
                var w8 = loadBigEndian(block, 32), w9 = loadBigEndian(block, 36)
                var w10 = loadBigEndian(block, 40), w11 = loadBigEndian(block, 44)
                var w12 = loadBigEndian(block, 48), w13 = loadBigEndian(block, 52)
                var w14 = loadBigEndian(block, 56), w15 = loadBigEndian(block, 60)

                var a = h0, b = h1, c = h2, d = h3, e = h4, f = h5, g = h6, h = h7
                var bXorC = b ^ c

                round(a, b, c, &d, e, f, g, &h, 0x428a2f98 &+ w0, &bXorC)
                round(h, a, b, &c, d, e, f, &g, 0x71374491 &+ w1, &bXorC)
                round(g, h, a, &b, c, d, e, &f, 0xb5c0fbcf &+ w2, &bXorC)
                round(f, g, h, &a, b, c, d, &e, 0xe9b5dba5 &+ w3, &bXorC)
                round(e, f, g, &h, a, b, c, &d, 0x3956c25b &+ w4, &bXorC)
                round(d, e, f, &g, h, a, b, &c, 0x59f111f1 &+ w5, &bXorC)
                round(c, d, e, &f, g, h, a, &b, 0x923f82a4 &+ w6, &bXorC)
                round(b, c, d, &e, f, g, h, &a, 0xab1c5ed5 &+ w7, &bXorC)
                round(a, b, c, &d, e, f, g, &h, 0xd807aa98 &+ w8, &bXorC)
                round(h, a, b, &c, d, e, f, &g, 0x12835b01 &+ w9, &bXorC)
                round(g, h, a, &b, c, d, e, &f, 0x243185be &+ w10, &bXorC)
                round(f, g, h, &a, b, c, d, &e, 0x550c7dc3 &+ w11, &bXorC)
                round(e, f, g, &h, a, b, c, &d, 0x72be5d74 &+ w12, &bXorC)
                round(d, e, f, &g, h, a, b, &c, 0x80deb1fe &+ w13, &bXorC)
                round(c, d, e, &f, g, h, a, &b, 0x9bdc06a7 &+ w14, &bXorC)
                round(b, c, d, &e, f, g, h, &a, 0xc19bf174 &+ w15, &bXorC)
                w0 = schedule(w0, w14, w9, w1)
                round(a, b, c, &d, e, f, g, &h, 0xe49b69c1 &+ w0, &bXorC)
                w1 = schedule(w1, w15, w10, w2)
                round(h, a, b, &c, d, e, f, &g, 0xefbe4786 &+ w1, &bXorC)
                w2 = schedule(w2, w0, w11, w3)
                round(g, h, a, &b, c, d, e, &f, 0x0fc19dc6 &+ w2, &bXorC)
                w3 = schedule(w3, w1, w12, w4)
                round(f, g, h, &a, b, c, d, &e, 0x240ca1cc &+ w3, &bXorC)
                w4 = schedule(w4, w2, w13, w5)
                round(e, f, g, &h, a, b, c, &d, 0x2de92c6f &+ w4, &bXorC)
                w5 = schedule(w5, w3, w14, w6)
                round(d, e, f, &g, h, a, b, &c, 0x4a7484aa &+ w5, &bXorC)
                w6 = schedule(w6, w4, w15, w7)
                round(c, d, e, &f, g, h, a, &b, 0x5cb0a9dc &+ w6, &bXorC)
                w7 = schedule(w7, w5, w0, w8)
                round(b, c, d, &e, f, g, h, &a, 0x76f988da &+ w7, &bXorC)
                w8 = schedule(w8, w6, w1, w9)
                round(a, b, c, &d, e, f, g, &h, 0x983e5152 &+ w8, &bXorC)
                w9 = schedule(w9, w7, w2, w10)
                round(h, a, b, &c, d, e, f, &g, 0xa831c66d &+ w9, &bXorC)
                w10 = schedule(w10, w8, w3, w11)
                round(g, h, a, &b, c, d, e, &f, 0xb00327c8 &+ w10, &bXorC)
                w11 = schedule(w11, w9, w4, w12)
                round(f, g, h, &a, b, c, d, &e, 0xbf597fc7 &+ w11, &bXorC)
                w12 = schedule(w12, w10, w5, w13)
                round(e, f, g, &h, a, b, c, &d, 0xc6e00bf3 &+ w12, &bXorC)
                w13 = schedule(w13, w11, w6, w14)
                round(d, e, f, &g, h, a, b, &c, 0xd5a79147 &+ w13, &bXorC)
                w14 = schedule(w14, w12, w7, w15)
                round(c, d, e, &f, g, h, a, &b, 0x06ca6351 &+ w14, &bXorC)
                w15 = schedule(w15, w13, w8, w0)
                round(b, c, d, &e, f, g, h, &a, 0x14292967 &+ w15, &bXorC)
                w0 = schedule(w0, w14, w9, w1)
                round(a, b, c, &d, e, f, g, &h, 0x27b70a85 &+ w0, &bXorC)
                w1 = schedule(w1, w15, w10, w2)
                round(h, a, b, &c, d, e, f, &g, 0x2e1b2138 &+ w1, &bXorC)
                w2 = schedule(w2, w0, w11, w3)
                round(g, h, a, &b, c, d, e, &f, 0x4d2c6dfc &+ w2, &bXorC)
                w3 = schedule(w3, w1, w12, w4)
                round(f, g, h, &a, b, c, d, &e, 0x53380d13 &+ w3, &bXorC)
                w4 = schedule(w4, w2, w13, w5)
                round(e, f, g, &h, a, b, c, &d, 0x650a7354 &+ w4, &bXorC)
                w5 = schedule(w5, w3, w14, w6)
                round(d, e, f, &g, h, a, b, &c, 0x766a0abb &+ w5, &bXorC)
                w6 = schedule(w6, w4, w15, w7)
                round(c, d, e, &f, g, h, a, &b, 0x81c2c92e &+ w6, &bXorC)
                w7 = schedule(w7, w5, w0, w8)
                round(b, c, d, &e, f, g, h, &a, 0x92722c85 &+ w7, &bXorC)
                w8 = schedule(w8, w6, w1, w9)
                round(a, b, c, &d, e, f, g, &h, 0xa2bfe8a1 &+ w8, &bXorC)
                w9 = schedule(w9, w7, w2, w10)
                round(h, a, b, &c, d, e, f, &g, 0xa81a664b &+ w9, &bXorC)
                w10 = schedule(w10, w8, w3, w11)
                round(g, h, a, &b, c, d, e, &f, 0xc24b8b70 &+ w10, &bXorC)
                w11 = schedule(w11, w9, w4, w12)
                round(f, g, h, &a, b, c, d, &e, 0xc76c51a3 &+ w11, &bXorC)
                w12 = schedule(w12, w10, w5, w13)
                round(e, f, g, &h, a, b, c, &d, 0xd192e819 &+ w12, &bXorC)
                w13 = schedule(w13, w11, w6, w14)
                round(d, e, f, &g, h, a, b, &c, 0xd6990624 &+ w13, &bXorC)
                w14 = schedule(w14, w12, w7, w15)
                round(c, d, e, &f, g, h, a, &b, 0xf40e3585 &+ w14, &bXorC)
                w15 = schedule(w15, w13, w8, w0)
                round(b, c, d, &e, f, g, h, &a, 0x106aa070 &+ w15, &bXorC)
                w0 = schedule(w0, w14, w9, w1)
                round(a, b, c, &d, e, f, g, &h, 0x19a4c116 &+ w0, &bXorC)
                w1 = schedule(w1, w15, w10, w2)
                round(h, a, b, &c, d, e, f, &g, 0x1e376c08 &+ w1, &bXorC)
                w2 = schedule(w2, w0, w11, w3)
                round(g, h, a, &b, c, d, e, &f, 0x2748774c &+ w2, &bXorC)
                w3 = schedule(w3, w1, w12, w4)
                round(f, g, h, &a, b, c, d, &e, 0x34b0bcb5 &+ w3, &bXorC)
                w4 = schedule(w4, w2, w13, w5)
                round(e, f, g, &h, a, b, c, &d, 0x391c0cb3 &+ w4, &bXorC)
                w5 = schedule(w5, w3, w14, w6)
                round(d, e, f, &g, h, a, b, &c, 0x4ed8aa4a &+ w5, &bXorC)
                w6 = schedule(w6, w4, w15, w7)
                round(c, d, e, &f, g, h, a, &b, 0x5b9cca4f &+ w6, &bXorC)
                w7 = schedule(w7, w5, w0, w8)
                round(b, c, d, &e, f, g, h, &a, 0x682e6ff3 &+ w7, &bXorC)
                w8 = schedule(w8, w6, w1, w9)
                round(a, b, c, &d, e, f, g, &h, 0x748f82ee &+ w8, &bXorC)
                w9 = schedule(w9, w7, w2, w10)
                round(h, a, b, &c, d, e, f, &g, 0x78a5636f &+ w9, &bXorC)
                w10 = schedule(w10, w8, w3, w11)
                round(g, h, a, &b, c, d, e, &f, 0x84c87814 &+ w10, &bXorC)
                w11 = schedule(w11, w9, w4, w12)
                round(f, g, h, &a, b, c, d, &e, 0x8cc70208 &+ w11, &bXorC)
                w12 = schedule(w12, w10, w5, w13)
                round(e, f, g, &h, a, b, c, &d, 0x90befffa &+ w12, &bXorC)
                w13 = schedule(w13, w11, w6, w14)
                round(d, e, f, &g, h, a, b, &c, 0xa4506ceb &+ w13, &bXorC)
                w14 = schedule(w14, w12, w7, w15)
                round(c, d, e, &f, g, h, a, &b, 0xbef9a3f7 &+ w14, &bXorC)
                w15 = schedule(w15, w13, w8, w0)
                round(b, c, d, &e, f, g, h, &a, 0xc67178f2 &+ w15, &bXorC)

                h0 &+= a
                h1 &+= b
                h2 &+= c
                h3 &+= d
                h4 &+= e
                h5 &+= f
                h6 &+= g
                h7 &+= h
                block += 64
            }
            self.h0 = h0
            self.h1 = h1
            self.h2 = h2
            self.h3 = h3
            self.h4 = h4
            self.h5 = h5
            self.h6 = h6
            self.h7 = h7
        }
    }
}

/// Reads the big-endian 32-bit word at `offset`; compiles to one load plus a byte swap (or MOVBE).
@inline(__always)
private func loadBigEndian(_ pointer: UnsafeRawPointer, _ offset: Int) -> UInt32 {
    UInt32(bigEndian: pointer.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
}

/// A 32-bit rotation, written so the compiler emits a single ROR/ROL (the standard library has no rotate).
@inline(__always)
private func rotateRight(_ value: UInt32, _ count: UInt32) -> UInt32 {
    value &>> count | value &<< (32 &- count)
}

/// One round of FIPS 180-4 §6.2.2 step 3. Only d and h change: the caller renames the other six for the next round.
///
/// Σ0 and Σ1 are factored as nested rotations (three rotates, one copy) and Maj(a, b, c) as b ^ ((a ^ b) & (b ^ c)),
/// reusing this round's a ^ b as the next round's b ^ c: fewer instructions on x86 without BMI2's RORX.
@inline(__always)
private func round(
    _ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: inout UInt32,
    _ e: UInt32, _ f: UInt32, _ g: UInt32, _ h: inout UInt32,
    _ constantPlusWord: UInt32, _ bXorC: inout UInt32
) {
    let bigSigma1 = rotateRight(rotateRight(rotateRight(e, 14) ^ e, 5) ^ e, 6)
    let choose = g ^ (e & (f ^ g))
    let temporary1 = h &+ bigSigma1 &+ choose &+ constantPlusWord
    let bigSigma0 = rotateRight(rotateRight(rotateRight(a, 9) ^ a, 11) ^ a, 2)
    let aXorB = a ^ b
    let majority = b ^ (aXorB & bXorC)
    bXorC = aXorB
    d &+= temporary1
    h = temporary1 &+ bigSigma0 &+ majority
}

/// The message schedule W[t] = σ1(W[t-2]) + W[t-7] + σ0(W[t-15]) + W[t-16], with W[t-16] the slot being replaced.
@inline(__always)
private func schedule(_ minus16: UInt32, _ minus2: UInt32, _ minus7: UInt32, _ minus15: UInt32) -> UInt32 {
    let smallSigma1 = rotateRight(rotateRight(minus2, 2) ^ minus2, 17) ^ (minus2 &>> 10)
    let smallSigma0 = rotateRight(rotateRight(minus15, 11) ^ minus15, 7) ^ (minus15 &>> 3)
    return smallSigma1 &+ minus7 &+ smallSigma0 &+ minus16
}
