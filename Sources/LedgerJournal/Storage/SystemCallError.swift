import Glibc

/// A failed system call: which call, on which path, and the errno it returned.
public struct SystemCallError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The call that failed, e.g. `fsync`.
    public let call: String
    /// The path the call was about.
    public let path: String
    /// The errno value.
    public let errorNumber: Int32

    /// Creates an error from an errno value.
    public init(call: String, path: String, errorNumber: Int32) {
        self.call = call
        self.path = path
        self.errorNumber = errorNumber
    }

    /// The C library's text for the errno, e.g. "No space left on device".
    public var reason: String { String(cString: strerror(errorNumber)) }

    /// `fsync of 'Journal/ledger.jsonl' failed: No space left on device (errno 28)`.
    public var description: String { "\(call) of '\(path)' failed: \(reason) (errno \(errorNumber))" }
}
