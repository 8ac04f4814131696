import Foundation
import LedgerCore
@testable import LedgerJournal

/// A fresh directory per test, removed afterwards.
final class TemporaryDirectory {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "groupledger-test-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    func file(_ name: String) -> String { path + "/" + name }
}

enum Fixtures {
    static let clock = FixedClock(try! UTCTimestamp(parsing: "2025-01-10T02:00:00Z"))

    /// A realistic draft with Chinese text; `index` varies its payload.
    static func draft(_ index: Int, type: String = "SchoolJoinedGroup") -> EventDraft {
        EventDraft(
            type: type, version: 1, effective: try! PartialDate(parsing: "2024-09-01"),
            actor: Actor(id: "clerk7", role: "BureauClerk", onBehalfOf: "sy-edu"),
            authority: Authority(document: "邵教发〔2023〕50号"),
            data: JSONObject(uniqueKeysWithValues: [
                ("groupId", .string("sy-g1")), ("schoolId", .string("sy-m\(index)")),
                ("nameZh", .string("邵阳县芙蓉学校教育集团")), ("amountFen", .integer(Int64(index) * 100)),
            ])
        )
    }

    /// Builds a journal at `path` from batches of the given sizes; returns the file's bytes.
    @discardableResult
    static func journal(at path: String, batchSizes: [Int]) throws -> [UInt8] {
        let writer = JournalWriter(path: path, clock: clock)
        var index = 0
        for size in batchSizes {
            try writer.append((0..<size).map { offset in draft(index + offset) })
            index += size
        }
        writer.close()
        return try bytes(path)
    }

    static func bytes(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    static func write(_ bytes: [UInt8], to path: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    /// The byte offsets where each line starts, plus the file size at the end.
    static func lineStarts(_ bytes: [UInt8]) -> [Int] {
        var starts = [0]
        for (index, byte) in bytes.enumerated() where byte == 0x0A { starts.append(index + 1) }
        return starts
    }

    /// A full scan with chain checks.
    static func scan(_ path: String) throws -> JournalScanResult {
        try JournalReading.scan(path: path, checkChain: true) { _ in true }
    }
}

/// SplitMix64: a tiny deterministic generator, so failures reproduce from the printed seed.
struct TestRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    /// GROUPLEDGER_TEST_SEED (decimal) when set, else `defaultSeed`.
    static func seedFromEnvironment(default defaultSeed: UInt64) -> UInt64 {
        ProcessInfo.processInfo.environment["GROUPLEDGER_TEST_SEED"].flatMap { UInt64($0) } ?? defaultSeed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xbf58_476d_1ce4_e5b9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94d0_49bb_1331_11eb
        return mixed ^ (mixed >> 31)
    }

    mutating func bytes(count: Int) -> [UInt8] {
        (0..<count).map { _ in UInt8(truncatingIfNeeded: next() >> 24) }
    }
}
