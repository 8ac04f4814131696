/// Every event the domain knows, as a typed payload (Journal/EVENTS.md).
public enum DomainEvent: Equatable, Sendable {
    case authorityRegistered(AuthorityRegistered)
    case policyDocumentRegistered(PolicyDocumentRegistered)
    case schoolRegistered(SchoolRegistered)
    case campusRegistered(CampusRegistered)
    case schoolRenamed(SchoolRenamed)
    case schoolClosed(SchoolClosed)
    case headcountRecorded(HeadcountRecorded)
    case policyProfileAdopted(PolicyProfileAdopted)
    case approvalRequested(ApprovalRequested)
    case approvalDecided(ApprovalDecided)
    case groupProposed(GroupProposed)
    case groupEstablished(GroupEstablished)
    case groupStatusChanged(GroupStatusChanged)
    case schoolJoinedGroup(SchoolJoinedGroup)
    case schoolExitedGroup(SchoolExitedGroup)
    case groupLeadChanged(GroupLeadChanged)
    case staffRegistered(StaffRegistered)
    case staffCredentialRecorded(StaffCredentialRecorded)
    case secondmentStarted(SecondmentStarted)
    case secondmentEnded(SecondmentEnded)
    case fundAllocated(FundAllocated)
    case fundEarmarked(FundEarmarked)
    case expenditureRecorded(ExpenditureRecorded)
    case costShareApportioned(CostShareApportioned)
    case groupRoleAssigned(GroupRoleAssigned)
    case groupRoleEnded(GroupRoleEnded)
    case groupActivityHeld(GroupActivityHeld)
    case groupAssessed(GroupAssessed)
    case entryCorrected(EntryCorrected)
    case personalDataErased(PersonalDataErased)
    case yearSealed(YearSealed)

    /// The payload, whatever its type.
    public var payload: any EventPayload {
        switch self {
        case .authorityRegistered(let payload): return payload
        case .policyDocumentRegistered(let payload): return payload
        case .schoolRegistered(let payload): return payload
        case .campusRegistered(let payload): return payload
        case .schoolRenamed(let payload): return payload
        case .schoolClosed(let payload): return payload
        case .headcountRecorded(let payload): return payload
        case .policyProfileAdopted(let payload): return payload
        case .approvalRequested(let payload): return payload
        case .approvalDecided(let payload): return payload
        case .groupProposed(let payload): return payload
        case .groupEstablished(let payload): return payload
        case .groupStatusChanged(let payload): return payload
        case .schoolJoinedGroup(let payload): return payload
        case .schoolExitedGroup(let payload): return payload
        case .groupLeadChanged(let payload): return payload
        case .staffRegistered(let payload): return payload
        case .staffCredentialRecorded(let payload): return payload
        case .secondmentStarted(let payload): return payload
        case .secondmentEnded(let payload): return payload
        case .fundAllocated(let payload): return payload
        case .fundEarmarked(let payload): return payload
        case .expenditureRecorded(let payload): return payload
        case .costShareApportioned(let payload): return payload
        case .groupRoleAssigned(let payload): return payload
        case .groupRoleEnded(let payload): return payload
        case .groupActivityHeld(let payload): return payload
        case .groupAssessed(let payload): return payload
        case .entryCorrected(let payload): return payload
        case .personalDataErased(let payload): return payload
        case .yearSealed(let payload): return payload
        }
    }
}
