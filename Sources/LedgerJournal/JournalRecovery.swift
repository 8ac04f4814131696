import Glibc
import LedgerCore

/// What `recover` did.
public struct RecoveryReport: Sendable, Equatable {
    /// The torn tail that was moved, or nil when the journal was already clean.
    public var tornTail: TornTail?
    /// Where the torn bytes were moved.
    public var movedTo: String?
    /// The events in the journal afterwards.
    public var eventCount: Int64
    /// The journal's size in bytes afterwards.
    public var byteCount: Int64
}

/// Moves a torn tail out of the journal into a file beside it; deletes nothing.
public enum JournalRecovery {
    /// Recovers the journal at `path`.
    ///
    /// Under the write lock, the journal is scanned in full. If it ends in a torn tail, the
    /// torn bytes are copied to `<journal>.torn-<byteOffset>` (a new file, fsynced, and its
    /// directory fsynced) and only then is the journal cut back to its sound prefix of whole
    /// batches and fsynced. A crash in between leaves both copies, never neither.
    /// - Throws: `JournalError.Code.corrupt` when the journal is damaged other than by a torn
    ///   tail (recovery does not guess), or system-call and lock errors.
    public static func recover(path: String, lockWaitMilliseconds: Int = 10_000) throws -> RecoveryReport {
        try recover(path: path, lockWaitMilliseconds: lockWaitMilliseconds, calls: SystemStorageCalls())
    }

    /// `recover(path:lockWaitMilliseconds:)` with its writes, fsyncs and truncation through `calls`.
    static func recover(path: String, lockWaitMilliseconds: Int, calls: some StorageSystemCalls) throws -> RecoveryReport {
        guard FileDescriptor.exists(path) else {
            throw JournalError(.systemCall, path: path, message: "no journal at this path")
        }
        let file: FileDescriptor
        do { file = try FileDescriptor.openForWriting(path).0 } catch { throw JournalError(error) }
        defer { file.close() }
        try JournalLock.acquireExclusive(file, displayPath: path, waitMilliseconds: lockWaitMilliseconds)
        defer { file.unlock() }
        do {
            try dropCachedPages(file, calls: calls)
            let scan = try JournalScanner(file: file, checkChain: true).run { _ in true }
            switch scan.tail {
            case .clean:
                return RecoveryReport(tornTail: nil, movedTo: nil, eventCount: scan.soundEventCount, byteCount: scan.soundByteCount)
            case .corrupt(let problem):
                throw JournalError(.corrupt, path: path, lineNumber: problem.lineNumber, byteOffset: problem.byteOffset, field: problem.field,
                                   message: "\(problem.message); this is not a torn tail, so recover changes nothing: compare with a backup or a published digest")
            case .torn(let tail):
                let sidePath = try moveAside(file, tail: tail, journalPath: path, calls: calls)
                try file.truncate(to: tail.byteOffset, calls: calls)
                try file.synchronize(calls: calls)
                return RecoveryReport(tornTail: tail, movedTo: sidePath, eventCount: scan.soundEventCount, byteCount: tail.byteOffset)
            }
        } catch let error as SystemCallError {
            throw JournalError(error)
        }
    }

    /// Copies the torn bytes into a new file beside the journal and makes it durable.
    private static func moveAside(_ file: FileDescriptor, tail: TornTail, journalPath: String, calls: some StorageSystemCalls) throws -> String {
        var sidePath = "\(journalPath).torn-\(tail.byteOffset)"
        var attempt = 1
        while FileDescriptor.exists(sidePath) {
            attempt += 1
            sidePath = "\(journalPath).torn-\(tail.byteOffset)-\(attempt)"
        }
        let side = try FileDescriptor.createExclusive(sidePath)
        defer { side.close() }
        var copied: Int64 = 0
        while copied < tail.byteCount {
            let chunk = try file.readBytes(count: Int(min(Int64(LineReader.chunkBytes), tail.byteCount - copied)), at: tail.byteOffset + copied)
            if chunk.isEmpty { break }
            try side.writeAll(chunk, at: copied, calls: calls)
            copied += Int64(chunk.count)
        }
        try side.synchronize(calls: calls)
        try FileDescriptor.synchronizeDirectory(containing: sidePath, calls: calls)
        return sidePath
    }

    /// Writes back the journal's dirty pages, then asks the kernel to drop its cached pages, so
    /// that the scan reads what the disk holds. After a failed fsync, Linux may keep pages that
    /// never reached the disk in the cache marked clean; judging the tail from them would keep
    /// a batch that a reboot would show as torn. (Pages another process has mapped may stay;
    /// GroupLedger maps nothing.)
    private static func dropCachedPages(_ file: FileDescriptor, calls: some StorageSystemCalls) throws(SystemCallError) {
        try file.synchronize(calls: calls)
        // A length of 0 means to the end of the file.
        _ = calls.releaseCachedPages(file.rawValue, 0, 0)
    }
}
