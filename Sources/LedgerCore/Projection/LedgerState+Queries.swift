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

    /// Which facts an output shows: documented ones, synthetic ones (made up for
    /// demonstration), or both.
    public enum FactFilter: String, Sendable, CaseIterable {
        case all, documented, synthetic

        /// Whether a fact with this synthetic flag passes.
        public func admits(synthetic: Bool) -> Bool {
            switch self {
            case .all: return true
            case .documented: return !synthetic
            case .synthetic: return synthetic
            }
        }
    }

    /// Every group that exists on `day` (a day number; nil for the latest), sorted by
    /// jurisdiction then id, with its members on that day.
    public func groups(onDay day: Int?, jurisdictionId: String? = nil, facts: FactFilter = .all) -> [GroupView] {
        groups.values
            .filter { jurisdictionId == nil || $0.jurisdictionId == jurisdictionId }
            .filter { facts.admits(synthetic: isSynthetic(groupId: $0.groupId)) }
            .compactMap { group -> GroupView? in
                guard let status = group.status(onDay: day) else { return nil }
                let members = members(ofGroup: group.groupId, onDay: day).filter { facts.admits(synthetic: $0.membership.synthetic) }
                return GroupView(group: group, status: status, members: members)
            }
            .sorted { ($0.group.jurisdictionId, $0.group.groupId) < ($1.group.jurisdictionId, $1.group.groupId) }
    }

    /// The members of a group on `day`, lead first.
    public func members(ofGroup groupId: String, onDay day: Int?) -> [MemberView] {
        let views = (membershipPositionsByGroup[groupId] ?? []).compactMap { position -> MemberView? in
            let membership = memberships.values[Int(position)]
            guard membership.isMember(onDay: day) else { return nil }
            // The school's name read in place: copying its entry retained each of its strings.
            let schoolName = schools.index(forKey: membership.schoolId).map { schools.values[$0].name(onDay: day) }
            return MemberView(membership: membership, role: membership.role(onDay: day), schoolNameZh: schoolName ?? membership.schoolId)
        }
        return views.filter { $0.role == .lead } + views.filter { $0.role != .lead }
    }

    /// A membership as the days it covers, without the entry: what asking "which groups was
    /// this school in on day d" many times needs (a report asks it twice per secondment, and
    /// reading whole entries for it was most of a 10M-event report).
    public struct MembershipSpan: Sendable, Equatable {
        public var groupId: String
        /// The day it took effect.
        public var firstDay: Int
        /// The day the exit took effect (no longer a member from then), if any.
        public var exitDay: Int?

        /// Whether the school is a member on `day` (as `MembershipEntry.isMember(onDay:)`).
        public func contains(day: Int) -> Bool { firstDay <= day && exitDay.map { day < $0 } ?? true }
    }

    /// Every school's memberships as spans, in joining order, from one pass over the memberships.
    public func membershipSpansBySchool() -> [String: [MembershipSpan]] {
        var spans: [String: [MembershipSpan]] = [:]
        for membership in memberships.values {
            spans[membership.schoolId, default: []].append(MembershipSpan(groupId: membership.groupId, firstDay: membership.joined.effective.firstDayNumber,
                                                                         exitDay: membership.exit?.stamp.effective.firstDayNumber))
        }
        return spans
    }

    /// The group of the school's first membership without an exit, in joining order: from the
    /// index of open memberships, so judging an expenditure or secondment does not walk every
    /// membership the school ever had (at 10M events a tenth of a report, copying them).
    public func groupIdOfFirstOpenMembership(ofSchool schoolId: String) -> String? {
        guard let position = openMembershipsBySchool[schoolId]?.first else { return nil }
        return memberships.values[Int(position)].groupId
    }

    /// The memberships of a school without an exit, in joining order.
    public func openMemberships(ofSchool schoolId: String) -> [MembershipEntry] {
        (openMembershipsBySchool[schoolId] ?? []).map { memberships.values[Int($0)] }
    }

    /// The school's first membership without an exit (in joining order) that `matches`: from the
    /// index of open memberships, so judging a join does not walk every membership the school
    /// ever had (a list that grows with the journal: at 10M events, 0.3 s of a report, 38x the
    /// time at 1M).
    public func firstOpenMembership(ofSchool schoolId: String, where matches: (MembershipEntry) -> Bool) -> MembershipEntry? {
        for position in openMembershipsBySchool[schoolId] ?? [] where matches(memberships.values[Int(position)]) {
            return memberships.values[Int(position)]
        }
        return nil
    }

    /// A school's memberships over time (every one, open or closed), in joining order.
    public func membershipTimeline(ofSchool schoolId: String) -> [MembershipEntry] {
        (membershipPositionsBySchool[schoolId] ?? []).map { memberships.values[Int($0)] }
    }

    /// A group's memberships over time (every one, open or closed), in joining order.
    public func membershipTimeline(ofGroup groupId: String) -> [MembershipEntry] {
        (membershipPositionsByGroup[groupId] ?? []).map { memberships.values[Int($0)] }
    }

    /// Whether a payload is synthetic (for outputs that filter).
    public func isSynthetic(groupId: String) -> Bool {
        groups[groupId]?.establishment?.provenance.synthetic ?? groups[groupId]?.proposal?.provenance.synthetic ?? false
    }
}

/// The registers of people, money and decisions.
extension LedgerState {
    /// Secondments that had started by `day` (all when nil), in seq order.
    public func secondmentRegister(onDay day: Int?) -> [SecondmentEntry] {
        secondments.values
            .filter { day == nil || $0.stamp.effective.firstDayNumber <= day! }
            .sorted { $0.stamp.seq < $1.stamp.seq }
    }

    /// Whether a secondment was still running on `day` (by the latest record when nil).
    public func isRunning(_ entry: SecondmentEntry, onDay day: Int?) -> Bool {
        guard let endStamp = entry.endStamp, entry.end?.outcome != .extended else { return true }
        guard let day else { return false }
        return day < endStamp.effective.firstDayNumber
    }

    /// Allocations in seq order, with what is earmarked, spent and available.
    public var allocationBalances: [AllocationEntry] {
        allocations.values.sorted { $0.stamp.seq < $1.stamp.seq }
    }

    /// Money per school and fiscal year: received by allocation, and spent (from any source).
    public struct SchoolYearFunds: Sendable, Equatable {
        public var schoolId: String
        public var fiscalYear: Int
        public var receivedFen: Int64
        public var spentFen: Int64
    }

    /// Funds per school and fiscal year, sorted by school then year. Spending falls in the
    /// fiscal year of the allocation or earmark it draws on, or of its effective date.
    public func fundsBySchoolAndYear(facts: FactFilter = .all) -> [SchoolYearFunds] {
        var table: [String: SchoolYearFunds] = [:]
        func add(_ school: String, _ year: Int, received: Int64 = 0, spent: Int64 = 0) {
            let key = "\(school)|\(year)"
            var row = table[key] ?? SchoolYearFunds(schoolId: school, fiscalYear: year, receivedFen: 0, spentFen: 0)
            row.receivedFen += received
            row.spentFen += spent
            table[key] = row
        }
        for allocation in allocations.values where facts.admits(synthetic: allocation.payload.provenance.synthetic) { add(allocation.payload.toSchoolId, allocation.payload.fiscalYear, received: allocation.payload.amountFen) }
        for position in expenditures.values.indices {
            let expenditure = self.expenditure(at: position)
            guard facts.admits(synthetic: expenditure.payload.provenance.synthetic) else { continue }
            let payload = expenditure.payload
            var year = expenditure.stamp.effective.year
            if let id = payload.allocationId, let allocation = allocations[id] { year = allocation.payload.fiscalYear }
            if let id = payload.earmarkId, let earmark = earmarks[id], let allocation = allocations[earmark.payload.allocationId] {
                year = allocation.payload.fiscalYear
            }
            add(payload.payerSchoolId, year, spent: payload.amountFen)
        }
        return table.values.sorted { ($0.schoolId, $0.fiscalYear) < ($1.schoolId, $1.fiscalYear) }
    }

    /// Approval requests in seq order, decided or pending.
    public var approvalLog: [ApprovalEntry] {
        approvals.values.sorted { $0.requestStamp.seq < $1.requestStamp.seq }
    }
}
