import Glibc
import Synchronization
public import LedgerCore

/// Where the journal gets the recorded time of an append. Injected, so tests and the shipped
/// journal are reproducible byte for byte.
public protocol LedgerClock: Sendable {
    /// The current instant.
    func now() -> UTCTimestamp
}

/// The system's real-time clock.
public struct SystemClock: LedgerClock {
    /// Creates the system clock.
    public init() {}

    /// The current instant, truncated to whole seconds.
    public func now() -> UTCTimestamp {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return UTCTimestamp(secondsSinceEpoch: Int64(time.tv_sec))
    }
}

/// A clock that always reads the same instant (set with `GROUPLEDGER_CLOCK`).
public struct FixedClock: LedgerClock {
    /// The instant it reads.
    public let instant: UTCTimestamp

    /// Creates a clock stopped at `instant`.
    public init(_ instant: UTCTimestamp) {
        self.instant = instant
    }

    /// Always `instant`.
    public func now() -> UTCTimestamp { instant }
}

/// A clock its owner sets, e.g. an import that records each batch at its listed time.
public final class SettableClock: LedgerClock {
    private let instant: Mutex<UTCTimestamp>

    /// Creates a clock reading `instant`.
    public init(_ instant: UTCTimestamp) {
        self.instant = Mutex(instant)
    }

    /// Sets what the clock reads from now on.
    public func set(_ newInstant: UTCTimestamp) {
        instant.withLock { $0 = newInstant }
    }

    /// The instant last set.
    public func now() -> UTCTimestamp { instant.withLock { $0 } }
}
