import LedgerCore

/// Opening a journal for reading and scanning it: the shared entry point of `log`, `verify`,
/// `digest`, `prove` and `recover`.
public enum JournalReading {
    /// Scans the journal at `path` up to a size that ends on a whole batch (a writer that is
    /// mid-append is waited for, briefly), calling `onBatch` for each complete batch.
    ///
    /// A missing file reads as an empty journal.
    /// - Throws: `JournalError` when the file cannot be read, or what `onBatch` throws.
    public static func scan(path: String, checkChain: Bool, onBatch: ([JournalEntry]) throws -> Bool) throws -> JournalScanResult {
        try withScanner(path: path, checkChain: checkChain) { scanner in try scanner.run(onBatch: onBatch) }
    }

    /// Scans like `scan(path:checkChain:onBatch:)` with the chain checked, handing out each
    /// complete batch as its lines' leaf hashes and keeping no decoded entry.
    public static func scanLeafHashes(path: String, onLeafHashes: ([SHA256Digest]) throws -> Bool) throws -> JournalScanResult {
        try withScanner(path: path, checkChain: true) { scanner in try scanner.runHashingLeaves(onLeafHashes: onLeafHashes) }
    }

    static func withScanner(path: String, checkChain: Bool, _ body: (JournalScanner) throws -> JournalScanResult) throws -> JournalScanResult {
        guard FileDescriptor.exists(path) else {
            return JournalScanResult(soundEventCount: 0, soundByteCount: 0, lastLeafHash: .zero, lastRecorded: nil,
                                     tail: .clean, stoppedEarly: false)
        }
        let file: FileDescriptor
        do { file = try FileDescriptor.openForReading(path) } catch { throw JournalError(error) }
        defer { file.close() }
        do {
            let size = try JournalLock.stableSize(file)
            return try body(JournalScanner(file: file, endOffset: size, checkChain: checkChain))
        } catch let error as SystemCallError {
            throw JournalError(error)
        }
    }

    /// The journal error that describes a tail which is not clean, or nil when it is clean.
    public static func error(for tail: JournalTailState, path: String) -> JournalError? {
        switch tail {
        case .clean:
            return nil
        case .torn(let torn):
            return JournalError(.tornTail, path: path, lineNumber: torn.problemLineNumber, byteOffset: torn.problemByteOffset,
                                message: "torn tail: \(torn.reason); \(torn.byteCount) bytes from byte \(torn.byteOffset) (line \(torn.firstLineNumber) on) are not part of the journal until `groupledger recover` moves them aside")
        case .corrupt(let problem):
            return JournalError(.corrupt, path: path, lineNumber: problem.lineNumber, byteOffset: problem.byteOffset,
                                field: problem.field, message: problem.message)
        }
    }
}
