/// Periodic rule kinds judged from their recorded parameters (see DOMAIN.md §6.3).
extension PolicyEvaluator {
    /// Findings of a periodic rule whose parameters stay JSON, for one group and school year.
    /// Kinds not judged here return no finding.
    static func periodicKind(_ rule: PolicyRule, parameters: JSONObject, group: LedgerState.GroupEntry, members: [LedgerState.MemberView],
                             year: Int, days: Range<Int>, period: String, state: LedgerState) -> [Finding] {
        []
    }
}
