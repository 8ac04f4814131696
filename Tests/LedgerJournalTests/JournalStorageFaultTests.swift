import Foundation
import Glibc
import Testing
import LedgerCore
@testable import LedgerJournal

/// Faults injected below the writer (through `StorageSystemCalls`): what an append promises
/// when the disk misbehaves. A failed append is never acknowledged; after a failed write the
/// journal is byte-identical to before; after a failed fsync the writer refuses appends until
/// `recoverAndReopen()`, and after recovery the failed batch is all or nothing.
@Suite("Storage faults")
struct JournalStorageFaultTests {
    /// The journal every case starts from: batches of 2 and 3 events.
    static func startingJournal(_ directory: TemporaryDirectory) throws -> (path: String, bytes: [UInt8]) {
        let path = directory.file("ledger.jsonl")
        return (path, try Fixtures.journal(at: path, batchSizes: [2, 3]))
    }

    /// The batch every case tries to append: large enough to span several pages.
    static let failingBatch = (100..<130).map { Fixtures.draft($0) }

    /// The bytes `failingBatch` adds to the starting journal when nothing fails.
    static func failingBatchBytes() throws -> [UInt8] {
        let directory = TemporaryDirectory()
        let (path, before) = try startingJournal(directory)
        try JournalWriter(path: path, clock: Fixtures.clock).append(failingBatch)
        return Array(try Fixtures.bytes(path).dropFirst(before.count))
    }

    @Test func shortWritesAndInterruptedCallsAreContinuedToTheSameBytes() throws {
        let directory = TemporaryDirectory()
        let (path, before) = try Self.startingJournal(directory)
        let storage = FaultInjectingStorage()
        storage.onWrite = { _ in .atMost(7) }
        storage.interruptEveryOtherCall = true
        let writer = JournalWriter(path: path, clock: Fixtures.clock, calls: storage)
        let receipt = try writer.append(Self.failingBatch)
        #expect(receipt.firstSeq == 6 && receipt.lastSeq == 35)
        let expected = before + (try Self.failingBatchBytes())
        #expect(storage.writeCalls == (expected.count - before.count + 6) / 7)
        #expect(try Fixtures.bytes(path) == expected)
        #expect(try JournalVerifier.verify(path: path).isSound)
    }

    /// A write that fails, with the error text the caller sees.
    struct WriteFault: CustomStringConvertible, Sendable {
        let name: String
        /// What the n-th `pwrite` of the append does (0 is the first).
        let outcomes: [FaultInjectingStorage.WriteOutcome]
        let reason: String
        var description: String { name }
    }

    static let writeFaults: [WriteFault] = [
        WriteFault(name: "EIO on the first write", outcomes: [.fail(errorNumber: EIO)], reason: "Input/output error (errno 5)"),
        WriteFault(name: "ENOSPC on the first write", outcomes: [.fail(errorNumber: ENOSPC)], reason: "No space left on device (errno 28)"),
        WriteFault(name: "a short write, then ENOSPC", outcomes: [.atMost(1_000), .fail(errorNumber: ENOSPC)],
                   reason: "No space left on device (errno 28)"),
        WriteFault(name: "part of a page written, then EIO", outcomes: [.partThenFail(5_000, errorNumber: EIO)],
                   reason: "Input/output error (errno 5)"),
        WriteFault(name: "a short write, then no progress", outcomes: [.atMost(4_096), .noProgress],
                   reason: "Input/output error (errno 5)"),
        WriteFault(name: "EDQUOT (quota) after two short writes", outcomes: [.atMost(10), .atMost(10), .fail(errorNumber: EDQUOT)],
                   reason: "Disk quota exceeded (errno 122)"),
    ]

    @Test(arguments: writeFaults)
    func aFailedWriteIsNotAcknowledgedAndLeavesTheJournalByteIdentical(fault: WriteFault) throws {
        let directory = TemporaryDirectory()
        let (path, before) = try Self.startingJournal(directory)
        let storage = FaultInjectingStorage()
        storage.onWrite = { index in index < fault.outcomes.count ? fault.outcomes[index] : .real }
        let writer = JournalWriter(path: path, clock: Fixtures.clock, calls: storage)
        #expect {
            try writer.append(Self.failingBatch)
        } throws: { error in
            let error = error as? JournalError
            return error?.code == .systemCall && error?.byteOffset == Int64(before.count) && error?.cause?.call == "pwrite"
                && error?.description == "\(path) (byte \(before.count)): append failed, nothing was acknowledged: pwrite of '\(path)' failed: \(fault.reason)"
        }
        #expect(try Fixtures.bytes(path) == before)
        #expect(!writer.isPoisoned)
        // The undo was exact, so the same writer may go on once the disk has room again.
        storage.onWrite = { _ in .real }
        let receipt = try writer.append([Fixtures.draft(200)])
        #expect(receipt.firstSeq == 6)
        #expect(try JournalVerifier.verify(path: path).isSound)
    }

    @Test func aFailedWriteOnANewJournalLeavesItEmpty() throws {
        let directory = TemporaryDirectory()
        let path = directory.file("new.jsonl")
        let storage = FaultInjectingStorage()
        storage.onWrite = { _ in .partThenFail(300, errorNumber: ENOSPC) }
        #expect(throws: JournalError.self) { try JournalWriter(path: path, clock: Fixtures.clock, calls: storage).append([Fixtures.draft(1)]) }
        #expect(try Fixtures.bytes(path).isEmpty)
        #expect(try JournalWriter(path: path, clock: Fixtures.clock).append([Fixtures.draft(1)]).firstSeq == 1)
    }

    @Test func aFailedWriteThatCannotBeUndoneStopsTheWriterAndRecoveryMovesThePieceAside() throws {
        let directory = TemporaryDirectory()
        let (path, before) = try Self.startingJournal(directory)
        let storage = FaultInjectingStorage()
        storage.onWrite = { index in index == 0 ? .partThenFail(2_000, errorNumber: EIO) : .real }
        storage.onTruncate = { _ in EIO }
        let writer = JournalWriter(path: path, clock: Fixtures.clock, calls: storage)
        #expect(throws: JournalError.self) { try writer.append(Self.failingBatch) }
        #expect(writer.isPoisoned)
        // The piece is still there: a torn tail that every reader ignores.
        #expect(try Fixtures.bytes(path).count == before.count + 2_000)
        guard case .torn = try Fixtures.scan(path).tail else { Issue.record("expected a torn tail"); return }
        storage.onTruncate = { _ in nil }
        #expect {
            try writer.append([Fixtures.draft(200)])
        } throws: { error in
            let error = error as? JournalError
            return error?.code == .writerPoisoned
                && error?.description == "\(path) (byte \(before.count)): an append failed and could not be undone (ftruncate of '\(path)' failed: Input/output error (errno 5)); reopen the journal and run `groupledger recover`, then `verify`"
        }
        let (recovery, verification) = try writer.recoverAndReopen()
        #expect(recovery.tornTail?.byteOffset == Int64(before.count) && recovery.tornTail?.byteCount == 2_000)
        #expect(verification.isSound && verification.eventCount == 5)
        #expect(try Fixtures.bytes(path) == before)
        #expect(try writer.append([Fixtures.draft(200)]).firstSeq == 6)
    }

    /// What the disk may hold of a batch whose fsync failed: Linux may have written some, all
    /// or none of its pages, and pages it could not write may read back as zeros.
    enum DiskAfterFailedSynchronize: CaseIterable, Sendable {
        case everything, nothing, firstPageOnly, allButTheLastByte, firstPageThenZeros, zerosThenTheRest

        /// The file's bytes after the failed fsync of `batch` appended to `before`.
        func apply(before: [UInt8], batch: [UInt8]) -> [UInt8] {
            let page = 4_096 - before.count % 4_096  // the batch's bytes in the file's page it starts in
            switch self {
            case .everything: return before + batch
            case .nothing: return before
            case .firstPageOnly: return before + batch.prefix(page)
            case .allButTheLastByte: return before + batch.dropLast()
            case .firstPageThenZeros: return before + batch.prefix(page) + [UInt8](repeating: 0, count: batch.count - page)
            case .zerosThenTheRest: return before + [UInt8](repeating: 0, count: page) + batch.dropFirst(page)
            }
        }
    }

    @Test(arguments: [EIO, ENOSPC], DiskAfterFailedSynchronize.allCases)
    func aFailedFsyncStopsTheWriterAndAfterRecoveryTheBatchIsAllOrNothing(errorNumber: Int32, disk: DiskAfterFailedSynchronize) throws {
        let directory = TemporaryDirectory()
        let (path, before) = try Self.startingJournal(directory)
        let batch = try Self.failingBatchBytes()
        let storage = FaultInjectingStorage()
        storage.onSynchronize = { index in index == 0 ? errorNumber : nil }
        let writer = JournalWriter(path: path, clock: Fixtures.clock, calls: storage)
        let reason = errorNumber == EIO ? "Input/output error (errno 5)" : "No space left on device (errno 28)"
        #expect {
            try writer.append(Self.failingBatch)
        } throws: { error in
            let error = error as? JournalError
            return error?.code == .writerPoisoned && error?.cause?.call == "fsync" && error?.cause?.errorNumber == errorNumber
                && error?.description == "\(path) (byte \(before.count)): fsync of '\(path)' failed: \(reason); the batch is not acknowledged and this writer accepts no more appends: reopen the journal, run `groupledger recover`, then `verify`"
        }
        // The writer stops, even though the disk now works: a retried fsync could report
        // success for pages the kernel already dropped.
        #expect(writer.isPoisoned)
        #expect(throws: JournalError.self) { try writer.append([Fixtures.draft(200)]) }
        #expect(storage.synchronizeCalls == 1)
        // Model what the disk holds, then reopen, recover and verify.
        try Fixtures.write(disk.apply(before: before, batch: batch), to: path)
        let (recovery, verification) = try writer.recoverAndReopen()
        let after = try Fixtures.bytes(path)
        #expect(verification.isSound)
        if after.count == before.count + batch.count {
            #expect(after == before + batch, "present, so whole")
            #expect(verification.eventCount == 35)
        } else {
            #expect(after == before, "absent, so none of it")
            #expect(verification.eventCount == 5)
        }
        #expect((disk == .everything) == (after.count > before.count))
        #expect((recovery.tornTail != nil) == (disk != .everything && disk != .nothing))
        // Appends work again and continue the chain.
        #expect(try writer.append([Fixtures.draft(200)]).firstSeq == verification.eventCount + 1)
        #expect(try JournalVerifier.verify(path: path).isSound)
    }

    @Test func aFailedDirectoryFsyncAfterCreatingTheJournalStopsTheWriter() throws {
        let directory = TemporaryDirectory()
        let path = directory.file("new.jsonl")
        let storage = FaultInjectingStorage()
        storage.onSynchronize = { index in index == 1 ? EIO : nil }  // 0: the file, 1: its directory
        let writer = JournalWriter(path: path, clock: Fixtures.clock, calls: storage)
        #expect {
            try writer.append([Fixtures.draft(1)])
        } throws: { error in
            let error = error as? JournalError
            return error?.code == .writerPoisoned && error?.cause?.call == "fsync" && error?.cause?.path == directory.path
        }
        #expect(throws: JournalError.self) { try writer.append([Fixtures.draft(2)]) }
        let (_, verification) = try writer.recoverAndReopen()
        #expect(verification.isSound && verification.eventCount == 1)
        #expect(try writer.append([Fixtures.draft(2)]).firstSeq == 2)
    }

    @Test func aPoisonedWriterStaysPoisonedWhileTheJournalIsDamaged() throws {
        let directory = TemporaryDirectory()
        let (path, before) = try Self.startingJournal(directory)
        let storage = FaultInjectingStorage()
        storage.onSynchronize = { _ in EIO }
        let writer = JournalWriter(path: path, clock: Fixtures.clock, calls: storage)
        #expect(throws: JournalError.self) { try writer.append(Self.failingBatch) }
        // Meanwhile line 2 was damaged: recovery refuses (it is not a torn tail), so appends stay refused.
        var damaged = try Fixtures.bytes(path)
        damaged[Fixtures.lineStarts(before)[1] + 30] ^= 0x01
        try Fixtures.write(damaged, to: path)
        storage.onSynchronize = { _ in nil }
        #expect(throws: JournalError.self) { try writer.recoverAndReopen() }
        #expect(writer.isPoisoned)
        #expect(throws: JournalError.self) { try writer.append([Fixtures.draft(200)]) }
        #expect(try Fixtures.bytes(path) == damaged)
    }

    @Test func recoveryThatCannotMakeTheTornBytesDurableLeavesTheJournalAsItWas() throws {
        let directory = TemporaryDirectory()
        let (path, before) = try Self.startingJournal(directory)
        let torn = before + Array((try Self.failingBatchBytes()).prefix(777))
        try Fixtures.write(torn, to: path)
        // fsync calls of a recovery: 0 the journal (before the scan), 1 the side file, 2 its directory.
        for failing in [1, 2] {
            let storage = FaultInjectingStorage()
            storage.onSynchronize = { index in index == failing ? EIO : nil }
            #expect(throws: JournalError.self) { try JournalRecovery.recover(path: path, lockWaitMilliseconds: 0, calls: storage) }
            #expect(try Fixtures.bytes(path) == torn, "fsync \(failing) failed: the journal must not be cut")
        }
        // The cut itself fails: the bytes are in both places, never in neither.
        let storage = FaultInjectingStorage()
        storage.onTruncate = { _ in EIO }
        #expect(throws: JournalError.self) { try JournalRecovery.recover(path: path, lockWaitMilliseconds: 0, calls: storage) }
        #expect(try Fixtures.bytes(path) == torn)
        #expect(try Fixtures.bytes(path + ".torn-\(before.count)-3") == Array(torn.dropFirst(before.count)))
        // A healthy recovery finishes the job.
        let report = try JournalRecovery.recover(path: path)
        #expect(report.movedTo == path + ".torn-\(before.count)-4")
        #expect(try Fixtures.bytes(path) == before)
        #expect(try JournalVerifier.verify(path: path).isSound)
    }
}
