public import LedgerCore

/// The state as JSON for jq: ids with names, stable member names (documented in the README).
public enum StateJSON {
    /// `{"asOf", "groups": [{groupId, nameZh, type, status, jurisdictionId, synthetic, members: [{schoolId, nameZh, role, since, seq}]}],
    /// "schools": [{schoolId, nameZh, memberships: [{groupId, groupNameZh, role, since, until?}]}]}`.
    public static func value(views: [LedgerState.GroupView], state: LedgerState, day: Int?, onlySchool: String?, jurisdictionId: String? = nil) -> JSONValue {
        let groups = views.map { groupValue($0, state: state) }
        let schools = shownSchools(state, onlySchool: onlySchool, jurisdictionId: jurisdictionId).map { schoolValue($0, state: state, day: day) }
        return .object(JSONObject(uniqueKeysWithValues: [("groups", .array(groups)), ("schools", .array(schools))]))
    }

    /// Encodes what `value` gives, canonically, a group or school at a time, handing the bytes
    /// to `flush` in pieces of about `pieceBytes` (and the rest at the end), with a newline.
    ///
    /// Why: for a province (10k schools) the value, its encoding and the copies on the way to
    /// standard output held about 90 MB at once; this holds one group or school and a piece.
    public static func encode(views: [LedgerState.GroupView], state: LedgerState, day: Int?, onlySchool: String?, jurisdictionId: String? = nil,
                              pieceBytes: Int = 1 << 16, flush: ([UInt8]) -> Void) {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(pieceBytes + 4096)
        func append(_ value: JSONValue, first: Bool) {
            if !first { buffer.append(UInt8(ascii: ",")) }
            CanonicalJSON.encode(value, into: &buffer)
            if buffer.count >= pieceBytes {
                flush(buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        // The object's two members in canonical (sorted) order: "groups" < "schools".
        buffer.append(contentsOf: Array(#"{"groups":["#.utf8))
        for (index, view) in views.enumerated() { append(groupValue(view, state: state), first: index == 0) }
        buffer.append(contentsOf: Array(#"],"schools":["#.utf8))
        for (index, school) in shownSchools(state, onlySchool: onlySchool, jurisdictionId: jurisdictionId).enumerated() {
            append(schoolValue(school, state: state, day: day), first: index == 0)
        }
        buffer.append(contentsOf: Array("]}\n".utf8))
        flush(buffer)
    }

    /// The schools shown, by id.
    private static func shownSchools(_ state: LedgerState, onlySchool: String?, jurisdictionId: String?) -> [LedgerState.SchoolEntry] {
        state.schools.values
            .filter { onlySchool == nil || $0.payload.schoolId == onlySchool }
            .filter { jurisdictionId == nil || $0.payload.jurisdictionId == jurisdictionId }
            .sorted { $0.payload.schoolId < $1.payload.schoolId }
    }

    /// One group with its members.
    private static func groupValue(_ view: LedgerState.GroupView, state: LedgerState) -> JSONValue {
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

    /// One school with its memberships as of `day`.
    private static func schoolValue(_ school: LedgerState.SchoolEntry, state: LedgerState, day: Int?) -> JSONValue {
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
}
