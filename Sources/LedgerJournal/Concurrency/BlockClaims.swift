import Glibc

/// Hands out the blocks of one piece of work, each to exactly one of the threads asking, and
/// counts those finished: several threads share a chunk's lines without knowing in advance how
/// many of them will take part.
///
/// A mutex rather than atomics: a claim covers dozens of lines (tens of microseconds of work),
/// so an uncontended lock's ~20 ns is lost in the noise, and the standard library's atomics
/// would add a module the package does not otherwise need.
final class BlockClaims: @unchecked Sendable {
    /// How many blocks there are.
    let blockCount: Int
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    /// Guarded by `mutex`.
    private var claimedCount = 0
    /// Guarded by `mutex`.
    private var finishedCount = 0

    /// Claims for `blockCount` blocks, numbered from 0.
    init(blockCount: Int) {
        self.blockCount = blockCount
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deinitialize(count: 1)
        mutex.deallocate()
    }

    /// The next unclaimed block (0-based), or nil when every block has been claimed.
    func claim() -> Int? {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        guard claimedCount < blockCount else { return nil }
        claimedCount += 1
        return claimedCount - 1
    }

    /// Whether every block has been finished.
    var allFinished: Bool {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return finishedCount == blockCount
    }

    /// Records that a claimed block is finished; true for the call that finishes the last one.
    func finish() -> Bool {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        finishedCount += 1
        return finishedCount == blockCount
    }
}
