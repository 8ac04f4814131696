import LedgerCore

/// Finds where a journal's sound prefix ends by reading backwards from the end of the file,
/// so that opening a million-line journal for an append reads kilobytes, not the file.
///
/// It looks for the end of the second-to-last complete batch, then scans forward from there
/// with chain checks: the whole last batch is re-checked (a crash can leave a NUL-filled block
/// inside a batch whose last line is intact) and anything after it is classified as clean,
/// torn or corrupt by the same `ScanState` rules `verify` uses. Lines before that point are
/// trusted here; checking them is `verify`'s job.
enum JournalTailLocator {
    /// Bytes read per step backwards.
    static let windowBytes = 65_536

    /// The scan result for the tail of `file`, whose size is `sizeBytes`.
    static func locate(_ file: FileDescriptor, sizeBytes: Int64) throws -> JournalScanResult {
        let start = try findStart(file, sizeBytes: sizeBytes)
        return try JournalScanner(file: file, start: start, endOffset: sizeBytes, checkChain: true).run { _ in true }
    }

    private static func findStart(_ file: FileDescriptor, sizeBytes: Int64) throws -> ScanStart {
        guard sizeBytes > 0 else { return .beginning }
        let searchLimit = Int64(JournalLimits.maxBatchBytes + 2 * (JournalLimits.maxLineBytes + 1))
        var windowStart = max(0, sizeBytes - Int64(windowBytes))
        while true {
            let bytes = try file.readBytes(count: Int(sizeBytes - windowStart), at: windowStart)
            var newlines: [Int] = []
            for (position, byte) in bytes.enumerated() where byte == 0x0A { newlines.append(position) }
            // The first batch end found walking backwards; then we want the end of the batch
            // before it, so that the forward scan re-checks the whole last batch.
            var lastBatchFirst: Int64?
            var cursor = newlines.count - 1
            while cursor >= 0 {
                let end = newlines[cursor]
                let begin: Int
                if cursor > 0 {
                    begin = newlines[cursor - 1] + 1
                } else if windowStart == 0 {
                    begin = 0
                } else {
                    break  // the window starts inside this line
                }
                if let line = decodeLine(bytes, begin, end), line.seq == line.batch.last {
                    if let first = lastBatchFirst {
                        if line.seq == first - 1 {
                            let hash = bytes.withUnsafeBytes { MerkleTree.leafHash(UnsafeRawBufferPointer(rebasing: $0[begin..<end])) }
                            return ScanStart(byteOffset: windowStart + Int64(end) + 1, nextSeq: line.seq + 1, prev: hash,
                                             lastRecorded: line.event.recorded)
                        }
                    } else {
                        if line.batch.first == 1 { return .beginning }
                        lastBatchFirst = line.batch.first
                    }
                }
                cursor -= 1
            }
            // Not found in this window: widen it. Past the limit no sound journal can be, so
            // scan from the start and let the scan report the real problem with its line.
            if windowStart == 0 || sizeBytes - windowStart >= searchLimit { return .beginning }
            windowStart = max(0, sizeBytes - 2 * (sizeBytes - windowStart))
        }
    }

    private static func decodeLine(_ bytes: [UInt8], _ begin: Int, _ end: Int) -> JournalLine? {
        guard end > begin else { return nil }
        return bytes.withUnsafeBytes { buffer in
            try? JournalLine.decode(UnsafeRawBufferPointer(rebasing: buffer[begin..<end]))
        }
    }
}
