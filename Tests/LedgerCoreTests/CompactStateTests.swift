import Testing
@testable import LedgerCore

/// The compact forms a large replay relies on (packed dates, out-of-line provenance details,
/// a byte per event type, read masks) behave exactly as the plain forms they replaced.
@Suite("Compact state values")
struct CompactStateTests {
    @Test(arguments: [
        (1900, nil, nil), (2100, nil, nil), (2024, 7, nil), (2024, 12, 31), (1900, 1, 1), (2100, 12, 31), (2024, 2, 29),
    ] as [(Int, Int?, Int?)])
    func packedDatesKeepEveryPart(year: Int, month: Int?, day: Int?) throws {
        let date = try PartialDate(year: year, month: month, day: day)
        #expect(date.year == year)
        #expect(date.month == month)
        #expect(date.day == day)
        #expect(try PartialDate(parsing: date.description) == date)
    }

    /// A stamp packs its date and seq into one word and gives both back, at the ends of both.
    @Test(arguments: ["1900", "2100-12-31", "2024-07", "2024-02-29"], [0, 1, 600_002, (1 << 43) - 1] as [Int64])
    func stampsKeepTheirDateAndSeq(date: String, seq: Int64) throws {
        let effective = try PartialDate(parsing: date)
        let stamp = LedgerState.Stamp(effective: effective, seq: seq)
        #expect(stamp.effective == effective && stamp.effective.description == date)
        #expect(stamp.seq == seq)
        #expect(stamp != LedgerState.Stamp(effective: effective, seq: seq ^ 1))
        #expect(MemoryLayout<LedgerState.Stamp>.size == 8)
    }

    @Test func datesOfDifferentPrecisionDiffer() throws {
        let year = try PartialDate(year: 2024)
        let month = try PartialDate(year: 2024, month: 1)
        let day = try PartialDate(year: 2024, month: 1, day: 1)
        #expect(Set([year, month, day]).count == 3)
        #expect(year.firstDayNumber == day.firstDayNumber)
    }

    @Test func provenanceDetailsAreSetAndComparedByValue() {
        var provenance = Provenance()
        #expect(provenance == .documented)
        provenance.noteZh = "原文未署日期"
        provenance.inferred = ["issuedOn"]
        #expect(provenance.noteZh == "原文未署日期")
        #expect(provenance.inferred == ["issuedOn"])
        #expect(provenance == Provenance(inferred: ["issuedOn"], noteZh: "原文未署日期"))
        #expect(provenance != .documented)
        var copy = provenance
        copy.adjustmentZh = "补录"
        #expect(provenance.adjustmentZh == nil, "setting a copy's member leaves the original alone")
        #expect(copy.adjustmentZh == "补录" && copy.noteZh == "原文未署日期")
        copy.noteZh = nil
        copy.inferred = []
        copy.adjustmentZh = nil
        #expect(copy == .documented)
        #expect(Set([copy, Provenance.documented, provenance]).count == 2)
    }

    /// The synthetic flag survives setting and clearing the details around it, and a plain
    /// fact's provenance is one word (every payload in the state carries one).
    @Test func provenanceKeepsTheSyntheticFlagBesideItsDetails() {
        #expect(MemoryLayout<Provenance>.size == MemoryLayout<Int>.size)
        var provenance = Provenance(synthetic: true)
        #expect(provenance.synthetic && provenance != .documented)
        provenance.noteZh = "示例"
        #expect(provenance.synthetic && provenance.noteZh == "示例")
        provenance.noteZh = nil
        #expect(provenance == Provenance(synthetic: true))
        provenance.synthetic = false
        #expect(provenance == .documented)
        provenance.inferred = ["plannedEnd"]
        provenance.synthetic = true
        #expect(provenance.synthetic && provenance.inferred == ["plannedEnd"])
        #expect(provenance != Provenance(inferred: ["plannedEnd"]))
        #expect(Set([provenance, Provenance(synthetic: true, inferred: ["plannedEnd"]), Provenance(synthetic: true)]).count == 2)
    }

    /// Members beyond the 64th are tracked too: reading all but one names exactly that one.
    @Test(arguments: [3, 63, 64, 66, 69])
    func readerNamesTheOneMemberNotRead(skipped: Int) throws {
        let keys = (0..<70).map { "k" + String($0 + 100) }
        let object = JSONObject(uniqueKeysWithValues: keys.map { ($0, JSONValue.string("v")) })
        var reader = PayloadReader(object)
        for (index, key) in keys.enumerated() where index != skipped { _ = try reader.string(key) }
        #expect(throws: DomainError(field: "data.\(keys[skipped])", "unknown field")) { _ = try reader.finish() }

        var complete = PayloadReader(object)
        for key in keys { _ = try complete.string(key) }
        #expect(try complete.finish() == .documented)
    }

    @Test func listItemsAreCheckedOneByOne() throws {
        let object = try #require(try JSONParser.parseInput(Array(#"{"ids":["a-1","B","c"]}"#.utf8)).objectValue)
        var reader = PayloadReader(object)
        #expect(throws: DomainError(field: "data.ids[1]", "expected an id of lowercase letters, digits and '-' (at most 64), found \"B\"")) {
            _ = try reader.idList("ids")
        }
    }

    /// Each sample decodes through the catalogue to an event whose type index names its type.
    @Test func typeIndexesNameEveryCataloguedType() throws {
        #expect(Set(DomainEvent.typeNamesByIndex) == Set(EventCatalog.eventTypes))
        #expect(DomainEvent.typeNamesByIndex.count == EventCatalog.eventTypes.count)
        for sample in PayloadReferenceAndGroupTests.samples {
            let object = try #require(try JSONParser.parseInput(Array(sample.json.utf8)).objectValue)
            var reader = PayloadReader(object)
            let entry = try #require(EventCatalog.entries[sample.typeName])
            let event = try entry.decode(&reader, entry.payloadType.currentVersion)
            #expect(event.typeName == sample.typeName)
            #expect(DomainEvent.typeNamesByIndex[Int(event.typeIndex)] == sample.typeName)
            #expect(ObjectIdentifier(event.payloadType) == ObjectIdentifier(entry.payloadType))
        }
    }

    @Test func foldedStateKeepsEachEventsTypeAndReportsItsTables() throws {
        let records = try Scenario.records(Scenario.base)
        let state = try Projector.build(records)
        #expect(state.eventTypes.count == records.count)
        for record in records { #expect(state.eventType(ofSeq: record.seq) == record.event.typeName) }

        let sizes = Dictionary(uniqueKeysWithValues: state.tableSizes().map { ($0.name, $0) })
        #expect(sizes["schools"]?.count == state.schools.count)
        #expect(sizes["memberships"]?.count == state.memberships.count)
        #expect(sizes["eventTypes"]?.count == records.count)
        let schools = try #require(sizes["schools"])
        #expect(schools.estimatedBytes >= schools.count * MemoryLayout<LedgerState.SchoolEntry>.stride)
        #expect(sizes["secondments"]?.count == 0)
    }

    /// A list many entries share (`SharedLists`) is counted once, in its own row, not in each
    /// entry that holds it: secondments whose strings are all short take only their storage.
    @Test func sharedListsAreCountedOnceInTheSizeTable() throws {
        let clerk = #""actor":{"id":"c","role":"BureauClerk"}"#
        let lines = Scenario.base + (1...3).flatMap { index in [
            #"{"type":"StaffRegistered","v":1,"effective":"2024-09",\#(clerk),"data":{"staffId":"t\#(index)","homeSchoolId":"sy-m03","post":"Teacher"}}"#,
            #"{"type":"SecondmentStarted","v":1,"effective":"2024-09",\#(clerk),"data":{"secondmentId":"sec-\#(index)","staffId":"t\#(index)","kind":"SupportTeaching","fromSchoolId":"sy-m03","toSchoolId":"sy-c1","plannedEnd":"2025-07","retainedAtHome":["Payroll","Establishment"]}}"#,
        ] }
        let state = try Projector.build(try Scenario.records(lines))
        let sizes = Dictionary(uniqueKeysWithValues: state.tableSizes().map { ($0.name, $0) })
        let secondments = try #require(sizes["secondments"])
        #expect(secondments.count == 3)
        let storage = 32 + state.secondmentRows.indexBucketCount * 8 + 32 + state.secondmentRows.values.capacity * MemoryLayout<LedgerState.SecondmentRow>.stride
        #expect(secondments.estimatedBytes == storage, "the shared list is not counted in each secondment")
        let shared = try #require(sizes["sharedLists"])
        #expect(shared.count == 1)
        #expect(shared.estimatedBytes >= 32 + 2 * MemoryLayout<RetainedAtHome>.stride)
    }

    /// A secondment's compact row gives back exactly the payload its event recorded: to a
    /// school or to a host named in words (stored once however often named), with and without
    /// a group, each kind of provenance; and its latest end, an extension replaced by a return.
    @Test func secondmentsReadBackAsRecorded() throws {
        let clerk = #""actor":{"id":"c","role":"BureauClerk"}"#
        let shapes = [
            #""kind":"SupportTeaching","fromSchoolId":"sy-m03","toSchoolId":"sy-c1","groupId":"sy-g1","plannedEnd":"2025-07","retainedAtHome":["Payroll","Establishment"]"#,
            #""kind":"ExchangeRotation","fromSchoolId":"sy-c1","toExternalHostZh":"邵阳市第二中学","plannedEnd":"2025","synthetic":true"#,
            ##""kind":"ShadowLearning","fromSchoolId":"sy-m03","toExternalHostZh":"邵阳市第二中学","plannedEnd":"2025-01-31","inferred":["plannedEnd"],"noteZh":"原文只写一学期""##,
            #""kind":"SupportTeaching","fromSchoolId":"sy-c1","toSchoolId":"sy-m03","plannedEnd":"2026-07","retainedAtHome":["Payroll","Establishment"]"#,
        ]
        // Staff registered in reverse: a row refers to its staff member by position in `staff`,
        // which must not be confused with its own.
        let lines = Scenario.base + shapes.indices.reversed().map { index in
            #"{"type":"StaffRegistered","v":1,"effective":"2024-09",\#(clerk),"data":{"staffId":"t\#(index)","homeSchoolId":"sy-m03","post":"Teacher"}}"#
        } + shapes.enumerated().map { index, shape in
            #"{"type":"SecondmentStarted","v":1,"effective":"2024-09-1\#(index)",\#(clerk),"data":{"secondmentId":"sec-\#(index)","staffId":"t\#(index)",\#(shape)}}"#
        } + [
            #"{"type":"SecondmentEnded","v":1,"effective":"2025-06",\#(clerk),"data":{"secondmentId":"sec-0","outcome":"Extended","newPlannedEnd":"2026-07"}}"#,
            #"{"type":"SecondmentEnded","v":1,"effective":"2025-07",\#(clerk),"data":{"secondmentId":"sec-1","outcome":"Returned","synthetic":true}}"#,
            #"{"type":"SecondmentEnded","v":1,"effective":"2026-07",\#(clerk),"data":{"secondmentId":"sec-0","outcome":"Returned"}}"#,
        ]
        let records = try Scenario.records(lines)
        let state = try Projector.build(records)
        #expect(state.secondments.count == shapes.count)
        #expect(MemoryLayout<LedgerState.SecondmentRow>.stride < MemoryLayout<LedgerState.SecondmentEntry>.stride)
        // Its fields laid out without padding past 88 bytes (the kind moved next to the end:
        // at the row's end it padded the row to 96, 15 MB of a 10M-event state).
        #expect(MemoryLayout<LedgerState.SecondmentRow>.stride == 88)
        let started = records.filter { if case .secondmentStarted = $0.event { true } else { false } }
        for (position, record) in started.enumerated() {
            guard case .secondmentStarted(let payload) = record.event else { continue }
            let entry = state.secondments.values[position]
            #expect(entry.payload == payload)
            #expect(entry.stamp == LedgerState.Stamp(effective: record.effective, seq: record.seq))
            #expect(state.secondments[payload.secondmentId] == entry)
            #expect(state.secondmentHomeSchoolId(at: position) == payload.fromSchoolId)
        }
        #expect(state.secondmentHostNames.count == 1, "one host named twice is stored once")
        let returned = try #require(state.secondments["sec-0"])
        #expect(returned.ending == SecondmentEnded(secondmentId: "sec-0", outcome: .returned))
        #expect(returned.endStamp?.seq == records.last?.seq && !returned.isOpen)
        #expect(state.secondments["sec-1"]?.ending == SecondmentEnded(secondmentId: "sec-1", outcome: .returned, provenance: Provenance(synthetic: true)))
        #expect(state.secondments["sec-2"]?.ending == nil && state.secondments["sec-2"]?.isOpen == true)
        #expect(state.staff["t0"]?.openSecondmentId == nil && state.staff["t2"]?.openSecondmentId == "sec-2")
    }

    /// An approval's compact row gives back exactly the request and decision its events
    /// recorded: asked by an authority or by a school, with and without each optional id and
    /// text, each kind of provenance, decided with and without a document; and a refused
    /// decision leaves it as it was.
    @Test func approvalsReadBackAsRecorded() throws {
        let clerk = Scenario.clerk
        let requests = [
            ##""action":"PolicyException","addressedTo":"sy-edu","requestedBy":"sy-edu","groupId":"sy-g1","schoolId":"sy-m03","staffId":"t9","ruleId":"r-1","reasonZh":"调整集团工作安排","synthetic":true"##,
            #""action":"Other","addressedTo":"sy-edu","requestedBy":"sy-c1","reasonZh":"调整集团工作安排""#,
            ##""action":"FormGroup","addressedTo":"sy-edu","requestedBy":"sy-m04","groupId":"sy-g1","inferred":["reasonZh"],"noteZh":"原文未写理由","reasonZh":"组建集团""##,
            #""action":"ExitMember","addressedTo":"sy-edu","requestedBy":"sy-m03","schoolId":"sy-m03""#,
        ]
        let decisions = [
            #""approvalId":"ap-1","decision":"Conditional","decidedBy":"sy-edu","documentId":"sy-2023-50","conditionsZh":"一年后评估""#,
            #""approvalId":"ap-2","decision":"Denied","decidedBy":"sy-edu","synthetic":true"#,
            #""approvalId":"ap-0","decision":"Granted","decidedBy":"sy-edu""#,
        ]
        let lines = Scenario.base + requests.enumerated().map { index, shape in
            #"{"type":"ApprovalRequested","v":1,"effective":"2024-09-1\#(index)",\#(clerk),"data":{"approvalId":"ap-\#(index)",\#(shape)}}"#
        } + decisions.map { shape in
            #"{"type":"ApprovalDecided","v":1,"effective":"2024-10",\#(clerk),\#(Scenario.document),"data":{\#(shape)}}"#
        }
        let records = try Scenario.records(lines)
        let state = try Projector.build(records)
        #expect(state.approvals.count == requests.count)
        #expect(MemoryLayout<LedgerState.ApprovalRow>.stride * 2 < MemoryLayout<LedgerState.ApprovalEntry>.stride)
        var decidedBy: [String: DomainEventRecord] = [:]
        for record in records { if case .approvalDecided(let payload) = record.event { decidedBy[payload.approvalId] = record } }
        for record in records {
            guard case .approvalRequested(let request) = record.event else { continue }
            let entry = try #require(state.approvals[request.approvalId])
            #expect(entry.request == request)
            #expect(entry.requestStamp == LedgerState.Stamp(effective: record.effective, seq: record.seq))
            if let decided = decidedBy[request.approvalId], case .approvalDecided(let decision) = decided.event {
                #expect(entry.decision == decision)
                #expect(entry.decisionStamp == LedgerState.Stamp(effective: decided.effective, seq: decided.seq))
            } else {
                #expect(entry.decision == nil && entry.decisionStamp == nil)
            }
            #expect(state.approvals.values[state.approvalRows.index(forKey: request.approvalId)!] == entry)
        }
        #expect(decidedBy.count == 3 && state.approvals["ap-3"]?.decision == nil)
        #expect(state.approvalTexts.count == 5, "t9, r-1, two reasons (one given twice), one condition")

        // Refused: decided twice, an unknown requester, an unknown document. The state is unchanged.
        try expectRefused([
            #"{"type":"ApprovalDecided","v":1,"effective":"2024-11",\#(clerk),\#(Scenario.document),"data":{"approvalId":"ap-0","decision":"Denied","decidedBy":"sy-edu"}}"#,
            #"{"type":"ApprovalRequested","v":1,"effective":"2024-11",\#(clerk),"data":{"approvalId":"ap-9","action":"Other","addressedTo":"sy-edu","requestedBy":"sy-x"}}"#,
            #"{"type":"ApprovalDecided","v":1,"effective":"2024-11",\#(clerk),\#(Scenario.document),"data":{"approvalId":"ap-3","decision":"Granted","decidedBy":"sy-edu","documentId":"nope"}}"#,
        ], after: state)
    }

    /// An allocation's compact row gives back exactly the payload its event recorded: with and
    /// without a campus, group and document, each kind of provenance; with the balances that
    /// earmarks and spending leave; and a refused earmark leaves it as it was.
    @Test func allocationsReadBackAsRecorded() throws {
        let finance = Scenario.finance
        let shapes = [
            #""fiscalYear":2024,"fromAuthorityId":"sy-edu","toSchoolId":"sy-c1","toCampusId":"cp-1","groupId":"sy-g1","purpose":"GroupDevelopment","amountFen":50000000,"documentId":"sy-2023-50""#,
            #""fiscalYear":1900,"fromAuthorityId":"sy-edu","toSchoolId":"sy-m03","purpose":"Research","amountFen":1,"synthetic":true"#,
            ##""fiscalYear":2100,"fromAuthorityId":"sy-edu","toSchoolId":"sy-m04","groupId":"sy-g1","purpose":"ExchangeTraining","amountFen":9007199254740991,"inferred":["fiscalYear"],"noteZh":"年度按文件推定""##,
        ]
        let lines = Scenario.base + [
            #"{"type":"CampusRegistered","v":1,"effective":"2023-12",\#(Scenario.clerk),"data":{"campusId":"cp-1","schoolId":"sy-c1","nameZh":"芙蓉学校南校区"}}"#,
        ] + shapes.enumerated().map { index, shape in
            #"{"type":"FundAllocated","v":1,"effective":"2024-0\#(index + 1)",\#(finance),\#(Scenario.document),"data":{"allocationId":"al-\#(index)",\#(shape)}}"#
        } + [
            #"{"type":"FundEarmarked","v":1,"effective":"2024-05",\#(finance),"data":{"earmarkId":"em-1","allocationId":"al-0","amountFen":20000000,"purpose":"NewSchoolOperatingSubsidy"}}"#,
            #"{"type":"ExpenditureRecorded","v":1,"effective":"2024-06",\#(finance),"data":{"expenditureId":"ex-1","payerSchoolId":"sy-c1","category":"ExchangeTraining","amountFen":1000,"allocationId":"al-0"}}"#,
        ]
        let records = try Scenario.records(lines)
        let state = try Projector.build(records)
        #expect(state.allocations.count == shapes.count)
        #expect(MemoryLayout<LedgerState.AllocationRow>.stride < MemoryLayout<LedgerState.AllocationEntry>.stride * 2 / 3)
        for record in records {
            guard case .fundAllocated(let payload) = record.event else { continue }
            let entry = try #require(state.allocations[payload.allocationId])
            #expect(entry.payload == payload)
            #expect(entry.stamp == LedgerState.Stamp(effective: record.effective, seq: record.seq))
        }
        let funded = try #require(state.allocations["al-0"])
        #expect(funded.earmarkedFen == 20_000_000 && funded.spentFen == 1_000 && funded.availableFen == 50_000_000 - 20_001_000)
        #expect(state.allocationRows.values[0].availableFen == funded.availableFen)
        #expect(state.allocations.values.map(\.payload.allocationId) == ["al-0", "al-1", "al-2"])

        // Refused: more than is free, a campus of another school. The state is unchanged.
        try expectRefused([
            #"{"type":"FundEarmarked","v":1,"effective":"2024-07",\#(finance),"data":{"earmarkId":"em-2","allocationId":"al-0","amountFen":29999001,"purpose":"Research"}}"#,
            #"{"type":"FundAllocated","v":1,"effective":"2024-07",\#(finance),\#(Scenario.document),"data":{"allocationId":"al-9","fiscalYear":2024,"fromAuthorityId":"sy-edu","toSchoolId":"sy-m03","toCampusId":"cp-1","purpose":"Research","amountFen":1}}"#,
        ], after: state)
    }

    /// An activity's compact row gives back exactly the payload its event recorded: with and
    /// without participants, a theme, a day count beyond the row's 16 bits, and each kind of
    /// provenance; and each activity reads its own participants from the shared array.
    @Test func activitiesReadBackAsRecorded() throws {
        let clerk = #""actor":{"id":"c","role":"CoreSchoolClerk"}"#
        let shapes = [
            #""participantSchoolIds":["sy-m03","sy-c1","sy-m03"],"days":2"#,
            #""participantSchoolIds":[],"themeZh":"集团教研：初中数学","synthetic":true"#,
            #""participantSchoolIds":["sy-m03"],"days":70000"#,
            #""participantSchoolIds":["sy-c1"],"synthetic":true"#,
            ##""participantSchoolIds":["sy-m03","sy-c1"],"days":65535,"inferred":["days"],"noteZh":"原文未写天数""##,
            #""participantSchoolIds":["sy-c1"]"#,
        ]
        let lines = Scenario.base + shapes.enumerated().map { index, shape in
            #"{"type":"GroupActivityHeld","v":1,"effective":"2024-10-1\#(index)",\#(clerk),"data":{"activityId":"act-\#(index)","groupId":"sy-g1","kind":"WorkMeeting","hostSchoolId":"sy-c1",\#(shape)}}"#
        }
        let records = try Scenario.records(lines)
        let state = try Projector.build(records)
        #expect(state.activities.count == shapes.count)
        #expect(MemoryLayout<LedgerState.ActivityEntry>.stride == 40)
        for (position, record) in records.suffix(shapes.count).enumerated() {
            guard case .groupActivityHeld(let payload) = record.event else { Issue.record("not an activity"); continue }
            let activity = state.activity(at: position)
            #expect(activity.payload == payload)
            #expect(activity.stamp == LedgerState.Stamp(effective: record.effective, seq: record.seq))
            #expect(state.activityGroupId(at: position) == "sy-g1")
            #expect(state.activities.index(forKey: payload.activityId) == position)
        }
        #expect(state.activityParticipantPositions.count == 3 + 0 + 1 + 1 + 2 + 1)

        // A participant refused after others were filed: the state is as it was.
        let refused = try Scenario.records([
            #"{"type":"GroupActivityHeld","v":1,"effective":"2024-11-01",\#(clerk),"data":{"activityId":"act-x","groupId":"sy-g1","kind":"WorkMeeting","hostSchoolId":"sy-c1","participantSchoolIds":["sy-m03","sy-c1","no-such-school"]}}"#,
        ], firstSeq: Int64(records.count) + 1)[0]
        var changed = state
        #expect(throws: DomainError.self) { try changed.apply(refused) }
        #expect(changed == state)
        #expect(changed.activityParticipantPositions == state.activityParticipantPositions)
    }

    /// An expenditure's compact row gives back exactly the payload its event recorded, paid
    /// from an allocation, an earmark or the school's own budget, to a school or a payee named
    /// in words (stored once however often named), with each kind of provenance; and the
    /// positions paid from each source are found.
    @Test func expendituresReadBackAsRecorded() throws {
        let finance = Scenario.finance
        let sources = [
            #""allocationId":"al-1","payeeSchoolId":"sy-m03""#,
            #""earmarkId":"em-1","payeeZh":"邵阳县新华书店","synthetic":true"#,
            #""payeeSchoolId":"sy-c1""#,
            #""allocationId":"al-1","synthetic":true"#,
            ##""earmarkId":"em-1","inferred":["payeeZh"],"payeeZh":"某培训机构","noteZh":"收款方据发票推定""##,
            #""payeeZh":"邵阳县新华书店""#,
        ]
        let lines = Scenario.base + [
            #"{"type":"FundAllocated","v":1,"effective":"2024",\#(finance),\#(Scenario.document),"data":{"allocationId":"al-1","fiscalYear":2024,"fromAuthorityId":"sy-edu","toSchoolId":"sy-c1","groupId":"sy-g1","purpose":"GroupDevelopment","amountFen":50000000}}"#,
            #"{"type":"FundEarmarked","v":1,"effective":"2024",\#(finance),"data":{"earmarkId":"em-1","allocationId":"al-1","amountFen":20000000,"purpose":"NewSchoolOperatingSubsidy","beneficiarySchoolId":"sy-m04"}}"#,
        ] + sources.enumerated().map { index, source in
            #"{"type":"ExpenditureRecorded","v":1,"effective":"2024-10-1\#(index)",\#(finance),"data":{"expenditureId":"ex-\#(index)","payerSchoolId":"sy-c1","category":"ExchangeTraining","amountFen":\#(1000 + index),\#(source)}}"#
        }
        let records = try Scenario.records(lines)
        let state = try Projector.build(records)
        #expect(state.expenditures.count == sources.count)
        #expect(MemoryLayout<LedgerState.ExpenditureEntry>.stride == 48)
        for (position, record) in records.suffix(sources.count).enumerated() {
            guard case .expenditureRecorded(let payload) = record.event else { Issue.record("not an expenditure"); continue }
            let expenditure = state.expenditure(at: position)
            #expect(expenditure.payload == payload)
            #expect(expenditure.stamp == LedgerState.Stamp(effective: record.effective, seq: record.seq))
            #expect(state.expenditureSourceIds(at: position) == (payload.allocationId, payload.earmarkId))
        }
        #expect(state.expenditurePositions(allocationId: "al-1") == [0, 3])
        #expect(state.expenditurePositions(earmarkId: "em-1") == [1, 4])
        #expect(state.expenditurePositions(allocationId: "al-1", earmarkId: "em-1") == [0, 1, 3, 4])
        #expect(state.expenditurePositions(allocationId: "al-2").isEmpty)
        #expect(state.expenditurePayeeNames.strings == ["邵阳县新华书店", "某培训机构"], "a payee named twice is stored once")
        #expect(state.allocations["al-1"]?.spentFen == Int64(1000 + 1003))
        #expect(state.earmarks["em-1"]?.spentFen == Int64(1001 + 1004))
    }

    /// An earmark's compact row gives back exactly the payload its event recorded: with and
    /// without a beneficiary school and campus, each kind of provenance, from allocations
    /// filed in another order than their earmarks; with the balance spending leaves; and a
    /// refused earmark or spend leaves it as it was.
    @Test func earmarksReadBackAsRecorded() throws {
        let finance = Scenario.finance
        let shapes = [
            #""allocationId":"al-1","amountFen":20000000,"purpose":"NewSchoolOperatingSubsidy","beneficiarySchoolId":"sy-c1","beneficiaryCampusId":"cp-1""#,
            #""allocationId":"al-0","amountFen":1,"purpose":"Research","synthetic":true"#,
            ##""allocationId":"al-1","amountFen":9007199234740991,"purpose":"ExchangeTraining","beneficiarySchoolId":"sy-m04","inferred":["amountFen"],"noteZh":"金额按文件推定""##,
        ]
        let lines = Scenario.base + [
            #"{"type":"CampusRegistered","v":1,"effective":"2023-12",\#(Scenario.clerk),"data":{"campusId":"cp-1","schoolId":"sy-c1","nameZh":"芙蓉学校南校区"}}"#,
            #"{"type":"FundAllocated","v":1,"effective":"2024-01",\#(finance),\#(Scenario.document),"data":{"allocationId":"al-0","fiscalYear":2024,"fromAuthorityId":"sy-edu","toSchoolId":"sy-m03","purpose":"Research","amountFen":1}}"#,
            #"{"type":"FundAllocated","v":1,"effective":"2024-01",\#(finance),\#(Scenario.document),"data":{"allocationId":"al-1","fiscalYear":2024,"fromAuthorityId":"sy-edu","toSchoolId":"sy-c1","purpose":"GroupDevelopment","amountFen":9007199254740991}}"#,
        ] + shapes.enumerated().map { index, shape in
            #"{"type":"FundEarmarked","v":1,"effective":"2024-0\#(index + 2)",\#(finance),"data":{"earmarkId":"em-\#(index)",\#(shape)}}"#
        } + [
            #"{"type":"ExpenditureRecorded","v":1,"effective":"2024-06",\#(finance),"data":{"expenditureId":"ex-1","payerSchoolId":"sy-c1","category":"ExchangeTraining","amountFen":1500,"earmarkId":"em-0"}}"#,
        ]
        let records = try Scenario.records(lines)
        let state = try Projector.build(records)
        #expect(state.earmarks.count == shapes.count)
        #expect(MemoryLayout<LedgerState.EarmarkRow>.stride < MemoryLayout<LedgerState.EarmarkEntry>.stride * 2 / 3)
        let earmarked = records.filter { if case .fundEarmarked = $0.event { true } else { false } }
        for (position, record) in earmarked.enumerated() {
            guard case .fundEarmarked(let payload) = record.event else { continue }
            let entry = state.earmarks.values[position]
            #expect(entry.payload == payload)
            #expect(entry.stamp == LedgerState.Stamp(effective: record.effective, seq: record.seq))
            #expect(state.earmarks[payload.earmarkId] == entry)
        }
        #expect(state.earmarks["em-0"]?.spentFen == Int64(1500) && state.earmarks["em-0"]?.availableFen == Int64(20000000 - 1500))
        #expect(state.earmarks["em-1"]?.spentFen == Int64(0))
        #expect(state.allocations["al-1"]?.availableFen == Int64(0), "two earmarks took all of al-1")

        // Refused: an id used twice, an unknown campus, more than the allocation has left,
        // spending more than the earmark has left. The state is unchanged.
        try expectRefused([
            #"{"type":"FundEarmarked","v":1,"effective":"2024-07",\#(finance),"data":{"earmarkId":"em-1","allocationId":"al-0","amountFen":1,"purpose":"Research"}}"#,
            #"{"type":"FundEarmarked","v":1,"effective":"2024-07",\#(finance),"data":{"earmarkId":"em-9","allocationId":"al-0","amountFen":1,"purpose":"Research","beneficiaryCampusId":"cp-9"}}"#,
            #"{"type":"FundEarmarked","v":1,"effective":"2024-07",\#(finance),"data":{"earmarkId":"em-9","allocationId":"al-0","amountFen":1,"purpose":"Research"}}"#,
            #"{"type":"ExpenditureRecorded","v":1,"effective":"2024-07",\#(finance),"data":{"expenditureId":"ex-2","payerSchoolId":"sy-c1","category":"ExchangeTraining","amountFen":2,"earmarkId":"em-1"}}"#,
        ], after: state)
    }

    /// A cost share's compact row gives back exactly the payload its event recorded: shares in
    /// the order given (not the schools' order), one share or many, each kind of provenance;
    /// and a refused cost share leaves the state as it was.
    @Test func costSharesReadBackAsRecorded() throws {
        let clerk = #""actor":{"id":"c","role":"CoreSchoolClerk"}"#
        let shapes = [
            #""totalFen":10500,"disbursingSchoolId":"sy-c1","shares":[{"schoolId":"sy-m04","amountFen":500},{"schoolId":"sy-c1","amountFen":7000},{"schoolId":"sy-m03","amountFen":3000}]"#,
            #""totalFen":9007199254740991,"disbursingSchoolId":"sy-m03","shares":[{"schoolId":"sy-m03","amountFen":9007199254740991}],"synthetic":true"#,
            ##""totalFen":2,"disbursingSchoolId":"sy-m04","shares":[{"schoolId":"sy-m03","amountFen":1},{"schoolId":"sy-m04","amountFen":1}],"inferred":["totalFen"],"noteZh":"按人数分摊""##,
        ]
        let lines = Scenario.base + shapes.enumerated().map { index, shape in
            #"{"type":"CostShareApportioned","v":1,"effective":"2024-0\#(index + 1)",\#(clerk),"data":{"costShareId":"cs-\#(index)","groupId":"sy-g1",\#(shape)}}"#
        }
        let records = try Scenario.records(lines)
        let state = try Projector.build(records)
        #expect(state.costShares.count == shapes.count)
        #expect(state.costShareSchoolPositions.count == 6 && state.costShareAmountsFen.count == 6)
        for (position, record) in records.suffix(shapes.count).enumerated() {
            guard case .costShareApportioned(let payload) = record.event else { Issue.record("not a cost share"); continue }
            let entry = state.costShares.values[position]
            #expect(entry.payload == payload)
            #expect(entry.stamp == LedgerState.Stamp(effective: record.effective, seq: record.seq))
            #expect(state.costShares[payload.costShareId] == entry)
        }

        // Refused: an id used twice, a school with two shares, shares that do not add up, an
        // unknown share school. The state (and its flat share arrays) is unchanged.
        try expectRefused([
            #""costShareId":"cs-0","groupId":"sy-g1","totalFen":1,"disbursingSchoolId":"sy-c1","shares":[{"schoolId":"sy-c1","amountFen":1}]"#,
            #""costShareId":"cs-9","groupId":"sy-g1","totalFen":2,"disbursingSchoolId":"sy-c1","shares":[{"schoolId":"sy-c1","amountFen":1},{"schoolId":"sy-c1","amountFen":1}]"#,
            #""costShareId":"cs-9","groupId":"sy-g1","totalFen":3,"disbursingSchoolId":"sy-c1","shares":[{"schoolId":"sy-c1","amountFen":1}]"#,
            #""costShareId":"cs-9","groupId":"sy-g1","totalFen":2,"disbursingSchoolId":"sy-c1","shares":[{"schoolId":"sy-c1","amountFen":1},{"schoolId":"sy-x","amountFen":1}]"#,
        ].map { #"{"type":"CostShareApportioned","v":1,"effective":"2024-07",\#(clerk),"data":{\#($0)}}"# }, after: state)
    }

    /// An assessment's compact row gives back exactly the payload its event recorded: with no
    /// assessor, one, or several in the order given, a period label repeated (stored once),
    /// each kind of provenance; and a refused assessment leaves the state as it was.
    @Test func assessmentsReadBackAsRecorded() throws {
        let clerk = Scenario.clerk
        let shapes = [
            #""outcome":"Pass","periodLabel":"2024","assessedBy":["sy-edu"]"#,
            #""outcome":"Good","periodLabel":"2023—2024学年","assessedBy":[],"synthetic":true"#,
            ##""outcome":"Excellent","periodLabel":"2024","assessedBy":["sy-edu","hn-edu","sy-edu"],"inferred":["outcome"],"noteZh":"按通报推定""##,
        ]
        let lines = Scenario.base + [
            #"{"type":"AuthorityRegistered","v":1,"effective":"2020-01-01",\#(Scenario.admin),"data":{"authorityId":"hn-edu","jurisdictionId":"hn","kind":"EducationBureau","level":"Province","nameZh":"湖南省教育厅"}}"#,
        ] + shapes.enumerated().map { index, shape in
            #"{"type":"GroupAssessed","v":1,"effective":"2024-0\#(index + 1)",\#(clerk),"data":{"assessmentId":"as-\#(index)","groupId":"sy-g1",\#(shape)}}"#
        }
        let records = try Scenario.records(lines)
        let state = try Projector.build(records)
        #expect(state.assessments.count == shapes.count)
        #expect(state.assessorPositions.count == 4 && state.assessmentPeriodLabels.count == 2)
        for (position, record) in records.suffix(shapes.count).enumerated() {
            guard case .groupAssessed(let payload) = record.event else { Issue.record("not an assessment"); continue }
            let entry = state.assessments.values[position]
            #expect(entry.payload == payload)
            #expect(entry.stamp == LedgerState.Stamp(effective: record.effective, seq: record.seq))
            #expect(state.assessments[payload.assessmentId] == entry)
        }

        // Refused: an id used twice, an unknown group, an unknown assessor after a known one.
        try expectRefused([
            #""assessmentId":"as-0","groupId":"sy-g1","outcome":"Pass","periodLabel":"2025""#,
            #""assessmentId":"as-9","groupId":"sy-g9","outcome":"Pass","periodLabel":"2025""#,
            #""assessmentId":"as-9","groupId":"sy-g1","outcome":"Pass","periodLabel":"2025","assessedBy":["sy-edu","xx-edu"]"#,
        ].map { #"{"type":"GroupAssessed","v":1,"effective":"2025-01",\#(clerk),"data":{\#($0)}}"# }, after: state)
    }

    /// Applies each line as the next event after `state`: each must be refused and leave the
    /// state as it was (a refused event changes nothing, compact rows and flat arrays included).
    func expectRefused(_ lines: [String], after state: LedgerState, sourceLocation: SourceLocation = #_sourceLocation) throws {
        for line in lines {
            var changed = state
            let record = try Scenario.record(state.lastSeq + 1, line)
            #expect(throws: DomainError.self, "\(line)", sourceLocation: sourceLocation) { try changed.apply(record) }
            #expect(changed == state, "\(line)", sourceLocation: sourceLocation)
        }
    }
}
