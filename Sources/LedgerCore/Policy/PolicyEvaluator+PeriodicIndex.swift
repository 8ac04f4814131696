/// Lists the periodic pass looks up by group, built once per pass.
extension PolicyEvaluator {
    /// A rule judged for one group would otherwise scan every activity, secondment or
    /// assessment of the journal, for every group and every such rule: at a million events
    /// `report annual` spent most of its time in `activityMin` and `ratioMin`. Built lazily, in the tables' own order, so
    /// each group's list is exactly what filtering the table by group gives.
    ///
    /// The lists of activities and secondments hold positions with the one date they are first
    /// filtered by, not copies of the entries: a rule reads a year out of a history of many, and
    /// copying every secondment and activity of the journal (retaining each string) was a tenth
    /// of a 10M-event report.
    final class PeriodicIndex {
        private let state: LedgerState

        init(_ state: LedgerState) {
            self.state = state
        }

        /// An entry's position in its table with its effective date.
        struct Row {
            let position: Int32
            let effective: PartialDate
        }

        /// Activities by group id, as rows of `state.activities`.
        private(set) lazy var activityRowsByGroup = Self.rows(state.activities.values.indices, by: state.activityGroupId(at:),
                                                              effective: { self.state.activities.values[$0].stamp.effective })

        /// Secondments by the school they leave from, as rows of `state.secondments`.
        private(set) lazy var secondmentRowsByFromSchool = Self.rows(state.secondmentRows.values.indices, by: state.secondmentHomeSchoolId(at:),
                                                                     effective: { self.state.secondmentRows.values[$0].stamp.effective })

        /// Assessments by group id.
        private(set) lazy var assessmentsByGroup: [String: [LedgerState.Recorded<GroupAssessed>]] =
            Dictionary(grouping: state.assessments.values, by: \.payload.groupId)

        /// The group's activities whose effective date passes `include`, in table order.
        func activities(ofGroup groupId: String, where include: (PartialDate) -> Bool) -> [LedgerState.Recorded<GroupActivityHeld>] {
            (activityRowsByGroup[groupId] ?? []).filter { include($0.effective) }.map { state.activity(at: Int($0.position)) }
        }

        /// The secondments from `schoolId` whose effective date passes `include`, in table order.
        func secondments(fromSchool schoolId: String, where include: (PartialDate) -> Bool) -> [LedgerState.SecondmentEntry] {
            Self.entries(state.secondments.values, at: secondmentRowsByFromSchool[schoolId], where: include)
        }

        /// Rows of `entries` grouped by `key`, in table order.
        private static func rows(_ positions: Range<Int>, by key: (Int) -> String, effective: (Int) -> PartialDate) -> [String: [Row]] {
            var rows: [String: [Row]] = [:]
            for position in positions {
                rows[key(position), default: []].append(Row(position: Int32(position), effective: effective(position)))
            }
            return rows
        }

        /// Copies of the entries at `rows` whose date passes `include`.
        private static func entries<Entries: RandomAccessCollection<Entries.Element>>(_ entries: Entries, at rows: [Row]?,
                                                                                        where include: (PartialDate) -> Bool) -> [Entries.Element]
            where Entries.Index == Int {
            (rows ?? []).filter { include($0.effective) }.map { entries[Int($0.position)] }
        }
    }
}
