public import LedgerCore

/// Policy findings derived from the journal: on-append rules judged against the state each
/// event met when it was recorded, and periodic rules per school year.
extension JournalReading {
    /// The findings of the journal at `path`, with periodic rules for `schoolYears` (all years
    /// with data when nil).
    public static func findings(path: String, schoolYears: [Int]? = nil) throws -> (state: LedgerState, findings: [Finding]) {
        var findings: [Finding] = []
        let state: LedgerState
        state = try fold(path: path, knownAt: .latest) { before, record in
            findings += PolicyEvaluator.onAppend(record, state: before)
        }
        for year in schoolYears ?? yearsWithData(state) {
            findings += PolicyEvaluator.periodic(state, schoolYear: year)
        }
        return (state, findings)
    }

    /// School years in which headcounts, allocations or secondments fall.
    static func yearsWithData(_ state: LedgerState) -> [Int] {
        var years = Set(state.headcounts.values.flatMap(\.keys))
        years.formUnion(state.allocations.values.map(\.payload.fiscalYear))
        years.formUnion(state.secondmentRows.values.map { entry in
            let date = entry.stamp.effective
            return (date.month ?? 9) >= 9 ? date.year : date.year - 1
        })
        return years.sorted()
    }
}
