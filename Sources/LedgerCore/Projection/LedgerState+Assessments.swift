/// Assessments as the state keeps them: a compact row each (`AssessmentRow`), read back as
/// `Recorded<GroupAssessed>` values through the `assessments` view.
///
/// Why not the payload itself: an assessment held three strings of 16 bytes and a list of
/// assessors allocated on its own: about 138 bytes an assessment with its index, 200k of them
/// in a 10M-event journal. The group and assessors are tables the fold's checks look them up
/// in anyway, so a row keeps their positions (the assessors of all assessments in one flat
/// array), and numbers its period label, which thousands of assessments repeat ("2024").
extension LedgerState {
    /// One assessment, compact (see the extension's comment). Positions refer to this state's
    /// tables, which are only ever appended to, so they stay valid.
    public struct AssessmentRow: Sendable, Equatable {
        /// The assessment's id.
        public let assessmentId: String
        /// When it was made and which event recorded it.
        public let stamp: Stamp
        let provenance: Provenance
        /// The group's position in `groups`.
        let groupPosition: Int32
        /// The period label's number in `assessmentPeriodLabels`.
        let periodLabelNumber: Int32
        /// Where its assessors start in `assessorPositions`.
        let assessorsStart: UInt32
        /// How many assessors it names.
        let assessorCount: UInt32
        /// The outcome.
        public let outcome: AssessmentOutcome
    }

    /// Files a new assessment whose group and assessors are at the given positions, in the
    /// payload's order (the caller has checked them, and that the id is unused).
    mutating func appendAssessment(_ payload: GroupAssessed, stamp: Stamp, groupPosition: Int, assessorPositions positions: [Int32]) {
        guard retention == .full else {
            historyIds.assessments.insert(payload.assessmentId)
            return
        }
        precondition(assessorPositions.count + positions.count <= Int(UInt32.max), "at most \(UInt32.max) assessors in all assessments")
        let row = AssessmentRow(assessmentId: payload.assessmentId, stamp: stamp, provenance: payload.provenance,
                                groupPosition: Int32(groupPosition), periodLabelNumber: assessmentPeriodLabels.number(of: payload.periodLabel),
                                assessorsStart: UInt32(assessorPositions.count), assessorCount: UInt32(positions.count),
                                outcome: payload.outcome)
        assessorPositions.append(contentsOf: positions)
        assessmentRows.append(row, forNewKey: payload.assessmentId)
    }

    /// The assessments, read back as their events recorded them.
    public var assessments: AssessmentTable {
        requireHistory("assessments")
        return RowTable(rows: assessmentRows, context: AssessmentContext(groups: groups, authorities: authorities,
                                                                  periodLabels: assessmentPeriodLabels, assessorPositions: assessorPositions))
    }

    /// A read-only view of the assessments that gives each row back as a
    /// `Recorded<GroupAssessed>`, built when read.
    public typealias AssessmentTable = RowTable<AssessmentRow>

    /// What an assessment row refers into.
    public struct AssessmentContext: Sendable {
        let groups: KeyedTable<GroupEntry>
        let authorities: KeyedTable<AuthorityEntry>
        let periodLabels: InternedStrings
        let assessorPositions: [Int32]
    }
}

extension LedgerState.AssessmentRow: CompactRow {
    /// The assessment as its event recorded it.
    public func entry(in context: LedgerState.AssessmentContext) -> LedgerState.Recorded<GroupAssessed> {
        let assessors = context.assessorPositions[Int(assessorsStart)..<Int(assessorsStart) + Int(assessorCount)]
        let payload = GroupAssessed(assessmentId: assessmentId, groupId: context.groups.key(at: Int(groupPosition)),
                                    periodLabel: context.periodLabels[periodLabelNumber], outcome: outcome,
                                    assessedBy: assessors.map { context.authorities.key(at: Int($0)) }, provenance: provenance)
        return LedgerState.Recorded(payload: payload, stamp: stamp)
    }
}

extension LedgerState.AssessmentRow: KeyedEntry {
    public var entryKey: String { assessmentId }
}
