import Testing
@testable import LedgerCore

/// A state folded with retention `.live` makes every check a `.full` one makes: it accepts and
/// refuses the same events with the same errors, holds the same tables apart from history, and
/// keeps history's ids (a repeated one is refused) and the open secondments (to end them).
@Suite("Live retention")
struct LiveRetentionTests {
    static let clerk = Scenario.clerk
    static let finance = Scenario.finance

    /// Every table a live state keeps equals the full state's; the history tables are empty,
    /// and the ids it kept instead are as many as the full state's entries.
    static func expectSameLiveTables(_ full: LedgerState, _ live: LedgerState, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(full.retention == .full && live.retention == .live, sourceLocation: sourceLocation)
        #expect(live.authorities == full.authorities && live.documents == full.documents, sourceLocation: sourceLocation)
        #expect(live.documentsByNumber == full.documentsByNumber && live.headcounts == full.headcounts, sourceLocation: sourceLocation)
        #expect(live.schools == full.schools && live.campuses == full.campuses && live.groups == full.groups, sourceLocation: sourceLocation)
        #expect(live.memberships == full.memberships && live.membershipPositionsByGroup == full.membershipPositionsByGroup, sourceLocation: sourceLocation)
        #expect(live.membershipPositionsBySchool == full.membershipPositionsBySchool, sourceLocation: sourceLocation)
        #expect(live.openMembershipsByGroup == full.openMembershipsByGroup && live.openMembershipsBySchool == full.openMembershipsBySchool,
                sourceLocation: sourceLocation)
        #expect(live.staff == full.staff, "staff, with each one's open secondment", sourceLocation: sourceLocation)
        #expect(live.allocationRows == full.allocationRows && live.earmarkRows == full.earmarkRows, "balances", sourceLocation: sourceLocation)
        #expect(live.approvalRows == full.approvalRows && live.roleAssignments == full.roleAssignments, sourceLocation: sourceLocation)
        #expect(live.profiles == full.profiles && live.seals == full.seals && live.corrected == full.corrected, sourceLocation: sourceLocation)
        #expect(live.erasedSubjects == full.erasedSubjects, sourceLocation: sourceLocation)
        // A live state built by a replay keeps the types of the corrections' targets only.
        for seq in full.corrected.keys {
            #expect(live.eventType(ofSeq: seq) == full.eventType(ofSeq: seq), "seq \(seq)", sourceLocation: sourceLocation)
        }
        #expect(live.lastSeq == full.lastSeq, sourceLocation: sourceLocation)
        // History: none kept, its ids counted.
        #expect(live.secondmentRows.count == 0 && live.activityRows.count == 0 && live.expenditureRows.count == 0, sourceLocation: sourceLocation)
        #expect(live.costShareRows.count == 0 && live.assessmentRows.count == 0, sourceLocation: sourceLocation)
        #expect(live.activityParticipantPositions.isEmpty && live.costShareSchoolPositions.isEmpty && live.assessorPositions.isEmpty,
                sourceLocation: sourceLocation)
        #expect(live.historyIds.secondments.count == full.secondmentRows.count, sourceLocation: sourceLocation)
        #expect(live.historyIds.activities.count == full.activities.count, sourceLocation: sourceLocation)
        #expect(live.historyIds.expenditures.count == full.expenditures.count, sourceLocation: sourceLocation)
        #expect(live.historyIds.costShares.count == full.costShareRows.count, sourceLocation: sourceLocation)
        #expect(live.historyIds.assessments.count == full.assessmentRows.count, sourceLocation: sourceLocation)
        #expect(full.historyIds == LedgerState.HistoryIds(), "a full state keeps its ids in its tables", sourceLocation: sourceLocation)
        // Open secondments: the same ones, with the same staff members.
        let open = full.secondments.values.enumerated().filter { $0.element.isOpen }
        #expect(live.openSecondmentStaff.count == open.count, sourceLocation: sourceLocation)
        for (position, secondment) in open {
            let staffPosition = live.openSecondmentStaffPosition(of: secondment.payload.secondmentId)
            #expect(staffPosition == Int(full.secondmentRows.values[position].staffPosition), "\(secondment.payload.secondmentId)",
                    sourceLocation: sourceLocation)
        }
        // Ended ones are not found.
        for secondment in full.secondments.values where !secondment.isOpen {
            #expect(live.openSecondmentStaffPosition(of: secondment.payload.secondmentId) == nil, sourceLocation: sourceLocation)
        }
    }

    /// Applies `line` to both states: both accept it, or both refuse it with the same error and
    /// are left unchanged.
    static func applyToBoth(_ line: String, _ full: inout LedgerState, _ live: inout LedgerState,
                            sourceLocation: SourceLocation = #_sourceLocation) throws -> DomainError? {
        let record = try Scenario.record(full.lastSeq + 1, line)
        let (fullBefore, liveBefore) = (full, live)
        var fullError: DomainError?
        var liveError: DomainError?
        do { try full.apply(record) } catch { fullError = error }
        do { try live.apply(record) } catch { liveError = error }
        #expect(fullError?.field == liveError?.field && fullError?.message == liveError?.message, "\(line)", sourceLocation: sourceLocation)
        if fullError != nil { #expect(full == fullBefore, sourceLocation: sourceLocation) }
        if liveError != nil { #expect(live == liveBefore, "a refused event leaves a live state unchanged", sourceLocation: sourceLocation) }
        return fullError
    }

    /// A history event of every kind, all accepted after `Scenario.base`.
    static var acceptedHistory: [String] {
        let clerk = Self.clerk
        let finance = Self.finance
        let school = #""actor":{"id":"c","role":"CoreSchoolClerk"}"#
        return (0..<3).map { index in
            #"{"type":"StaffRegistered","v":1,"effective":"2024-09",\#(clerk),"data":{"staffId":"t\#(index)","homeSchoolId":"sy-m03","post":"Teacher"}}"#
        } + [
            #"{"type":"SecondmentStarted","v":1,"effective":"2024-09",\#(clerk),"data":{"secondmentId":"sec-0","staffId":"t0","kind":"SupportTeaching","fromSchoolId":"sy-m03","toSchoolId":"sy-c1","plannedEnd":"2025-07","retainedAtHome":["Payroll"]}}"#,
            #"{"type":"SecondmentStarted","v":1,"effective":"2024-09",\#(clerk),"data":{"secondmentId":"sec-1","staffId":"t1","kind":"ExchangeRotation","fromSchoolId":"sy-m03","toExternalHostZh":"邵阳市第二中学","plannedEnd":"2025"}}"#,
            #"{"type":"SecondmentStarted","v":1,"effective":"2024-09",\#(clerk),"data":{"secondmentId":"2","staffId":"t2","kind":"SupportTeaching","fromSchoolId":"sy-m03","toSchoolId":"sy-c1","plannedEnd":"2025-07"}}"#,
            #"{"type":"SecondmentEnded","v":1,"effective":"2025-06",\#(clerk),"data":{"secondmentId":"sec-0","outcome":"Extended","newPlannedEnd":"2026-07"}}"#,
            #"{"type":"SecondmentEnded","v":1,"effective":"2025-07",\#(clerk),"data":{"secondmentId":"sec-1","outcome":"Returned"}}"#,
            #"{"type":"FundAllocated","v":1,"effective":"2024",\#(finance),\#(Scenario.document),"data":{"allocationId":"al-1","fiscalYear":2024,"fromAuthorityId":"sy-edu","toSchoolId":"sy-c1","groupId":"sy-g1","purpose":"GroupDevelopment","amountFen":50000}}"#,
            #"{"type":"FundEarmarked","v":1,"effective":"2024",\#(finance),"data":{"earmarkId":"em-1","allocationId":"al-1","amountFen":20000,"purpose":"Research","beneficiarySchoolId":"sy-m04"}}"#,
            #"{"type":"ExpenditureRecorded","v":1,"effective":"2024-10",\#(finance),"data":{"expenditureId":"ex-1","payerSchoolId":"sy-c1","category":"ExchangeTraining","amountFen":1000,"allocationId":"al-1"}}"#,
            #"{"type":"ExpenditureRecorded","v":1,"effective":"2024-10",\#(finance),"data":{"expenditureId":"ex-01","payerSchoolId":"sy-m04","category":"ExchangeTraining","amountFen":20000,"earmarkId":"em-1"}}"#,
            #"{"type":"GroupActivityHeld","v":1,"effective":"2024-10-11",\#(school),"data":{"activityId":"act-1","groupId":"sy-g1","kind":"WorkMeeting","hostSchoolId":"sy-c1","participantSchoolIds":["sy-m03","sy-c1"],"days":2}}"#,
            #"{"type":"CostShareApportioned","v":1,"effective":"2024-07",\#(school),"data":{"costShareId":"cs-1","groupId":"sy-g1","totalFen":10500,"disbursingSchoolId":"sy-c1","shares":[{"schoolId":"sy-m04","amountFen":500},{"schoolId":"sy-c1","amountFen":10000}]}}"#,
            #"{"type":"GroupAssessed","v":1,"effective":"2024-08",\#(clerk),"data":{"assessmentId":"as-1","groupId":"sy-g1","outcome":"Good","periodLabel":"2024","assessedBy":["sy-edu"]}}"#,
        ]
    }

    /// Every kind of history event, accepted and refused, in both retentions.
    @Test func liveAndFullFoldsAcceptAndRefuseAlike() throws {
        let clerk = Self.clerk
        let finance = Self.finance
        let school = #""actor":{"id":"c","role":"CoreSchoolClerk"}"#
        let accepted = Self.acceptedHistory
        let refused = [
            // Ids used before, by kind (and one used by another kind, which is no clash).
            #"{"type":"SecondmentStarted","v":1,"effective":"2025-09",\#(clerk),"data":{"secondmentId":"sec-1","staffId":"t1","kind":"SupportTeaching","fromSchoolId":"sy-m03","toSchoolId":"sy-c1","plannedEnd":"2026-07"}}"#,
            #"{"type":"ExpenditureRecorded","v":1,"effective":"2024-10",\#(finance),"data":{"expenditureId":"ex-1","payerSchoolId":"sy-c1","category":"ExchangeTraining","amountFen":1}}"#,
            #"{"type":"GroupActivityHeld","v":1,"effective":"2024-10-12",\#(school),"data":{"activityId":"act-1","groupId":"sy-g1","kind":"WorkMeeting","hostSchoolId":"sy-c1","participantSchoolIds":[]}}"#,
            #"{"type":"CostShareApportioned","v":1,"effective":"2024-07",\#(school),"data":{"costShareId":"cs-1","groupId":"sy-g1","totalFen":1,"disbursingSchoolId":"sy-c1","shares":[{"schoolId":"sy-c1","amountFen":1}]}}"#,
            #"{"type":"GroupAssessed","v":1,"effective":"2025-01",\#(clerk),"data":{"assessmentId":"as-1","groupId":"sy-g1","outcome":"Pass","periodLabel":"2025"}}"#,
            // Ends: of a secondment that has ended, of one never started, of one only a full
            // state's other table has an id like.
            #"{"type":"SecondmentEnded","v":1,"effective":"2025-08",\#(clerk),"data":{"secondmentId":"sec-1","outcome":"Returned"}}"#,
            #"{"type":"SecondmentEnded","v":1,"effective":"2025-08",\#(clerk),"data":{"secondmentId":"sec-9","outcome":"Returned"}}"#,
            #"{"type":"SecondmentEnded","v":1,"effective":"2025-08",\#(clerk),"data":{"secondmentId":"ex-1","outcome":"Returned"}}"#,
            // On secondment already (an extension keeps it open).
            #"{"type":"SecondmentStarted","v":1,"effective":"2025-09",\#(clerk),"data":{"secondmentId":"sec-5","staffId":"t0","kind":"SupportTeaching","fromSchoolId":"sy-m03","toSchoolId":"sy-c1","plannedEnd":"2026-07"}}"#,
            // A participant unknown after known ones (filed as checked, then taken back).
            #"{"type":"GroupActivityHeld","v":1,"effective":"2024-11-01",\#(school),"data":{"activityId":"act-x","groupId":"sy-g1","kind":"WorkMeeting","hostSchoolId":"sy-c1","participantSchoolIds":["sy-m03","sy-c1","no-such-school"]}}"#,
            // Beyond a balance.
            #"{"type":"ExpenditureRecorded","v":1,"effective":"2024-10",\#(finance),"data":{"expenditureId":"ex-9","payerSchoolId":"sy-m04","category":"ExchangeTraining","amountFen":1,"earmarkId":"em-1"}}"#,
            #"{"type":"CostShareApportioned","v":1,"effective":"2024-07",\#(school),"data":{"costShareId":"cs-9","groupId":"sy-g1","totalFen":3,"disbursingSchoolId":"sy-c1","shares":[{"schoolId":"sy-c1","amountFen":1}]}}"#,
        ]
        var full = try Projector.build(try Scenario.records(Scenario.base))
        var live = try Projector.build(try Scenario.records(Scenario.base), retention: .live)
        Self.expectSameLiveTables(full, live)
        for line in accepted {
            let error = try Self.applyToBoth(line, &full, &live)
            #expect(error == nil, "\(line)")
        }
        Self.expectSameLiveTables(full, live)
        for line in refused {
            let error = try Self.applyToBoth(line, &full, &live)
            #expect(error != nil, "\(line)")
        }
        Self.expectSameLiveTables(full, live)
        // Ending the extended secondment and the third frees their staff; then t1 may go again,
        // under an id another kind already used.
        for line in [
            #"{"type":"SecondmentEnded","v":1,"effective":"2026-07",\#(clerk),"data":{"secondmentId":"sec-0","outcome":"Returned"}}"#,
            #"{"type":"SecondmentEnded","v":1,"effective":"2025-07",\#(clerk),"data":{"secondmentId":"2","outcome":"Returned"}}"#,
            #"{"type":"SecondmentStarted","v":1,"effective":"2025-09",\#(clerk),"data":{"secondmentId":"ex-1","staffId":"t1","kind":"SupportTeaching","fromSchoolId":"sy-m03","toSchoolId":"sy-c1","plannedEnd":"2026-07"}}"#,
        ] {
            let error = try Self.applyToBoth(line, &full, &live)
            #expect(error == nil, "\(line)")
        }
        Self.expectSameLiveTables(full, live)
        #expect(live.openSecondmentStaff.count == 1 && live.openSecondmentStaffPosition(of: "ex-1") != nil)
        #expect(live.isSecondmentRecorded("sec-0") && full.isSecondmentRecorded("sec-0") && !live.isSecondmentRecorded("sec-9"))
    }

    /// Random histories of joins, exits, lead changes, allocations, spending and corrections
    /// fold to the same live tables either way.
    @Test(arguments: [3, 17] as [UInt64])
    func randomHistoriesFoldAlike(seed: UInt64) throws {
        let records = try GeneratedHistory.records(count: 400, seed: seed)
        Self.expectSameLiveTables(try Projector.build(records), try Projector.build(records, retention: .live))
    }

    /// `Scenario.base` and `acceptedHistory`, folded with `retention`.
    static func stateWithHistory(retention: LedgerState.Retention) throws -> LedgerState {
        try Projector.build(try Scenario.records(Scenario.base + acceptedHistory), retention: retention)
    }

    /// Asking a live state for history is a programming error that stops the process, not an
    /// empty answer: each history view and query, on a live state with history folded in.
    @Test func historyReadFromALiveStateStopsTheProcess() async throws {
        // The views answer on a full state of the same history.
        let full = try Self.stateWithHistory(retention: .full)
        #expect(full.activities.count == 1 && full.expenditures.count == 2 && full.secondments.count == 3)
        #expect(full.expenditurePositions(allocationId: "al-1") == [0] && !full.fundsBySchoolAndYear().filter { $0.spentFen > 0 }.isEmpty)
        await #expect(processExitsWith: .failure) {
            _ = try? Self.stateWithHistory(retention: .live).activities.count
        }
        await #expect(processExitsWith: .failure) {
            _ = try? Self.stateWithHistory(retention: .live).expenditures.count
        }
        await #expect(processExitsWith: .failure) {
            _ = try? Self.stateWithHistory(retention: .live).expenditurePositions(allocationId: "al-1")
        }
        await #expect(processExitsWith: .failure) {
            _ = try? Self.stateWithHistory(retention: .live).fundsBySchoolAndYear()
        }
        await #expect(processExitsWith: .failure) {
            _ = try? Self.stateWithHistory(retention: .live).secondments.count
        }
    }

    /// A live replay keeps the event types of the corrections' targets only, and folds and
    /// refuses corrections as a full one does: voids, supersessions, a second correction of
    /// the same event and a correction of a correction.
    @Test func aLiveReplayKeepsTheTypesItsCorrectionsNeed() throws {
        let admin = Scenario.admin + #","authority":{"approval":"ap-fix-1"}"#
        func correction(_ target: Int, _ mode: String, _ extra: String = "") -> String {
            #"{"type":"EntryCorrected","v":1,"effective":"2025-04",\#(admin),"data":{"targetSeq":\#(target),"mode":"\#(mode)","reasonZh":"更正"\#(extra)}}"#
        }
        let lines = Scenario.base + [
            Scenario.join("m-m04", "sy-m04", "Member", "2024-09-01"),
            correction(10, "Void"),
            correction(8, "Supersede", #","replacement":{"membershipId":"m-m03","groupId":"sy-g1","schoolId":"sy-m03","role":"SubGroupCore"}"#),
        ]
        let records = try Scenario.records(lines)
        let full = try Projector.build(records)
        let live = try Projector.build(records, retention: .live)
        Self.expectSameLiveTables(full, live)
        #expect(live.corrected == [10: 11, 8: 12] && live.memberships["m-m03"]?.roles.first?.payload == .subGroupCore)
        #expect(full.eventTypes.count == records.count && live.eventTypes.count == 2)
        // Refused alike, with the same error, whatever the state keeps.
        for refused in [correction(10, "Void"), correction(11, "Void"), correction(14, "Void")] {
            let extended = try Scenario.records(lines + [refused])
            var errors: [String] = []
            for retention in [LedgerState.Retention.full, .live] {
                do {
                    _ = try Projector.build(extended, retention: retention)
                    errors.append("accepted")
                } catch {
                    errors.append("\(error)")
                }
            }
            #expect(errors.count == 2 && errors[0] == errors[1] && errors[0] != "accepted", "\(refused)")
        }
    }

    /// The types kept when told the targets: those, and only those, in any order given.
    @Test func eventTypesToldTheirTargetsKeepOnlyThose() async {
        var types = LedgerState.EventTypes()
        types.keepOnly([7, 3, 7, 12])
        for seq in Int64(1)...20 { types.record(seq: seq, typeIndex: UInt8(seq % 31)) }
        #expect(types.count == 3 && types.typeIndex(ofSeq: 3) == 3 && types.typeIndex(ofSeq: 7) == 7 && types.typeIndex(ofSeq: 12) == 12)
        var every = LedgerState.EventTypes()
        for seq in Int64(1)...20 { every.record(seq: seq, typeIndex: UInt8(seq % 31)) }
        #expect(every.count == 20 && (1...20).allSatisfy { every.typeIndex(ofSeq: Int64($0)) == UInt8($0 % 31) })
        await #expect(processExitsWith: .failure) {
            var types = LedgerState.EventTypes()
            types.keepOnly([3])
            for seq in Int64(1)...5 { types.record(seq: seq, typeIndex: 1) }
            _ = types.typeIndex(ofSeq: 4)
        }
    }
}
