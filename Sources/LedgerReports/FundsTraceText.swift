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

    /// The trace as text, labels in `language`.
    public static func text(_ allocations: [LedgerState.AllocationEntry], state: LedgerState, authorities: [Int64: Authority],
                            language: Language) -> String {
        func school(_ id: String) -> String { state.schools[id].map { "\($0.name(onDay: nil)) (\(id))" } ?? id }
        func basis(_ seq: Int64) -> String {
            guard let authority = authorities[seq] else { return language.seq(seq) }
            return language.seq(seq) + language.choose(", ", "，") + EventText.authorityText(authority, language: language)
        }
        let forText = language.choose(" for ", " 用于 ")
        guard !allocations.isEmpty else { return language.choose("no allocations match", "没有匹配的拨款") + "\n" }
        var text = ""
        for allocation in allocations {
            let payload = allocation.payload
            text += language.choose("allocation ", "拨款 ") + "\(payload.allocationId)  \(payload.fiscalYear)  \(language.word(payload.purpose))  [\(basis(allocation.stamp.seq))]\n"
            text += "  \(payload.fromAuthorityId) → \(school(payload.toSchoolId))" + (payload.groupId.map { forText + (state.groups[$0]?.nameZh ?? $0) } ?? "")
                + ": \(Money.yuan(payload.amountFen))\n"
            for earmark in earmarks(state, allocationId: payload.allocationId) {
                let beneficiary = earmark.payload.beneficiarySchoolId.map { forText + school($0) } ?? ""
                text += "  ├ " + language.choose("earmark ", "专项 ") + "\(earmark.payload.earmarkId) \(language.word(earmark.payload.purpose))\(beneficiary): "
                    + "\(Money.yuan(earmark.payload.amountFen))" + language.choose(", left ", "，余额 ") + "\(Money.yuan(earmark.availableFen))  [\(basis(earmark.stamp.seq))]\n"
                for spent in expenditures(state, earmarkId: earmark.payload.earmarkId) {
                    text += "  │  └ " + line(spent, school: school, basis: basis, language: language)
                }
            }
            for spent in expenditures(state, allocationId: payload.allocationId) { text += "  ├ " + line(spent, school: school, basis: basis, language: language) }
            text += "  └ " + language.choose(
                "earmarked \(Money.yuan(allocation.earmarkedFen)), spent directly \(Money.yuan(allocation.spentFen)), free \(Money.yuan(allocation.availableFen))",
                "专项 \(Money.yuan(allocation.earmarkedFen))，直接支出 \(Money.yuan(allocation.spentFen))，可用 \(Money.yuan(allocation.availableFen))") + "\n"
        }
        return text
    }

    /// An allocation's earmarks in seq order (shared with `FundsTraceJSON`).
    static func earmarks(_ state: LedgerState, allocationId: String) -> [LedgerState.EarmarkEntry] {
        state.earmarks.values.filter { $0.payload.allocationId == allocationId }.sorted { $0.stamp.seq < $1.stamp.seq }
    }

    /// The expenditures paid directly from an allocation or from an earmark, in seq order (shared with `FundsTraceJSON`).
    static func expenditures(_ state: LedgerState, allocationId: String? = nil, earmarkId: String? = nil) -> [LedgerState.Recorded<ExpenditureRecorded>] {
        state.expenditurePositions(allocationId: allocationId, earmarkId: earmarkId).map(state.expenditure(at:))
            .sorted { $0.stamp.seq < $1.stamp.seq }
    }

    private static func line(_ spent: LedgerState.Recorded<ExpenditureRecorded>, school: (String) -> String, basis: (Int64) -> String,
                             language: Language) -> String {
        let payee = spent.payload.payeeSchoolId.map(school) ?? spent.payload.payeeZh ?? "-"
        return "\(spent.payload.expenditureId) \(language.word(spent.payload.category)): \(school(spent.payload.payerSchoolId)) → \(payee) "
            + "\(Money.yuan(spent.payload.amountFen))" + language.choose(" on \(spent.stamp.effective)", "，\(language.date(spent.stamp.effective))")
            + "  [\(basis(spent.stamp.seq))]\n"
    }
}
