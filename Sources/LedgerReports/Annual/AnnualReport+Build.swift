public import LedgerCore

/// Building the report from the folded state: pure, so the same journal always gives the same
/// report (the CLI reads the journal; this only counts).
extension AnnualReport {
    /// What the report needs besides the state: findings and the authority of each event.
    public struct Inputs: Sendable {
        /// The state folded from the whole journal (facts effective after the period are ignored by date).
        public var state: LedgerState
        /// On-append findings of events effective in the period, each with its event's seq.
        public var onAppendFindings: [(seq: Int64, finding: Finding)]
        /// Periodic findings for the period's school year.
        public var periodicFindings: [Finding]
        /// The authority (文号, approval, clause) of every event that had one, by seq.
        public var authorities: [Int64: Authority]
        /// Events effective in the period recorded after a seal of it (explicit adjustments).
        public var adjustments: [AnnualAdjustment]

        /// Creates the inputs.
        public init(state: LedgerState, onAppendFindings: [(seq: Int64, finding: Finding)], periodicFindings: [Finding],
                    authorities: [Int64: Authority], adjustments: [AnnualAdjustment] = []) {
            self.state = state
            self.onAppendFindings = onAppendFindings
            self.periodicFindings = periodicFindings
            self.authorities = authorities
            self.adjustments = adjustments
        }
    }

    /// The report for `period`, for every jurisdiction with groups (or only `jurisdictionId`,
    /// or only the jurisdiction of `groupId` with that one group).
    public static func build(_ inputs: Inputs, period: ReportPeriod, digest: Digest, jurisdictionId: String? = nil,
                             groupId: String? = nil) -> AnnualReport {
        let state = inputs.state
        let chosenGroups = state.groups.values
            .filter { $0.status(onDay: period.endDay - 1) != nil }
            .filter { jurisdictionId == nil || $0.jurisdictionId == jurisdictionId }
            .filter { groupId == nil || $0.groupId == groupId }
        let jurisdictionIds = Set(chosenGroups.map(\.jurisdictionId)).union(jurisdictionId.map { [$0] } ?? []).sorted()
        let builder = Builder(inputs: inputs, period: period)
        let jurisdictions = jurisdictionIds.map { id in
            builder.jurisdiction(id, groups: chosenGroups.filter { $0.jurisdictionId == id }.sorted { $0.groupId < $1.groupId },
                                 wholeJurisdiction: groupId == nil)
        }
        return AnnualReport(period: period, digest: digest, jurisdictions: jurisdictions)
    }

    /// Counts the figures of one period.
    struct Builder {
        let inputs: Inputs
        let period: ReportPeriod
        /// The folded state (stored, not computed from `inputs`: a computed property handed
        /// each caller a copy, retaining every table, several times per secondment).
        let state: LedgerState
        // The indexes below hold positions in the state's tables, not copies of the entries:
        // at 10M events copies of every secondment (twice) and expenditure were over 1 GB.

        /// Positions in `state.secondments` of the period's secondments by the group they serve,
        /// in seq order (indexed once: scanning every secondment per group made a million-event
        /// report take minutes).
        let periodSecondmentsByGroup: [String: PeriodSecondments]
        /// Positions in `state.secondments` of the secondments started in the period, by home
        /// school, in seq order.
        let startedSecondmentsByHomeSchool: [String: [Int32]]
        // The money indexes hold the period's fiscal year only: the figures read nothing else,
        // and indexing every allocation, earmark and expenditure ever recorded (copies of the
        // first two) made building them grow faster than the journal (at 10M events, 0.5 s).

        /// The period year's allocations by the group they are for, and their earmarks by
        /// allocation, in seq order.
        let allocationsByGroup: [String: [LedgerState.AllocationEntry]]
        let earmarksByAllocation: [String: [LedgerState.EarmarkEntry]]
        /// Positions in `state.expenditures` by the allocation or earmark (of the period year's
        /// allocations) paid from, in seq order.
        let expenditurePositionsBySource: [String: [Int32]]
        /// Positions in `state.costShares` by group, in seq order (a scan of every cost share
        /// for each group grew with groups × journal).
        let costSharePositionsByGroup: [String: [Int32]]
        /// Findings (periodic and on-append) by the group their subject belongs to.
        let findingsByGroup: [String: [Finding]]

        init(inputs: Inputs, period: ReportPeriod) {
            self.inputs = inputs
            self.period = period
            let state = inputs.state
            self.state = state
            (periodSecondmentsByGroup, startedSecondmentsByHomeSchool) = Self.periodSecondments(state, period: period)
            let periodAllocations = state.allocations.values
                .filter { $0.payload.groupId != nil && $0.payload.fiscalYear == period.year }
                .sorted { $0.stamp.seq < $1.stamp.seq }
            allocationsByGroup = Dictionary(grouping: periodAllocations) { $0.payload.groupId ?? "" }
            let allocationIds = Set(periodAllocations.map(\.payload.allocationId))
            let periodEarmarks = state.earmarks.values
                .filter { allocationIds.contains($0.payload.allocationId) }
                .sorted { $0.stamp.seq < $1.stamp.seq }
            earmarksByAllocation = Dictionary(grouping: periodEarmarks) { $0.payload.allocationId }
            let sourceIds = allocationIds.union(periodEarmarks.map(\.payload.earmarkId))
            var bySource: [String: [Int32]] = [:]
            let expenditures = state.expenditures.values
            for position in Self.seqOrder(expenditures, seq: { $0.stamp.seq }) {
                let (allocationId, earmarkId) = state.expenditureSourceIds(at: Int(position))
                if let allocation = allocationId, sourceIds.contains(allocation) {
                    bySource[allocation, default: []].append(position)
                }
                if let earmark = earmarkId, sourceIds.contains(earmark) {
                    bySource[earmark, default: []].append(position)
                }
            }
            expenditurePositionsBySource = bySource
            var sharesByGroup: [String: [Int32]] = [:]
            let costShares = state.costShares.values
            for position in Self.seqOrder(costShares, seq: { $0.stamp.seq }) {
                sharesByGroup[costShares[Int(position)].payload.groupId, default: []].append(position)
            }
            costSharePositionsByGroup = sharesByGroup
            var findings: [String: [Finding]] = [:]
            for finding in inputs.periodicFindings + inputs.onAppendFindings.map(\.finding) {
                if let groupId = Self.groupId(ofSubject: finding.subject, in: state) { findings[groupId, default: []].append(finding) }
            }
            findingsByGroup = findings
        }

        /// The period's secondments, by the group they serve and by home school, sorted out in
        /// one pass over every secondment in table order, while each entry is read anyway.
        ///
        /// Why one pass: a group's secondments lie all over the table (one group's among a
        /// thousand), so filtering each group's whole history three times (started, ended,
        /// running at the end) read every secondment three times at random, each read a cache
        /// miss once the table outgrows the cache (at 10M events, 2 of a report's 24 s, growing
        /// 22x from 1M).
        static func periodSecondments(_ state: LedgerState, period: ReportPeriod)
            -> (byGroup: [String: PeriodSecondments], startedByHomeSchool: [String: [Int32]]) {
            var byGroup: [String: PeriodSecondments] = [:]
            var startedByHome: [String: [Int32]] = [:]
            let lastDay = period.endDay - 1
            let spansBySchool = state.membershipSpansBySchool()
            func groupIds(ofSchool schoolId: String, onDay day: Int) -> [String] {
                var found: [String] = []
                for span in spansBySchool[schoolId] ?? [] where span.contains(day: day) && !found.contains(span.groupId) { found.append(span.groupId) }
                return found
            }
            let secondments = state.secondments.values
            var served: [String] = []
            for position in Self.seqOrder(secondments, seq: { $0.stamp.seq }) {
                let entry = secondments[Int(position)]
                let started = period.contains(entry.stamp.effective)
                // `entry.end` read itself: `endStamp` read in a closure here crashed Swift 6.3.1's
                // release optimizer (CopyPropagation), as in `PolicyEvaluator`'s term check.
                var ended = false
                if let end = entry.end { ended = period.contains(end.stamp.effective) }
                let running = entry.stamp.effective.firstDayNumber <= lastDay && state.isRunning(entry, onDay: lastDay)
                if started { startedByHome[entry.payload.fromSchoolId, default: []].append(position) }
                if !(started || ended || running) { continue }
                served.removeAll(keepingCapacity: true)
                if let groupId = entry.payload.groupId {
                    served.append(groupId)
                } else if let destination = entry.payload.toSchoolId {
                    // Naming no group: every group both ends belonged to on the day it started.
                    let day = entry.stamp.effective.firstDayNumber
                    let destinationGroups = groupIds(ofSchool: destination, onDay: day)
                    for groupId in groupIds(ofSchool: entry.payload.fromSchoolId, onDay: day) where destinationGroups.contains(groupId) {
                        served.append(groupId)
                    }
                }
                for groupId in served {
                    byGroup[groupId, default: PeriodSecondments()].add(position, started: started, ended: ended, running: running)
                }
            }
            return (byGroup, startedByHome)
        }

        /// The positions of `entries` in seq order: the order of insertion, which a fold in seq
        /// order gives already (checked here, not assumed).
        static func seqOrder<Entries: RandomAccessCollection>(_ entries: Entries, seq: (Entries.Element) -> Int64) -> [Int32]
            where Entries.Index == Int {
            var positions = Array(0..<Int32(entries.count))
            let inOrder = entries.indices.dropFirst().allSatisfy { seq(entries[$0 - 1]) < seq(entries[$0]) }
            if !inOrder { positions.sort { seq(entries[Int($0)]) < seq(entries[Int($1)]) } }
            return positions
        }

        /// The group a finding's subject (`group bs-g1`, `membership m-…`) belongs to.
        static func groupId(ofSubject subject: String, in state: LedgerState) -> String? {
            let id = subject.split(separator: " ").last.map(String.init) ?? ""
            return state.groups[id]?.groupId ?? state.memberships[id]?.groupId
        }
        /// The last day of the period, on which "at the end" figures are taken.
        var lastDay: Int { period.endDay - 1 }

        func jurisdiction(_ id: String, groups: [LedgerState.GroupEntry], wholeJurisdiction: Bool) -> JurisdictionSummary {
            let profile = PolicyEvaluator.profile(for: id, onDay: lastDay, in: state)
            var figures = wholeJurisdiction ? jurisdictionFigures(id, groups: groups) : []
            figures += adjustmentFigures(jurisdictionId: id)
            return JurisdictionSummary(jurisdictionId: id, nameZh: jurisdictionName(id), profileText: profile.map { "\($0.profileId) v\($0.version)" },
                                       figures: figures, groups: groups.map { group(summaryOf: $0, profile: profile) })
        }

        /// The profile's own name for the jurisdiction (`蚌山区`), else the bureau's name, else the id.
        func jurisdictionName(_ id: String) -> String {
            for versions in state.profiles.values {
                for adopted in versions where adopted.payload.jurisdictionId == id {
                    if case .object(let jurisdiction)? = adopted.payload.profile["jurisdiction"], let name = jurisdiction["nameZh"]?.stringValue { return name }
                }
            }
            return state.authorities.values.filter { $0.payload.jurisdictionId == id }.map(\.payload.nameZh).sorted().first ?? id
        }

        /// `黄塘中学 (seq 266, 邵教发〔2023〕50号)`.
        func described(_ name: String, seq: Int64) -> String {
            let authority = inputs.authorities[seq].map { ", " + EventText.authorityText($0, language: .zh) } ?? ""
            return "\(name) (seq \(seq)\(authority))"
        }

        func schoolName(_ id: String) -> String { state.schools[id]?.name(onDay: lastDay) ?? id }

        // MARK: groups

        func group(summaryOf group: LedgerState.GroupEntry, profile: PolicyProfile?) -> GroupSummary {
            // A group only proposed (or withdrawn) by the end has no practice to judge yet.
            let established = (group.establishedStamp?.effective.firstDayNumber ?? Int.max) <= lastDay
            let compliance = established ? profile.map { complianceRows(group, profile: $0) } ?? [] : []
            var figures = membershipFigures(group)
            figures += secondmentFigures(group)
            figures += rotationFigures(group, compliance: compliance, profile: profile)
            figures += fundFigures(group)
            let lead = state.members(ofGroup: group.groupId, onDay: lastDay).first { $0.role == .lead }
            return GroupSummary(groupId: group.groupId, nameZh: group.nameZh, type: group.type, status: group.status(onDay: lastDay),
                                leadNameZh: lead?.schoolNameZh, synthetic: state.isSynthetic(groupId: group.groupId), figures: figures,
                                compliance: compliance, memberCounts: memberCounts(group))
        }

        func memberships(of group: LedgerState.GroupEntry) -> [LedgerState.MembershipEntry] {
            state.membershipTimeline(ofGroup: group.groupId)
        }

        func membershipFigures(_ group: LedgerState.GroupEntry) -> [ReportFigure] {
            let atStart = state.members(ofGroup: group.groupId, onDay: period.startDay)
            let atEnd = state.members(ofGroup: group.groupId, onDay: lastDay)
            let all = memberships(of: group)
            let joins = all.filter { period.contains($0.joined.effective) }.sorted { $0.joined.seq < $1.joined.seq }
            let exits = all.compactMap { membership in membership.exit.map { (membership, $0) } }
                .filter { period.contains($0.1.stamp.effective) }.sorted { $0.1.stamp.seq < $1.1.stamp.seq }
            func names(_ views: [LedgerState.MemberView]) -> String { views.map(\.schoolNameZh).joined(separator: "、") }
            return [
                ReportFigure(section: "membership", measure: "membersAtStart", labelZh: "年初成员校数", labelEn: "members at the start",
                             value: .count(atStart.count), evidenceSeqs: atStart.map(\.membership.joined.seq), detail: names(atStart)),
                ReportFigure(section: "membership", measure: "membersAtEnd", labelZh: "年末成员校数", labelEn: "members at the end",
                             value: .count(atEnd.count), evidenceSeqs: atEnd.map(\.membership.joined.seq), detail: names(atEnd)),
                ReportFigure(section: "membership", measure: "joins", labelZh: "加入", labelEn: "joined", value: .count(joins.count),
                             evidenceSeqs: joins.map(\.joined.seq),
                             detail: joins.map { described(schoolName($0.schoolId), seq: $0.joined.seq) }.joined(separator: "；")),
                ReportFigure(section: "membership", measure: "exits", labelZh: "退出", labelEn: "exited", value: .count(exits.count),
                             evidenceSeqs: exits.map(\.1.stamp.seq),
                             detail: exits.map { described("\(schoolName($0.0.schoolId)) \(Language.zh.word($0.1.payload))", seq: $0.1.stamp.seq) }
                                .joined(separator: "；")),
            ]
        }

        /// Members on the first day, on every day the roster changed, and on the last day.
        func memberCounts(_ group: LedgerState.GroupEntry) -> [(day: Int, count: Int)] {
            var days: Set<Int> = [period.startDay, lastDay]
            let all = memberships(of: group)
            for membership in all {
                let joined = membership.joined.effective.firstDayNumber
                if (period.startDay..<period.endDay).contains(joined) { days.insert(joined) }
                if let exit = membership.exit?.stamp.effective.firstDayNumber, (period.startDay..<period.endDay).contains(exit) { days.insert(exit) }
            }
            // Counted from the memberships read once, as `members(ofGroup:onDay:)` would list them.
            return days.sorted().map { day in (day, all.reduce(0) { $0 + ($1.isMember(onDay: day) ? 1 : 0) }) }
        }

        /// The secondments from a home school started in the period that `include` accepts, in seq order.
        func startedSecondments(fromHomeSchool schoolId: String, where include: (LedgerState.SecondmentEntry) -> Bool) -> [LedgerState.SecondmentEntry] {
            Self.entries(state.secondments.values, at: startedSecondmentsByHomeSchool[schoolId], where: include)
        }

        /// The expenditures paid from an allocation or earmark, in seq order.
        func expenditures(fromSource sourceId: String) -> [LedgerState.Recorded<ExpenditureRecorded>] {
            (expenditurePositionsBySource[sourceId] ?? []).map { state.expenditure(at: Int($0)) }
        }

        /// The entries at `positions` that `include` accepts, in the order of `positions`.
        /// Filtered before they are copied: a group's or school's history holds many years of
        /// entries, and a report reads one.
        static func entries<Entry>(_ entries: [Entry], at positions: [Int32]?, where include: (Entry) -> Bool) -> [Entry] {
            entries.withUnsafeBufferPointer { entries in
                (positions ?? []).filter { include(entries[Int($0)]) }.map { entries[Int($0)] }
            }
        }

        /// The secondments at `positions` that `include` accepts, in the order of `positions`
        /// (each built once from its row).
        static func entries(_ entries: LedgerState.SecondmentTable.Values, at positions: [Int32]?,
                            where include: (LedgerState.SecondmentEntry) -> Bool) -> [LedgerState.SecondmentEntry] {
            (positions ?? []).map { entries[Int($0)] }.filter(include)
        }

        /// `牵头校→成员校`: the roles of the two ends on the day it started (外部 for a host outside the ledger),
        /// read from `memberships`, the group's memberships in joining order.
        func direction(_ entry: LedgerState.SecondmentEntry, memberships: [LedgerState.MembershipEntry]) -> String {
            let day = entry.stamp.effective.firstDayNumber
            func role(_ id: String?) -> String {
                guard let id else { return "外部" }
                // As `members(ofGroup:onDay:)` lists a school's memberships (a lead first, then in
                // joining order), without building the roster for every secondment.
                var found: MemberRole?
                for membership in memberships where membership.schoolId == id && membership.isMember(onDay: day) {
                    let role = membership.role(onDay: day)
                    if role == .lead { found = role; break }
                    if found == nil { found = role }
                }
                return found.map { Language.zh.word($0) } ?? "集团外"
            }
            return "\(role(entry.payload.fromSchoolId))→\(role(entry.payload.toSchoolId))"
        }

        func secondmentFigures(_ group: LedgerState.GroupEntry) -> [ReportFigure] {
            // The group's secondments (those naming it, or, naming none, between two of its members).
            let ofGroup = periodSecondmentsByGroup[group.groupId] ?? PeriodSecondments()
            let all = state.secondments.values
            let started = Self.entries(all, at: ofGroup.started, where: { _ in true })
            let ended = Self.entries(all, at: ofGroup.ended, where: { _ in true })
            let open = Self.entries(all, at: ofGroup.runningAtEnd, where: { _ in true })
            let groupMemberships = memberships(of: group)
            func breakdown(_ entries: [LedgerState.SecondmentEntry], _ key: (LedgerState.SecondmentEntry) -> String) -> String {
                var counts: [String: Int] = [:]
                for entry in entries { counts[key(entry), default: 0] += 1 }
                return counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: "，")
            }
            // Each start's direction once (it reads the group's roster on the day it started);
            // the breakdowns by kind and over all kinds share it.
            let directions = Dictionary(started.map { ($0.stamp.seq, direction($0, memberships: groupMemberships)) }, uniquingKeysWith: { first, _ in first })
            let startDirection = { (entry: LedgerState.SecondmentEntry) in directions[entry.stamp.seq] ?? "" }
            var figures: [ReportFigure] = []
            for kind in SecondmentKind.allCases {
                let ofKind = started.filter { $0.payload.kind == kind }
                guard !ofKind.isEmpty else { continue }
                figures.append(ReportFigure(section: "secondments", measure: "started.\(kind.rawValue)", labelZh: "开始：\(Language.zh.word(kind))",
                                            labelEn: "started: \(kind.rawValue)", value: .count(ofKind.count), evidenceSeqs: ofKind.map(\.stamp.seq),
                                            detail: breakdown(ofKind, startDirection)))
            }
            figures.append(ReportFigure(section: "secondments", measure: "started", labelZh: "开始交流（合计）", labelEn: "started (all kinds)",
                                        value: .count(started.count), evidenceSeqs: started.map(\.stamp.seq),
                                        detail: breakdown(started, startDirection)))
            figures.append(ReportFigure(section: "secondments", measure: "ended", labelZh: "结束交流", labelEn: "ended", value: .count(ended.count),
                                        evidenceSeqs: ended.compactMap { $0.endStamp?.seq },
                                        detail: breakdown(ended) { $0.end.map { Language.zh.word($0.outcome) } ?? "-" }))
            figures.append(ReportFigure(section: "secondments", measure: "openAtEnd", labelZh: "年末在岗", labelEn: "running at the end",
                                        value: .count(open.count), evidenceSeqs: open.map(\.stamp.seq),
                                        detail: breakdown(open) { Language.zh.word($0.payload.kind) }))
            return figures
        }
    }
}

extension AnnualReport.Builder {
    /// Positions in `state.secondments` of one group's secondments that the period reports, each
    /// list in seq order.
    struct PeriodSecondments {
        /// Started in the period.
        var started: [Int32] = []
        /// Ended (or extended) in the period.
        var ended: [Int32] = []
        /// Started by the period's last day and still running on it.
        var runningAtEnd: [Int32] = []

        /// Adds `position` to the lists it belongs to.
        mutating func add(_ position: Int32, started: Bool, ended: Bool, running: Bool) {
            if started { self.started.append(position) }
            if ended { self.ended.append(position) }
            if running { runningAtEnd.append(position) }
        }
    }
}
