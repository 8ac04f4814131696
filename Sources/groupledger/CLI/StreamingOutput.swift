/// Standard output written in pieces of about 64 KiB as a command produces it, so a command
/// over a million-event journal prints as it goes and never holds its whole output.
struct StreamingOutput {
    private let console: Console
    private var pending = ""
    /// Whether anything has been written (or is pending).
    private(set) var isEmpty = true

    /// Whether everything is held until `flush()` (output that may yet be discarded).
    private let holds: Bool

    /// Creates an output that writes out as it goes, or, with `holding`, only when flushed.
    init(_ console: Console, holding: Bool = false) {
        self.console = console
        holds = holding
    }

    /// Adds text, writing out what is pending once it passes 64 KiB (unless held).
    mutating func write(_ text: String) {
        guard !text.isEmpty else { return }
        isEmpty = false
        pending += text
        if !holds, pending.utf8.count >= 1 << 16 { flush() }
    }

    /// Writes out what is pending.
    mutating func flush() {
        console.out(pending)
        pending = ""
    }
}
