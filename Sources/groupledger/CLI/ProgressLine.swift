import Glibc
import LedgerJournal
import Synchronization

/// A one-line progress report on standard error, redrawn in place, shown only when standard
/// error is a terminal (never in pipes, files or tests). It uses no colour, so `NO_COLOR` holds
/// trivially; `GROUPLEDGER_NO_PROGRESS=1` turns it off on a terminal too.
final class ProgressLine: Sendable {
    private struct Shown {
        var lastDrawnNanoseconds: UInt64 = 0
        var visible = false
    }

    private let label: String
    private let shown = Mutex(Shown())
    /// Redraw at most five times a second; a first draw only after half a second, so quick
    /// commands never flash a line.
    private static let redrawNanoseconds: UInt64 = 200_000_000
    private static let delayNanoseconds: UInt64 = 500_000_000
    private let startNanoseconds = ProgressLine.now()

    /// A progress line for reading `label`, or nil when standard error is not a terminal.
    static func forTerminal(label: String, environment: [String: String]) -> ProgressLine? {
        guard isatty(STDERR_FILENO) == 1, environment["GROUPLEDGER_NO_PROGRESS"] == nil else { return nil }
        return ProgressLine(label: label)
    }

    private init(label: String) {
        self.label = label
    }

    /// Reports bytes read of a file of `totalBytes` (a command may read the journal more than once).
    func report(readBytes: Int64, totalBytes: Int64) {
        let now = Self.now()
        guard now - startNanoseconds >= Self.delayNanoseconds, totalBytes > 0 else { return }
        let draw = shown.withLock { shown -> Bool in
            guard now - shown.lastDrawnNanoseconds >= Self.redrawNanoseconds else { return false }
            shown.lastDrawnNanoseconds = now
            shown.visible = true
            return true
        }
        guard draw else { return }
        let percent = min(100, readBytes * 100 / totalBytes)
        let megabytes = { (bytes: Int64) in String(bytes / 1_048_576) }
        write("\r\(label): \(percent)% (\(megabytes(readBytes)) of \(megabytes(totalBytes)) MiB)   ")
    }

    private static let installed = Mutex<ProgressLine?>(nil)

    /// The line of the running command, so output to the same terminal erases it first.
    static var current: ProgressLine? { installed.withLock { $0 } }

    /// Makes this the line scans report to and output erases, until `uninstall()`.
    func install() {
        Self.installed.withLock { $0 = self }
        JournalProgress.install { [self] readBytes, totalBytes in report(readBytes: readBytes, totalBytes: totalBytes) }
    }

    /// Stops reporting and erases the line.
    func uninstall() {
        JournalProgress.install(nil)
        Self.installed.withLock { $0 = nil }
        erase()
    }

    /// Erases the line, if one is drawn, so results and errors start on a clean line; it is
    /// drawn again on the next report.
    func erase() {
        let wasVisible = shown.withLock { shown -> Bool in
            defer { shown.visible = false }
            return shown.visible
        }
        if wasVisible { write("\r\u{1B}[K") }
    }

    private func write(_ text: String) {
        Console().error(text)
    }

    private static func now() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }
}
