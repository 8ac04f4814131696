public import LedgerCore

/// What an annual report needs from the journal, in one pass: the folded state, the on-append
/// findings of the events effective in the period (each judged against the state it met), and
/// the authority of every event.
extension JournalReading {
    /// The inputs of a report for the days `startDay..<endDay`, with periodic findings for the
    /// school year starting in `schoolYear`.
    ///
    /// The journal is verified in the same pass (`verification`: its digest and tail, as
    /// `JournalVerifier.verify` gives them), so a report reads it once.
    public static func annualInputs(path: String, startDay: Int, endDay: Int, schoolYear: Int) throws
        -> (state: LedgerState, onAppendFindings: [(seq: Int64, finding: Finding)], periodicFindings: [Finding], authorities: [Int64: Authority],
            adjustments: [AnnualAdjustment], verification: JournalVerification) {
        var findings: [(seq: Int64, finding: Finding)] = []
        var authorities: [Int64: Authority] = [:]
        var adjustments: [AnnualAdjustment] = []
        let (state, verification) = try foldVerifying(path: path) { before, record in
            if let authority = record.authority { authorities[record.seq] = authority }
            guard (startDay..<endDay).contains(record.effective.firstDayNumber) else { return }
            for finding in PolicyEvaluator.onAppend(record, state: before) { findings.append((record.seq, finding)) }
            // Accepted although effective in a sealed year: an explicit adjustment.
            if let seal = before.seal(breakingFor: record) {
                adjustments.append(AnnualAdjustment(seq: record.seq, type: record.event.typeName, sealSeq: seal.stamp.seq,
                                                    jurisdictionId: seal.payload.jurisdictionId,
                                                    reasonZh: record.event.payload.provenance.adjustmentZh ?? ""))
            }
        }
        return (state, findings, PolicyEvaluator.periodic(state, schoolYear: schoolYear), authorities, adjustments, verification)
    }
}
