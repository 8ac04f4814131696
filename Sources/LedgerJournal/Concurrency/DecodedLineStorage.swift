import Glibc

/// The storage a scan's chunks are decoded into, reused from chunk to chunk: each `DecodeJob`
/// takes a buffer at least as long as its chunk and gives it back when released, on whichever
/// thread releases it.
///
/// Why reused: a chunk's decoded lines take 1–2 MB. Allocated and freed for each chunk, those
/// blocks came from malloc's heap (glibc raises its mmap threshold past a block once it has
/// freed one that size), the state's long-lived small allocations settled in the holes they
/// left, and each next block took fresh memory: 60 MB of a 10M-event replay's peak RSS. A few
/// buffers, kept, leave no holes.
final class DecodedLineStorage: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    /// Buffers not in use. Guarded by `mutex`.
    private var free: [UnsafeMutableBufferPointer<DecodedLine>] = []

    /// An empty pool: buffers are allocated as jobs first need them.
    init() {
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        for buffer in free { buffer.deallocate() }
        pthread_mutex_destroy(mutex)
        mutex.deinitialize(count: 1)
        mutex.deallocate()
    }

    /// An uninitialized buffer of at least `count` lines: a kept one when one is long enough,
    /// else a new one (the shortest kept one is dropped for it, so the pool never grows past
    /// the most jobs alive at once).
    func take(count: Int) -> UnsafeMutableBufferPointer<DecodedLine> {
        pthread_mutex_lock(mutex)
        var replaced: UnsafeMutableBufferPointer<DecodedLine>?
        var taken: UnsafeMutableBufferPointer<DecodedLine>?
        if let index = free.firstIndex(where: { $0.count >= count }) {
            taken = free.remove(at: index)
        } else if let index = free.indices.min(by: { free[$0].count < free[$1].count }) {
            replaced = free.remove(at: index)
        }
        pthread_mutex_unlock(mutex)
        replaced?.deallocate()
        // Room for a chunk of shorter lines than this one, so a buffer is rarely replaced.
        return taken ?? .allocate(capacity: count + count / 4)
    }

    /// Takes back a buffer from `take(count:)`, whose lines the caller has deinitialized.
    func giveBack(_ buffer: UnsafeMutableBufferPointer<DecodedLine>) {
        pthread_mutex_lock(mutex)
        free.append(buffer)
        pthread_mutex_unlock(mutex)
    }
}
