import Glibc

/// Where a command's output goes: standard output for results, standard error for errors and
/// warnings. Commands write through this, never with `print`, so output can be captured.
struct Console {
    /// Writes to standard output.
    func out(_ text: String) {
        ProgressLine.current?.erase()
        write(text, to: STDOUT_FILENO)
    }

    /// Writes bytes (UTF-8 text) to standard output as they are, without a copy.
    func out(bytes: [UInt8]) {
        ProgressLine.current?.erase()
        bytes.withUnsafeBytes { write($0, to: STDOUT_FILENO) }
    }

    /// Writes to standard error.
    func error(_ text: String) {
        write(text, to: STDERR_FILENO)
    }

    private func write(_ text: String, to descriptor: Int32) {
        Array(text.utf8).withUnsafeBytes { write($0, to: descriptor) }
    }

    private func write(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) {
        var offset = 0
        while offset < bytes.count {
            let count = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return }  // a closed pipe: nothing more can be shown
            offset += count
        }
    }
}
