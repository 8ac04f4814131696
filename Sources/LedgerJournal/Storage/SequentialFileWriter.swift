/// Writes a new file front to back through a buffer of `flushSizeBytes`, so a large output
/// (an audit packet of a million-event journal) never has to be held in memory whole.
/// Nothing is durable until `finish()` returns: it writes the rest, fsyncs and closes.
public struct SequentialFileWriter {
    private let descriptor: FileDescriptor
    private let flushSizeBytes: Int
    private var buffer: [UInt8] = []
    private var offsetBytes: Int64 = 0

    /// Creates `path`, which must not exist.
    public init(creating path: String, flushSizeBytes: Int = 1 << 20) throws(SystemCallError) {
        descriptor = try FileDescriptor.createExclusive(path)
        self.flushSizeBytes = flushSizeBytes
        buffer.reserveCapacity(flushSizeBytes)
    }

    /// Appends bytes, writing the buffer out when it is full.
    public mutating func write(_ bytes: some Sequence<UInt8>) throws(SystemCallError) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= flushSizeBytes { try flush() }
    }

    /// Writes what is buffered, fsyncs (the file is on disk when this returns) and closes.
    public mutating func finish() throws(SystemCallError) {
        defer { descriptor.close() }
        try flush()
        try descriptor.synchronize()
    }

    /// Closes without syncing, after a failure.
    public func abandon() {
        descriptor.close()
    }

    private mutating func flush() throws(SystemCallError) {
        guard !buffer.isEmpty else { return }
        try descriptor.writeAll(buffer, at: offsetBytes)
        offsetBytes += Int64(buffer.count)
        buffer.removeAll(keepingCapacity: true)
    }
}
