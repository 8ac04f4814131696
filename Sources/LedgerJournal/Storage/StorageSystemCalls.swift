import Glibc

/// The system calls through which the journal's bytes reach the disk: positioned write,
/// fsync and ftruncate, and the advice that lets the page cache drop them afterwards. Each
/// returns what the C call returns and, on failure, leaves the error in `errno` (or, for the
/// advice, returns it), exactly like the C library.
///
/// `SystemStorageCalls` is the real implementation and the only one production code uses.
/// Tests inject another (in the spirit of swift-system's mocking) to make these calls fail
/// the way disks do (short writes, EIO, ENOSPC, a failed fsync), because those failures
/// cannot be produced on demand with a real file system. Reads are not routed through here:
/// the promises under test are about what an append leaves behind.
protocol StorageSystemCalls {
    /// `pwrite(2)`: writes up to `count` bytes at `offset`; returns how many, or -1.
    func positionedWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int, _ offset: Int64) -> Int
    /// `fsync(2)` of a file or a directory; returns 0, or -1.
    func synchronize(_ descriptor: Int32) -> Int32
    /// `ftruncate(2)`; returns 0, or -1.
    func truncate(_ descriptor: Int32, _ sizeBytes: Int64) -> Int32
    /// `posix_fadvise(2)` with `POSIX_FADV_DONTNEED`: lets the kernel drop the range's clean
    /// cached pages. Advice only; returns 0 or an error number (which callers may ignore).
    func releaseCachedPages(_ descriptor: Int32, _ offset: Int64, _ count: Int64) -> Int32
}

/// The C library's calls, unchanged.
struct SystemStorageCalls: StorageSystemCalls {
    @inline(__always)
    func positionedWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int, _ offset: Int64) -> Int {
        pwrite(descriptor, buffer, count, off_t(offset))
    }

    @inline(__always)
    func synchronize(_ descriptor: Int32) -> Int32 {
        fsync(descriptor)
    }

    @inline(__always)
    func truncate(_ descriptor: Int32, _ sizeBytes: Int64) -> Int32 {
        ftruncate(descriptor, off_t(sizeBytes))
    }

    @inline(__always)
    func releaseCachedPages(_ descriptor: Int32, _ offset: Int64, _ count: Int64) -> Int32 {
        posix_fadvise(descriptor, off_t(offset), off_t(count), Int32(POSIX_FADV_DONTNEED))
    }
}
