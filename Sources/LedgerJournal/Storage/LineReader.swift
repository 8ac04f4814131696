import Glibc

/// One line of a file as the reader hands it out. `bytes` stays valid until the callback after
/// the one that handed it out returns (see `LineReader.forEachChunk`).
public struct LineSlice {
    /// The line's bytes without the `\n`; cut to `JournalLimits.maxLineBytes + 1` when overlong.
    public var bytes: UnsafeRawBufferPointer
    /// The 0-based offset of the line's first byte in the file.
    public var byteOffset: Int64
    /// The line's full length in bytes, without the `\n` (may exceed `bytes.count` when overlong).
    public var byteCount: Int64
    /// The 1-based physical line number.
    public var lineNumber: Int64
    /// Whether the line ends with `\n` (false only for the last piece of a file).
    public var isTerminated: Bool
    /// Whether the line is longer than `JournalLimits.maxLineBytes`.
    public var isOverlong: Bool
    /// Whether the line contains a 0x00 byte, which canonical JSON never does but unwritten
    /// disk blocks after a crash do. Computed on demand: only a line that fails to decode can
    /// hold one, so the common path never scans for it.
    public var containsNUL: Bool {
        if let knownNUL { return knownNUL }
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return false }
        return memchr(base, 0, bytes.count) != nil
    }

    /// Set for overlong lines, whose bytes are not kept.
    var knownNUL: Bool?

    /// Creates a slice.
    public init(bytes: UnsafeRawBufferPointer, byteOffset: Int64, byteCount: Int64, lineNumber: Int64, isTerminated: Bool,
                isOverlong: Bool, containsNUL: Bool? = nil) {
        self.bytes = bytes
        self.byteOffset = byteOffset
        self.byteCount = byteCount
        self.lineNumber = lineNumber
        self.isTerminated = isTerminated
        self.isOverlong = isOverlong
        self.knownNUL = containsNUL
    }
}

/// The buffers a `LineReader` reads chunks into, in turn, freed when the last holder lets go:
/// a caller that decodes chunks in the background keeps them alive until it has finished.
public final class ChunkBuffers: @unchecked Sendable {
    let buffers: [UnsafeMutableRawBufferPointer]

    /// Allocates `count` buffers (at least two) for a reader with lines of at most
    /// `maxLineBytes`. With `count` buffers, a chunk's bytes stay valid until `count − 1` more
    /// chunks have been handed out (see `LineReader.forEachChunk`).
    public init(count: Int = 2, maxLineBytes: Int = JournalLimits.maxLineBytes) {
        precondition(count >= 2, "a reader needs two buffers: one to hand out, one to read into")
        let capacity = LineReader.chunkBytes + maxLineBytes + 2
        buffers = (0..<count).map { _ in UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 16) }
    }

    deinit {
        for buffer in buffers { buffer.deallocate() }
    }
}

/// Reads a file line by line in large chunks with `pread`, never holding more than its few
/// chunk buffers (each a chunk plus one maximal line) in memory, whatever the file's size.
public struct LineReader {
    /// Bytes read per system call. 1 MiB measured best: the decoded lines of a chunk stay in
    /// cache while they are checked (4 MiB chunks took 1.5× the CPU time).
    public static let chunkBytes = 1_048_576

    private let file: FileDescriptor
    private let startOffset: Int64
    private let firstLineNumber: Int64
    private let endOffset: Int64?
    private let maxLineBytes: Int

    /// Creates a reader of the bytes from `startOffset` up to `endOffset` (the end of the file
    /// when nil), numbering its first line `firstLineNumber`.
    public init(file: FileDescriptor, startOffset: Int64 = 0, endOffset: Int64? = nil, firstLineNumber: Int64 = 1,
                maxLineBytes: Int = JournalLimits.maxLineBytes) {
        self.file = file
        self.startOffset = startOffset
        self.endOffset = endOffset
        self.firstLineNumber = firstLineNumber
        self.maxLineBytes = maxLineBytes
    }

    /// Calls `body` for each line until the end of the file or until `body` returns false.
    public func forEachLine(_ body: (LineSlice) throws -> Bool) throws {
        try forEachChunk { slices in
            for slice in slices where try !body(slice) { return false }
            return true
        }
    }

    /// Calls `body` with the lines of each chunk read (in order, at least one line per call),
    /// until the end of the file or until `body` returns false. Handing out a chunk at a time
    /// lets the caller decode lines in parallel.
    ///
    /// Chunks are read into the buffers in turn, so with B buffers a chunk's slices stay valid
    /// until the (B − 1)-th call of `body` after the one that handed them out returns (with
    /// two, until the *next* call returns): a caller may decode chunks in the background while
    /// the reader fills another buffer, without copying them.
    ///
    /// An overlong line is handed out once, with `isOverlong` set and empty `bytes`: it is an
    /// error whatever it holds, so its bytes are counted and scanned for NUL but not kept.
    ///
    /// - Parameter chunkBuffers: where to read; pass your own to keep the bytes of the last
    ///   chunks alive after this returns (a new pair is used and freed otherwise).
    public func forEachChunk(into chunkBuffers: ChunkBuffers? = nil, _ body: ([LineSlice]) throws -> Bool) throws {
        let owned = chunkBuffers ?? ChunkBuffers(maxLineBytes: maxLineBytes)
        let buffers = owned.buffers
        let capacity = buffers[0].count
        precondition(capacity >= Self.chunkBytes + maxLineBytes + 2, "chunk buffers too small for this reader's lines")
        var current = 0
        var buffer = buffers[current]
        var base = buffer.baseAddress!
        var fileOffset = startOffset          // file offset of buffer[0]
        var filled = 0                        // valid bytes in buffer
        var lineStart = 0                     // start of the current line in buffer
        var lineNumber = firstLineNumber
        var endOfFile = false
        var overlong: (offset: Int64, count: Int64, containsNUL: Bool)?
        var slices: [LineSlice] = []

        func hasNUL(_ start: Int, _ count: Int) -> Bool {
            count > 0 && memchr(base + start, 0, count) != nil
        }

        while true {
            let partial = filled - lineStart
            if partial > 0, let found = memchr(base + lineStart, 0x0A, partial) {
                let end = base.distance(to: UnsafeMutableRawPointer(mutating: found))
                let count = end - lineStart
                let slice: LineSlice
                if let pending = overlong {
                    slice = LineSlice(bytes: UnsafeRawBufferPointer(start: base, count: 0), byteOffset: pending.offset,
                                      byteCount: pending.count + Int64(count), lineNumber: lineNumber, isTerminated: true,
                                      isOverlong: true, containsNUL: pending.containsNUL || hasNUL(lineStart, count))
                    overlong = nil
                } else {
                    slice = LineSlice(bytes: UnsafeRawBufferPointer(start: base + lineStart, count: count),
                                      byteOffset: fileOffset + Int64(lineStart), byteCount: Int64(count), lineNumber: lineNumber,
                                      isTerminated: true, isOverlong: count > maxLineBytes)
                }
                slices.append(slice)
                lineNumber += 1
                lineStart = end + 1
                continue
            }
            // No newline in what is buffered: hand out the complete lines before the buffer moves.
            if !slices.isEmpty {
                if try !body(slices) { return }
                slices.removeAll(keepingCapacity: true)
            }
            if overlong != nil {
                overlong!.count += Int64(partial)
                overlong!.containsNUL = overlong!.containsNUL || hasNUL(lineStart, partial)
                lineStart = filled
            } else if partial > maxLineBytes {
                overlong = (fileOffset + Int64(lineStart), Int64(partial), hasNUL(lineStart, partial))
                lineStart = filled
            }
            if endOfFile {
                if let pending = overlong {
                    _ = try body([LineSlice(bytes: UnsafeRawBufferPointer(start: base, count: 0), byteOffset: pending.offset,
                                            byteCount: pending.count, lineNumber: lineNumber, isTerminated: false,
                                            isOverlong: true, containsNUL: pending.containsNUL)])
                } else if partial > 0 {
                    _ = try body([LineSlice(bytes: UnsafeRawBufferPointer(start: base + lineStart, count: partial),
                                            byteOffset: fileOffset + Int64(lineStart), byteCount: Int64(partial),
                                             lineNumber: lineNumber, isTerminated: false, isOverlong: false)])
                }
                return
            }
            // Move the unfinished line to the start of the next buffer and read the next chunk
            // after it; this buffer's lines stay untouched until it comes round again.
            let keep = filled - lineStart
            current = (current + 1) % buffers.count
            let previousBase = base
            buffer = buffers[current]
            base = buffer.baseAddress!
            if keep > 0 { memcpy(base, previousBase + lineStart, keep) }
            fileOffset += Int64(lineStart)
            filled = keep
            lineStart = 0
            let readOffset = fileOffset + Int64(filled)
            var room = capacity - filled
            if let endOffset { room = Int(min(Int64(room), max(0, endOffset - readOffset))) }
            let got = room == 0 ? 0 : try file.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled..<(filled + room)]), at: readOffset)
            if got == 0 { endOfFile = true }
            filled += got
        }
    }
}
