import Foundation
import Testing
@testable import LedgerCore

/// Builds a jurisdiction with its adopted profile (from Journal/profiles) and schools.
struct PolicyScenario {
    var records: [DomainEventRecord] = []
    var state = LedgerState()
    let jurisdiction: String
    let clerk: String
    let bureau: String
    let groupId: String

    init(jurisdiction: String, groupType: String, effective: String = "2024-01-01", groupId: String = "g1") throws {
        self.jurisdiction = jurisdiction
        self.groupId = groupId
        bureau = "\(jurisdiction)-edu"
        clerk = #""actor":{"id":"clerk-\#(jurisdiction)","role":"BureauClerk","onBehalfOf":"\#(jurisdiction)-edu"}"#
        let admin = #""actor":{"id":"admin1","role":"LedgerAdmin"}"#
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Journal/profiles/\(jurisdiction).json")
        let profile = String(decoding: try Data(contentsOf: url), as: UTF8.self).replacingOccurrences(of: "\n", with: " ")
        try add(#"{"type":"AuthorityRegistered","v":1,"effective":"2018",\#(admin),"data":{"authorityId":"\#(bureau)","nameZh":"教育局","kind":"EducationBureau","level":"County","jurisdictionId":"\#(jurisdiction)"}}"#)
        try add(#"{"type":"PolicyDocumentRegistered","v":1,"effective":"2018",\#(admin),"data":{"documentId":"\#(jurisdiction)-plan","titleZh":"实施方案","kind":"ImplementationPlan","jurisdictionId":"\#(jurisdiction)"}}"#)
        try add(#"{"type":"PolicyProfileAdopted","v":1,"effective":"2018",\#(admin),"authority":{"document":"\#(jurisdiction)-plan"},"data":{"profileId":"\#(jurisdiction)","jurisdictionId":"\#(jurisdiction)","version":1,"effectiveFrom":"2018","sourceDocumentIds":["\#(jurisdiction)-plan"],"profile":\#(profile)}}"#)
        for index in 0..<10 {
            try add(#"{"type":"SchoolRegistered","v":1,"effective":"2018",\#(admin),"data":{"schoolId":"s\#(index)","nameZh":"学校\#(index)","stage":"Primary","administeredBy":"\#(bureau)","jurisdictionId":"\#(jurisdiction)"}}"#)
        }
        try add(#"{"type":"GroupEstablished","v":1,"effective":"\#(effective)",\#(clerk),"authority":{"document":"\#(jurisdiction)-plan"},"data":{"groupId":"\#(groupId)","nameZh":"示例教育集团","jurisdictionId":"\#(jurisdiction)","type":"\#(groupType)","status":"Pilot"}}"#)
    }

    mutating func record(_ json: String) throws -> DomainEventRecord {
        try Scenario.record(state.lastSeq + 1, json)
    }

    mutating func add(_ json: String) throws {
        let record = try record(json)
        try state.apply(record)
        records.append(record)
    }

    func join(_ school: String, role: String = "Member", effective: String = "2024-01-01", approval: String? = nil) -> String {
        let approvalMember = approval.map { #","approvalId":"\#($0)""# } ?? ""
        return #"{"type":"SchoolJoinedGroup","v":2,"effective":"\#(effective)",\#(clerk),"data":{"membershipId":"m-\#(school)","groupId":"\#(groupId)","schoolId":"\#(school)","role":"\#(role)"\#(approvalMember)}}"#
    }

    func exit(_ school: String, effective: String, reason: String = "GoalsAchieved", approval: String? = nil) -> String {
        let approvalMember = approval.map { #","approvalId":"\#($0)""# } ?? ""
        return #"{"type":"SchoolExitedGroup","v":1,"effective":"\#(effective)",\#(clerk),"data":{"membershipId":"m-\#(school)","reason":"\#(reason)"\#(approvalMember)}}"#
    }

    func approval(_ id: String, action: String, ruleId: String? = nil, decidedBy: String? = nil) -> [String] {
        let rule = ruleId.map { #","ruleId":"\#($0)""# } ?? ""
        return [
            #"{"type":"ApprovalRequested","v":1,"effective":"2024-06",\#(clerk),"data":{"approvalId":"\#(id)","action":"\#(action)","addressedTo":"\#(bureau)","requestedBy":"\#(bureau)","groupId":"\#(groupId)"\#(rule)}}"#,
            #"{"type":"ApprovalDecided","v":1,"effective":"2024-06","actor":{"id":"appr","role":"BureauApprover"},"authority":{"document":"\#(jurisdiction)-plan"},"data":{"approvalId":"\#(id)","decision":"Granted","decidedBy":"\#(decidedBy ?? bureau)"}}"#,
        ]
    }

    /// The findings of one more event, judged against the state before it.
    mutating func findings(of json: String) throws -> [Finding] {
        PolicyEvaluator.onAppend(try record(json), state: state)
    }
}

@Suite("Policy rules from the five profiles")
struct PolicyTests {
    @Test func everyShippedProfileTypeChecks() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        var ruleCount = 0
        for jurisdiction in ["zh", "bs", "xp", "sy", "zy"] {
            let data = try Data(contentsOf: root.appendingPathComponent("Journal/profiles/\(jurisdiction).json"))
            let object = try #require(try JSONParser.parseInput(Array(data)).objectValue)
            let profile = try PolicyProfile(object)
            #expect(profile.jurisdictionId == jurisdiction)
            #expect(profile.rules.allSatisfy { !$0.quoteZh.isEmpty })
            ruleCount += profile.rules.count
        }
        #expect(ruleCount >= 90)
    }

    @Test func aSeventhMemberOfATightGroupInBengshanIsFlagged() throws {
        var scenario = try PolicyScenario(jurisdiction: "bs", groupType: "Tight")
        try scenario.add(scenario.join("s0", role: "Lead"))
        for school in 1...6 { try scenario.add(scenario.join("s\(school)")) }
        let seventh = try scenario.findings(of: scenario.join("s7"))
        let finding = try #require(seventh.first { $0.ruleId == "BS-17" })
        #expect(finding.status == .notMet)
        #expect(finding.severity == .flag)
        #expect(finding.message == "示例教育集团 (紧密型) would have 7 members; the limit is 6")
        #expect(finding.quoteZh.contains("紧密型成员校控制在4至6个"))
        // The evidence: the joins of the six members counted (the lead is not), then the seventh's.
        #expect(finding.evidenceSeqs == scenario.records.suffix(6).map(\.seq) + [scenario.state.lastSeq + 1])
        // With an approved ExceedGroupSize request the 7th is within the 1–2 extra allowed.
        for line in scenario.approval("ap-size", action: "ExceedGroupSize") { try scenario.add(line) }
        let approved = try scenario.findings(of: scenario.join("s7", approval: "ap-size"))
        #expect(approved.first { $0.ruleId == "BS-17" }?.status == .waived)
        // The sixth member was within the limit.
        var fewer = try PolicyScenario(jurisdiction: "bs", groupType: "Tight")
        try fewer.add(fewer.join("s0", role: "Lead"))
        for school in 1...5 { try fewer.add(fewer.join("s\(school)")) }
        #expect(try fewer.findings(of: fewer.join("s6")).first { $0.ruleId == "BS-17" }?.status == .met)
    }

    @Test func anExitWithoutCountyConsentInShaoyangIsBlocked() throws {
        var scenario = try PolicyScenario(jurisdiction: "sy", groupType: "CoConstruction")
        try scenario.add(scenario.join("s0", role: "Lead"))
        try scenario.add(scenario.join("s1"))
        let withoutConsent = try scenario.findings(of: scenario.exit("s1", effective: "2025-03"))
        let finding = try #require(withoutConsent.first { $0.ruleId == "SY-03" })
        #expect(finding.status == .notMet)
        #expect(finding.severity == .block)
        #expect(finding.message == "s1 leaves g1: no consent of sy-edu is cited (an ExitMember approval granted by it)")
        // The reason must be one of the three the document names.
        let badReason = try scenario.findings(of: scenario.exit("s1", effective: "2025-03", reason: "Other"))
        #expect(badReason.first { $0.ruleId == "SY-03" }?.message.contains("the reason Other is not one of GoalsAchieved, ConditionsChanged, StrategyAdjusted") == true)
        // With the county bureau's consent the exit meets the rule.
        for line in scenario.approval("ap-exit", action: "ExitMember") { try scenario.add(line) }
        let consented = try scenario.findings(of: scenario.exit("s1", effective: "2025-03", approval: "ap-exit"))
        #expect(consented.first { $0.ruleId == "SY-03" }?.status == .met)
        // A granted PolicyException for SY-03 is what lets a blocked exit be recorded anyway.
        for line in scenario.approval("ap-exception", action: "PolicyException", ruleId: "SY-03") { try scenario.add(line) }
        let exceptional = try scenario.record(scenario.exit("s1", effective: "2025-03", approval: "ap-exception"))
        #expect(PolicyEvaluator.citesException(for: "SY-03", exceptional, in: scenario.state))
    }

    @Test func anExitWithinAYearInZhanheIsFlagged() throws {
        var scenario = try PolicyScenario(jurisdiction: "zh", groupType: "Alliance", effective: "2024-09-01")
        try scenario.add(scenario.join("s0", role: "Lead", effective: "2024-09-01"))
        try scenario.add(scenario.join("s1", effective: "2024-09-01"))
        let early = try #require(try scenario.findings(of: scenario.exit("s1", effective: "2025-03-01")).first { $0.ruleId == "ZH-04" })
        #expect(early.status == .notMet)
        #expect(early.message.contains("the membership began 2024-09-01 and ends 2025-03-01, under 1 year(s)"))
        let later = try #require(try scenario.findings(of: scenario.exit("s1", effective: "2025-09-01")).first { $0.ruleId == "ZH-04" })
        #expect(later.status == .met)
    }

    @Test func aThirdMemberOfZhangyesGroupIsNotedAsInfo() throws {
        var scenario = try PolicyScenario(jurisdiction: "zy", groupType: "Alliance", groupId: "zy-g1")
        try scenario.add(scenario.join("s0", role: "Lead"))
        try scenario.add(scenario.join("s1"))
        try scenario.add(scenario.join("s2"))
        let finding = try #require(try scenario.findings(of: scenario.join("s3")).first { $0.ruleId == "ZY-01" })
        #expect(finding.status == .notMet)
        #expect(finding.severity == .info)
    }

    /// Headcounts of 100 teachers across the group, and `rotated` exchange rotations in 2024-2025.
    static func rotationScenario(_ jurisdiction: String, kind: String, rotated: Int) throws -> PolicyScenario {
        var scenario = try PolicyScenario(jurisdiction: jurisdiction, groupType: "Tight")
        try scenario.add(scenario.join("s0", role: "Lead"))
        try scenario.add(scenario.join("s1"))
        for (school, teachers) in [("s0", 60), ("s1", 40)] {
            try scenario.add(#"{"type":"HeadcountRecorded","v":1,"effective":"2024-09","actor":{"id":"c","role":"BureauClerk"},"data":{"schoolId":"\#(school)","year":2024,"teachers":\#(teachers)}}"#)
        }
        for index in 0..<rotated {
            try scenario.add(#"{"type":"StaffRegistered","v":1,"effective":"2024-09","actor":{"id":"c","role":"BureauClerk"},"data":{"staffId":"t\#(index)","homeSchoolId":"s0","post":"Teacher"}}"#)
            try scenario.add(#"{"type":"SecondmentStarted","v":1,"effective":"2024-09-0\#(index % 9 + 1)","actor":{"id":"c","role":"BureauClerk"},"data":{"secondmentId":"sec\#(index)","staffId":"t\#(index)","kind":"\#(kind)","fromSchoolId":"s0","toSchoolId":"s1","plannedEnd":"2025-07"}}"#)
        }
        return scenario
    }

    @Test(arguments: [("bs", "BS-06", "ExchangeRotation"), ("xp", "XP-06a", "MutualDispatch")])
    func rotationUnderTenPercentIsFlagged(jurisdiction: String, ruleId: String, kind: String) throws {
        let under = try Self.rotationScenario(jurisdiction, kind: kind, rotated: 9)
        let finding = try #require(PolicyEvaluator.periodic(under.state, schoolYear: 2024).first { $0.ruleId == ruleId })
        #expect(finding.status == .notMet)
        #expect(finding.message == "9 of 100 teachers rotated; the minimum is 10/100")
        #expect(finding.evidenceSeqs.count == 9)
        let enough = try Self.rotationScenario(jurisdiction, kind: kind, rotated: 10)
        #expect(PolicyEvaluator.periodic(enough.state, schoolYear: 2024).first { $0.ruleId == ruleId }?.status == .met)
        // Without headcounts the ratio cannot be judged: insufficient data, not "not met".
        var noHeadcount = try PolicyScenario(jurisdiction: jurisdiction, groupType: "Tight")
        try noHeadcount.add(noHeadcount.join("s0", role: "Lead"))
        #expect(PolicyEvaluator.periodic(noHeadcount.state, schoolYear: 2024).first { $0.ruleId == ruleId }?.status == .insufficientData)
    }

    @Test func anAllocationUnderFiftyWanPerCampusForANewMemberIsFlagged() throws {
        var scenario = try PolicyScenario(jurisdiction: "bs", groupType: "Tight")
        try scenario.add(scenario.join("s0", role: "Lead", effective: "2024-01-01"))
        try scenario.add(scenario.join("s1", effective: "2024-01-01"))
        let finance = #""actor":{"id":"fin","role":"FinanceClerk"},"authority":{"document":"bs-plan"}"#
        try scenario.add(#"{"type":"FundAllocated","v":1,"effective":"2024",\#(finance),"data":{"allocationId":"al-1","fiscalYear":2024,"fromAuthorityId":"bs-edu","toSchoolId":"s0","groupId":"g1","purpose":"ExchangeTraining","amountFen":30000000}}"#)
        let finding = try #require(PolicyEvaluator.periodic(scenario.state, schoolYear: 2024).first { $0.ruleId == "BS-14" })
        #expect(finding.status == .notMet)
        #expect(finding.message == "300000.00元 allocated for 1 eligible unit(s) in 2024; the minimum is 500000.00元")
        try scenario.add(#"{"type":"FundAllocated","v":1,"effective":"2024",\#(finance),"data":{"allocationId":"al-2","fiscalYear":2024,"fromAuthorityId":"bs-edu","toSchoolId":"s0","groupId":"g1","purpose":"ExchangeTraining","amountFen":20000000}}"#)
        #expect(PolicyEvaluator.periodic(scenario.state, schoolYear: 2024).first { $0.ruleId == "BS-14" }?.status == .met)
    }

    @Test func aProfileWithAnUnknownRuleKindIsRefused() throws {
        let object = try #require(try JSONParser.parseInput(Array(#"{"profileId":"zz","version":1,"jurisdiction":{"id":"zz"},"rules":[{"id":"ZZ-01","kind":"groupMagic","params":{},"severity":"flag","source":{"quoteZh":"某句"}}]}"#.utf8)).objectValue)
        #expect {
            try PolicyProfile(object)
        } throws: { error in
            (error as? DomainError)?.field == "data.profile.rules[0].kind"
        }
    }

    @Test func formingAZhanheAlliancePilotWithoutTheCityBureauIsBlocked() throws {
        var scenario = try PolicyScenario(jurisdiction: "zh", groupType: "Alliance", effective: "2024-08-22", groupId: "zh-g01")
        let pilot = #"{"type":"GroupEstablished","v":1,"effective":"2024-09",\#(scenario.clerk),"authority":{"document":"zh-plan"},"data":{"groupId":"zh-g02","nameZh":"联盟型试点集团","jurisdictionId":"zh","type":"Alliance","status":"Pilot"}}"#
        let finding = try #require(try scenario.findings(of: pilot).first { $0.ruleId == "ZH-02b" })
        #expect(finding.status == .notMet)
        #expect(finding.severity == .block)
        #expect(finding.message == "FormGroup cites no approval of FormGroup granted by pingdingshan-edu")
        try scenario.add(#"{"type":"AuthorityRegistered","v":1,"effective":"2018","actor":{"id":"admin1","role":"LedgerAdmin"},"data":{"authorityId":"pingdingshan-edu","nameZh":"平顶山市教育体育局","kind":"EducationBureau","level":"City","jurisdictionId":"zh"}}"#)
        for line in scenario.approval("ap-form", action: "FormGroup", decidedBy: "pingdingshan-edu") { try scenario.add(line) }
        let approved = pilot.replacingOccurrences(of: #""authority":{"document":"zh-plan"}"#, with: #""authority":{"document":"zh-plan","approval":"ap-form"}"#)
        #expect(try scenario.findings(of: approved).first { $0.ruleId == "ZH-02b" }?.status == .met)
    }

    @Test func aCostShareDisbursedByAMemberInShaoyangIsFlagged() throws {
        var scenario = try PolicyScenario(jurisdiction: "sy", groupType: "CoConstruction")
        try scenario.add(scenario.join("s0", role: "Lead"))
        try scenario.add(scenario.join("s1"))
        func share(disburser: String) -> String {
            #"{"type":"CostShareApportioned","v":1,"effective":"2024-10","actor":{"id":"c","role":"CoreSchoolClerk"},"data":{"costShareId":"cs-1","groupId":"g1","totalFen":10000,"disbursingSchoolId":"\#(disburser)","shares":[{"schoolId":"s0","amountFen":5000},{"schoolId":"s1","amountFen":5000}]}}"#
        }
        let byMember = try #require(try scenario.findings(of: share(disburser: "s1")).first { $0.ruleId == "SY-17b" })
        #expect(byMember.status == .notMet)
        #expect(byMember.message == "s1 disburses but does not lead g1")
        #expect(try scenario.findings(of: share(disburser: "s0")).first { $0.ruleId == "SY-17b" }?.status == .met)
    }

    @Test func aSchoolInTwoGroupsIsFlaggedWhereTheProfileDoesNotAllowIt() throws {
        for (jurisdiction, allowed) in [("bs", false), ("zh", true)] {
            var scenario = try PolicyScenario(jurisdiction: jurisdiction, groupType: "Tight")
            try scenario.add(scenario.join("s0", role: "Lead"))
            try scenario.add(scenario.join("s1"))
            try scenario.add(#"{"type":"GroupEstablished","v":1,"effective":"2024-01-01",\#(scenario.clerk),"authority":{"document":"\#(jurisdiction)-plan"},"data":{"groupId":"g2","nameZh":"第二集团","jurisdictionId":"\#(jurisdiction)","type":"Tight","status":"Pilot"}}"#)
            let second = scenario.join("s1").replacingOccurrences(of: #""groupId":"g1""#, with: #""groupId":"g2""#)
                .replacingOccurrences(of: "m-s1", with: "m2-s1")
            let finding = try scenario.findings(of: second).first { $0.ruleId == "\(jurisdiction):allowMultiMembership" }
            #expect((finding?.status == .notMet) == !allowed, "\(jurisdiction)")
        }
    }

    @Test func theProfileInForceIsTheJurisdictionsNewestAndOfEqualVersionsTheLaterAdopted() throws {
        var scenario = try PolicyScenario(jurisdiction: "bs", groupType: "Tight")
        let day = try PartialDate(parsing: "2024-06-01").firstDayNumber
        #expect(PolicyEvaluator.profile(for: "bs", onDay: day, in: scenario.state)?.profileId == "bs")
        #expect(PolicyEvaluator.profile(for: "zh", onDay: day, in: scenario.state) == nil)
        // A second profile for the same jurisdiction, also at version 1, adopted later.
        let adopted = try #require(scenario.records.first { $0.event.typeName == "PolicyProfileAdopted" })
        guard case .policyProfileAdopted(var payload) = adopted.event else { throw DomainError(field: "", "not an adoption") }
        payload.profileId = "bs-b"
        payload.profile["profileId"] = .string("bs-b")
        var second = adopted
        second.seq = scenario.state.lastSeq + 1
        second.event = .policyProfileAdopted(payload)
        try scenario.state.apply(second)
        #expect(scenario.state.profileIdsByJurisdiction["bs"] == ["bs", "bs-b"])
        #expect(PolicyEvaluator.profile(for: "bs", onDay: day, in: scenario.state)?.profileId == "bs-b")
        // Not in force before it takes effect.
        #expect(PolicyEvaluator.profile(for: "bs", onDay: try PartialDate(parsing: "2017-06-01").firstDayNumber, in: scenario.state) == nil)
    }

    @Test func aSchoolThatLeftItsGroupJoinsAnotherUnflagged() throws {
        var scenario = try PolicyScenario(jurisdiction: "bs", groupType: "Tight")
        try scenario.add(scenario.join("s0", role: "Lead"))
        try scenario.add(scenario.join("s1"))
        try scenario.add(#"{"type":"GroupEstablished","v":1,"effective":"2024-01-01",\#(scenario.clerk),"authority":{"document":"bs-plan"},"data":{"groupId":"g2","nameZh":"第二集团","jurisdictionId":"bs","type":"Tight","status":"Pilot"}}"#)
        try scenario.add(#"{"type":"GroupEstablished","v":1,"effective":"2024-01-01",\#(scenario.clerk),"authority":{"document":"bs-plan"},"data":{"groupId":"g3","nameZh":"第三集团","jurisdictionId":"bs","type":"Tight","status":"Pilot"}}"#)
        func join(_ membership: String, _ group: String) -> String {
            scenario.join("s1").replacingOccurrences(of: #""groupId":"g1""#, with: #""groupId":"\#(group)""#)
                .replacingOccurrences(of: "m-s1", with: membership)
        }
        try scenario.add(scenario.exit("s1", effective: "2024-03-01"))
        // Its only other membership has an exit: nothing to flag.
        #expect(try scenario.findings(of: join("m2-s1", "g2")).allSatisfy { $0.ruleId != "bs:allowMultiMembership" })
        try scenario.add(join("m2-s1", "g2"))
        // Still in g2 (and once in g1): the open one is named, the closed one is not.
        let finding = try #require(try scenario.findings(of: join("m3-s1", "g3")).first { $0.ruleId == "bs:allowMultiMembership" })
        #expect(finding.status == .notMet)
        #expect(finding.message.contains("still a member of g2"))
        #expect(scenario.state.firstOpenMembership(ofSchool: "s1", where: { $0.groupId != "g2" }) == nil)
        #expect(scenario.state.firstOpenMembership(ofSchool: "s1", where: { _ in true })?.membershipId == "m2-s1")
    }

    /// Judging an event on append reads only the profile's on-append rules, and nothing at all
    /// while no adopted profile has one; both are derived when a profile is decoded or adopted.
    @Test func onAppendRulesAreIndexedWhenAProfileIsDecodedAndCountedWhenAdopted() throws {
        var withSome = 0
        for jurisdiction in ["bs", "sy", "xp", "zh", "zy"] {
            let scenario = try PolicyScenario(jurisdiction: jurisdiction, groupType: "Tight")
            let profile = try #require(scenario.state.decodedProfiles[jurisdiction]?.first)
            let expected = profile.rules.indices.filter { index in
                guard case .recorded = profile.rules[index].parameters else { return false }
                return [.approvalRequired, .costSharing, .expenditureRule].contains(profile.rules[index].kind)
            }
            #expect(profile.onAppendRuleIndices == expected, "\(jurisdiction)")
            #expect(scenario.state.profileVersionsWithOnAppendRules == (expected.isEmpty ? 0 : 1), "\(jurisdiction)")
            if !expected.isEmpty { withSome += 1 }
            // Setting the rules re-derives the index.
            var trimmed = profile
            trimmed.rules = profile.rules.filter { $0.kind == .groupSize }
            #expect(trimmed.onAppendRuleIndices.isEmpty)
            trimmed.rules = profile.rules
            #expect(trimmed.onAppendRuleIndices == expected)
        }
        #expect(withSome >= 2, "the shipped profiles have on-append rules to judge")
        // A second version without its on-append rules: counted only where it has some, and the
        // version in force decides (version 1's cost-share rule no longer judges).
        var scenario = try PolicyScenario(jurisdiction: "sy", groupType: "CoConstruction")
        try scenario.add(scenario.join("s0", role: "Lead"))
        try scenario.add(scenario.join("s1"))
        let share = #"{"type":"CostShareApportioned","v":1,"effective":"2024-10","actor":{"id":"c","role":"CoreSchoolClerk"},"data":{"costShareId":"cs-1","groupId":"g1","totalFen":10000,"disbursingSchoolId":"s1","shares":[{"schoolId":"s0","amountFen":5000},{"schoolId":"s1","amountFen":5000}]}}"#
        #expect(try scenario.findings(of: share).contains { $0.ruleId == "SY-17b" })
        let adopted = try #require(scenario.records.first { $0.event.typeName == "PolicyProfileAdopted" })
        guard case .policyProfileAdopted(var payload) = adopted.event else { throw DomainError(field: "", "not an adoption") }
        let rules = try #require(payload.profile["rules"]?.arrayValue)
        payload.profile["rules"] = .array(rules.filter { rule in
            !["approvalRequired", "costSharing", "expenditureRule"].contains(rule.objectValue?["kind"]?.stringValue ?? "")
        })
        #expect(rules.count > (payload.profile["rules"]?.arrayValue?.count ?? 0), "the profile had on-append rules to drop")
        payload.version = 2
        payload.effectiveFrom = try PartialDate(parsing: "2024-09")
        var second = adopted
        second.seq = scenario.state.lastSeq + 1
        second.event = .policyProfileAdopted(payload)
        try scenario.state.apply(second)
        #expect(scenario.state.profileVersionsWithOnAppendRules == 1)
        #expect(try scenario.findings(of: share).allSatisfy { $0.ruleId != "SY-17b" })
    }
}
