public import LedgerCore

/// Appends events after checking them against the domain: each draft's type, issuer role,
/// authority and payload (Journal/EVENTS.md), then its consistency with the state the
/// journal holds (unknown ids, joining twice, spending beyond a balance …).
///
/// The check and the write are tied by `expectSeq`: if another writer appended in between,
/// the write is refused and the check is redone against the new state (up to three times).
public enum LedgerAppender {
    /// Checks and appends `drafts` as one atomic batch; returns after fsync.
    /// - Parameter expectSeq: the caller's own optimistic-concurrency condition, if any.
    /// - Throws: `JournalError` naming the event of the batch and the field it refuses;
    ///   the journal is then unchanged.
    @discardableResult
    public static func append(_ drafts: [EventDraft], to path: String, clock: any LedgerClock, expectSeq: Int64? = nil,
                              lockWaitMilliseconds: Int = 10_000) throws -> AppendReceipt {
        try LedgerSession(path: path, clock: clock, lockWaitMilliseconds: lockWaitMilliseconds).append(drafts, expectSeq: expectSeq)
    }

    /// Refuses an event that a `block` rule of the profile in force judges not met, unless it
    /// cites a granted PolicyException approval for that rule.
    static func refuseBlocked(_ record: DomainEventRecord, state: LedgerState) throws(DomainError) {
        for finding in PolicyEvaluator.onAppend(record, state: state) where finding.severity == .block && finding.status == .notMet {
            guard !PolicyEvaluator.citesException(for: finding.ruleId, record, in: state) else { continue }
            throw DomainError(field: "data", "refused by \(finding.ruleId) (severity block): \(finding.message); the rule: 「\(finding.quoteZh)」; to record it anyway, cite a granted PolicyException approval for \(finding.ruleId)")
        }
    }

    /// Checks the batch in order, applying each event to `state` (each event sees the ones
    /// before it); returns whether the batch holds a correction. On a throw, `state` holds part
    /// of the batch: the caller must restore it (LedgerSession replays the journal).
    static func check(_ drafts: [EventDraft], applyingTo working: inout LedgerState, path: String, recorded: UTCTimestamp) throws -> Bool {
        var newRecords: [DomainEventRecord] = []
        for (index, draft) in drafts.enumerated() {
            do {
                let record = DomainEventRecord(seq: working.lastSeq + 1, recorded: recorded, effective: draft.effective, actor: draft.actor,
                                               authority: draft.authority, event: try EventCatalog.decode(draft))
                try checkDocumentCitation(draft.authority)
                try refuseBlocked(record, state: working)
                try working.apply(record)
                newRecords.append(record)
            } catch {
                throw JournalError(.invalidInput, path: path, field: error.field,
                                   message: "event \(index + 1) of the batch (\(draft.type)): \(error.message); nothing was appended")
            }
        }
        // A correction changes what earlier events mean: the whole history must still fold
        // with it in force before it may be recorded.
        let containsCorrection = newRecords.contains { if case .entryCorrected = $0.event { return true } else { return false } }
        if containsCorrection {
            do {
                _ = try Projector.build { visit in
                    try JournalReading.replayDomain(path: path, visit)
                    for record in newRecords { try visit(record) }
                }
            } catch let error as DomainError {
                throw JournalError(.invalidInput, path: path, field: error.field,
                                   message: "the correction would leave history that does not hold: \(error.message); nothing was appended")
            }
        }
        return containsCorrection
    }
}
