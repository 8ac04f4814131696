/// Secondments as the state keeps them: a compact row each (`SecondmentRow`), read back as
/// `SecondmentEntry` values through the `secondments` view.
///
/// Why not the entry itself: secondments are the most frequent entity of a journal (1.95M of
/// a 10M-event one), and a `SecondmentEntry` took 160 bytes each (177 with its index), five
/// strings of 16 bytes among them. A row keeps its own id and its staff member's (the staff table outgrows the
/// CPU's caches, so reading an id back from it would cost a cache miss per entry read), refers
/// to its schools and group by their positions in `schools` and `groups` (small tables the
/// fold's checks find anyway), and numbers an external host named in words (`InternedStrings`).
extension LedgerState {
    /// One secondment, compact (see the extension's comment). Positions refer to this state's
    /// tables, which are only ever appended to, so they stay valid.
    public struct SecondmentRow: Sendable, Equatable {
        /// The secondment's id.
        public let secondmentId: String
        /// Its staff member's id.
        public let staffId: String
        /// Stored once for all secondments listing the same (see `SharedLists`).
        let retainedAtHome: [RetainedAtHome]
        let provenance: Provenance
        /// When it started and which event recorded it.
        public let stamp: Stamp
        /// The latest `SecondmentEnded` (an extension is one; a later end replaces it).
        var end: SecondmentEntry.End?
        let plannedEnd: PartialDate
        /// The home school's position in `schools`.
        let fromSchoolPosition: Int32
        /// The host school's position in `schools`, or −1.
        let toSchoolPosition: Int32
        /// The group's position in `groups`, or −1.
        let groupPosition: Int32
        /// The external host's number in `secondmentHostNames`, or −1.
        let hostNameNumber: Int32
        /// What kind of secondment.
        public let kind: SecondmentKind

        /// Whether it has not ended (an extension keeps it open).
        var isOpen: Bool { end == nil || end?.outcome == .extended }
    }

    /// Files a new secondment whose schools and group are at the given positions (the caller
    /// has checked them, and that the id is unused).
    mutating func appendSecondment(_ payload: SecondmentStarted, stamp: Stamp, fromSchoolPosition: Int,
                                   toSchoolPosition: Int?, groupPosition: Int?) {
        let row = SecondmentRow(secondmentId: payload.secondmentId, staffId: payload.staffId,
                                retainedAtHome: retainedAtHomeLists.shared(payload.retainedAtHome),
                                provenance: payload.provenance, stamp: stamp, end: nil, plannedEnd: payload.plannedEnd,
                                fromSchoolPosition: Int32(fromSchoolPosition), toSchoolPosition: Int32(toSchoolPosition ?? -1),
                                groupPosition: Int32(groupPosition ?? -1),
                                hostNameNumber: payload.toExternalHostZh.map { secondmentHostNames.number(of: $0) } ?? -1,
                                kind: payload.kind)
        secondmentRows.append(row, forNewKey: payload.secondmentId)
    }

    /// The home school id of the secondment at `position` in `secondmentRows`.
    public func secondmentHomeSchoolId(at position: Int) -> String {
        schools.key(at: Int(secondmentRows.values[position].fromSchoolPosition))
    }

    /// The secondments, read back as their events recorded them.
    public var secondments: SecondmentTable {
        RowTable(rows: secondmentRows, context: SecondmentContext(schools: schools, groups: groups, hostNames: secondmentHostNames))
    }

    /// A read-only view of the secondments that gives each row back as a `SecondmentEntry`,
    /// built when read: positions become ids again, the host's number its name.
    public typealias SecondmentTable = RowTable<SecondmentRow>

    /// What a secondment row refers into.
    public struct SecondmentContext: Sendable {
        let schools: KeyedTable<SchoolEntry>
        let groups: KeyedTable<GroupEntry>
        let hostNames: InternedStrings
    }
}

extension LedgerState.SecondmentRow: CompactRow {
    /// The secondment as its events recorded it.
    public func entry(in context: LedgerState.SecondmentContext) -> LedgerState.SecondmentEntry {
        let payload = SecondmentStarted(
            secondmentId: secondmentId, staffId: staffId, kind: kind,
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
