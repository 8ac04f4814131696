public import LedgerCore

/// The state as JSON for jq: ids with names, stable member names (documented in the README).
public enum StateJSON {
    /// `{"asOf", "groups": [{groupId, nameZh, type, status, jurisdictionId, synthetic, members: [{schoolId, nameZh, role, since, seq}]}],
    /// "schools": [{schoolId, nameZh, memberships: [{groupId, groupNameZh, role, since, until?}]}]}`.
    public static func value(views: [LedgerState.GroupView], state: LedgerState, day: Int?, onlySchool: String?, jurisdictionId: String? = nil) -> JSONValue {
        let groups: [JSONValue] = views.map { view in
            var members: [(String, JSONValue)] = [
                ("groupId", .string(view.group.groupId)), ("nameZh", .string(view.group.nameZh)),
                ("type", .string(view.group.type.rawValue)), ("status", .string(view.status.rawValue)),
                ("jurisdictionId", .string(view.group.jurisdictionId)), ("synthetic", .bool(state.isSynthetic(groupId: view.group.groupId))),
                ("members", .array(view.members.map { member in
                    .object(JSONObject(uniqueKeysWithValues: [
                        ("schoolId", .string(member.membership.schoolId)), ("nameZh", .string(member.schoolNameZh)),
                        ("role", .string(member.role.rawValue)), ("since", .string(member.membership.joined.effective.description)),
                        ("seq", .integer(member.membership.joined.seq)),
                    ]))
                })),
            ]
            if let proposal = view.group.proposal, view.status == .proposed {
                members.append(("plannedMemberSchoolIds", .array(proposal.proposedMemberSchoolIds.map { .string($0) })))
                if let lead = proposal.proposedLeadSchoolId { members.append(("plannedLeadSchoolId", .string(lead))) }
                if let phase = proposal.phaseLabelZh { members.append(("phaseLabelZh", .string(phase))) }
            }
            return .object(JSONObject(uniqueKeysWithValues: members))
        }
        let schools: [JSONValue] = state.schools.values
            .filter { onlySchool == nil || $0.payload.schoolId == onlySchool }
            .filter { jurisdictionId == nil || $0.payload.jurisdictionId == jurisdictionId }
            .sorted { $0.payload.schoolId < $1.payload.schoolId }
            .map { school in
                let memberships = state.membershipTimeline(ofSchool: school.payload.schoolId)
                    .filter { day == nil || $0.joined.effective.firstDayNumber <= day! }
                    .map { membership -> JSONValue in
                        var members: [(String, JSONValue)] = [
                            ("groupId", .string(membership.groupId)),
                            ("groupNameZh", .string(state.groups[membership.groupId]?.nameZh ?? membership.groupId)),
                            ("role", .string(membership.role(onDay: day).rawValue)),
                            ("since", .string(membership.joined.effective.description)),
                            ("current", .bool(membership.isMember(onDay: day))),
                        ]
                        if let exit = membership.exit { members.append(("until", .string(exit.stamp.effective.description))) }
                        return .object(JSONObject(uniqueKeysWithValues: members))
                    }
                return .object(JSONObject(uniqueKeysWithValues: [
                    ("schoolId", .string(school.payload.schoolId)), ("nameZh", .string(school.name(onDay: day))),
                    ("jurisdictionId", .string(school.payload.jurisdictionId)), ("memberships", .array(memberships)),
                ]))
            }
        return .object(JSONObject(uniqueKeysWithValues: [("groups", .array(groups)), ("schools", .array(schools))]))
    }
}
