/// Questions the state answers for a given effective date (`--as-of`); nil means "by the
/// latest record, whatever its date".
extension LedgerState {
    /// One group as of a date.
    public struct GroupView: Sendable, Equatable {
        public var group: GroupEntry
        /// The status on the date (`proposed` for a plan).
        public var status: GroupStatus
        /// Members on the date, lead first, then in joining order.
        public var members: [MemberView]
    }

    /// One member of a group as of a date.
    public struct MemberView: Sendable, Equatable {
        public var membership: MembershipEntry
        public var role: MemberRole
        public var schoolNameZh: String
    }

    /// Every group that exists on `day` (a day number; nil for the latest), sorted by
    /// jurisdiction then id, with its members on that day.
    public func groups(onDay day: Int?, jurisdictionId: String? = nil) -> [GroupView] {
        groups.values
            .filter { jurisdictionId == nil || $0.jurisdictionId == jurisdictionId }
            .compactMap { group -> GroupView? in
                guard let status = group.status(onDay: day) else { return nil }
                return GroupView(group: group, status: status, members: members(ofGroup: group.groupId, onDay: day))
            }
            .sorted { ($0.group.jurisdictionId, $0.group.groupId) < ($1.group.jurisdictionId, $1.group.groupId) }
    }

    /// The members of a group on `day`, lead first.
    public func members(ofGroup groupId: String, onDay day: Int?) -> [MemberView] {
        let views = (membershipsByGroup[groupId] ?? []).compactMap { id -> MemberView? in
            guard let membership = memberships[id], membership.isMember(onDay: day) else { return nil }
            return MemberView(membership: membership, role: membership.role(onDay: day),
                              schoolNameZh: schools[membership.schoolId]?.name(onDay: day) ?? membership.schoolId)
        }
        return views.filter { $0.role == .lead } + views.filter { $0.role != .lead }
    }

    /// A school's memberships over time (every one, open or closed), in joining order.
    public func membershipTimeline(ofSchool schoolId: String) -> [MembershipEntry] {
        (membershipsBySchool[schoolId] ?? []).compactMap { memberships[$0] }
    }

    /// Whether a payload is synthetic (for outputs that filter).
    public func isSynthetic(groupId: String) -> Bool {
        groups[groupId]?.establishment?.provenance.synthetic ?? groups[groupId]?.proposal?.provenance.synthetic ?? false
    }
}
