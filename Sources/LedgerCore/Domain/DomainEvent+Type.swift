/// A domain event's type without its payload: reading the payload as `any EventPayload` boxes it
/// (a heap copy of the whole payload), which a replay would pay for every event.
extension DomainEvent {
    /// The payload's type.
    public var payloadType: any EventPayload.Type {
        switch self {
        case .authorityRegistered: return AuthorityRegistered.self
        case .policyDocumentRegistered: return PolicyDocumentRegistered.self
        case .schoolRegistered: return SchoolRegistered.self
        case .campusRegistered: return CampusRegistered.self
        case .schoolRenamed: return SchoolRenamed.self
        case .schoolClosed: return SchoolClosed.self
        case .headcountRecorded: return HeadcountRecorded.self
        case .policyProfileAdopted: return PolicyProfileAdopted.self
        case .approvalRequested: return ApprovalRequested.self
        case .approvalDecided: return ApprovalDecided.self
        case .groupProposed: return GroupProposed.self
        case .groupEstablished: return GroupEstablished.self
        case .groupStatusChanged: return GroupStatusChanged.self
        case .schoolJoinedGroup: return SchoolJoinedGroup.self
        case .schoolExitedGroup: return SchoolExitedGroup.self
        case .groupLeadChanged: return GroupLeadChanged.self
        case .staffRegistered: return StaffRegistered.self
        case .staffCredentialRecorded: return StaffCredentialRecorded.self
        case .secondmentStarted: return SecondmentStarted.self
        case .secondmentEnded: return SecondmentEnded.self
        case .fundAllocated: return FundAllocated.self
        case .fundEarmarked: return FundEarmarked.self
        case .expenditureRecorded: return ExpenditureRecorded.self
        case .costShareApportioned: return CostShareApportioned.self
        case .groupRoleAssigned: return GroupRoleAssigned.self
        case .groupRoleEnded: return GroupRoleEnded.self
        case .groupActivityHeld: return GroupActivityHeld.self
        case .groupAssessed: return GroupAssessed.self
        case .entryCorrected: return EntryCorrected.self
        case .personalDataErased: return PersonalDataErased.self
        case .yearSealed: return YearSealed.self
        }
    }

    /// The stored type name (`SchoolJoinedGroup` …).
    public var typeName: String { payloadType.eventType }

    /// The case's position in the catalogue (0-based), for tables that keep a type per event.
    public var typeIndex: UInt8 {
        switch self {
        case .authorityRegistered: return 0
        case .policyDocumentRegistered: return 1
        case .schoolRegistered: return 2
        case .campusRegistered: return 3
        case .schoolRenamed: return 4
        case .schoolClosed: return 5
        case .headcountRecorded: return 6
        case .policyProfileAdopted: return 7
        case .approvalRequested: return 8
        case .approvalDecided: return 9
        case .groupProposed: return 10
        case .groupEstablished: return 11
        case .groupStatusChanged: return 12
        case .schoolJoinedGroup: return 13
        case .schoolExitedGroup: return 14
        case .groupLeadChanged: return 15
        case .staffRegistered: return 16
        case .staffCredentialRecorded: return 17
        case .secondmentStarted: return 18
        case .secondmentEnded: return 19
        case .fundAllocated: return 20
        case .fundEarmarked: return 21
        case .expenditureRecorded: return 22
        case .costShareApportioned: return 23
        case .groupRoleAssigned: return 24
        case .groupRoleEnded: return 25
        case .groupActivityHeld: return 26
        case .groupAssessed: return 27
        case .entryCorrected: return 28
        case .personalDataErased: return 29
        case .yearSealed: return 30
        }
    }

    /// The stored type names by `typeIndex`.
    public static let typeNamesByIndex: [String] = [
        AuthorityRegistered.eventType,
        PolicyDocumentRegistered.eventType,
        SchoolRegistered.eventType,
        CampusRegistered.eventType,
        SchoolRenamed.eventType,
        SchoolClosed.eventType,
        HeadcountRecorded.eventType,
        PolicyProfileAdopted.eventType,
        ApprovalRequested.eventType,
        ApprovalDecided.eventType,
        GroupProposed.eventType,
        GroupEstablished.eventType,
        GroupStatusChanged.eventType,
        SchoolJoinedGroup.eventType,
        SchoolExitedGroup.eventType,
        GroupLeadChanged.eventType,
        StaffRegistered.eventType,
        StaffCredentialRecorded.eventType,
        SecondmentStarted.eventType,
        SecondmentEnded.eventType,
        FundAllocated.eventType,
        FundEarmarked.eventType,
        ExpenditureRecorded.eventType,
        CostShareApportioned.eventType,
        GroupRoleAssigned.eventType,
        GroupRoleEnded.eventType,
        GroupActivityHeld.eventType,
        GroupAssessed.eventType,
        EntryCorrected.eventType,
        PersonalDataErased.eventType,
        YearSealed.eventType,
    ]
}
