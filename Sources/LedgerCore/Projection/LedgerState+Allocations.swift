/// Allocations as the state keeps them: a compact row each (`AllocationRow`), read back as
/// `AllocationEntry` values through the `allocations` view.
///
/// Why not the entry itself: an `AllocationEntry` holds its payload whole, six strings of 16
/// bytes among them (about 160 bytes an entry with its index; 410k of them in a 10M-event
/// journal). The authority, school, campus, group and document an allocation names are tables
/// the fold's checks look them up in anyway, so a row keeps their positions, beside the
/// balances the fold changes.
extension LedgerState {
    /// One allocation, compact (see the extension's comment). Positions refer to this state's
    /// tables, which are only ever appended to, so they stay valid; −1 is none.
    public struct AllocationRow: Sendable, Equatable {
        /// The allocation's id.
        public let allocationId: String
        /// When it was made and which event recorded it.
        public let stamp: Stamp
        /// How much was allocated.
        public let amountFen: Int64
        /// How much of it has been earmarked.
        public internal(set) var earmarkedFen: Int64 = 0
        /// How much has been spent directly from it (not through an earmark).
        public internal(set) var spentFen: Int64 = 0
        let provenance: Provenance
        /// The allocating authority's position in `authorities`.
        let fromAuthorityPosition: Int32
        /// The receiving school's position in `schools`.
        let toSchoolPosition: Int32
        /// The receiving campus's position in `campuses`.
        let toCampusPosition: Int32
        /// The group's position in `groups`.
        let groupPosition: Int32
        /// The document's position in `documents`.
        let documentPosition: Int32
        /// The fiscal year (within `PartialDate.acceptedYears`, as the reader checked).
        let fiscalYear: Int16
        /// What the money is for.
        public let purpose: FundPurpose

        /// What can still be earmarked or spent directly.
        public var availableFen: Int64 { amountFen - earmarkedFen - spentFen }
    }

    /// Files a new allocation whose authority, school, campus, group and document are at the
    /// given positions (the caller has checked them, and that the id is unused).
    mutating func appendAllocation(_ payload: FundAllocated, stamp: Stamp, fromAuthorityPosition: Int, toSchoolPosition: Int,
                                   toCampusPosition: Int?, groupPosition: Int?, documentPosition: Int?) {
        let row = AllocationRow(allocationId: payload.allocationId, stamp: stamp, amountFen: payload.amountFen,
                                provenance: payload.provenance, fromAuthorityPosition: Int32(fromAuthorityPosition),
                                toSchoolPosition: Int32(toSchoolPosition), toCampusPosition: Int32(toCampusPosition ?? -1),
                                groupPosition: Int32(groupPosition ?? -1), documentPosition: Int32(documentPosition ?? -1),
                                fiscalYear: Int16(payload.fiscalYear), purpose: payload.purpose)
        allocationRows.append(row, forNewKey: payload.allocationId)
    }

    /// The allocations, read back as their events recorded them, with their balances.
    public var allocations: AllocationTable {
        RowTable(rows: allocationRows, context: AllocationContext(authorities: authorities, schools: schools, campuses: campuses,
                                                                  groups: groups, documents: documents))
    }

    /// A read-only view of the allocations that gives each row back as an `AllocationEntry`,
    /// built when read.
    public typealias AllocationTable = RowTable<AllocationRow>

    /// What an allocation row refers into.
    public struct AllocationContext: Sendable {
        let authorities: KeyedTable<AuthorityEntry>
        let schools: KeyedTable<SchoolEntry>
        let campuses: KeyedTable<Recorded<CampusRegistered>>
        let groups: KeyedTable<GroupEntry>
        let documents: KeyedTable<DocumentEntry>
    }
}

extension LedgerState.AllocationRow: CompactRow {
    /// The allocation as its event recorded it, with its balances.
    public func entry(in context: LedgerState.AllocationContext) -> LedgerState.AllocationEntry {
        let payload = FundAllocated(
            allocationId: allocationId, fiscalYear: Int(fiscalYear), fromAuthorityId: context.authorities.key(at: Int(fromAuthorityPosition)),
            toSchoolId: context.schools.key(at: Int(toSchoolPosition)),
            toCampusId: toCampusPosition < 0 ? nil : context.campuses.key(at: Int(toCampusPosition)),
            groupId: groupPosition < 0 ? nil : context.groups.key(at: Int(groupPosition)), purpose: purpose, amountFen: amountFen,
            documentId: documentPosition < 0 ? nil : context.documents.key(at: Int(documentPosition)), provenance: provenance)
        return LedgerState.AllocationEntry(payload: payload, stamp: stamp, earmarkedFen: earmarkedFen, spentFen: spentFen)
    }
}

extension LedgerState.AllocationRow: KeyedEntry {
    public var entryKey: String { allocationId }
}
