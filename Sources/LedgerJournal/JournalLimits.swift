public import LedgerCore

/// The limits of the journal format. Each is checked before a byte is written; what happens
/// at each limit is specified in `Journal/FORMAT.md` § Limits.
public enum JournalLimits {
    /// Longest line, in bytes, not counting its `\n`. A longer event is refused on append;
    /// a longer line in a file is reported as corrupt by `verify`.
    public static let maxLineBytes = 262_144
    /// Most events in one atomic batch (one `append`).
    public static let maxBatchEvents = 10_000
    /// Most encoded bytes in one atomic batch, newlines included.
    public static let maxBatchBytes = 16 * 1_048_576
    /// Longest line of append input (input may carry whitespace and escapes the journal drops).
    public static let maxInputLineBytes = 1_048_576
    /// Largest seq: the I-JSON integer limit, so every seq is exact in any JSON reader.
    public static let maxSeq: Int64 = 9_007_199_254_740_991
    /// JSON nesting limits (the line's own object is depth 1, `data` is depth 2).
    public static let json = JSONLimits.journal
}
