/// Earmarks as the state keeps them: a compact row each (`EarmarkRow`), read back as
/// `EarmarkEntry` values through the `earmarks` view.
///
/// Why not the entry itself: an `EarmarkEntry` holds its payload whole, four strings of 16
/// bytes among them (about 114 bytes an entry with its index; 300k of them in a 10M-event
/// journal). The allocation, school and campus an earmark names are tables the fold's checks
/// look them up in anyway, so a row keeps their positions, beside the balance the fold changes.
extension LedgerState {
    /// One earmark, compact (see the extension's comment). Positions refer to this state's
    /// tables, which are only ever appended to, so they stay valid; −1 is none.
    public struct EarmarkRow: Sendable, Equatable {
        /// The earmark's id.
        public let earmarkId: String
        /// When it was made and which event recorded it.
        public let stamp: Stamp
        /// How much was earmarked.
        public let amountFen: Int64
        /// How much has been spent from it.
        public internal(set) var spentFen: Int64 = 0
        let provenance: Provenance
        /// The allocation's position in `allocationRows`.
        let allocationPosition: Int32
        /// The beneficiary school's position in `schools`.
        let beneficiarySchoolPosition: Int32
        /// The beneficiary campus's position in `campuses`.
        let beneficiaryCampusPosition: Int32
        /// What the money is for.
        public let purpose: FundPurpose

        /// What can still be spent.
        public var availableFen: Int64 { amountFen - spentFen }
    }

    /// Files a new earmark whose allocation, school and campus are at the given positions (the
    /// caller has checked them, and that the id is unused).
    mutating func appendEarmark(_ payload: FundEarmarked, stamp: Stamp, allocationPosition: Int,
                                beneficiarySchoolPosition: Int?, beneficiaryCampusPosition: Int?) {
        let row = EarmarkRow(earmarkId: payload.earmarkId, stamp: stamp, amountFen: payload.amountFen, provenance: payload.provenance,
                             allocationPosition: Int32(allocationPosition),
                             beneficiarySchoolPosition: Int32(beneficiarySchoolPosition ?? -1),
                             beneficiaryCampusPosition: Int32(beneficiaryCampusPosition ?? -1), purpose: payload.purpose)
        earmarkRows.append(row, forNewKey: payload.earmarkId)
    }

    /// The earmarks, read back as their events recorded them, with their balances.
    public var earmarks: EarmarkTable {
        RowTable(rows: earmarkRows, context: EarmarkContext(allocationRows: allocationRows, schools: schools, campuses: campuses))
    }

    /// A read-only view of the earmarks that gives each row back as an `EarmarkEntry`, built
    /// when read.
    public typealias EarmarkTable = RowTable<EarmarkRow>

    /// What an earmark row refers into.
    public struct EarmarkContext: Sendable {
        let allocationRows: KeyedTable<AllocationRow>
        let schools: KeyedTable<SchoolEntry>
        let campuses: KeyedTable<Recorded<CampusRegistered>>
    }
}

extension LedgerState.EarmarkRow: CompactRow {
    /// The earmark as its event recorded it, with its balance.
    public func entry(in context: LedgerState.EarmarkContext) -> LedgerState.EarmarkEntry {
        let payload = FundEarmarked(
            earmarkId: earmarkId, allocationId: context.allocationRows.key(at: Int(allocationPosition)), amountFen: amountFen,
            purpose: purpose,
            beneficiarySchoolId: beneficiarySchoolPosition < 0 ? nil : context.schools.key(at: Int(beneficiarySchoolPosition)),
            beneficiaryCampusId: beneficiaryCampusPosition < 0 ? nil : context.campuses.key(at: Int(beneficiaryCampusPosition)),
            provenance: provenance)
        return LedgerState.EarmarkEntry(payload: payload, stamp: stamp, spentFen: spentFen)
    }
}

extension LedgerState.EarmarkRow: KeyedEntry {
    public var entryKey: String { earmarkId }
}
