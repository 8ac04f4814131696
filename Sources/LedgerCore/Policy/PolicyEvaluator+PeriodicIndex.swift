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
        private(set) lazy var activityRowsByGroup: [String: [Row]] = {
            var rows: [String: [Row]] = [:]
            for (position, entry) in state.activities.values.enumerated() {
                rows[entry.payload.groupId, default: []].append(Row(position: Int32(position), effective: entry.stamp.effective))
            }
            return rows
        }()

        /// Secondments by the school they leave from, as rows of `state.secondments`.
        private(set) lazy var secondmentRowsByFromSchool: [String: [Row]] = {
            var rows: [String: [Row]] = [:]
            for (position, entry) in state.secondments.values.enumerated() {
                rows[entry.payload.fromSchoolId, default: []].append(Row(position: Int32(position), effective: entry.stamp.effective))
            }
            return rows
        }()

        /// Assessments by group id.
        private(set) lazy var assessmentsByGroup: [String: [LedgerState.Recorded<GroupAssessed>]] =
            Dictionary(grouping: state.assessments.values, by: \.payload.groupId)

        /// The group's activities whose effective date passes `include`, in table order.
        func activities(ofGroup groupId: String, where include: (PartialDate) -> Bool) -> [LedgerState.Recorded<GroupActivityHeld>] {
            let entries = state.activities.values
            return (activityRowsByGroup[groupId] ?? []).filter { include($0.effective) }.map { entries[Int($0.position)] }
        }

        /// The secondments from `schoolId` whose effective date passes `include`, in table order.
        func secondments(fromSchool schoolId: String, where include: (PartialDate) -> Bool) -> [LedgerState.SecondmentEntry] {
            let entries = state.secondments.values
            return (secondmentRowsByFromSchool[schoolId] ?? []).filter { include($0.effective) }.map { entries[Int($0.position)] }
        }
    }
}
