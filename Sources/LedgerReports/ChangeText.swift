public import LedgerCore

/// One line saying what an event changed, with names as the state before it knew them:
/// `邵阳县芙蓉学校教育集团: + 黄塘中学 (member)`.
public enum ChangeText {
    /// The change `record` makes to `before`.
    public static func describe(_ record: DomainEventRecord, before state: LedgerState) -> String {
        func school(_ id: String) -> String { state.schools[id]?.name(onDay: nil) ?? id }
        func group(_ id: String) -> String { state.groups[id]?.nameZh ?? id }
        switch record.event {
        case .authorityRegistered(let p): return "+ authority \(p.nameZh) (\(p.authorityId), \(p.level.rawValue) \(p.kind.rawValue))"
        case .policyDocumentRegistered(let p): return "+ document \(p.docNumber?.normalized ?? p.documentId) \(p.titleZh)"
        case .policyProfileAdopted(let p): return "profile \(p.profileId) v\(p.version) in force from \(p.effectiveFrom)"
        case .schoolRegistered(let p): return "+ school \(p.nameZh) (\(p.schoolId), \(p.stage.rawValue))"
        case .campusRegistered(let p): return "+ campus \(p.nameZh) of \(school(p.schoolId))"
        case .schoolRenamed(let p): return "\(school(p.schoolId)) → \(p.nameZh)"
        case .schoolClosed(let p): return "\(school(p.schoolId)) closed" + (p.mergedIntoSchoolId.map { ", merged into \(school($0))" } ?? "")
        case .headcountRecorded(let p): return "\(school(p.schoolId)): \(p.teachers) teachers in \(p.year)"
        case .approvalRequested(let p): return "approval \(p.approvalId) requested: \(p.action.rawValue), addressed to \(p.addressedTo)"
        case .approvalDecided(let p): return "approval \(p.approvalId): \(p.decision.rawValue) by \(p.decidedBy)"
        case .groupProposed(let p):
            return "proposed \(p.nameZh) (\(p.type.labelZh)), \(p.proposedMemberSchoolIds.count) planned members" + (p.phaseLabelZh.map { ", \($0)" } ?? "")
        case .groupEstablished(let p): return "established \(p.nameZh) (\(p.type.labelZh), \(p.status.rawValue))"
        case .groupStatusChanged(let p):
            return "\(group(p.groupId)): \(state.groups[p.groupId]?.status(onDay: nil)?.rawValue ?? "?") → \(p.status.rawValue)"
        case .schoolJoinedGroup(let p): return "\(group(p.groupId)): + \(school(p.schoolId)) (\(p.role.rawValue.lowercased()))"
        case .schoolExitedGroup(let p):
            let membership = state.memberships[p.membershipId]
            return "\(group(membership?.groupId ?? "?")): − \(school(membership?.schoolId ?? "?")) (\(p.reason.rawValue))"
        case .groupLeadChanged(let p):
            let previous = state.openMemberships(ofGroup: p.groupId).first { $0.role(onDay: nil) == .lead }?.schoolId
            return "\(group(p.groupId)): lead \(previous.map(school) ?? "?") → \(school(p.schoolId))"
        case .staffRegistered(let p): return "+ staff \(p.staffId) at \(school(p.homeSchoolId)) (\(p.post.rawValue))"
        case .staffCredentialRecorded(let p): return "\(p.staffId): + \(p.credential.rawValue)" + (p.level.map { " (\($0.rawValue))" } ?? "")
        case .secondmentStarted(let p):
            return "\(p.staffId) \(p.kind.rawValue): \(school(p.fromSchoolId)) → \(p.toSchoolId.map(school) ?? p.toExternalHostZh ?? "?") until \(p.plannedEnd)"
        case .secondmentEnded(let p): return "secondment \(p.secondmentId): \(p.outcome.rawValue)" + (p.newPlannedEnd.map { " to \($0)" } ?? "")
        case .fundAllocated(let p):
            return "\(p.fromAuthorityId) → \(school(p.toSchoolId)): \(Money.yuan(p.amountFen)) (\(p.fiscalYear), \(p.purpose.rawValue))"
                + (p.groupId.map { " for \(group($0))" } ?? "")
        case .fundEarmarked(let p): return "\(p.allocationId): earmark \(p.earmarkId) \(Money.yuan(p.amountFen)) (\(p.purpose.rawValue))"
        case .expenditureRecorded(let p):
            let source = p.allocationId ?? p.earmarkId ?? "own budget"
            return "\(school(p.payerSchoolId)) pays \(Money.yuan(p.amountFen)) (\(p.category.rawValue)) from \(source)"
        case .costShareApportioned(let p):
            return "\(group(p.groupId)): cost share \(Money.yuan(p.totalFen)) over \(p.shares.count) schools, paid out by \(school(p.disbursingSchoolId))"
        case .groupRoleAssigned(let p): return "\(group(p.groupId)): \(p.staffId) as \(p.role.rawValue)"
        case .groupRoleEnded(let p): return "role assignment \(p.assignmentId) ended"
        case .groupActivityHeld(let p): return "\(group(p.groupId)): \(p.kind.rawValue) hosted by \(school(p.hostSchoolId))"
        case .groupAssessed(let p): return "\(group(p.groupId)): assessed \(p.outcome.rawValue) (\(p.periodLabel))"
        case .entryCorrected(let p): return "\(p.mode == .void ? "voids" : "supersedes") seq \(p.targetSeq): \(p.reasonZh)"
        case .personalDataErased(let p): return "personal data of \(p.subjectId) erased from the register"
        case .yearSealed(let p):
            return "\(p.jurisdictionId) \(p.basis == .calendar ? "calendar year \(p.year)" : "school year \(p.year)-\(p.year + 1)") sealed at digest \(p.journalSize):\(p.journalRootHex)"
        }
    }
}
