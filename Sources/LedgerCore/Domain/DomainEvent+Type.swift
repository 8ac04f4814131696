/// A domain event's type without its payload: reading the payload as `any EventPayload` boxes it
/// (a heap copy of the whole payload), which a replay would pay for every event.
extension DomainEvent {
    /// The payload's type.
    public var payloadType: any EventPayload.Type { Self.payloadTypesByIndex[Int(typeIndex)] }

    /// The stored type name (`SchoolJoinedGroup` …).
    public var typeName: String { Self.typeNamesByIndex[Int(typeIndex)] }

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

    /// The payload types by `typeIndex` (the cases' order).
    static let payloadTypesByIndex: [any EventPayload.Type] = [
        AuthorityRegistered.self,
        PolicyDocumentRegistered.self,
        SchoolRegistered.self,
        CampusRegistered.self,
        SchoolRenamed.self,
        SchoolClosed.self,
        HeadcountRecorded.self,
        PolicyProfileAdopted.self,
        ApprovalRequested.self,
        ApprovalDecided.self,
        GroupProposed.self,
        GroupEstablished.self,
        GroupStatusChanged.self,
        SchoolJoinedGroup.self,
        SchoolExitedGroup.self,
        GroupLeadChanged.self,
        StaffRegistered.self,
        StaffCredentialRecorded.self,
        SecondmentStarted.self,
        SecondmentEnded.self,
        FundAllocated.self,
        FundEarmarked.self,
        ExpenditureRecorded.self,
        CostShareApportioned.self,
        GroupRoleAssigned.self,
        GroupRoleEnded.self,
        GroupActivityHeld.self,
        GroupAssessed.self,
        EntryCorrected.self,
        PersonalDataErased.self,
        YearSealed.self,
    ]

    /// The stored type names by `typeIndex`.
    public static let typeNamesByIndex: [String] = payloadTypesByIndex.map { $0.eventType }
}
