/// The ids an event's fold looks up first, hashed before the fold reaches the event, so that a
/// replay can bring their hash buckets and entries into the cache a few events ahead
/// (`LedgerState.warmBuckets(for:)`, `warmEntries(for:)`).
///
/// Why: at millions of events the state's tables are far larger than the CPU's caches, and a
/// fold looks ids up one after another, each lookup a cache miss on a bucket and another on the
/// entry: 28% of a 1M-event fold and 38% of a 10M-event one. Loads issued for several events
/// at once wait for memory together instead of in turn.
///
/// Hints change no answer: a hint the fold does not use, or a missing one, costs only time.
/// Plain values (no strings), so a decoding thread can compute them and the fold copy them.
public struct LookupHints: Sendable, BitwiseCopyable {
    /// The tables a replay can warm.
    public enum Table: UInt8, Sendable, BitwiseCopyable {
        case schools = 1, groups, staff, secondments, activities, expenditures, allocations, earmarks
        case approvals, roleAssignments, costShares, assessments, memberships
    }

    /// Up to four (table, hash) pairs; a table byte of 0 ends the list.
    @usableFromInline var tables: (UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0)
    @usableFromInline var hashes: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    /// No hints (the fold runs as it would without them).
    public static let none = LookupHints()

    private init() {}

    /// The hints for `event`: the ids its fold looks up in the large tables, most costly first.
    public init(for event: DomainEvent) {
        switch event {
        case .secondmentStarted(let payload):
            add(.secondments, payload.secondmentId)
            add(.staff, payload.staffId)
            add(.schools, payload.fromSchoolId)
            add(.schools, payload.toSchoolId)
        case .secondmentEnded(let payload):
            add(.secondments, payload.secondmentId)
        case .groupActivityHeld(let payload):
            add(.activities, payload.activityId)
            add(.groups, payload.groupId)
            add(.schools, payload.hostSchoolId)
            add(.schools, payload.participantSchoolIds.first)
        case .expenditureRecorded(let payload):
            add(.expenditures, payload.expenditureId)
            add(.schools, payload.payerSchoolId)
            add(.allocations, payload.allocationId)
            add(.earmarks, payload.earmarkId)
        case .staffRegistered(let payload):
            add(.staff, payload.staffId)
            add(.schools, payload.homeSchoolId)
        case .staffCredentialRecorded(let payload):
            add(.staff, payload.staffId)
        case .fundAllocated(let payload):
            add(.allocations, payload.allocationId)
            add(.schools, payload.toSchoolId)
            add(.groups, payload.groupId)
        case .fundEarmarked(let payload):
            add(.earmarks, payload.earmarkId)
            add(.allocations, payload.allocationId)
            add(.schools, payload.beneficiarySchoolId)
        case .costShareApportioned(let payload):
            add(.costShares, payload.costShareId)
            add(.groups, payload.groupId)
            add(.schools, payload.disbursingSchoolId)
        case .groupRoleAssigned(let payload):
            add(.roleAssignments, payload.assignmentId)
            add(.groups, payload.groupId)
            add(.staff, payload.staffId)
        case .groupRoleEnded(let payload):
            add(.roleAssignments, payload.assignmentId)
        case .groupAssessed(let payload):
            add(.assessments, payload.assessmentId)
            add(.groups, payload.groupId)
        case .approvalRequested(let payload):
            add(.approvals, payload.approvalId)
            add(.groups, payload.groupId)
            add(.schools, payload.schoolId)
        case .approvalDecided(let payload):
            add(.approvals, payload.approvalId)
        case .schoolJoinedGroup(let payload):
            add(.memberships, payload.membershipId)
            add(.groups, payload.groupId)
            add(.schools, payload.schoolId)
        case .schoolExitedGroup(let payload):
            add(.memberships, payload.membershipId)
        case .headcountRecorded(let payload):
            add(.schools, payload.schoolId)
        default:
            // Rare events (registrations of authorities and documents, group changes,
            // corrections, seals): not worth a hint.
            break
        }
    }

    /// How many hints there are.
    public var count: Int {
        tables.0 == 0 ? 0 : tables.1 == 0 ? 1 : tables.2 == 0 ? 2 : tables.3 == 0 ? 3 : 4
    }

    /// The hint at `index` (0-based, below `count`).
    @inlinable
    public subscript(index: Int) -> (table: Table, hash: UInt64) {
        switch index {
        case 0: (Table(rawValue: tables.0)!, hashes.0)
        case 1: (Table(rawValue: tables.1)!, hashes.1)
        case 2: (Table(rawValue: tables.2)!, hashes.2)
        default: (Table(rawValue: tables.3)!, hashes.3)
        }
    }

    /// Appends a hint for `id` (none when nil or when four are held).
    private mutating func add(_ table: Table, _ id: String?) {
        guard let id else { return }
        let hash = KeyIndex.hash(id)
        switch count {
        case 0: (tables.0, hashes.0) = (table.rawValue, hash)
        case 1: (tables.1, hashes.1) = (table.rawValue, hash)
        case 2: (tables.2, hashes.2) = (table.rawValue, hash)
        case 3: (tables.3, hashes.3) = (table.rawValue, hash)
        default: break
        }
    }
}
