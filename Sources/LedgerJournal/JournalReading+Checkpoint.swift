import Glibc
public import LedgerCore

/// The roster state through a checkpoint when one is valid, a full replay otherwise.
extension JournalReading {
    /// Where a state came from, for `--format json` and for tests.
    public enum StateSource: String, Sendable {
        case checkpoint
        case replay
    }

    /// The roster tables (authorities, documents, schools, groups, memberships) of the state as
    /// of the journal's last whole batch. Uses a valid checkpoint under `.readWrite` and
    /// `.readOnly`; otherwise replays the journal, and under `.readWrite` writes a new
    /// checkpoint when the journal's folder is writable (never otherwise: a reading command on
    /// a read-only copy writes nothing).
    public static func rosterState(path: String, policy: StateCheckpoint.Policy) throws -> (state: LedgerState, source: StateSource) {
        try rosterState(path: path, policy: policy, batchEndSpacing: StateCheckpoint.batchEndSpacing)
    }

    /// `rosterState(path:policy:)`, sampling a written checkpoint's batch ends about every
    /// `batchEndSpacing` lines (tests sample small journals densely).
    static func rosterState(path: String, policy: StateCheckpoint.Policy,
                            batchEndSpacing spacing: Int64) throws -> (state: LedgerState, source: StateSource) {
        if policy != .ignore, case .success(let state) = StateCheckpoint.load(journalPath: path) { return (state, .checkpoint) }
        // The roster needs no history: a live state (every check made, no history entries kept).
        if policy == .readWrite, FileDescriptor.isWritableDirectory(FileDescriptor.parentDirectory(of: path)) {
            // One pass for the state and the checkpoint's frontier: the lines are hashed (and
            // their chain checked) by the decoding threads as they are decoded, instead of read
            // and hashed again afterwards (1M events: 1.3 s, where the second pass made it 1.66).
            var frontier = MerkleFrontier()
            // A batch end about every `batchEndSpacing` lines, for `log --from`.
            var batchEnds: [StateCheckpoint.LinePosition] = []
            if let (state, scan) = try? fold(path: path, knownAt: .latest, observe: nil,
                                             onLeafHash: { frontier.append(leafHash: $0) },
                                             onBatchEnd: { end in if end.seq >= (batchEnds.last?.seq ?? 0) + spacing { batchEnds.append(end) } },
                                             retention: .live),
               let scan {
                // A checkpoint is a cache: failing to write one (a full disk) costs the next
                // reader a replay, never an answer.
                try? StateCheckpoint.write(state, scan: scan, frontier: frontier, batchEnds: batchEnds, journalPath: path)
                return (state, .replay)
            }
            // The chain does not check, or the fold fails: the answer (or the error) is a bare
            // replay's, exactly as with `--no-checkpoint`, and no checkpoint is written.
        }
        return (try self.state(path: path, retention: .live), .replay)
    }
}
