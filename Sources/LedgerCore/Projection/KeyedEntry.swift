/// A state entry that holds the id it is filed under in its `KeyedTable`.
///
/// Why: a lookup by id compares the id it finds in the hash index with the one asked for. In
/// an array of ids beside the entries that is a cache miss of its own once the tables outgrow
/// the CPU's cache (a replay of millions of events); in the entry, it is the same cache line
/// the caller reads next, and no id is stored twice.
public protocol KeyedEntry: Sendable {
    /// The id the entry is filed under: the id field of the event that created it.
    var entryKey: String { get }
}

/// A payload whose id names the entry it creates.
public protocol KeyedPayload: Equatable, Sendable {
    /// The payload's own id (`schoolId`, `expenditureId`, …).
    var entryKey: String { get }
}

extension LedgerState.Recorded: KeyedEntry where Payload: KeyedPayload {
    public var entryKey: String { payload.entryKey }
}

extension LedgerState.AuthorityEntry: KeyedEntry {
    public var entryKey: String { payload.authorityId }
}

extension LedgerState.DocumentEntry: KeyedEntry {
    public var entryKey: String { payload.documentId }
}

extension LedgerState.RoleAssignmentEntry: KeyedEntry {
    public var entryKey: String { payload.assignmentId }
}

extension LedgerState.SchoolEntry: KeyedEntry {
    public var entryKey: String { payload.schoolId }
}

extension LedgerState.GroupEntry: KeyedEntry {
    public var entryKey: String { groupId }
}

extension LedgerState.MembershipEntry: KeyedEntry {
    public var entryKey: String { membershipId }
}

extension LedgerState.StaffEntry: KeyedEntry {
    public var entryKey: String { payload.staffId }
}

extension ExpenditureRecorded: KeyedPayload {
    public var entryKey: String { expenditureId }
}

extension GroupActivityHeld: KeyedPayload {
    public var entryKey: String { activityId }
}

extension CampusRegistered: KeyedPayload {
    public var entryKey: String { campusId }
}
