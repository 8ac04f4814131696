import Glibc
public import LedgerCore

/// A journal opened for a series of domain-checked appends. The state is built once from the
/// journal and kept current in memory, so each batch is checked against it instead of by
/// replaying the journal: a long import or a generator costs O(N) in all, not per batch.
///
/// Every write carries `expectSeq` = the state's last seq, so a batch checked against a state
/// that another process has since moved past is never written: the session rebuilds its state
/// from the journal and checks again. When the caller gave no `expectSeq` it keeps trying for
/// as long as it would wait for the write lock (other writers are then just other writers,
/// and must not make a valid append fail), then fails like a lock that was never released.
public final class LedgerSession {
    /// The journal's path.
    public let path: String
    private let writer: JournalWriter
    private let clock: any LedgerClock
    private let lockWaitMilliseconds: Int
    /// The state as of the last event in the journal (rebuilt first if a failed append left it
    /// holding part of a batch).
    public var state: LedgerState {
        get throws {
            try restoreIfNeeded()
            return current
        }
    }
    private var current: LedgerState
    /// Set when a failed append may have left part of its batch in `current`; the next use
    /// rebuilds from the journal (which holds none of it). Lazy, so a one-shot session that is
    /// discarded after a refusal never pays for the replay.
    private var isStale = false

    /// Opens the journal at `path` (created on the first append) and builds its state.
    /// - Throws: `JournalError` when the journal cannot be read or its events do not fold.
    public init(path: String, clock: any LedgerClock, lockWaitMilliseconds: Int = 10_000) throws {
        self.path = path
        self.clock = clock
        self.lockWaitMilliseconds = lockWaitMilliseconds
        writer = JournalWriter(path: path, clock: clock, lockWaitMilliseconds: lockWaitMilliseconds)
        current = try JournalReading.state(path: path)
    }

    private func restoreIfNeeded() throws {
        guard isStale else { return }
        current = try JournalReading.state(path: path)
        isStale = false
    }

    /// Checks and appends `drafts` as one atomic batch; returns after fsync.
    /// - Throws: `JournalError` naming the event of the batch and the field it refuses; the
    ///   journal and the session's state are then unchanged.
    @discardableResult
    public func append(_ drafts: [EventDraft], expectSeq: Int64? = nil) throws -> AppendReceipt {
        var attempts = 0
        let started = Self.monotonicMilliseconds()
        while true {
            attempts += 1
            try restoreIfNeeded()
            if let expectSeq, expectSeq != current.lastSeq {
                // The caller's condition is about the journal, not this session's memory of it.
                current = try JournalReading.state(path: path)
                if expectSeq != current.lastSeq {
                    throw JournalError(.expectSeqMismatch, path: path,
                                       message: "expected the journal's last seq to be \(expectSeq), but it is \(current.lastSeq); nothing was appended")
                }
            }
            let lastSeq = current.lastSeq
            let receipt: AppendReceipt
            let containsCorrection: Bool
            do {
                containsCorrection = try LedgerAppender.check(drafts, applyingTo: &current, path: path, recorded: clock.now())
                receipt = try writer.append(drafts, expectSeq: lastSeq)
            } catch {
                // The state may hold part of the batch; the journal holds none of it (a refused or
                // failed append writes nothing), so the state is rebuilt from it before next use.
                isStale = true
                if let journalError = error as? JournalError, journalError.code == .expectSeqMismatch, expectSeq == nil {
                    // Another writer appended after our check: check again against the new state,
                    // after a short random pause so that competing sessions fall out of step.
                    let waited = Self.monotonicMilliseconds() - started
                    if attempts < 3 || waited < Int64(lockWaitMilliseconds) {
                        usleep(UInt32.random(in: 1_000...(2_000 * UInt32(min(attempts, 10)))))
                        continue
                    }
                    throw JournalError(.locked, path: path,
                                       message: "other processes kept appending while this batch was being checked (\(attempts) attempts in \(waited) ms); nothing was appended; try again, or raise --wait")
                }
                throw error
            }
            if containsCorrection {
                // A correction changes what earlier events mean: fold the journal again.
                isStale = true
            }
            return receipt
        }
    }

    private static func monotonicMilliseconds() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Int64(now.tv_sec) * 1_000 + Int64(now.tv_nsec) / 1_000_000
    }
}
