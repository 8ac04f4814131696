import Glibc
@testable import LedgerJournal

/// A `StorageSystemCalls` double that passes calls to the C library until told to fail, then
/// fails the way disks do: a short write, EIO or ENOSPC from `pwrite`, a failed `fsync` or
/// `ftruncate`, or EINTR. It counts every call so tests can aim a fault at the n-th one.
final class FaultInjectingStorage: StorageSystemCalls {
    /// What one `pwrite` call does.
    enum WriteOutcome: Equatable {
        /// The real call.
        case real
        /// Writes at most this many bytes (for real) and returns the count: a short write.
        case atMost(Int)
        /// Writes this many bytes for real, then fails with the errno: a disk filling mid-batch.
        case partThenFail(Int, errorNumber: Int32)
        /// Writes nothing and fails with the errno.
        case fail(errorNumber: Int32)
        /// Writes nothing and returns 0 (no progress).
        case noProgress
    }

    /// Decides each `pwrite` by its 0-based call index.
    var onWrite: (_ callIndex: Int) -> WriteOutcome = { _ in .real }
    /// Decides each `fsync` (files and directories) by its 0-based call index: nil for the
    /// real call, else the errno it fails with.
    var onSynchronize: (_ callIndex: Int) -> Int32? = { _ in nil }
    /// Decides each `ftruncate`: nil for the real call, else the errno it fails with.
    var onTruncate: (_ callIndex: Int) -> Int32? = { _ in nil }
    /// Fail every other call with EINTR first (the code must retry, not give up).
    var interruptEveryOtherCall = false

    private(set) var writeCalls = 0
    private(set) var synchronizeCalls = 0
    private(set) var truncateCalls = 0
    /// The ranges handed back to the page cache, in order (the real call is made too).
    private(set) var releasedRanges: [Range<Int64>] = []
    private var interruptNext = true

    private func interrupted() -> Bool {
        guard interruptEveryOtherCall else { return false }
        interruptNext.toggle()
        if !interruptNext {
            errno = EINTR
            return true
        }
        return false
    }

    func positionedWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int, _ offset: Int64) -> Int {
        if interrupted() { return -1 }
        defer { writeCalls += 1 }
        switch onWrite(writeCalls) {
        case .real:
            return pwrite(descriptor, buffer, count, off_t(offset))
        case .atMost(let limit):
            return pwrite(descriptor, buffer, min(count, limit), off_t(offset))
        case .partThenFail(let part, let errorNumber):
            _ = pwrite(descriptor, buffer, min(count, part), off_t(offset))
            errno = errorNumber
            return -1
        case .fail(let errorNumber):
            errno = errorNumber
            return -1
        case .noProgress:
            return 0
        }
    }

    func synchronize(_ descriptor: Int32) -> Int32 {
        if interrupted() { return -1 }
        defer { synchronizeCalls += 1 }
        if let errorNumber = onSynchronize(synchronizeCalls) {
            errno = errorNumber
            return -1
        }
        return fsync(descriptor)
    }

    func truncate(_ descriptor: Int32, _ sizeBytes: Int64) -> Int32 {
        if interrupted() { return -1 }
        defer { truncateCalls += 1 }
        if let errorNumber = onTruncate(truncateCalls) {
            errno = errorNumber
            return -1
        }
        return ftruncate(descriptor, off_t(sizeBytes))
    }

    func releaseCachedPages(_ descriptor: Int32, _ offset: Int64, _ count: Int64) -> Int32 {
        releasedRanges.append(offset..<(offset + count))
        return posix_fadvise(descriptor, off_t(offset), off_t(count), Int32(POSIX_FADV_DONTNEED))
    }
}
