import Testing
@testable import LedgerCore

/// Decodes a payload of `type` from JSON text, as version 1.
private func decodeStaffPayload<P: EventPayload>(_ type: P.Type, _ json: String) throws -> P {
    let object = try #require(try JSONParser.parseInput(Array(json.utf8)).objectValue)
    return try decodeStaffPayload(type, object)
}

/// Decodes a payload of `type` from a JSON object, as version 1.
private func decodeStaffPayload<P: EventPayload>(_ type: P.Type, _ object: JSONObject) throws -> P {
    var reader = PayloadReader(object)
    return try P(reading: &reader, version: P.currentVersion)
}

/// The payload types of this file, by event type.
private func staffPayloadType(named name: String) -> (any EventPayload.Type)? {
    switch name {
    case "StaffRegistered": StaffRegistered.self
    case "StaffCredentialRecorded": StaffCredentialRecorded.self
    case "SecondmentStarted": SecondmentStarted.self
    case "SecondmentEnded": SecondmentEnded.self
    case "FundAllocated": FundAllocated.self
    case "FundEarmarked": FundEarmarked.self
    case "ExpenditureRecorded": ExpenditureRecorded.self
    case "GroupRoleAssigned": GroupRoleAssigned.self
    case "GroupRoleEnded": GroupRoleEnded.self
    case "GroupActivityHeld": GroupActivityHeld.self
    case "GroupAssessed": GroupAssessed.self
    default: nil
    }
}

/// Decodes `json` as `type`, writes the result, and checks the written object is the input
/// object and decodes back to an equal value.
private func expectStaffPayloadRoundTrip<P: EventPayload>(_ type: P.Type, _ json: String) throws {
    let input = try #require(try JSONParser.parseInput(Array(json.utf8)).objectValue)
    let decoded = try decodeStaffPayload(type, input)
    #expect(decoded.jsonObject == input)
    #expect(try decodeStaffPayload(type, decoded.jsonObject) == decoded)
}

@Suite("Payloads: staff, secondments, money, group governance and activity")
struct PayloadStaffAndFundTests {
    // MARK: Valid examples

    static let staffRegistered = #"{"staffId":"st-0107","homeSchoolId":"sy-m05","post":"VicePrincipal"}"#
    static let staffCredentialRecorded = #"{"staffId":"st-0107","credential":"SubjectLeader","level":"City"}"#
    static let secondmentStarted = #"""
        {"secondmentId":"sec-2024-03","staffId":"st-0107","kind":"ExchangeRotation","fromSchoolId":"sy-m05",
         "toSchoolId":"sy-p12","groupId":"sy-g1","plannedEnd":"2025-07","retainedAtHome":["Establishment","Payroll"]}
        """#
    static let secondmentToExternalHost = #"""
        {"secondmentId":"sec-2024-04","staffId":"st-0211","kind":"Attachment","fromSchoolId":"sy-m05",
         "toExternalHostZh":"上海市静安区教育学院附属学校","plannedEnd":"2025","synthetic":true,"inferred":["plannedEnd"],
         "noteZh":"文件只写“挂职一年”，结束时间为推断。"}
        """#
    static let secondmentEnded = #"{"secondmentId":"sec-2024-03","outcome":"Extended","newPlannedEnd":"2026-07-31"}"#
    static let fundAllocated = #"""
        {"allocationId":"alloc-2024-01","fiscalYear":2024,"fromAuthorityId":"sy-edu","toSchoolId":"sy-m05",
         "toCampusId":"sy-m05-east","groupId":"sy-g1","purpose":"GroupDevelopment","amountFen":50000000,"documentId":"syjf-2024-12",
         "noteZh":"集团发展专项经费50万元，由核心校统一调配使用。"}
        """#
    static let fundEarmarked = #"""
        {"earmarkId":"ear-2024-01","allocationId":"alloc-2024-01","amountFen":8000000,"purpose":"ExchangeTraining",
         "beneficiarySchoolId":"sy-p12","beneficiaryCampusId":"sy-p12-north"}
        """#
    static let expenditureRecorded = #"""
        {"expenditureId":"exp-2024-017","payerSchoolId":"sy-m05","payeeZh":"邵阳市教育科学研究所","category":"ExpertLectureFee",
         "amountFen":1250,"earmarkId":"ear-2024-01"}
        """#
    static let expenditureToSchool = #"""
        {"expenditureId":"exp-2024-018","payerSchoolId":"sy-m05","payeeSchoolId":"sy-p12","category":"SiteSharing",
         "amountFen":300000,"allocationId":"alloc-2024-01"}
        """#
    static let groupRoleAssigned = #"{"assignmentId":"role-sy-g1-chair","groupId":"sy-g1","role":"CouncilChair","staffId":"st-0001"}"#
    static let groupRoleEnded = #"{"assignmentId":"role-sy-g1-chair"}"#
    static let groupActivityHeld = #"""
        {"activityId":"act-2024-05","groupId":"sy-g1","kind":"FamousTeacherOutreach","hostSchoolId":"sy-m05",
         "participantSchoolIds":["sy-p12","sy-p13"],"days":2,"themeZh":"名师送教下乡：初中数学单元整体教学"}
        """#
    static let groupAssessed = #"""
        {"assessmentId":"asm-2023-sy-g1","groupId":"sy-g1","periodLabel":"2023学年","outcome":"Excellent",
         "assessedBy":["sy-edu","sy-ldg"]}
        """#

    @Test func decodesStaffRegistered() throws {
        let payload = try decodeStaffPayload(StaffRegistered.self, Self.staffRegistered)
        #expect(payload == StaffRegistered(staffId: "st-0107", homeSchoolId: "sy-m05", post: .vicePrincipal))
    }

    @Test func decodesStaffCredentialRecorded() throws {
        let payload = try decodeStaffPayload(StaffCredentialRecorded.self, Self.staffCredentialRecorded)
        #expect(payload == StaffCredentialRecorded(staffId: "st-0107", credential: .subjectLeader, level: .city))
        let withoutLevel = try decodeStaffPayload(StaffCredentialRecorded.self, #"{"staffId":"st-0107","credential":"BackboneTeacher"}"#)
        #expect(withoutLevel == StaffCredentialRecorded(staffId: "st-0107", credential: .backboneTeacher))
    }

    @Test func decodesSecondmentStarted() throws {
        let toSchool = try decodeStaffPayload(SecondmentStarted.self, Self.secondmentStarted)
        #expect(toSchool == SecondmentStarted(
            secondmentId: "sec-2024-03", staffId: "st-0107", kind: .exchangeRotation, fromSchoolId: "sy-m05", toSchoolId: "sy-p12",
            groupId: "sy-g1", plannedEnd: try PartialDate(year: 2025, month: 7), retainedAtHome: [.establishment, .payroll]
        ))
        let toHost = try decodeStaffPayload(SecondmentStarted.self, Self.secondmentToExternalHost)
        #expect(toHost == SecondmentStarted(
            secondmentId: "sec-2024-04", staffId: "st-0211", kind: .attachment, fromSchoolId: "sy-m05",
            toExternalHostZh: "上海市静安区教育学院附属学校", plannedEnd: try PartialDate(year: 2025),
            provenance: Provenance(synthetic: true, inferred: ["plannedEnd"], noteZh: "文件只写“挂职一年”，结束时间为推断。")
        ))
    }

    @Test func decodesSecondmentEnded() throws {
        let extended = try decodeStaffPayload(SecondmentEnded.self, Self.secondmentEnded)
        #expect(extended == SecondmentEnded(secondmentId: "sec-2024-03", outcome: .extended,
                                            newPlannedEnd: try PartialDate(year: 2026, month: 7, day: 31)))
        let returned = try decodeStaffPayload(SecondmentEnded.self, #"{"secondmentId":"sec-2024-03","outcome":"Returned"}"#)
        #expect(returned == SecondmentEnded(secondmentId: "sec-2024-03", outcome: .returned))
    }

    @Test func decodesFundAllocated() throws {
        let payload = try decodeStaffPayload(FundAllocated.self, Self.fundAllocated)
        #expect(payload == FundAllocated(
            allocationId: "alloc-2024-01", fiscalYear: 2024, fromAuthorityId: "sy-edu", toSchoolId: "sy-m05", toCampusId: "sy-m05-east",
            groupId: "sy-g1", purpose: .groupDevelopment, amountFen: 50_000_000, documentId: "syjf-2024-12",
            provenance: Provenance(noteZh: "集团发展专项经费50万元，由核心校统一调配使用。")
        ))
    }

    @Test func decodesFundEarmarked() throws {
        let payload = try decodeStaffPayload(FundEarmarked.self, Self.fundEarmarked)
        #expect(payload == FundEarmarked(earmarkId: "ear-2024-01", allocationId: "alloc-2024-01", amountFen: 8_000_000,
                                         purpose: .exchangeTraining, beneficiarySchoolId: "sy-p12", beneficiaryCampusId: "sy-p12-north"))
    }

    @Test func decodesExpenditureRecorded() throws {
        let toPayee = try decodeStaffPayload(ExpenditureRecorded.self, Self.expenditureRecorded)
        #expect(toPayee == ExpenditureRecorded(expenditureId: "exp-2024-017", payerSchoolId: "sy-m05", payeeZh: "邵阳市教育科学研究所",
                                               category: .expertLectureFee, amountFen: 1250, earmarkId: "ear-2024-01"))
        let toSchool = try decodeStaffPayload(ExpenditureRecorded.self, Self.expenditureToSchool)
        #expect(toSchool == ExpenditureRecorded(expenditureId: "exp-2024-018", payerSchoolId: "sy-m05", payeeSchoolId: "sy-p12",
                                                category: .siteSharing, amountFen: 300_000, allocationId: "alloc-2024-01"))
        // Neither source: the school's own budget; no payee at all is allowed too.
        let ownBudget = try decodeStaffPayload(ExpenditureRecorded.self,
                                               #"{"expenditureId":"exp-1","payerSchoolId":"sy-m05","category":"Routine","amountFen":1}"#)
        #expect(ownBudget == ExpenditureRecorded(expenditureId: "exp-1", payerSchoolId: "sy-m05", category: .routine, amountFen: 1))
    }

    @Test func decodesGroupRoleAssigned() throws {
        let payload = try decodeStaffPayload(GroupRoleAssigned.self, Self.groupRoleAssigned)
        #expect(payload == GroupRoleAssigned(assignmentId: "role-sy-g1-chair", groupId: "sy-g1", role: .councilChair, staffId: "st-0001"))
    }

    @Test func decodesGroupRoleEnded() throws {
        let payload = try decodeStaffPayload(GroupRoleEnded.self, Self.groupRoleEnded)
        #expect(payload == GroupRoleEnded(assignmentId: "role-sy-g1-chair"))
    }

    @Test func decodesGroupActivityHeld() throws {
        let payload = try decodeStaffPayload(GroupActivityHeld.self, Self.groupActivityHeld)
        #expect(payload == GroupActivityHeld(activityId: "act-2024-05", groupId: "sy-g1", kind: .famousTeacherOutreach, hostSchoolId: "sy-m05",
                                             participantSchoolIds: ["sy-p12", "sy-p13"], days: 2, themeZh: "名师送教下乡：初中数学单元整体教学"))
        let minimal = try decodeStaffPayload(GroupActivityHeld.self,
                                             #"{"activityId":"act-1","groupId":"sy-g1","kind":"WorkMeeting","hostSchoolId":"sy-m05"}"#)
        #expect(minimal == GroupActivityHeld(activityId: "act-1", groupId: "sy-g1", kind: .workMeeting, hostSchoolId: "sy-m05"))
    }

    @Test func decodesGroupAssessed() throws {
        let payload = try decodeStaffPayload(GroupAssessed.self, Self.groupAssessed)
        #expect(payload == GroupAssessed(assessmentId: "asm-2023-sy-g1", groupId: "sy-g1", periodLabel: "2023学年", outcome: .excellent,
                                         assessedBy: ["sy-edu", "sy-ldg"]))
    }

    /// Every valid example writes back to the object it was read from, and that decodes to an equal value.
    @Test(arguments: [
        ("StaffRegistered", staffRegistered),
        ("StaffCredentialRecorded", staffCredentialRecorded),
        ("SecondmentStarted", secondmentStarted),
        ("SecondmentStarted", secondmentToExternalHost),
        ("SecondmentEnded", secondmentEnded),
        ("FundAllocated", fundAllocated),
        ("FundEarmarked", fundEarmarked),
        ("ExpenditureRecorded", expenditureRecorded),
        ("ExpenditureRecorded", expenditureToSchool),
        ("GroupRoleAssigned", groupRoleAssigned),
        ("GroupRoleEnded", groupRoleEnded),
        ("GroupActivityHeld", groupActivityHeld),
        ("GroupAssessed", groupAssessed),
    ])
    func roundTrips(type: String, json: String) throws {
        let payloadType = try #require(staffPayloadType(named: type))
        try expectStaffPayloadRoundTrip(payloadType, json)
    }

    // MARK: Type metadata

    @Test func typeMetadataFollowsTheCatalogue() {
        let roles: [(any EventPayload.Type, Set<IssuerRole>)] = [
            (StaffRegistered.self, [.bureauClerk, .coreSchoolClerk, .memberSchoolClerk]),
            (StaffCredentialRecorded.self, [.bureauClerk]),
            (SecondmentStarted.self, [.bureauClerk, .coreSchoolClerk, .memberSchoolClerk]),
            (SecondmentEnded.self, [.bureauClerk, .coreSchoolClerk, .memberSchoolClerk]),
            (FundAllocated.self, [.financeClerk, .bureauClerk]),
            (FundEarmarked.self, [.financeClerk, .coreSchoolClerk]),
            (ExpenditureRecorded.self, [.financeClerk, .coreSchoolClerk, .memberSchoolClerk]),
            (GroupRoleAssigned.self, [.bureauClerk, .councilSecretary]),
            (GroupRoleEnded.self, [.bureauClerk, .councilSecretary]),
            (GroupActivityHeld.self, [.coreSchoolClerk, .memberSchoolClerk, .councilSecretary]),
            (GroupAssessed.self, [.bureauClerk]),
        ]
        for (type, issuers) in roles {
            #expect(type.eventType == String(describing: type))
            #expect(staffPayloadType(named: type.eventType) == type)
            #expect(type.currentVersion == 1)
            #expect(type.issuerRoles == issuers, "\(type.eventType)")
            #expect(type.requiresAuthority == (type == FundAllocated.self), "\(type.eventType)")
        }
    }

    // MARK: Refusals

    static let postWords = "Teacher, MiddleManager, Principal, VicePrincipal, PartySecretary, DeputySecretary, Other"
    static let purposeWords = "ExchangeTraining, GroupDevelopment, CultureBuilding, CurriculumDevelopment, BackboneMobility, Research, "
        + "SiteSharing, QualityEvaluation, TeamBuilding, NewSchoolOperatingSubsidy, ExpertLectureFee, GroupActivity, Routine, Award, Other"
    static let idMessage = "expected an id of lowercase letters, digits and '-' (at most 64), found "

    /// One bad payload per row: the type, the `data` JSON, the field the error must name, and its message.
    static let refusals: [(String, String, String, String)] = [
        // StaffRegistered
        ("StaffRegistered", #"{"staffId":"st-1","post":"Teacher"}"#, "data.homeSchoolId", "missing"),
        ("StaffRegistered", #"{"staffId":"T-01","homeSchoolId":"sy-m05","post":"Teacher"}"#, "data.staffId", idMessage + "\"T-01\""),
        ("StaffRegistered", #"{"staffId":"st-1","homeSchoolId":"sy-m05","post":"Janitor"}"#, "data.post",
         "expected one of \(postWords), found \"Janitor\""),
        ("StaffRegistered", #"{"staffId":"st-1","homeSchoolId":"sy-m05","post":"Teacher","colour":"red"}"#, "data.colour", "unknown field"),
        ("StaffRegistered", #"{"staffId":"st-1","homeSchoolId":"sy-m05","post":"Teacher","synthetic":false}"#, "data.synthetic",
         "write true or leave it out"),
        // StaffCredentialRecorded
        ("StaffCredentialRecorded", #"{"staffId":"st-1","credential":"BackboneTeacher","level":"National"}"#, "data.level",
         "expected one of School, District, County, City, Province, found \"National\""),
        ("StaffCredentialRecorded", #"{"staffId":"st-1","credential":3}"#, "data.credential",
         "expected one of BackboneTeacher, RisingStarTeacher, SubjectLeader, SpecialGradeTeacher, RenownedTeacher, ReserveCadre, Other, found 3"),
        // SecondmentStarted
        ("SecondmentStarted", #"{"secondmentId":"s1","staffId":"st-1","kind":"SupportTeaching","fromSchoolId":"sy-m05","toSchoolId":"sy-p12","plannedEnd":"2025-13"}"#,
         "data.plannedEnd", "month 13 is outside 01–12"),
        ("SecondmentStarted", #"{"secondmentId":"s1","staffId":"st-1","kind":"SupportTeaching","fromSchoolId":"sy-m05","toSchoolId":"sy-p12","plannedEnd":"2025年7月"}"#,
         "data.plannedEnd", "expected YYYY, YYYY-MM or YYYY-MM-DD, found \"2025年7月\""),
        ("SecondmentStarted", #"{"secondmentId":"s1","staffId":"st-1","kind":"SupportTeaching","fromSchoolId":"sy-m05","plannedEnd":"2025"}"#,
         "data.toSchoolId", "missing; give exactly one of toSchoolId and toExternalHostZh"),
        ("SecondmentStarted", #"{"secondmentId":"s1","staffId":"st-1","kind":"SupportTeaching","fromSchoolId":"sy-m05","toSchoolId":"sy-p12","toExternalHostZh":"某县教师发展中心","plannedEnd":"2025"}"#,
         "data.toExternalHostZh", "give exactly one of toSchoolId and toExternalHostZh, found both \"sy-p12\" and \"某县教师发展中心\""),
        ("SecondmentStarted", #"{"secondmentId":"s1","staffId":"st-1","kind":"SupportTeaching","fromSchoolId":"sy-m05","toSchoolId":"sy-m05","plannedEnd":"2025"}"#,
         "data.toSchoolId", "the destination equals the origin fromSchoolId \"sy-m05\""),
        ("SecondmentStarted", #"{"secondmentId":"s1","staffId":"st-1","kind":"SupportTeaching","fromSchoolId":"sy-m05","toSchoolId":"sy-p12","plannedEnd":"2025","retainedAtHome":["Payroll","Pension"]}"#,
         "data.retainedAtHome[1]", "expected one of Establishment, PersonnelRelations, Payroll, Benefits, IdentityStatus, TitleReview, found \"Pension\""),
        ("SecondmentStarted", #"{"secondmentId":"s1","staffId":"st-1","kind":"Sabbatical","fromSchoolId":"sy-m05","toSchoolId":"sy-p12","plannedEnd":"2025"}"#,
         "data.kind", "expected one of Attachment, InterSchoolExchange, ExchangeRotation, SupportTeaching, ShadowLearning, ShadowTraining, "
            + "PostTraining, ManagementDispatch, FirstBranchSecretary, HonoraryPrincipal, ExecutivePrincipal, MutualDispatch, Other, found \"Sabbatical\""),
        ("SecondmentStarted", #"{"secondmentId":"s1","staffId":"st-1","kind":"Attachment","fromSchoolId":"sy-m05","toExternalHostZh":"某县教师发展中心 ","plannedEnd":"2025"}"#,
         "data.toExternalHostZh", "has leading or trailing whitespace: \"某县教师发展中心 \""),
        // SecondmentEnded
        ("SecondmentEnded", #"{"secondmentId":"s1","outcome":"Extended"}"#, "data.newPlannedEnd", "missing; required when outcome is Extended"),
        ("SecondmentEnded", #"{"secondmentId":"s1","outcome":"Returned","newPlannedEnd":"2026-07"}"#, "data.newPlannedEnd",
         "only allowed when outcome is Extended, found \"2026-07\" with outcome Returned"),
        ("SecondmentEnded", #"{"secondmentId":"s1","outcome":"Finished"}"#, "data.outcome",
         "expected one of Returned, Recalled, Extended, Refused, found \"Finished\""),
        ("SecondmentEnded", #"{"secondmentId":"s1","outcome":"Extended","newPlannedEnd":"2026-02-30"}"#, "data.newPlannedEnd",
         "2026-02-30 does not exist (2026-02 has 28 days)"),
        // FundAllocated
        ("FundAllocated", #"{"allocationId":"a1","fiscalYear":2024,"fromAuthorityId":"sy-edu","toSchoolId":"sy-m05","purpose":"Research","amountFen":-5}"#,
         "data.amountFen", "expected a positive amount in fen, found -5"),
        ("FundAllocated", #"{"allocationId":"a1","fiscalYear":2024,"fromAuthorityId":"sy-edu","toSchoolId":"sy-m05","purpose":"Research","amountFen":0}"#,
         "data.amountFen", "expected a positive amount in fen, found 0"),
        ("FundAllocated", #"{"allocationId":"a1","fiscalYear":2024,"fromAuthorityId":"sy-edu","toSchoolId":"sy-m05","purpose":"Research","amountFen":"12.50"}"#,
         "data.amountFen", "expected a whole number of fen, found \"12.50\""),
        ("FundAllocated", #"{"allocationId":"a1","fiscalYear":2024,"fromAuthorityId":"sy-edu","toSchoolId":"sy-m05","purpose":"Research"}"#,
         "data.amountFen", "missing"),
        ("FundAllocated", #"{"allocationId":"a1","fiscalYear":1800,"fromAuthorityId":"sy-edu","toSchoolId":"sy-m05","purpose":"Research","amountFen":1}"#,
         "data.fiscalYear", "1800 is outside 1900–2100"),
        ("FundAllocated", #"{"allocationId":"a1","fiscalYear":"2024","fromAuthorityId":"sy-edu","toSchoolId":"sy-m05","purpose":"Research","amountFen":1}"#,
         "data.fiscalYear", "expected an integer, found \"2024\""),
        ("FundAllocated", #"{"allocationId":"a1","fiscalYear":2024,"fromAuthorityId":"sy-edu","toSchoolId":"sy-m05","purpose":"Bonus","amountFen":1}"#,
         "data.purpose", "expected one of \(purposeWords), found \"Bonus\""),
        ("FundAllocated", #"{"allocationId":"a1","fiscalYear":2024,"fromAuthorityId":"sy-edu","toSchoolId":"T-01","purpose":"Research","amountFen":1}"#,
         "data.toSchoolId", idMessage + "\"T-01\""),
        // FundEarmarked
        ("FundEarmarked", #"{"earmarkId":"e1","allocationId":"a1","amountFen":0,"purpose":"Research"}"#, "data.amountFen",
         "expected a positive amount in fen, found 0"),
        ("FundEarmarked", #"{"earmarkId":"e1","allocationId":"T-01","amountFen":100,"purpose":"Research"}"#, "data.allocationId",
         idMessage + "\"T-01\""),
        ("FundEarmarked", #"{"earmarkId":"e1","allocationId":"a1","amountFen":100,"purpose":"Research","beneficiarySchoolId":null}"#,
         "data.beneficiarySchoolId", idMessage + "null"),
        // ExpenditureRecorded
        ("ExpenditureRecorded", #"{"expenditureId":"x1","payerSchoolId":"sy-m05","category":"Routine","amountFen":100,"allocationId":"a1","earmarkId":"e1"}"#,
         "data.earmarkId", "give at most one of allocationId and earmarkId, found both \"a1\" and \"e1\""),
        ("ExpenditureRecorded", #"{"expenditureId":"x1","payerSchoolId":"sy-m05","payeeZh":"邵阳市第五中学","payeeSchoolId":"sy-m05","category":"Routine","amountFen":100}"#,
         "data.payeeSchoolId", "give at most one of payeeZh and payeeSchoolId, found both \"邵阳市第五中学\" and \"sy-m05\""),
        ("ExpenditureRecorded", #"{"expenditureId":"x1","payerSchoolId":"sy-m05","category":"Travel","amountFen":100}"#, "data.category",
         "expected one of \(purposeWords), found \"Travel\""),
        ("ExpenditureRecorded", #"{"expenditureId":"x1","payerSchoolId":"sy-m05","category":"Routine","amountFen":-5}"#, "data.amountFen",
         "expected a positive amount in fen, found -5"),
        ("ExpenditureRecorded", #"{"expenditureId":"x1","payerSchoolId":"sy-m05","category":"Routine","amountFen":"12.50"}"#, "data.amountFen",
         "expected a whole number of fen, found \"12.50\""),
        // GroupRoleAssigned
        ("GroupRoleAssigned", #"{"assignmentId":"r1","groupId":"sy-g1","role":"Chairman","staffId":"st-1"}"#, "data.role",
         "expected one of CouncilChair, CouncilViceChair, CouncilMember, CouncilSecretaryGeneral, GroupPrincipal, GroupVicePrincipal, "
            + "BranchPrincipal, InspectorAdviser, Other, found \"Chairman\""),
        ("GroupRoleAssigned", #"{"assignmentId":"r1","groupId":"sy-g1","role":"CouncilChair"}"#, "data.staffId", "missing"),
        // GroupRoleEnded
        ("GroupRoleEnded", #"{"assignmentId":42}"#, "data.assignmentId", idMessage + "42"),
        ("GroupRoleEnded", #"{"assignmentId":"r1","colour":"blue"}"#, "data.colour", "unknown field"),
        // GroupActivityHeld
        ("GroupActivityHeld", #"{"activityId":"a1","groupId":"sy-g1","kind":"WorkMeeting","hostSchoolId":"sy-m05","days":0}"#, "data.days",
         "expected at least 1 day, found 0"),
        ("GroupActivityHeld", #"{"activityId":"a1","groupId":"sy-g1","kind":"WorkMeeting","hostSchoolId":"sy-m05","days":-5}"#, "data.days",
         "expected at least 1 day, found -5"),
        ("GroupActivityHeld", #"{"activityId":"a1","groupId":"sy-g1","kind":"WorkMeeting","hostSchoolId":"sy-m05","days":"2"}"#, "data.days",
         "expected an integer, found \"2\""),
        ("GroupActivityHeld", #"{"activityId":"a1","groupId":"sy-g1","kind":"WorkMeeting","hostSchoolId":"sy-m05","participantSchoolIds":"sy-p12"}"#,
         "data.participantSchoolIds", "expected an array, found \"sy-p12\""),
        ("GroupActivityHeld", #"{"activityId":"a1","groupId":"sy-g1","kind":"WorkMeeting","hostSchoolId":"sy-m05","participantSchoolIds":["sy-p12","T-01"]}"#,
         "data.participantSchoolIds[1]", idMessage + "\"T-01\""),
        ("GroupActivityHeld", #"{"activityId":"a1","groupId":"sy-g1","kind":"Picnic","hostSchoolId":"sy-m05"}"#, "data.kind",
         "expected one of WorkMeeting, JointMeeting, PreYearConsultation, PrincipalOfficeMeeting, GroupTraining, SubjectTraining, "
            + "ClassroomShowcase, FamousTeacherOutreach, ClassObservationDay, InternalEvaluation, TeachingRoutineInspection, "
            + "ManagementSeminar, JointQualityAnalysis, ExpertLecture, Other, found \"Picnic\""),
        ("GroupActivityHeld", #"{"activityId":"a1","groupId":"sy-g1","kind":"WorkMeeting","hostSchoolId":"sy-m05","themeZh":""}"#, "data.themeZh",
         "expected 1–2000 bytes, found 0"),
        // GroupAssessed
        ("GroupAssessed", #"{"assessmentId":"m1","groupId":"sy-g1","periodLabel":"2023学年","outcome":"Average","assessedBy":["sy-edu"]}"#,
         "data.outcome", "expected one of Excellent, Good, Pass, Fail, Other, found \"Average\""),
        ("GroupAssessed", #"{"assessmentId":"m1","groupId":"sy-g1","outcome":"Good","assessedBy":["sy-edu"]}"#, "data.periodLabel", "missing"),
        ("GroupAssessed", #"{"assessmentId":"m1","groupId":"sy-g1","periodLabel":2023,"outcome":"Good","assessedBy":["sy-edu"]}"#,
         "data.periodLabel", "expected a string, found 2023"),
        ("GroupAssessed", #"{"assessmentId":"m1","groupId":"sy-g1","periodLabel":"2023学年","outcome":"Good","assessedBy":["T-01"]}"#,
         "data.assessedBy[0]", idMessage + "\"T-01\""),
    ]

    @Test(arguments: refusals)
    func refusesABadPayloadNamingTheField(type: String, json: String, field: String, message: String) throws {
        let payloadType = try #require(staffPayloadType(named: type))
        #expect(throws: DomainError(field: field, message)) {
            _ = try decodeStaffPayload(payloadType, json)
        }
    }
}
