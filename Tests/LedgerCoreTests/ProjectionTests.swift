import Testing
@testable import LedgerCore

/// Builds domain records from append-input JSON lines.
enum Scenario {
    static func record(_ seq: Int64, _ json: String, recorded: String = "2025-01-10T02:00:00Z") throws -> DomainEventRecord {
        guard let draft = try EventDraftInput.drafts(from: Array(json.utf8)).first else { throw DomainError(field: "", "no event") }
        return DomainEventRecord(seq: seq, recorded: try UTCTimestamp(parsing: recorded), effective: draft.effective, actor: draft.actor,
                                 authority: draft.authority, event: try EventCatalog.decode(draft))
    }

    static func records(_ lines: [String], firstSeq: Int64 = 1) throws -> [DomainEventRecord] {
        try lines.enumerated().map { index, line in try record(firstSeq + Int64(index), line) }
    }

    static let admin = #""actor":{"id":"admin1","role":"LedgerAdmin"}"#
    static let clerk = #""actor":{"id":"clerk-sy","role":"BureauClerk","onBehalfOf":"sy-edu"}"#
    static let finance = #""actor":{"id":"fin-sy","role":"FinanceClerk","onBehalfOf":"sy-edu"}"#
    static let document = #""authority":{"document":"邵教发〔2023〕50号"}"#

    static func school(_ id: String, _ name: String) -> String {
        #"{"type":"SchoolRegistered","v":1,"effective":"2023-11-14",\#(clerk),"data":{"schoolId":"\#(id)","nameZh":"\#(name)","stage":"Unknown","administeredBy":"sy-edu","jurisdictionId":"sy"}}"#
    }

    static func join(_ membership: String, _ school: String, _ role: String, _ effective: String, group: String = "sy-g1") -> String {
        #"{"type":"SchoolJoinedGroup","v":2,"effective":"\#(effective)",\#(clerk),\#(document),"data":{"membershipId":"\#(membership)","groupId":"\#(group)","schoolId":"\#(school)","role":"\#(role)"}}"#
    }

    static func exit(_ membership: String, _ effective: String, reason: String = "GoalsAchieved") -> String {
        #"{"type":"SchoolExitedGroup","v":1,"effective":"\#(effective)",\#(clerk),"data":{"membershipId":"\#(membership)","reason":"\#(reason)"}}"#
    }

    /// 邵阳县: the bureau, its plan, three schools, group 1 with its core school, a member who
    /// joined in 2024-09 and left in 2025-03.
    static let base: [String] = [
        #"{"type":"AuthorityRegistered","v":1,"effective":"2023-11-14",\#(admin),"data":{"authorityId":"sy-edu","nameZh":"邵阳县教育局","kind":"EducationBureau","level":"County","jurisdictionId":"sy"}}"#,
        #"{"type":"PolicyDocumentRegistered","v":1,"effective":"2023-11-14",\#(admin),"data":{"documentId":"sy-2023-50","titleZh":"关于推进基础教育集团化办学的实施方案（试行）","kind":"ImplementationPlan","jurisdictionId":"sy","docNumber":"邵教发〔2023〕50号","issuerAuthorityId":"sy-edu","issuedOn":"2023-11-14","trial":true}}"#,
        school("sy-c1", "邵阳县芙蓉学校"), school("sy-m03", "黄塘中学"), school("sy-m04", "黄塘中心完小"),
        #"{"type":"GroupEstablished","v":1,"effective":"2023-11-14",\#(clerk),\#(document),"data":{"groupId":"sy-g1","nameZh":"邵阳县芙蓉学校教育集团","jurisdictionId":"sy","type":"CoConstruction","status":"Pilot"}}"#,
        join("m-c1", "sy-c1", "Lead", "2023-11-14"),
        join("m-m03", "sy-m03", "Member", "2024-09-01"),
        exit("m-m03", "2025-03-01"),
    ]

    static func day(_ text: String) -> Int { (try? PartialDate(parsing: text))?.firstDayNumber ?? 0 }
}

@Suite("Projections")
struct ProjectionTests {
    @Test func rostersFollowTheEffectiveDate() throws {
        let state = try Projector.build(try Scenario.records(Scenario.base))
        func members(_ date: String?) -> [String] {
            state.members(ofGroup: "sy-g1", onDay: date.map(Scenario.day)).map(\.membership.schoolId)
        }
        #expect(members("2023-11-13") == [])
        #expect(members("2024-08-31") == ["sy-c1"])
        #expect(members("2024-09-01") == ["sy-c1", "sy-m03"])
        #expect(members("2025-02-28") == ["sy-c1", "sy-m03"])
        #expect(members("2025-03-01") == ["sy-c1"])
        #expect(members(nil) == ["sy-c1"])
        #expect(state.groups(onDay: Scenario.day("2023-11-13")).isEmpty)
        #expect(state.groups(onDay: Scenario.day("2024-01-01")).map(\.status) == [.pilot])
        #expect(state.membershipTimeline(ofSchool: "sy-m03").map(\.membershipId) == ["m-m03"])
        #expect(state.members(ofGroup: "sy-g1", onDay: nil).first?.schoolNameZh == "邵阳县芙蓉学校")
    }

    /// Each row: extra lines after the base scenario (all but the last must be accepted), the
    /// field and the message the last one is refused with.
    @Test(arguments: [
        ([Scenario.join("m-c1b", "sy-c1", "Member", "2024-01-01")], "data.schoolId", "sy-c1 is already a member of sy-g1 (membership \"m-c1\")"),
        ([Scenario.exit("m-m03", "2025-04-01")], "data.membershipId", "sy-m03 already left sy-g1 (seq 9)"),
        ([Scenario.join("m-m04", "sy-m04", "Member", "2024-09-01"), Scenario.exit("m-c1", "2025-01-01")], "data.membershipId",
         "sy-c1 leads sy-g1 while sy-m04 and others remain; change the lead first"),
        ([Scenario.join("m-x", "sy-m99", "Member", "2024-09-01")], "data.schoolId", "unknown school \"sy-m99\""),
        ([Scenario.join("m-x", "sy-m04", "Member", "2024-09-01", group: "sy-g9")], "data.groupId", "unknown group \"sy-g9\""),
        ([Scenario.join("m-c1", "sy-m04", "Member", "2024-09-01")], "data.membershipId", "membership \"m-c1\" is already registered"),
        ([Scenario.join("m-m04", "sy-m04", "Lead", "2024-09-01")], "data.role", "sy-g1 already has the lead sy-c1; use GroupLeadChanged"),
        ([#"{"type":"GroupEstablished","v":1,"effective":"2023-11-14","actor":{"id":"c","role":"MemberSchoolClerk"},"authority":{"document":"x"},"data":{"groupId":"sy-g2","nameZh":"二组","jurisdictionId":"sy","type":"Tight","status":"Pilot"}}"#],
         "actor.role", "MemberSchoolClerk may not record GroupEstablished; it may be recorded by BureauClerk, LeadingGroupOffice"),
        ([#"{"type":"GroupEstablished","v":1,"effective":"2023-11-14",\#(Scenario.clerk),"data":{"groupId":"sy-g2","nameZh":"二组","jurisdictionId":"sy","type":"Tight","status":"Pilot"}}"#],
         "authority", "GroupEstablished must cite the document (文号) or approval it rests on"),
        ([#"{"type":"GroupStatusChanged","v":1,"effective":"2025-06",\#(Scenario.clerk),"data":{"groupId":"sy-g1","status":"Dissolved"}}"#],
         "data.status", "group \"sy-g1\" still has the open membership \"m-c1\" (sy-c1); record the exits first"),
        ([#"{"type":"GroupStatusChanged","v":1,"effective":"2025-06",\#(Scenario.clerk),"data":{"groupId":"sy-g1","status":"Withdrawn"}}"#],
         "data.status", "only a proposal is withdrawn; \"sy-g1\" is established (dissolve it instead)"),
        ([#"{"type":"PolicyDocumentRegistered","v":1,"effective":"2023",\#(Scenario.admin),"data":{"documentId":"sy-x","titleZh":"某文","kind":"Notice","jurisdictionId":"sy","docNumber":"邵教发(2023)53号"}}"#],
         "data.docNumber", "expected a document number like 邵教发〔2023〕50号 (Han prefix, year in 〔〕, serial, 号), found \"邵教发(2023)53号\""),
        ([#"{"type":"PolicyDocumentRegistered","v":1,"effective":"2023",\#(Scenario.admin),"data":{"documentId":"sy-x","titleZh":"重复","kind":"Notice","jurisdictionId":"sy","docNumber":"邵教发〔2023〕 50号"}}"#],
         "data.docNumber", "邵教发〔2023〕50号 is already registered as document \"sy-2023-50\""),
        ([#"{"type":"FundAllocated","v":1,"effective":"2024",\#(Scenario.finance),\#(Scenario.document),"data":{"allocationId":"al-1","fiscalYear":2024,"fromAuthorityId":"sy-edu","toSchoolId":"sy-c1","groupId":"sy-g1","purpose":"GroupDevelopment","amountFen":-50000000}}"#],
         "data.amountFen", "expected a positive amount in fen, found -50000000"),
        ([#"{"type":"FundAllocated","v":1,"effective":"2024",\#(Scenario.finance),\#(Scenario.document),"data":{"allocationId":"al-1","fiscalYear":2024,"fromAuthorityId":"sy-edu","toSchoolId":"sy-c1","groupId":"sy-g1","purpose":"GroupDevelopment","amountFen":50000000}}"#,
          #"{"type":"FundEarmarked","v":1,"effective":"2024",\#(Scenario.finance),"data":{"earmarkId":"em-1","allocationId":"al-1","amountFen":20000000,"purpose":"NewSchoolOperatingSubsidy","beneficiarySchoolId":"sy-m04"}}"#,
          #"{"type":"ExpenditureRecorded","v":1,"effective":"2024-10",\#(Scenario.finance),"data":{"expenditureId":"ex-1","payerSchoolId":"sy-c1","category":"GroupActivity","amountFen":35000000,"allocationId":"al-1"}}"#],
         "data.amountFen", "spending 35000000 fen exceeds the 30000000 fen left in allocation \"al-1\" (earmarked money is spent through its earmark)"),
        ([#"{"type":"CostShareApportioned","v":1,"effective":"2024-10","actor":{"id":"c","role":"CoreSchoolClerk"},"data":{"costShareId":"cs-1","groupId":"sy-g1","totalFen":100000,"disbursingSchoolId":"sy-c1","shares":[{"schoolId":"sy-c1","amountFen":60000},{"schoolId":"sy-m04","amountFen":39999}]}}"#],
         "data.shares", "the shares add up to 99999 fen, not the total 100000 fen"),
        ([#"{"type":"GroupStatusChanged","v":1,"effective":"2025-06","actor":{"id":"王芳","role":"BureauClerk"},"data":{"groupId":"sy-g1","status":"Suspended"}}"#],
         "actor.id", "expected an opaque id (lowercase letters, digits and '-'), found \"王芳\"; names belong in the personal-data register"),
        ([#"{"type":"FundAllocated","v":1,"effective":"2024",\#(Scenario.finance),\#(Scenario.document),"data":{"allocationId":"al-1","fiscalYear":2024,"fromAuthorityId":"sy-edu","toSchoolId":"sy-c1","purpose":"GroupDevelopment","amountFen":1000}}"#,
          #"{"type":"FundEarmarked","v":1,"effective":"2024",\#(Scenario.finance),"data":{"earmarkId":"em-1","allocationId":"al-1","amountFen":1001,"purpose":"Other"}}"#],
         "data.amountFen", "earmarking 1001 fen exceeds the 1000 fen still free in allocation \"al-1\""),
        ([#"{"type":"FundAllocated","v":1,"effective":"2024",\#(Scenario.finance),\#(Scenario.document),"data":{"allocationId":"al-1","fiscalYear":2024,"fromAuthorityId":"sy-edu","toSchoolId":"sy-c1","purpose":"GroupDevelopment","amountFen":1000}}"#,
          #"{"type":"FundEarmarked","v":1,"effective":"2024",\#(Scenario.finance),"data":{"earmarkId":"em-1","allocationId":"al-1","amountFen":400,"purpose":"Other"}}"#,
          #"{"type":"ExpenditureRecorded","v":1,"effective":"2024",\#(Scenario.finance),"data":{"expenditureId":"ex-1","payerSchoolId":"sy-c1","category":"Other","amountFen":401,"earmarkId":"em-1"}}"#],
         "data.amountFen", "spending 401 fen exceeds the 400 fen left in earmark \"em-1\""),
        ([#"{"type":"StaffRegistered","v":1,"effective":"2024","actor":{"id":"c","role":"BureauClerk"},"data":{"staffId":"t1","homeSchoolId":"sy-m03","post":"Teacher"}}"#,
          #"{"type":"SecondmentStarted","v":1,"effective":"2024-09","actor":{"id":"c","role":"BureauClerk"},"data":{"secondmentId":"s1","staffId":"t1","kind":"SupportTeaching","fromSchoolId":"sy-m03","toSchoolId":"sy-c1","plannedEnd":"2025-07"}}"#,
          #"{"type":"SecondmentStarted","v":1,"effective":"2024-10","actor":{"id":"c","role":"BureauClerk"},"data":{"secondmentId":"s2","staffId":"t1","kind":"SupportTeaching","fromSchoolId":"sy-m03","toSchoolId":"sy-m04","plannedEnd":"2025-07"}}"#],
         "data.staffId", "t1 is already on secondment \"s1\""),
        // An extension keeps the secondment open, so its staff member cannot start another.
        ([#"{"type":"StaffRegistered","v":1,"effective":"2024","actor":{"id":"c","role":"BureauClerk"},"data":{"staffId":"t1","homeSchoolId":"sy-m03","post":"Teacher"}}"#,
          #"{"type":"SecondmentStarted","v":1,"effective":"2024-09","actor":{"id":"c","role":"BureauClerk"},"data":{"secondmentId":"s1","staffId":"t1","kind":"SupportTeaching","fromSchoolId":"sy-m03","toSchoolId":"sy-c1","plannedEnd":"2025-07"}}"#,
          #"{"type":"SecondmentEnded","v":1,"effective":"2025-07","actor":{"id":"c","role":"BureauClerk"},"data":{"secondmentId":"s1","outcome":"Extended","newPlannedEnd":"2026-07"}}"#,
          #"{"type":"SecondmentStarted","v":1,"effective":"2025-09","actor":{"id":"c","role":"BureauClerk"},"data":{"secondmentId":"s2","staffId":"t1","kind":"SupportTeaching","fromSchoolId":"sy-m03","toSchoolId":"sy-m04","plannedEnd":"2026-07"}}"#],
         "data.staffId", "t1 is already on secondment \"s1\""),
        ([#"{"type":"SecondmentStarted","v":1,"effective":"2024-09","actor":{"id":"c","role":"BureauClerk"},"data":{"secondmentId":"s1","staffId":"t9","kind":"SupportTeaching","fromSchoolId":"sy-m03","toSchoolId":"sy-c1","plannedEnd":"2025-07"}}"#],
         "data.staffId", "unknown staff member \"t9\""),
        ([#"{"type":"StaffRegistered","v":1,"effective":"2024","actor":{"id":"c","role":"BureauClerk"},"data":{"staffId":"t1","homeSchoolId":"sy-m03","post":"Teacher"}}"#,
          #"{"type":"SecondmentStarted","v":1,"effective":"2024-09","actor":{"id":"c","role":"BureauClerk"},"data":{"secondmentId":"s1","staffId":"t1","kind":"SupportTeaching","fromSchoolId":"sy-m03","toSchoolId":"sy-c1","plannedEnd":"2025-07"}}"#,
          #"{"type":"SecondmentEnded","v":1,"effective":"2025-07","actor":{"id":"c","role":"BureauClerk"},"data":{"secondmentId":"s1","outcome":"Extended","newPlannedEnd":"2026-07"}}"#,
          #"{"type":"SecondmentEnded","v":1,"effective":"2026-07","actor":{"id":"c","role":"BureauClerk"},"data":{"secondmentId":"s1","outcome":"Returned"}}"#,
          #"{"type":"SecondmentEnded","v":1,"effective":"2026-08","actor":{"id":"c","role":"BureauClerk"},"data":{"secondmentId":"s1","outcome":"Returned"}}"#],
         "data.secondmentId", "secondment \"s1\" has already ended"),
        ([#"{"type":"StaffCredentialRecorded","v":1,"effective":"2024","actor":{"id":"c","role":"BureauClerk"},"data":{"staffId":"t9","credential":"SubjectLeader","level":"City"}}"#],
         "data.staffId", "unknown staff member \"t9\""),
        ([#"{"type":"SchoolClosed","v":1,"effective":"2025-08","actor":{"id":"c","role":"BureauClerk"},"data":{"schoolId":"sy-c1"}}"#],
         "data.schoolId", "sy-c1 still has the open membership \"m-c1\"; record its exit first"),
        ([#"{"type":"GroupFormed","v":1,"effective":"2024",\#(Scenario.clerk),"data":{}}"#], "type",
         "unknown event type \"GroupFormed\"; see Journal/EVENTS.md for the 31 types"),
    ])
    func structuralErrorsAreRefusedAndLeaveTheStateUnchanged(extra: [String], field: String, message: String) throws {
        var state = try Projector.build(try Scenario.records(Scenario.base))
        for (index, line) in extra.enumerated() {
            let seq = Int64(Scenario.base.count + index + 1)
            if index < extra.count - 1 {
                try state.apply(try Scenario.record(seq, line))
                continue
            }
            let before = state
            do {
                try state.apply(try Scenario.record(seq, line))
                Issue.record("expected the last line to be refused")
            } catch let error as DomainError {
                #expect(error.field == field)
                #expect(error.message == message)
            }
            #expect(state == before)
        }
    }

    @Test func aStaffMemberWhoReturnedMayStartAnotherSecondment() throws {
        let staffActor = #""actor":{"id":"c","role":"BureauClerk"}"#
        func start(_ id: String, _ effective: String) -> String {
            #"{"type":"SecondmentStarted","v":1,"effective":"\#(effective)",\#(staffActor),"data":{"secondmentId":"\#(id)","staffId":"t1","kind":"SupportTeaching","fromSchoolId":"sy-m03","toSchoolId":"sy-c1","plannedEnd":"2027-07"}}"#
        }
        var lines = Scenario.base + [
            #"{"type":"StaffRegistered","v":1,"effective":"2024-09",\#(staffActor),"data":{"staffId":"t1","homeSchoolId":"sy-m03","post":"Teacher"}}"#,
            start("sec-1", "2024-09"),
        ]
        #expect(try Projector.build(try Scenario.records(lines)).staff["t1"]?.openSecondmentId == "sec-1")
        lines.append(#"{"type":"SecondmentEnded","v":1,"effective":"2025-07",\#(staffActor),"data":{"secondmentId":"sec-1","outcome":"Returned"}}"#)
        #expect(try Projector.build(try Scenario.records(lines)).staff["t1"]?.openSecondmentId == nil)
        lines.append(start("sec-2", "2025-09"))
        let state = try Projector.build(try Scenario.records(lines))
        #expect(state.staff["t1"]?.openSecondmentId == "sec-2")
        #expect(state.secondments.keys == ["sec-1", "sec-2"])
    }

    /// A secondment keeps its latest end without repeating its id: an extension keeps it open
    /// and is replaced by the return after it, and either reads back as the event recorded it.
    /// Equal `retainedAtHome` lists are stored once.
    @Test func aSecondmentKeepsItsLatestEndAndSharesItsLists() throws {
        let staffActor = #""actor":{"id":"c","role":"BureauClerk"}"#
        func start(_ id: String, _ staff: String, _ retained: String) -> String {
            #"{"type":"SecondmentStarted","v":1,"effective":"2024-09",\#(staffActor),"data":{"secondmentId":"\#(id)","staffId":"\#(staff)","kind":"SupportTeaching","fromSchoolId":"sy-m03","toSchoolId":"sy-c1","plannedEnd":"2025-07","retainedAtHome":[\#(retained)]}}"#
        }
        let lines = Scenario.base + [
            #"{"type":"StaffRegistered","v":1,"effective":"2024-09",\#(staffActor),"data":{"staffId":"t1","homeSchoolId":"sy-m03","post":"Teacher"}}"#,
            #"{"type":"StaffRegistered","v":1,"effective":"2024-09",\#(staffActor),"data":{"staffId":"t2","homeSchoolId":"sy-m03","post":"Teacher"}}"#,
            start("sec-1", "t1", #""Payroll","Establishment""#),
            start("sec-2", "t2", #""Payroll","Establishment""#),
            #"{"type":"SecondmentEnded","v":1,"effective":"2025-06",\#(staffActor),"data":{"secondmentId":"sec-1","outcome":"Extended","newPlannedEnd":"2026-07","noteZh":"延期一年"}}"#,
        ]
        let extended = try Projector.build(try Scenario.records(lines))
        let first = try #require(extended.secondments["sec-1"])
        #expect(first.isOpen)
        let extendedTo = try PartialDate(parsing: "2026-07")
        #expect(first.ending == SecondmentEnded(secondmentId: "sec-1", outcome: .extended, newPlannedEnd: extendedTo,
                                                provenance: Provenance(noteZh: "延期一年")))
        #expect(first.endStamp?.seq == Int64(lines.count))
        #expect(extended.secondments["sec-2"]?.ending == nil && extended.secondments["sec-2"]?.endStamp == nil)
        let storages = extended.secondments.values.map { $0.payload.retainedAtHome.withUnsafeBufferPointer { $0.baseAddress } }
        #expect(storages.count == 2 && storages[0] == storages[1], "equal lists share one array")
        #expect(extended.secondments["sec-2"]?.payload.retainedAtHome == [.payroll, .establishment])

        let returned = try Projector.build(try Scenario.records(lines + [
            #"{"type":"SecondmentEnded","v":1,"effective":"2026-07",\#(staffActor),"data":{"secondmentId":"sec-1","outcome":"Returned"}}"#,
        ]))
        let ended = try #require(returned.secondments["sec-1"])
        #expect(!ended.isOpen)
        #expect(ended.ending == SecondmentEnded(secondmentId: "sec-1", outcome: .returned))
        let returnedOn = try PartialDate(parsing: "2026-07")
        #expect(ended.endStamp?.seq == Int64(lines.count + 1) && ended.endStamp?.effective == returnedOn)
        #expect(returned.staff["t1"]?.openSecondmentId == nil)
    }

    @Test func theRegistersTrackSecondmentsBalancesAndApprovals() throws {
        let staffActor = #""actor":{"id":"c","role":"BureauClerk"}"#
        let lines = Scenario.base + [
            #"{"type":"StaffRegistered","v":1,"effective":"2024-09",\#(staffActor),"data":{"staffId":"t1","homeSchoolId":"sy-m03","post":"Teacher"}}"#,
            #"{"type":"SecondmentStarted","v":1,"effective":"2024-09-01",\#(staffActor),"data":{"secondmentId":"sec-1","staffId":"t1","kind":"ShadowLearning","fromSchoolId":"sy-m03","toSchoolId":"sy-c1","plannedEnd":"2026-08"}}"#,
            #"{"type":"SecondmentEnded","v":1,"effective":"2025-07",\#(staffActor),"data":{"secondmentId":"sec-1","outcome":"Returned"}}"#,
            #"{"type":"FundAllocated","v":1,"effective":"2024",\#(Scenario.finance),\#(Scenario.document),"data":{"allocationId":"al-1","fiscalYear":2024,"fromAuthorityId":"sy-edu","toSchoolId":"sy-c1","groupId":"sy-g1","purpose":"GroupDevelopment","amountFen":50000000}}"#,
            #"{"type":"FundEarmarked","v":1,"effective":"2024",\#(Scenario.finance),"data":{"earmarkId":"em-1","allocationId":"al-1","amountFen":20000000,"purpose":"NewSchoolOperatingSubsidy"}}"#,
            #"{"type":"ExpenditureRecorded","v":1,"effective":"2024-10",\#(Scenario.finance),"data":{"expenditureId":"ex-1","payerSchoolId":"sy-c1","category":"NewSchoolOperation","amountFen":5000000,"earmarkId":"em-1"}}"#.replacingOccurrences(of: "NewSchoolOperation\"", with: "NewSchoolOperatingSubsidy\""),
            #"{"type":"ApprovalRequested","v":1,"effective":"2025-02",\#(Scenario.clerk),"data":{"approvalId":"ap-1","action":"ExitMember","addressedTo":"sy-edu","requestedBy":"sy-c1"}}"#,
        ]
        let state = try Projector.build(try Scenario.records(lines))
        let register = state.secondmentRegister(onDay: nil)
        #expect(register.map(\.payload.secondmentId) == ["sec-1"])
        #expect(state.isRunning(register[0], onDay: Scenario.day("2025-06-30")))
        #expect(!state.isRunning(register[0], onDay: Scenario.day("2025-07-01")))
        let allocation = try #require(state.allocationBalances.first)
        #expect(allocation.earmarkedFen == 20_000_000 && allocation.availableFen == 30_000_000)
        #expect(state.earmarks["em-1"]?.availableFen == 15_000_000)
        #expect(state.fundsBySchoolAndYear() == [LedgerState.SchoolYearFunds(schoolId: "sy-c1", fiscalYear: 2024, receivedFen: 50_000_000, spentFen: 5_000_000)])
        #expect(state.approvalLog.map(\.request.approvalId) == ["ap-1"])
        #expect(state.approvalLog.first?.decision == nil)
    }

    @Test func knownAtAndAsOfAreIndependentForABackdatedExit() throws {
        // Seq 9 (recorded 2025-03-05) says sy-m03 left on 2024-12-01: backdated.
        var lines = Scenario.base
        lines[8] = Scenario.exit("m-m03", "2024-12-01")
        let records = try Scenario.records(lines)
        let before = try Projector.build(records, knownAt: .seq(8))
        let after = try Projector.build(records, knownAt: .seq(9))
        let january = Scenario.day("2025-01-01")
        #expect(before.members(ofGroup: "sy-g1", onDay: january).map(\.membership.schoolId) == ["sy-c1", "sy-m03"])
        #expect(after.members(ofGroup: "sy-g1", onDay: january).map(\.membership.schoolId) == ["sy-c1"])
        #expect(after.members(ofGroup: "sy-g1", onDay: Scenario.day("2024-11-30")).count == 2)
        let byTime = try Projector.build(records, knownAt: .recorded(try UTCTimestamp(parsing: "2025-01-09T00:00:00Z")))
        #expect(byTime.lastSeq == 0)
    }

    @Test func correctionsVoidAndSupersedeWhileTheOriginalStays() throws {
        let correctionActor = Scenario.admin + #","authority":{"approval":"ap-fix-1"}"#
        let lines = Scenario.base + [
            Scenario.join("m-m04", "sy-m04", "Member", "2024-09-01"),
            #"{"type":"EntryCorrected","v":1,"effective":"2025-04",\#(correctionActor),"data":{"targetSeq":10,"mode":"Void","reasonZh":"误录：黄塘中心完小未加入"}}"#,
            #"{"type":"EntryCorrected","v":1,"effective":"2025-04",\#(correctionActor),"data":{"targetSeq":8,"mode":"Supersede","reasonZh":"角色更正","replacement":{"membershipId":"m-m03","groupId":"sy-g1","schoolId":"sy-m03","role":"SubGroupCore"}}}"#,
        ]
        let records = try Scenario.records(lines)
        let state = try Projector.build(records)
        #expect(state.memberships["m-m04"] == nil)
        #expect(state.memberships["m-m03"]?.roles.first?.payload == .subGroupCore)
        #expect(state.corrected == [10: 11, 8: 12])
        // As the ledger knew it before the corrections, both facts stand as first recorded.
        let earlier = try Projector.build(records, knownAt: .seq(10))
        #expect(earlier.memberships["m-m04"] != nil)
        #expect(earlier.memberships["m-m03"]?.roles.first?.payload == .member)
        // A second correction of the same event, and a correction of a correction, are refused.
        var current = state
        let again = #"{"type":"EntryCorrected","v":1,"effective":"2025-05",\#(correctionActor),"data":{"targetSeq":10,"mode":"Void","reasonZh":"再次"}}"#
        #expect(throws: DomainError(field: "data.targetSeq", "seq 10 was already corrected by seq 11")) {
            try current.apply(try Scenario.record(13, again))
        }
        let ofCorrection = #"{"type":"EntryCorrected","v":1,"effective":"2025-05",\#(correctionActor),"data":{"targetSeq":11,"mode":"Void","reasonZh":"撤销更正"}}"#
        #expect(throws: DomainError(field: "data.targetSeq", "seq 11 is itself a correction; correct the original")) {
            try current.apply(try Scenario.record(13, ofCorrection))
        }
    }

    @Test func version1LinesAreUpcastWhenReadAndMixWithVersion2() throws {
        var lines = Scenario.base
        // Seq 7 as an older writer wrote it: schema v1, the lead called "Core".
        lines[6] = #"{"type":"SchoolJoinedGroup","v":1,"effective":"2023-11-14",\#(Scenario.clerk),\#(Scenario.document),"data":{"membershipId":"m-c1","groupId":"sy-g1","schoolId":"sy-c1","role":"Core"}}"#
        let state = try Projector.build(try Scenario.records(lines))
        #expect(state.memberships["m-c1"]?.role(onDay: nil) == .lead)
        #expect(state.memberships["m-m03"]?.roles.first?.payload == .member)
        #expect(throws: DomainError.self) {
            _ = try Scenario.record(1, #"{"type":"SchoolJoinedGroup","v":3,"effective":"2023",\#(Scenario.clerk),"data":{}}"#)
        }
    }

    @Test func rebuildingFromTheFirstEventEqualsTheIncrementallyMaintainedState() throws {
        let seed = UInt64.random(in: 0...UInt64.max)
        print("projection seed \(seed)")
        let records = try GeneratedHistory.records(count: 3_000, seed: seed)
        #expect(records.count == 3_000)
        let incremental = try GeneratedHistory.foldIncrementally(records)
        let rebuilt = try Projector.build(records)
        #expect(rebuilt == incremental, "seed \(seed)")
        #expect(rebuilt.lastSeq == 3_000)
        #expect(rebuilt.memberships.count > 100)
        #expect(!rebuilt.corrected.isEmpty)
    }
}

extension ProjectionTests {
    /// The indexes of open memberships by group and by school agree, after every event, with a
    /// walk over every membership the group (or school) ever had: same memberships, in joining
    /// order.
    @Test(arguments: [1, 7, 2_024] as [UInt64])
    func theMembershipIndexesAgreeWithAWalkOfEveryMembership(seed: UInt64) throws {
        let records = try GeneratedHistory.records(count: 1_500, seed: seed)
        var exits = 0
        // A voided exit reopens a membership: the fold replays at each correction, so the index
        // is checked both as maintained event by event and as rebuilt.
        _ = try GeneratedHistory.foldIncrementally(records) { state, record in
            if case .schoolExitedGroup = record.event { exits += 1 }
            for groupId in state.groups.keys {
                let history = state.memberships.values.filter { $0.groupId == groupId }
                #expect(state.membershipTimeline(ofGroup: groupId) == history, "group \(groupId) after seq \(record.seq), seed \(seed)")
                let walked = history.filter(\.isOpen)
                #expect(state.openMemberships(ofGroup: groupId).map(\.membershipId) == walked.map(\.membershipId),
                        "group \(groupId) after seq \(record.seq), seed \(seed)")
            }
            for schoolId in state.schools.keys {
                let history = state.memberships.values.filter { $0.schoolId == schoolId }
                #expect(state.membershipTimeline(ofSchool: schoolId) == history, "school \(schoolId) after seq \(record.seq), seed \(seed)")
                let walked = history.filter(\.isOpen)
                #expect(state.openMemberships(ofSchool: schoolId).map(\.membershipId) == walked.map(\.membershipId),
                        "school \(schoolId) after seq \(record.seq), seed \(seed)")
            }
        }
        #expect(exits > 50, "the history exits often enough to exercise removal")
    }

    /// The reports' quick membership queries agree with reading the entries: each school's
    /// spans hold on exactly the days `isMember(onDay:)` does, and the first open membership
    /// is the timeline's first open one.
    @Test(arguments: [1, 7] as [UInt64])
    func membershipSpansAndTheFirstOpenMembershipAgreeWithTheEntries(seed: UInt64) throws {
        let state = try Projector.build(try GeneratedHistory.records(count: 1_500, seed: seed))
        let spansBySchool = state.membershipSpansBySchool()
        let days = Set(state.memberships.values.flatMap { entry in
            [entry.joined.effective.firstDayNumber, entry.exit?.stamp.effective.firstDayNumber].compactMap { $0 }.flatMap { [$0 - 1, $0, $0 + 1] }
        })
        var exited = 0
        for schoolId in state.schools.keys {
            let timeline = state.membershipTimeline(ofSchool: schoolId)
            let spans = spansBySchool[schoolId] ?? []
            #expect(spans.map(\.groupId) == timeline.map(\.groupId), "school \(schoolId), seed \(seed)")
            for (span, entry) in zip(spans, timeline) {
                if entry.exit != nil { exited += 1 }
                for day in days { #expect(span.contains(day: day) == entry.isMember(onDay: day), "\(entry.membershipId) on day \(day)") }
            }
            #expect(state.groupIdOfFirstOpenMembership(ofSchool: schoolId) == timeline.first(where: \.isOpen)?.groupId, "school \(schoolId)")
        }
        #expect(exited > 20, "the history has exits, so spans end")
    }
}

/// A generated history of valid events: schools, groups, joins and exits, lead changes, money
/// and the odd correction, so the fold is exercised far beyond hand-written cases.
enum GeneratedHistory {
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var value = state
            value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
            value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
            return value ^ (value >> 31)
        }
    }

    /// The state maintained event by event, as an appending session keeps it: `apply` for each
    /// event, a replay with the correction in force at each correction (a correction changes
    /// what earlier events mean). `observe` sees the state after each event.
    static func foldIncrementally(_ records: [DomainEventRecord],
                                  observe: (LedgerState, DomainEventRecord) -> Void = { _, _ in }) throws -> LedgerState {
        var state = LedgerState()
        var applied: [DomainEventRecord] = []
        for record in records {
            applied.append(record)
            if case .entryCorrected = record.event {
                state = try Projector.build(applied)
            } else {
                try state.apply(record)
            }
            observe(state, record)
        }
        return state
    }

    static func records(count: Int, seed: UInt64) throws -> [DomainEventRecord] {
        var random = Generator(state: seed)
        var lines = Array(Scenario.base.prefix(2))
        let schoolCount = 60
        for index in 0..<schoolCount { lines.append(Scenario.school("s\(index)", "示例学校\(index)")) }
        let groupCount = 8
        for group in 0..<groupCount {
            lines.append(#"{"type":"GroupEstablished","v":1,"effective":"2023-11-14",\#(Scenario.clerk),\#(Scenario.document),"data":{"groupId":"g\#(group)","nameZh":"集团\#(group)","jurisdictionId":"sy","type":"CoConstruction","status":"Pilot"}}"#)
        }
        var state = try Projector.build(try Scenario.records(lines))
        var records = try Scenario.records(lines)
        var nextId = 0
        while records.count < count {
            nextId += 1
            let seq = Int64(records.count + 1)
            let group = "g\(Int(random.next() % UInt64(groupCount)))"
            let school = "s\(Int(random.next() % UInt64(schoolCount)))"
            let year = 2024 + Int(random.next() % 2)
            let date = "\(year)-\(String(format: "%02d", Int(random.next() % 12) + 1))"
            var candidate: String
            switch random.next() % 10 {
            case 0...3:
                let role = state.openMemberships(ofGroup: group).contains { $0.role(onDay: nil) == .lead } ? "Member" : "Lead"
                candidate = Scenario.join("m\(nextId)", school, role, date, group: group)
            case 4...5:
                let open = state.openMemberships(ofGroup: group).filter { $0.role(onDay: nil) != .lead }
                guard let pick = open.randomElement(using: &random) else { continue }
                candidate = Scenario.exit(pick.membershipId, date)
            case 6:
                let open = state.openMemberships(ofGroup: group).filter { $0.role(onDay: nil) != .lead }
                guard let pick = open.randomElement(using: &random) else { continue }
                candidate = #"{"type":"GroupLeadChanged","v":1,"effective":"\#(date)",\#(Scenario.clerk),"data":{"groupId":"\#(group)","schoolId":"\#(pick.schoolId)"}}"#
            case 7:
                candidate = #"{"type":"FundAllocated","v":1,"effective":"\#(year)",\#(Scenario.finance),\#(Scenario.document),"data":{"allocationId":"al\#(nextId)","fiscalYear":\#(year),"fromAuthorityId":"sy-edu","toSchoolId":"\#(school)","groupId":"\#(group)","purpose":"GroupDevelopment","amountFen":\#(1_000_000 + Int(random.next() % 1_000_000))}}"#
            case 8:
                guard let allocation = state.allocations.values.filter({ $0.availableFen > 1000 }).randomElement(using: &random) else { continue }
                candidate = #"{"type":"ExpenditureRecorded","v":1,"effective":"\#(date)",\#(Scenario.finance),"data":{"expenditureId":"ex\#(nextId)","payerSchoolId":"\#(allocation.payload.toSchoolId)","category":"GroupActivity","amountFen":\#(1 + Int(random.next() % UInt64(allocation.availableFen))),"allocationId":"\#(allocation.payload.allocationId)"}}"#
            default:
                // Void a join nothing later depends on: the latest event, if it is a join.
                guard random.next() % 4 == 0, let last = records.last, case .schoolJoinedGroup = last.event, state.corrected[last.seq] == nil else { continue }
                candidate = #"{"type":"EntryCorrected","v":1,"effective":"\#(date)",\#(Scenario.admin),"authority":{"approval":"ap-\#(nextId)"},"data":{"targetSeq":\#(last.seq),"mode":"Void","reasonZh":"误录"}}"#
            }
            let record = try Scenario.record(seq, candidate)
            if case .entryCorrected = record.event {
                records.append(record)
                state = try Projector.build(records)
                continue
            }
            guard (try? state.check(record)) != nil else { continue }
            try state.apply(record)
            records.append(record)
        }
        return records
    }
}
