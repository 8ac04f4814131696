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
}
