/// Lists the periodic pass looks up by group, built once per pass.
extension PolicyEvaluator {
    /// A rule judged for one group would otherwise scan every activity, secondment or
    /// assessment of the journal, for every group and every such rule: at a million events
    /// `report annual` spent most of its time in `activityMin` and `ratioMin`. Built lazily, in the tables' own order, so
    /// each group's list is exactly what filtering the table by group gives.
    final class PeriodicIndex {
        private let state: LedgerState

        init(_ state: LedgerState) {
            self.state = state
        }

        /// Activities by group id.
        private(set) lazy var activitiesByGroup: [String: [LedgerState.Recorded<GroupActivityHeld>]] =
            Dictionary(grouping: state.activities.values, by: \.payload.groupId)

        /// Secondments by the school they leave from.
        private(set) lazy var secondmentsByFromSchool: [String: [LedgerState.SecondmentEntry]] =
            Dictionary(grouping: state.secondments.values, by: \.payload.fromSchoolId)

        /// Assessments by group id.
        private(set) lazy var assessmentsByGroup: [String: [LedgerState.Recorded<GroupAssessed>]] =
            Dictionary(grouping: state.assessments.values, by: \.payload.groupId)
    }
}
