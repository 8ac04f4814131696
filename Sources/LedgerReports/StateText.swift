public import LedgerCore

/// Renders the state as of a date: every group with its members, then every school with its
/// memberships, in aligned columns (Chinese names count two columns a character).
public enum StateText {
    /// The roster of every group on the view's day, as text.
    public static func groups(_ views: [LedgerState.GroupView], state: LedgerState, asOf: PartialDate?, language: Language) -> String {
        let heading = language.choose("Groups as of \(language.asOf(asOf)) (\(views.count))", "集团（截至\(language.asOf(asOf))，共\(views.count)个）")
        var text = heading + "\n"
        for view in views {
            let group = view.group
            let synthetic = state.isSynthetic(groupId: group.groupId) ? language.syntheticMark : ""
            text += "\n\(group.nameZh)  \(group.groupId)  \(group.type.labelZh)\(language.choose(" " + group.type.rawValue, ""))  \(language.word(view.status))\(synthetic)\n"
            if view.status == .proposed, let proposal = group.proposal {
                let lead = proposal.proposedLeadSchoolId.flatMap { state.schools[$0]?.payload.nameZh } ?? "-"
                let planned = proposal.proposedMemberSchoolIds.count
                switch language {
                case .en:
                    let phase = proposal.phaseLabelZh.map { " phase \($0)" } ?? ""
                    let from = proposal.plannedFrom.map { " planned from \($0)" } ?? ""
                    text += "  (proposed\(phase)\(from); planned lead \(lead), \(planned) planned members)\n"
                case .zh:
                    let phase = proposal.phaseLabelZh.map { "，\($0)" } ?? ""
                    let from = proposal.plannedFrom.map { "，计划自\(language.date($0))" } ?? ""
                    text += "  （拟组建\(phase)\(from)；拟牵头校 \(lead)，拟成员校\(planned)所）\n"
                }
            }
            let width = (view.members.map { DisplayWidth.columns($0.schoolNameZh) }.max() ?? 0) + 2
            let roleWidth = (MemberRole.allCases.map { DisplayWidth.columns(language.word($0)) }.max() ?? 6) + 2
            for member in view.members {
                let joined = member.membership.joined
                text += "  " + DisplayWidth.padded(member.schoolNameZh, to: width)
                    + DisplayWidth.padded(member.membership.schoolId, to: 12) + DisplayWidth.padded(language.word(member.role), to: roleWidth)
                    + language.choose("since \(joined.effective) (seq \(joined.seq))", "自\(language.date(joined.effective))（序号\(joined.seq)）") + "\n"
            }
        }
        return text
    }

    /// Every school with its memberships on `day`, as text.
    public static func schools(_ state: LedgerState, day: Int?, asOf: PartialDate?, language: Language, only schoolId: String? = nil,
                               jurisdictionId: String? = nil) -> String {
        // Positions are sorted by id, then read: sorting the entries themselves copied every
        // one, and reading an entry in place copies none of its strings.
        let table = state.schools
        let positions = table.indices
            .filter { position in schoolId == nil || table.values[position].payload.schoolId == schoolId }
            .filter { position in jurisdictionId == nil || table.values[position].payload.jurisdictionId == jurisdictionId }
            .sorted { table.values[$0].payload.schoolId < table.values[$1].payload.schoolId }
        let schools = positions.map { table.values[$0] }
        var text = language.choose("Schools as of \(language.asOf(asOf)) (\(schools.count))", "学校（截至\(language.asOf(asOf))，共\(schools.count)所）") + "\n"
        let names = schools.map { $0.name(onDay: day) }
        let width = (names.map { DisplayWidth.columns($0) }.max() ?? 0) + 2
        text.reserveCapacity(schools.count * (width + 60))
        for (school, name) in zip(schools, names) {
            DisplayWidth.pad(name, to: width, into: &text)
            DisplayWidth.pad(school.payload.schoolId, to: 12, into: &text)
            var first = true
            // By position, without copying each membership out of the table.
            for position in (state.membershipPositionsBySchool[school.payload.schoolId] ?? []).map({ Int($0) }) {
                guard state.memberships.values[position].isMember(onDay: day) else { continue }
                let groupId = state.memberships.values[position].groupId
                let groupName = state.groups.index(forKey: groupId).map { state.groups.values[$0].nameZh } ?? groupId
                text += first ? "" : "; "
                text += "\(groupName) (\(language.word(state.memberships.values[position].role(onDay: day))))"
                first = false
            }
            text += first ? "-\n" : "\n"
        }
        return text
    }
}

/// The registers of people, money and decisions, as aligned text.
extension StateText {
    /// The secondment register: who went where, for how long, and how it ended.
    public static func secondments(_ state: LedgerState, day: Int?, asOf: PartialDate?, language: Language, facts: LedgerState.FactFilter = .all,
                                   names: (String) -> String?) -> String {
        let entries = state.secondmentRegister(onDay: day).filter { facts.admits(synthetic: $0.payload.provenance.synthetic) }
        var text = language.choose("Secondments as of \(language.asOf(asOf)) (\(entries.count))",
                                   "交流人员（截至\(language.asOf(asOf))，共\(entries.count)人次）") + "\n"
        for entry in entries {
            let payload = entry.payload
            let person = names(payload.staffId).map { "\(payload.staffId) \($0)" } ?? payload.staffId
            let destination = payload.toSchoolId.map { state.schools[$0]?.name(onDay: day) ?? $0 } ?? payload.toExternalHostZh ?? "-"
            let origin = state.schools[payload.fromSchoolId]?.name(onDay: day) ?? payload.fromSchoolId
            let status = state.isRunning(entry, onDay: day) ? language.choose("running", "在岗")
                : (entry.end.map { language.word($0.outcome) } ?? language.choose("ended", "已结束"))
            let period = language.choose("from \(entry.stamp.effective) planned to \(payload.plannedEnd)",
                                         "自\(language.date(entry.stamp.effective))，计划至\(language.date(payload.plannedEnd))")
            text += "  " + DisplayWidth.padded(payload.secondmentId, to: 14) + DisplayWidth.padded(person, to: 16)
                + DisplayWidth.padded(language.word(payload.kind), to: 20) + "\(origin) → \(destination)  \(period)  \(status)"
                + (payload.provenance.synthetic ? language.syntheticMark : "") + "\n"
        }
        return text
    }

    /// Allocations with their balances, then money per school and fiscal year.
    public static func funds(_ state: LedgerState, language: Language, facts: LedgerState.FactFilter = .all) -> String {
        let allocations = state.allocationBalances.filter { facts.admits(synthetic: $0.payload.provenance.synthetic) }
        var text = language.choose("Allocations (\(allocations.count))", "拨款（共\(allocations.count)笔）") + "\n"
        for entry in allocations {
            let payload = entry.payload
            let school = state.schools[payload.toSchoolId]?.name(onDay: nil) ?? payload.toSchoolId
            let group = payload.groupId.map { language.choose(" for ", " 用于") + (state.groups[$0]?.nameZh ?? $0) } ?? ""
            let balances = language.choose(
                "earmarked \(Money.yuan(entry.earmarkedFen)), spent directly \(Money.yuan(entry.spentFen)), free \(Money.yuan(entry.availableFen))",
                "专项 \(Money.yuan(entry.earmarkedFen))，直接支出 \(Money.yuan(entry.spentFen))，可用 \(Money.yuan(entry.availableFen))")
            text += "  " + DisplayWidth.padded(payload.allocationId, to: 14) + "\(payload.fiscalYear)  \(payload.fromAuthorityId) → \(school)\(group)  "
                + "\(Money.yuan(payload.amountFen))\(language.choose("; ", "；"))\(balances)  (\(language.seq(entry.stamp.seq)))"
                + (payload.provenance.synthetic ? language.syntheticMark : "") + "\n"
        }
        let rows = state.fundsBySchoolAndYear(facts: facts)
        text += "\n" + language.choose("By school and fiscal year (\(rows.count))", "按学校和财年（共\(rows.count)行）") + "\n"
        for row in rows {
            let school = state.schools[row.schoolId]?.name(onDay: nil) ?? row.schoolId
            text += "  " + DisplayWidth.padded(school, to: 22) + "\(row.fiscalYear)  "
                + language.choose("received \(Money.yuan(row.receivedFen))  spent \(Money.yuan(row.spentFen))",
                                  "收到 \(Money.yuan(row.receivedFen))  支出 \(Money.yuan(row.spentFen))") + "\n"
        }
        return text
    }

    /// Approval requests and their decisions.
    public static func approvals(_ state: LedgerState, language: Language, facts: LedgerState.FactFilter = .all) -> String {
        let entries = state.approvalLog.filter { facts.admits(synthetic: $0.request.provenance.synthetic) }
        var text = language.choose("Approvals (\(entries.count))", "审批（共\(entries.count)件）") + "\n"
        for entry in entries {
            let request = entry.request
            let decision = entry.decision.map { decided in
                let seq = language.seq(entry.decisionStamp?.seq ?? 0)
                return language.choose("\(decided.decision.rawValue) by \(decided.decidedBy) (\(seq))", "\(decided.decidedBy) \(language.word(decided.decision))（\(seq)）")
            } ?? language.choose("pending", "待决定")
            let asked = entry.requestStamp
            text += "  " + DisplayWidth.padded(request.approvalId, to: 18) + DisplayWidth.padded(language.word(request.action), to: 22)
                + language.choose("to \(request.addressedTo), asked \(asked.effective) (seq \(asked.seq)): \(decision)",
                                  "报 \(request.addressedTo)，\(language.date(asked.effective))提出（序号\(asked.seq)）：\(decision)") + "\n"
        }
        return text
    }
}
