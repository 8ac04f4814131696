import Synchronization

/// How far a long read of the journal has come, for a progress line on a terminal.
///
/// One process-wide observer rather than a parameter: every command reads through the same
/// scanner, and only the CLI (which knows whether stderr is a terminal) decides to show
/// anything. Unset, as in tests and libraries, it costs one lock per scan.
public enum JournalProgress {
    /// Called after each chunk a scan reads, with the bytes read so far and the file's size.
    public typealias Observer = @Sendable (_ readBytes: Int64, _ totalBytes: Int64) -> Void

    private static let installed = Mutex<Observer?>(nil)

    /// The observer scans report to, if any.
    public static var observer: Observer? { installed.withLock { $0 } }

    /// Installs `observer` (nil removes it); the CLI does this once, before running a command.
    public static func install(_ observer: Observer?) {
        installed.withLock { $0 = observer }
    }
}
