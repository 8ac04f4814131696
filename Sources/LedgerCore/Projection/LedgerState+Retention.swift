/// How much history a state keeps.
///
/// A `.full` state keeps an entry for every secondment, activity, expenditure, cost share and
/// assessment: what reports, `findings`, `explain` and the history views read. A `.live` state
/// keeps what the fold's checks need and the roster shows: every table but those five, the ids
/// used in them (to refuse a repeated one) and the staff member of each open secondment (to end
/// it). It makes every check a full state makes, refuses the same events with the same errors,
/// and holds the same roster, funds and people; it cannot be asked for history.
///
/// Why: history grows with the journal and the rest with the bureau. At 10M events the five
/// tables took 390 of the state's 608 MB, and `state` (groups and schools) reads none of them.
extension LedgerState {
    /// What a state keeps of history (see the extension's comment).
    public enum Retention: Sendable, Equatable {
        /// Everything: the history entries with the rest.
        case full
        /// Only what the checks need: no history entries, their ids kept compactly.
        case live
    }

    /// The ids of the history a `.live` state does not keep, by kind (all empty in a `.full`
    /// state, whose tables hold them).
    struct HistoryIds: Sendable, Equatable {
        var secondments = CompactIdSet()
        var activities = CompactIdSet()
        var expenditures = CompactIdSet()
        var costShares = CompactIdSet()
        var assessments = CompactIdSet()
    }

    /// An empty state that keeps history as `retention` says.
    public init(retention: Retention) {
        self.retention = retention
    }

    /// Whether a secondment with this id was started (in a state of either retention).
    public func isSecondmentRecorded(_ id: String) -> Bool {
        secondmentRows.index(forKey: id) != nil || historyIds.secondments.contains(id)
    }

    /// Stops a caller reading history from a state that does not keep it: a programming error,
    /// since the caller chose the state's retention.
    func requireHistory(_ table: String) {
        precondition(retention == .full, "\(table) are not kept by a state folded with retention .live")
    }

    /// Files the end of a secondment in a `.live` state: its id must be one started, and
    /// still open (an extension keeps it open); the checks and errors are the full state's.
    mutating func endLiveSecondment(_ payload: SecondmentEnded) throws(DomainError) {
        guard let member = openSecondmentStaffPosition(of: payload.secondmentId) else {
            if historyIds.secondments.contains(payload.secondmentId) {
                throw DomainError(field: "data.secondmentId", "secondment \"\(payload.secondmentId)\" has already ended")
            }
            throw DomainError(field: "data.secondmentId", "unknown secondment \"\(payload.secondmentId)\"")
        }
        if payload.outcome != .extended {
            openSecondmentStaff.remove(position: member, hash: KeyIndex.hash(payload.secondmentId))
            staff.values[member].openSecondmentId = nil
        }
    }

    /// The position in `staff` of the staff member on the open secondment `id`, in a `.live`
    /// state: the index's candidates confirmed by their entries' open secondment.
    func openSecondmentStaffPosition(of id: String) -> Int? {
        staff.values.withUnsafeBufferPointer { entries in
            openSecondmentStaff.position(of: id) { entries[$0].openSecondmentId == id }
        }
    }
}

extension CompactIdSet {
    /// Refuses `id` when the set holds it, as `KeyedTable.requireUnused` refuses an id in use.
    func requireUnused(_ id: String, _ field: String, _ noun: String) throws(DomainError) {
        if count > 0, contains(id) { throw DomainError(field: field, "\(noun) \"\(id)\" is already registered") }
    }
}
