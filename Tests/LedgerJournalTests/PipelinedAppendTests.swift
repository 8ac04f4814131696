import Glibc
import Synchronization
import Testing
import LedgerCore
@testable import LedgerJournal

/// `append(contentsOf:)`: batches appended in order, each encoded while the one before is
/// written and fsynced. It must write what appending them one by one writes, acknowledge each
/// batch only once it is on disk, and stop at the first failure with every batch before it
/// acknowledged and none after it written.
@Suite("Appending batches together")
struct PipelinedAppendTests {
    /// A clock one minute later at every reading, so each batch gets its own recorded time.
    final class SteppingClock: LedgerClock {
        private let minutes = Mutex<Int64>(0)

        func now() -> UTCTimestamp {
            let minute = minutes.withLock { value in
                defer { value += 1 }
                return value
            }
            return UTCTimestamp(secondsSinceEpoch: 1_736_474_400 + minute * 60)
        }
    }

    /// Batches of different sizes, some over the size at which a batch is encoded on workers.
    static let batchSizes = [1, 70, 3, 200, 64, 1, 130]

    static func batches(from firstIndex: Int = 0) -> [[EventDraft]] {
        var index = firstIndex
        return batchSizes.map { size in
            defer { index += size }
            return (index..<(index + size)).map { Fixtures.draft($0) }
        }
    }

    /// The journal's bytes and receipts from appending `batches` one `append` at a time.
    static func oneByOne(_ batches: [[EventDraft]], at path: String) throws -> ([UInt8], [AppendReceipt]) {
        let writer = JournalWriter(path: path, clock: SteppingClock())
        let receipts = try batches.map { try writer.append($0) }
        return (try Fixtures.bytes(path), receipts)
    }

    @Test func writesTheSameBytesAndReceiptsAsAppendingOneByOne() throws {
        let directory = TemporaryDirectory()
        let (expectedBytes, expectedReceipts) = try Self.oneByOne(Self.batches(), at: directory.file("one-by-one.jsonl"))
        let path = directory.file("together.jsonl")
        let writer = JournalWriter(path: path, clock: SteppingClock())
        var receipts: [AppendReceipt] = []
        try writer.append(contentsOf: Self.batches()) { receipts.append($0) }
        #expect(receipts == expectedReceipts)
        #expect(Set(receipts.map(\.recorded)).count == Self.batchSizes.count)
        #expect(try Fixtures.bytes(path) == expectedBytes)
        #expect(try JournalVerifier.verify(path: path).eventCount == Int64(Self.batchSizes.reduce(0, +)))
        // The writer knows where the journal ends: a plain append continues the chain.
        let next = try writer.append([Fixtures.draft(9_000)])
        #expect(next.firstSeq == Int64(Self.batchSizes.reduce(0, +)) + 1)
        #expect(try JournalVerifier.verify(path: path).isSound)
    }

    @Test func eachBatchIsAcknowledgedOnlyAfterItsFsync() throws {
        let directory = TemporaryDirectory()
        let path = directory.file("ledger.jsonl")
        _ = try Fixtures.journal(at: path, batchSizes: [2])
        let storage = FaultInjectingStorage()
        let writer = JournalWriter(path: path, clock: SteppingClock(), calls: storage)
        var fsyncsAtEachAcknowledgement: [Int] = []
        try writer.append(contentsOf: Self.batches()) { _ in fsyncsAtEachAcknowledgement.append(storage.synchronizeCalls) }
        // The n-th acknowledgement comes after the n-th fsync (the journal existed, so no
        // directory fsync): never before its own.
        #expect(fsyncsAtEachAcknowledgement.enumerated().allSatisfy { $0.element >= $0.offset + 1 })
        #expect(storage.synchronizeCalls == Self.batchSizes.count)
    }

    @Test func anInvalidBatchStopsTheAppendAfterTheBatchesBeforeIt() throws {
        let directory = TemporaryDirectory()
        var batches = Self.batches()
        let (expectedBytes, _) = try Self.oneByOne(Array(batches[0..<3]), at: directory.file("first-three.jsonl"))
        batches[3][5].type = "not a type"
        let path = directory.file("ledger.jsonl")
        var receipts: [AppendReceipt] = []
        #expect {
            try JournalWriter(path: path, clock: SteppingClock()).append(contentsOf: batches) { receipts.append($0) }
        } throws: { error in
            (error as? JournalError)?.code == .invalidInput && "\(error)".contains("event 6 of the batch")
        }
        #expect(receipts.map(\.lastSeq) == [1, 71, 74])
        #expect(try Fixtures.bytes(path) == expectedBytes)
    }

    @Test func aFailedWriteStopsTheAppendAndLeavesTheBatchesBeforeIt() throws {
        let directory = TemporaryDirectory()
        let batches = Self.batches()
        let (expectedBytes, _) = try Self.oneByOne(Array(batches[0..<2]), at: directory.file("first-two.jsonl"))
        let path = directory.file("ledger.jsonl")
        let storage = FaultInjectingStorage()
        // The third batch's write (one pwrite a batch here) fails with ENOSPC after a part of it.
        storage.onWrite = { index in index == 2 ? .partThenFail(1_000, errorNumber: ENOSPC) : .real }
        let writer = JournalWriter(path: path, clock: SteppingClock(), calls: storage)
        var receipts: [AppendReceipt] = []
        #expect {
            try writer.append(contentsOf: batches) { receipts.append($0) }
        } throws: { error in
            (error as? JournalError)?.code == .systemCall && (error as? JournalError)?.byteOffset == Int64(expectedBytes.count)
        }
        #expect(receipts.count == 2)
        #expect(storage.writeCalls == 3)
        #expect(try Fixtures.bytes(path) == expectedBytes)
        #expect(!writer.isPoisoned)
        storage.onWrite = { _ in .real }
        #expect(try writer.append([Fixtures.draft(9_000)]).firstSeq == 72)
        #expect(try JournalVerifier.verify(path: path).isSound)
    }

    @Test func aFailedFsyncStopsTheWriterWithNoLaterBatchWritten() throws {
        let directory = TemporaryDirectory()
        let batches = Self.batches()
        let (throughSecond, _) = try Self.oneByOne(Array(batches[0..<2]), at: directory.file("first-two.jsonl"))
        let path = directory.file("ledger.jsonl")
        let storage = FaultInjectingStorage()
        // The calls: the first batch's fsync, the new journal's directory, the second batch's.
        storage.onSynchronize = { index in index == 2 ? EIO : nil }
        let writer = JournalWriter(path: path, clock: SteppingClock(), calls: storage)
        var receipts: [AppendReceipt] = []
        #expect {
            try writer.append(contentsOf: batches) { receipts.append($0) }
        } throws: { error in
            (error as? JournalError)?.code == .writerPoisoned
        }
        #expect(receipts.count == 1)
        #expect(writer.isPoisoned)
        // The second batch was written (its fsync failed); the third never was.
        #expect(try Fixtures.bytes(path) == throughSecond)
        #expect(throws: JournalError.self) { try writer.append(contentsOf: [[Fixtures.draft(9_000)]]) { _ in } }
    }

    @Test func aWrongExpectedSeqAppendsNothing() throws {
        let directory = TemporaryDirectory()
        let path = directory.file("ledger.jsonl")
        let before = try Fixtures.journal(at: path, batchSizes: [2, 3])
        var receipts: [AppendReceipt] = []
        #expect {
            try JournalWriter(path: path, clock: SteppingClock()).append(contentsOf: Self.batches(), expectSeq: 4) { receipts.append($0) }
        } throws: { error in
            (error as? JournalError)?.code == .expectSeqMismatch
        }
        #expect(receipts.isEmpty)
        #expect(try Fixtures.bytes(path) == before)
        try JournalWriter(path: path, clock: SteppingClock()).append(contentsOf: Self.batches(), expectSeq: 5) { receipts.append($0) }
        #expect(receipts.first?.firstSeq == 6 && receipts.count == Self.batchSizes.count)
    }
}
