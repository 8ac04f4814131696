/// Secondments as the state keeps them: a compact row each (`SecondmentRow`), read back as
/// `SecondmentEntry` values through the `secondments` view.
///
/// Why not the entry itself: secondments are the most frequent entity of a journal (1.95M of
/// a 10M-event one), and a `SecondmentEntry` took 160 bytes each (177 with its index), five
/// strings of 16 bytes among them. A row keeps its own id (the key its table's index compares),
/// refers to its staff member, schools and group by their positions in `staff`, `schools` and
/// `groups` (which the fold's checks find anyway), and numbers an external host named in words
/// (`InternedStrings`). The staff member by position, not id: 12 bytes of every row (23 MB of a
/// 10M-event state), and ending a secondment reaches the staff entry without a lookup; reading
/// the id back costs a load from the staff table, which only readers pay.
extension LedgerState {
    /// One secondment, compact (see the extension's comment). Positions refer to this state's
    /// tables, which are only ever appended to, so they stay valid.
    public struct SecondmentRow: Sendable, Equatable {
        /// The secondment's id.
        public let secondmentId: String
        /// Stored once for all secondments listing the same (see `SharedLists`).
        let retainedAtHome: [RetainedAtHome]
        let provenance: Provenance
        /// When it started and which event recorded it.
        public let stamp: Stamp
        /// The latest `SecondmentEnded` (an extension is one; a later end replaces it).
        var end: SecondmentEntry.End?
        /// What kind of secondment. Declared here, in the bytes the end leaves before the next
        /// 4-byte field: at the row's end it made the row 89 bytes, padded to 96.
        public let kind: SecondmentKind
        let plannedEnd: PartialDate
        /// The staff member's position in `staff`.
        let staffPosition: Int32
        /// The home school's position in `schools`.
        let fromSchoolPosition: Int32
        /// The host school's position in `schools`, or −1.
        let toSchoolPosition: Int32
        /// The group's position in `groups`, or −1.
        let groupPosition: Int32
        /// The external host's number in `secondmentHostNames`, or −1.
        let hostNameNumber: Int32

        /// Whether it has not ended (an extension keeps it open).
        var isOpen: Bool { end == nil || end?.outcome == .extended }
    }

    /// Files a new secondment whose staff member, schools and group are at the given positions
    /// (the caller has checked them, and that the id is unused).
    mutating func appendSecondment(_ payload: SecondmentStarted, stamp: Stamp, staffPosition: Int, fromSchoolPosition: Int,
                                   toSchoolPosition: Int?, groupPosition: Int?) {
        guard retention == .full else {
            // A live state keeps the id, and whose it is while it is open.
            historyIds.secondments.insert(payload.secondmentId)
            openSecondmentStaff.insert(position: staffPosition, key: payload.secondmentId)
            return
        }
        let row = SecondmentRow(secondmentId: payload.secondmentId,
                                retainedAtHome: retainedAtHomeLists.shared(payload.retainedAtHome),
                                provenance: payload.provenance, stamp: stamp, end: nil, kind: payload.kind, plannedEnd: payload.plannedEnd,
                                staffPosition: Int32(staffPosition), fromSchoolPosition: Int32(fromSchoolPosition), toSchoolPosition: Int32(toSchoolPosition ?? -1),
                                groupPosition: Int32(groupPosition ?? -1),
                                hostNameNumber: payload.toExternalHostZh.map { secondmentHostNames.number(of: $0) } ?? -1)
        secondmentRows.append(row, forNewKey: payload.secondmentId)
    }

    /// The home school id of the secondment at `position` in `secondmentRows`.
    public func secondmentHomeSchoolId(at position: Int) -> String {
        schools.key(at: Int(secondmentRows.values[position].fromSchoolPosition))
    }

    /// The secondments, read back as their events recorded them.
    public var secondments: SecondmentTable {
        requireHistory("secondments")
        return RowTable(rows: secondmentRows, context: SecondmentContext(staff: staff, schools: schools, groups: groups, hostNames: secondmentHostNames))
    }

    /// A read-only view of the secondments that gives each row back as a `SecondmentEntry`,
    /// built when read: positions become ids again, the host's number its name.
    public typealias SecondmentTable = RowTable<SecondmentRow>

    /// What a secondment row refers into.
    public struct SecondmentContext: Sendable {
        let staff: KeyedTable<StaffEntry>
        let schools: KeyedTable<SchoolEntry>
        let groups: KeyedTable<GroupEntry>
        let hostNames: InternedStrings
    }
}

extension LedgerState.SecondmentRow: CompactRow {
    /// The secondment as its events recorded it.
    public func entry(in context: LedgerState.SecondmentContext) -> LedgerState.SecondmentEntry {
        let payload = SecondmentStarted(
            secondmentId: secondmentId, staffId: context.staff.key(at: Int(staffPosition)), kind: kind,
            fromSchoolId: context.schools.key(at: Int(fromSchoolPosition)),
            toSchoolId: toSchoolPosition < 0 ? nil : context.schools.key(at: Int(toSchoolPosition)),
            toExternalHostZh: hostNameNumber < 0 ? nil : context.hostNames[hostNameNumber],
            groupId: groupPosition < 0 ? nil : context.groups.key(at: Int(groupPosition)),
            plannedEnd: plannedEnd, retainedAtHome: retainedAtHome, provenance: provenance)
        return LedgerState.SecondmentEntry(payload: payload, stamp: stamp, end: end)
    }
}

extension LedgerState.SecondmentRow: KeyedEntry {
    public var entryKey: String { secondmentId }
}
