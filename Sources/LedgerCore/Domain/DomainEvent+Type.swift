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

    /// Decodes a payload of the type at `typeIndex` (see `typeIndex`) into its case.
    ///
    /// A switch rather than a closure per type: a closure that captures its payload type is a
    /// reference-counted context, and the replay's two decoding threads copying one would
    /// contend for its count on every event.
    static func decodePayload(typeIndex: Int, _ reader: inout PayloadReader, version: Int64) throws(DomainError) -> DomainEvent {
        switch typeIndex {
        case 0: return .authorityRegistered(try AuthorityRegistered(reading: &reader, version: version))
        case 1: return .policyDocumentRegistered(try PolicyDocumentRegistered(reading: &reader, version: version))
        case 2: return .schoolRegistered(try SchoolRegistered(reading: &reader, version: version))
        case 3: return .campusRegistered(try CampusRegistered(reading: &reader, version: version))
        case 4: return .schoolRenamed(try SchoolRenamed(reading: &reader, version: version))
        case 5: return .schoolClosed(try SchoolClosed(reading: &reader, version: version))
        case 6: return .headcountRecorded(try HeadcountRecorded(reading: &reader, version: version))
        case 7: return .policyProfileAdopted(try PolicyProfileAdopted(reading: &reader, version: version))
        case 8: return .approvalRequested(try ApprovalRequested(reading: &reader, version: version))
        case 9: return .approvalDecided(try ApprovalDecided(reading: &reader, version: version))
        case 10: return .groupProposed(try GroupProposed(reading: &reader, version: version))
        case 11: return .groupEstablished(try GroupEstablished(reading: &reader, version: version))
        case 12: return .groupStatusChanged(try GroupStatusChanged(reading: &reader, version: version))
        case 13: return .schoolJoinedGroup(try SchoolJoinedGroup(reading: &reader, version: version))
        case 14: return .schoolExitedGroup(try SchoolExitedGroup(reading: &reader, version: version))
        case 15: return .groupLeadChanged(try GroupLeadChanged(reading: &reader, version: version))
        case 16: return .staffRegistered(try StaffRegistered(reading: &reader, version: version))
        case 17: return .staffCredentialRecorded(try StaffCredentialRecorded(reading: &reader, version: version))
        case 18: return .secondmentStarted(try SecondmentStarted(reading: &reader, version: version))
        case 19: return .secondmentEnded(try SecondmentEnded(reading: &reader, version: version))
        case 20: return .fundAllocated(try FundAllocated(reading: &reader, version: version))
        case 21: return .fundEarmarked(try FundEarmarked(reading: &reader, version: version))
        case 22: return .expenditureRecorded(try ExpenditureRecorded(reading: &reader, version: version))
        case 23: return .costShareApportioned(try CostShareApportioned(reading: &reader, version: version))
        case 24: return .groupRoleAssigned(try GroupRoleAssigned(reading: &reader, version: version))
        case 25: return .groupRoleEnded(try GroupRoleEnded(reading: &reader, version: version))
        case 26: return .groupActivityHeld(try GroupActivityHeld(reading: &reader, version: version))
        case 27: return .groupAssessed(try GroupAssessed(reading: &reader, version: version))
        case 28: return .entryCorrected(try EntryCorrected(reading: &reader, version: version))
        case 29: return .personalDataErased(try PersonalDataErased(reading: &reader, version: version))
        case 30: return .yearSealed(try YearSealed(reading: &reader, version: version))
        default: preconditionFailure("no event type has index \(typeIndex)")
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
