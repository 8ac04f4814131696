import Testing
@testable import LedgerCore

/// Decodes `json` (a payload's `data` object) as a `P` at schema version 1.
private func decode<P: EventPayload>(_ type: P.Type, _ json: String) throws -> P {
    let object = try #require(try JSONParser.parseInput(Array(json.utf8)).objectValue, "not a JSON object: \(json)")
    var reader = PayloadReader(object)
    return try P(reading: &reader, version: P.currentVersion)
}

/// The parsed JSON object of `json`.
private func object(_ json: String) throws -> JSONObject {
    try #require(try JSONParser.parseInput(Array(json.utf8)).objectValue, "not a JSON object: \(json)")
}

/// A valid payload of one type: it decodes, and its `jsonObject` decodes back to an equal value.
struct PayloadSample: Sendable, CustomTestStringConvertible {
    let typeName: String
    let json: String
    /// Decodes, writes and decodes again: whether the value survived, and whether the written
    /// object is the input (every sample is written in the stored shape: normalised 文号, no defaults).
    let roundTrip: @Sendable (String) throws -> (sameValue: Bool, writesTheInput: Bool)

    var testDescription: String { typeName }

    static func of<P: EventPayload>(_ type: P.Type, _ json: String) -> PayloadSample {
        PayloadSample(typeName: P.eventType, json: json) { json in
            let decoded = try decode(P.self, json)
            var reader = PayloadReader(decoded.jsonObject)
            let again = try P(reading: &reader, version: P.currentVersion)
            return (again == decoded, try decoded.jsonObject == object(json))
        }
    }
}

/// A payload the domain refuses, with the field and the exact message of the refusal.
struct PayloadRefusal: Sendable, CustomTestStringConvertible {
    let typeName: String
    let json: String
    let field: String
    let message: String
    let decode: @Sendable (String) throws -> Void

    var testDescription: String { "\(typeName) \(field): \(message)" }

    static func of<P: EventPayload>(_ type: P.Type, _ json: String, _ field: String, _ message: String) -> PayloadRefusal {
        PayloadRefusal(typeName: P.eventType, json: json, field: field, message: message) { json in _ = try LedgerCoreTests.decode(P.self, json) }
    }
}

@Suite("Payloads: reference data, policy, approvals, groups, corrections")
struct PayloadReferenceAndGroupTests {
    // MARK: Valid examples

    static let samples: [PayloadSample] = [
        .of(PolicyDocumentRegistered.self, #"{"documentId":"sy-2023-50","titleZh":"关于推进基础教育集团化办学的实施方案（试行）","kind":"ImplementationPlan","jurisdictionId":"shaoyang-county","docNumber":"邵教发〔2023〕50号","docNumberAsPrinted":"邵教发〔2023〕50号","issuerAuthorityId":"sy-edu","issuedOn":"2023-11-14","trial":true,"sourceFile":"sources/shaoyang-2023-50.pdf"}"#),
        .of(PolicyDocumentRegistered.self, #"{"documentId":"bs-undated","titleZh":"蚌山区深化义务教育学校集团化办学实施办法","kind":"ImplementationMeasures","jurisdictionId":"bengshan","issuedOn":"2023","inferred":["issuedOn"],"noteZh":"原文未署日期"}"#),
        .of(SchoolRegistered.self, #"{"schoolId":"sy-m03","nameZh":"黄塘中学","aliasesZh":["邵阳县黄塘中学"],"stage":"JuniorMiddle","administeredBy":"sy-edu","jurisdictionId":"shaoyang-county","centralSchoolId":"sy-m04","isCentralSchool":false}"#),
        .of(CampusRegistered.self, #"{"campusId":"sy-c1-north","schoolId":"sy-c1","nameZh":"邵阳县芙蓉学校北校区","boarding":true,"synthetic":true}"#),
        .of(SchoolRenamed.self, #"{"schoolId":"sy-m05","nameZh":"白仓镇芙蓉中学"}"#),
        .of(SchoolClosed.self, #"{"schoolId":"sy-m02","mergedIntoSchoolId":"sy-m01","reasonZh":"生源减少，撤并入塘渡口镇二完小","synthetic":true}"#),
        .of(HeadcountRecorded.self, #"{"schoolId":"sy-m03","year":2024,"teachers":48,"backboneTeachers":6,"synthetic":true}"#),
        .of(HeadcountRecorded.self, #"{"schoolId":"sy-m10","year":2024,"teachers":0}"#),
        .of(PolicyProfileAdopted.self, #"{"profileId":"shaoyang","jurisdictionId":"shaoyang-county","version":1,"effectiveFrom":"2023-11-14","effectiveUntil":"2026-12","sourceDocumentIds":["sy-2023-50"],"profile":{"rules":[{"id":"group-size","kind":"MaxMembers","max":11,"severity":"warn"}],"titleZh":"邵阳县集团化办学规则"}}"#),
        .of(ApprovalRequested.self, #"{"approvalId":"ap-sy-g1-form","action":"FormGroup","addressedTo":"sy-party-group","requestedBy":"sy-lg-office","groupId":"sy-g1","reasonZh":"组建邵阳县芙蓉学校教育集团"}"#),
        .of(ApprovalRequested.self, #"{"approvalId":"ap-sy-g1-size","action":"PolicyException","addressedTo":"sy-edu","requestedBy":"sy-c1","groupId":"sy-g1","schoolId":"sy-m10","staffId":"st-0042","ruleId":"group-size","reasonZh":"金称市镇中心完小路途较远，申请例外","synthetic":true}"#),
        .of(ApprovalDecided.self, #"{"approvalId":"ap-sy-g1-form","decision":"Conditional","decidedBy":"sy-party-group","documentId":"sy-2023-50","conditionsZh":"一年后评估"}"#),
        .of(ApprovalDecided.self, #"{"approvalId":"ap-sy-g1-form","decision":"Filed","decidedBy":"sy-edu"}"#),
        .of(GroupProposed.self, #"{"groupId":"sy-g2","nameZh":"邵阳县第二教育集团","jurisdictionId":"shaoyang-county","type":"Alliance","proposedLeadSchoolId":"sy-m03","proposedMemberSchoolIds":["sy-m04","sy-m07"],"phaseLabelZh":"第二阶段","plannedFrom":"2024-09","plannedUntil":"2025","documentId":"sy-2023-50","synthetic":true}"#),
        .of(GroupEstablished.self, #"{"groupId":"sy-g1","nameZh":"邵阳县芙蓉学校教育集团","jurisdictionId":"shaoyang-county","type":"CoConstruction","status":"Pilot","approvalId":"ap-sy-g1-form"}"#),
        .of(GroupEstablished.self, #"{"groupId":"sy-g1-a","nameZh":"芙蓉学校教育集团黄塘分集团","jurisdictionId":"shaoyang-county","type":"Mentoring","status":"Regular","parentGroupId":"sy-g1","synthetic":true}"#),
        .of(GroupStatusChanged.self, #"{"groupId":"sy-g1","status":"Regular","reasonZh":"试点期满，转为常规集团"}"#),
        .of(SchoolJoinedGroup.self, #"{"membershipId":"m-sy-g1-sy-c1","groupId":"sy-g1","schoolId":"sy-c1","campusId":"sy-c1-north","role":"Lead","approvalId":"ap-sy-g1-form"}"#),
        .of(SchoolExitedGroup.self, #"{"membershipId":"m-sy-g1-sy-m03","reason":"PromotedToSubGroupCore","reasonZh":"黄塘中学升为分集团核心校","approvalId":"ap-sy-m03-exit","synthetic":true}"#),
        .of(GroupLeadChanged.self, #"{"groupId":"sy-g1","schoolId":"sy-m05","reasonZh":"核心校调整","synthetic":true}"#),
        .of(EntryCorrected.self, #"{"targetSeq":18,"mode":"Supersede","replacement":{"administeredBy":"sy-edu","jurisdictionId":"shaoyang-county","nameZh":"黄塘中学","schoolId":"sy-m03","stage":"JuniorMiddle"},"reasonZh":"更正学段"}"#),
        .of(EntryCorrected.self, #"{"targetSeq":37,"mode":"Void","reasonZh":"重复录入"}"#),
        .of(PersonalDataErased.self, #"{"subjectId":"st-0042"}"#),
    ]

    @Test(arguments: samples)
    func decodesAndRoundTrips(_ sample: PayloadSample) throws {
        let result = try sample.roundTrip(sample.json)
        #expect(result.sameValue)
        #expect(result.writesTheInput)
    }

    @Test func everyTypeHasASample() {
        let covered = Set(Self.samples.map(\.typeName))
        #expect(covered == Set(Self.contracts.map(\.type)))
        #expect(covered.count == 17)
    }

    // MARK: Decoded values

    @Test func policyDocumentKeepsThePrinted文号AndNormalisesTheStoredOne() throws {
        let json = #"{"documentId":"zy-2024-79","titleZh":"张掖中学集团化办学工作方案","kind":"WorkPlan","jurisdictionId":"zhangye","docNumber":"张教发〔2024〕79 号","docNumberAsPrinted":"张教发〔2024〕79 号","issuerAuthorityId":"zy-edu","issuedOn":"2024","inferred":["issuedOn"]}"#
        let document = try decode(PolicyDocumentRegistered.self, json)
        #expect(document.docNumber?.normalized == "张教发〔2024〕79号")
        #expect(document.docNumber?.year == 2024)
        #expect(document.docNumber?.serial == 79)
        #expect(document.docNumberAsPrinted == "张教发〔2024〕79 号")
        #expect(document.kind == .workPlan)
        #expect(document.issuedOn?.description == "2024")
        #expect(document.trial == nil)
        #expect(document.provenance == Provenance(inferred: ["issuedOn"]))
        #expect(document.jsonObject["docNumber"] == .string("张教发〔2024〕79号"))
        #expect(document.jsonObject["docNumberAsPrinted"] == .string("张教发〔2024〕79 号"))
        var reader = PayloadReader(document.jsonObject)
        #expect(try PolicyDocumentRegistered(reading: &reader, version: 1) == document)
    }

    @Test func groupEstablishedReadsEveryMember() throws {
        let json = #"{"groupId":"sy-g1","nameZh":"邵阳县芙蓉学校教育集团","jurisdictionId":"shaoyang-county","type":"CoConstruction","status":"Pilot","noteZh":"邵教发〔2023〕50号 五、第一阶段"}"#
        let group = try decode(GroupEstablished.self, json)
        #expect(group == GroupEstablished(
            groupId: "sy-g1", nameZh: "邵阳县芙蓉学校教育集团", jurisdictionId: "shaoyang-county", type: .coConstruction, status: .pilot,
            provenance: Provenance(noteZh: "邵教发〔2023〕50号 五、第一阶段")))
    }

    @Test func listsAndOptionalsDefaultWhenAbsent() throws {
        let school = try decode(SchoolRegistered.self, #"{"schoolId":"sy-m03","nameZh":"黄塘中学","stage":"Unknown","administeredBy":"sy-edu","jurisdictionId":"shaoyang-county"}"#)
        #expect(school.aliasesZh.isEmpty)
        #expect(school.centralSchoolId == nil)
        #expect(school.isCentralSchool == nil)
        #expect(school.provenance == .documented)
        #expect(school.jsonObject.keys == ["administeredBy", "jurisdictionId", "nameZh", "schoolId", "stage"])

        let proposal = try decode(GroupProposed.self, #"{"groupId":"sy-g2","nameZh":"邵阳县第二教育集团","jurisdictionId":"shaoyang-county","type":"Tight"}"#)
        #expect(proposal.proposedMemberSchoolIds.isEmpty)
        #expect(proposal.jsonObject["proposedMemberSchoolIds"] == nil)
    }

    @Test func headcountAndCorrectionNumbers() throws {
        let headcount = try decode(HeadcountRecorded.self, #"{"schoolId":"sy-m03","year":2024,"teachers":48,"backboneTeachers":48}"#)
        #expect(headcount.year == 2024)
        #expect(headcount.teachers == 48)
        #expect(headcount.backboneTeachers == 48)

        let correction = try decode(EntryCorrected.self, #"{"targetSeq":18,"mode":"Supersede","replacement":{"schoolId":"sy-m03"},"reasonZh":"更正学段"}"#)
        #expect(correction.targetSeq == 18)
        #expect(correction.mode == .supersede)
        #expect(correction.replacement?["schoolId"] == .string("sy-m03"))
    }

    // MARK: Types, roles and authority

    static let contracts: [(type: String, roles: Set<IssuerRole>, requiresAuthority: Bool)] = [
        (PolicyDocumentRegistered.eventType, PolicyDocumentRegistered.issuerRoles, PolicyDocumentRegistered.requiresAuthority),
        (SchoolRegistered.eventType, SchoolRegistered.issuerRoles, SchoolRegistered.requiresAuthority),
        (CampusRegistered.eventType, CampusRegistered.issuerRoles, CampusRegistered.requiresAuthority),
        (SchoolRenamed.eventType, SchoolRenamed.issuerRoles, SchoolRenamed.requiresAuthority),
        (SchoolClosed.eventType, SchoolClosed.issuerRoles, SchoolClosed.requiresAuthority),
        (HeadcountRecorded.eventType, HeadcountRecorded.issuerRoles, HeadcountRecorded.requiresAuthority),
        (PolicyProfileAdopted.eventType, PolicyProfileAdopted.issuerRoles, PolicyProfileAdopted.requiresAuthority),
        (ApprovalRequested.eventType, ApprovalRequested.issuerRoles, ApprovalRequested.requiresAuthority),
        (ApprovalDecided.eventType, ApprovalDecided.issuerRoles, ApprovalDecided.requiresAuthority),
        (GroupProposed.eventType, GroupProposed.issuerRoles, GroupProposed.requiresAuthority),
        (GroupEstablished.eventType, GroupEstablished.issuerRoles, GroupEstablished.requiresAuthority),
        (GroupStatusChanged.eventType, GroupStatusChanged.issuerRoles, GroupStatusChanged.requiresAuthority),
        (SchoolJoinedGroup.eventType, SchoolJoinedGroup.issuerRoles, SchoolJoinedGroup.requiresAuthority),
        (SchoolExitedGroup.eventType, SchoolExitedGroup.issuerRoles, SchoolExitedGroup.requiresAuthority),
        (GroupLeadChanged.eventType, GroupLeadChanged.issuerRoles, GroupLeadChanged.requiresAuthority),
        (EntryCorrected.eventType, EntryCorrected.issuerRoles, EntryCorrected.requiresAuthority),
        (PersonalDataErased.eventType, PersonalDataErased.issuerRoles, PersonalDataErased.requiresAuthority),
    ]

    /// The roles as EVENTS.md lists them, and whether the envelope must cite a document or approval.
    static let expectedContracts: [String: (roles: [String], requiresAuthority: Bool)] = [
        "PolicyDocumentRegistered": (["LedgerAdmin", "BureauClerk"], false),
        "SchoolRegistered": (["LedgerAdmin", "BureauClerk"], false),
        "CampusRegistered": (["LedgerAdmin", "BureauClerk"], false),
        "SchoolRenamed": (["LedgerAdmin", "BureauClerk"], false),
        "SchoolClosed": (["BureauClerk"], false),
        "HeadcountRecorded": (["BureauClerk", "CoreSchoolClerk", "MemberSchoolClerk"], false),
        "PolicyProfileAdopted": (["LedgerAdmin"], true),
        "ApprovalRequested": (["BureauClerk", "LeadingGroupOffice", "CoreSchoolClerk", "MemberSchoolClerk", "CouncilSecretary"], false),
        "ApprovalDecided": (["BureauApprover", "BureauClerk"], true),
        "GroupProposed": (["BureauClerk", "LeadingGroupOffice"], false),
        "GroupEstablished": (["BureauClerk", "LeadingGroupOffice"], true),
        "GroupStatusChanged": (["BureauClerk", "LeadingGroupOffice"], false),
        "SchoolJoinedGroup": (["BureauClerk", "LeadingGroupOffice"], false),
        "SchoolExitedGroup": (["BureauClerk", "LeadingGroupOffice"], false),
        "GroupLeadChanged": (["BureauClerk"], false),
        "EntryCorrected": (["LedgerAdmin"], true),
        "PersonalDataErased": (["LedgerAdmin"], false),
    ]

    @Test func rolesAndAuthorityFollowTheCatalogue() throws {
        #expect(Self.contracts.count == Self.expectedContracts.count)
        for contract in Self.contracts {
            let expected = try #require(Self.expectedContracts[contract.type], "\(contract.type) is not in the catalogue")
            #expect(Set(contract.roles.map(\.rawValue)) == Set(expected.roles), "\(contract.type)")
            #expect(contract.requiresAuthority == expected.requiresAuthority, "\(contract.type)")
        }
        #expect(PolicyDocumentRegistered.currentVersion == 1)
        #expect(EntryCorrected.currentVersion == 1)
    }

    // MARK: Refusals

    static let refusals: [PayloadRefusal] = [
        // Missing members and wrong JSON types.
        .of(SchoolRegistered.self, #"{"schoolId":"sy-m03","stage":"Unknown","administeredBy":"sy-edu","jurisdictionId":"shaoyang-county"}"#,
            "data.nameZh", "missing"),
        .of(PolicyDocumentRegistered.self, #"{"docId":"sy-2023-50","titleZh":"关于推进基础教育集团化办学的实施方案（试行）","kind":"ImplementationPlan","jurisdictionId":"shaoyang-county"}"#,
            "data.documentId", "missing"),
        .of(SchoolExitedGroup.self, #"{"membershipId":"m-sy-g1-sy-m03"}"#, "data.reason", "missing"),
        .of(EntryCorrected.self, #"{"targetSeq":37,"mode":"Void"}"#, "data.reasonZh", "missing"),
        .of(HeadcountRecorded.self, #"{"schoolId":"sy-m03","year":2024,"teachers":"48"}"#,
            "data.teachers", "expected an integer, found \"48\""),
        .of(PolicyDocumentRegistered.self, #"{"documentId":"sy-2023-50","titleZh":"实施方案","kind":"Notice","jurisdictionId":"shaoyang-county","trial":"是"}"#,
            "data.trial", "expected true or false, found \"是\""),
        .of(PolicyProfileAdopted.self, #"{"profileId":"shaoyang","jurisdictionId":"shaoyang-county","version":1,"effectiveFrom":"2023-11-14","sourceDocumentIds":["sy-2023-50"],"profile":[]}"#,
            "data.profile", "expected an object, found an array"),
        .of(SchoolRegistered.self, #"{"schoolId":"sy-m03","nameZh":"黄塘中学","aliasesZh":["黄塘初中",5],"stage":"Unknown","administeredBy":"sy-edu","jurisdictionId":"shaoyang-county"}"#,
            "data.aliasesZh[1]", "expected a string, found 5"),
        .of(EntryCorrected.self, #"{"targetSeq":37,"mode":"Void","reasonZh":""}"#, "data.reasonZh", "expected 1–2000 bytes, found 0"),
        .of(SchoolRegistered.self, #"{"schoolId":"sy-m03","nameZh":" 黄塘中学","stage":"Unknown","administeredBy":"sy-edu","jurisdictionId":"shaoyang-county"}"#,
            "data.nameZh", "has leading or trailing whitespace: \" 黄塘中学\""),
        // Bad ids.
        .of(GroupEstablished.self, #"{"groupId":"SY-G1","nameZh":"邵阳县芙蓉学校教育集团","jurisdictionId":"shaoyang-county","type":"CoConstruction","status":"Pilot"}"#,
            "data.groupId", "expected an id of lowercase letters, digits and '-' (at most 64), found \"SY-G1\""),
        .of(GroupProposed.self, #"{"groupId":"sy-g2","nameZh":"邵阳县第二教育集团","jurisdictionId":"shaoyang-county","type":"Alliance","proposedMemberSchoolIds":["sy-m04","SY-M07"]}"#,
            "data.proposedMemberSchoolIds[1]", "expected an id of lowercase letters, digits and '-' (at most 64), found \"SY-M07\""),
        .of(GroupLeadChanged.self, #"{"groupId":"sy-g1","schoolId":5}"#,
            "data.schoolId", "expected an id of lowercase letters, digits and '-' (at most 64), found 5"),
        .of(PersonalDataErased.self, #"{"subjectId":"黄塘中学"}"#,
            "data.subjectId", "expected an id of lowercase letters, digits and '-' (at most 64), found \"黄塘中学\""),
        // Malformed 文号.
        .of(PolicyDocumentRegistered.self, #"{"documentId":"sy-2023-50","titleZh":"实施方案","kind":"ImplementationPlan","jurisdictionId":"shaoyang-county","docNumber":"邵教发(2023)50号"}"#,
            "data.docNumber", "expected a document number like 邵教发〔2023〕50号 (Han prefix, year in 〔〕, serial, 号), found \"邵教发(2023)50号\""),
        .of(PolicyDocumentRegistered.self, #"{"documentId":"sy-2023-50","titleZh":"实施方案","kind":"ImplementationPlan","jurisdictionId":"shaoyang-county","docNumber":"邵教发〔23〕50号"}"#,
            "data.docNumber", "expected a document number like 邵教发〔2023〕50号 (Han prefix, year in 〔〕, serial, 号), found \"邵教发〔23〕50号\""),
        .of(PolicyDocumentRegistered.self, #"{"documentId":"sy-1800-5","titleZh":"实施方案","kind":"Notice","jurisdictionId":"shaoyang-county","docNumber":"邵教发〔1800〕5号"}"#,
            "data.docNumber", "the year 1800 in \"邵教发〔1800〕5号\" is outside 1900–2100"),
        .of(PolicyDocumentRegistered.self, #"{"documentId":"zy-2024-79","titleZh":"张掖中学集团化办学工作方案","kind":"WorkPlan","jurisdictionId":"zhangye","docNumberAsPrinted":"张教发〔2024〕79 号"}"#,
            "data.docNumberAsPrinted", "\"张教发〔2024〕79 号\" needs docNumber, the normalised 文号"),
        // Bad dates and numbers.
        .of(PolicyDocumentRegistered.self, #"{"documentId":"sy-2023-50","titleZh":"实施方案","kind":"ImplementationPlan","jurisdictionId":"shaoyang-county","issuedOn":"2023-02-30"}"#,
            "data.issuedOn", "2023-02-30 does not exist (2023-02 has 28 days)"),
        .of(GroupProposed.self, #"{"groupId":"sy-g2","nameZh":"邵阳县第二教育集团","jurisdictionId":"shaoyang-county","type":"Alliance","plannedFrom":"2024年9月"}"#,
            "data.plannedFrom", "expected YYYY, YYYY-MM or YYYY-MM-DD, found \"2024年9月\""),
        .of(HeadcountRecorded.self, #"{"schoolId":"sy-m03","year":1899,"teachers":48}"#, "data.year", "1899 is outside 1900–2100"),
        .of(HeadcountRecorded.self, #"{"schoolId":"sy-m03","year":2024,"teachers":-1}"#, "data.teachers", "-1 is outside 0–9007199254740991"),
        // Unknown enumeration words.
        .of(SchoolRegistered.self, #"{"schoolId":"sy-m03","nameZh":"黄塘中学","stage":"Middle","administeredBy":"sy-edu","jurisdictionId":"shaoyang-county"}"#,
            "data.stage", "expected one of Primary, JuniorMiddle, SeniorHigh, NineYear, Complete, Unknown, found \"Middle\""),
        .of(GroupEstablished.self, #"{"groupId":"sy-g1","nameZh":"邵阳县芙蓉学校教育集团","jurisdictionId":"shaoyang-county","type":"co_construction","status":"Pilot"}"#,
            "data.type", "expected one of Tight, Alliance, Mentoring, CoConstruction, Integrated, found \"co_construction\""),
        .of(SchoolJoinedGroup.self, #"{"membershipId":"m-sy-g1-sy-c1","groupId":"sy-g1","schoolId":"sy-c1","role":"核心校"}"#,
            "data.role", "expected one of Lead, Member, SubGroupCore, found \"核心校\""),
        .of(ApprovalDecided.self, #"{"approvalId":"ap-sy-g1-form","decision":"Approved","decidedBy":"sy-edu"}"#,
            "data.decision", "expected one of Granted, Denied, Conditional, Filed, found \"Approved\""),
        .of(EntryCorrected.self, #"{"targetSeq":37,"mode":"Delete","reasonZh":"重复录入"}"#,
            "data.mode", "expected one of Void, Supersede, found \"Delete\""),
        // Unknown members and provenance.
        .of(CampusRegistered.self, #"{"campusId":"sy-c1-north","schoolId":"sy-c1","nameZh":"邵阳县芙蓉学校北校区","colour":"红"}"#,
            "data.colour", "unknown field"),
        .of(SchoolRenamed.self, #"{"schoolId":"sy-m05","nameZh":"白仓镇芙蓉中学","synthetic":false}"#,
            "data.synthetic", "write true or leave it out"),
        .of(SchoolClosed.self, #"{"schoolId":"sy-m02","inferred":"reasonZh"}"#,
            "data.inferred", "expected an array, found \"reasonZh\""),
        // Checks on the payload itself.
        .of(GroupEstablished.self, #"{"groupId":"sy-g1","nameZh":"邵阳县芙蓉学校教育集团","jurisdictionId":"shaoyang-county","type":"CoConstruction","status":"Proposed"}"#,
            "data.status", "expected Pilot or Regular for an established group, found \"Proposed\""),
        .of(GroupEstablished.self, #"{"groupId":"sy-g1","nameZh":"邵阳县芙蓉学校教育集团","jurisdictionId":"shaoyang-county","type":"CoConstruction","status":"Suspended"}"#,
            "data.status", "expected Pilot or Regular for an established group, found \"Suspended\""),
        .of(GroupEstablished.self, #"{"groupId":"sy-g1","nameZh":"邵阳县芙蓉学校教育集团","jurisdictionId":"shaoyang-county","type":"CoConstruction","status":"Pilot","parentGroupId":"sy-g1"}"#,
            "data.parentGroupId", "\"sy-g1\" is the group itself"),
        .of(GroupStatusChanged.self, #"{"groupId":"sy-g1","status":"Proposed"}"#,
            "data.status", "a group cannot change back to \"Proposed\"; expected Pilot, Regular, Suspended, Dissolved or Withdrawn"),
        .of(HeadcountRecorded.self, #"{"schoolId":"sy-m03","year":2024,"teachers":48,"backboneTeachers":49}"#,
            "data.backboneTeachers", "49 backbone teachers (骨干教师) exceed the 48 teachers"),
        .of(PolicyProfileAdopted.self, #"{"profileId":"shaoyang","jurisdictionId":"shaoyang-county","version":0,"effectiveFrom":"2023-11-14","sourceDocumentIds":["sy-2023-50"],"profile":{}}"#,
            "data.version", "0 is outside 1–9007199254740991"),
        .of(PolicyProfileAdopted.self, #"{"profileId":"shaoyang","jurisdictionId":"shaoyang-county","version":1,"effectiveFrom":"2023-11-14","sourceDocumentIds":[],"profile":{}}"#,
            "data.sourceDocumentIds", "expected at least one source document id, found none"),
        .of(PolicyProfileAdopted.self, #"{"profileId":"shaoyang","jurisdictionId":"shaoyang-county","version":1,"effectiveFrom":"2023-11-14","profile":{}}"#,
            "data.sourceDocumentIds", "expected at least one source document id, found none"),
        .of(PolicyProfileAdopted.self, #"{"profileId":"shaoyang","jurisdictionId":"shaoyang-county","version":2,"effectiveFrom":"2024-09","effectiveUntil":"2024-08-31","sourceDocumentIds":["sy-2023-50"],"profile":{}}"#,
            "data.effectiveUntil", "2024-08-31 ends before effectiveFrom 2024-09"),
        .of(EntryCorrected.self, #"{"targetSeq":0,"mode":"Void","reasonZh":"重复录入"}"#,
            "data.targetSeq", "0 is outside 1–9007199254740991"),
        .of(EntryCorrected.self, #"{"targetSeq":18,"mode":"Supersede","reasonZh":"更正学段"}"#,
            "data.replacement", "missing (required when mode is Supersede)"),
        .of(EntryCorrected.self, #"{"targetSeq":37,"mode":"Void","replacement":{"schoolId":"sy-m10"},"reasonZh":"重复录入"}"#,
            "data.replacement", "must be left out when mode is Void"),
        .of(EntryCorrected.self, #"{"targetSeq":18,"mode":"Supersede","replacement":"黄塘中学","reasonZh":"更正学段"}"#,
            "data.replacement", "expected an object, found \"黄塘中学\""),
        .of(ApprovalDecided.self, #"{"approvalId":"ap-sy-g1-form","decision":"Conditional","decidedBy":"sy-party-group"}"#,
            "data.conditionsZh", "missing (required when decision is Conditional)"),
        .of(ApprovalRequested.self, #"{"approvalId":"ap-sy-g1-size","action":"PolicyException","addressedTo":"sy-edu","requestedBy":"sy-c1"}"#,
            "data.ruleId", "missing (required when action is PolicyException)"),
        .of(ApprovalRequested.self, #"{"approvalId":"ap-sy-g1-form","action":"FormGroup","addressedTo":"sy-party-group","requestedBy":"sy-lg-office","ruleId":"group-size"}"#,
            "data.ruleId", "\"group-size\" is only for action PolicyException, found FormGroup"),
        .of(GroupProposed.self, #"{"groupId":"sy-g2","nameZh":"邵阳县第二教育集团","jurisdictionId":"shaoyang-county","type":"Alliance","proposedMemberSchoolIds":["sy-m04","sy-m07","sy-m04"]}"#,
            "data.proposedMemberSchoolIds[2]", "\"sy-m04\" is listed twice"),
        .of(GroupProposed.self, #"{"groupId":"sy-g2","nameZh":"邵阳县第二教育集团","jurisdictionId":"shaoyang-county","type":"Alliance","plannedFrom":"2025","plannedUntil":"2024-12"}"#,
            "data.plannedUntil", "2024-12 ends before plannedFrom 2025"),
        .of(SchoolClosed.self, #"{"schoolId":"sy-m02","mergedIntoSchoolId":"sy-m02"}"#,
            "data.mergedIntoSchoolId", "\"sy-m02\" is the closed school itself"),
        .of(SchoolRegistered.self, #"{"schoolId":"sy-m04","nameZh":"黄塘中心完小","stage":"Primary","administeredBy":"sy-edu","jurisdictionId":"shaoyang-county","centralSchoolId":"sy-m04"}"#,
            "data.centralSchoolId", "\"sy-m04\" is the school itself"),
    ]

    @Test(arguments: refusals)
    func refusesNamingTheField(_ row: PayloadRefusal) {
        #expect(throws: DomainError(field: row.field, row.message)) {
            try row.decode(row.json)
        }
    }

    @Test func refusalTableCoversEveryType() {
        #expect(Self.refusals.count >= 25)
        #expect(Set(Self.refusals.map(\.typeName)) == Set(Self.contracts.map(\.type)))
    }
}
