import LedgerCore

extension JournalReading {
    /// Scans like `scan(path:checkChain:onBatch:)` without the chain check, from the first line
    /// of the batch that holds line `seq` rather than from line 1: the lines before that batch
    /// are counted by their newlines, not decoded. (`log --from` near the end of a million
    /// lines decoded every line before it: 0.7 s, where SQLite reads the same range by its
    /// primary key in 0.03 s.) Like the writer's tail locator, it trusts the lines before the
    /// batch; checking them is `verify`'s job. When line `seq` is not there or does not
    /// decode, it scans from line 1, which finds the problem and names its line.
    public static func scan(path: String, fromBatchHolding seq: Int64, onBatch: ([JournalEntry]) throws -> Bool) throws -> JournalScanResult {
        guard seq > 1, FileDescriptor.exists(path) else { return try scan(path: path, checkChain: false, onBatch: onBatch) }
        let file: FileDescriptor
        do { file = try FileDescriptor.openForReading(path) } catch { throw JournalError(error) }
        defer { file.close() }
        do {
            let size = try JournalLock.stableSize(file)
            let start = try batchStart(holding: seq, in: file, endOffset: size) ?? .beginning
            return try JournalScanner(file: file, start: start, endOffset: size, checkChain: false).run(onBatch: onBatch)
        } catch let error as SystemCallError {
            throw JournalError(error)
        }
    }

    /// Where the batch holding line `seq` starts, with what a scan from there needs of the line
    /// before it (its leaf hash and recorded time); nil when line `seq` is not a whole line
    /// before `endOffset`, does not decode, or names a batch it cannot be in.
    static func batchStart(holding seq: Int64, in file: FileDescriptor, endOffset: Int64) throws -> ScanStart? {
        // A batch has at most `maxBatchEvents` lines, so its first line and the one before it
        // are among the last `window` lines read: their offsets are kept in a ring.
        let window = Int64(JournalLimits.maxBatchEvents) + 1
        var offsets = [Int64](repeating: -1, count: Int(window))
        var first: Int64?
        try LineReader(file: file, endOffset: endOffset).forEachLine { line in
            offsets[Int(line.lineNumber % window)] = line.byteOffset
            guard line.lineNumber == seq else { return true }
            if line.isTerminated, !line.isOverlong, let decoded = try? JournalLine.decode(line.bytes),
               decoded.batch.first <= seq, seq - decoded.batch.first < Int64(JournalLimits.maxBatchEvents) {
                first = decoded.batch.first
            }
            return false
        }
        guard let first else { return nil }
        guard first > 1 else { return .beginning }
        let offset = offsets[Int(first % window)]
        let previousOffset = offsets[Int((first - 1) % window)]
        let previous = try file.readBytes(count: Int(offset - previousOffset - 1), at: previousOffset)
        guard let line = try? previous.withUnsafeBytes({ try JournalLine.decode($0) }) else { return nil }
        return ScanStart(byteOffset: offset, nextSeq: first, prev: MerkleTree.leafHash(previous), lastRecorded: line.event.recorded)
    }
}
