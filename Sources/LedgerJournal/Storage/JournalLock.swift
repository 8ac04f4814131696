import Glibc

/// The journal's single-writer rule: an exclusive `flock` on the journal file itself, held
/// for the whole of an append or a recovery. Readers take it shared just long enough to read
/// a size that ends on a whole batch.
enum JournalLock {
    /// How long to sleep between attempts while waiting for another writer.
    static let pollMicroseconds: UInt32 = 2_000

    /// Takes the exclusive lock, waiting up to `waitMilliseconds`.
    /// - Throws: `JournalError.Code.locked` when another process still holds it after the wait.
    static func acquireExclusive(_ file: FileDescriptor, displayPath: String, waitMilliseconds: Int) throws(JournalError) {
        var waitedMicroseconds = 0
        while true {
            do {
                if try file.tryLockExclusive() { return }
            } catch {
                throw JournalError(error)
            }
            if waitedMicroseconds >= waitMilliseconds * 1000 {
                throw JournalError(.locked, path: displayPath,
                                   message: "another process is writing to this journal (its write lock was still held after \(waitMilliseconds) ms); try again, or raise --wait")
            }
            usleep(pollMicroseconds)
            waitedMicroseconds += Int(pollMicroseconds)
        }
    }

    /// The file's size while no writer is mid-append: the end of the last whole batch written
    /// (or of a torn tail left by a crash).
    static func stableSize(_ file: FileDescriptor) throws(SystemCallError) -> Int64 {
        // A shared lock waits for a writer to finish its batch; it is dropped at once, since
        // later appends never change bytes before this size.
        _ = retryingOnInterrupt { flock(file.rawValue, LOCK_SH) }
        defer { file.unlock() }
        return try file.sizeBytes()
    }
}
