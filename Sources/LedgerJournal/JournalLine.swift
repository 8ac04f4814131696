public import LedgerCore

/// Which atomic batch a line belongs to: the batch's first seq and its number of lines.
///
/// Every line carries its batch, so a reader knows a batch is complete exactly when it has
/// read the line with `seq == first + count - 1`, and never applies a partial one.
public struct BatchMarker: Hashable, Sendable {
    /// The seq of the batch's first line.
    public var first: Int64
    /// How many lines the batch has.
    public var count: Int64

    /// Creates a marker.
    public init(first: Int64, count: Int64) {
        self.first = first
        self.count = count
    }

    /// The seq of the batch's last line.
    public var last: Int64 { first + count - 1 }
}

/// One line of the journal: a recorded event, its batch, and the leaf hash of the line before.
public struct JournalLine: Equatable, Sendable {
    /// The event.
    public var event: RecordedEvent
    /// The batch it was appended in.
    public var batch: BatchMarker
    /// The RFC 6962 leaf hash of the previous line (`SHA256Digest.zero` on line 1).
    public var prev: SHA256Digest

    /// Creates a line.
    public init(event: RecordedEvent, batch: BatchMarker, prev: SHA256Digest) {
        self.event = event
        self.batch = batch
        self.prev = prev
    }

    /// The seq, equal to the 1-based line number.
    public var seq: Int64 { event.seq }
}

/// A line as read from a file: the decoded line plus where it is and its leaf hash.
public struct JournalEntry: Sendable {
    /// The decoded line.
    public var line: JournalLine
    /// The 0-based byte offset of the line's first byte.
    public var byteOffset: Int64
    /// The line's length in bytes, without its `\n`.
    public var byteCount: Int
    /// SHA-256(0x00 ‖ line bytes), when the reader computed it (verification does).
    public var leafHash: SHA256Digest?

    /// Creates an entry.
    public init(line: JournalLine, byteOffset: Int64, byteCount: Int, leafHash: SHA256Digest?) {
        self.line = line
        self.byteOffset = byteOffset
        self.byteCount = byteCount
        self.leafHash = leafHash
    }

    /// The seq (= line number).
    public var seq: Int64 { line.seq }
    /// The event.
    public var event: RecordedEvent { line.event }
}
