import Foundation
import Testing
import LedgerCore
@testable import LedgerJournal

/// `log --from` scans from the batch that holds its first line, found by counting newlines;
/// these tests hold that start to the batches the journal was written in, and the scan from it
/// to the tail of a scan from line 1.
@Suite("Scanning from a seq")
struct JournalSeekTests {
    @Test func theBatchHoldingEachLineStartsWhereItWasWritten() throws {
        let directory = TemporaryDirectory()
        let path = directory.file("ledger.jsonl")
        let batchSizes = [1, 3, 1, 7, 2, 5, 1]
        let bytes = try Fixtures.journal(at: path, batchSizes: batchSizes)
        let starts = Fixtures.lineStarts(bytes)
        var allEntries: [JournalEntry] = []
        _ = try JournalReading.scan(path: path, checkChain: true) { entries in
            allEntries += entries
            return true
        }
        let file = try FileDescriptor.openForReading(path)
        defer { file.close() }
        var seq: Int64 = 1
        for size in batchSizes {
            let first = seq
            for _ in 0..<size {
                let start = try #require(try JournalReading.batchStart(holding: seq, in: file, endOffset: Int64(bytes.count)))
                #expect(start.nextSeq == first, "line \(seq)")
                #expect(start.byteOffset == Int64(starts[Int(first - 1)]), "line \(seq)")
                if first > 1 {
                    // What the line before the batch would hand a scan of the whole journal.
                    #expect(start.prev == allEntries[Int(first - 1)].line.prev, "line \(seq)")
                    #expect(start.lastRecorded == allEntries[Int(first - 2)].event.recorded, "line \(seq)")
                }
                var fromHere: [Int64] = []
                _ = try JournalReading.scan(path: path, fromBatchHolding: seq) { entries in
                    fromHere += entries.map(\.seq)
                    return true
                }
                #expect(fromHere == Array(first...Int64(allEntries.count)), "line \(seq)")
                seq += 1
            }
        }
        // Past the last line there is nothing to start from.
        #expect(try JournalReading.batchStart(holding: seq, in: file, endOffset: Int64(bytes.count)) == nil)
    }

    @Test func aLineThatDoesNotDecodeIsLeftToAScanFromLineOne() throws {
        let directory = TemporaryDirectory()
        let path = directory.file("ledger.jsonl")
        var bytes = try Fixtures.journal(at: path, batchSizes: [2, 3, 2])
        let starts = Fixtures.lineStarts(bytes)
        // Line 4 loses its opening brace: no start is found for it, and the scan from line 1
        // names it, as a scan without a `from` does.
        bytes[starts[3]] = UInt8(ascii: " ")
        try Fixtures.write(bytes, to: path)
        let file = try FileDescriptor.openForReading(path)
        defer { file.close() }
        #expect(try JournalReading.batchStart(holding: 4, in: file, endOffset: Int64(bytes.count)) == nil)
        let fromFour = try JournalReading.scan(path: path, fromBatchHolding: 4) { _ in true }
        let whole = try JournalReading.scan(path: path, checkChain: false) { _ in true }
        guard case .corrupt(let problem) = fromFour.tail, case .corrupt(let expected) = whole.tail else {
            Issue.record("both scans find the damage: \(fromFour.tail), \(whole.tail)")
            return
        }
        #expect(problem.lineNumber == 4)
        #expect(problem.lineNumber == expected.lineNumber)
    }

    /// Counting lines from a line that ends a batch (as the checkpoint samples them) finds the
    /// same start as counting from byte 0, for every line after it; a position that is not a
    /// batch end, or not where its line is, is refused.
    @Test func countingFromABatchEndFindsTheSameStarts() throws {
        let directory = TemporaryDirectory()
        let path = directory.file("ledger.jsonl")
        let batchSizes = [1, 3, 1, 7, 2, 5, 1]
        let bytes = try Fixtures.journal(at: path, batchSizes: batchSizes)
        let starts = Fixtures.lineStarts(bytes)
        let file = try FileDescriptor.openForReading(path)
        defer { file.close() }
        let size = Int64(bytes.count)
        let lineCount = Int64(batchSizes.reduce(0, +))
        var batchEnds: Set<Int64> = []
        var last: Int64 = 0
        for batchSize in batchSizes {
            last += Int64(batchSize)
            batchEnds.insert(last)
        }
        func position(_ seq: Int64, shiftedBy shift: Int64 = 0) -> StateCheckpoint.LinePosition {
            StateCheckpoint.LinePosition(seq: seq, byteOffset: Int64(starts[Int(seq - 1)]) + shift)
        }
        for seq in 1...lineCount {
            let checked = try JournalReading.checkedBatchEnd(position(seq), in: file, endOffset: size)
            #expect((checked != nil) == batchEnds.contains(seq), "line \(seq)")
            // The right line at the wrong offset, or the wrong seq at the right one, is not used.
            #expect(try JournalReading.checkedBatchEnd(position(seq, shiftedBy: 1), in: file, endOffset: size) == nil, "line \(seq)")
            #expect(try JournalReading.checkedBatchEnd(StateCheckpoint.LinePosition(seq: seq + 1, byteOffset: Int64(starts[Int(seq - 1)])),
                                                       in: file, endOffset: size) == nil, "line \(seq)")
        }
        for end in batchEnds.sorted() {
            let counted = position(end)
            for seq in 1...(lineCount + 1) {
                let fromEnd = try JournalReading.batchStart(holding: seq, in: file, countingFrom: counted, endOffset: size)
                let fromZero = try JournalReading.batchStart(holding: seq, in: file, endOffset: size)
                if seq <= end {
                    // Its batch starts at or before the line counted from: not found from there.
                    #expect(fromEnd == nil, "line \(seq) from \(end)")
                } else {
                    #expect(fromEnd?.byteOffset == fromZero?.byteOffset, "line \(seq) from \(end)")
                    #expect(fromEnd?.nextSeq == fromZero?.nextSeq, "line \(seq) from \(end)")
                    #expect(fromEnd?.prev == fromZero?.prev, "line \(seq) from \(end)")
                    #expect(fromEnd?.lastRecorded == fromZero?.lastRecorded, "line \(seq) from \(end)")
                }
            }
        }
    }

    /// The checkpoint a replay writes samples where batches end; `log --from` counts lines from
    /// the last sample before its line, and prints the same lines as counting from byte 0, also
    /// after an append (the samples lie in the prefix the journal still holds) and when a sample
    /// is wrong. When the covered prefix changed, the samples are not used at all.
    @Test func theCheckpointsBatchEndsGiveTheSameLinesAsCountingFromTheStart() throws {
        let directory = TemporaryDirectory()
        let (path, _) = try DomainBytesDecodingTests.shippedJournal(in: directory)
        _ = try JournalReading.rosterState(path: path, policy: .readWrite, batchEndSpacing: 20)
        let ends = try #require(StateCheckpoint.batchEnds(journalPath: path))
        // The expected samples, from the lines themselves: the first batch end at least 20
        // lines after the one before.
        let bytes = try Fixtures.bytes(path)
        let starts = Fixtures.lineStarts(bytes)
        var expected: [StateCheckpoint.LinePosition] = []
        var scanned: [JournalEntry] = []
        _ = try JournalReading.scan(path: path, checkChain: false) { entries in
            scanned += entries
            return true
        }
        for entry in scanned where entry.seq == entry.line.batch.first + entry.line.batch.count - 1
            && entry.seq >= (expected.last?.seq ?? 0) + 20 {
            expected.append(StateCheckpoint.LinePosition(seq: entry.seq, byteOffset: Int64(starts[Int(entry.seq - 1)])))
        }
        #expect(expected.count >= 10)
        #expect(ends == expected)

        func seqs(from seq: Int64, usingCheckpoint: Bool) throws -> [Int64] {
            var seqs: [Int64] = []
            _ = try JournalReading.scan(path: path, fromBatchHolding: seq, usingCheckpoint: usingCheckpoint) { entries in
                seqs += entries.map(\.seq)
                return true
            }
            return seqs
        }
        func expectSameLines(through count: Int64, _ when: String) throws {
            for seq in 1...(count + 1) {
                #expect(try seqs(from: seq, usingCheckpoint: true) == seqs(from: seq, usingCheckpoint: false), "line \(seq), \(when)")
            }
        }
        let count = Int64(scanned.count)
        try expectSameLines(through: count, "as written")
        // From the first line of the last batch, the last line's batch.
        let lastBatchFirst = try #require(scanned.last).line.batch.first
        #expect(try seqs(from: count, usingCheckpoint: true) == Array(lastBatchFirst...count))

        // An append: the checkpoint is stale for the state, and its samples still serve.
        let writer = JournalWriter(path: path, clock: FixedClock(try UTCTimestamp(parsing: "2026-12-01T00:00:00Z")))
        _ = try writer.append([Fixtures.draft(1), Fixtures.draft(2)])
        guard case .failure(.stale) = StateCheckpoint.load(journalPath: path) else {
            Issue.record("the checkpoint is stale after an append")
            return
        }
        #expect(StateCheckpoint.batchEnds(journalPath: path) == ends)
        try expectSameLines(through: count + 2, "after an append")
        #expect(try seqs(from: count, usingCheckpoint: true) == Array(lastBatchFirst...(count + 2)))

        // A sample that points one byte off is not used; the lines are the same.
        let checkpointPath = StateCheckpoint.path(forJournal: path)
        let lastEnd = try #require(ends.last)
        let header = try String(contentsOfFile: checkpointPath, encoding: .utf8)
        let moved = header.replacingOccurrences(of: "[\(lastEnd.seq),\(lastEnd.byteOffset)]", with: "[\(lastEnd.seq),\(lastEnd.byteOffset + 1)]")
        #expect(moved != header)
        try moved.write(toFile: checkpointPath, atomically: true, encoding: .utf8)
        #expect(StateCheckpoint.batchEnds(journalPath: path)?.last?.byteOffset == lastEnd.byteOffset + 1)
        try expectSameLines(through: count + 2, "with a sample off by a byte")

        // The last covered line changed: the checkpoint no longer describes this journal.
        var changed = try Fixtures.bytes(path)
        let coveredEnd = Int(bytes.count) - 1
        let digit = try #require((0..<coveredEnd).reversed().first { changed[$0] >= UInt8(ascii: "0") && changed[$0] <= UInt8(ascii: "8") })
        changed[digit] += 1
        try Fixtures.write(changed, to: path)
        #expect(StateCheckpoint.batchEnds(journalPath: path) == nil)
    }
}
