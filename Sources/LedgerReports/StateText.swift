public import LedgerCore

/// Renders the state as of a date: every group with its members, then every school with its
/// memberships, in aligned columns (Chinese names count two columns a character).
public enum StateText {
    /// The roster of every group on `day`, as text.
    public static func groups(_ views: [LedgerState.GroupView], state: LedgerState, asOf: String) -> String {
        var text = "Groups as of \(asOf) (\(views.count))\n"
        for view in views {
            let group = view.group
            let synthetic = state.isSynthetic(groupId: group.groupId) ? "  [synthetic]" : ""
            text += "\n\(group.nameZh)  \(group.groupId)  \(group.type.labelZh) \(group.type.rawValue)  \(view.status.rawValue)\(synthetic)\n"
            if view.status == .proposed, let proposal = group.proposal {
                let phase = proposal.phaseLabelZh.map { " phase \($0)" } ?? ""
                let planned = proposal.plannedFrom.map { " planned from \($0)" } ?? ""
                text += "  (proposed\(phase)\(planned); planned lead \(proposal.proposedLeadSchoolId.flatMap { state.schools[$0]?.payload.nameZh } ?? "-"), \(proposal.proposedMemberSchoolIds.count) planned members)\n"
            }
            let width = (view.members.map { DisplayWidth.columns($0.schoolNameZh) }.max() ?? 0) + 2
            for member in view.members {
                text += "  " + DisplayWidth.padded(member.schoolNameZh, to: width)
                    + DisplayWidth.padded(member.membership.schoolId, to: 12) + DisplayWidth.padded(member.role.rawValue, to: 8)
                    + "since \(member.membership.joined.effective) (seq \(member.membership.joined.seq))\n"
            }
        }
        return text
    }

    /// Every school with its memberships on `day`, as text.
    public static func schools(_ state: LedgerState, day: Int?, asOf: String, only schoolId: String? = nil) -> String {
        let schools = state.schools.values
            .filter { schoolId == nil || $0.payload.schoolId == schoolId }
            .sorted { $0.payload.schoolId < $1.payload.schoolId }
        var text = "Schools as of \(asOf) (\(schools.count))\n"
        let width = (schools.map { DisplayWidth.columns($0.name(onDay: day)) }.max() ?? 0) + 2
        for school in schools {
            let memberships = state.membershipTimeline(ofSchool: school.payload.schoolId).filter { $0.isMember(onDay: day) }
            let groupsText = memberships.isEmpty ? "-" : memberships.map { membership in
                "\(state.groups[membership.groupId]?.nameZh ?? membership.groupId) (\(membership.role(onDay: day).rawValue))"
            }.joined(separator: "; ")
            text += DisplayWidth.padded(school.name(onDay: day), to: width) + DisplayWidth.padded(school.payload.schoolId, to: 12) + groupsText + "\n"
        }
        return text
    }
}

/// The registers of people, money and decisions, as aligned text.
extension StateText {
    /// The secondment register: who went where, for how long, and how it ended.
    public static func secondments(_ state: LedgerState, day: Int?, asOf: String, facts: LedgerState.FactFilter = .all,
                                   names: (String) -> String?) -> String {
        let entries = state.secondmentRegister(onDay: day).filter { facts.admits(synthetic: $0.payload.provenance.synthetic) }
        var text = "Secondments as of \(asOf) (\(entries.count))\n"
        for entry in entries {
            let payload = entry.payload
            let person = names(payload.staffId).map { "\(payload.staffId) \($0)" } ?? payload.staffId
            let destination = payload.toSchoolId.map { state.schools[$0]?.name(onDay: day) ?? $0 } ?? payload.toExternalHostZh ?? "-"
            let origin = state.schools[payload.fromSchoolId]?.name(onDay: day) ?? payload.fromSchoolId
            let status = state.isRunning(entry, onDay: day) ? "running" : (entry.ending?.outcome.rawValue ?? "ended")
            text += "  " + DisplayWidth.padded(payload.secondmentId, to: 14) + DisplayWidth.padded(person, to: 16)
                + DisplayWidth.padded(payload.kind.rawValue, to: 20) + "\(origin) → \(destination)  from \(entry.stamp.effective) planned to \(payload.plannedEnd)  \(status)"
                + (payload.provenance.synthetic ? "  [synthetic]" : "") + "\n"
        }
        return text
    }

    /// Allocations with their balances, then money per school and fiscal year.
    public static func funds(_ state: LedgerState, facts: LedgerState.FactFilter = .all) -> String {
        let allocations = state.allocationBalances.filter { facts.admits(synthetic: $0.payload.provenance.synthetic) }
        var text = "Allocations (\(allocations.count))\n"
        for entry in allocations {
            let payload = entry.payload
            let school = state.schools[payload.toSchoolId]?.name(onDay: nil) ?? payload.toSchoolId
            let group = payload.groupId.map { " for \(state.groups[$0]?.nameZh ?? $0)" } ?? ""
            text += "  " + DisplayWidth.padded(payload.allocationId, to: 14) + "\(payload.fiscalYear)  \(payload.fromAuthorityId) → \(school)\(group)  "
                + "\(Money.yuan(payload.amountFen)); earmarked \(Money.yuan(entry.earmarkedFen)), spent directly \(Money.yuan(entry.spentFen)), "
                + "free \(Money.yuan(entry.availableFen))  (seq \(entry.stamp.seq))" + (payload.provenance.synthetic ? "  [synthetic]" : "") + "\n"
        }
        let rows = state.fundsBySchoolAndYear(facts: facts)
        text += "\nBy school and fiscal year (\(rows.count))\n"
        for row in rows {
            let school = state.schools[row.schoolId]?.name(onDay: nil) ?? row.schoolId
            text += "  " + DisplayWidth.padded(school, to: 22) + "\(row.fiscalYear)  received \(Money.yuan(row.receivedFen))  spent \(Money.yuan(row.spentFen))\n"
        }
        return text
    }

    /// Approval requests and their decisions.
    public static func approvals(_ state: LedgerState, facts: LedgerState.FactFilter = .all) -> String {
        let entries = state.approvalLog.filter { facts.admits(synthetic: $0.request.provenance.synthetic) }
        var text = "Approvals (\(entries.count))\n"
        for entry in entries {
            let request = entry.request
            let decision = entry.decision.map { "\($0.decision.rawValue) by \($0.decidedBy) (seq \(entry.decisionStamp?.seq ?? 0))" } ?? "pending"
            text += "  " + DisplayWidth.padded(request.approvalId, to: 18) + DisplayWidth.padded(request.action.rawValue, to: 22)
                + "to \(request.addressedTo), asked \(entry.requestStamp.effective) (seq \(entry.requestStamp.seq)): \(decision)\n"
        }
        return text
    }
}
