public import LedgerCore

/// Follows money from an allocation through its earmarks to the expenditures and the schools
/// or campuses it reached, with balances and the authority and seq of every step.
public enum FundsTraceText {
    /// The allocations to trace: one by id, or a group's in a fiscal year.
    public static func allocations(_ state: LedgerState, allocationId: String?, groupId: String?, year: Int?) -> [LedgerState.AllocationEntry] {
        state.allocationBalances.filter { entry in
            if let allocationId { return entry.payload.allocationId == allocationId }
            return entry.payload.groupId == groupId && (year == nil || entry.payload.fiscalYear == year)
        }
    }

    /// The trace as text.
    public static func text(_ allocations: [LedgerState.AllocationEntry], state: LedgerState, authorities: [Int64: Authority]) -> String {
        func school(_ id: String) -> String { state.schools[id].map { "\($0.name(onDay: nil)) (\(id))" } ?? id }
        func basis(_ seq: Int64) -> String {
            guard let authority = authorities[seq] else { return "seq \(seq)" }
            return "seq \(seq), \(EventText.authorityText(authority))"
        }
        guard !allocations.isEmpty else { return "no allocations match\n" }
        var text = ""
        for allocation in allocations {
            let payload = allocation.payload
            text += "allocation \(payload.allocationId)  \(payload.fiscalYear)  \(payload.purpose.rawValue)  [\(basis(allocation.stamp.seq))]\n"
            text += "  \(payload.fromAuthorityId) → \(school(payload.toSchoolId))" + (payload.groupId.map { " for \(state.groups[$0]?.nameZh ?? $0)" } ?? "")
                + ": \(Money.yuan(payload.amountFen))\n"
            for earmark in earmarks(state, allocationId: payload.allocationId) {
                let beneficiary = earmark.payload.beneficiarySchoolId.map { " for \(school($0))" } ?? ""
                text += "  ├ earmark \(earmark.payload.earmarkId) \(earmark.payload.purpose.rawValue)\(beneficiary): \(Money.yuan(earmark.payload.amountFen)), "
                    + "left \(Money.yuan(earmark.availableFen))  [\(basis(earmark.stamp.seq))]\n"
                for spent in expenditures(state, earmarkId: earmark.payload.earmarkId) { text += "  │  └ " + line(spent, school: school, basis: basis) }
            }
            for spent in expenditures(state, allocationId: payload.allocationId) { text += "  ├ " + line(spent, school: school, basis: basis) }
            text += "  └ earmarked \(Money.yuan(allocation.earmarkedFen)), spent directly \(Money.yuan(allocation.spentFen)), free \(Money.yuan(allocation.availableFen))\n"
        }
        return text
    }

    /// An allocation's earmarks in seq order (shared with `FundsTraceJSON`).
    static func earmarks(_ state: LedgerState, allocationId: String) -> [LedgerState.EarmarkEntry] {
        state.earmarks.values.filter { $0.payload.allocationId == allocationId }.sorted { $0.stamp.seq < $1.stamp.seq }
    }

    /// The expenditures paid directly from an allocation or from an earmark, in seq order (shared with `FundsTraceJSON`).
    static func expenditures(_ state: LedgerState, allocationId: String? = nil, earmarkId: String? = nil) -> [LedgerState.Recorded<ExpenditureRecorded>] {
        state.expenditures.values
            .filter { (allocationId != nil && $0.payload.allocationId == allocationId) || (earmarkId != nil && $0.payload.earmarkId == earmarkId) }
            .sorted { $0.stamp.seq < $1.stamp.seq }
    }

    private static func line(_ spent: LedgerState.Recorded<ExpenditureRecorded>, school: (String) -> String, basis: (Int64) -> String) -> String {
        let payee = spent.payload.payeeSchoolId.map(school) ?? spent.payload.payeeZh ?? "-"
        return "\(spent.payload.expenditureId) \(spent.payload.category.rawValue): \(school(spent.payload.payerSchoolId)) → \(payee) "
            + "\(Money.yuan(spent.payload.amountFen)) on \(spent.stamp.effective)  [\(basis(spent.stamp.seq))]\n"
    }
}
