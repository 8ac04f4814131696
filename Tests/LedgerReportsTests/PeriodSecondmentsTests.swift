@testable import LedgerCore
@testable import LedgerReports
import Testing

/// The report sorts the period's secondments out in one pass (`periodSecondments`); these
/// tests hold it to the definitions the figures state, read off every secondment one by one.
@Suite("The annual report's secondments of a period")
struct PeriodSecondmentsTests {
    static let admin = #""actor":{"id":"admin1","role":"LedgerAdmin"}"#
    static let clerk = #""actor":{"id":"clerk-sy","role":"BureauClerk","onBehalfOf":"sy-edu"},"authority":{"document":"邵教发〔2023〕50号"}"#

    /// Two groups of two schools each (g1: a leads, b; g2: c leads, d) and staff at a, then
    /// secondments that start, end and run across 2022–2025.
    static func state() throws -> LedgerState {
        var lines = [
            #"{"type":"AuthorityRegistered","v":1,"effective":"2019",\#(admin),"data":{"authorityId":"sy-edu","nameZh":"邵阳县教育局","kind":"EducationBureau","level":"County","jurisdictionId":"sy"}}"#,
            #"{"type":"PolicyDocumentRegistered","v":1,"effective":"2019",\#(admin),"data":{"documentId":"sy-2023-50","titleZh":"实施方案","kind":"ImplementationPlan","jurisdictionId":"sy","docNumber":"邵教发〔2023〕50号","issuerAuthorityId":"sy-edu","issuedOn":"2019-01-01"}}"#,
        ]
        for school in ["a", "b", "c", "d"] {
            lines.append(#"{"type":"SchoolRegistered","v":1,"effective":"2019",\#(clerk),"data":{"schoolId":"\#(school)","nameZh":"学校\#(school)","stage":"Primary","administeredBy":"sy-edu","jurisdictionId":"sy"}}"#)
        }
        for group in ["g1", "g2"] {
            lines.append(#"{"type":"GroupEstablished","v":1,"effective":"2019",\#(clerk),"data":{"groupId":"\#(group)","nameZh":"集团\#(group)","jurisdictionId":"sy","type":"CoConstruction","status":"Pilot"}}"#)
        }
        for (school, group, role) in [("a", "g1", "Lead"), ("b", "g1", "Member"), ("c", "g2", "Lead"), ("d", "g2", "Member")] {
            lines.append(#"{"type":"SchoolJoinedGroup","v":2,"effective":"2020-01-01",\#(clerk),"data":{"membershipId":"m-\#(school)","groupId":"\#(group)","schoolId":"\#(school)","role":"\#(role)"}}"#)
        }
        for staff in 1...8 {
            lines.append(#"{"type":"StaffRegistered","v":1,"effective":"2020",\#(clerk),"data":{"staffId":"t\#(staff)","homeSchoolId":"a","post":"Teacher"}}"#)
        }
        func start(_ id: Int, to: String, group: String?, on effective: String) -> String {
            let groupMember = group.map { #","groupId":"\#($0)""# } ?? ""
            return #"{"type":"SecondmentStarted","v":1,"effective":"\#(effective)",\#(clerk),"data":{"secondmentId":"sec-\#(id)","staffId":"t\#(id)","kind":"ExchangeRotation","fromSchoolId":"a","toSchoolId":"\#(to)"\#(groupMember),"plannedEnd":"2027-12"}}"#
        }
        func end(_ id: Int, _ outcome: String, on effective: String) -> String {
            let newEnd = outcome == "Extended" ? #","newPlannedEnd":"2028-12""# : ""
            return #"{"type":"SecondmentEnded","v":1,"effective":"\#(effective)",\#(clerk),"data":{"secondmentId":"sec-\#(id)","outcome":"\#(outcome)"\#(newEnd)}}"#
        }
        lines += [
            start(1, to: "b", group: "g1", on: "2024-03"),  // started in 2024, running at its end
            start(2, to: "b", group: nil, on: "2023-05"),  // no group: a and b are both in g1
            end(2, "Returned", on: "2024-06"),  // ended in 2024
            start(3, to: "c", group: nil, on: "2024-02"),  // no group, and a and c share none
            start(4, to: "b", group: "g1", on: "2022"),  // still running, started long before
            start(5, to: "b", group: "g1", on: "2022"),
            end(5, "Returned", on: "2023-01"),  // over before 2024
            start(6, to: "d", group: "g2", on: "2023-03"),
            end(6, "Extended", on: "2024-11"),  // extended in 2024: ended there and still running
            start(7, to: "b", group: "g1", on: "2025-02"),  // after 2024
            start(8, to: "b", group: nil, on: "2024-12-31"),  // the period's last day
            end(8, "Recalled", on: "2025-01"),  // running at the end of 2024, ended after it
        ]
        var state = LedgerState()
        for (index, line) in lines.enumerated() {
            guard let draft = try EventDraftInput.drafts(from: Array(line.utf8)).first else { throw DomainError(field: "", "no event") }
            try state.apply(DomainEventRecord(seq: Int64(index + 1), recorded: try UTCTimestamp(parsing: "2025-06-01T00:00:00Z"),
                                              effective: draft.effective, actor: draft.actor, authority: draft.authority,
                                              event: try EventCatalog.decode(draft)))
        }
        return state
    }

    /// The ids of the secondments at `positions`.
    static func ids(_ positions: [Int32]?, in state: LedgerState) -> [String] {
        (positions ?? []).map { state.secondments.values[Int($0)].payload.secondmentId }
    }

    @Test func eachGroupGetsItsStartsEndsAndRunningSecondments() throws {
        let state = try Self.state()
        let (byGroup, startedByHome) = AnnualReport.Builder.periodSecondments(state, period: ReportPeriod(year: 2024, basis: .calendar))
        #expect(Self.ids(byGroup["g1"]?.started, in: state) == ["sec-1", "sec-8"])
        #expect(Self.ids(byGroup["g1"]?.ended, in: state) == ["sec-2"])
        #expect(Self.ids(byGroup["g1"]?.runningAtEnd, in: state) == ["sec-1", "sec-4", "sec-8"])
        #expect(Self.ids(byGroup["g2"]?.started, in: state) == [])
        #expect(Self.ids(byGroup["g2"]?.ended, in: state) == ["sec-6"])
        #expect(Self.ids(byGroup["g2"]?.runningAtEnd, in: state) == ["sec-6"])
        #expect(Set(byGroup.keys) == ["g1", "g2"])
        #expect(Self.ids(startedByHome["a"], in: state) == ["sec-1", "sec-3", "sec-8"])
    }

    @Test(arguments: [(2023, ReportPeriod.Basis.calendar), (2024, .calendar), (2025, .calendar), (2023, .schoolYear), (2024, .schoolYear)])
    func matchesEverySecondmentReadOneByOne(year: Int, basis: ReportPeriod.Basis) throws {
        let state = try Self.state()
        let period = ReportPeriod(year: year, basis: basis)
        let lastDay = period.endDay - 1
        let (byGroup, startedByHome) = AnnualReport.Builder.periodSecondments(state, period: period)
        let all = state.secondments.values
        func served(_ entry: LedgerState.SecondmentEntry, by group: String) -> Bool {
            if let named = entry.payload.groupId { return named == group }
            let day = entry.stamp.effective.firstDayNumber
            func member(_ school: String?) -> Bool {
                state.membershipTimeline(ofSchool: school ?? "").contains { $0.groupId == group && $0.isMember(onDay: day) }
            }
            return member(entry.payload.fromSchoolId) && member(entry.payload.toSchoolId)
        }
        for group in ["g1", "g2"] {
            let ofGroup = all.indices.filter { served(all[$0], by: group) }
            let started = ofGroup.filter { period.contains(all[$0].stamp.effective) }
            let ended = ofGroup.filter { all[$0].endStamp.map { period.contains($0.effective) } ?? false }
            let running = ofGroup.filter { all[$0].stamp.effective.firstDayNumber <= lastDay && state.isRunning(all[$0], onDay: lastDay) }
            #expect((byGroup[group]?.started ?? []).map(Int.init) == started)
            #expect((byGroup[group]?.ended ?? []).map(Int.init) == ended)
            #expect((byGroup[group]?.runningAtEnd ?? []).map(Int.init) == running)
        }
        let startedFromA = all.indices.filter { all[$0].payload.fromSchoolId == "a" && period.contains(all[$0].stamp.effective) }
        #expect((startedByHome["a"] ?? []).map(Int.init) == startedFromA)
    }
}
