import Glibc

/// An open file, with the few operations the journal needs, each retrying on EINTR and
/// turning failures into `SystemCallError` values that name the path.
///
/// Every byte the journal writes goes through `writeAll(_:at:)`, which writes everything or
/// throws; nothing in the journal calls `write` directly.
public struct FileDescriptor: Sendable {
    /// The raw descriptor.
    public let rawValue: Int32
    /// The path it was opened with, for messages.
    public let path: String

    /// Opens `path` read-only.
    public static func openForReading(_ path: String) throws(SystemCallError) -> FileDescriptor {
        let descriptor = retryingOnInterrupt { open(path, O_RDONLY | O_CLOEXEC) }
        guard descriptor >= 0 else { throw SystemCallError(call: "open", path: path, errorNumber: errno) }
        return FileDescriptor(rawValue: descriptor, path: path)
    }

    /// Opens `path` for reading and writing, creating it with mode 0640 if it does not exist.
    /// - Returns: the descriptor and whether this call created the file (the caller must then
    ///   fsync the directory, or a crash could lose the new name).
    public static func openForWriting(_ path: String) throws(SystemCallError) -> (FileDescriptor, created: Bool) {
        var descriptor = retryingOnInterrupt { open(path, O_RDWR | O_CLOEXEC) }
        if descriptor >= 0 { return (FileDescriptor(rawValue: descriptor, path: path), false) }
        guard errno == ENOENT else { throw SystemCallError(call: "open", path: path, errorNumber: errno) }
        descriptor = retryingOnInterrupt { open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o640) }
        if descriptor < 0 && errno == EEXIST {
            // Another writer created it between our two calls; use theirs.
            return try openForWriting(path)
        }
        guard descriptor >= 0 else { throw SystemCallError(call: "open", path: path, errorNumber: errno) }
        // The umask may have removed bits; the journal's mode is part of its promise (0640).
        _ = fchmod(descriptor, 0o640)
        return (FileDescriptor(rawValue: descriptor, path: path), true)
    }

    /// Creates a new file that must not exist yet, with mode 0640.
    public static func createExclusive(_ path: String) throws(SystemCallError) -> FileDescriptor {
        let descriptor = retryingOnInterrupt { open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o640) }
        guard descriptor >= 0 else { throw SystemCallError(call: "open", path: path, errorNumber: errno) }
        _ = fchmod(descriptor, 0o640)
        return FileDescriptor(rawValue: descriptor, path: path)
    }

    /// Closes the descriptor. Errors from close are ignored: data durability never rests on
    /// close, only on a successful fsync before it.
    public func close() {
        _ = Glibc.close(rawValue)
    }

    /// The file's current size in bytes.
    public func sizeBytes() throws(SystemCallError) -> Int64 {
        var status = stat()
        guard fstat(rawValue, &status) == 0 else { throw SystemCallError(call: "fstat", path: path, errorNumber: errno) }
        return Int64(status.st_size)
    }

    /// Reads up to `buffer.count` bytes at `offset`; returns how many were read (0 at the end).
    public func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int64) throws(SystemCallError) -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        let count = retryingOnInterrupt { pread(rawValue, base, buffer.count, off_t(offset)) }
        guard count >= 0 else { throw SystemCallError(call: "pread", path: path, errorNumber: errno) }
        return count
    }

    /// Reads exactly `count` bytes at `offset`, fewer only if the file ends first.
    public func readBytes(count: Int, at offset: Int64) throws(SystemCallError) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let got = result.withUnsafeMutableBytes { buffer in
                retryingOnInterrupt { pread(rawValue, buffer.baseAddress! + filled, count - filled, off_t(offset + Int64(filled))) }
            }
            if got < 0 { throw SystemCallError(call: "pread", path: path, errorNumber: errno) }
            if got == 0 { break }
            filled += got
        }
        result.removeLast(count - filled)
        return result
    }

    /// Writes all of `bytes` at `offset`, or throws. Short writes are continued here, in one
    /// place; a write that makes no progress is reported as the errno it returned.
    public func writeAll(_ bytes: [UInt8], at offset: Int64) throws(SystemCallError) {
        try writeAll(bytes, at: offset, calls: SystemStorageCalls())
    }

    /// Writes all of `bytes` at `offset`, or throws (see the array form).
    public func writeAll(_ bytes: UnsafeRawBufferPointer, at offset: Int64) throws(SystemCallError) {
        try writeAll(bytes, at: offset, calls: SystemStorageCalls())
    }

    /// Flushes the file's data and metadata to stable storage. When this returns, the bytes
    /// written before it survive a crash or power loss (as far as the device honours flushes).
    public func synchronize() throws(SystemCallError) {
        try synchronize(calls: SystemStorageCalls())
    }

    /// Cuts the file to `sizeBytes`.
    public func truncate(to sizeBytes: Int64) throws(SystemCallError) {
        try truncate(to: sizeBytes, calls: SystemStorageCalls())
    }

    /// `writeAll(_:at:)` through `calls`.
    func writeAll(_ bytes: [UInt8], at offset: Int64, calls: some StorageSystemCalls) throws(SystemCallError) {
        var failure: SystemCallError?
        bytes.withUnsafeBytes { buffer in
            do { try writeAll(buffer, at: offset, calls: calls) } catch { failure = error as? SystemCallError ?? SystemCallError(call: "pwrite", path: path, errorNumber: EIO) }
        }
        if let failure { throw failure }
    }

    /// `writeAll(_:at:)` through `calls`.
    func writeAll(_ bytes: UnsafeRawBufferPointer, at offset: Int64, calls: some StorageSystemCalls) throws(SystemCallError) {
        guard let base = bytes.baseAddress else { return }
        var written = 0
        while written < bytes.count {
            let count = retryingOnInterrupt {
                calls.positionedWrite(rawValue, base + written, bytes.count - written, offset + Int64(written))
            }
            if count < 0 { throw SystemCallError(call: "pwrite", path: path, errorNumber: errno) }
            if count == 0 { throw SystemCallError(call: "pwrite", path: path, errorNumber: EIO) }
            written += count
        }
    }

    /// `synchronize()` through `calls`.
    func synchronize(calls: some StorageSystemCalls) throws(SystemCallError) {
        guard retryingOnInterrupt({ calls.synchronize(rawValue) }) == 0 else {
            throw SystemCallError(call: "fsync", path: path, errorNumber: errno)
        }
    }

    /// `truncate(to:)` through `calls`.
    func truncate(to sizeBytes: Int64, calls: some StorageSystemCalls) throws(SystemCallError) {
        guard retryingOnInterrupt({ calls.truncate(rawValue, sizeBytes) }) == 0 else {
            throw SystemCallError(call: "ftruncate", path: path, errorNumber: errno)
        }
    }

    /// Takes the exclusive advisory lock without waiting. Returns false if another open file
    /// description holds it.
    public func tryLockExclusive() throws(SystemCallError) -> Bool {
        if retryingOnInterrupt({ flock(rawValue, LOCK_EX | LOCK_NB) }) == 0 { return true }
        if errno == EWOULDBLOCK { return false }
        throw SystemCallError(call: "flock", path: path, errorNumber: errno)
    }

    /// Releases the advisory lock.
    public func unlock() {
        _ = flock(rawValue, LOCK_UN)
    }

    /// Fsyncs the directory that holds `path`, so that a newly created name survives a crash.
    public static func synchronizeDirectory(containing path: String) throws(SystemCallError) {
        try synchronizeDirectory(containing: path, calls: SystemStorageCalls())
    }

    /// `synchronizeDirectory(containing:)` through `calls`.
    static func synchronizeDirectory(containing path: String, calls: some StorageSystemCalls) throws(SystemCallError) {
        let directory = parentDirectory(of: path)
        let descriptor = retryingOnInterrupt { open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
        guard descriptor >= 0 else { throw SystemCallError(call: "open", path: directory, errorNumber: errno) }
        defer { _ = Glibc.close(descriptor) }
        guard retryingOnInterrupt({ calls.synchronize(descriptor) }) == 0 else {
            throw SystemCallError(call: "fsync", path: directory, errorNumber: errno)
        }
    }

    /// The directory part of `path` ("." when there is none).
    public static func parentDirectory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let directory = String(path[..<slash])
        return directory.isEmpty ? "/" : directory
    }

    /// Whether derived files may be written in `directory`: it is writable for this process,
    /// on a file system mounted read-write, and someone has write permission on it. The last
    /// test matters for root, for whom `access(W_OK)` succeeds on a folder marked 0555: an
    /// operator who removed every write bit meant the folder to stay as it is.
    public static func isWritableDirectory(_ directory: String) -> Bool {
        var status = stat()
        guard stat(directory, &status) == 0, status.st_mode & 0o222 != 0, access(directory, W_OK) == 0 else { return false }
        var fileSystem = statvfs()
        guard statvfs(directory, &fileSystem) == 0 else { return false }
        return fileSystem.f_flag & UInt(ST_RDONLY) == 0
    }

    /// Whether `path` names an existing file or directory.
    public static func exists(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0
    }
}

/// Calls `body` again while it fails with EINTR.
@inline(__always)
func retryingOnInterrupt<Result: BinaryInteger>(_ body: () -> Result) -> Result {
    while true {
        let result = body()
        if result < 0 && errno == EINTR { continue }
        return result
    }
}
