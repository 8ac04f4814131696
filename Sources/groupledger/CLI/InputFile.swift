import Glibc
import LedgerJournal

/// Reads a whole input file (or standard input for "-"), up to a limit.
enum InputFile {
    /// The most input one `append` reads: a batch's worth of generous input lines.
    static let maxBytes = 64 * 1_048_576

    /// The bytes of `path`, or of standard input when `path` is "-".
    /// - Throws: `JournalError` naming the file when it cannot be read or is over the limit.
    static func read(_ path: String) throws(JournalError) -> [UInt8] {
        let descriptor: Int32
        if path == "-" {
            descriptor = STDIN_FILENO
        } else {
            do { descriptor = try FileDescriptor.openForReading(path).rawValue } catch { throw JournalError(error) }
        }
        defer { if path != "-" { _ = close(descriptor) } }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1_048_576)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw JournalError(SystemCallError(call: "read", path: displayName(path), errorNumber: errno))
            }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<count])
            guard bytes.count <= maxBytes else {
                throw JournalError(.limitExceeded, path: displayName(path),
                                   message: "input is over \(maxBytes) bytes; a batch holds at most \(JournalLimits.maxBatchEvents) events")
            }
        }
    }

    /// How an input is named in messages.
    static func displayName(_ path: String) -> String { path == "-" ? "<stdin>" : path }
}
