/// How a journal file ends, after its sound prefix.
public enum JournalTailState: Sendable {
    /// The file is exactly its sound prefix of whole batches.
    case clean
    /// The file ends in the remains of one batch whose append did not finish (a crash mid-write).
    /// Readers ignore it; appends are refused until `recover` moves it aside.
    case torn(TornTail)
    /// A line is not sound and it is not a torn tail: the journal was damaged or altered.
    case corrupt(JournalProblem)
}

/// The remains of an unfinished append at the end of the file.
public struct TornTail: Sendable, Equatable {
    /// Where the torn bytes start: the end of the last complete batch.
    public var byteOffset: Int64
    /// The number of torn bytes, to the end of the file.
    public var byteCount: Int64
    /// The line number of the first torn line (the sound event count + 1).
    public var firstLineNumber: Int64
    /// How many complete (newline-terminated) lines the torn bytes hold.
    public var completeLineCount: Int64
    /// The line where the tail was found to be torn (an unterminated piece, a NUL-filled line,
    /// or the end of the file inside a batch).
    public var problemLineNumber: Int64
    /// The byte offset of that line.
    public var problemByteOffset: Int64
    /// Why it is torn, e.g. "the last line has no newline".
    public var reason: String
}

/// The first place where a journal stops being sound.
public struct JournalProblem: Sendable, Equatable {
    /// The 1-based line number.
    public var lineNumber: Int64
    /// The 0-based byte offset of the line (or of the problem within it when known).
    public var byteOffset: Int64
    /// The field, when the problem is in one.
    public var field: String?
    /// Expected against found.
    public var message: String
}
