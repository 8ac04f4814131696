import Foundation
import Testing

@testable import LedgerJournal

/// Known-answer, streaming and digest-format tests for `SHA256` and `SHA256Digest`.
@Suite("SHA-256")
struct SHA256Tests {
    // MARK: Known answers from Fixtures/sha256_vectors.json

    @Test(
        "Known-answer vectors (all but the multi-hundred-megabyte ones)",
        arguments: ["fips180_examples", "nist_sha2_additional", "cavp_short_msg", "cavp_long_msg"]
    )
    func knownAnswers(group: String) throws {
        let vectors = try SHA256VectorFixture.vectors(in: group)
        #expect(!vectors.isEmpty, "no vectors in \(group)")
        for vector in vectors where !vector.isLarge {
            #expect(vector.computeDigest() == vector.expected, "\(group) \(vector.name)")
        }
    }

    @Test("Fixture shape: every group present, the million-'a' message is not gated")
    func fixtureShape() throws {
        let counts = try ["fips180_examples", "nist_sha2_additional", "cavp_short_msg", "cavp_long_msg"].map {
            try SHA256VectorFixture.vectors(in: $0).count
        }
        #expect(counts == [5, 13, 65, 64])
        let millionA = try SHA256VectorFixture.vectors(in: "fips180_examples").first { $0.name == "fips180-million-a" }
        #expect(millionA?.isLarge == false)
        #expect(millionA?.expected.hex == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test(
        "Large known-answer vectors (message bit length ≥ 2^32)",
        .enabled(if: SHA256VectorFixture.slowTestsEnabled, "set GROUPLEDGER_SLOW_TESTS=1 to hash ~3 GB"),
        .timeLimit(.minutes(30))
    )
    func largeKnownAnswers() throws {
        var largeCount = 0
        for group in ["fips180_examples", "nist_sha2_additional", "cavp_short_msg", "cavp_long_msg"] {
            for vector in try SHA256VectorFixture.vectors(in: group) where vector.isLarge {
                largeCount += 1
                #expect(vector.computeDigest() == vector.expected, "\(group) \(vector.name)")
            }
        }
        #expect(largeCount == 3)
    }

    @Test("The empty message and \"abc\" through every entry point")
    func entryPointsAgree() {
        let empty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        #expect(SHA256.hash([]).hex == empty)
        #expect(SHA256.hash(UnsafeRawBufferPointer(start: nil, count: 0)).hex == empty)
        var streaming = SHA256()
        #expect(streaming.finalize().hex == empty)

        let abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        let message: [UInt8] = Array("abc".utf8)
        #expect(SHA256.hash(message).hex == abc)
        #expect(message.withUnsafeBytes { SHA256.hash($0) }.hex == abc)
        var byteByByte = SHA256()
        for byte in message {
            byteByByte.update(byte: byte)
        }
        #expect(byteByByte.finalize().hex == abc)
    }

    // MARK: Streaming

    @Test("Two-part updates at every split point equal the one-shot hash (lengths 0…200)")
    func everySplitPoint() {
        var random = TestRandom(seed: 0x5348_4132_3536)
        let message = random.bytes(count: 200)
        for length in 0...200 {
            let whole = Array(message[0..<length])
            let expected = SHA256.hash(whole)
            for split in 0...length {
                var hasher = SHA256()
                hasher.update(Array(whole[0..<split]))
                whole[split...].withUnsafeBytes { hasher.update($0) }
                #expect(hasher.finalize() == expected, "length \(length), split at \(split)")
            }
        }
    }

    @Test("Three-part updates around block boundaries equal the one-shot hash")
    func threePartSplits() {
        var random = TestRandom(seed: 0x3350_4152_5453)
        let message = random.bytes(count: 200)
        for length in [55, 56, 63, 64, 65, 119, 120, 127, 128, 129, 191, 192, 200] {
            let whole = Array(message[0..<length])
            let expected = SHA256.hash(whole)
            for first in 0...length {
                for second in first...length {
                    var hasher = SHA256()
                    hasher.update(Array(whole[0..<first]))
                    hasher.update(Array(whole[first..<second]))
                    hasher.update(Array(whole[second...]))
                    #expect(hasher.finalize() == expected, "length \(length), splits at \(first) and \(second)")
                }
            }
        }
    }

    @Test("Random-sized chunks through all three update methods equal the one-shot hash")
    func randomChunks() {
        let seed = TestRandom.seedFromEnvironment(default: 0x0123_4567_89ab_cdef)
        print("SHA256Tests.randomChunks seed: \(seed) (override with GROUPLEDGER_TEST_SEED)")
        var random = TestRandom(seed: seed)
        for trial in 0..<300 {
            let length = trial < 200 ? trial : Int(random.next() % 5000)
            let message = random.bytes(count: length)
            let expected = SHA256.hash(message)
            var hasher = SHA256()
            var offset = 0
            while offset < length {
                let chunk = min(length - offset, Int(random.next() % 150))
                switch random.next() % 3 {
                case 0:
                    hasher.update(Array(message[offset..<(offset + chunk)]))
                case 1:
                    message[offset..<(offset + chunk)].withUnsafeBytes { hasher.update($0) }
                default:
                    for byte in message[offset..<(offset + chunk)] {
                        hasher.update(byte: byte)
                    }
                }
                offset += chunk
            }
            #expect(hasher.finalize() == expected, "seed \(seed), trial \(trial), length \(length)")
        }
    }

    @Test("Using a hasher after finalize() is a precondition failure")
    func reuseAfterFinalizeTraps() async {
        await #expect(processExitsWith: .failure) {
            var hasher = SHA256()
            _ = hasher.finalize()
            hasher.update(byte: 0)
        }
        await #expect(processExitsWith: .failure) {
            var hasher = SHA256()
            _ = hasher.finalize()
            _ = hasher.finalize()
        }
    }

    // MARK: SHA256Digest

    @Test("Hex round trip, bytes round trip, description")
    func digestRoundTrip() throws {
        var random = TestRandom(seed: 0x4449_4745_5354)
        for _ in 0..<100 {
            let bytes = random.bytes(count: 32)
            let digest = SHA256Digest(bytes: bytes)
            #expect(digest.bytes == bytes)
            #expect(digest.withUnsafeBytes { Array($0) } == bytes)
            let hex = digest.hex
            #expect(hex == bytes.map { String($0, radix: 16).leftPadded(to: 2) }.joined())
            #expect(digest.description == hex)
            #expect(SHA256Digest(hex: hex) == digest)
            #expect(SHA256Digest(hex: hex[...]) == digest)
        }
        let allBytes = SHA256Digest(bytes: (0..<32).map { UInt8($0 * 8 + 7) })
        #expect(SHA256Digest(hex: allBytes.hex)?.bytes == allBytes.bytes)
        #expect(SHA256Digest.zero.hex == String(repeating: "0", count: 64))
        #expect(SHA256Digest.zero.bytes == [UInt8](repeating: 0, count: 32))
        #expect(SHA256Digest(bytes: AnySequence(Array(repeating: UInt8(0xff), count: 32))).hex == String(repeating: "f", count: 64))
    }

    @Test("Hex parsing refuses every byte but 0-9 and a-f, in any position, and wrong lengths")
    func hexParsingRefusesNonDigits() {
        let valid = Array(SHA256.hash(Array("x".utf8)).hex.utf8)
        let accepted = Set(Array("0123456789abcdef".utf8))
        for byte in UInt8.min...UInt8.max {
            for position in 0..<64 {
                var text = valid
                text[position] = byte
                let parsed = text.withUnsafeBytes { SHA256Digest(hexBytes: $0) }
                #expect((parsed != nil) == accepted.contains(byte), "byte \(byte) at \(position)")
            }
        }
        #expect(valid.dropLast().withUnsafeBytes { SHA256Digest(hexBytes: UnsafeRawBufferPointer($0)) } == nil)
        #expect(SHA256Digest(hex: String(decoding: valid, as: UTF8.self) + "0") == nil)
    }

    @Test("Equality and hashing use all 32 bytes")
    func digestEquality() {
        let base = SHA256.hash(Array("x".utf8))
        var seen: Set<SHA256Digest> = [base]
        for index in 0..<32 {
            var bytes = base.bytes
            bytes[index] ^= 0x01
            let changed = SHA256Digest(bytes: bytes)
            #expect(changed != base, "byte \(index)")
            seen.insert(changed)
        }
        #expect(seen.count == 33)
        #expect(SHA256Digest(bytes: base.bytes) == base)
    }

    @Test(
        "init?(hex:) rejects anything but 64 lowercase hex characters",
        arguments: [
            "",
            String(repeating: "a", count: 63),
            String(repeating: "a", count: 65),
            String(repeating: "A", count: 64),
            "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85F",
            "g3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85 ",
            " e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85",
            "0xb0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b8-5",
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b8é",
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85\u{0}",
            "٠" + String(repeating: "0", count: 63),
            "é" + String(repeating: "0", count: 62),
        ]
    )
    func hexRejections(text: String) {
        #expect(SHA256Digest(hex: text) == nil)
    }

    @Test("init(bytes:) with anything but 32 bytes is a precondition failure")
    func wrongByteCountTraps() async {
        await #expect(processExitsWith: .failure) {
            _ = SHA256Digest(bytes: [UInt8](repeating: 0, count: 31))
        }
        await #expect(processExitsWith: .failure) {
            _ = SHA256Digest(bytes: [UInt8](repeating: 0, count: 33))
        }
    }
}

/// One entry of Fixtures/sha256_vectors.json.
private struct SHA256Vector: Sendable {
    /// How the message is given: literally, or as one byte repeated (possibly gigabytes, so never materialised).
    enum Message: Sendable {
        case bytes([UInt8])
        case repeated(byte: UInt8, count: Int)
    }

    var name: String
    var message: Message
    var expected: SHA256Digest
    var isLarge: Bool

    /// Hashes the message, streaming repeated bytes through a 1 MiB buffer.
    func computeDigest() -> SHA256Digest {
        switch message {
        case .bytes(let bytes):
            return SHA256.hash(bytes)
        case .repeated(let byte, let count):
            let chunk = [UInt8](repeating: byte, count: 1 << 20)
            var hasher = SHA256()
            var remaining = count
            chunk.withUnsafeBytes { raw in
                while remaining > 0 {
                    let length = min(remaining, raw.count)
                    hasher.update(UnsafeRawBufferPointer(rebasing: raw[0..<length]))
                    remaining -= length
                }
            }
            return hasher.finalize()
        }
    }
}

/// Reads the shared vector file next to this source file (not through Bundle.module: the fixtures are excluded).
private enum SHA256VectorFixture {
    struct FormatError: Error, CustomStringConvertible {
        var description: String
    }

    static let fileURL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .appendingPathComponent("Fixtures/sha256_vectors.json")

    /// GROUPLEDGER_SLOW_TESTS=1 enables the multi-gigabyte vectors.
    static var slowTestsEnabled: Bool {
        ProcessInfo.processInfo.environment["GROUPLEDGER_SLOW_TESTS"] == "1"
    }

    static func vectors(in group: String) throws -> [SHA256Vector] {
        let data = try Data(contentsOf: fileURL)
        guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw FormatError(description: "top level is not an object")
        }
        guard let entries = root[group] as? [[String: Any]] else {
            throw FormatError(description: "\(group) is not an array of objects")
        }
        return try entries.enumerated().map { index, entry in
            let name = (entry["id"] as? String) ?? "\(group)[\(index)]"
            guard let mdHex = entry["md_hex"] as? String, let expected = SHA256Digest(hex: mdHex) else {
                throw FormatError(description: "\(name): md_hex missing or malformed")
            }
            let message: SHA256Vector.Message
            if let messageHex = entry["msg_hex"] as? String {
                guard let bytes = decodeHex(messageHex) else {
                    throw FormatError(description: "\(name): msg_hex malformed")
                }
                message = .bytes(bytes)
            } else if let byteHex = entry["repeat_byte_hex"] as? String, let count = entry["repeat_count"] as? Int,
                let byte = decodeHex(byteHex), byte.count == 1, count >= 0
            {
                message = .repeated(byte: byte[0], count: count)
            } else {
                throw FormatError(description: "\(name): neither msg_hex nor repeat_byte_hex/repeat_count")
            }
            return SHA256Vector(name: name, message: message, expected: expected, isLarge: (entry["large"] as? Bool) ?? false)
        }
    }

    /// Decodes lowercase or uppercase hex of even length; nil otherwise.
    static func decodeHex(_ text: String) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        var index = 0
        while index < digits.count {
            guard let high = hexValue(digits[index]), let low = hexValue(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    private static func hexValue(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return digit - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}


extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}

/// The CPU's SHA extensions and the portable Swift code must agree on every input.
@Suite("SHA-256: hardware and portable block functions")
struct SHA256AccelerationTests {
    private static func vectorMessages() throws -> [(message: [UInt8], digestHex: String)] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/sha256_vectors.json")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        var result: [(message: [UInt8], digestHex: String)] = []
        for section in ["fips180_examples", "nist_sha2_additional", "cavp_short_msg", "cavp_long_msg"] {
            for entry in root[section] as? [[String: Any]] ?? [] where entry["large"] as? Bool != true {
                guard let digestHex = entry["md_hex"] as? String else { continue }
                if let hex = entry["msg_hex"] as? String {
                    var bytes: [UInt8] = []
                    var index = hex.startIndex
                    while index < hex.endIndex {
                        let next = hex.index(index, offsetBy: 2)
                        bytes.append(UInt8(hex[index..<next], radix: 16) ?? 0)
                        index = next
                    }
                    result.append((bytes, digestHex))
                } else if let repeatHex = entry["repeat_byte_hex"] as? String, let count = entry["repeat_count"] as? Int {
                    result.append(([UInt8](repeating: UInt8(repeatHex, radix: 16) ?? 0, count: count), digestHex))
                }
            }
        }
        return result
    }

    @Test func thePortableCodeMatchesEveryVector() throws {
        for (message, digestHex) in try Self.vectorMessages() {
            var hasher = SHA256(portable: true)
            hasher.update(message)
            #expect(hasher.finalize().hex == digestHex)
        }
    }

    @Test(.enabled(if: SHA256.isHardwareAccelerated, "this CPU has no SHA extensions"))
    func theSHAExtensionsMatchEveryVectorAndRandomBlocks() throws {
        for (message, digestHex) in try Self.vectorMessages() {
            var hasher = SHA256(portable: false)
            hasher.update(message)
            #expect(hasher.finalize().hex == digestHex)
        }
        var generator = SystemRandomNumberGenerator()
        for blockCount in 1...9 {
            let blocks = (0..<(64 * blockCount)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            var portable = SHA256.State()
            var accelerated = SHA256.State()
            blocks.withUnsafeBytes { raw in
                portable.compressPortable(blocks: raw.baseAddress!, blockCount: blockCount)
                accelerated.compressAccelerated(blocks: raw.baseAddress!, blockCount: blockCount)
            }
            #expect(portable.digest == accelerated.digest, "blocks \(blocks)")
        }
    }

    /// Every byte value, in every position of a word, reads back as its two lowercase digits.
    @Test func digestsWriteEveryByteAsTwoLowercaseHexDigits() throws {
        for first in stride(from: 0, to: 256, by: 32) {
            let reference = (first..<(first + 32)).map { byte in (byte < 16 ? "0" : "") + String(byte, radix: 16) }.joined()
            let digest = try #require(SHA256Digest(hex: reference))
            #expect(digest.hex == reference)
            var written = [UInt8](repeating: 0, count: 66)
            written.withUnsafeMutableBytes { digest.writeHex(to: $0.baseAddress! + 1) }
            #expect(written.first == 0 && written.last == 0, "nothing written outside the 64 bytes")
            #expect(String(decoding: written[1...64], as: UTF8.self) == reference)
        }
    }
}
