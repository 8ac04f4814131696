public import LedgerCore

/// Reading the journal as domain events and folding them into state.
extension JournalReading {
    /// Calls `visit` with each event of the journal's sound part, decoded to its typed payload.
    /// - Throws: `JournalError` naming the line and field of an event the domain refuses, or of
    ///   a damaged line.
    public static func replayDomain(path: String, _ visit: (DomainEventRecord) throws -> Void) throws {
        _ = try replayDomain(path: path, onLeafHash: nil, visit)
    }

    /// Replays like `replayDomain(path:_:)`; with `onLeafHash`, the chain is checked as well
    /// (as `verify` checks it) and `onLeafHash` gets each line's leaf hash, in seq order, just
    /// before its record is visited. Returns what the scan found.
    static func replayDomain(path: String, onLeafHash: ((SHA256Digest) -> Void)?,
                             _ visit: (DomainEventRecord) throws -> Void) throws -> JournalScanResult {
        // Typed payloads are decoded (and lines hashed) on the scan's worker threads.
        let result = try withScanner(path: path, checkChain: onLeafHash != nil) { scanner in
            try scanner.runTakingDomainRecords { lines in
                for index in lines.indices {
                    if let onLeafHash, let leafHash = lines[index].leafHash { onLeafHash(leafHash) }
                    try visit(try takeRecord(&lines[index], path: path))
                }
                return true
            }
        }
        if case .corrupt = result.tail, let error = error(for: result.tail, path: path) { throw error }
        return result
    }

    /// Replays the journal's domain records into `folding`, warming the cache for the records
    /// ahead of the one being folded (see `LookupHints`): in blocks of `warmingBlock` lines,
    /// the buckets of the block two ahead and the entries of the block one ahead, so each
    /// block's loads wait for memory together. `onBatchEnd`, when given, gets the position of
    /// each batch's last line once the batch is folded.
    static func replayDomain(path: String, onLeafHash: ((SHA256Digest) -> Void)?,
                             onBatchEnd: ((StateCheckpoint.LinePosition) -> Void)? = nil,
                             into folding: inout Projector.Folding) throws -> JournalScanResult {
        let block = warmingBlock
        // The hints of the blocks ahead, gathered for `warm` (plain values; reused).
        var far: [LookupHints] = []
        var near: [LookupHints] = []
        let result = try withScanner(path: path, checkChain: onLeafHash != nil) { scanner in
            try scanner.runTakingDomainRecords { lines in
                let count = lines.count
                for index in 0..<count where index % block == 0 {
                    // The first block warms the first three blocks' buckets and the first two
                    // blocks' entries: nobody ahead of them in the batch warmed them.
                    if index + block < count || index == 0 {
                        far.removeAll(keepingCapacity: true)
                        near.removeAll(keepingCapacity: true)
                        for ahead in min(count, index == 0 ? 0 : index + 2 * block)..<min(count, index + 3 * block) { far.append(lines[ahead].hints) }
                        for ahead in min(count, index == 0 ? 0 : index + block)..<min(count, index + 2 * block) { near.append(lines[ahead].hints) }
                        folding.warm(buckets: far, entries: near)
                    }
                    for index in index..<min(count, index + block) {
                        if let onLeafHash, let leafHash = lines[index].leafHash { onLeafHash(leafHash) }
                        try folding.fold(try takeRecord(&lines[index], path: path))
                    }
                }
                if let onBatchEnd, let last = lines.last { onBatchEnd(StateCheckpoint.LinePosition(seq: last.seq, byteOffset: last.byteOffset)) }
                return true
            }
        }
        if case .corrupt = result.tail, let error = error(for: result.tail, path: path) { throw error }
        return result
    }

    /// Lines per warming block: about 24 ids, as many cache misses as a core keeps in flight.
    static let warmingBlock = 8

    /// Moves the domain record out of `line`, or throws the journal error naming its line and
    /// field.
    static func takeRecord(_ line: inout DomainLine, path: String) throws(JournalError) -> DomainEventRecord {
        // Moved out, not copied (a copy retains every string in the record, and dropping the
        // original releases them again).
        switch line.record.take() {
        case .success(let record)?:
            return consume record
        case .failure(let error)?:
            throw JournalError(.invalidInput, path: path, lineNumber: line.seq, byteOffset: line.byteOffset,
                               field: error.field, message: error.message)
        case nil:
            preconditionFailure("a scan handed out line \(line.seq) twice")
        }
    }

    /// One entry's event as a domain record, or the journal error naming its line and field.
    static func domainRecord(_ entry: JournalEntry, path: String) throws(JournalError) -> DomainEventRecord {
        do {
            return try DomainEventRecord(entry.event)
        } catch {
            throw JournalError(.invalidInput, path: path, lineNumber: entry.seq, byteOffset: entry.byteOffset,
                               field: error.field, message: error.message)
        }
    }

    /// The state of the journal at `path` as known at `knownAt`, keeping history as
    /// `retention` says (a `.live` state makes every check and holds no history entries).
    /// - Throws: `JournalError` for a refused or damaged line.
    public static func state(path: String, knownAt: KnownAt = .latest, retention: LedgerState.Retention = .full) throws -> LedgerState {
        try fold(path: path, knownAt: knownAt, observe: nil, onLeafHash: nil, retention: retention).state
    }

    /// The journal's corrections, in seq order, found without decoding the journal (see
    /// `JournalSurvey`).
    public static func corrections(path: String) throws -> [DomainEventRecord] {
        try JournalSurvey.survey(path: path).corrections
    }

    /// Folds the journal once: corrections and event counts are found by a scan of the lines'
    /// endings, then every event is decoded and folded in a single pass.
    static func fold(path: String, knownAt: KnownAt, observe: ((LedgerState, DomainEventRecord) -> Void)?) throws -> LedgerState {
        try fold(path: path, knownAt: knownAt, observe: observe, onLeafHash: nil).state
    }

    /// Folds like `fold(path:knownAt:observe:)`; with `onLeafHash`, checks the chain in the same
    /// pass (see `replayDomain(path:onLeafHash:_:)`); `onBatchEnd` gets where each batch ends.
    static func fold(path: String, knownAt: KnownAt, observe: ((LedgerState, DomainEventRecord) -> Void)?,
                     onLeafHash: ((SHA256Digest) -> Void)?, onBatchEnd: ((StateCheckpoint.LinePosition) -> Void)? = nil,
                     retention: LedgerState.Retention = .full) throws -> (state: LedgerState, scan: JournalScanResult?) {
        let survey = try JournalSurvey.survey(path: path)
        var scan: JournalScanResult?
        do {
            let state = try Projector.build(corrections: survey.corrections, knownAt: knownAt,
                                            eventCountsByTypeIndex: survey.eventCounts(before: knownAt), retention: retention,
                                            observe: observe,
                                            folding: { folding in
                scan = try replayDomain(path: path, onLeafHash: onLeafHash, onBatchEnd: onBatchEnd, into: &folding)
            })
            return (state, scan)
        } catch let error as DomainError {
            throw JournalError(.invalidInput, path: path, field: error.field, message: error.message)
        }
    }

    /// Folds like `fold(path:knownAt:observe:)` up to the latest event and verifies the journal
    /// in the same pass, as `JournalVerifier.verify` would: one read of the journal instead of
    /// two. A torn tail is left out, as by every reader.
    ///
    /// Errors keep `verify`'s precedence: when the fold fails (say, a line refused by the
    /// domain) and the journal is also damaged further on, the damage is what is thrown, as a
    /// verification before the fold would have found it first.
    static func foldVerifying(path: String, observe: ((LedgerState, DomainEventRecord) -> Void)?) throws -> (state: LedgerState, verification: JournalVerification) {
        var frontier = MerkleFrontier()
        do {
            let (state, scan) = try fold(path: path, knownAt: .latest, observe: observe, onLeafHash: { frontier.append(leafHash: $0) })
            let eventCount = scan?.soundEventCount ?? 0
            return (state, JournalVerification(eventCount: eventCount, digest: JournalDigest(size: eventCount, root: frontier.root()),
                                               tail: scan?.tail ?? .clean, digestProblem: nil))
        } catch {
            if (error as? JournalError)?.code != .corrupt, let damage = self.error(for: try JournalVerifier.verify(path: path).tail, path: path),
               damage.code == .corrupt {
                throw damage
            }
            throw error
        }
    }
}
