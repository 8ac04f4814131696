import Foundation
import Testing

@Suite("Domain commands on the command line")
struct CLIDomainTests {
    static let reference = [
        #"{"type":"AuthorityRegistered","v":1,"effective":"2023-11-14","actor":{"id":"admin1","role":"LedgerAdmin"},"data":{"authorityId":"sy-edu","nameZh":"邵阳县教育局","kind":"EducationBureau","level":"County","jurisdictionId":"sy"}}"#,
        #"{"type":"PolicyDocumentRegistered","v":1,"effective":"2023-11-14","actor":{"id":"admin1","role":"LedgerAdmin"},"data":{"documentId":"sy-2023-50","titleZh":"关于推进基础教育集团化办学的实施方案（试行）","kind":"ImplementationPlan","jurisdictionId":"sy","docNumber":"邵教发〔2023〕50号"}}"#,
        #"{"type":"SchoolRegistered","v":1,"effective":"2023-11-14","actor":{"id":"admin1","role":"LedgerAdmin"},"data":{"schoolId":"sy-c1","nameZh":"邵阳县芙蓉学校","stage":"NineYear","administeredBy":"sy-edu","jurisdictionId":"sy"}}"#,
        #"{"type":"SchoolRegistered","v":1,"effective":"2023-11-14","actor":{"id":"admin1","role":"LedgerAdmin"},"data":{"schoolId":"sy-m03","nameZh":"黄塘中学","stage":"JuniorMiddle","administeredBy":"sy-edu","jurisdictionId":"sy"}}"#,
    ].joined(separator: "\n") + "\n"

    static let envelope = ["--actor", "clerk-sy", "--as", "BureauClerk", "--on-behalf-of", "sy-edu", "--document", "邵教发〔2023〕50号"]

    /// A scratch journal with the reference data, 邵阳县's profile and a group of two.
    static func prepared() throws -> Scratch {
        let scratch = Scratch()
        let profile = String(decoding: try Data(contentsOf: CLI.packageRoot.appendingPathComponent("Journal/profiles/sy.json")), as: UTF8.self)
            .replacingOccurrences(of: "\n", with: " ")
        let adoption = #"{"type":"PolicyProfileAdopted","v":1,"effective":"2023-11-14","actor":{"id":"admin1","role":"LedgerAdmin"},"authority":{"document":"邵教发〔2023〕50号"},"data":{"profileId":"sy","jurisdictionId":"sy","version":1,"effectiveFrom":"2023-11-14","sourceDocumentIds":["sy-2023-50"],"profile":\#(profile)}}"#
        _ = try CLI.run(["append"], in: scratch.path, input: reference + adoption + "\n")
        let formed = try CLI.run(["form-group", "--group", "sy-g1", "--name", "邵阳县芙蓉学校教育集团", "--jurisdiction", "sy", "--type", "CoConstruction",
                                  "--lead", "sy-c1", "--members", "sy-m03", "--effective", "2023-11-14"] + envelope, in: scratch.path)
        #expect(formed.status == 0, "\(formed.standardError)")
        return scratch
    }

    @Test func recordCommandsAndStateShowTheGroupAsOfADate() throws {
        let scratch = try Self.prepared()
        let state = try CLI.run(["state", "--as-of", "2024-09-01", "--group", "sy-g1", "--lang", "en"], in: scratch.path)
        #expect(state.status == 0)
        #expect(state.standardOutput == """
            Groups as of 2024-09-01 (1)

            邵阳县芙蓉学校教育集团  sy-g1  共建型 CoConstruction  Pilot
              邵阳县芙蓉学校  sy-c1       Lead          since 2023-11-14 (seq 7)
              黄塘中学        sy-m03      Member        since 2023-11-14 (seq 8)

            """)
        let before = try CLI.run(["state", "--as-of", "2023-11-13", "--format", "json"], in: scratch.path)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(before.standardOutput.utf8)) as? [String: Any])
        #expect((json["groups"] as? [Any])?.isEmpty == true)
        #expect((json["schools"] as? [[String: Any]])?.first?["nameZh"] as? String == "邵阳县芙蓉学校")
    }

    @Test func aRefusedEventNamesTheFieldAndLeavesTheJournalByteIdentical() throws {
        let scratch = try Self.prepared()
        let before = try scratch.bytes("Journal/ledger.jsonl")
        let twice = try CLI.run(["join", "--group", "sy-g1", "--school", "sy-m03", "--membership", "m-again", "--effective", "2024-09"] + Self.envelope,
                                in: scratch.path)
        #expect(twice.status == 1)
        #expect(twice.standardError == "groupledger: error: Journal/ledger.jsonl: data.schoolId: event 1 of the batch (SchoolJoinedGroup): sy-m03 is already a member of sy-g1 (membership \"m-sy-g1-sy-m03\"); nothing was appended\n")
        let wrongRole = try CLI.run(["join", "--group", "sy-g1", "--school", "sy-c1", "--effective", "2024-09", "--actor", "x", "--as", "FinanceClerk"],
                                    in: scratch.path)
        #expect(wrongRole.standardError.contains("actor.role: event 1 of the batch (SchoolJoinedGroup): FinanceClerk may not record SchoolJoinedGroup"))
        let overspend = try CLI.run(["spend", "--expenditure", "ex-1", "--payer", "sy-c1", "--category", "GroupActivity", "--amount-fen", "100",
                                     "--allocation", "al-none", "--effective", "2024-10", "--actor", "f", "--as", "FinanceClerk"], in: scratch.path)
        #expect(overspend.standardError.contains("data.allocationId: event 1 of the batch (ExpenditureRecorded): unknown allocation \"al-none\""))
        #expect(try scratch.bytes("Journal/ledger.jsonl") == before)
    }

    @Test func anExitWithoutCountyConsentIsRefusedByTheBlockRule() throws {
        let scratch = try Self.prepared()
        let before = try scratch.bytes("Journal/ledger.jsonl")
        let exit = try CLI.run(["exit", "--group", "sy-g1", "--school", "sy-m03", "--reason", "GoalsAchieved", "--effective", "2025-03"] + Self.envelope,
                               in: scratch.path)
        #expect(exit.status == 1)
        #expect(exit.standardError.contains("refused by SY-03 (severity block): sy-m03 leaves sy-g1: no consent of sy-edu is cited"))
        #expect(exit.standardError.contains("经县教育局同意后，成员校可退出教育集团"))
        #expect(try scratch.bytes("Journal/ledger.jsonl") == before)
        // With the county bureau's consent the same exit is recorded, and findings show it met.
        let consent = [
            #"{"type":"ApprovalRequested","v":1,"effective":"2025-02","actor":{"id":"clerk-sy","role":"BureauClerk"},"data":{"approvalId":"ap-exit-1","action":"ExitMember","addressedTo":"sy-edu","requestedBy":"sy-c1","groupId":"sy-g1","schoolId":"sy-m03"}}"#,
            #"{"type":"ApprovalDecided","v":1,"effective":"2025-02","actor":{"id":"appr","role":"BureauApprover"},"authority":{"document":"邵教发〔2023〕50号"},"data":{"approvalId":"ap-exit-1","decision":"Granted","decidedBy":"sy-edu"}}"#,
        ].joined(separator: "\n")
        #expect(try CLI.run(["append"], in: scratch.path, input: consent).status == 0)
        let allowed = try CLI.run(["exit", "--group", "sy-g1", "--school", "sy-m03", "--reason", "GoalsAchieved", "--effective", "2025-03",
                                   "--approval", "ap-exit-1"] + Self.envelope, in: scratch.path)
        #expect(allowed.status == 0, "\(allowed.standardError)")
        let findings = try CLI.run(["findings", "--all", "--format", "json"], in: scratch.path)
        #expect(findings.standardOutput.contains(#""ruleId":"SY-03""#))
        #expect(findings.standardOutput.contains(#""status":"met""#))
    }

    @Test func knownAtShowsWhatTheLedgerKnewBeforeABackdatedExit() throws {
        let scratch = try Self.prepared()
        let consent = [
            #"{"type":"ApprovalRequested","v":1,"effective":"2025-02","actor":{"id":"clerk-sy","role":"BureauClerk"},"data":{"approvalId":"ap-exit-1","action":"ExitMember","addressedTo":"sy-edu","requestedBy":"sy-c1"}}"#,
            #"{"type":"ApprovalDecided","v":1,"effective":"2025-02","actor":{"id":"appr","role":"BureauApprover"},"authority":{"document":"邵教发〔2023〕50号"},"data":{"approvalId":"ap-exit-1","decision":"Granted","decidedBy":"sy-edu"}}"#,
        ].joined(separator: "\n")
        _ = try CLI.run(["append"], in: scratch.path, input: consent)
        // Recorded after the approval (seq 11), effective 2024-12: backdated.
        _ = try CLI.run(["exit", "--group", "sy-g1", "--school", "sy-m03", "--reason", "GoalsAchieved", "--effective", "2024-12",
                         "--approval", "ap-exit-1"] + Self.envelope, in: scratch.path)
        let knewBefore = try CLI.run(["state", "--as-of", "2025-01-01", "--known-at", "10", "--group", "sy-g1"], in: scratch.path)
        #expect(knewBefore.standardOutput.contains("黄塘中学"))
        let knowsNow = try CLI.run(["state", "--as-of", "2025-01-01", "--group", "sy-g1"], in: scratch.path)
        #expect(!knowsNow.standardOutput.contains("黄塘中学"))
    }

    @Test func theRegisterHoldsNamesOutsideTheJournalAndErasureKeepsItVerifiable() throws {
        let scratch = try Self.prepared()
        #expect(try CLI.run(["register", "put", "--subject", "clerk-sy", "--name", "王芳"], in: scratch.path).status == 0)
        #expect(try CLI.run(["log", "--from", "6", "--to", "6", "--lang", "en"], in: scratch.path).standardOutput.contains("clerk-sy 王芳 (BureauClerk) for sy-edu"))
        #expect(!(try scratch.text("Journal/ledger.jsonl")).contains("王芳"))
        let erase = try CLI.run(["register", "erase", "--subject", "clerk-sy", "--effective", "2025-05", "--actor", "admin1", "--as", "LedgerAdmin"],
                                in: scratch.path)
        #expect(erase.status == 0)
        #expect(erase.standardOutput.hasSuffix("erased clerk-sy's details from Journal/ledger.register.jsonl\n"))
        #expect(try CLI.run(["register", "show"], in: scratch.path).standardOutput == "")
        #expect(try CLI.run(["log", "--from", "6", "--to", "6", "--lang", "en"], in: scratch.path).standardOutput.contains("recorded by  clerk-sy (BureauClerk) for sy-edu"))
        #expect(try scratch.text("Journal/ledger.jsonl").contains(#""type":"PersonalDataErased""#))
        #expect(try CLI.run(["verify"], in: scratch.path).status == 0)
    }
}

@Suite("Record commands take names as well as ids")
struct RecordCommandNameTests {
    @Test func schoolsGroupsAndAuthoritiesMayBeNamedAndAnAmbiguousNameIsRefused() throws {
        let scratch = try CLIDomainTests.prepared()
        let allocated = try CLI.run(["allocate", "--allocation", "al-1", "--fiscal-year", "2024", "--from", "邵阳县教育局", "--to", "黄塘中学",
                                     "--group", "邵阳县芙蓉学校教育集团", "--purpose", "ExchangeTraining", "--amount-fen", "5000000",
                                     "--effective", "2024-03-01", "--format", "json"] + CLIDomainTests.envelope, in: scratch.path)
        #expect(allocated.status == 0, "\(allocated.standardError)")
        let event = try #require(try JSONSerialization.jsonObject(with: Data(allocated.standardOutput.utf8)) as? [String: Any])
        let data = try #require(event["data"] as? [String: Any])
        #expect(data["fromAuthorityId"] as? String == "sy-edu")
        #expect(data["toSchoolId"] as? String == "sy-m03")
        #expect(data["groupId"] as? String == "sy-g1")
        // A second school of the same name makes the name ambiguous: refused, journal unchanged.
        let twin = #"{"type":"SchoolRegistered","v":1,"effective":"2024-01-01","actor":{"id":"admin1","role":"LedgerAdmin"},"data":{"schoolId":"sy-m99","nameZh":"黄塘中学","stage":"Primary","administeredBy":"sy-edu","jurisdictionId":"sy"}}"#
        #expect(try CLI.run(["append"], in: scratch.path, input: twin + "\n").status == 0)
        let before = try scratch.bytes("Journal/ledger.jsonl")
        let ambiguous = try CLI.run(["allocate", "--allocation", "al-2", "--fiscal-year", "2024", "--from", "sy-edu", "--to", "黄塘中学",
                                     "--purpose", "ExchangeTraining", "--amount-fen", "100", "--effective", "2024-03-01"] + CLIDomainTests.envelope,
                                    in: scratch.path)
        #expect(ambiguous.status == 1)
        #expect(ambiguous.standardError.contains("--to: \"黄塘中学\" is ambiguous: it names sy-m03 (school), sy-m99 (school); give one of the ids"))
        #expect(try scratch.bytes("Journal/ledger.jsonl") == before)
        // A name that names nothing goes on as an id, and the domain check refuses it by field.
        let unknown = try CLI.run(["allocate", "--allocation", "al-3", "--fiscal-year", "2024", "--from", "sy-edu", "--to", "无名学校",
                                   "--purpose", "ExchangeTraining", "--amount-fen", "100", "--effective", "2024-03-01"] + CLIDomainTests.envelope,
                                  in: scratch.path)
        #expect(unknown.status == 1)
        #expect(unknown.standardError.contains("data.toSchoolId"), "\(unknown.standardError)")
        #expect(try scratch.bytes("Journal/ledger.jsonl") == before)
    }
}
