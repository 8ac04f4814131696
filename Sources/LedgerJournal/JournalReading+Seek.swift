import LedgerCore

extension JournalReading {
    /// Scans like `scan(path:checkChain:onBatch:)` without the chain check, from the first line
    /// of the batch that holds line `seq` rather than from line 1: the lines before that batch
    /// are counted by their newlines, not decoded. (`log --from` near the end of a million
    /// lines decoded every line before it: 0.7 s, where SQLite reads the same range by its
    /// primary key in 0.03 s.) Like the writer's tail locator, it trusts the lines before the
    /// batch; checking them is `verify`'s job. When line `seq` is not there or does not
    /// decode, it scans from line 1, which finds the problem and names its line.
    ///
    /// With `usingCheckpoint`, lines are counted from the last batch end before `seq` that the
    /// state checkpoint's header samples (`StateCheckpoint.batchEnds(journalPath:)`), once the
    /// line there is found to be that batch end; otherwise from byte 0 (1M events: 0.07 s of
    /// counting newlines, 10M: 0.53 s). Either start gives the same lines.
    public static func scan(path: String, fromBatchHolding seq: Int64, usingCheckpoint: Bool = true,
                            onBatch: ([JournalEntry]) throws -> Bool) throws -> JournalScanResult {
        guard seq > 1, FileDescriptor.exists(path) else { return try scan(path: path, checkChain: false, onBatch: onBatch) }
        let file: FileDescriptor
        do { file = try FileDescriptor.openForReading(path) } catch { throw JournalError(error) }
        defer { file.close() }
        do {
            let size = try JournalLock.stableSize(file)
            let batchEnd = usingCheckpoint ? StateCheckpoint.batchEnds(journalPath: path)?.last(where: { $0.seq < seq }) : nil
            let counted = try batchEnd.flatMap { try checkedBatchEnd($0, in: file, endOffset: size) }
            let start = try batchStart(holding: seq, in: file, countingFrom: counted, endOffset: size) ?? .beginning
            return try JournalScanner(file: file, start: start, endOffset: size, checkChain: false).run(onBatch: onBatch)
        } catch let error as SystemCallError {
            throw JournalError(error)
        }
    }

    /// `position`, as a place to count lines from, when the line there is a whole line, decodes
    /// with `position`'s seq and is the last of its batch; else nil.
    static func checkedBatchEnd(_ position: StateCheckpoint.LinePosition, in file: FileDescriptor,
                                endOffset: Int64) throws -> StateCheckpoint.LinePosition? {
        let bytes = try file.readBytes(count: Int(min(Int64(JournalLimits.maxLineBytes) + 1, endOffset - position.byteOffset)), at: position.byteOffset)
        guard let newline = bytes.firstIndex(of: UInt8(ascii: "\n")),
              let line = try? bytes[..<newline].withUnsafeBytes({ try JournalLine.decode($0) }),
              line.seq == position.seq, line.seq == line.batch.first + line.batch.count - 1 else { return nil }
        return position
    }

    /// Where the batch holding line `seq` starts, with what a scan from there needs of the line
    /// before it (its leaf hash and recorded time); nil when line `seq` is not a whole line
    /// before `endOffset`, does not decode, or names a batch it cannot be in. Lines are counted
    /// from `countingFrom`, a line that ends a batch before `seq` (so the batch holding `seq`
    /// starts after it), or from the start of the file when it is nil.
    static func batchStart(holding seq: Int64, in file: FileDescriptor, countingFrom counted: StateCheckpoint.LinePosition? = nil,
                           endOffset: Int64) throws -> ScanStart? {
        // A batch has at most `maxBatchEvents` lines, so its first line and the one before it
        // are among the last `window` lines read: their offsets are kept in a ring.
        let window = Int64(JournalLimits.maxBatchEvents) + 1
        var offsets = [Int64](repeating: -1, count: Int(window))
        var first: Int64?
        // From a batch end, that line is read again: it is the line before the next batch.
        try LineReader(file: file, startOffset: counted?.byteOffset ?? 0, endOffset: endOffset,
                       firstLineNumber: counted?.seq ?? 1).forEachLine { line in
            offsets[Int(line.lineNumber % window)] = line.byteOffset
            guard line.lineNumber == seq else { return true }
            if line.isTerminated, !line.isOverlong, let decoded = try? JournalLine.decode(line.bytes),
               decoded.batch.first <= seq, seq - decoded.batch.first < Int64(JournalLimits.maxBatchEvents) {
                first = decoded.batch.first
            }
            return false
        }
        guard let first, first > counted?.seq ?? 0 else { return nil }
        guard first > 1 else { return .beginning }
        let offset = offsets[Int(first % window)]
        let previousOffset = offsets[Int((first - 1) % window)]
        let previous = try file.readBytes(count: Int(offset - previousOffset - 1), at: previousOffset)
        guard let line = try? previous.withUnsafeBytes({ try JournalLine.decode($0) }) else { return nil }
        return ScanStart(byteOffset: offset, nextSeq: first, prev: MerkleTree.leafHash(previous), lastRecorded: line.event.recorded)
    }
}
