import Testing
@testable import LedgerCore

/// The inline comparison the decoders use for names and literals agrees with comparing the
/// bytes one by one, at every length the word-wise paths split on and at every position a
/// difference can sit.
@Suite("Short byte comparison")
struct ShortByteComparisonTests {
    @Test func agreesWithBytewiseEqualityAtEveryLengthAndDifferencePosition() {
        let base: [UInt8] = Array("{\"actor\":{\"id\":\"clerk-一\",\"role\":\"BureauClerk\"}".utf8)
        var compared = 0
        for count in 0...40 {
            let left = Array(base.prefix(count))
            #expect(left.withUnsafeBytes { l in left.withUnsafeBytes { r in ShortByteComparison.equal(l.baseAddress!, r.baseAddress!, count: count) } })
            for position in 0..<count {
                var right = left
                right[position] ^= 0x01
                let equal = left.withUnsafeBytes { l in right.withUnsafeBytes { r in ShortByteComparison.equal(l.baseAddress!, r.baseAddress!, count: count) } }
                #expect(!equal, "length \(count), difference at \(position)")
                compared += 1
            }
        }
        #expect(compared == 820)
        // Only `count` bytes are compared: what follows may differ.
        let left: [UInt8] = Array("schoolIdX".utf8), right: [UInt8] = Array("schoolIdY".utf8)
        #expect(left.withUnsafeBytes { l in right.withUnsafeBytes { r in ShortByteComparison.equal(l.baseAddress!, r.baseAddress!, count: 8) } })
    }
}
