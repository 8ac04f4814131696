/// A value handed to the process rather than freed when a command returns.
///
/// The process exits right after the command. Freeing a large state (hundreds of thousands of
/// strings and tables) would take a cold `state` a fifth of its time and give memory back to
/// nobody, so a command that built one hands it here; the kernel reclaims it at exit. Only the
/// CLI does this: the libraries free what they allocate.
final class KeptUntilExit<Value>: @unchecked Sendable {
    private let value: Value

    private init(_ value: Value) {
        self.value = value
    }

    /// Keeps `value` alive until the process exits.
    static func keep(_ value: Value) {
        _ = Unmanaged.passRetained(KeptUntilExit(value))
    }
}
