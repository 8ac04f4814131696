/// Judges events and periods against the profile in force. Findings are derived, never stored;
/// only a `block` rule's `notMet` stops an append (see `LedgerAppender`), and only at append time.
public enum PolicyEvaluator {
    /// The profile in force for `jurisdictionId` on `day`: the highest adopted version whose
    /// effective interval contains the day.
    public static func profile(for jurisdictionId: String, onDay day: Int, in state: LedgerState) -> PolicyProfile? {
        // Asked for every event a report judges: only the jurisdiction's own profiles are read,
        // and only a version that is in force and newer is looked up among the decoded ones.
        // Profiles are read in the order they were first adopted, so of two in force with the
        // same version the later adopted wins (it used to be the first in a dictionary's order,
        // which a process's hash seed decides).
        var best: (version: Int64, profileId: String, index: Int)?
        for profileId in state.profileIdsByJurisdiction[jurisdictionId] ?? [] {
            guard let versions = state.profiles[profileId], let decoded = state.decodedProfiles[profileId] else { continue }
            // The payload's fields are read in place: binding the payload copied it, profile
            // document and all, for every judged event.
            for index in versions.indices where versions[index].payload.jurisdictionId == jurisdictionId {
                let inForce = versions[index].payload.effectiveFrom.firstDayNumber <= day
                    && (versions[index].payload.effectiveUntil.map { day < $0.endDayNumber } ?? true)
                let version = versions[index].payload.version
                guard inForce, version >= (best?.version ?? 0), index < decoded.count else { continue }
                best = (version, profileId, index)
            }
        }
        guard let best else { return nil }
        return state.decodedProfiles[best.profileId]?[best.index]
    }

    /// The findings `record` raises when appended to `state` (which does not contain it yet).
    public static func onAppend(_ record: DomainEventRecord, state: LedgerState) -> [Finding] {
        var findings = recordedKindFindings(record, state: state)
        switch record.event {
        case .schoolJoinedGroup(let payload):
            findings += joinFindings(payload, record: record, state: state)
        case .schoolExitedGroup(let payload):
            findings += exitFindings(payload, record: record, state: state)
        default:
            break
        }
        return findings
    }

    private static func joinFindings(_ payload: SchoolJoinedGroup, record: DomainEventRecord, state: LedgerState) -> [Finding] {
        guard let group = subjectGroup(payload.groupId, in: state),
              let profile = profile(for: group.jurisdictionId, onDay: record.effective.firstDayNumber, in: state) else { return [] }
        var findings: [Finding] = []
        if profile.allowsMultiMembership == false,
           let other = state.firstOpenMembership(ofSchool: payload.schoolId, where: { $0.groupId != group.groupId }) {
            findings.append(Finding(ruleId: "\(profile.profileId):allowMultiMembership", severity: .flag, status: .notMet,
                                    subject: "membership \(payload.membershipId)",
                                    message: "\(payload.schoolId) joins \(group.groupId) while still a member of \(other.groupId); the \(profile.profileId) profile does not allow membership of several groups",
                                    evidenceSeqs: [other.joined.seq, record.seq],
                                    quoteZh: "vocabulary.allowMultiMembership = false (profile \(profile.profileId) v\(profile.version))"))
        }
        for rule in profile.rules where rule.applies(toGroup: group.groupId, type: group.type) {
            guard case .groupSize(_, let max, let maxWithApproval, let countsRole) = rule.parameters, let max else { continue }
            // The members counted, read in place: every join is judged, and copying out each
            // open membership of a large group was most of it.
            var evidence: [Int64] = []
            state.forEachOpenMembership(ofGroup: group.groupId) { membership in
                if countsRole == nil || membership.role(onDay: nil) == countsRole { evidence.append(membership.joined.seq) }
            }
            let count = Int64(evidence.count) + ((countsRole == nil || payload.role == countsRole) ? 1 : 0)
            evidence.append(record.seq)
            var status: Finding.Status = count <= max ? .met : .notMet
            var message = "\(group.nameZh) (\(group.type.labelZh)) would have \(count) members; the limit is \(max)"
            if status == .notMet, let maxWithApproval, count <= maxWithApproval, let approval = payload.approvalId,
               isGranted(approval, action: .exceedGroupSize, in: state) {
                status = .waived
                message += ", raised to \(maxWithApproval) by approval \(approval)"
            }
            findings.append(Finding(ruleId: rule.id, severity: rule.severity, status: status, subject: "group \(group.groupId)",
                                    message: message, evidenceSeqs: evidence, quoteZh: rule.quoteZh))
        }
        return findings
    }

    private static func exitFindings(_ payload: SchoolExitedGroup, record: DomainEventRecord, state: LedgerState) -> [Finding] {
        guard let membership = state.memberships[payload.membershipId], let group = subjectGroup(membership.groupId, in: state),
              let profile = profile(for: group.jurisdictionId, onDay: record.effective.firstDayNumber, in: state) else { return [] }
        var findings: [Finding] = []
        for rule in profile.rules where rule.applies(toGroup: group.groupId, type: group.type) {
            guard case .exitPolicy(let minimumYears, let allowedReasons, let consentAuthorityId) = rule.parameters else { continue }
            var problems: [String] = []
            var evidence: [Int64] = [membership.joined.seq, record.seq]
            if !allowedReasons.isEmpty && !allowedReasons.contains(payload.reason) {
                problems.append("the reason \(payload.reason.rawValue) is not one of \(allowedReasons.map(\.rawValue).joined(separator: ", "))")
            }
            if let consentAuthorityId {
                if let approval = payload.approvalId, isGranted(approval, action: .exitMember, decidedBy: consentAuthorityId, in: state) {
                    if let stamp = state.approvals[approval]?.decisionStamp { evidence.append(stamp.seq) }
                } else {
                    problems.append("no consent of \(consentAuthorityId) is cited (an ExitMember approval granted by it)")
                }
            }
            if let minimumYears {
                let joined = membership.joined.effective
                let earliest = PartialDateMath.addingYears(Int(minimumYears), to: joined)
                if record.effective.firstDayNumber < earliest {
                    problems.append("the membership began \(joined) and ends \(record.effective), under \(minimumYears) year(s)")
                }
            }
            findings.append(Finding(ruleId: rule.id, severity: rule.severity, status: problems.isEmpty ? .met : .notMet,
                                    subject: "membership \(membership.membershipId)",
                                    message: problems.isEmpty ? "\(membership.schoolId) leaves \(group.groupId) as the rule allows"
                                        : "\(membership.schoolId) leaves \(group.groupId): " + problems.joined(separator: "; "),
                                    evidenceSeqs: evidence, quoteZh: rule.quoteZh))
        }
        return findings
    }

    /// Findings of the periodic rules for the school year that starts on 1 September of `year`.
    public static func periodic(_ state: LedgerState, schoolYear year: Int) -> [Finding] {
        let days = CivilDate.schoolYear(startingIn: year)
        let (start, end) = (days.lowerBound, days.upperBound)
        let period = "\(year)-\(year + 1)"
        var findings: [Finding] = []
        let index = PeriodicIndex(state)
        for group in state.groups.values.sorted(by: { $0.groupId < $1.groupId }) where group.isEstablished {
            guard let profile = profile(for: group.jurisdictionId, onDay: start, in: state) else { continue }
            let members = state.members(ofGroup: group.groupId, onDay: start)
            guard !members.isEmpty else { continue }
            for rule in profile.rules where rule.applies(to: group) {
                switch rule.parameters {
                case .ratioMin(let metric, let minimum, let kinds) where metric == "rotationRatio" || metric == "staffExchangeRatio":
                    findings.append(ratioFinding(rule, group: group, members: members, minimum: minimum, kinds: kinds, year: year,
                                                 days: start..<end, period: period, state: state, index: index))
                case .fundMinPerUnit(let minimumFen, let newWithinYears):
                    findings.append(fundFinding(rule, group: group, members: members, minimumFen: minimumFen, newWithinYears: newWithinYears,
                                                year: year, start: start, period: period, state: state))
                case .recorded(let parameters) where rule.kind != .descriptive && !onAppendKinds.contains(rule.kind):
                    findings += periodicKind(rule, parameters: parameters, group: group, members: members, year: year,
                                             days: start..<end, period: period, state: state, index: index)
                default:
                    continue
                }
            }
        }
        return findings
    }

    private static func ratioFinding(_ rule: PolicyRule, group: LedgerState.GroupEntry, members: [LedgerState.MemberView], minimum: Ratio,
                                     kinds: [SecondmentKind], year: Int, days: Range<Int>, period: String, state: LedgerState,
                                     index: PeriodicIndex) -> Finding {
        let schools = Set(members.map(\.membership.schoolId))
        let missing = schools.filter { state.headcounts[$0]?[year] == nil }.sorted()
        let subject = "group \(group.groupId)"
        guard missing.isEmpty else {
            return Finding(ruleId: rule.id, severity: rule.severity, status: .insufficientData, subject: subject, period: period,
                           message: "no headcount for \(year) at \(missing.joined(separator: ", ")); the ratio needs every member's total",
                           evidenceSeqs: [], quoteZh: rule.quoteZh)
        }
        let total = schools.reduce(Int64(0)) { $0 + (state.headcounts[$1]?[year]?.teachers ?? 0) }
        let moves = schools.flatMap { index.secondments(fromSchool: $0) { days.contains($0.firstDayNumber) } }.filter { entry in
            kinds.isEmpty || kinds.contains(entry.payload.kind)
        }
        let rotated = Int64(Set(moves.map(\.payload.staffId)).count)
        let met = total > 0 && minimum.isMet(count: rotated, total: total)
        return Finding(ruleId: rule.id, severity: rule.severity, status: met ? .met : .notMet, subject: subject, period: period,
                       message: "\(rotated) of \(total) teachers rotated; the minimum is \(minimum.text)",
                       evidenceSeqs: moves.map(\.stamp.seq).sorted(), quoteZh: rule.quoteZh)
    }

    private static func fundFinding(_ rule: PolicyRule, group: LedgerState.GroupEntry, members: [LedgerState.MemberView], minimumFen: Int64,
                                    newWithinYears: Int64?, year: Int, start: Int, period: String, state: LedgerState) -> Finding {
        // Eligible units: the campuses (or, without campuses, the schools) of members that
        // joined within the window. Joining stands in for "newly built" until schools carry an
        // opening date (an interpretation recorded in the profile's assumptions).
        let eligible = members.filter { member in
            guard member.role != .lead else { return false }
            guard let window = newWithinYears else { return true }
            return PartialDateMath.addingYears(Int(window), to: member.membership.joined.effective) > start
        }
        let units = eligible.reduce(0) { count, member in
            count + max(1, state.campuses.values.filter { $0.payload.schoolId == member.membership.schoolId }.count)
        }
        let subject = "group \(group.groupId)"
        guard units > 0 else {
            return Finding(ruleId: rule.id, severity: rule.severity, status: .notApplicable, subject: subject, period: period,
                           message: "no member is within the eligibility window", evidenceSeqs: [], quoteZh: rule.quoteZh)
        }
        let allocations = state.allocations.values.filter { $0.payload.groupId == group.groupId && $0.payload.fiscalYear == year }
        let allocated = allocations.reduce(Int64(0)) { $0 + $1.payload.amountFen }
        let required = minimumFen * Int64(units)
        return Finding(ruleId: rule.id, severity: rule.severity, status: allocated >= required ? .met : .notMet, subject: subject, period: period,
                       message: "\(Money.yuan(allocated)) allocated for \(units) eligible unit(s) in \(year); the minimum is \(Money.yuan(required))",
                       evidenceSeqs: allocations.map(\.stamp.seq).sorted(), quoteZh: rule.quoteZh)
    }

    /// Whether approval `id` was requested for `action` (and, if given, decided by
    /// `decidedBy`) and granted.
    static func isGranted(_ id: String, action: ApprovalAction, decidedBy: String? = nil, in state: LedgerState) -> Bool {
        guard let approval = state.approvals[id], approval.request.action == action, let decision = approval.decision,
              decision.decision == .granted || decision.decision == .conditional else { return false }
        return decidedBy == nil || decision.decidedBy == decidedBy
    }

    /// Whether `record` cites a granted PolicyException approval for `ruleId`.
    public static func citesException(for ruleId: String, _ record: DomainEventRecord, in state: LedgerState) -> Bool {
        var cited: [String] = []
        if let approval = record.authority?.approval { cited.append(approval) }
        if case .schoolExitedGroup(let payload) = record.event, let approval = payload.approvalId { cited.append(approval) }
        if case .schoolJoinedGroup(let payload) = record.event, let approval = payload.approvalId { cited.append(approval) }
        return cited.contains { id in
            isGranted(id, action: .policyException, in: state) && state.approvals[id]?.request.ruleId == ruleId
        }
    }
}
