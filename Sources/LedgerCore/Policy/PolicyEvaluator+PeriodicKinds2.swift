/// Periodic rule kinds about people, money, decisions and plans (continued from
/// `PolicyEvaluator+PeriodicKinds.swift`, whose header states the shared readings).
extension PolicyEvaluator {
    /// The kinds not dispatched in the first file; nil for kinds judged elsewhere or not at all
    /// (approvalRequired, costSharing and expenditureRule are judged on append, see
    /// `PolicyEvaluator+OnAppendKinds.swift`, and `periodic` does not pass them here).
    static func periodicKindContinued(_ input: PeriodicInput, _ params: KindParams) -> Finding? {
        switch input.rule.kind {
        case .dispatchQuota: return dispatchQuota(input, params)
        case .secondmentDuration: return secondmentDuration(input, params)
        case .secondmentRetention: return secondmentRetention(input, params)
        case .fundReserveRatio: return fundReserveRatio(input, params)
        case .tenureTrigger: return tenureTrigger(input, params)
        case .quotaAdjustment: return quotaAdjustment(input, params)
        case .filingRequired: return filingRequired(input, params)
        case .planPhases: return input.speaksForJurisdiction ? planPhases(input, params) : nil
        case .governanceSeats: return governanceSeats(input, params)
        case .appointmentAuthority: return appointmentAuthority(input, params)
        case .charterDrafter: return charterDrafter(input, params)
        case .experienceCredit: return experienceCredit(input, params)
        default: return nil
        }
    }

    // MARK: - dispatchQuota

    /// Secondments of `kinds` in the stated `direction` (leadToMember: from the lead's school to
    /// a member; memberToLead the reverse; mutual: between any two of the group's schools;
    /// groupToExternal: from a group school to an outside host), per member other than the lead
    /// or per group. They count when in post during the school year, or, with `period:
    /// calendarYear`, when sent (started) in the calendar year `year`. `count` bounds the number;
    /// `posts` entries with `min` are separate minimums by staff post (and credential), entries
    /// without `min` only filter what `count` counts. `exclusiveKinds`: one kind per unit. A rule
    /// without any number (`countStated: false`) gives insufficientData with the counts found.
    private static func dispatchQuota(_ input: PeriodicInput, _ params: KindParams) -> Finding {
        let spelled = params.choice("direction", ["leadToMember", "memberToLead", "mutual", "groupToExternal",
                                                  "lead_to_member", "member_to_lead", "group_to_external"], required: true)
        let direction = spelled.map { ["lead_to_member": "leadToMember", "member_to_lead": "memberToLead", "group_to_external": "groupToExternal"][$0] ?? $0 }
        let kinds = params.words("kinds", as: SecondmentKind.self, required: true) ?? []
        let toOrFromLead = direction == "leadToMember" || direction == "memberToLead"
        let perMember = (params.choice("per", ["member", "group"]) ?? (toOrFromLead ? "member" : "group")) == "member"
        let count = params.nested("count")
        let countMin = count?.integer("min"), countMax = count?.integer("max")
        let postGroups = (params.list("posts") ?? []).map { entry in
            (posts: entry.words("posts", as: StaffPost.self, required: true) ?? [], credentials: entry.words("credentials", as: Credential.self) ?? [],
             min: entry.integer("min"), label: entry.text("labelZh"))
        }.map { (posts: $0.posts, credentials: $0.credentials, min: $0.min, label: $0.label ?? $0.posts.map(\.rawValue).joined(separator: "/")) }
        let exclusive = params.bool("exclusiveKinds") ?? false
        let calendar = params.choice("period", ["calendarYear", "schoolYear"]) == "calendarYear"
        if perMember && !toOrFromLead { params.problem("per", "member needs direction leadToMember or memberToLead") }
        guard params.isReadable, let direction else { return input.unreadable(params) }
        let lead = input.lead?.membership.schoolId
        if toOrFromLead && lead == nil {
            return input.finding(.insufficientData, "\(input.group.groupId) has no Lead member on \(dayText(input.days.lowerBound)); \(direction) needs one")
        }
        let otherIds = Set(input.others.map(\.membership.schoolId))
        let units: [(label: String, school: String?)] = perMember
            ? input.others.map { (input.school($0.membership.schoolId), $0.membership.schoolId) } : [("group \(input.group.groupId)", nil)]
        guard !units.isEmpty else {
            return input.finding(.notApplicable, "\(input.group.groupId) has no member school besides the lead on \(dayText(input.days.lowerBound))")
        }
        let year = calendarWindow(input.year).days
        let candidates = input.state.secondments.values.filter { entry in
            kinds.contains(entry.payload.kind) && (entry.payload.groupId ?? input.group.groupId) == input.group.groupId
                && (calendar ? year.contains(entry.stamp.effective.firstDayNumber) && entry.end?.outcome != .refused
                             : input.inPost(entry, during: input.days))
        }
        func runs(_ entry: LedgerState.SecondmentEntry, for school: String?) -> Bool {
            let move = entry.payload
            switch direction {
            case "leadToMember": return move.fromSchoolId == lead && move.toSchoolId.map { school == nil ? otherIds.contains($0) : $0 == school } == true
            case "memberToLead": return move.toSchoolId == lead && (school == nil ? otherIds.contains(move.fromSchoolId) : move.fromSchoolId == school)
            case "mutual": return input.schoolIds.contains(move.fromSchoolId) && move.toSchoolId.map(input.schoolIds.contains) == true
            default: return input.schoolIds.contains(move.fromSchoolId) && move.toExternalHostZh != nil
            }
        }
        func fits(_ entry: LedgerState.SecondmentEntry, _ group: (posts: [StaffPost], credentials: [Credential], min: Int64?, label: String)) -> Bool {
            guard let staff = input.state.staff[entry.payload.staffId], group.posts.contains(staff.payload.post) else { return false }
            return group.credentials.isEmpty || staff.credentials.contains { group.credentials.contains($0.credential) }
        }
        let separateMinimums = postGroups.contains { $0.min != nil }
        var requirements: [String] = []
        if countMin != nil || countMax != nil {
            let filter = postGroups.isEmpty || separateMinimums ? "" : " (" + postGroups.map(\.label).joined(separator: " or ") + ")"
            requirements.append(rangeText(countMin, countMax) + filter)
        }
        requirements += postGroups.compactMap { group in group.min.map { "\(group.label) ≥ \($0)" } }
        if exclusive { requirements.append("one kind only") }
        let way = ["leadToMember": perMember ? "from the lead" : "from the lead to members", "memberToLead": perMember ? "to the lead" : "from members to the lead",
                   "mutual": "between the group's schools", "groupToExternal": "to hosts outside the group"][direction]! + (calendar ? " in \(input.year)" : "")
        var texts: [(text: String, short: Bool)] = []
        var evidence: [Int64] = []
        for unit in units {
            let mine = candidates.filter { runs($0, for: unit.school) }
            let counted = postGroups.isEmpty || separateMinimums ? mine : mine.filter { entry in postGroups.contains { fits(entry, $0) } }
            evidence += counted.map(\.stamp.seq)
            var short = countMin.map { counted.count < $0 } == true || countMax.map { counted.count > $0 } == true
            short = short || (exclusive && Set(counted.map(\.payload.kind)).count > 1)
            var text = "\(unit.label): \(counted.count) \(kindList(kinds)) \(way)"
            let byPost = postGroups.filter { $0.min != nil }.map { group in
                let number = mine.filter { fits($0, group) }.count
                short = short || number < group.min!
                return "\(group.label) \(number)"
            }
            if !byPost.isEmpty { text += " (\(byPost.joined(separator: ", ")))" }
            if !requirements.isEmpty { text += ", required " + requirements.joined(separator: " and ") }
            texts.append((text, short))
        }
        guard !requirements.isEmpty else {
            return input.finding(.insufficientData, "the rule states no number: " + texts.map(\.text).joined(separator: "; "), evidence: evidence)
        }
        let failing = texts.filter(\.short)
        return input.finding(failing.isEmpty ? .met : .notMet, (failing.isEmpty ? texts : failing).map(\.text).joined(separator: "; "), evidence: evidence)
    }

    // MARK: - secondmentDuration

    /// The group's secondments of `kind` in post during the school year: an ended one (Returned
    /// or Recalled) is measured from its start to the end's effective date, a running or
    /// Extended one to its (new) planned end. Months are day counts divided by the mean
    /// Gregorian month and rounded (integers only), so 1 September to 31 August is 24 months over
    /// two years; a date known only to the month or year gives a range, and a secondment breaks
    /// `months` under `mode` (exact, min, max) only when no value of the range complies.
    private static func secondmentDuration(_ input: PeriodicInput, _ params: KindParams) -> Finding {
        let kind = params.word("kind", as: SecondmentKind.self, required: true)
        let months = params.integer("months", required: true, in: 1...1200)
        let mode = params.choice("mode", ["exact", "min", "max"]) ?? "exact"
        guard params.isReadable, let kind, let months else { return input.unreadable(params) }
        let judged = input.state.secondments.values.filter { $0.payload.kind == kind && input.belongs($0) && input.inPost($0, during: input.days) }
            .sorted { $0.stamp.seq < $1.stamp.seq }
        guard !judged.isEmpty else {
            return input.finding(.notApplicable, "no \(kind.rawValue) secondment of \(input.group.groupId)'s schools in post in \(input.period)")
        }
        let term = "the term of \(["exact": "exactly", "min": "at least", "max": "at most"][mode]!) \(months) months"
        let rounded: (Int) -> Int64 = { Int64((max(0, $0) * 4800 + 73_048) / 146_097) }
        var offenders: [String] = []
        var offenderSeqs: [Int64] = []
        for entry in judged {
            let (end, verb): (PartialDate, String)
            // Reads `entry.end` itself: a switch over `entry.ending?.outcome` with `endStamp` read
            // in closures below crashed Swift 6.3.1's release optimizer (CopyPropagation).
            if let ending = entry.end, ending.outcome == .returned || ending.outcome == .recalled {
                (end, verb) = (ending.stamp.effective, ending.outcome == .returned ? "returned after" : "was recalled after")
            } else if let ending = entry.end, ending.outcome == .extended {
                (end, verb) = (ending.newPlannedEnd ?? entry.payload.plannedEnd, "is extended to")
            } else {
                (end, verb) = (entry.payload.plannedEnd, "is planned for")
            }
            let start = entry.stamp.effective
            let shortest = rounded(end.firstDayNumber - (start.endDayNumber - 1)), longest = rounded(end.endDayNumber - 1 - start.firstDayNumber)
            let breaks = mode == "min" ? longest < months : (mode == "max" ? shortest > months : months < shortest || months > longest)
            guard breaks else { continue }
            let to = entry.payload.toSchoolId ?? entry.payload.toExternalHostZh ?? "?"
            offenders.append("\(entry.payload.secondmentId) (\(entry.payload.fromSchoolId) → \(to)) \(verb) \(shortest == longest ? "\(shortest)" : "\(shortest)–\(longest)") months")
            offenderSeqs += [entry.stamp.seq] + (entry.end.map { [$0.stamp.seq] } ?? [])
        }
        guard offenders.isEmpty else {
            return input.finding(.notMet, "\(offenders.count) of \(judged.count) \(kind.rawValue) secondment(s) miss \(term): " + offenders.joined(separator: ", "),
                                 evidence: offenderSeqs)
        }
        return input.finding(.met, "\(judged.count) \(kind.rawValue) secondment(s) keep \(term): " + judged.map(\.payload.secondmentId).joined(separator: ", "),
                             evidence: judged.flatMap { [$0.stamp.seq] + ($0.end.map { [$0.stamp.seq] } ?? []) })
    }

    // MARK: - secondmentRetention

    /// The group's secondments of `kinds` ("all" or a list) in post during the school year must
    /// list every `retain` item in `retainedAtHome`. Profile words map to EVENTS.md's Retained
    /// words: the words themselves, DOMAIN.md §6.3's short forms (establishment, personnel,
    /// payroll, benefits, identity, title_review) and the Chinese terms (编制, 人事关系, 工资关系,
    /// 福利待遇, 身份性质, 职称评审/职称评聘). `returnToHome` cannot be checked: SecondmentEnded
    /// records no destination, so a rule with nothing to retain gives insufficientData.
    private static func secondmentRetention(_ input: PeriodicInput, _ params: KindParams) -> Finding {
        let kinds = params.object["kinds"]?.stringValue == "all" ? nil : params.words("kinds", as: SecondmentKind.self, required: true)
        let words = params.strings("retain", required: true) ?? []
        let retain = words.enumerated().compactMap { index, word -> RetainedAtHome? in
            guard let item = RetainedAtHome(rawValue: word) ?? retainedAliases[word] else {
                params.problem("retain[\(index)]", "is not a Retained word (\(RetainedAtHome.allCases.map(\.rawValue).joined(separator: ", "))): \"\(word)\"")
                return nil
            }
            return item
        }
        let returnToHome = params.bool("returnToHome") ?? false
        guard params.isReadable else { return input.unreadable(params) }
        let kindText = kinds.map { kindList($0) + " " } ?? ""
        let judged = input.state.secondments.values
            .filter { (kinds?.contains($0.payload.kind) ?? true) && input.belongs($0) && input.inPost($0, during: input.days) }
            .sorted { $0.stamp.seq < $1.stamp.seq }
        guard !judged.isEmpty else {
            return input.finding(.notApplicable, "no \(kindText)secondment of \(input.group.groupId)'s schools in post in \(input.period)")
        }
        guard !retain.isEmpty else {
            guard returnToHome else { return input.finding(.notApplicable, "the rule names nothing to retain at home") }
            return input.finding(.insufficientData, "staff are to return to their home school at the end of the term; SecondmentEnded records no destination, "
                                 + "so the \(judged.count) \(kindText)secondment(s) in post in \(input.period) cannot be checked", evidence: judged.map(\.stamp.seq))
        }
        let required = retain.map { "\($0.rawValue) (\(retainedZh[$0]!))" }.joined(separator: ", ")
        let offenders = judged.filter { !Set($0.payload.retainedAtHome).isSuperset(of: retain) }
        guard offenders.isEmpty else {
            let list = offenders.map { entry in
                "\(entry.payload.secondmentId) (missing \(retain.filter { !entry.payload.retainedAtHome.contains($0) }.map(\.rawValue).joined(separator: ", ")))"
            }
            return input.finding(.notMet, "\(offenders.count) of \(judged.count) \(kindText)secondment(s) do not list \(required) as retained at home: "
                                 + list.joined(separator: ", "), evidence: offenders.map(\.stamp.seq))
        }
        return input.finding(.met, "\(judged.count) \(kindText)secondment(s) list \(required) as retained at home", evidence: judged.map(\.stamp.seq))
    }

    private static let retainedAliases: [String: RetainedAtHome] = [
        "establishment": .establishment, "编制": .establishment, "personnel": .personnelRelations, "personnelRelations": .personnelRelations,
        "人事关系": .personnelRelations, "payroll": .payroll, "工资关系": .payroll, "benefits": .benefits, "福利待遇": .benefits,
        "identity": .identityStatus, "identityStatus": .identityStatus, "身份性质": .identityStatus, "titleReview": .titleReview,
        "title_review": .titleReview, "职称评审": .titleReview, "职称评聘": .titleReview,
    ]

    private static let retainedZh: [RetainedAtHome: String] = [
        .establishment: "编制", .personnelRelations: "人事关系", .payroll: "工资关系", .benefits: "福利待遇", .identityStatus: "身份性质", .titleReview: "职称评审",
    ]

    // MARK: - fundReserveRatio

    /// For the group's allocations of fiscal year `year`, earmarks of `purpose` must reach
    /// `ratio` of the amount allocated (integer comparison). With `windowYears`, the reserve is
    /// owed only while a member other than the lead joined within that many years before the
    /// school year (joining stands in for "newly built", as for fundMinPerUnit). `base:
    /// perMemberStandard` is read as the allocation itself, the reserve lying inside it.
    private static func fundReserveRatio(_ input: PeriodicInput, _ params: KindParams) -> Finding {
        let ratio = params.ratio("ratio", required: true)
        let purpose = params.word("purpose", as: FundPurpose.self, required: true)
        let window = params.integer("windowYears", in: 0...100)
        _ = (params.text("base"), params.bool("insideAllocation"))
        guard params.isReadable, let ratio, let purpose else { return input.unreadable(params) }
        if let window, !input.others.contains(where: { PartialDateMath.addingYears(Int(window), to: $0.membership.joined.effective) > input.days.lowerBound }) {
            return input.finding(.notApplicable, "no member of \(input.group.groupId) joined within \(window) year(s) before \(dayText(input.days.lowerBound)); "
                                 + "the reserve is for new members (joining stands in for newly built)")
        }
        let allocations = input.state.allocations.values.filter { $0.payload.groupId == input.group.groupId && $0.payload.fiscalYear == input.year }
        guard !allocations.isEmpty else {
            return input.finding(.insufficientData, "no allocation to \(input.group.groupId) for fiscal year \(input.year); the reserve is \(ratio.text) of it")
        }
        let ids = Set(allocations.map(\.payload.allocationId))
        let earmarks = input.state.earmarks.values.filter { ids.contains($0.payload.allocationId) && $0.payload.purpose == purpose }
        let allocated = allocations.reduce(Int64(0)) { $0 + $1.payload.amountFen }
        let earmarked = earmarks.reduce(Int64(0)) { $0 + $1.payload.amountFen }
        let scaled = ratio.numerator.multipliedReportingOverflow(by: allocated).partialValue
        let required = (scaled + ratio.denominator - 1) / ratio.denominator
        return input.finding(ratio.isMet(count: earmarked, total: allocated) ? .met : .notMet,
                             "\(Money.yuan(earmarked)) earmarked for \(purpose.rawValue) out of \(Money.yuan(allocated)) allocated to \(input.group.groupId) "
                                 + "for \(input.year); the minimum is \(ratio.text) (\(Money.yuan(required)))",
                             evidence: allocations.map(\.stamp.seq) + earmarks.map(\.stamp.seq))
    }

    // MARK: - Kinds the ledger cannot evidence (yet)

    /// Teachers due to rotate after `years` cannot be listed: the ledger has no start date of a
    /// teacher at a school. Always insufficientData, naming what is needed.
    private static func tenureTrigger(_ input: PeriodicInput, _ params: KindParams) -> Finding {
        let years = params.integer("years", required: true)
        let scope = params.choice("scope", ["homeSchool", "group", "weakSchoolContinuous"]) ?? "homeSchool"
        let obligation = params.choice("obligation", ["rotate", "none"]) ?? "rotate"
        let kinds = params.words("secondmentKinds", as: SecondmentKind.self) ?? []
        let benefit = params.text("benefit")
        guard params.isReadable, let years else { return input.unreadable(params) }
        let place = ["homeSchool": "at the home school", "group": "in the group", "weakSchoolContinuous": "continuously at a weak school"][scope]!
        let registered = input.state.staff.values.filter { input.schoolIds.contains($0.payload.homeSchoolId) }.count
        if obligation == "rotate" {
            return input.finding(.insufficientData, "teachers with \(years) years \(place) must rotate\(kinds.isEmpty ? "" : " (\(kindList(kinds)))"); StaffRegistered records "
                                 + "the home school but not since when, so they cannot be listed: a start date per teacher is needed (\(registered) staff of the group's schools registered)")
        }
        return input.finding(.insufficientData, "the benefit\(benefit.map { " (\($0))" } ?? "") after \(years) years \(place) cannot be derived: the ledger records "
                             + "no weak-school status and no start date of a teacher at a school")
    }

    /// Staffing quotas (编制) by enrolment: the ledger has neither. Always insufficientData.
    private static func quotaAdjustment(_ input: PeriodicInput, _ params: KindParams) -> Finding {
        let basis = params.text("basis") ?? "enrolment"
        guard params.isReadable else { return input.unreadable(params) }
        return input.finding(.insufficientData, "staffing quotas (编制) are to be adjusted by \(basis) and pooled in the group; the ledger records no quota or "
                             + "enrolment event (HeadcountRecorded counts teachers only), so no adjustment for \(input.period) can be found")
    }

    /// The charter and development plan: the ledger records no charter. Always insufficientData.
    private static func charterDrafter(_ input: PeriodicInput, _ params: KindParams) -> Finding {
        let role = params.word("role", as: MemberRole.self) ?? .lead
        let horizon = params.integer("planHorizonYears")
        guard params.isReadable else { return input.unreadable(params) }
        return input.finding(.insufficientData, "the charter\(horizon.map { " and its \($0)-year development plan" } ?? "") must be drafted by the \(role.rawValue); "
                             + "the ledger records no charter (a document registered for the group, naming the school that drafted it, is needed)")
    }

    // MARK: - filingRequired

    /// Filings (备案) are approval requests decided `decision` (Filed unless the params say
    /// otherwise), addressed to or decided by `filedWith.authorityId` when named; the request's
    /// effective date is when it was filed. `artifact: secondmentStarted` needs, for each
    /// secondment of `secondmentKinds` started in the school year, a filing naming its staffId,
    /// or naming no staff member but its sending school (schoolId), made within a year of its
    /// start. Other artifacts are the group's own documents: a filing of the group naming neither
    /// a staff member nor a school, in each period (semester, school year, before term start for
    /// `deadline`, calendar year, or, without a period, any time by the school year's end).
    /// Approvals do not name the document filed, so any such filing of the group counts for it.
    private static func filingRequired(_ input: PeriodicInput, _ params: KindParams) -> Finding {
        let artifact = params.text("artifact", required: true)
        let authority = params.nested("filedWith")?.text("authorityId")
        let period = params.choice("period", ["calendarYear", "schoolYear", "semester"])
        let beforeTerm = params.choice("deadline", ["beforeTermStart"]) != nil
        let decision = params.word("decision", as: ApprovalDecision.self) ?? .filed
        let kinds = params.words("secondmentKinds", as: SecondmentKind.self)
        guard params.isReadable, let artifact else { return input.unreadable(params) }
        let with = authority.map { " with \($0)" } ?? ""
        let filings = input.state.approvals.values.filter { entry in
            entry.decision?.decision == decision && (authority == nil || entry.request.addressedTo == authority || entry.decision?.decidedBy == authority)
        }
        let seqs: (LedgerState.ApprovalEntry) -> [Int64] = { [$0.requestStamp.seq] + ($0.decisionStamp.map { [$0.seq] } ?? []) }
        if artifact == "secondmentStarted" || kinds != nil {
            let kindText = kinds.map { kindList($0) + " " } ?? ""
            let started = input.state.secondments.values.filter { entry in
                (kinds?.contains(entry.payload.kind) ?? true) && input.belongs(entry) && entry.end?.outcome != .refused
                    && input.days.contains(entry.stamp.effective.firstDayNumber)
            }.sorted { $0.stamp.seq < $1.stamp.seq }
            guard !started.isEmpty else {
                return input.finding(.notApplicable, "no \(kindText)secondment of \(input.group.groupId)'s schools started in \(input.period)")
            }
            var evidence: [Int64] = []
            var missing: [String] = []
            for entry in started {
                let start = entry.stamp.effective.firstDayNumber
                let filed = filings.filter { filing in
                    let names = filing.request.staffId.map { $0 == entry.payload.staffId } ?? (filing.request.schoolId == entry.payload.fromSchoolId)
                    return names && (filing.request.groupId ?? input.group.groupId) == input.group.groupId
                        && abs(filing.requestStamp.effective.firstDayNumber - start) <= 366
                }
                evidence += [entry.stamp.seq] + filed.flatMap(seqs)
                if filed.isEmpty { missing.append(entry.payload.secondmentId) }
            }
            guard missing.isEmpty else {
                return input.finding(.notMet, "\(missing.count) of \(started.count) \(kindText)secondment(s) started in \(input.period) have no filing\(with) "
                                     + "(an approval request naming the staff member or the sending school, decided \(decision.rawValue)): \(missing.joined(separator: ", "))", evidence: evidence)
            }
            return input.finding(.met, "\(started.count) \(kindText)secondment(s) started in \(input.period), each filed\(with) (decided \(decision.rawValue))", evidence: evidence)
        }
        let windows: [PeriodWindow] = beforeTerm ? [preTermWindow(input.year)]
            : period == "semester" ? periodWindows("semester", input)
            : period == "schoolYear" ? [PeriodWindow(label: "in school year \(input.period)", days: input.days)]
            : period == "calendarYear" ? [calendarWindow(input.year)] : [PeriodWindow(label: "by \(dayText(input.days.upperBound - 1))", days: Int.min / 4..<input.days.upperBound)]
        let mine = filings.filter { $0.request.groupId == input.group.groupId && $0.request.staffId == nil && $0.request.schoolId == nil }
        var missing: [String] = []
        var found: [String] = []
        var evidence: [Int64] = []
        for window in windows {
            let place = window.label.hasPrefix("before") || window.label.hasPrefix("by") || window.label.hasPrefix("in ") ? window.label : "in " + window.label
            let inWindow = mine.filter { lies($0.requestStamp.effective, in: window.days) }
            evidence += inWindow.flatMap(seqs)
            if inWindow.isEmpty { missing.append(place) } else { found.append("\(place): " + inWindow.map(\.request.approvalId).sorted().joined(separator: ", ")) }
        }
        guard missing.isEmpty else {
            return input.finding(.notMet, "no filing of the \(artifact)\(with) for \(input.group.groupId) \(missing.joined(separator: ", ")) "
                                 + "(filings are approval requests of the group, naming no staff member or school, decided \(decision.rawValue))", evidence: evidence)
        }
        return input.finding(.met, "filed\(with): \(found.joined(separator: "; ")) (approvals do not name the document filed; any filing of the group counts for the \(artifact))",
                             evidence: evidence)
    }

    // MARK: - planPhases

    /// Plan against actual, once per jurisdiction: each phase naming `plannedGroupIds` should
    /// see them established before its (half-open) end. An ended phase with a planned group not
    /// established is notMet; phases still running or open-ended are reported as progress.
    /// Phases naming no group have no event to check.
    private static func planPhases(_ input: PeriodicInput, _ params: KindParams) -> Finding {
        let phases = (params.list("phases", required: true) ?? []).map { phase in
            let interval = phase.nested("interval", required: true)
            return (label: phase.text("labelZh") ?? "phase", end: interval?.date("end"), start: interval?.date("start"), planned: phase.strings("plannedGroupIds") ?? [])
        }
        guard params.isReadable else { return input.unreadable(params) }
        var parts: [String] = []
        var evidence: [Int64] = []
        var missed = false, pending = false, judged = false
        for phase in phases where !phase.planned.isEmpty {
            let over = phase.end.map { $0.firstDayNumber <= input.days.upperBound } ?? false
            let day = over ? phase.end!.firstDayNumber - 1 : input.days.upperBound - 1
            let established = phase.planned.filter { id in
                guard let stamp = input.state.groups[id]?.establishedStamp, stamp.effective.firstDayNumber <= day else { return false }
                evidence.append(stamp.seq)
                return true
            }
            let notYet = phase.planned.filter { !established.contains($0) }
            var text = "\(phase.label) (" + (over ? "ended \(dayText(day))" : phase.end.map { "runs until \($0)" } ?? "from \(phase.start.map(String.init(describing:)) ?? "?"), open-ended")
                + "): \(established.count) of \(phase.planned.count) planned group(s) established"
            if !notYet.isEmpty { text += over ? "; missing \(notYet.joined(separator: ", "))" : " so far" }
            missed = missed || (over && !notYet.isEmpty)
            pending = pending || (!over && !notYet.isEmpty)
            judged = judged || over
            parts.append(text)
        }
        guard !parts.isEmpty else {
            return input.finding(.insufficientData, "no phase names a planned group, and the phases' work has no event in the ledger", jurisdiction: true)
        }
        let unnamed = phases.filter(\.planned.isEmpty).count
        if unnamed > 0 { parts.append("\(unnamed) phase(s) name no group and are not checked") }
        let status: Finding.Status = missed ? .notMet : (!pending || judged ? .met : .notApplicable)
        return input.finding(status, parts.joined(separator: "; "), evidence: evidence, jurisdiction: true)
    }

    // MARK: - governanceSeats

    /// The group's role holders on the last day of the school year (GroupRoleAssigned not yet
    /// ended) against each seat's `count`, and each holder against the seat's `exOfficio`
    /// options (the holder's home school has that role in the group and the holder that post).
    /// Seats of role Other cannot be told apart, and `condition`, `fromAuthorityIds` and
    /// ex-officio school roles other than Lead and Member are not recorded: reported, not judged.
    private static func governanceSeats(_ input: PeriodicInput, _ params: KindParams) -> Finding {
        var seats: [(role: GroupRole, label: String, min: Int64?, max: Int64?, options: [(role: String, posts: [StaffPost])])] = []
        var unchecked: [String] = []
        for seat in params.list("seats", required: true) ?? [] {
            guard let role = seat.word("role", as: GroupRole.self, required: true) else { continue }
            let label = seat.text("labelZh") ?? role.rawValue
            guard role != .other else { unchecked.append(label); continue }
            let count = seat.nested("count")
            let options = (seat.list("exOfficio") ?? []).map { (role: $0.text("schoolRole", required: true) ?? "", posts: $0.words("posts", as: StaffPost.self) ?? []) }
            if seat.has("condition") || seat.has("fromAuthorityIds") { unchecked.append("where \(label) comes from") }
            seats.append((role, label, count?.integer("min"), count?.integer("max"), options))
        }
        guard params.isReadable else { return input.unreadable(params) }
        guard !seats.isEmpty else {
            return input.finding(.insufficientData, "the seats (\(unchecked.joined(separator: ", "))) have role Other, which GroupRoleAssigned cannot tell apart")
        }
        let day = input.days.upperBound - 1
        let roster = input.state.roleAssignments.values.filter { entry in
            entry.payload.groupId == input.group.groupId && entry.stamp.effective.firstDayNumber <= day && (entry.ended.map { $0.effective.firstDayNumber > day } ?? true)
        }
        let members = input.state.members(ofGroup: input.group.groupId, onDay: day)
        var counts: [String] = [], problems: [String] = [], unknown: [String] = []
        for seat in seats {
            let holders = roster.filter { $0.payload.role == seat.role }.sorted { $0.stamp.seq < $1.stamp.seq }
            let outside = seat.min.map { holders.count < $0 } == true || seat.max.map { holders.count > $0 } == true
            let bounds = seat.min != nil || seat.max != nil ? (outside ? ", required " : " of ") + rangeText(seat.min, seat.max) : ""
            counts.append("\(seat.label) \(holders.count)\(bounds)")
            if outside { problems.append("") }
            for holder in holders where !seat.options.isEmpty {
                guard let staff = input.state.staff[holder.payload.staffId] else { continue }
                let role = members.first { $0.membership.schoolId == staff.payload.homeSchoolId }?.role
                let fits = seat.options.contains { option in
                    option.posts.contains(staff.payload.post) && (option.role == "Lead" ? role == .lead : option.role == "Member" && (role == .member || role == .subGroupCore))
                }
                let who = "\(seat.label) \(holder.payload.staffId) (\(staff.payload.post.rawValue) of \(staff.payload.homeSchoolId), \(role?.rawValue ?? "not a member"))"
                if fits { continue }
                if role == nil && seat.options.contains(where: { $0.role != "Lead" && $0.role != "Member" }) { unknown.append(who) } else { problems.append("\(who) holds no ex-officio post") }
            }
        }
        var message = "roster on \(dayText(day)): " + counts.joined(separator: "; ")
        let holderProblems = problems.filter { !$0.isEmpty }
        if !holderProblems.isEmpty { message += "; " + holderProblems.joined(separator: "; ") }
        if !unknown.isEmpty { message += "; not recorded whether these hold an ex-officio seat: " + unknown.joined(separator: ", ") }
        if !unchecked.isEmpty { message += "; not checked: " + unchecked.joined(separator: ", ") }
        let status: Finding.Status = !problems.isEmpty ? .notMet : (unknown.isEmpty ? .met : .insufficientData)
        return input.finding(status, message, evidence: roster.map(\.stamp.seq))
    }

    // MARK: - appointmentAuthority

    /// Holders of `roles` in post during the school year need an approval naming them (staffId)
    /// decided Granted or Conditional by `authority.authorityId`. Without any approval for a
    /// holder the appointment may rest on a document the state does not keep: insufficientData.
    private static func appointmentAuthority(_ input: PeriodicInput, _ params: KindParams) -> Finding {
        let roles = params.words("roles", as: GroupRole.self, required: true) ?? []
        let authority = params.nested("authority", required: true)?.text("authorityId")
        guard params.isReadable else { return input.unreadable(params) }
        let holders = input.state.roleAssignments.values.filter { entry in
            entry.payload.groupId == input.group.groupId && roles.contains(entry.payload.role) && entry.stamp.effective.firstDayNumber < input.days.upperBound
                && (entry.ended.map { $0.effective.firstDayNumber > input.days.lowerBound } ?? true)
        }.sorted { $0.stamp.seq < $1.stamp.seq }
        guard !holders.isEmpty else { return input.finding(.notApplicable, "no \(kindList(roles)) of \(input.group.groupId) in post in \(input.period)") }
        let by = authority.map { " by \($0)" } ?? ""
        var wrong: [String] = [], unknown: [String] = [], evidence: [Int64] = []
        for holder in holders {
            evidence.append(holder.stamp.seq)
            let granted = input.state.approvals.values.filter { entry in
                entry.request.staffId == holder.payload.staffId && (entry.request.groupId ?? input.group.groupId) == input.group.groupId
                    && [.granted, .conditional].contains(entry.decision?.decision)
            }
            let who = "\(holder.payload.role.rawValue) \(holder.payload.staffId)"
            let proper = granted.filter { authority == nil || $0.decision?.decidedBy == authority }
            evidence += (proper.isEmpty ? Array(granted) : proper).compactMap(\.decisionStamp?.seq)
            if proper.isEmpty && !granted.isEmpty {
                wrong.append("\(who) approved by \(Set(granted.compactMap(\.decision?.decidedBy)).sorted().joined(separator: ", "))")
            } else if proper.isEmpty {
                unknown.append(who)
            }
        }
        if !wrong.isEmpty { return input.finding(.notMet, "appointments must be decided\(by): " + wrong.joined(separator: "; "), evidence: evidence) }
        guard unknown.isEmpty else {
            return input.finding(.insufficientData, "no approval naming \(unknown.joined(separator: ", ")) decided\(by) is recorded; the appointing decision is needed "
                                 + "as an approval with the staffId", evidence: evidence)
        }
        return input.finding(.met, "\(holders.count) holder(s) appointed\(by): " + holders.map { "\($0.payload.role.rawValue) \($0.payload.staffId)" }.joined(separator: ", "),
                             evidence: evidence)
    }

    // MARK: - experienceCredit

    /// A credit, not a requirement. With `fromSchoolIds` and `toSchoolIds` the secondments in post
    /// between them are listed as earning `countsAs` (notApplicable: nothing to meet). With `to`
    /// targets (weak schools recognised by an authority, schools new within N years) the ledger
    /// records neither, so the lead's secondments to members cannot be credited: insufficientData.
    private static func experienceCredit(_ input: PeriodicInput, _ params: KindParams) -> Finding {
        let from = params.strings("fromSchoolIds"), to = params.strings("toSchoolIds")
        let countsAs = params.text("countsAs") ?? "experience"
        let needs = (params.list("to") ?? []).flatMap { target -> [String] in
            var needs: [String] = []
            if let weak = target.nested("weakSchool") {
                needs.append("weak-school recognitions" + (weak.nested("recognizedBy")?.text("authorityId").map { " (by \($0))" } ?? ""))
            }
            if let new = target.nested("newSchool") { needs.append("school opening dates" + (new.integer("withinYears").map { " (new within \($0) years)" } ?? "")) }
            return needs
        }
        _ = params.word("fromRole", as: MemberRole.self)
        guard params.isReadable else { return input.unreadable(params) }
        if let from, let to {
            let credited = input.state.secondments.values.filter { entry in
                from.contains(entry.payload.fromSchoolId) && entry.payload.toSchoolId.map(to.contains) == true && input.inPost(entry, during: input.days)
            }.sorted { $0.stamp.seq < $1.stamp.seq }
            return input.finding(.notApplicable, "a credit, not a requirement: \(credited.count) secondment(s) from \(from.joined(separator: ", ")) to "
                                 + "\(to.joined(separator: ", ")) in post in \(input.period) count as \(countsAs)"
                                 + (credited.isEmpty ? "" : ": " + credited.map(\.payload.secondmentId).joined(separator: ", ")), evidence: credited.map(\.stamp.seq))
        }
        let lead = input.lead?.membership.schoolId
        let moves = input.state.secondments.values.filter { $0.payload.fromSchoolId == lead && input.belongs($0) && input.inPost($0, during: input.days) }
        return input.finding(.insufficientData, "secondments count as \(countsAs) only to the schools the rule names; the ledger records no "
                             + (needs.isEmpty ? "such schools" : needs.joined(separator: " and no ")) + ", so the \(moves.count) secondment(s) from the lead in post in "
                             + "\(input.period) cannot be credited", evidence: moves.map(\.stamp.seq))
    }
}
