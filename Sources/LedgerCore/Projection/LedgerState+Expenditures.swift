/// Expenditures as the state keeps them: a compact row each, read back as the event's payload
/// through `expenditure(at:)`.
///
/// Why not the payload itself: a `Recorded<ExpenditureRecorded>` took 166 bytes of each of the
/// 1.4M expenditures of a 10M-event journal (five strings or optional strings of 16 bytes).
/// A row refers to the payer, the payee school and the allocation or earmark paid from by
/// their positions in `schools`, `allocations` and `earmarks` (which the fold's checks find
/// anyway), or to a payee named in words by its number in `expenditurePayeeNames` (a few
/// names recur in many expenditures), and sets what few expenditures have (a detailed
/// provenance) aside: 48 bytes.
extension LedgerState {
    /// One expenditure, compact (see the extension's comment). Positions refer to this state's
    /// tables, which are only ever appended to, so they stay valid.
    public struct ExpenditureEntry: Sendable, Equatable {
        /// The expenditure's id.
        public let expenditureId: String
        /// When it was spent and which event recorded it.
        public let stamp: Stamp
        /// How much.
        public let amountFen: Int64
        /// The payer's position in `schools`.
        let payerSchoolPosition: Int32
        /// The payee school's position in `schools` (or, with `payeeNameFlag`, the payee's
        /// number in `expenditurePayeeNames`), or -1.
        let payeePosition: Int32
        /// The position in `allocations` (or in `earmarks`, with `earmarkFlag`) of what it was
        /// paid from, or -1 for the school's own budget.
        let sourcePosition: Int32
        /// What the money was spent on.
        public let category: FundPurpose
        /// Bit 0: a synthetic fact (with no other provenance detail); bit 1: details are in
        /// `expenditureDetails`; bit 2: `sourcePosition` is an earmark's; bit 3:
        /// `payeePosition` numbers a payee named in words.
        let flags: UInt8

        static let syntheticFlag: UInt8 = 1
        static let detailsFlag: UInt8 = 2
        static let earmarkFlag: UInt8 = 4
        static let payeeNameFlag: UInt8 = 8

        /// Whether it was paid from an earmark (rather than an allocation or the school's own budget).
        var isFromEarmark: Bool { flags & Self.earmarkFlag != 0 }
    }

    /// What few expenditures record beyond the compact row.
    struct ExpenditureDetails: Sendable, Equatable {
        var provenance: Provenance
    }

    /// Where an expenditure was paid from, by the fold's lookups.
    enum ExpenditureSource {
        case ownBudget
        case allocation(position: Int)
        case earmark(position: Int)
    }

    /// Files a new expenditure (the caller has checked its references and that its id is unused).
    mutating func appendExpenditure(_ payload: ExpenditureRecorded, stamp: Stamp, payerSchoolPosition: Int,
                                    payeeSchoolPosition: Int?, source: ExpenditureSource) {
        guard retention == .full else {
            historyIds.expenditures.insert(payload.expenditureId)
            return
        }
        let plain = payload.provenance.isPlain
        var flags: UInt8 = plain && payload.provenance.synthetic ? ExpenditureEntry.syntheticFlag : 0
        if !plain {
            flags |= ExpenditureEntry.detailsFlag
            expenditureDetails[Int32(expenditureRows.count)] = ExpenditureDetails(provenance: payload.provenance)
        }
        var payee = Int32(payeeSchoolPosition ?? -1)
        if let name = payload.payeeZh {
            payee = expenditurePayeeNames.number(of: name)
            flags |= ExpenditureEntry.payeeNameFlag
        }
        var sourcePosition: Int32 = -1
        switch source {
        case .ownBudget: break
        case .allocation(let position): sourcePosition = Int32(position)
        case .earmark(let position):
            sourcePosition = Int32(position)
            flags |= ExpenditureEntry.earmarkFlag
        }
        let entry = ExpenditureEntry(expenditureId: payload.expenditureId, stamp: stamp, amountFen: payload.amountFen,
                                     payerSchoolPosition: Int32(payerSchoolPosition), payeePosition: payee,
                                     sourcePosition: sourcePosition, category: payload.category, flags: flags)
        expenditureRows.append(entry, forNewKey: payload.expenditureId)
    }

    /// The expenditures, compact: read each back with `expenditure(at:)`. Only a `.full` state
    /// keeps them (see `activities`).
    public var expenditures: KeyedTable<ExpenditureEntry> {
        _read {
            requireHistory("expenditures")
            yield expenditureRows
        }
    }

    /// The ids of the allocation or the earmark the expenditure at `position` in
    /// `expenditures` was paid from (both nil: the school's own budget).
    public func expenditureSourceIds(at position: Int) -> (allocationId: String?, earmarkId: String?) {
        let entry = expenditureRows.values[position]
        guard entry.sourcePosition >= 0 else { return (nil, nil) }
        return entry.isFromEarmark ? (nil, earmarkRows.key(at: Int(entry.sourcePosition))) : (allocationRows.key(at: Int(entry.sourcePosition)), nil)
    }

    /// Positions in `expenditures` of those paid directly from the allocation `allocationId`
    /// or from the earmark `earmarkId`, in table (seq) order. Compared by position: no id is
    /// read back from the rows.
    public func expenditurePositions(allocationId: String? = nil, earmarkId: String? = nil) -> [Int] {
        let allocation = allocationId.flatMap { allocationRows.index(forKey: $0) }.map { Int32($0) }
        let earmark = earmarkId.flatMap { earmarkRows.index(forKey: $0) }.map { Int32($0) }
        guard allocation != nil || earmark != nil else { return [] }
        return expenditures.values.withUnsafeBufferPointer { rows in
            rows.indices.filter { position in
                let row = rows[position]
                guard row.sourcePosition >= 0 else { return false }
                return row.sourcePosition == (row.isFromEarmark ? earmark : allocation)
            }
        }
    }

    /// The expenditure at `position` in `expenditures`, as its event recorded it.
    public func expenditure(at position: Int) -> Recorded<ExpenditureRecorded> {
        let entry = expenditureRows.values[position]
        let details = entry.flags & ExpenditureEntry.detailsFlag != 0 ? expenditureDetails[Int32(position)] : nil
        let provenance = details?.provenance ?? Provenance(synthetic: entry.flags & ExpenditureEntry.syntheticFlag != 0)
        let (allocationId, earmarkId) = expenditureSourceIds(at: position)
        let payeeIsName = entry.flags & ExpenditureEntry.payeeNameFlag != 0
        let payload = ExpenditureRecorded(expenditureId: entry.expenditureId, payerSchoolId: schools.key(at: Int(entry.payerSchoolPosition)),
                                          payeeZh: payeeIsName ? expenditurePayeeNames[entry.payeePosition] : nil,
                                          payeeSchoolId: payeeIsName || entry.payeePosition < 0 ? nil : schools.key(at: Int(entry.payeePosition)),
                                          category: entry.category, amountFen: entry.amountFen, allocationId: allocationId,
                                          earmarkId: earmarkId, provenance: provenance)
        return Recorded(payload: payload, stamp: entry.stamp)
    }
}

extension LedgerState.ExpenditureEntry: KeyedEntry {
    public var entryKey: String { expenditureId }
}
