import Foundation
import Testing
import LedgerCore
@testable import LedgerJournal

@Suite("Torn tails, corruption and recovery")
struct JournalTornTailTests {
    /// Batches of 1, 3, 2 and 1 events: boundaries after lines 1, 4, 6 and 7.
    static let batchSizes = [1, 3, 2, 1]

    @Test func everyTruncationReadsAsWholeBatchesOrATornTailAtTheRightOffset() throws {
        let directory = TemporaryDirectory()
        let full = try Fixtures.journal(at: directory.file("full.jsonl"), batchSizes: Self.batchSizes)
        let starts = Fixtures.lineStarts(full)
        var boundaries: [(byteCount: Int, eventCount: Int64)] = [(0, 0)]
        var line = 0
        for size in Self.batchSizes {
            line += size
            boundaries.append((starts[line], Int64(line)))
        }
        let path = directory.file("cut.jsonl")
        for cut in 0...full.count {
            try Fixtures.write(Array(full[0..<cut]), to: path)
            let result = try Fixtures.scan(path)
            let located = try JournalTailLocator.locate(try FileDescriptor.openForReading(path), sizeBytes: Int64(cut))
            let verification = try JournalVerifier.verify(path: path)
            // The sound prefix is the last whole batch that fits in the cut.
            let boundary = try #require(boundaries.last { $0.byteCount <= cut })
            #expect(result.soundByteCount == Int64(boundary.byteCount), "cut \(cut)")
            #expect(result.soundEventCount == boundary.eventCount, "cut \(cut)")
            #expect(located.soundByteCount == result.soundByteCount && located.soundEventCount == result.soundEventCount, "cut \(cut)")
            switch result.tail {
            case .clean:
                #expect(cut == boundary.byteCount, "cut \(cut) inside a batch read as clean")
                #expect(verification.isSound && verification.eventCount == boundary.eventCount, "cut \(cut)")
            case .torn(let tail):
                // verify names the line where the tear is and never counts a piece of the cut batch.
                guard case .torn(let verified) = verification.tail else { Issue.record("verify disagrees at cut \(cut)"); continue }
                #expect(verified == tail && verification.eventCount == boundary.eventCount, "cut \(cut)")
                #expect(tail.problemLineNumber == Int64(starts.lastIndex { $0 <= cut - 1 }! + 1), "cut \(cut): the torn line")
                #expect(cut != boundary.byteCount, "cut \(cut) at a boundary read as torn")
                #expect(tail.byteOffset == Int64(boundary.byteCount))
                #expect(tail.byteCount == Int64(cut - boundary.byteCount))
                #expect(tail.firstLineNumber == boundary.eventCount + 1)
                guard case .torn(let locatedTail) = located.tail else { Issue.record("locator disagrees at cut \(cut)"); continue }
                #expect(locatedTail == tail)
            case .corrupt(let problem):
                Issue.record("cut \(cut) read as corrupt: \(problem)")
            }
        }
    }

    /// Every single-bit flip of every byte of the journal (newlines included), and three more
    /// replacements per byte (NUL, newline, quote), one line per test case so the cases run in
    /// parallel, in this process: `verify` against the published digest never accepts the
    /// result and names the changed line, or the next one when the changed line is by itself a
    /// sound line (then only the next line's `prev`, or for the last line only the digest,
    /// can show the change).
    @Test(arguments: 0..<7)
    func everyBitFlipAndByteChangeIsReportedAtTheChangedLineOrTheNext(lineIndex: Int) throws {
        let directory = TemporaryDirectory()
        let full = try Fixtures.journal(at: directory.file("full.jsonl"), batchSizes: Self.batchSizes)
        let published = try JournalVerifier.verify(path: directory.file("full.jsonl")).digest
        let starts = Fixtures.lineStarts(full)
        #expect(starts.count == 8 && starts[7] == full.count)
        let path = directory.file("changed.jsonl")
        let changedLine = Int64(lineIndex + 1)
        var cases = 0
        for offset in starts[lineIndex]..<starts[lineIndex + 1] {
            let flips = (0..<8).map { full[offset] ^ (1 << $0) }
            for replacement in flips + [0x00, 0x0A, UInt8(ascii: "\"")] where replacement != full[offset] {
                var changed = full
                changed[offset] = replacement
                try Fixtures.write(changed, to: path)
                let verification = try JournalVerifier.verify(path: path, against: published)
                let context = "byte \(offset) (line \(changedLine)) set from \(full[offset]) to \(replacement)"
                #expect(!verification.isSound, "\(context) went unnoticed")
                let reportedLine: Int64
                switch verification.tail {
                case .clean:
                    // Only a change that leaves a sound last line can pass every check but the digest.
                    #expect(changedLine == 7 && verification.eventCount == 7, "\(context) read as clean")
                    #expect(verification.digestProblem?.contains("history up to seq 7 was rewritten") == true, "\(context)")
                    reportedLine = 8
                case .torn(let tail): reportedLine = tail.problemLineNumber
                case .corrupt(let problem): reportedLine = problem.lineNumber
                }
                #expect(reportedLine == changedLine || reportedLine == changedLine + 1, "\(context) reported at line \(reportedLine)")
                if reportedLine == changedLine + 1 {
                    // Then the changed line must indeed be a line the journal could hold.
                    let lineBytes = Array(changed[starts[lineIndex]..<(starts[lineIndex + 1] - 1)])
                    let decoded = try? lineBytes.withUnsafeBytes { try JournalLine.decode($0) }
                    #expect(decoded?.seq == changedLine && decoded?.encoded() == lineBytes, "\(context): an unsound line reported at the next")
                }
                // Everything before the changed line is still the sound prefix.
                #expect(verification.eventCount >= Int64(Self.batchSizes.prefixSums.last { $0 < changedLine } ?? 0), "\(context)")
                cases += 1
            }
        }
        // At least the 8 flips of every byte of the line.
        #expect(cases >= 8 * (starts[lineIndex + 1] - starts[lineIndex]))
    }

    @Test func onlyAPublishedDigestCatchesAnEditedLastLineOrARecomputedChain() throws {
        let directory = TemporaryDirectory()
        let path = directory.file("ledger.jsonl")
        let original = try Fixtures.journal(at: path, batchSizes: Self.batchSizes)
        let published = try JournalVerifier.verify(path: path).digest
        // Forge: rewrite history from line 2 on with a recomputed chain.
        let forgedPath = directory.file("forged.jsonl")
        let forger = JournalWriter(path: forgedPath, clock: Fixtures.clock)
        try forger.append([Fixtures.draft(0)])
        var altered = Fixtures.draft(1)
        altered.data["amountFen"] = .integer(999_999)
        try forger.append([altered, Fixtures.draft(2), Fixtures.draft(3)])
        try forger.append([Fixtures.draft(4), Fixtures.draft(5)])
        try forger.append([Fixtures.draft(6)])
        #expect(try Fixtures.bytes(forgedPath) != original)
        let forged = try JournalVerifier.verify(path: forgedPath, against: published)
        guard case .clean = forged.tail else { Issue.record("the forged chain should be internally sound"); return }
        #expect(!forged.isSound)
        #expect(forged.digestProblem?.contains("history up to seq 7 was rewritten") == true)
        // The same digest accepts the genuine journal and its later extensions.
        try JournalWriter(path: path, clock: Fixtures.clock).append([Fixtures.draft(7)])
        #expect(try JournalVerifier.verify(path: path, against: published).isSound)
        // And notices a shortened one.
        try Fixtures.write(Array(original[0..<Fixtures.lineStarts(original)[6]]), to: forgedPath)
        let shortened = try JournalVerifier.verify(path: forgedPath, against: published)
        #expect(shortened.digestProblem?.contains("covers 7 events but the journal's sound part has only 6") == true)
    }

    @Test func aNULFilledBlockInsideTheLastBatchIsTornButBeforeMoreJournalIsCorrupt() throws {
        let directory = TemporaryDirectory()
        let path = directory.file("ledger.jsonl")
        let full = try Fixtures.journal(at: path, batchSizes: Self.batchSizes)
        let starts = Fixtures.lineStarts(full)
        // Zero 40 bytes inside line 7, the last batch, as an unwritten block would read after a crash.
        var zeroedLastBatch = full
        let lastBatchStart = starts[6]  // line 7 is the last batch
        for offset in lastBatchStart + 10..<lastBatchStart + 50 { zeroedLastBatch[offset] = 0 }
        try Fixtures.write(zeroedLastBatch, to: path)
        guard case .torn(let tail) = try Fixtures.scan(path).tail else { Issue.record("expected torn"); return }
        #expect(tail.byteOffset == Int64(lastBatchStart))
        #expect(tail.problemLineNumber == 7)
        // The same damage in line 5, with lines 6 and 7 of later batches after it, is corruption.
        var zeroedEarlier = full
        for offset in starts[4] + 10..<starts[4] + 50 { zeroedEarlier[offset] = 0 }
        try Fixtures.write(zeroedEarlier, to: path)
        guard case .corrupt(let problem) = try Fixtures.scan(path).tail else { Issue.record("expected corrupt"); return }
        #expect(problem.lineNumber == 5)
        #expect(problem.message.contains("this is damage"))
        // Recover refuses to touch a damaged journal.
        #expect(throws: JournalError.self) { try JournalRecovery.recover(path: path) }
        #expect(try Fixtures.bytes(path) == zeroedEarlier)
    }

    @Test func appendRefusesATornJournalWithTheOffsetAndRecoverMovesTheTornBytesAside() throws {
        let directory = TemporaryDirectory()
        let path = directory.file("ledger.jsonl")
        let full = try Fixtures.journal(at: path, batchSizes: Self.batchSizes)
        let starts = Fixtures.lineStarts(full)
        let cut = starts[5] + 17  // lines 5–6 are one batch: line 5 whole, line 6 cut short
        let torn = Array(full[0..<cut])
        try Fixtures.write(torn, to: path)
        #expect {
            try JournalWriter(path: path, clock: Fixtures.clock).append([Fixtures.draft(9)])
        } throws: { error in
            let error = error as? JournalError
            return error?.code == .tornTail && error?.byteOffset == Int64(starts[4]) && error?.lineNumber == 5
        }
        #expect(try Fixtures.bytes(path) == torn)
        let report = try JournalRecovery.recover(path: path)
        #expect(report.tornTail?.byteOffset == Int64(starts[4]))
        #expect(report.tornTail?.completeLineCount == 1)
        #expect(report.eventCount == 4)
        #expect(report.movedTo == path + ".torn-\(starts[4])")
        #expect(try Fixtures.bytes(path) == Array(full[0..<starts[4]]))
        #expect(try Fixtures.bytes(path + ".torn-\(starts[4])") == Array(full[starts[4]..<cut]))
        // Appending works again, and recovering a clean journal changes nothing.
        #expect(try JournalWriter(path: path, clock: Fixtures.clock).append([Fixtures.draft(9)]).firstSeq == 5)
        let afterAppend = try Fixtures.bytes(path)
        #expect(try JournalRecovery.recover(path: path).tornTail == nil)
        #expect(try Fixtures.bytes(path) == afterAppend)
        #expect(try JournalVerifier.verify(path: path).isSound)
    }

    @Test func aSecondRecoveryOfTheSameOffsetKeepsBothCopies() throws {
        let directory = TemporaryDirectory()
        let path = directory.file("ledger.jsonl")
        let full = try Fixtures.journal(at: path, batchSizes: [1, 2])
        let starts = Fixtures.lineStarts(full)
        try Fixtures.write(Array(full[0..<(starts[2] + 3)]), to: path)
        _ = try JournalRecovery.recover(path: path)
        try Fixtures.write(Array(full[0..<(starts[2] + 5)]), to: path)
        let report = try JournalRecovery.recover(path: path)
        #expect(report.movedTo == path + ".torn-\(starts[1])-2")
        #expect(try Fixtures.bytes(path + ".torn-\(starts[1])").count == starts[2] + 3 - starts[1])
    }
}

@Suite("Scanning large journals (decoded in the background, chunk by chunk)")
struct LargeJournalScanTests {
    /// 2,000 lines fit one chunk of the reader; 16,000 span several, so chunks are in flight in
    /// the background (two ahead of the one checked) when damage, a torn tail or a stop comes.
    @Test(arguments: [2_000, 16_000])
    func aLargeJournalScansCleanAndDamageIsFoundAtTheRightLine(lineCount: Int) throws {
        let directory = TemporaryDirectory()
        let path = directory.file("large.jsonl")
        let full = try Fixtures.journal(at: path, batchSizes: Array(repeating: 100, count: lineCount / 100))
        if lineCount > 2_000 { #expect(full.count > 4 * LineReader.chunkBytes) }
        var seqs: [Int64] = []
        let clean = try JournalReading.scan(path: path, checkChain: true) { entries in
            seqs += entries.map(\.seq)
            return true
        }
        // Compared as a whole, not printed whole on failure (16,000 numbers).
        #expect(seqs.count == lineCount && seqs.elementsEqual(1...Int64(lineCount)), "seqs handed out: \(seqs.count), first out of order: \(String(describing: zip(seqs, 1...).first { $0.0 != Int64($0.1) }))")
        guard case .clean = clean.tail else { Issue.record("expected clean, got \(clean.tail)"); return }
        let starts = Fixtures.lineStarts(full)
        let leaves = (0..<lineCount).map { index in
            full.withUnsafeBytes { MerkleTree.leafHash(UnsafeRawBufferPointer(rebasing: $0[starts[index]..<(starts[index + 1] - 1)])) }
        }
        #expect(try JournalVerifier.verify(path: path).digest.root == MerkleTree.root(leafHashes: leaves))
        // A changed byte in the line at three quarters shows there or at the line after, whose
        // prev no longer matches.
        let changedLine = lineCount * 3 / 4
        var changed = full
        changed[starts[changedLine - 1] + 40] ^= 0x01
        try Fixtures.write(changed, to: path)
        guard case .corrupt(let problem) = try Fixtures.scan(path).tail else { Issue.record("expected corrupt"); return }
        #expect(problem.lineNumber == Int64(changedLine) || problem.lineNumber == Int64(changedLine + 1))
        // Cut inside the second-last line: the last batch's complete lines and the cut piece are
        // its torn remains.
        try Fixtures.write(Array(full[0..<(starts[lineCount - 2] + 10)]), to: path)
        let torn = try Fixtures.scan(path)
        #expect(torn.soundEventCount == Int64(lineCount - 100))
        guard case .torn(let tail) = torn.tail else { Issue.record("expected torn"); return }
        #expect(tail.byteOffset == Int64(starts[lineCount - 100]))
        #expect(tail.completeLineCount == 98)
        // Stopping early hands out nothing past the stop, early or late in the file.
        try Fixtures.write(full, to: path)
        for stop in [700, lineCount - 300] {
            var handed = 0
            let stopped = try JournalReading.scan(path: path, checkChain: false) { entries in
                handed += entries.count
                return handed < stop
            }
            #expect(handed == stop)
            #expect(stopped.stoppedEarly && stopped.soundEventCount == Int64(stop))
        }
    }
}

extension Array where Element == Int {
    /// The running totals: [1, 3, 2] → [1, 4, 6].
    var prefixSums: [Int64] {
        var total: Int64 = 0
        return map { total += Int64($0); return total }
    }
}
