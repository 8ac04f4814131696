import Foundation
import Glibc
import Testing
import LedgerCore
@testable import LedgerJournal

@Suite("Appending")
struct JournalWriterTests {
    @Test func assignsSeqsBatchesAndTheChain() throws {
        let directory = TemporaryDirectory()
        let path = directory.file("ledger.jsonl")
        let writer = JournalWriter(path: path, clock: Fixtures.clock)
        let first = try writer.append([Fixtures.draft(1), Fixtures.draft(2)])
        let second = try writer.append([Fixtures.draft(3)])
        #expect(first.firstSeq == 1 && first.lastSeq == 2 && first.byteOffset == 0)
        #expect(second.firstSeq == 3 && second.lastSeq == 3 && second.byteOffset == first.byteCount)
        var entries: [JournalEntry] = []
        let result = try JournalReading.scan(path: path, checkChain: true) { batch in
            entries += batch
            return true
        }
        #expect(result.soundEventCount == 3)
        guard case .clean = result.tail else { Issue.record("expected a clean tail"); return }
        #expect(entries.map(\.seq) == [1, 2, 3])
        #expect(entries.map(\.line.batch) == [BatchMarker(first: 1, count: 2), BatchMarker(first: 1, count: 2), BatchMarker(first: 3, count: 1)])
        #expect(entries[0].line.prev == .zero)
        #expect(entries[1].line.prev == entries[0].leafHash)
        #expect(entries[2].line.prev == entries[1].leafHash)
        #expect(entries[2].event.draft == Fixtures.draft(3))
    }

    /// Batches around and above the size that is encoded in parallel: every line equals its
    /// sequential encoding with the real prev, which is the leaf hash of the line before.
    @Test func parallelEncodingGivesTheSequentialLinesAndChain() throws {
        let directory = TemporaryDirectory()
        let path = directory.file("ledger.jsonl")
        let sizes = [1, BatchEncoding.parallelThreshold - 1, BatchEncoding.parallelThreshold, BatchEncoding.parallelThreshold + 1, 1_000, 7,
                     2 * BatchEncoding.linesPerPart + 1]
        let bytes = try Fixtures.journal(at: path, batchSizes: sizes)
        let starts = Fixtures.lineStarts(bytes)
        #expect(starts.count - 1 == sizes.reduce(0, +))
        var prev = SHA256Digest.zero
        var first: Int64 = 1
        var seq: Int64 = 1
        for size in sizes {
            for offset in 0..<size {
                let index = Int(seq) - 1
                let line = Array(bytes[starts[index]..<(starts[index + 1] - 1)])
                let expected = JournalLine(event: RecordedEvent(seq: seq, recorded: Fixtures.clock.instant, draft: Fixtures.draft(Int(seq) - 1)),
                                           batch: BatchMarker(first: first, count: Int64(size)), prev: prev).encoded()
                #expect(line == expected, "seq \(seq), event \(offset + 1) of a batch of \(size)")
                prev = MerkleTree.leafHash(line)
                seq += 1
            }
            first += Int64(size)
        }
        #expect(try JournalVerifier.verify(path: path).isSound)
    }

    @Test func createsTheJournalWithMode0640() throws {
        let directory = TemporaryDirectory()
        let path = directory.file("ledger.jsonl")
        let previous = umask(0)
        defer { umask(previous) }
        try JournalWriter(path: path, clock: Fixtures.clock).append([Fixtures.draft(1)])
        var status = stat()
        #expect(stat(path, &status) == 0)
        #expect(status.st_mode & 0o777 == 0o640)
    }

    @Test func linesAreCanonicalAndDecodeBackToTheSameBytes() throws {
        let directory = TemporaryDirectory()
        let path = directory.file("ledger.jsonl")
        var draft = Fixtures.draft(1)
        draft.data["text"] = .string("引号\" 反斜杠\\ 换行\n 制表\t \u{1} \u{7F} \u{2028} 😀 〔2023〕")
        let bytes = try {
            try JournalWriter(path: path, clock: Fixtures.clock).append([draft])
            return try Fixtures.bytes(path)
        }()
        #expect(bytes.last == 0x0A)
        #expect(!bytes.dropLast().contains(0x0A))
        let line = Array(bytes.dropLast())
        let decoded = try line.withUnsafeBytes { try JournalLine.decode($0) }
        #expect(decoded.event.draft == draft)
        #expect(decoded.encoded() == line)
    }

    @Test func refusesAnAppendWhenExpectSeqDiffersAndLeavesTheFileByteIdentical() throws {
        let directory = TemporaryDirectory()
        let path = directory.file("ledger.jsonl")
        let before = try Fixtures.journal(at: path, batchSizes: [2, 1])
        let writer = JournalWriter(path: path, clock: Fixtures.clock)
        #expect {
            try writer.append([Fixtures.draft(9)], expectSeq: 2)
        } throws: { error in
            let error = error as? JournalError
            return error?.code == .expectSeqMismatch
                && error?.message == "expected the journal's last seq to be 2, but it is 3; nothing was appended"
        }
        #expect(try Fixtures.bytes(path) == before)
        let receipt = try writer.append([Fixtures.draft(9)], expectSeq: 3)
        #expect(receipt.firstSeq == 4)
        #expect(try JournalWriter(path: directory.file("new.jsonl"), clock: Fixtures.clock).append([Fixtures.draft(1)], expectSeq: 0).firstSeq == 1)
    }

    @Test func validatesTheWholeBatchBeforeWritingAnything() throws {
        let directory = TemporaryDirectory()
        let path = directory.file("ledger.jsonl")
        let before = try Fixtures.journal(at: path, batchSizes: [1])
        var bad = Fixtures.draft(2)
        bad.actor = Actor(id: "")
        #expect {
            try JournalWriter(path: path, clock: Fixtures.clock).append([Fixtures.draft(1), bad])
        } throws: { error in
            let error = error as? JournalError
            return error?.code == .invalidInput && error?.field == "actor.id"
                && error?.message == "event 2 of the batch: expected 1–128 bytes, found 0"
        }
        #expect(try Fixtures.bytes(path) == before)
        #expect(throws: JournalError.self) { try JournalWriter(path: path, clock: Fixtures.clock).append([]) }
        #expect(try Fixtures.bytes(path) == before)
    }

    @Test func anInvalidFirstBatchCreatesNoJournal() throws {
        let directory = TemporaryDirectory()
        let path = directory.file("ledger.jsonl")
        var bad = Fixtures.draft(2)
        bad.actor = Actor(id: "")
        let drafts = [Fixtures.draft(1)] + Array(repeating: bad, count: 2 * BatchEncoding.parallelThreshold)
        #expect(throws: JournalError.self) { try JournalWriter(path: path, clock: Fixtures.clock).append(drafts) }
        #expect(throws: JournalError.self) {
            try JournalWriter(path: path, clock: Fixtures.clock).append(contentsOf: [drafts]) { _ in }
        }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func acceptsALineAtExactlyTheLimitAndRefusesOneByteMore() throws {
        let directory = TemporaryDirectory()
        let path = directory.file("ledger.jsonl")
        // Find the padding that makes the line exactly maxLineBytes long.
        var draft = Fixtures.draft(1)
        draft.data["padding"] = .string("")
        let baseLength = JournalLine(event: RecordedEvent(seq: 1, recorded: Fixtures.clock.instant, draft: draft),
                                     batch: BatchMarker(first: 1, count: 1), prev: .zero).encoded().count
        draft.data["padding"] = .string(String(repeating: "中", count: (JournalLimits.maxLineBytes - baseLength) / 3)
                                        + String(repeating: "a", count: (JournalLimits.maxLineBytes - baseLength) % 3))
        var tooLong = draft
        tooLong.data["padding"] = .string((draft.data["padding"]?.stringValue ?? "") + "a")
        #expect {
            try JournalWriter(path: path, clock: Fixtures.clock).append([tooLong])
        } throws: { error in
            (error as? JournalError)?.message == "event 1 of the batch (SchoolJoinedGroup) encodes to \(JournalLimits.maxLineBytes + 1) bytes, over the line limit of \(JournalLimits.maxLineBytes)"
        }
        let afterRefusal = FileManager.default.fileExists(atPath: path) ? try Fixtures.bytes(path) : []
        #expect(afterRefusal.isEmpty)
        try JournalWriter(path: path, clock: Fixtures.clock).append([draft])
        let bytes = try Fixtures.bytes(path)
        #expect(bytes.count == JournalLimits.maxLineBytes + 1)
        let result = try Fixtures.scan(path)
        #expect(result.soundEventCount == 1)
    }

    /// A line over the limit deep in a batch encoded in parallel parts: the refusal names that
    /// event, the journal is unchanged, and the same writer appends afterwards.
    @Test func refusesAnOverlongLineInALaterPartOfAParallelBatch() throws {
        let directory = TemporaryDirectory()
        let path = directory.file("ledger.jsonl")
        _ = try Fixtures.journal(at: path, batchSizes: [3])
        let before = try Fixtures.bytes(path)
        var drafts = (3..<1_003).map { Fixtures.draft($0) }
        let position = 5 * BatchEncoding.linesPerPart + 7
        drafts[position].data["padding"] = .string(String(repeating: "a", count: JournalLimits.maxLineBytes))
        let writer = JournalWriter(path: path, clock: Fixtures.clock)
        #expect {
            try writer.append(drafts)
        } throws: { error in
            let message = (error as? JournalError)?.message ?? ""
            return message.hasPrefix("event \(position + 1) of the batch (") && message.hasSuffix("over the line limit of \(JournalLimits.maxLineBytes)")
        }
        #expect(try Fixtures.bytes(path) == before)
        drafts[position].data["padding"] = nil
        let receipt = try writer.append(drafts)
        #expect(receipt.firstSeq == 4 && receipt.lastSeq == 1_003)
        #expect(try JournalVerifier.verify(path: path).isSound)
    }

    /// A batch large enough to be encoded in parallel parts with invalid drafts in two of
    /// them: the refusal names the batch's first invalid draft, then (once that one is fixed)
    /// the other, and nothing is written until the batch is valid. Both ways a writer
    /// validates: before it has opened the file (a pass of its own), and after (each part's
    /// drafts as they are encoded, on the workers).
    @Test(arguments: [false, true])
    func namesTheFirstInvalidDraftOfAParallelBatch(writerHasOpenedTheFile: Bool) throws {
        let directory = TemporaryDirectory()
        let path = directory.file("ledger.jsonl")
        let writer = JournalWriter(path: path, clock: Fixtures.clock)
        if writerHasOpenedTheFile {
            try writer.append((0..<3).map { Fixtures.draft($0) })
        } else {
            _ = try Fixtures.journal(at: path, batchSizes: [3])
        }
        let before = try Fixtures.bytes(path)
        var drafts = (3..<1_003).map { Fixtures.draft($0) }
        let first = 3 * BatchEncoding.linesPerPart + 2
        let later = 9 * BatchEncoding.linesPerPart + 1
        drafts[first].actor = Actor(id: "")
        drafts[later].version = 0
        #expect {
            try writer.append(drafts)
        } throws: { error in
            let error = error as? JournalError
            return error?.code == .invalidInput && error?.field == "actor.id"
                && error?.message == "event \(first + 1) of the batch: expected 1–128 bytes, found 0"
        }
        #expect(try Fixtures.bytes(path) == before)
        drafts[first].actor = Actor(id: "clerk")
        #expect {
            try writer.append(drafts)
        } throws: { error in
            (error as? JournalError)?.field == "v" && (error as? JournalError)?.message.hasPrefix("event \(later + 1) of the batch: ") == true
        }
        #expect(try Fixtures.bytes(path) == before)
        drafts[later].version = 1
        #expect(try writer.append(drafts).lastSeq == 1_003)
        #expect(try JournalVerifier.verify(path: path).isSound)
    }

    @Test func refusesABatchOverTheEventLimit() throws {
        let directory = TemporaryDirectory()
        let path = directory.file("ledger.jsonl")
        let drafts = Array(repeating: Fixtures.draft(1), count: JournalLimits.maxBatchEvents + 1)
        #expect {
            try JournalWriter(path: path, clock: Fixtures.clock).append(drafts)
        } throws: { error in
            (error as? JournalError)?.code == .limitExceeded
        }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func recordedTimeNeverGoesBackwards() throws {
        let directory = TemporaryDirectory()
        let path = directory.file("ledger.jsonl")
        try JournalWriter(path: path, clock: Fixtures.clock).append([Fixtures.draft(1)])
        let earlier = FixedClock(try UTCTimestamp(parsing: "2024-06-01T00:00:00Z"))
        let receipt = try JournalWriter(path: path, clock: earlier).append([Fixtures.draft(2)])
        #expect(receipt.recorded == Fixtures.clock.instant)
    }

    @Test func aSecondWriterWaitsThenFailsClearlyWhileTheLockIsHeld() throws {
        let directory = TemporaryDirectory()
        let path = directory.file("ledger.jsonl")
        let before = try Fixtures.journal(at: path, batchSizes: [1])
        // flock locks belong to the open file description, so a second open in this process
        // contends exactly like another process would.
        let holder = try FileDescriptor.openForWriting(path).0
        defer { holder.close() }
        #expect(try holder.tryLockExclusive())
        #expect {
            try JournalWriter(path: path, clock: Fixtures.clock, lockWaitMilliseconds: 50).append([Fixtures.draft(2)])
        } throws: { error in
            let error = error as? JournalError
            return error?.code == .locked
                && error?.message == "another process is writing to this journal (its write lock was still held after 50 ms); try again, or raise --wait"
        }
        #expect(try Fixtures.bytes(path) == before)
        holder.unlock()
        #expect(try JournalWriter(path: path, clock: Fixtures.clock, lockWaitMilliseconds: 50).append([Fixtures.draft(2)]).firstSeq == 2)
    }

    @Test func writersInterleavingBatchesKeepTheJournalGapFree() throws {
        let directory = TemporaryDirectory()
        let path = directory.file("ledger.jsonl")
        let first = JournalWriter(path: path, clock: Fixtures.clock)
        let second = JournalWriter(path: path, clock: Fixtures.clock)
        for round in 0..<20 {
            try (round % 3 == 0 ? second : first).append([Fixtures.draft(round), Fixtures.draft(round + 100)])
        }
        let result = try Fixtures.scan(path)
        #expect(result.soundEventCount == 40)
        guard case .clean = result.tail else { Issue.record("expected clean, got \(result.tail)"); return }
    }
}

/// Corrections are found by searching the bytes, not by decoding every line: the search must
/// find every correction of the sound prefix, skip lines that only mention one, and ignore a
/// torn tail.
@Suite("Finding corrections")
struct CorrectionSearchTests {
    static func correction(voiding seq: Int64) -> EventDraft {
        EventDraft(type: EntryCorrected.eventType, version: 1, effective: try! PartialDate(parsing: "2024-09-01"),
                   actor: Actor(id: "admin1", role: "LedgerAdmin"), authority: Authority(document: "邵教发〔2023〕50号"),
                   data: JSONObject(uniqueKeysWithValues: [("targetSeq", .integer(seq)), ("mode", .string("Void")), ("reasonZh", .string("重复录入"))]))
    }

    @Test func findsEveryCorrectionOfTheSoundPrefixAndNothingElse() throws {
        let directory = TemporaryDirectory()
        let path = directory.file("ledger.jsonl")
        let writer = JournalWriter(path: path, clock: Fixtures.clock)
        // A line whose data holds the searched bytes without being a correction.
        var mention = Fixtures.draft(0)
        mention.data["note"] = .object(JSONObject(uniqueKeysWithValues: [("type", .string("EntryCorrected"))]))
        try writer.append([mention] + (1..<2_000).map { Fixtures.draft($0) })
        try writer.append([Self.correction(voiding: 5)])
        try writer.append((0..<3_000).map { Fixtures.draft($0) } + [Self.correction(voiding: 7)] + (0..<10).map { Fixtures.draft($0) })
        try writer.append([Self.correction(voiding: 9)])
        writer.close()
        #expect(try JournalReading.corrections(path: path).map(\.seq) == [2_001, 5_002, 5_013])
        // A torn batch holding a correction: not part of the journal, so not in force.
        // The correction's line is whole; the batch's second line is cut short.
        let before = try Fixtures.bytes(path)
        let copy = directory.file("copy.jsonl")
        try Fixtures.write(before, to: copy)
        try JournalWriter(path: copy, clock: Fixtures.clock).append([Self.correction(voiding: 11), Fixtures.draft(1)])
        let torn = try Fixtures.bytes(copy).dropLast(40)
        #expect(torn.count > before.count)
        try Fixtures.write(Array(torn), to: path)
        #expect(try JournalReading.corrections(path: path).map(\.seq) == [2_001, 5_002, 5_013])
    }
}
