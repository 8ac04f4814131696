import LedgerCore
import LedgerJournal
import LedgerReports

/// Walks the journal as auditors read it: every event with its change and findings.
enum AuditWalk {
    /// Calls `visit` in seq order with each event up to seq `lastSeq` that `include` accepts,
    /// and returns the state after the last event, or nil when the walk stopped after `lastSeq`.
    ///
    /// Every event is folded (the state before an event is what its change and findings are
    /// read against), but only included events get their change described and their findings
    /// judged: describing all of a million events cost `history` two thirds of a second for
    /// the few it shows. No event after `lastSeq` can change the state before an earlier one,
    /// so the walk stops there (`replay --to 20` read the whole journal).
    @discardableResult
    static func walk(path: String, through lastSeq: Int64 = JournalLimits.maxSeq,
                     including include: (DomainEventRecord) -> Bool = { _ in true },
                     _ visit: (ReplayEntry) throws -> Void) throws -> LedgerState? {
        let survey = try JournalSurvey.survey(path: path)
        do {
            return try Projector.walk(corrections: survey.corrections, eventCountsByTypeIndex: survey.eventCountsByTypeIndex,
                                      replay: { next in try JournalReading.replayDomain(path: path, next) }) { before, record, correctedBy in
                guard record.seq <= lastSeq else { throw WalkFinished() }
                guard include(record) else { return }
                let findings = correctedBy == nil ? PolicyEvaluator.onAppend(record, state: before) : []
                try visit(ReplayEntry(record: record, change: ChangeText.describe(record, before: before), findings: findings, correctedBy: correctedBy))
            }
        } catch is WalkFinished {
            return nil
        } catch let error as DomainError {
            throw JournalError(.invalidInput, path: path, field: error.field, message: error.message)
        }
    }

    /// Thrown past the scan to stop it once the walk is past its last seq.
    private struct WalkFinished: Error {}
}
