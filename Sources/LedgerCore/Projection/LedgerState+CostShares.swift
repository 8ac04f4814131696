/// Cost shares as the state keeps them: a compact row each (`CostShareRow`), read back as
/// `Recorded<CostShareApportioned>` values through the `costShares` view.
///
/// Why not the payload itself: a cost share held three strings of 16 bytes and a list of
/// shares allocated on its own (a school id and an amount, 24 bytes each): about 194 bytes a
/// cost share with its index, 200k of them in a 10M-event journal. The group and schools are
/// tables the fold's checks look them up in anyway, so a row keeps their positions, and the
/// shares of all cost shares lie in two flat arrays (12 bytes a share, no allocation each).
extension LedgerState {
    /// One cost share, compact (see the extension's comment). Positions refer to this state's
    /// tables, which are only ever appended to, so they stay valid.
    public struct CostShareRow: Sendable, Equatable {
        /// The cost share's id.
        public let costShareId: String
        /// When it was apportioned and which event recorded it.
        public let stamp: Stamp
        /// The total apportioned.
        public let totalFen: Int64
        let provenance: Provenance
        /// The group's position in `groups`.
        let groupPosition: Int32
        /// The disbursing school's position in `schools`.
        let disbursingSchoolPosition: Int32
        /// Where its shares start in `costShareSchoolPositions` and `costShareAmountsFen`.
        let sharesStart: UInt32
        /// How many shares it has.
        let shareCount: UInt32
    }

    /// Files a new cost share whose group and disbursing school are at the given positions,
    /// with its shares' schools at `shareSchoolPositions`, in the payload's order (the caller
    /// has checked them all, and that the id is unused).
    mutating func appendCostShare(_ payload: CostShareApportioned, stamp: Stamp, groupPosition: Int, disbursingSchoolPosition: Int,
                                  shareSchoolPositions: [Int32]) {
        guard retention == .full else {
            historyIds.costShares.insert(payload.costShareId)
            return
        }
        precondition(costShareSchoolPositions.count + shareSchoolPositions.count <= Int(UInt32.max),
                     "at most \(UInt32.max) shares in all cost shares")
        let row = CostShareRow(costShareId: payload.costShareId, stamp: stamp, totalFen: payload.totalFen, provenance: payload.provenance,
                               groupPosition: Int32(groupPosition), disbursingSchoolPosition: Int32(disbursingSchoolPosition),
                               sharesStart: UInt32(costShareSchoolPositions.count), shareCount: UInt32(shareSchoolPositions.count))
        costShareSchoolPositions.append(contentsOf: shareSchoolPositions)
        costShareAmountsFen.append(contentsOf: payload.shares.map(\.amountFen))
        costShareRows.append(row, forNewKey: payload.costShareId)
    }

    /// The cost shares, read back as their events recorded them.
    public var costShares: CostShareTable {
        requireHistory("cost shares")
        return RowTable(rows: costShareRows, context: CostShareContext(groups: groups, schools: schools, shareSchoolPositions: costShareSchoolPositions,
                                                                shareAmountsFen: costShareAmountsFen))
    }

    /// A read-only view of the cost shares that gives each row back as a
    /// `Recorded<CostShareApportioned>`, built when read.
    public typealias CostShareTable = RowTable<CostShareRow>

    /// What a cost share row refers into.
    public struct CostShareContext: Sendable {
        let groups: KeyedTable<GroupEntry>
        let schools: KeyedTable<SchoolEntry>
        let shareSchoolPositions: [Int32]
        let shareAmountsFen: [Int64]
    }
}

extension LedgerState.CostShareRow: CompactRow {
    /// The cost share as its event recorded it.
    public func entry(in context: LedgerState.CostShareContext) -> LedgerState.Recorded<CostShareApportioned> {
        let shares = (Int(sharesStart)..<Int(sharesStart) + Int(shareCount)).map { index in
            CostShareApportioned.Share(schoolId: context.schools.key(at: Int(context.shareSchoolPositions[index])),
                                       amountFen: context.shareAmountsFen[index])
        }
        let payload = CostShareApportioned(
            costShareId: costShareId, groupId: context.groups.key(at: Int(groupPosition)), totalFen: totalFen,
            disbursingSchoolId: context.schools.key(at: Int(disbursingSchoolPosition)), shares: shares, provenance: provenance)
        return LedgerState.Recorded(payload: payload, stamp: stamp)
    }
}

extension LedgerState.CostShareRow: KeyedEntry {
    public var entryKey: String { costShareId }
}
