/// Rule kinds judged when an event is appended, from their recorded parameters: approvals an
/// action needs, who disburses shared costs, who pays which expenditures.
extension PolicyEvaluator {
    /// Kinds judged on append; periodic evaluation skips them so a rule has one verdict.
    static let onAppendKinds: Set<RuleKind> = [.approvalRequired, .costSharing, .expenditureRule]

    /// What judging an event needs of the group it concerns: its id, jurisdiction and type,
    /// read in place (a copy of the whole entry, with its two payloads, was most of the cost of
    /// judging an event that no rule concerns).
    struct SubjectGroup {
        var groupId: String
        var nameZh: String
        var jurisdictionId: String
        var type: GroupType
    }

    /// The group `groupId`, if recorded.
    static func subjectGroup(_ groupId: String, in state: LedgerState) -> SubjectGroup? {
        guard let position = state.groups.index(forKey: groupId) else { return nil }
        return SubjectGroup(groupId: groupId, nameZh: state.groups.values[position].nameZh,
                            jurisdictionId: state.groups.values[position].jurisdictionId, type: state.groups.values[position].type)
    }

    /// The group an event concerns, for choosing the profile.
    static func subjectGroup(of record: DomainEventRecord, in state: LedgerState) -> SubjectGroup? {
        func group(_ groupId: String) -> SubjectGroup? { subjectGroup(groupId, in: state) }
        switch record.event {
        case .groupEstablished(let payload):
            return group(payload.groupId)
                ?? SubjectGroup(groupId: payload.groupId, nameZh: payload.nameZh, jurisdictionId: payload.jurisdictionId, type: payload.type)
        case .schoolJoinedGroup(let payload): return group(payload.groupId)
        case .secondmentStarted(let payload):
            if let groupId = payload.groupId { return group(groupId) }
            return state.groupIdOfFirstOpenMembership(ofSchool: payload.fromSchoolId).flatMap(group)
        case .costShareApportioned(let payload): return group(payload.groupId)
        case .expenditureRecorded(let payload):
            return state.groupIdOfFirstOpenMembership(ofSchool: payload.payerSchoolId).flatMap(group)
        default: return nil
        }
    }

    /// Findings of the recorded-parameter kinds for one appended event.
    static func recordedKindFindings(_ record: DomainEventRecord, state: LedgerState) -> [Finding] {
        guard state.profileVersionsWithOnAppendRules > 0, let group = subjectGroup(of: record, in: state),
              let profile = profile(for: group.jurisdictionId, onDay: record.effective.firstDayNumber, in: state),
              !profile.onAppendRuleIndices.isEmpty else { return [] }
        var findings: [Finding] = []
        for ruleIndex in profile.onAppendRuleIndices {
            let rule = profile.rules[ruleIndex]
            guard rule.applies(toGroup: group.groupId, type: group.type), case .recorded(let parameters) = rule.parameters else { continue }
            let finding: Finding?
            switch rule.kind {
            case .approvalRequired: finding = approvalFinding(rule, parameters, record: record, group: group, state: state)
            case .costSharing: finding = costSharingFinding(rule, parameters, record: record, group: group, state: state)
            case .expenditureRule: finding = expenditureFinding(rule, parameters, record: record, state: state)
            default: finding = nil
            }
            if let finding { findings.append(finding) }
        }
        return findings
    }

    /// The approval action an event performs, if any.
    private static func action(of record: DomainEventRecord, gatedKinds: [String]) -> ApprovalAction? {
        switch record.event {
        case .groupEstablished(let payload): return payload.parentGroupId == nil ? .formGroup : .formSubGroup
        case .schoolJoinedGroup: return .admitMember
        case .secondmentStarted(let payload) where gatedKinds.contains(payload.kind.rawValue): return .appointFirstBranchSecretary
        default: return nil
        }
    }

    private static func approvalFinding(_ rule: PolicyRule, _ parameters: JSONObject, record: DomainEventRecord,
                                        group: SubjectGroup, state: LedgerState) -> Finding? {
        guard let actionText = parameters["action"]?.stringValue, let required = ApprovalAction(rawValue: actionText),
              let performed = action(of: record, gatedKinds: (parameters["gatesSecondmentKinds"]?.arrayValue ?? []).compactMap(\.stringValue)),
              performed == required else { return nil }
        let authorityId = parameters["authority"]?.objectValue?["authorityId"]?.stringValue
        let decisions = (parameters["decisions"]?.arrayValue ?? []).compactMap { $0.stringValue.flatMap(ApprovalDecision.init(rawValue:)) }
        var cited: [String] = []
        if let approval = record.authority?.approval { cited.append(approval) }
        switch record.event {
        case .groupEstablished(let payload): if let approval = payload.approvalId { cited.append(approval) }
        case .schoolJoinedGroup(let payload): if let approval = payload.approvalId { cited.append(approval) }
        default: break
        }
        let granting = cited.compactMap { state.approvals[$0] }.first { entry in
            guard entry.request.action == required, let decision = entry.decision else { return false }
            let acceptable = decisions.isEmpty ? [.granted, .conditional] : decisions
            return acceptable.contains(decision.decision) && (authorityId == nil || decision.decidedBy == authorityId)
        }
        let who = authorityId ?? "the competent authority"
        if let granting, let decisionStamp = granting.decisionStamp {
            return Finding(ruleId: rule.id, severity: rule.severity, status: .met, subject: "group \(group.groupId)",
                           message: "\(required.rawValue) rests on approval \(granting.request.approvalId), decided by \(who)",
                           evidenceSeqs: [granting.requestStamp.seq, decisionStamp.seq, record.seq], quoteZh: rule.quoteZh)
        }
        // A member designated in the bureau's own document (SY-02: 县教育局指定) needs no separate approval.
        if parameters["designationByDocumentCounts"]?.boolValue == true, record.authority?.document != nil {
            return Finding(ruleId: rule.id, severity: rule.severity, status: .met, subject: "group \(group.groupId)",
                           message: "\(required.rawValue) rests on the document \(record.authority?.document ?? "")",
                           evidenceSeqs: [record.seq], quoteZh: rule.quoteZh)
        }
        return Finding(ruleId: rule.id, severity: rule.severity, status: .notMet, subject: "group \(group.groupId)",
                       message: "\(required.rawValue) cites no approval of \(required.rawValue) granted by \(who)",
                       evidenceSeqs: [record.seq], quoteZh: rule.quoteZh)
    }

    private static func costSharingFinding(_ rule: PolicyRule, _ parameters: JSONObject, record: DomainEventRecord,
                                           group: SubjectGroup, state: LedgerState) -> Finding? {
        guard case .costShareApportioned(let payload) = record.event else { return nil }
        let open = state.openMemberships(ofGroup: group.groupId)
        var problems: [String] = []
        if parameters["disburser"]?.stringValue == "Lead",
           !open.contains(where: { $0.schoolId == payload.disbursingSchoolId && $0.role(onDay: nil) == .lead }) {
            problems.append("\(payload.disbursingSchoolId) disburses but does not lead \(group.groupId)")
        }
        if parameters["payers"]?.stringValue == "members" {
            let memberSchools = Set(open.map(\.schoolId))
            let outsiders = payload.shares.map(\.schoolId).filter { !memberSchools.contains($0) }
            if !outsiders.isEmpty { problems.append("\(outsiders.joined(separator: ", ")) pay a share but are not members") }
        }
        return Finding(ruleId: rule.id, severity: rule.severity, status: problems.isEmpty ? .met : .notMet, subject: "group \(group.groupId)",
                       message: problems.isEmpty ? "cost share \(payload.costShareId) is disbursed by the lead and paid by members"
                           : problems.joined(separator: "; "),
                       evidenceSeqs: [record.seq], quoteZh: rule.quoteZh)
    }

    private static func expenditureFinding(_ rule: PolicyRule, _ parameters: JSONObject, record: DomainEventRecord, state: LedgerState) -> Finding? {
        guard case .expenditureRecorded(let payload) = record.event, parameters["category"]?.stringValue == payload.category.rawValue else {
            return nil
        }
        guard let roleText = parameters["payerRole"]?.stringValue, let role = MemberRole(rawValue: roleText) else {
            return Finding(ruleId: rule.id, severity: rule.severity, status: .insufficientData, subject: "expenditure \(payload.expenditureId)",
                           message: "the rule's conditions on \(payload.category.rawValue) cannot be read from the recorded events",
                           evidenceSeqs: [record.seq], quoteZh: rule.quoteZh)
        }
        let payerRoles = state.openMemberships(ofSchool: payload.payerSchoolId).map { $0.role(onDay: nil) }
        let met = payerRoles.contains(role)
        return Finding(ruleId: rule.id, severity: rule.severity, status: met ? .met : .notMet, subject: "expenditure \(payload.expenditureId)",
                       message: met ? "\(payload.payerSchoolId) pays as a \(role.rawValue) school, as the rule says"
                           : "\(payload.payerSchoolId) pays a \(payload.category.rawValue) expenditure but is not a \(role.rawValue) school of a group",
                       evidenceSeqs: [record.seq], quoteZh: rule.quoteZh)
    }
}
