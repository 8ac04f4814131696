/// Sizing the state's tables before a replay. A hash table that grows by doubling rehashes
/// every key it holds each time (for string ids, a full hash of each id), and for a moment holds
/// both the old and the new storage: with the number of events of each type known up front,
/// each table is allocated once at its final size.
extension LedgerState {
    /// Reserves room in each table for the entries that `eventCounts` (event counts by
    /// `DomainEvent.typeIndex`) would create. Counts may be estimates: a low count only means
    /// the table grows as usual, a high one reserves room that stays empty.
    public mutating func reserveCapacity(eventCountsByTypeIndex eventCounts: [Int]) {
        func count(_ event: any EventPayload.Type) -> Int {
            guard let index = DomainEvent.typeNamesByIndex.firstIndex(of: event.eventType), index < eventCounts.count else { return 0 }
            return max(0, eventCounts[index])
        }
        eventTypes.reserveCapacity(adding: eventCounts.reduce(0) { $0 + max(0, $1) })
        authorities.reserveCapacity(authorities.count + count(AuthorityRegistered.self))
        documents.reserveCapacity(documents.count + count(PolicyDocumentRegistered.self))
        schools.reserveCapacity(schools.count + count(SchoolRegistered.self))
        campuses.reserveCapacity(campuses.count + count(CampusRegistered.self))
        approvalRows.reserveCapacity(approvalRows.count + count(ApprovalRequested.self))
        groups.reserveCapacity(groups.count + count(GroupProposed.self))
        memberships.reserveCapacity(memberships.count + count(SchoolJoinedGroup.self))
        staff.reserveCapacity(staff.count + count(StaffRegistered.self))
        allocationRows.reserveCapacity(allocationRows.count + count(FundAllocated.self))
        earmarkRows.reserveCapacity(earmarkRows.count + count(FundEarmarked.self))
        roleAssignments.reserveCapacity(roleAssignments.count + count(GroupRoleAssigned.self))
        // History: a live state keeps none of it (see `Retention`).
        guard retention == .full else { return }
        secondmentRows.reserveCapacity(secondmentRows.count + count(SecondmentStarted.self))
        expenditureRows.reserveCapacity(expenditureRows.count + count(ExpenditureRecorded.self))
        costShareRows.reserveCapacity(costShareRows.count + count(CostShareApportioned.self))
        activityRows.reserveCapacity(activityRows.count + count(GroupActivityHeld.self))
        assessmentRows.reserveCapacity(assessmentRows.count + count(GroupAssessed.self))
    }
}
