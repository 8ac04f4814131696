/// Standard output written in pieces of about 64 KiB as a command produces it, so a command
/// over a million-event journal prints as it goes and never holds its whole output.
struct StreamingOutput {
    private let console: Console
    private var pending = ""
    /// Whether anything has been written (or is pending).
    private(set) var isEmpty = true

    init(_ console: Console) {
        self.console = console
    }

    /// Adds text, writing out what is pending once it passes 64 KiB.
    mutating func write(_ text: String) {
        guard !text.isEmpty else { return }
        isEmpty = false
        pending += text
        if pending.utf8.count >= 1 << 16 { flush() }
    }

    /// Writes out what is pending.
    mutating func flush() {
        console.out(pending)
        pending = ""
    }
}
