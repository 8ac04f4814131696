/// The state of the ledger built by folding events in seq order: every entity with the seq
/// that created it and effective-dated timelines, so one state answers `--as-of` queries for
/// any date. `--known-at` is a fold over a prefix of the journal (see `Projector`).
///
/// Pure: no file I/O, no clock. `apply` validates before it mutates, so a refused event
/// leaves the state unchanged.
public struct LedgerState: Sendable, Equatable {
    /// A fact's start: when it takes effect and which event recorded it.
    public struct Stamp: Sendable, Equatable {
        // One word: the date's 21 bits above a 43-bit seq. Every entry carries a stamp or two,
        // and a date beside a seq took 16 bytes. A state's seqs number the events it folded,
        // so 2^43 (8.8 trillion) is beyond any state that fits in memory.
        private let packed: UInt64
        private static let seqBits = 43

        /// When the fact takes effect.
        public var effective: PartialDate { PartialDate(packedBits: UInt32(truncatingIfNeeded: packed >> Self.seqBits)) }
        /// The event that recorded it.
        public var seq: Int64 { Int64(packed & (1 << Self.seqBits - 1)) }

        /// A stamp of the event `seq`, effective on `effective`.
        public init(effective: PartialDate, seq: Int64) {
            precondition(seq >= 0 && seq < 1 << Self.seqBits, "a state's seqs are below 2^43, found \(seq)")
            packed = UInt64(effective.packedBits) << Self.seqBits | UInt64(seq)
        }
    }

    /// A payload with its stamp.
    public struct Recorded<Payload: Equatable & Sendable>: Sendable, Equatable {
        public var payload: Payload
        public var stamp: Stamp
    }

    /// An authority.
    public struct AuthorityEntry: Sendable, Equatable {
        public var payload: AuthorityRegistered
        public var stamp: Stamp
    }

    /// A policy document.
    public struct DocumentEntry: Sendable, Equatable {
        public var payload: PolicyDocumentRegistered
        public var stamp: Stamp
    }

    /// A school, with its names over time and its closure.
    public struct SchoolEntry: Sendable, Equatable {
        public var payload: SchoolRegistered
        public var stamp: Stamp
        /// Names from `SchoolRenamed`, in seq order.
        public var renames: [Recorded<String>] = []
        /// The closure (撤并), with the school it merged into.
        public var closed: Recorded<String?>?

        /// The name in effect on `day` (a day number).
        public func name(onDay day: Int?) -> String {
            var name = payload.nameZh
            for rename in renames where day == nil || rename.stamp.effective.firstDayNumber <= day! { name = rename.payload }
            return name
        }
    }

    /// A group: its plan, its establishment and its status over time.
    public struct GroupEntry: Sendable, Equatable {
        public var groupId: String
        public var nameZh: String
        public var jurisdictionId: String
        public var type: GroupType
        public var proposal: GroupProposed?
        public var proposedStamp: Stamp?
        public var establishment: GroupEstablished?
        public var establishedStamp: Stamp?
        /// Status changes after establishment (the establishment's status is the first).
        public var statusChanges: [StatusChange] = []

        /// A status change.
        public struct StatusChange: Sendable, Equatable {
            public var status: GroupStatus
            public var stamp: Stamp
        }

        /// The status on `day` (nil: the latest recorded), or nil if the group did not exist yet.
        public func status(onDay day: Int?) -> GroupStatus? {
            var status: GroupStatus?
            if let proposedStamp, day == nil || proposedStamp.effective.firstDayNumber <= day! { status = .proposed }
            for change in statusChanges where day == nil || change.stamp.effective.firstDayNumber <= day! { status = change.status }
            return status
        }

        /// Whether the group has been established (by the latest record).
        public var isEstablished: Bool { establishment != nil }
    }

    /// A school's membership of a group, from joining to exit.
    public struct MembershipEntry: Sendable, Equatable {
        public var membershipId: String
        public var groupId: String
        public var schoolId: String
        public var campusId: String?
        /// Roles over time: the joining role, then lead changes.
        public var roles: [Recorded<MemberRole>]
        public var joined: Stamp
        public var exit: Recorded<ExitReason>?
        /// Whether the joining event was synthetic.
        public var synthetic: Bool = false

        /// Whether the membership has no exit recorded.
        public var isOpen: Bool { exit == nil }

        /// Whether the school is a member on `day` (nil: by the latest record).
        public func isMember(onDay day: Int?) -> Bool {
            guard let day else { return isOpen }
            guard joined.effective.firstDayNumber <= day else { return false }
            if let exit, exit.stamp.effective.firstDayNumber <= day { return false }
            return true
        }

        /// The role on `day` (nil: the latest).
        public func role(onDay day: Int?) -> MemberRole {
            var role = roles[0].payload
            for change in roles where day == nil || change.stamp.effective.firstDayNumber <= day! { role = change.payload }
            return role
        }
    }

    /// An approval request and its decision.
    public struct ApprovalEntry: Sendable, Equatable {
        public var request: ApprovalRequested
        public var requestStamp: Stamp
        public var decision: ApprovalDecided?
        public var decisionStamp: Stamp?
    }

    /// A secondment and its end, as read back from its compact row (see `SecondmentRow`).
    public struct SecondmentEntry: Sendable, Equatable {
        public var payload: SecondmentStarted
        public var stamp: Stamp
        /// The latest `SecondmentEnded` (an extension is one; a later end replaces it).
        public private(set) var end: End?

        /// A secondment's end as the state keeps it: the event's payload without the
        /// secondment's id (the entry's own), and its stamp beside it rather than in an optional
        /// of its own (with both optionals, the end took 72 bytes of every secondment; this, 32).
        public struct End: Sendable, Equatable {
            public var stamp: Stamp
            public var provenance: Provenance
            public var newPlannedEnd: PartialDate?
            public var outcome: SecondmentOutcome
        }

        /// Creates the entry of a secondment that has not ended.
        public init(payload: SecondmentStarted, stamp: Stamp) {
            self.payload = payload
            self.stamp = stamp
        }

        /// Creates the entry of a secondment with its latest end as the state keeps it.
        init(payload: SecondmentStarted, stamp: Stamp, end: End?) {
            self.payload = payload
            self.stamp = stamp
            self.end = end
        }

        /// The latest end, as its event recorded it.
        public var ending: SecondmentEnded? {
            end.map { SecondmentEnded(secondmentId: payload.secondmentId, outcome: $0.outcome, newPlannedEnd: $0.newPlannedEnd, provenance: $0.provenance) }
        }

        /// The latest end's stamp.
        public var endStamp: Stamp? { end?.stamp }

        /// Whether it has not ended (an extension keeps it open).
        public var isOpen: Bool { end == nil || end?.outcome == .extended }
    }

    /// An allocation with what has been earmarked and spent from it.
    public struct AllocationEntry: Sendable, Equatable {
        public var payload: FundAllocated
        public var stamp: Stamp
        public var earmarkedFen: Int64 = 0
        /// Spent directly from the allocation (not through an earmark).
        public var spentFen: Int64 = 0

        /// What can still be earmarked or spent directly.
        public var availableFen: Int64 { payload.amountFen - earmarkedFen - spentFen }
    }

    /// An earmark with what has been spent from it, as read back from its compact row (see
    /// `EarmarkRow`).
    public struct EarmarkEntry: Sendable, Equatable {
        public var payload: FundEarmarked
        public var stamp: Stamp
        public var spentFen: Int64 = 0

        /// What can still be spent.
        public var availableFen: Int64 { payload.amountFen - spentFen }
    }

    /// A staff member (by opaque id), their credentials and their open secondment.
    public struct StaffEntry: Sendable, Equatable {
        public var payload: StaffRegistered
        public var stamp: Stamp
        public var credentials: [StaffCredentialRecorded] = []
        /// The secondment they are on (started, not ended or only extended), if any.
        ///
        /// Kept on the entry rather than in a table of its own: starting a secondment already
        /// finds the staff member's entry, so "already on secondment" costs no second lookup.
        /// (A `[String: String]` by staff id cost a SipHash and a cache miss per secondment
        /// started or ended: 1.2 s of a 10M-event replay.)
        public var openSecondmentId: String?
    }

    /// A governance role held in a group, until it ended.
    public struct RoleAssignmentEntry: Sendable, Equatable {
        public var payload: GroupRoleAssigned
        public var stamp: Stamp
        public var ended: Stamp?
    }

    public internal(set) var authorities: KeyedTable<AuthorityEntry> = [:]
    public internal(set) var documents: KeyedTable<DocumentEntry> = [:]
    /// Document ids by normalised 文号.
    public internal(set) var documentsByNumber: [String: String] = [:]
    public internal(set) var schools: KeyedTable<SchoolEntry> = [:]
    public internal(set) var campuses: KeyedTable<Recorded<CampusRegistered>> = [:]
    /// Teachers per school and year (the latest record wins).
    public internal(set) var headcounts: [String: [Int: HeadcountRecorded]] = [:]
    /// Adopted profile versions by profile id, in version order.
    public internal(set) var profiles: [String: [Recorded<PolicyProfileAdopted>]] = [:]
    /// Each adopted profile decoded once, by profile id then version order (parallel to `profiles`).
    public internal(set) var decodedProfiles: [String: [PolicyProfile]] = [:]
    /// Profile ids by the jurisdiction of any of their versions, in the order first adopted (an
    /// index: every event a report or `findings` judges asks for the profile in force, and
    /// walking every profile of every jurisdiction for it grew with the journal's events).
    public internal(set) var profileIdsByJurisdiction: [String: [String]] = [:]
    /// How many adopted profile versions have a rule judged on append (`PolicyProfile.onAppendRuleIndices`):
    /// while none has, judging an event skips looking up its group and profile, which at 10M
    /// events cost `findings` 2 s of cache misses for nothing.
    public internal(set) var profileVersionsWithOnAppendRules = 0
    /// The approvals as compact rows (read them through `approvals`).
    public internal(set) var approvalRows: KeyedTable<ApprovalRow> = [:]
    /// Staff and rule ids, reasons and conditions of approvals, each text stored once.
    var approvalTexts = InternedStrings()
    public internal(set) var groups: KeyedTable<GroupEntry> = [:]
    public internal(set) var memberships: KeyedTable<MembershipEntry> = [:]
    /// Positions in `memberships` of each group's memberships, in joining order (read them
    /// through `membershipTimeline(ofGroup:)`). Positions, not ids: 4 bytes each, not 16.
    public internal(set) var membershipPositionsByGroup: [String: [Int32]] = [:]
    /// Positions in `memberships` of each group's memberships without an exit, in joining order
    /// (an index: the checks on joining, exits and lead changes must not walk every membership
    /// a group ever had, which grows with the journal).
    public internal(set) var openMembershipsByGroup: [String: [Int32]] = [:]
    /// Positions in `memberships` of each school's memberships, in joining order (read them
    /// through `membershipTimeline(ofSchool:)`).
    public internal(set) var membershipPositionsBySchool: [String: [Int32]] = [:]
    /// Positions in `memberships` of each school's memberships without an exit, in joining order
    /// (an index: judging an expenditure or secondment asks for the payer's group, and walking
    /// every membership a school ever had made that grow with the journal).
    public internal(set) var openMembershipsBySchool: [String: [Int32]] = [:]
    public internal(set) var staff: KeyedTable<StaffEntry> = [:]
    /// Secondments, compact: read them back through `secondments` (see `SecondmentRow`).
    public internal(set) var secondmentRows: KeyedTable<SecondmentRow> = [:]
    /// External hosts named in words of secondments, each stored once.
    var secondmentHostNames = InternedStrings()
    /// The allocations as compact rows (read them through `allocations`).
    public internal(set) var allocationRows: KeyedTable<AllocationRow> = [:]
    /// The earmarks as compact rows (read them through `earmarks`).
    public internal(set) var earmarkRows: KeyedTable<EarmarkRow> = [:]
    /// Expenditures, compact (read them through `expenditures`). Empty in a `.live` state (see
    /// `Retention`).
    public internal(set) var expenditureRows: KeyedTable<ExpenditureEntry> = [:]
    /// What few expenditures record beyond their row, by position in `expenditures`.
    var expenditureDetails: [Int32: ExpenditureDetails] = [:]
    /// Payees named in words (not schools) of expenditures, each stored once.
    var expenditurePayeeNames = InternedStrings()
    /// The cost shares as compact rows (read them through `costShares`).
    public internal(set) var costShareRows: KeyedTable<CostShareRow> = [:]
    /// The schools of all cost shares' shares, as positions in `schools`, in cost share order.
    var costShareSchoolPositions: [Int32] = []
    /// The amounts of all cost shares' shares, parallel to `costShareSchoolPositions`.
    var costShareAmountsFen: [Int64] = []
    public internal(set) var roleAssignments: KeyedTable<RoleAssignmentEntry> = [:]
    /// Activities, compact (read them through `activities`). Empty in a `.live` state, as are
    /// the other history tables (see `Retention`).
    public internal(set) var activityRows: KeyedTable<ActivityEntry> = [:]
    /// The participant schools of all activities, as positions in `schools`, in activity order.
    var activityParticipantPositions: [Int32] = []
    /// What few activities record beyond their row, by position in `activities`.
    var activityDetails: [Int32: ActivityDetails] = [:]
    /// The assessments as compact rows (read them through `assessments`).
    public internal(set) var assessmentRows: KeyedTable<AssessmentRow> = [:]
    /// The assessors of all assessments, as positions in `authorities`, in assessment order.
    var assessorPositions: [Int32] = []
    /// The assessments' period labels, each stored once.
    var assessmentPeriodLabels = InternedStrings()
    /// Subjects whose personal data was erased from the register.
    public internal(set) var erasedSubjects: Set<String> = []
    /// How much history the state keeps (see `Retention`).
    public internal(set) var retention = Retention.full
    /// The ids of history a `.live` state keeps instead of its entries.
    var historyIds = HistoryIds()
    /// The staff member (a position in `staff`) of each open secondment, found by secondment
    /// id: kept by a `.live` state only, where no secondment row says whose it is. An index
    /// of positions alone, confirmed by the staff entry's `openSecondmentId` (see
    /// `openSecondmentStaffPosition(of:)`): a `[String: Int32]` took 10.6 MB at 10M events.
    var openSecondmentStaff = KeyIndex()
    /// The last seq applied (0 before any).
    public internal(set) var lastSeq: Int64 = 0
    /// Event types by seq (as `DomainEvent.typeIndex`, a byte each rather than a string of 16),
    /// so corrections can check and decode against their targets (see `EventTypes`).
    var eventTypes = EventTypes()
    /// Seqs voided or superseded by a later correction, with the correction's seq.
    public internal(set) var corrected: [Int64: Int64] = [:]
    /// Sealed years, in seq order.
    public internal(set) var seals: [Recorded<YearSealed>] = []
    /// The secondments' `retainedAtHome` lists, each stored once (see `SharedLists`).
    var retainedAtHomeLists = SharedLists<RetainedAtHome>()

    /// An empty state.
    public init() {}
}
