import Testing
@testable import LedgerCore

/// Journal lines for the periodic-kind scenarios (group `g1` unless told, schools s0…s9 of `PolicyScenario`).
enum PeriodicKindLines {
    static let clerk = #""actor":{"id":"c","role":"BureauClerk"}"#
    static let core = #""actor":{"id":"k","role":"CoreSchoolClerk"}"#
    static let finance = #""actor":{"id":"fin","role":"FinanceClerk"}"#

    static func activity(_ id: String, _ kind: String, on date: String, host: String = "s0", participants: [String] = [], group: String = "g1") -> String {
        let list = participants.map { "\"\($0)\"" }.joined(separator: ",")
        return #"{"type":"GroupActivityHeld","v":1,"effective":"\#(date)",\#(core),"data":{"activityId":"\#(id)","groupId":"\#(group)","kind":"\#(kind)","hostSchoolId":"\#(host)","participantSchoolIds":[\#(list)]}}"#
    }

    static func staff(_ id: String, at school: String, post: String) -> String {
        #"{"type":"StaffRegistered","v":1,"effective":"2023-06",\#(clerk),"data":{"staffId":"\#(id)","homeSchoolId":"\#(school)","post":"\#(post)"}}"#
    }

    static func secondment(_ id: String, staff: String, kind: String, from: String, to: String, on date: String, plannedEnd: String,
                           retained: [String] = []) -> String {
        let list = retained.map { "\"\($0)\"" }.joined(separator: ",")
        return #"{"type":"SecondmentStarted","v":1,"effective":"\#(date)",\#(clerk),"data":{"secondmentId":"\#(id)","staffId":"\#(staff)","kind":"\#(kind)","fromSchoolId":"\#(from)","toSchoolId":"\#(to)","plannedEnd":"\#(plannedEnd)","retainedAtHome":[\#(list)]}}"#
    }

    static func ended(_ id: String, on date: String, outcome: String = "Returned") -> String {
        #"{"type":"SecondmentEnded","v":1,"effective":"\#(date)",\#(clerk),"data":{"secondmentId":"\#(id)","outcome":"\#(outcome)"}}"#
    }

    static func assessed(_ id: String, on date: String, by authority: String, outcome: String = "Good") -> String {
        #"{"type":"GroupAssessed","v":1,"effective":"\#(date)",\#(clerk),"data":{"assessmentId":"\#(id)","groupId":"g1","periodLabel":"\#(date)","outcome":"\#(outcome)","assessedBy":["\#(authority)"]}}"#
    }

    static func allocation(_ id: String, fen: Int64, jurisdiction: String) -> String {
        #"{"type":"FundAllocated","v":1,"effective":"2024",\#(finance),"authority":{"document":"\#(jurisdiction)-plan"},"data":{"allocationId":"\#(id)","fiscalYear":2024,"fromAuthorityId":"\#(jurisdiction)-edu","toSchoolId":"s0","groupId":"g1","purpose":"ExchangeTraining","amountFen":\#(fen)}}"#
    }

    static func earmark(_ id: String, allocation: String, fen: Int64, purpose: String) -> String {
        #"{"type":"FundEarmarked","v":1,"effective":"2024-10",\#(finance),"data":{"earmarkId":"\#(id)","allocationId":"\#(allocation)","amountFen":\#(fen),"purpose":"\#(purpose)","beneficiarySchoolId":"s1"}}"#
    }

    static func established(_ groupId: String, jurisdiction: String, type: String, on date: String) -> String {
        #"{"type":"GroupEstablished","v":1,"effective":"\#(date)",\#(clerk),"authority":{"document":"\#(jurisdiction)-plan"},"data":{"groupId":"\#(groupId)","nameZh":"集团\#(groupId)","jurisdictionId":"\#(jurisdiction)","type":"\#(type)","status":"Regular"}}"#
    }

    static func authority(_ id: String, jurisdiction: String) -> String {
        #"{"type":"AuthorityRegistered","v":1,"effective":"2018","actor":{"id":"admin1","role":"LedgerAdmin"},"data":{"authorityId":"\#(id)","nameZh":"领导小组办公室","kind":"LeadingGroupOffice","level":"County","jurisdictionId":"\#(jurisdiction)"}}"#
    }

    static func filing(_ id: String, with authority: String, requested: String, decided: String) -> [String] {
        [#"{"type":"ApprovalRequested","v":1,"effective":"\#(requested)",\#(clerk),"data":{"approvalId":"\#(id)","action":"Other","addressedTo":"\#(authority)","requestedBy":"sy-edu","groupId":"g1"}}"#,
         #"{"type":"ApprovalDecided","v":1,"effective":"\#(decided)","actor":{"id":"appr","role":"BureauApprover"},"authority":{"document":"sy-plan"},"data":{"approvalId":"\#(id)","decision":"Filed","decidedBy":"\#(authority)"}}"#]
    }
}

@Suite("Periodic rule kinds judged from recorded parameters")
struct PolicyPeriodicKindsTests {
    typealias Lines = PeriodicKindLines

    /// The one finding of `ruleId` for the school year starting in `year`.
    static func finding(_ scenario: PolicyScenario, _ ruleId: String, year: Int = 2024) throws -> Finding {
        let findings = PolicyEvaluator.periodic(scenario.state, schoolYear: year).filter { $0.ruleId == ruleId }
        #expect(findings.count == 1, "\(ruleId): \(findings.count) findings")
        return try #require(findings.first)
    }

    /// A group of `jurisdiction` with lead s0 and members `members`, joined 2024-01-01.
    static func group(_ jurisdiction: String, _ type: String, members: [String] = ["s1"], groupId: String = "g1", effective: String = "2024-01-01") throws -> PolicyScenario {
        var scenario = try PolicyScenario(jurisdiction: jurisdiction, groupType: type, effective: effective, groupId: groupId)
        try scenario.add(scenario.join("s0", role: "Lead"))
        for school in members { try scenario.add(scenario.join(school)) }
        return scenario
    }

    // MARK: activityMin

    @Test func threeWorkMeetingsEachSemesterMeetShaoyangsSY09AndTwoDoNot() throws {
        var met = try Self.group("sy", "CoConstruction")
        for (index, date) in ["2024-09-10", "2024-10-15", "2025-01-07", "2025-03-04", "2025-04-08", "2025-06-10"].enumerated() {
            try met.add(Lines.activity("wm\(index)", "WorkMeeting", on: date))
        }
        let good = try Self.finding(met, "SY-09")
        #expect(good.status == .met)
        #expect(good.message == "semester 2024-09–2025-01: 3 WorkMeeting; the minimum is 3")
        #expect(good.subject == "group g1")
        #expect(good.period == "2024-2025")
        #expect(good.severity == .flag)
        #expect(good.evidenceSeqs.count == 6)
        #expect(good.quoteZh.contains("工作例会不少于3次"))

        var short = try Self.group("sy", "CoConstruction")
        for (index, date) in ["2024-09-10", "2024-10-15", "2025-03-04", "2025-04-08", "2025-06-10", "2025-09-02"].enumerated() {
            try short.add(Lines.activity("wm\(index)", "WorkMeeting", on: date))
        }
        let bad = try Self.finding(short, "SY-09")
        #expect(bad.status == .notMet)
        #expect(bad.message == "semester 2024-09–2025-01: 2 WorkMeeting; the minimum is 3")
        #expect(bad.evidenceSeqs.count == 5)

        // A meeting dated only "2025" cannot be placed in a semester: not a shortfall, not a count.
        try short.add(Lines.activity("wm-2025", "WorkMeeting", on: "2025"))
        let coarse = try Self.finding(short, "SY-09")
        #expect(coarse.status == .insufficientData)
        #expect(coarse.message == "semester 2024-09–2025-01: 2 WorkMeeting; the minimum is 3; cannot be placed in a semester: wm-2025 (2025)")
    }

    @Test func eachMemberSchoolNeedsFourShowcasesOrOutreachesInShaoyangsSY14() throws {
        var scenario = try Self.group("sy", "CoConstruction", members: ["s1", "s2"])
        try scenario.add(Lines.activity("cs1", "ClassroomShowcase", on: "2024-10-10", host: "s1"))
        try scenario.add(Lines.activity("cs2", "ClassroomShowcase", on: "2024-11-10", host: "s1"))
        try scenario.add(Lines.activity("fo1", "FamousTeacherOutreach", on: "2025-03-10", participants: ["s1", "s2"]))
        try scenario.add(Lines.activity("fo2", "FamousTeacherOutreach", on: "2025-04-10", participants: ["s1"]))
        let short = try Self.finding(scenario, "SY-14")
        #expect(short.status == .notMet)
        #expect(short.message == "school year 2024-2025 at s2 学校2: 1 ClassroomShowcase or FamousTeacherOutreach; the minimum is 4")
        for index in 3...5 { try scenario.add(Lines.activity("cs\(index)", "ClassroomShowcase", on: "2025-05-0\(index)", host: "s2")) }
        let met = try Self.finding(scenario, "SY-14")
        #expect(met.status == .met)
        #expect(met.message == "school year 2024-2025 at s1 学校1: 4 ClassroomShowcase or FamousTeacherOutreach; the minimum is 4")
    }

    @Test func zhangyeNeedsAJointMeetingEveryMonth() throws {
        var scenario = try Self.group("zy", "Alliance")
        let months = ["2024-09", "2024-10", "2024-11", "2024-12", "2025-01", "2025-03", "2025-04", "2025-05", "2025-06", "2025-07", "2025-08"]
        for month in months { try scenario.add(Lines.activity("jm-\(month)", "JointMeeting", on: "\(month)-15")) }
        let gap = try Self.finding(scenario, "ZY-04")
        #expect(gap.status == .notMet)
        #expect(gap.message == "month 2025-02: 0 JointMeeting; the minimum is 1")
        try scenario.add(Lines.activity("jm-2025-02", "JointMeeting", on: "2025-02"))
        let met = try Self.finding(scenario, "ZY-04")
        #expect(met.status == .met)
        #expect(met.message == "month 2024-09: 1 JointMeeting; the minimum is 1")
    }

    // MARK: assessmentCadence

    @Test func shaoyangAssessesEachGroupEverySchoolYear() throws {
        var scenario = try Self.group("sy", "CoConstruction")
        try scenario.add(Lines.assessed("as-2023", on: "2024-06", by: "sy-edu"))
        let missing = try Self.finding(scenario, "SY-19")
        #expect(missing.status == .notMet)
        #expect(missing.message == "no assessment of g1 by sy-edu in school year 2024-2025; the rule requires one each school year (specialAssessment)")
        try scenario.add(Lines.assessed("as-2024", on: "2025-06", by: "sy-edu", outcome: "Excellent"))
        let met = try Self.finding(scenario, "SY-19")
        #expect(met.status == .met)
        #expect(met.message == "assessed in school year 2024-2025: as-2024 (Excellent, by sy-edu)")
        #expect(met.evidenceSeqs == [scenario.state.lastSeq])
    }

    // MARK: coverageTarget and groupCountTarget

    @Test func bengshanCoverageOfTightGroupsIsCountedAtTheEndOf2025() throws {
        var scenario = try Self.group("bs", "Tight", members: ["s1", "s2", "s3", "s4", "s5", "s6"])
        let early = try Self.finding(scenario, "BS-01")
        #expect(early.status == .notApplicable)
        #expect(early.message == "7 of 10 compulsory schools (Primary, JuniorMiddle, NineYear) of bs in Tight (紧密型) groups on 2025-08-31; the target is 80/100 by 2025, not yet due")
        let short = try Self.finding(scenario, "BS-01", year: 2025)
        #expect(short.status == .notMet)
        #expect(short.subject == "jurisdiction bs")
        #expect(short.message == "7 of 10 compulsory schools (Primary, JuniorMiddle, NineYear) of bs in Tight (紧密型) groups on 2025-12-31; the target is 80/100 by 2025")
        try scenario.add(scenario.join("s7", effective: "2025-10-01"))
        let met = try Self.finding(scenario, "BS-01", year: 2025)
        #expect(met.status == .met)
        #expect(met.message == "8 of 10 compulsory schools (Primary, JuniorMiddle, NineYear) of bs in Tight (紧密型) groups on 2025-12-31; the target is 80/100 by 2025")
        #expect(met.evidenceSeqs.count == 8)
    }

    @Test func xinpingNeededThreeIntegratedGroupsBySeptember2018() throws {
        var late = try Self.group("xp", "Integrated", groupId: "xp-g1", effective: "2018-05")
        try late.add(Lines.established("xp-g2", jurisdiction: "xp", type: "Integrated", on: "2018-06"))
        try late.add(Lines.established("xp-g3", jurisdiction: "xp", type: "Integrated", on: "2019-03"))
        let short = try Self.finding(late, "XP-01")
        #expect(short.status == .notMet)
        #expect(short.subject == "jurisdiction xp")
        #expect(short.message == "2 Integrated (一体化) group(s) established by 2018-09-30 (xp-g1, xp-g2); the target is exactly 3 by 2018-09; planned but not established: xp-g3")
        var onTime = try Self.group("xp", "Integrated", groupId: "xp-g1", effective: "2018-05")
        try onTime.add(Lines.established("xp-g2", jurisdiction: "xp", type: "Integrated", on: "2018-06"))
        try onTime.add(Lines.established("xp-g3", jurisdiction: "xp", type: "Integrated", on: "2018-08-20"))
        let met = try Self.finding(onTime, "XP-01")
        #expect(met.status == .met)
        #expect(met.message == "3 Integrated (一体化) group(s) established by 2018-09-30 (xp-g1, xp-g2, xp-g3); the target is exactly 3 by 2018-09")
    }

    // MARK: secondments

    @Test func aTwoYearShadowLearningEndingAfterEighteenMonthsBreaksSY11bAndMissingBenefitsBreaksSY11c() throws {
        var kept = try Self.group("sy", "CoConstruction")
        try kept.add(Lines.staff("t1", at: "s1", post: "MiddleManager"))
        try kept.add(Lines.secondment("sec1", staff: "t1", kind: "ShadowLearning", from: "s1", to: "s0", on: "2023-09-01", plannedEnd: "2025-08-31",
                                      retained: ["IdentityStatus", "Payroll", "Benefits"]))
        let term = try Self.finding(kept, "SY-11b")
        #expect(term.status == .met)
        #expect(term.message == "1 ShadowLearning secondment(s) keep the term of exactly 24 months: sec1")
        let retained = try Self.finding(kept, "SY-11c")
        #expect(retained.status == .met)
        #expect(retained.message == "1 ShadowLearning secondment(s) list IdentityStatus (身份性质), Payroll (工资关系), Benefits (福利待遇) as retained at home")

        var cut = try Self.group("sy", "CoConstruction")
        try cut.add(Lines.staff("t1", at: "s1", post: "MiddleManager"))
        try cut.add(Lines.secondment("sec1", staff: "t1", kind: "ShadowLearning", from: "s1", to: "s0", on: "2023-09-01", plannedEnd: "2025-08-31",
                                     retained: ["IdentityStatus", "Payroll"]))
        try cut.add(Lines.ended("sec1", on: "2025-03-01"))
        let short = try Self.finding(cut, "SY-11b")
        #expect(short.status == .notMet)
        #expect(short.message == "1 of 1 ShadowLearning secondment(s) miss the term of exactly 24 months: sec1 (s1 → s0) returned after 18 months")
        #expect(short.evidenceSeqs.count == 2)
        let missing = try Self.finding(cut, "SY-11c")
        #expect(missing.status == .notMet)
        #expect(missing.message == "1 of 1 ShadowLearning secondment(s) do not list IdentityStatus (身份性质), Payroll (工资关系), Benefits (福利待遇) as retained at home: sec1 (missing Benefits)")
    }

    @Test func eachShaoyangMemberSendsOneOrTwoToShadowTheLead() throws {
        let none = try Self.group("sy", "CoConstruction")
        let empty = try Self.finding(none, "SY-11a")
        #expect(empty.status == .notMet)
        #expect(empty.message == "s1 学校1: 0 ShadowLearning to the lead, required 1–2 (中层干部 or 骨干教师)")
        var sent = try Self.group("sy", "CoConstruction")
        try sent.add(Lines.staff("t1", at: "s1", post: "MiddleManager"))
        try sent.add(Lines.staff("t2", at: "s1", post: "Teacher"))
        try sent.add(Lines.secondment("sec1", staff: "t1", kind: "ShadowLearning", from: "s1", to: "s0", on: "2024-09-02", plannedEnd: "2026-09-01"))
        // A teacher without the BackboneTeacher credential is not one of the posts the rule names.
        try sent.add(Lines.secondment("sec2", staff: "t2", kind: "ShadowLearning", from: "s1", to: "s0", on: "2024-09-02", plannedEnd: "2026-09-01"))
        let met = try Self.finding(sent, "SY-11a")
        #expect(met.status == .met)
        #expect(met.message == "s1 学校1: 1 ShadowLearning to the lead, required 1–2 (中层干部 or 骨干教师)")
    }

    @Test func bengshansLeadSendsALeaderAndTwoMiddleManagersToEachMember() throws {
        var scenario = try Self.group("bs", "Tight")
        for (staff, post) in [("v1", "VicePrincipal"), ("m1", "MiddleManager"), ("m2", "MiddleManager")] {
            try scenario.add(Lines.staff(staff, at: "s0", post: post))
        }
        try scenario.add(Lines.secondment("md1", staff: "v1", kind: "ManagementDispatch", from: "s0", to: "s1", on: "2024-09-02", plannedEnd: "2026-08"))
        try scenario.add(Lines.secondment("md2", staff: "m1", kind: "ManagementDispatch", from: "s0", to: "s1", on: "2024-09-02", plannedEnd: "2026-08"))
        let short = try Self.finding(scenario, "BS-03a")
        #expect(short.status == .notMet)
        #expect(short.message == "s1 学校1: 2 ManagementDispatch from the lead (校级领导 1, 中层管理干部 1), required 校级领导 ≥ 1 and 中层管理干部 ≥ 2")
        try scenario.add(Lines.secondment("md3", staff: "m2", kind: "ManagementDispatch", from: "s0", to: "s1", on: "2024-10-08", plannedEnd: "2026-08"))
        let met = try Self.finding(scenario, "BS-03a")
        #expect(met.status == .met)
        #expect(met.message == "s1 学校1: 3 ManagementDispatch from the lead (校级领导 1, 中层管理干部 2), required 校级领导 ≥ 1 and 中层管理干部 ≥ 2")
        #expect(met.evidenceSeqs.count == 3)
    }

    // MARK: fundReserveRatio

    @Test func bengshanReservesFortyPercentForANewMember() throws {
        var scenario = try Self.group("bs", "Tight")
        let none = try Self.finding(scenario, "BS-15")
        #expect(none.status == .insufficientData)
        #expect(none.message == "no allocation to g1 for fiscal year 2024; the reserve is 40/100 of it")
        try scenario.add(Lines.allocation("al-1", fen: 50_000_000, jurisdiction: "bs"))
        try scenario.add(Lines.earmark("em-1", allocation: "al-1", fen: 15_000_000, purpose: "NewSchoolOperatingSubsidy"))
        try scenario.add(Lines.earmark("em-2", allocation: "al-1", fen: 10_000_000, purpose: "ExchangeTraining"))
        let under = try Self.finding(scenario, "BS-15")
        #expect(under.status == .notMet)
        #expect(under.message == "150000.00元 earmarked for NewSchoolOperatingSubsidy out of 500000.00元 allocated to g1 for 2024; the minimum is 40/100 (200000.00元)")
        try scenario.add(Lines.earmark("em-3", allocation: "al-1", fen: 5_000_000, purpose: "NewSchoolOperatingSubsidy"))
        let met = try Self.finding(scenario, "BS-15")
        #expect(met.status == .met)
        #expect(met.message == "200000.00元 earmarked for NewSchoolOperatingSubsidy out of 500000.00元 allocated to g1 for 2024; the minimum is 40/100 (200000.00元)")
        #expect(met.evidenceSeqs.count == 3)
    }

    // MARK: filingRequired

    @Test func shaoyangsSchoolYearPlanIsFiledBeforeTermStarts() throws {
        var scenario = try Self.group("sy", "CoConstruction")
        try scenario.add(Lines.authority("sy-lg-office", jurisdiction: "sy"))
        for line in Lines.filing("ap-late", with: "sy-lg-office", requested: "2024-09-10", decided: "2024-09-12") { try scenario.add(line) }
        let missing = try Self.finding(scenario, "SY-08a")
        #expect(missing.status == .notMet)
        #expect(missing.message == "no filing of the schoolYearPlan with sy-lg-office for g1 before term start (2024-02-01–2024-08-31) "
                + "(filings are approval requests of the group, naming no staff member or school, decided Filed)")
        for line in Lines.filing("ap-plan", with: "sy-lg-office", requested: "2024-08-20", decided: "2024-08-26") { try scenario.add(line) }
        let filed = try Self.finding(scenario, "SY-08a")
        #expect(filed.status == .met)
        #expect(filed.message == "filed with sy-lg-office: before term start (2024-02-01–2024-08-31): ap-plan "
                + "(approvals do not name the document filed; any filing of the group counts for the schoolYearPlan)")
    }

    // MARK: parameters that cannot be read

    @Test func unreadableParametersGiveInsufficientDataNamingThem() throws {
        let scenario = try Self.group("sy", "CoConstruction")
        let start = CivilDate.dayNumber(year: 2024, month: 9, day: 1)
        let end = CivilDate.dayNumber(year: 2025, month: 9, day: 1)
        let rule = try #require(PolicyEvaluator.profile(for: "sy", onDay: start, in: scenario.state)?.rules.first { $0.id == "SY-09" })
        let odd = try #require(try JSONParser.parseInput(Array(#"{"kinds":["WorkMeeting","Picnic"],"per":"fortnight","scope":"group","min":"three"}"#.utf8)).objectValue)
        let findings = PolicyEvaluator.periodicKind(rule, parameters: odd, group: try #require(scenario.state.groups["g1"]),
                                                    members: scenario.state.members(ofGroup: "g1", onDay: start), year: 2024, days: start..<end,
                                                    period: "2024-2025", state: scenario.state)
        let finding = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(finding.status == .insufficientData)
        #expect(finding.message == #"could not read the rule's parameters: params.kinds[1] is not an ActivityKind word: "Picnic"; "#
                + #"params.per should be one of semester, schoolYear, month, year, calendarYear, found "fortnight"; "#
                + #"params.min should be a whole number in 0…1000000, found "three""#)
    }
}
