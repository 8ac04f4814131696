/// Approvals as the state keeps them: a compact row each (`ApprovalRow`), read back as
/// `ApprovalEntry` values through the `approvals` view.
///
/// Why not the entry itself: an `ApprovalEntry` holds a request and its decision whole, ten
/// strings of 16 bytes among them, most optional and most absent (about 320 bytes an entry with
/// its index; 204k of them in a 10M-event journal). The authorities, schools, groups and
/// documents an approval names are small tables the fold's checks look them up in anyway, so
/// a row keeps their positions; the ids it does not check (staff, rule) and its texts are
/// numbered once in `approvalTexts`.
extension LedgerState {
    /// One approval, compact (see the extension's comment). Positions refer to this state's
    /// tables, which are only ever appended to, so they stay valid; −1 is none.
    public struct ApprovalRow: Sendable, Equatable {
        /// The approval's id.
        public let approvalId: String
        /// When it was requested and which event recorded it.
        public let requestStamp: Stamp
        /// When it was decided, once `decision` is set (the request's stamp until then).
        var decisionStamp: Stamp
        let requestProvenance: Provenance
        /// The decision's provenance, once `decision` is set.
        var decisionProvenance: Provenance
        /// The authority addressed: its position in `authorities`.
        let addressedToPosition: Int32
        /// Who asked: an authority's position in `authorities`, or a school's position p in
        /// `schools` as −(p + 1) (an id both could name is the authority's, as the fold reads it).
        let requestedByReference: Int32
        /// The group's position in `groups`.
        let groupPosition: Int32
        /// The school's position in `schools`.
        let schoolPosition: Int32
        /// The staff id's number in `approvalTexts`.
        let staffIdNumber: Int32
        /// The rule id's number in `approvalTexts`.
        let ruleIdNumber: Int32
        /// The reason's number in `approvalTexts`.
        let reasonNumber: Int32
        /// The deciding authority's position in `authorities`.
        var decidedByPosition: Int32 = -1
        /// The decision's document: its position in `documents`.
        var documentPosition: Int32 = -1
        /// The decision's conditions: their number in `approvalTexts`.
        var conditionsNumber: Int32 = -1
        /// What is asked for.
        public let action: ApprovalAction
        /// The decision, or nil while pending.
        public internal(set) var decision: ApprovalDecision?
    }

    /// Files a new request whose authority and requester are at the given positions (the
    /// caller has checked them, and that the id is unused).
    mutating func appendApproval(_ payload: ApprovalRequested, stamp: Stamp, addressedToPosition: Int, requestedByReference: Int,
                                 groupPosition: Int?, schoolPosition: Int?) {
        let row = ApprovalRow(approvalId: payload.approvalId, requestStamp: stamp, decisionStamp: stamp,
                              requestProvenance: payload.provenance, decisionProvenance: payload.provenance,
                              addressedToPosition: Int32(addressedToPosition), requestedByReference: Int32(requestedByReference),
                              groupPosition: Int32(groupPosition ?? -1), schoolPosition: Int32(schoolPosition ?? -1),
                              staffIdNumber: approvalTextNumber(payload.staffId), ruleIdNumber: approvalTextNumber(payload.ruleId),
                              reasonNumber: approvalTextNumber(payload.reasonZh), action: payload.action, decision: nil)
        approvalRows.append(row, forNewKey: payload.approvalId)
    }

    /// Records the decision on the request at `position` in `approvalRows` (the caller has
    /// checked that it is pending, and the authority and document at the given positions).
    mutating func decideApproval(at position: Int, _ payload: ApprovalDecided, stamp: Stamp, decidedByPosition: Int, documentPosition: Int?) {
        let conditions = approvalTextNumber(payload.conditionsZh)
        approvalRows.values[position].decide(payload, stamp: stamp, decidedByPosition: Int32(decidedByPosition),
                                             documentPosition: Int32(documentPosition ?? -1), conditionsNumber: conditions)
    }

    /// The number of `text` in `approvalTexts`, or −1 for none.
    private mutating func approvalTextNumber(_ text: String?) -> Int32 {
        text.map { approvalTexts.number(of: $0) } ?? -1
    }

    /// The approvals, read back as their events recorded them.
    public var approvals: ApprovalTable {
        RowTable(rows: approvalRows, context: ApprovalContext(authorities: authorities, schools: schools, groups: groups,
                                                              documents: documents, texts: approvalTexts))
    }

    /// A read-only view of the approvals that gives each row back as an `ApprovalEntry`, built
    /// when read.
    public typealias ApprovalTable = RowTable<ApprovalRow>

    /// What an approval row refers into.
    public struct ApprovalContext: Sendable {
        let authorities: KeyedTable<AuthorityEntry>
        let schools: KeyedTable<SchoolEntry>
        let groups: KeyedTable<GroupEntry>
        let documents: KeyedTable<DocumentEntry>
        let texts: InternedStrings
    }
}

extension LedgerState.ApprovalRow {
    /// Sets the decision (see `LedgerState.decideApproval`).
    mutating func decide(_ payload: ApprovalDecided, stamp: LedgerState.Stamp, decidedByPosition: Int32, documentPosition: Int32,
                         conditionsNumber: Int32) {
        decision = payload.decision
        decisionStamp = stamp
        decisionProvenance = payload.provenance
        self.decidedByPosition = decidedByPosition
        self.documentPosition = documentPosition
        self.conditionsNumber = conditionsNumber
    }
}

extension LedgerState.ApprovalRow: CompactRow {
    /// The approval as its events recorded it.
    public func entry(in context: LedgerState.ApprovalContext) -> LedgerState.ApprovalEntry {
        func text(_ number: Int32) -> String? { number < 0 ? nil : context.texts[number] }
        let requestedBy = requestedByReference >= 0 ? context.authorities.key(at: Int(requestedByReference))
            : context.schools.key(at: Int(-requestedByReference - 1))
        let request = ApprovalRequested(
            approvalId: approvalId, action: action, addressedTo: context.authorities.key(at: Int(addressedToPosition)),
            requestedBy: requestedBy, groupId: groupPosition < 0 ? nil : context.groups.key(at: Int(groupPosition)),
            schoolId: schoolPosition < 0 ? nil : context.schools.key(at: Int(schoolPosition)), staffId: text(staffIdNumber),
            ruleId: text(ruleIdNumber), reasonZh: text(reasonNumber), provenance: requestProvenance)
        let decided = decision.map { decision in
            ApprovalDecided(approvalId: approvalId, decision: decision, decidedBy: context.authorities.key(at: Int(decidedByPosition)),
                            documentId: documentPosition < 0 ? nil : context.documents.key(at: Int(documentPosition)),
                            conditionsZh: text(conditionsNumber), provenance: decisionProvenance)
        }
        return LedgerState.ApprovalEntry(request: request, requestStamp: requestStamp, decision: decided,
                                         decisionStamp: decision == nil ? nil : decisionStamp)
    }
}

extension LedgerState.ApprovalRow: KeyedEntry {
    public var entryKey: String { approvalId }
}
