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
