/// An error from the journal layer, carrying where it happened (file, line, byte offset, field)
/// and what was expected against what was found. Only the CLI turns these into text on stderr
/// and exit codes.
public struct JournalError: Error, Sendable, CustomStringConvertible {
    /// The kind of failure, which decides the CLI's exit code.
    public enum Code: Sendable, Equatable {
        /// An input event (append input) is malformed or breaks an envelope rule.
        case invalidInput
        /// A batch or line is over a limit of the format.
        case limitExceeded
        /// `--expect-seq` did not match the journal's last seq.
        case expectSeqMismatch
        /// The journal ends in a torn (partially written) batch; `recover` is needed.
        case tornTail
        /// A line of the journal is not sound (parse, canonical form, seq, batch or prev chain).
        case corrupt
        /// The journal does not extend a published digest.
        case digestMismatch
        /// Another process holds the write lock.
        case locked
        /// A system call failed (see `cause`).
        case systemCall
        /// An earlier fsync failed; this writer accepts no more appends.
        case writerPoisoned
        /// A request outside what the journal holds (a seq or size beyond its end).
        case outOfRange
    }

    /// The kind of failure.
    public var code: Code
    /// The file the problem is in (the journal or an input file), as the user named it.
    public var path: String?
    /// The 1-based line number, when the problem is in a line.
    public var lineNumber: Int64?
    /// The 0-based byte offset in the file.
    public var byteOffset: Int64?
    /// The field, e.g. `prev` or `data.amountFen`.
    public var field: String?
    /// What is wrong: expected against found, and the remedy where there is one.
    public var message: String
    /// The underlying system call failure, if any.
    public var cause: SystemCallError?

    /// Creates an error.
    public init(_ code: Code, path: String? = nil, lineNumber: Int64? = nil, byteOffset: Int64? = nil,
                field: String? = nil, message: String, cause: SystemCallError? = nil) {
        self.code = code
        self.path = path
        self.lineNumber = lineNumber
        self.byteOffset = byteOffset
        self.field = field
        self.message = message
        self.cause = cause
    }

    /// Wraps a failed system call.
    public init(_ cause: SystemCallError) {
        self.init(.systemCall, path: cause.path, message: cause.description, cause: cause)
    }

    /// `Journal/ledger.jsonl line 42 (byte 8193): prev: hash mismatch: …`.
    public var description: String {
        var location = path ?? ""
        if let lineNumber { location += location.isEmpty ? "line \(lineNumber)" : " line \(lineNumber)" }
        if let byteOffset { location += location.isEmpty ? "byte \(byteOffset)" : " (byte \(byteOffset))" }
        var text = location.isEmpty ? "" : location + ": "
        if let field { text += field + ": " }
        return text + message
    }
}
