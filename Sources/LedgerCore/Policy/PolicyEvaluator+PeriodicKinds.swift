/// Periodic rule kinds judged from their recorded parameters (see DOMAIN.md §6.3 and §6.5).
///
/// Readings shared by every kind (the kinds themselves are in this file and in
/// `PolicyEvaluator+PeriodicKinds2.swift`):
/// - Periods: `semester` is one of the two halves of the school year, 1 September – 31 January
///   and 1 February – 31 August; `schoolYear` is 1 September `year` – 31 August `year + 1`;
///   `month` one of its twelve months; `year` and `calendarYear` the calendar year `year`.
///   An event counts in a period when its effective date, at the precision recorded, lies
///   wholly inside it ("2024-10" lies in a semester, "2025" does not); an event that cannot be
///   placed is reported and never guessed into a period.
/// - The group's schools are its members on the first day of the school year.
/// - A secondment belongs to the group when it names the group or, naming none, leaves from
///   or goes to one of the group's schools. It counts for a period when the person was in post
///   on some day of it; a Refused secondment never counts.
/// - Jurisdiction-wide kinds (groupCountTarget, coverageTarget, planPhases) are judged once per
///   jurisdiction: only for the first group by id that the periodic pass visits there, with
///   subject `jurisdiction <id>`.
/// - Parameters that cannot be read give insufficientData naming the parameter; missing
///   inputs give insufficientData, never notMet (§6.5 item 3).
extension PolicyEvaluator {
    /// Findings of a periodic rule whose parameters stay JSON, for one group and school year.
    /// Kinds not judged here return no finding.
    static func periodicKind(_ rule: PolicyRule, parameters: JSONObject, group: LedgerState.GroupEntry, members: [LedgerState.MemberView],
                             year: Int, days: Range<Int>, period: String, state: LedgerState,
                             index: PeriodicIndex? = nil) -> [Finding] {
        let input = PeriodicInput(rule: rule, group: group, members: members, year: year, days: days, period: period, state: state,
                                  index: index ?? PeriodicIndex(state))
        let params = KindParams(parameters)
        let finding: Finding?
        switch rule.kind {
        case .activityMin: finding = activityMin(input, params)
        case .assessmentCadence: finding = assessmentCadence(input, params)
        case .groupCountTarget: finding = input.speaksForJurisdiction ? groupCountTarget(input, params) : nil
        case .coverageTarget: finding = input.speaksForJurisdiction ? coverageTarget(input, params) : nil
        default: finding = periodicKindContinued(input, params)
        }
        return finding.map { [$0] } ?? []
    }

    // MARK: - activityMin

    /// Counts the group's activities of `kinds` per `per` (see the file header) and `scope`:
    /// `group` counts every activity of the group; `memberSchool` counts, for each member other
    /// than the lead, the activities it hosted or is listed in `participantSchoolIds` for.
    /// `subject` and `subjectTeacher` cannot be split (activities record no subject or teacher).
    /// `unit: days` sums `days` (1 when absent). Several kinds are counted separately unless
    /// `kindsCountTogether`. `deadline: beforeTermStart` judges 1 February – 31 August `year`
    /// instead (before the school year's term starts). `themes.max` caps the distinct `themeZh`
    /// per period. `convenedBy` is not checked: activities record no convener.
    private static func activityMin(_ input: PeriodicInput, _ params: KindParams) -> Finding {
        let kinds = params.words("kinds", as: ActivityKind.self, required: true) ?? []
        let per = params.choice("per", ["semester", "schoolYear", "month", "year", "calendarYear"], required: true)
        let scope = params.choice("scope", ["group", "memberSchool", "subject", "subjectTeacher"]) ?? "group"
        let minimum = params.integer("min", required: true)
        let inDays = params.choice("unit", ["count", "days"]) == "days"
        let together = params.bool("kindsCountTogether") ?? false
        let beforeTerm = params.choice("deadline", ["beforeTermStart"]) != nil
        let maxThemes = params.nested("themes")?.integer("max")
        if params.has("kinds") && kinds.isEmpty { params.problem("kinds", "lists no ActivityKind") }
        if beforeTerm && per != nil && per != "schoolYear" { params.problem("deadline", "beforeTermStart needs per schoolYear") }
        guard params.isReadable, let per, let minimum else { return input.unreadable(params) }

        let established = input.group.establishedStamp?.effective.firstDayNumber ?? input.days.lowerBound
        let windows = (beforeTerm ? [preTermWindow(input.year)] : periodWindows(per, input)).filter { $0.days.upperBound > established }
        guard let first = windows.first, let last = windows.last else {
            return input.finding(.notApplicable, "\(input.group.groupId) was established on \(dayText(established)), after the period judged")
        }
        let span = first.days.lowerBound..<last.days.upperBound
        // Only activities that overlap the span can lie in a window or be left unplaced in it.
        let activities = input.index.activities(ofGroup: input.group.groupId) { overlaps($0, span) }.filter { kinds.contains($0.payload.kind) }
        let amount: (LedgerState.Recorded<GroupActivityHeld>) -> Int64 = { inDays ? ($0.payload.days ?? 1) : 1 }
        let what = inDays ? "day(s) of " : ""
        if scope == "subject" || scope == "subjectTeacher" {
            let held = activities.filter { lies($0.stamp.effective, in: span) }
            let total = held.reduce(Int64(0)) { $0 + amount($1) }
            let unitNoun = scope == "subject" ? "subject" : "subject teacher"
            let missing = scope == "subject" ? "no subject" : "schools, not teachers"
            return input.finding(.insufficientData, "the minimum of \(minimum) \(what)\(kindList(kinds)) a \(perNoun(per)) is counted per \(unitNoun); "
                                 + "GroupActivityHeld records \(missing), so the group's \(total) \(what)\(kindList(kinds)) in \(input.period) cannot be split that way",
                                 evidence: held.map(\.stamp.seq))
        }
        let units: [(suffix: String, school: String?)] = scope == "memberSchool"
            ? input.others.map { (" at " + input.school($0.membership.schoolId), $0.membership.schoolId) } : [("", nil)]
        guard !units.isEmpty else {
            return input.finding(.notApplicable, "\(input.group.groupId) has no member school besides the lead on \(dayText(input.days.lowerBound))")
        }
        let kindSets: [[ActivityKind]] = together || kinds.count == 1 ? [kinds] : kinds.map { [$0] }
        var counts: [(text: String, amount: Int64)] = []
        var evidence: [Int64] = []
        var themeProblems: [String] = []
        for window in windows {
            let inWindow = activities.filter { lies($0.stamp.effective, in: window.days) }
            for unit in units {
                for kindSet in kindSets {
                    let counted = inWindow.filter { activity in
                        kindSet.contains(activity.payload.kind)
                            && (unit.school.map { activity.payload.hostSchoolId == $0 || activity.payload.participantSchoolIds.contains($0) } ?? true)
                    }
                    let total = counted.reduce(Int64(0)) { $0 + amount($1) }
                    evidence += counted.map(\.stamp.seq)
                    counts.append(("\(window.label)\(unit.suffix): \(total) \(what)\(kindList(kindSet))", total))
                }
            }
            let themes = Set(inWindow.compactMap(\.payload.themeZh))
            if let maxThemes, themes.count > maxThemes {
                themeProblems.append("\(window.label): \(themes.count) themes; at most \(maxThemes)")
            }
        }
        let unplaced = activities.filter { activity in
            overlaps(activity.stamp.effective, span) && !windows.contains { lies(activity.stamp.effective, in: $0.days) }
        }
        let fewest = counts.min { $0.amount < $1.amount }!
        let short = counts.filter { $0.amount < minimum }
        var message = "\(fewest.text); the minimum is \(minimum)"
        if short.count > 1 { message += " (\(short.count) of \(counts.count) fall short)" }
        if !themeProblems.isEmpty { message += "; " + themeProblems.joined(separator: "; ") }
        if !short.isEmpty && !unplaced.isEmpty {
            let ids = unplaced.map { "\($0.payload.activityId) (\($0.stamp.effective))" }.sorted().joined(separator: ", ")
            return input.finding(.insufficientData, message + "; cannot be placed in a \(perNoun(per)): \(ids)",
                                 evidence: evidence + unplaced.map(\.stamp.seq))
        }
        return input.finding(short.isEmpty && themeProblems.isEmpty ? .met : .notMet, message, evidence: evidence)
    }

    // MARK: - assessmentCadence

    /// Looks for `GroupAssessed` of the group in the period `every` names: `{month: m}` the month
    /// m inside the school year; `{years: 1}` the calendar year `year` (or the school year when
    /// `period` is schoolYear); `{schoolYears: 1}` the school year; `{years: n}` or
    /// `{schoolYears: n}` with n > 1 cycles of n years counted from the establishment (school
    /// years from the school year it fell in), judged in the school year a cycle ends and met
    /// early when the running cycle already has one. `assessors` must all be in `assessedBy`.
    /// `kind` is only a name: assessments record no kind, so BS-21a and BS-21b read the same events.
    private static func assessmentCadence(_ input: PeriodicInput, _ params: KindParams) -> Finding {
        let name = params.text("kind") ?? "assessment"
        let every = params.nested("every", required: true)
        let years = every?.integer("years", in: 1...100), schoolYears = every?.integer("schoolYears", in: 1...100), month = every?.integer("month", in: 1...12)
        let basis = params.choice("period", ["calendarYear", "schoolYear"])
        let assessors = params.strings("assessors") ?? []
        if let every, [years, schoolYears, month].compactMap({ $0 }).count != 1 {
            params.problem("every", "should give exactly one of years, schoolYears and month, found \(JSONValue.object(every.object))")
        }
        guard params.isReadable else { return input.unreadable(params) }

        let established = input.group.establishedStamp?.effective ?? (try? PartialDate(year: input.year, month: 9, day: 1))
        let establishedDay = established?.firstDayNumber ?? input.days.lowerBound
        let by = assessors.isEmpty ? "" : " by \(assessors.joined(separator: " and "))"
        var window: PeriodWindow
        var cadence: String
        var pendingUntil: Int?
        if let month {
            let calendarYear = month >= 9 ? input.year : input.year + 1
            let monthName = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"][Int(month) - 1]
            window = PeriodWindow(label: "\(monthName) \(calendarYear)", days: monthDays(calendarYear, Int(month)))
            cadence = "each \(monthName)"
        } else if let cycle = years ?? schoolYears, cycle > 1 {
            let originDate = schoolYears != nil
                ? (try? PartialDate(year: schoolYearOf(establishedDay), month: 9, day: 1)) ?? established : established
            guard let originDate, originDate.firstDayNumber <= input.days.lowerBound else {
                return input.finding(.notApplicable, "\(input.group.groupId) was established after \(input.period) began")
            }
            var index = 0
            while PartialDateMath.addingYears((index + 1) * Int(cycle), to: originDate) <= input.days.lowerBound { index += 1 }
            let start = PartialDateMath.addingYears(index * Int(cycle), to: originDate)
            let end = PartialDateMath.addingYears((index + 1) * Int(cycle), to: originDate)
            window = PeriodWindow(label: "the cycle from \(dayText(start))", days: start..<end)
            cadence = "every \(cycle) years from the establishment"
            if end > input.days.upperBound {
                pendingUntil = end
                window = PeriodWindow(label: window.label, days: start..<input.days.upperBound)
            }
        } else if schoolYears != nil || basis == "schoolYear" {
            window = PeriodWindow(label: "school year \(input.period)", days: input.days)
            cadence = "each school year"
        } else {
            window = calendarWindow(input.year)
            cadence = "each calendar year"
        }
        if pendingUntil == nil && window.days.lowerBound < establishedDay {
            return input.finding(.notApplicable, "\(input.group.groupId) was established on \(established.map(String.init(describing:)) ?? "?"), after \(window.label) began")
        }
        let assessments = input.index.assessmentsByGroup[input.group.groupId] ?? []
        let inWindow = assessments.filter { lies($0.stamp.effective, in: window.days) }
        let qualifying = inWindow.filter { entry in assessors.allSatisfy { entry.payload.assessedBy.contains($0) } }
        let describe: (LedgerState.Recorded<GroupAssessed>) -> String = { entry in
            let who = entry.payload.assessedBy.isEmpty ? "no assessor recorded" : "by " + entry.payload.assessedBy.joined(separator: ", ")
            return "\(entry.payload.assessmentId) (\(entry.payload.outcome.rawValue), \(who))"
        }
        let list: ([LedgerState.Recorded<GroupAssessed>]) -> String = { $0.map(describe).sorted().joined(separator: ", ") }
        if !qualifying.isEmpty {
            return input.finding(.met, "assessed in \(window.label): \(list(qualifying))", evidence: qualifying.map(\.stamp.seq))
        }
        var message = "no assessment of \(input.group.groupId)\(by) in \(window.label); the rule requires one \(cadence) (\(name))"
        let unknown = inWindow.filter { $0.payload.assessedBy.isEmpty && !assessors.isEmpty }
        let coarse = assessments.filter { overlaps($0.stamp.effective, window.days) && !lies($0.stamp.effective, in: window.days) }
        if !unknown.isEmpty || !coarse.isEmpty {
            let notes = (unknown.isEmpty ? [] : ["no assessor recorded on " + unknown.map(\.payload.assessmentId).sorted().joined(separator: ", ")])
                + (coarse.isEmpty ? [] : ["dated too coarsely to place: " + coarse.map { "\($0.payload.assessmentId) (\($0.stamp.effective))" }.sorted().joined(separator: ", ")])
            return input.finding(.insufficientData, message + "; " + notes.joined(separator: "; "), evidence: (unknown + coarse).map(\.stamp.seq))
        }
        if !inWindow.isEmpty { message += "; \(list(inWindow)) does not count" }
        if let pendingUntil {
            return input.finding(.notApplicable, message + "; not due before \(dayText(pendingUntil - 1))",
                                 evidence: inWindow.map(\.stamp.seq))
        }
        return input.finding(.notMet, message, evidence: inWindow.map(\.stamp.seq))
    }

    // MARK: - groupCountTarget

    /// Counts the jurisdiction's groups (of `groupType` when given) established and not
    /// dissolved on the last day of `by` (the end of its partial-date interval, as the profiles'
    /// assumptions say), against `minGroups` / `maxGroups`. A deadline after this school year
    /// (or none) is not yet due: counted at the end of the school year, met if already reached,
    /// notMet if already above the maximum, notApplicable otherwise. `plannedGroupIds` not
    /// established are named.
    private static func groupCountTarget(_ input: PeriodicInput, _ params: KindParams) -> Finding {
        let type = params.word("groupType", as: GroupType.self)
        let minimum = params.integer("minGroups"), maximum = params.integer("maxGroups")
        let by = params.date("by")
        let planned = params.strings("plannedGroupIds") ?? []
        if minimum == nil && maximum == nil { params.problem("minGroups", "and maxGroups are both missing") }
        guard params.isReadable else { return input.unreadable(params) }
        let (day, due) = checkpoint(by, input)
        let counted = input.state.groups.values
            .filter { $0.jurisdictionId == input.group.jurisdictionId && (type == nil || $0.type == type) && isStanding($0, onDay: day) }
            .sorted { $0.groupId < $1.groupId }
        let count = Int64(counted.count)
        let reached = (minimum.map { count >= $0 } ?? true) && (maximum.map { count <= $0 } ?? true)
        let typeText = type.map { "\($0.rawValue) (\($0.labelZh)) " } ?? ""
        var message = "\(count) \(typeText)group(s) established by \(dayText(day))"
        if !counted.isEmpty { message += " (\(counted.map(\.groupId).joined(separator: ", ")))" }
        message += "; the target is \(rangeText(minimum, maximum)) \(deadlineText(by, due: due))"
        let missing = planned.filter { id in !counted.contains { $0.groupId == id } }
        if !reached && !missing.isEmpty { message += "; planned but not established: \(missing.joined(separator: ", "))" }
        let status: Finding.Status = reached ? .met : (due || (maximum.map { count > $0 } ?? false) ? .notMet : .notApplicable)
        return input.finding(status, message, evidence: counted.compactMap(\.establishedStamp?.seq), jurisdiction: true)
    }

    // MARK: - coverageTarget

    /// The share of the jurisdiction's compulsory schools (stage Primary, JuniorMiddle or
    /// NineYear; registered and not closed on the checkpoint day) that are members of a standing
    /// group of `groupType` on the last day of `by`, against `ratio` (integer comparison).
    /// Deadlines are handled as in groupCountTarget. `unit: student` needs enrolment, which the
    /// ledger does not record. Schools of stage Unknown are left out and counted in the message.
    private static func coverageTarget(_ input: PeriodicInput, _ params: KindParams) -> Finding {
        let by = params.date("by", required: true)
        let ratio = params.ratio("ratio", required: true)
        let type = params.word("groupType", as: GroupType.self)
        _ = params.choice("population", ["compulsorySchools"])
        let unit = params.choice("unit", ["school", "student"]) ?? "school"
        guard params.isReadable, let ratio else { return input.unreadable(params) }
        if unit == "student" {
            return input.finding(.insufficientData, "coverage is counted in students; the ledger records no enrolment (HeadcountRecorded counts teachers only)",
                                 jurisdiction: true)
        }
        let (day, due) = checkpoint(by, input)
        let compulsory: Set<SchoolStage> = [.primary, .juniorMiddle, .nineYear]
        let open = input.state.schools.values.filter { school in
            school.payload.jurisdictionId == input.group.jurisdictionId && school.stamp.effective.firstDayNumber <= day
                && (school.closed.map { $0.stamp.effective.firstDayNumber > day } ?? true)
        }
        let population = open.filter { compulsory.contains($0.payload.stage) }
        let unknownStage = open.filter { $0.payload.stage == .unknown }.count
        var evidence: [Int64] = []
        let covered = population.filter { school in
            let joined = input.state.membershipTimeline(ofSchool: school.payload.schoolId).first { membership in
                guard membership.isMember(onDay: day), let group = input.state.groups[membership.groupId] else { return false }
                return (type == nil || group.type == type) && isStanding(group, onDay: day)
            }
            if let joined { evidence.append(joined.joined.seq) }
            return joined != nil
        }
        let typeText = type.map { " in \($0.rawValue) (\($0.labelZh)) groups" } ?? " in groups"
        guard !population.isEmpty else {
            return input.finding(.insufficientData, "no compulsory school (Primary, JuniorMiddle, NineYear) of \(input.group.jurisdictionId) is registered by \(dayText(day))",
                                 jurisdiction: true)
        }
        let met = ratio.isMet(count: Int64(covered.count), total: Int64(population.count))
        var message = "\(covered.count) of \(population.count) compulsory schools (Primary, JuniorMiddle, NineYear) of \(input.group.jurisdictionId)\(typeText) on \(dayText(day)); "
            + "the target is \(ratio.text) \(deadlineText(by, due: due))"
        if unknownStage > 0 { message += "; \(unknownStage) school(s) of stage Unknown are not counted" }
        return input.finding(met ? .met : (due ? .notMet : .notApplicable), message, evidence: evidence, jurisdiction: true)
    }

    /// The day a target is counted on, and whether its deadline falls in or before this school year.
    private static func checkpoint(_ by: PartialDate?, _ input: PeriodicInput) -> (day: Int, due: Bool) {
        if let by, by.endDayNumber <= input.days.upperBound { return (by.endDayNumber - 1, true) }
        return (input.days.upperBound - 1, false)
    }

    private static func deadlineText(_ by: PartialDate?, due: Bool) -> String {
        guard let by else { return "(no deadline stated)" }
        return due ? "by \(by)" : "by \(by), not yet due"
    }
}

// MARK: - Shared support

extension PolicyEvaluator {
    /// What a periodic kind reads: the rule, the group with its members on the first day, the
    /// school year and the state.
    struct PeriodicInput {
        let rule: PolicyRule
        let group: LedgerState.GroupEntry
        let members: [LedgerState.MemberView]
        let year: Int
        let days: Range<Int>
        let period: String
        let state: LedgerState
        let index: PeriodicIndex

        var lead: LedgerState.MemberView? { members.first { $0.role == .lead } }
        /// Members other than the lead.
        var others: [LedgerState.MemberView] { members.filter { $0.role != .lead } }
        var schoolIds: Set<String> { Set(members.map(\.membership.schoolId)) }

        /// A finding of this rule on the group (or, for targets, on the jurisdiction).
        func finding(_ status: Finding.Status, _ message: String, evidence: [Int64] = [], jurisdiction: Bool = false) -> Finding {
            Finding(ruleId: rule.id, severity: rule.severity, status: status,
                    subject: jurisdiction ? "jurisdiction \(group.jurisdictionId)" : "group \(group.groupId)", period: period,
                    message: message, evidenceSeqs: Array(Set(evidence)).sorted(), quoteZh: rule.quoteZh)
        }

        /// insufficientData naming every parameter that could not be read.
        func unreadable(_ params: KindParams) -> Finding {
            finding(.insufficientData, "could not read the rule's parameters: " + params.problems.joined(separator: "; "),
                    jurisdiction: [.groupCountTarget, .coverageTarget, .planPhases].contains(rule.kind))
        }

        /// `s1 学校1`: a school's id and its name on the first day.
        func school(_ id: String) -> String {
            state.schools[id].map { "\(id) \($0.name(onDay: days.lowerBound))" } ?? id
        }

        /// Whether this group speaks for its jurisdiction: the first group by id that the
        /// periodic pass visits there (established, with members on the first day, in the rule's scope).
        var speaksForJurisdiction: Bool {
            let visited = state.groups.values.filter { other in
                other.jurisdictionId == group.jurisdictionId && other.isEstablished && rule.applies(to: other)
                    && !state.members(ofGroup: other.groupId, onDay: days.lowerBound).isEmpty
            }
            return visited.map(\.groupId).min() == group.groupId
        }

        /// Whether a secondment belongs to the group (see the file header).
        func belongs(_ entry: LedgerState.SecondmentEntry) -> Bool {
            if let id = entry.payload.groupId { return id == group.groupId }
            return schoolIds.contains(entry.payload.fromSchoolId) || entry.payload.toSchoolId.map(schoolIds.contains) == true
        }

        /// Whether the person was in post on some day of `range` (never for a Refused secondment).
        func inPost(_ entry: LedgerState.SecondmentEntry, during range: Range<Int>) -> Bool {
            guard entry.end?.outcome != .refused, entry.stamp.effective.firstDayNumber < range.upperBound else { return false }
            if let end = entry.endStamp, entry.end?.outcome != .extended { return end.effective.firstDayNumber > range.lowerBound }
            return true
        }
    }

    /// Reads a rule's recorded parameters, collecting what cannot be read instead of failing.
    struct KindParams {
        /// Problems shared by a reader and the nested readers it hands out.
        final class Sink { var problems: [String] = [] }
        let object: JSONObject
        let path: String
        let sink: Sink

        init(_ object: JSONObject, path: String = "params", sink: Sink = Sink()) {
            self.object = object
            self.path = path
            self.sink = sink
        }

        var problems: [String] { sink.problems }
        var isReadable: Bool { sink.problems.isEmpty }
        func has(_ key: String) -> Bool { object[key].map { !$0.isNull } ?? false }
        func problem(_ key: String, _ text: String) { sink.problems.append("\(path).\(key) \(text)") }

        private func value(_ key: String, required: Bool, _ expected: String) -> JSONValue? {
            guard let value = object[key], !value.isNull else {
                if required { problem(key, "is missing (\(expected) is needed)") }
                return nil
            }
            return value
        }

        /// A whole number in `range` (large enough for counts; date arithmetic passes a tighter one).
        func integer(_ key: String, required: Bool = false, in range: ClosedRange<Int64> = 0...1_000_000) -> Int64? {
            guard let value = value(key, required: required, "a whole number") else { return nil }
            guard let number = value.integerValue, range.contains(number) else {
                problem(key, "should be a whole number in \(range.lowerBound)…\(range.upperBound), found \(value)")
                return nil
            }
            return number
        }

        func text(_ key: String, required: Bool = false) -> String? {
            guard let value = value(key, required: required, "a text") else { return nil }
            guard let text = value.stringValue else { problem(key, "should be a text, found \(value)"); return nil }
            return text
        }

        func bool(_ key: String) -> Bool? {
            guard let value = value(key, required: false, "true or false") else { return nil }
            guard let bool = value.boolValue else { problem(key, "should be true or false, found \(value)"); return nil }
            return bool
        }

        func choice(_ key: String, _ allowed: [String], required: Bool = false) -> String? {
            guard let value = value(key, required: required, "one of \(allowed.joined(separator: ", "))") else { return nil }
            guard let text = value.stringValue, allowed.contains(text) else {
                problem(key, "should be one of \(allowed.joined(separator: ", ")), found \(value)")
                return nil
            }
            return text
        }

        func word<Word: Vocabulary>(_ key: String, as type: Word.Type, required: Bool = false) -> Word? {
            guard let value = value(key, required: required, "\(withArticle("\(Word.self)")) word") else { return nil }
            guard let word = value.stringValue.flatMap(Word.init(rawValue:)) else { problem(key, "is not \(withArticle("\(Word.self)")) word: \(value)"); return nil }
            return word
        }

        func words<Word: Vocabulary>(_ key: String, as type: Word.Type, required: Bool = false) -> [Word]? {
            guard let value = value(key, required: required, "a list of \(Word.self) words") else { return nil }
            guard let array = value.arrayValue else { problem(key, "should be a list of \(Word.self) words, found \(value)"); return nil }
            var words: [Word] = []
            for (index, item) in array.enumerated() {
                guard let word = item.stringValue.flatMap(Word.init(rawValue:)) else {
                    sink.problems.append("\(path).\(key)[\(index)] is not \(withArticle("\(Word.self)")) word: \(item)")
                    continue
                }
                words.append(word)
            }
            return words
        }

        func strings(_ key: String, required: Bool = false) -> [String]? {
            guard let value = value(key, required: required, "a list of texts") else { return nil }
            guard let array = value.arrayValue, array.allSatisfy({ $0.stringValue != nil }) else {
                problem(key, "should be a list of texts, found \(value)")
                return nil
            }
            return array.compactMap(\.stringValue)
        }

        func date(_ key: String, required: Bool = false) -> PartialDate? {
            guard let value = value(key, required: required, "a date YYYY, YYYY-MM or YYYY-MM-DD") else { return nil }
            guard let text = value.stringValue, let date = try? PartialDate(parsing: text) else {
                problem(key, "should be a date YYYY, YYYY-MM or YYYY-MM-DD, found \(value)")
                return nil
            }
            return date
        }

        func ratio(_ key: String, required: Bool = false) -> Ratio? {
            guard let ratio = nested(key, required: required) else { return nil }
            guard let numerator = ratio.integer("num", required: true), let denominator = ratio.integer("den", required: true, in: 1...1_000_000) else {
                return nil
            }
            return Ratio(numerator: numerator, denominator: denominator)
        }

        func nested(_ key: String, required: Bool = false) -> KindParams? {
            guard let value = value(key, required: required, "an object") else { return nil }
            guard let object = value.objectValue else { problem(key, "should be an object, found \(value)"); return nil }
            return KindParams(object, path: "\(path).\(key)", sink: sink)
        }

        func list(_ key: String, required: Bool = false) -> [KindParams]? {
            guard let value = value(key, required: required, "a list of objects") else { return nil }
            guard let array = value.arrayValue else { problem(key, "should be a list of objects, found \(value)"); return nil }
            return array.enumerated().compactMap { index, item in
                guard let object = item.objectValue else {
                    sink.problems.append("\(path).\(key)[\(index)] should be an object, found \(item)")
                    return nil
                }
                return KindParams(object, path: "\(path).\(key)[\(index)]", sink: sink)
            }
        }
    }

    /// A period a count is made in, with its label in messages.
    struct PeriodWindow {
        let label: String
        let days: Range<Int>
    }

    /// The windows of `per` (see the file header).
    static func periodWindows(_ per: String, _ input: PeriodicInput) -> [PeriodWindow] {
        let year = input.year
        switch per {
        case "semester":
            let february = CivilDate.dayNumber(year: year + 1, month: 2, day: 1)
            return [PeriodWindow(label: "semester \(year)-09–\(year + 1)-01", days: input.days.lowerBound..<february),
                    PeriodWindow(label: "semester \(year + 1)-02–\(year + 1)-08", days: february..<input.days.upperBound)]
        case "month":
            return (0..<12).map { offset in
                let calendarYear = offset < 4 ? year : year + 1
                let month = (8 + offset) % 12 + 1
                return PeriodWindow(label: "month \(calendarYear)-\(FixedDigits.padded(month, width: 2))", days: monthDays(calendarYear, month))
            }
        case "year", "calendarYear":
            return [calendarWindow(year)]
        default:
            return [PeriodWindow(label: "school year \(input.period)", days: input.days)]
        }
    }

    /// 1 February – 31 August `year`: before the term of the school year `year` starts.
    static func preTermWindow(_ year: Int) -> PeriodWindow {
        PeriodWindow(label: "before term start (\(year)-02-01–\(year)-08-31)",
                     days: CivilDate.dayNumber(year: year, month: 2, day: 1)..<CivilDate.dayNumber(year: year, month: 9, day: 1))
    }

    static func calendarWindow(_ year: Int) -> PeriodWindow {
        PeriodWindow(label: "calendar year \(year)",
                     days: CivilDate.dayNumber(year: year, month: 1, day: 1)..<CivilDate.dayNumber(year: year + 1, month: 1, day: 1))
    }

    static func monthDays(_ year: Int, _ month: Int) -> Range<Int> {
        let first = CivilDate.dayNumber(year: year, month: month, day: 1)
        return first..<(first + CivilDate.daysInMonth(year: year, month: month))
    }

    /// The school year (by its first calendar year) that `day` falls in.
    static func schoolYearOf(_ day: Int) -> Int {
        let date = CivilDate.civil(dayNumber: day)
        return date.month >= 9 ? date.year : date.year - 1
    }

    /// Whether a date, at its precision, lies wholly inside `range`.
    static func lies(_ date: PartialDate, in range: Range<Int>) -> Bool {
        range.contains(date.firstDayNumber) && date.endDayNumber <= range.upperBound
    }

    /// Whether a date, at its precision, shares a day with `range`.
    static func overlaps(_ date: PartialDate, _ range: Range<Int>) -> Bool {
        date.firstDayNumber < range.upperBound && date.endDayNumber > range.lowerBound
    }

    /// Established by `day` and neither dissolved nor withdrawn on it.
    static func isStanding(_ group: LedgerState.GroupEntry, onDay day: Int) -> Bool {
        guard let established = group.establishedStamp, established.effective.firstDayNumber <= day else { return false }
        return [.pilot, .regular, .suspended].contains(group.status(onDay: day))
    }

    /// `2025-12-31`.
    static func dayText(_ day: Int) -> String {
        let date = CivilDate.civil(dayNumber: day)
        return "\(date.year)-\(FixedDigits.padded(date.month, width: 2))-\(FixedDigits.padded(date.day, width: 2))"
    }

    /// `exactly 1`, `at least 2`, `at most 3` or `1–2`.
    static func rangeText(_ minimum: Int64?, _ maximum: Int64?) -> String {
        switch (minimum, maximum) {
        case let (low?, high?): return low == high ? "exactly \(low)" : "\(low)–\(high)"
        case let (low?, nil): return "at least \(low)"
        case let (nil, high?): return "at most \(high)"
        default: return "any number"
        }
    }

    /// `an ActivityKind`, `a SecondmentKind`.
    static func withArticle(_ name: String) -> String {
        ("AEIOU".contains(name.first ?? "x") ? "an " : "a ") + name
    }

    static func kindList<Word: Vocabulary>(_ words: [Word]) -> String {
        words.map(\.rawValue).joined(separator: " or ")
    }

    private static func perNoun(_ per: String) -> String {
        ["semester": "semester", "schoolYear": "school year", "month": "month"][per] ?? "calendar year"
    }
}
