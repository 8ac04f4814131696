import Dispatch
public import LedgerCore

/// What an append wrote, reported only after the bytes are on disk (after fsync).
public struct AppendReceipt: Sendable, Equatable {
    /// The seq of the batch's first event.
    public var firstSeq: Int64
    /// The seq of the batch's last event.
    public var lastSeq: Int64
    /// The recorded time the ledger gave the batch.
    public var recorded: UTCTimestamp
    /// Where the batch starts in the file.
    public var byteOffset: Int64
    /// How many bytes the batch added.
    public var byteCount: Int64
}

/// The end of the journal as this writer last left it, so consecutive appends from one
/// process need not re-read the tail.
struct JournalPosition: Equatable {
    var eventCount: Int64
    var byteCount: Int64
    var lastLeafHash: SHA256Digest
    var lastRecorded: UTCTimestamp?
    /// The last line's offset and length, to confirm on the next append that it is unchanged.
    var lastLineOffset: Int64
    var lastLineByteCount: Int
}

/// Appends batches of events to a journal file, one writer at a time across processes.
///
/// Durability: `append` returns only after the batch has been written and fsynced (and, when
/// the call created the file, after the directory was fsynced too). If it throws, the batch
/// was not acknowledged and the file was cut back to its previous size, except after a failed
/// fsync: then nothing about the page cache can be trusted, the writer refuses further
/// appends, and the journal must be reopened and checked with `recover` and `verify`
/// (`recoverAndReopen()` does both and then accepts appends again). Once fsynced, what the
/// writer wrote more than 64 MiB before the end may be dropped from the page cache (see
/// `PageCacheTrail`); that is about memory, never about what is on disk.
public final class JournalWriter {
    /// The journal's path as the user gave it (used in messages).
    public let path: String
    private let clock: any LedgerClock
    private let lockWaitMilliseconds: Int
    private var file: FileDescriptor?
    private var createdFile = false
    private var position: JournalPosition?
    private var poisonedBy: JournalError?
    /// The write, fsync and truncate calls: the C library's, or a test double's.
    private let calls: any StorageSystemCalls
    /// Which of this writer's fsynced bytes to let the page cache drop (see `PageCacheTrail`).
    /// Changed only by `write`, which runs on one thread at a time.
    private var cacheTrail: PageCacheTrail
    /// Where `append(contentsOf:)` writes and fsyncs one batch while the next is encoded.
    private lazy var ioQueue = DispatchQueue(label: "groupledger.journal-writer.io")

    /// Creates a writer; the file is opened (and created, mode 0640) on the first append.
    /// - Parameter lockWaitMilliseconds: how long an append waits for another writer.
    public convenience init(path: String, clock: any LedgerClock, lockWaitMilliseconds: Int = 10_000) {
        self.init(path: path, clock: clock, lockWaitMilliseconds: lockWaitMilliseconds, calls: SystemStorageCalls())
    }

    /// Creates a writer whose writes, fsyncs and truncations go through `calls`, so tests can
    /// make them fail like a disk does, and whose page cache trail tests may shorten.
    init(path: String, clock: any LedgerClock, lockWaitMilliseconds: Int = 10_000, calls: any StorageSystemCalls,
         cacheTrail: PageCacheTrail = .journalWriter) {
        self.path = path
        self.clock = clock
        self.lockWaitMilliseconds = lockWaitMilliseconds
        self.calls = calls
        self.cacheTrail = cacheTrail
    }

    /// Whether an earlier failure left this writer refusing appends until `recoverAndReopen()`.
    public var isPoisoned: Bool { poisonedBy != nil }

    deinit {
        file?.close()
    }

    /// Appends `drafts` as one atomic batch.
    ///
    /// Every draft is validated and every line encoded before a byte is written. Returns after
    /// fsync. - Parameter expectSeq: when given, the append is refused unless the journal's
    /// last seq is exactly this (0 for an empty journal).
    /// - Throws: `JournalError` (invalid input, limits, expect-seq, torn or corrupt tail, lock,
    ///   system calls); the journal is then unchanged.
    @discardableResult
    public func append(_ drafts: [EventDraft], expectSeq: Int64? = nil) throws(JournalError) -> AppendReceipt {
        if let poisonedBy { throw poisonedBy }
        try checkBeforeOpening(drafts)
        return try withLockedEnd(expectSeq: expectSeq) { (file, start) throws(JournalError) in
            let encoded = try encode(drafts, after: start)
            try write(encoded.bytes, to: file, at: start.byteCount)
            position = encoded.end
            return encoded.receipt
        }
    }

    /// Opens the journal, takes its lock, finds where it ends and checks `expectSeq` against
    /// that, then runs `body` with the file and the end; the lock is released after it.
    private func withLockedEnd<Result>(expectSeq: Int64?, _ body: (FileDescriptor, JournalPosition) throws(JournalError) -> Result)
        throws(JournalError) -> Result
    {
        let file = try openFile()
        try JournalLock.acquireExclusive(file, displayPath: path, waitMilliseconds: lockWaitMilliseconds)
        defer { file.unlock() }
        let start = try currentPosition(file)
        if let expectSeq, expectSeq != start.eventCount {
            throw JournalError(.expectSeqMismatch, path: path,
                               message: "expected the journal's last seq to be \(expectSeq), but it is \(start.eventCount); nothing was appended")
        }
        return try body(file, start)
    }

    /// Appends `batches` in order, each exactly as `append` would (its own seq range, recorded
    /// time, write and fsync; the file is byte-identical to appending them one by one), but
    /// encodes each batch while the one before it is being written and fsynced on another
    /// thread, so the disk's wait overlaps the encoding instead of following it.
    ///
    /// Durability: `acknowledged` is called on the calling thread with each batch's receipt, in
    /// order, only after that batch was written and fsynced. The journal's lock is held
    /// throughout.
    /// - Parameter expectSeq: when given, nothing is appended unless the journal's last seq is
    ///   exactly this before the first batch.
    /// - Throws: `JournalError` for the first batch that fails (invalid, over a limit, or a
    ///   failed write or fsync). Every batch before it was acknowledged; it and every batch
    ///   after it were not, and the journal ends with the last acknowledged batch, except
    ///   after a failed fsync, which leaves the writer refusing appends exactly as `append` does.
    public func append(contentsOf batches: [[EventDraft]], expectSeq: Int64? = nil,
                       acknowledged: (AppendReceipt) -> Void) throws(JournalError) {
        if let poisonedBy { throw poisonedBy }
        guard !batches.isEmpty else { return }
        // Before the file is opened (and perhaps created) for an invalid first batch.
        if file == nil { try checkBeforeOpening(batches[0]) }
        try withLockedEnd(expectSeq: expectSeq) { (file, end) throws(JournalError) in
            try append(batches, to: file, after: end, acknowledged: acknowledged)
        }
    }

    /// `append(contentsOf:)` once the lock is held: the pipeline itself.
    private func append(_ batches: [[EventDraft]], to file: FileDescriptor, after end: JournalPosition,
                        acknowledged: (AppendReceipt) -> Void) throws(JournalError) {
        var start = end
        var inFlight: WriteInFlight?
        // Waits for the batch being written, and acknowledges it once it is on disk.
        func settle() throws(JournalError) {
            guard let flight = inFlight else { return }
            inFlight = nil
            flight.done.wait()
            if let error = flight.error { throw error }
            position = flight.encoded.end
            acknowledged(flight.encoded.receipt)
        }
        for drafts in batches {
            let encoded: EncodedBatch
            do {
                try checkBeforeOpening(drafts)
                encoded = try encode(drafts, after: start)
            } catch {
                // The batch before, if its write fails, is the first failure; else this one is.
                try settle()
                throw error
            }
            try settle()
            let flight = WriteInFlight(encoded: encoded)
            let writer = UncheckedWriter(writer: self, file: file)
            inFlight = flight
            ioQueue.async {
                do throws(JournalError) {
                    try writer.writer.write(flight.encoded.bytes, to: writer.file, at: flight.encoded.receipt.byteOffset)
                } catch {
                    flight.error = error
                }
                flight.done.signal()
            }
            start = encoded.end
        }
        try settle()
    }

    /// A batch encoded and chained after a position: its bytes, its receipt (once on disk) and
    /// where the journal ends after it.
    private struct EncodedBatch {
        var bytes: [UInt8]
        var receipt: AppendReceipt
        var end: JournalPosition
    }

    /// One batch's write and fsync on `ioQueue`: written there, read by the calling thread only
    /// after it waited on `done`.
    private final class WriteInFlight: @unchecked Sendable {
        let encoded: EncodedBatch
        let done = DispatchSemaphore(value: 0)
        var error: JournalError?

        init(encoded: EncodedBatch) { self.encoded = encoded }
    }

    /// The writer handed to `ioQueue`. While a write is in flight the calling thread touches
    /// none of the state `write` changes (`position`, `poisonedBy`, `createdFile`) until it waited.
    private struct UncheckedWriter: @unchecked Sendable {
        let writer: JournalWriter
        let file: FileDescriptor
    }

    /// Checks the batch's size. Each draft is validated as it is encoded (`BatchEncoding`, in
    /// parallel), except before this writer has opened the file: then here, so that an invalid
    /// batch does not create an empty journal.
    private func checkBeforeOpening(_ drafts: [EventDraft]) throws(JournalError) {
        guard !drafts.isEmpty else { throw JournalError(.invalidInput, path: path, message: "nothing to append: the batch is empty") }
        guard drafts.count <= JournalLimits.maxBatchEvents else {
            throw JournalError(.limitExceeded, path: path,
                               message: "a batch holds at most \(JournalLimits.maxBatchEvents) events, found \(drafts.count); split the input")
        }
        guard file == nil else { return }
        for index in drafts.indices {
            do throws(EnvelopeError) { try drafts[index].validate() } catch {
                throw Self.invalidDraft(index, error, path: path)
            }
        }
    }

    /// The error for the draft at `index` of a batch, which failed validation.
    static func invalidDraft(_ index: Int, _ error: EnvelopeError, path: String) -> JournalError {
        JournalError(.invalidInput, path: path, field: error.field, message: "event \(index + 1) of the batch: \(error.message)")
    }

    /// Checks the seq limit, gives the batch its recorded time and encodes it after `start`.
    private func encode(_ drafts: [EventDraft], after start: JournalPosition) throws(JournalError) -> EncodedBatch {
        guard start.eventCount + Int64(drafts.count) <= JournalLimits.maxSeq else {
            throw JournalError(.limitExceeded, path: path, message: "the journal would pass the largest seq \(JournalLimits.maxSeq)")
        }
        // The ledger's time never goes backwards, so `recorded` orders the journal like `seq`.
        var recorded = clock.now()
        if let last = start.lastRecorded, recorded < last { recorded = last }
        let (bytes, lastLine, lastLeafHash) = try encodeBatch(drafts, after: start, recorded: recorded)
        let end = JournalPosition(eventCount: start.eventCount + Int64(drafts.count), byteCount: start.byteCount + Int64(bytes.count),
                                  lastLeafHash: lastLeafHash, lastRecorded: recorded,
                                  lastLineOffset: start.byteCount + Int64(lastLine.lowerBound), lastLineByteCount: lastLine.count)
        let receipt = AppendReceipt(firstSeq: start.eventCount + 1, lastSeq: start.eventCount + Int64(drafts.count), recorded: recorded,
                                    byteOffset: start.byteCount, byteCount: Int64(bytes.count))
        return EncodedBatch(bytes: bytes, receipt: receipt, end: end)
    }

    /// Closes the file. The writer can be used again; it reopens on the next append.
    public func close() {
        file?.close()
        file = nil
        position = nil
    }

    /// Makes a writer that refuses appends (after a failed fsync, or a failed write it could not
    /// undo) usable again, the only way it may be: the file is closed, `recover` moves any torn
    /// tail aside, and the whole journal is verified. Appends are accepted again only when the
    /// journal verifies; the batch that failed is then either wholly present (not acknowledged,
    /// but written) or wholly absent, never in part.
    ///
    /// Also safe on a writer that is not poisoned (it then recovers and verifies all the same).
    /// - Returns: what recovery moved aside and what verification found.
    /// - Throws: `JournalError` when recovery refuses (damage that is not a torn tail) or the
    ///   journal does not verify; the writer then keeps refusing appends.
    @discardableResult
    public func recoverAndReopen() throws -> (recovery: RecoveryReport, verification: JournalVerification) {
        close()
        let recovery = try JournalRecovery.recover(path: path, lockWaitMilliseconds: lockWaitMilliseconds, calls: calls)
        let verification = try JournalVerifier.verify(path: path)
        if let problem = JournalReading.error(for: verification.tail, path: path) {
            throw problem
        }
        poisonedBy = nil
        return (recovery, verification)
    }

    private func openFile() throws(JournalError) -> FileDescriptor {
        if let file { return file }
        do {
            let (opened, created) = try FileDescriptor.openForWriting(path)
            file = opened
            createdFile = created
            return opened
        } catch {
            throw JournalError(error)
        }
    }

    /// The end of the journal, from this writer's own last append when the file still ends
    /// with the same line, otherwise from the tail of the file.
    private func currentPosition(_ file: FileDescriptor) throws(JournalError) -> JournalPosition {
        do {
            let size = try file.sizeBytes()
            if let position, position.byteCount == size {
                let lastLine = try file.readBytes(count: position.lastLineByteCount, at: position.lastLineOffset)
                if MerkleTree.leafHash(lastLine) == position.lastLeafHash { return position }
            }
            let scan = try JournalTailLocator.locate(file, sizeBytes: size)
            switch scan.tail {
            case .clean:
                return JournalPosition(eventCount: scan.soundEventCount, byteCount: scan.soundByteCount, lastLeafHash: scan.lastLeafHash,
                                       lastRecorded: scan.lastRecorded, lastLineOffset: 0, lastLineByteCount: 0)
            case .torn(let tail):
                throw JournalError(.tornTail, path: path, lineNumber: tail.firstLineNumber, byteOffset: tail.byteOffset,
                                   message: "refusing to append: the journal ends in a torn tail of \(tail.byteCount) bytes from byte \(tail.byteOffset) (\(tail.reason)); run `groupledger recover` to move it aside")
            case .corrupt(let problem):
                throw JournalError(.corrupt, path: path, lineNumber: problem.lineNumber, byteOffset: problem.byteOffset, field: problem.field,
                                   message: "\(problem.message); refusing to append to a damaged journal: run `groupledger verify`")
            }
        } catch let error as JournalError {
            throw error
        } catch let error as SystemCallError {
            throw JournalError(error)
        } catch {
            throw JournalError(.systemCall, path: path, message: "\(error)")
        }
    }

    /// Encodes the batch; returns the bytes, the byte range of the last line and its leaf hash.
    private func encodeBatch(_ drafts: [EventDraft], after start: JournalPosition, recorded: UTCTimestamp)
        throws(JournalError) -> ([UInt8], Range<Int>, SHA256Digest)
    {
        let batch = BatchMarker(first: start.eventCount + 1, count: Int64(drafts.count))
        // Each line holds the hash of the one before, so the chain is sequential; everything
        // else is not. The lines are encoded on every core with a placeholder `prev`, each with
        // the hash state of its bytes before `prev`; the sequential pass only writes each
        // `prev` and hashes from there to the end of its line, part by part as the workers
        // hand them over.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(drafts.count * 400)
        var prev = start.lastLeafHash
        var lastLine = 0..<0
        var index = 0
        try BatchEncoding.encode(drafts, batch: batch, recorded: recorded) { (part) throws(JournalError) in
            let partStart = bytes.count
            bytes += part.bytes
            for line in part.lines {
                let lineStart = partStart + line.start
                let lineEnd = partStart + line.end
                guard line.end - line.start <= JournalLimits.maxLineBytes else {
                    throw JournalError(.limitExceeded, path: path,
                                       message: "event \(index + 1) of the batch (\(drafts[index].type)) encodes to \(line.end - line.start) bytes, over the line limit of \(JournalLimits.maxLineBytes)")
                }
                guard lineEnd + 1 <= JournalLimits.maxBatchBytes else {
                    throw JournalError(.limitExceeded, path: path,
                                       message: "the batch encodes to more than \(JournalLimits.maxBatchBytes) bytes by event \(index + 1); split the input")
                }
                var hasher = line.hasherBeforePrev
                prev = bytes.withUnsafeMutableBytes { buffer in
                    prev.writeHex(to: buffer.baseAddress! + partStart + line.prevOffset)
                    hasher.update(UnsafeRawBufferPointer(rebasing: buffer[(partStart + line.prevOffset)..<lineEnd]))
                    return hasher.finalize()
                }
                lastLine = lineStart..<lineEnd
                index += 1
            }
            // The part's lines stop before its first invalid draft, and every line before it
            // was checked above, so this names the first problem in the batch.
            if let (invalid, error) = part.invalid {
                throw Self.invalidDraft(invalid, error, path: path)
            }
        }
        assert(Self.decodesBack(bytes, first: batch.first), "encoded batch does not decode to itself")
        return (bytes, lastLine, prev)
    }

    /// Writes and fsyncs; on failure undoes what it can and decides whether the writer is
    /// still trustworthy.
    private func write(_ bytes: [UInt8], to file: FileDescriptor, at offset: Int64) throws(JournalError) {
        do {
            try file.writeAll(bytes, at: offset, calls: calls)
        } catch {
            // Nothing was acknowledged. Cut the file back so it is byte-identical to before; if
            // even that fails, the tail is unknown and only `recover` may decide.
            do {
                try file.truncate(to: offset, calls: calls)
            } catch {
                poison(JournalError(.writerPoisoned, path: path, byteOffset: offset,
                                    message: "an append failed and could not be undone (\(error)); reopen the journal and run `groupledger recover`, then `verify`"))
            }
            position = nil
            throw JournalError(.systemCall, path: path, byteOffset: offset,
                               message: "append failed, nothing was acknowledged: \(error)", cause: error)
        }
        do {
            try file.synchronize(calls: calls)
            if createdFile {
                try FileDescriptor.synchronizeDirectory(containing: path, calls: calls)
                createdFile = false
            }
            // On disk now, so the pages are clean and may go; advice only, so a refusal changes
            // nothing the append promised.
            if let released = cacheTrail.synchronized(offset..<(offset + Int64(bytes.count))) {
                _ = calls.releaseCachedPages(file.rawValue, released.lowerBound, released.upperBound - released.lowerBound)
            }
        } catch {
            // After a failed fsync the page cache cannot be trusted: Linux may already have
            // dropped the dirty pages or marked them clean, and it reports the error once, so a
            // retried fsync can return 0 for data that never reached the disk, and a re-read
            // can return bytes that are not on it. Appending more would build acknowledged
            // batches on top of a hole. So this writer stops here; only `recoverAndReopen()`
            // (or a new writer, after `recover` and `verify`) appends again, and recovery
            // drops the file's cached pages so that it judges what the disk holds.
            let failure = JournalError(.writerPoisoned, path: path, byteOffset: offset,
                                       message: "\(error); the batch is not acknowledged and this writer accepts no more appends: reopen the journal, run `groupledger recover`, then `verify`",
                                       cause: error)
            poison(failure)
            throw failure
        }
    }

    private func poison(_ error: JournalError) {
        poisonedBy = error
        position = nil
    }

    private static func decodesBack(_ bytes: [UInt8], first: Int64) -> Bool {
        var seq = first
        var lineStart = 0
        for (index, byte) in bytes.enumerated() where byte == 0x0A {
            let ok = bytes.withUnsafeBytes { buffer -> Bool in
                let line = UnsafeRawBufferPointer(rebasing: buffer[lineStart..<index])
                guard let decoded = try? JournalLine.decode(line) else { return false }
                return decoded.seq == seq && decoded.encoded().elementsEqual(line)
            }
            guard ok else { return false }
            seq += 1
            lineStart = index + 1
        }
        return true
    }
}
