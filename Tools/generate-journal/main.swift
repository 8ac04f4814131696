// generate-journal: writes a valid journal of N events through the ledger's own checked append
// path (LedgerSession), deterministic for a seed. Every event type appears, in proportions like
// a province's year of records: reference data first (jurisdictions, documents, profiles,
// schools, groups, staff), then a steady stream of secondments, money, activities and changes.
//
//   swift run -c release generate-journal --events N [--seed S] --out PATH
//       [--batch 1000] [--schools K] [--groups G] [--staff P]
//
// Defaults scale with N up to about a province: 10,000 schools, 1,000 groups, 200,000 staff.
// The steady stream opens and closes a few schools (新建, 撤并): at most a twentieth of the
// registered schools each, however long the journal, so the counts stay a province's.
import Glibc
import LedgerCore
import LedgerJournal

struct Options {
    var events = 0
    var seed: UInt64 = 1
    var out = ""
    var batch = 1_000
    var schools: Int?
    var groups: Int?
    var staff: Int?
}

/// Writes to standard error (the C global is not concurrency-safe to name in Swift 6).
func printError(_ text: String) {
    var bytes = Array(text.utf8)
    _ = bytes.withUnsafeMutableBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
}

func usage(_ message: String) -> Never {
    printError("generate-journal: \(message)\nUsage: generate-journal --events N [--seed S] --out PATH [--batch N] [--schools K] [--groups G] [--staff P]\n")
    exit(64)
}

func parseOptions(_ arguments: [String]) -> Options {
    var options = Options()
    var index = 0
    while index < arguments.count {
        guard index + 1 < arguments.count else { usage("missing value for \(arguments[index])") }
        let value = arguments[index + 1]
        switch arguments[index] {
        case "--events": options.events = Int(value) ?? 0
        case "--seed": options.seed = UInt64(value) ?? 1
        case "--out": options.out = value
        case "--batch": options.batch = Int(value) ?? 0
        case "--schools": options.schools = Int(value)
        case "--groups": options.groups = Int(value)
        case "--staff": options.staff = Int(value)
        default: usage("unknown option '\(arguments[index])'")
        }
        index += 2
    }
    guard options.events > 0 else { usage("--events N must be a whole number > 0") }
    guard !options.out.isEmpty else { usage("missing --out PATH") }
    guard (1...JournalLimits.maxBatchEvents).contains(options.batch) else { usage("--batch must be in 1–\(JournalLimits.maxBatchEvents)") }
    var status = stat()
    if stat(options.out, &status) == 0 && status.st_size > 0 { usage("\(options.out) exists and is not empty; seqs in corrections assume an empty journal") }
    return options
}

/// SplitMix64: small, fast, and the same sequence for a seed on every machine.
struct SeededRandom {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(max(bound, 1))) }
    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
    mutating func pick<Element>(_ items: [Element]) -> Element { items[below(items.count)] }
}

/// A list with O(1) random pick and removal (order does not matter).
struct Pool<Element> {
    private(set) var items: [Element] = []
    var isEmpty: Bool { items.isEmpty }
    var count: Int { items.count }
    mutating func add(_ item: Element) { items.append(item) }
    mutating func take(_ random: inout SeededRandom) -> Element? {
        guard !items.isEmpty else { return nil }
        let index = random.below(items.count)
        items.swapAt(index, items.count - 1)
        return items.removeLast()
    }
    func pick(_ random: inout SeededRandom) -> Element? { items.isEmpty ? nil : items[random.below(items.count)] }
}

let places = ["城关", "东城", "西城", "南湖", "北山", "新华", "人民", "实验", "育才", "红旗", "解放", "建设", "光明", "和平", "朝阳", "文昌",
              "青云", "龙泉", "白沙", "长乐", "金桥", "玉田", "塘渡", "芙蓉", "思源", "石齐", "黄塘", "九公", "霞塘", "蔡桥"]
let schoolSuffixes: [(String, SchoolStage)] = [("小学", .primary), ("中学", .juniorMiddle), ("中心完小", .primary), ("九年一贯制学校", .nineYear)]

final class Generator {
    let options: Options
    let session: LedgerSession
    let clock = SettableClock(UTCTimestamp(secondsSinceEpoch: 1_767_225_600))  // 2026-01-01T00:00:00Z
    var random: SeededRandom
    var pending: [EventDraft] = []
    var produced = 0
    var batches = 0
    let startDay = CivilDate.dayNumber(year: 2021, month: 1, day: 1)
    let spanDays = 5 * 365

    // What exists, for choosing valid events.
    var jurisdictions: [(id: String, bureau: String, document: String, documentId: String)] = []
    var schoolsByJurisdiction: [String: [String]] = [:]
    var jurisdictionOfSchool: [String: String] = [:]
    var ungrouped: [String: Pool<String>] = [:]
    /// Groups with their lead's membership and the other members' memberships by school.
    var groups: [(id: String, jurisdiction: String, lead: String, leadMembership: String, members: [String: String], status: GroupStatus)] = []
    var groupOfSchool: [String: Int] = [:]
    var staffBySchool: [String: [String]] = [:]
    var freeStaff = Pool<(staff: String, school: String)>()
    var openSecondments = Pool<(id: String, staff: String, school: String)>()
    var allocations: [(id: String, school: String, available: Int64)] = []
    var earmarks: [(id: String, school: String, available: Int64)] = []
    var pendingApprovals = Pool<(id: String, bureau: String, document: String)>()
    var openAssignments = Pool<String>()
    var lastActivitySeq = 0
    var corrections = 0
    var nextId = 0
    /// The last calendar year sealed (for the first jurisdiction, as a bureau closes its books).
    var sealedYear = 2020
    /// Schools the steady stream may still open, and close: a province builds and merges a few
    /// schools over five years, not one in every 125 events (at 10M events that made 90,000
    /// schools of a province of 10,000). Set from the registered schools in `setUp`.
    var schoolOpeningsLeft = 0
    var schoolClosuresLeft = 0

    init(options: Options) throws {
        self.options = options
        random = SeededRandom(state: options.seed)
        session = try LedgerSession(path: options.out, clock: clock)
    }

    var done: Bool { produced >= options.events }

    /// Today's effective date: the history spreads over five years as events accumulate.
    func effective() throws -> PartialDate {
        let day = startDay + produced * spanDays / max(options.events, 1)
        let civil = CivilDate.civil(dayNumber: day)
        return try PartialDate(year: civil.year, month: civil.month, day: civil.day)
    }

    func identifier(_ prefix: String) -> String {
        nextId += 1
        return "\(prefix)-\(nextId)"
    }

    /// Queues one event; appends a batch when it is full.
    func emit<Payload: EventPayload>(_ payload: Payload, document: String? = nil, approval: String? = nil, onBehalfOf: String? = nil) throws {
        guard !done else { return }
        let preference: [IssuerRole] = [.bureauClerk, .ledgerAdmin, .financeClerk, .coreSchoolClerk, .bureauApprover, .leadingGroupOffice,
                                        .memberSchoolClerk, .councilSecretary]
        let role = preference.first { Payload.issuerRoles.contains($0) } ?? .ledgerAdmin
        let authority = document != nil || approval != nil ? Authority(document: document, approval: approval) : nil
        pending.append(EventDraft(type: Payload.eventType, version: Payload.currentVersion, effective: try effective(),
                                  actor: Actor(id: "\(role.rawValue.lowercased())-\(1 + produced % 40)", role: role.rawValue, onBehalfOf: onBehalfOf),
                                  authority: authority, data: payload.jsonObject))
        produced += 1
        if pending.count >= options.batch || done { try flush() }
    }

    func flush() throws {
        guard !pending.isEmpty else { return }
        batches += 1
        clock.set(UTCTimestamp(secondsSinceEpoch: 1_767_225_600 + Int64(batches) * 60))
        try session.append(pending)
        pending.removeAll(keepingCapacity: true)
    }

    func profile(for id: String, name: String) -> JSONObject {
        func rule(_ ruleId: String, _ kind: String, _ params: [(String, JSONValue)], _ severity: String, _ quote: String, tight: Bool = false) -> JSONValue {
            var members: [(String, JSONValue)] = [("id", .string(ruleId)), ("kind", .string(kind)), ("params", .object(JSONObject(uniqueKeysWithValues: params))),
                                                  ("severity", .string(severity)), ("source", .object(JSONObject(uniqueKeysWithValues: [("quoteZh", .string(quote))])))]
            if tight { members.append(("appliesTo", .object(JSONObject(uniqueKeysWithValues: [("groupType", .string("Tight"))])))) }
            return .object(JSONObject(uniqueKeysWithValues: members))
        }
        let ratio = JSONValue.object(JSONObject(uniqueKeysWithValues: [("num", .integer(10)), ("den", .integer(100))]))
        return JSONObject(uniqueKeysWithValues: [
            ("profileId", .string(id)), ("version", .integer(1)),
            ("jurisdiction", .object(JSONObject(uniqueKeysWithValues: [("id", .string(id)), ("nameZh", .string(name)), ("level", .string("County"))]))),
            ("vocabulary", .object(JSONObject(uniqueKeysWithValues: [("allowMultiMembership", .bool(false))]))),
            ("rules", .array([
                rule("G-01", "groupSize", [("max", .integer(6)), ("min", .integer(2)), ("countsRole", .string("Member"))], "flag", "紧密型成员校控制在6个以内。", tight: true),
                rule("G-02", "ratioMin", [("metric", .string("rotationRatio")), ("min", ratio), ("secondmentKinds", .array([.string("ExchangeRotation")]))],
                     "flag", "每年交流轮岗的教师人数不低于教师总人数的10%。"),
                rule("G-03", "exitPolicy", [("allowedReasons", .array([.string("GoalsAchieved"), .string("ConditionsChanged"), .string("StrategyAdjusted")]))],
                     "flag", "在目标达成、条件变化或战略调整时，成员校可退出教育集团。"),
                rule("G-04", "activityMin", [("kinds", .array([.string("WorkMeeting")])), ("per", .string("semester")), ("scope", .string("group")), ("min", .integer(3))],
                     "info", "每学期召开工作例会不少于3次。"),
            ])),
        ])
    }

    // MARK: Reference data

    func setUp() throws {
        let schoolCount = options.schools ?? min(10_000, max(20, options.events / 100))
        let groupCount = options.groups ?? min(1_000, max(2, schoolCount / 10))
        let staffCount = options.staff ?? min(200_000, max(50, options.events / 5))
        let jurisdictionCount = max(1, groupCount / 20)
        for index in 0..<jurisdictionCount {
            let id = "j\(index + 1)"
            let name = "\(places[index % places.count])县\(index / places.count + 1)"
            let bureau = "\(id)-edu"
            let documentId = "\(id)-plan"
            let number = try DocumentNumber(parsing: "示范教发〔2021〕\(index + 1)号", field: "docNumber")
            try emit(AuthorityRegistered(authorityId: bureau, nameZh: "\(name)教育局", kind: .educationBureau, level: .county, jurisdictionId: id))
            try emit(PolicyDocumentRegistered(documentId: documentId, titleZh: "\(name)集团化办学实施方案", kind: .implementationPlan, jurisdictionId: id,
                                              docNumber: number, issuerAuthorityId: bureau, issuedOn: try effective()))
            try emit(PolicyProfileAdopted(profileId: id, jurisdictionId: id, version: 1, effectiveFrom: try PartialDate(parsing: "2021"),
                                          sourceDocumentIds: [documentId], profile: profile(for: id, name: name)), document: number.normalized)
            jurisdictions.append((id, bureau, number.normalized, documentId))
            ungrouped[id] = Pool()
        }
        for index in 0..<schoolCount where !done { try registerSchool(index: index, jurisdiction: jurisdictions[index % jurisdictions.count]) }
        schoolOpeningsLeft = max(2, schoolCount / 20)
        schoolClosuresLeft = max(2, schoolCount / 20)
        for index in 0..<groupCount where !done { try formGroup(index: index) }
        for index in 0..<staffCount where !done {
            let jurisdiction = jurisdictions[index % jurisdictions.count]
            guard let school = schoolsByJurisdiction[jurisdiction.id].map({ random.pick($0) }) else { continue }
            let staff = "staff-\(index + 1)"
            try emit(StaffRegistered(staffId: staff, homeSchoolId: school, post: random.chance(85) ? .teacher : random.pick([.middleManager, .principal, .vicePrincipal])))
            staffBySchool[school, default: []].append(staff)
            freeStaff.add((staff, school))
            if random.chance(20) { try emit(StaffCredentialRecorded(staffId: staff, credential: random.pick([.backboneTeacher, .subjectLeader, .risingStarTeacher]), level: .county)) }
        }
    }

    func registerSchool(index: Int, jurisdiction: (id: String, bureau: String, document: String, documentId: String)) throws {
        let (suffix, stage) = schoolSuffixes[index % schoolSuffixes.count]
        let id = "s\(index + 1)"
        try emit(SchoolRegistered(schoolId: id, nameZh: "\(places[(index / 7) % places.count])\(suffix)\(index + 1)", stage: stage,
                                  administeredBy: jurisdiction.bureau, jurisdictionId: jurisdiction.id))
        schoolsByJurisdiction[jurisdiction.id, default: []].append(id)
        jurisdictionOfSchool[id] = jurisdiction.id
        ungrouped[jurisdiction.id]?.add(id)
        if random.chance(10) { try emit(CampusRegistered(campusId: "c\(index + 1)", schoolId: id, nameZh: "\(places[index % places.count])校区")) }
    }

    func formGroup(index: Int) throws {
        let jurisdiction = jurisdictions[index % jurisdictions.count]
        guard var pool = ungrouped[jurisdiction.id], pool.count >= 3, let lead = pool.take(&random) else { return }
        let id = "g\(index + 1)"
        let type: GroupType = random.pick([.tight, .tight, .alliance, .coConstruction, .integrated, .mentoring])
        if index % 10 == 0 {  // every tenth group was planned before it was formed
            try emit(GroupProposed(groupId: id, nameZh: "示范教育集团\(index + 1)", jurisdictionId: jurisdiction.id, type: type,
                                   proposedLeadSchoolId: lead, documentId: jurisdiction.documentId), document: jurisdiction.document)
        }
        try emit(GroupEstablished(groupId: id, nameZh: "示范教育集团\(index + 1)", jurisdictionId: jurisdiction.id, type: type, status: .pilot),
                 document: jurisdiction.document)
        var members: [String: String] = [:]
        let leadMembership = "m-\(id)-\(lead)"
        try emit(SchoolJoinedGroup(membershipId: leadMembership, groupId: id, schoolId: lead, role: .lead), document: jurisdiction.document)
        groupOfSchool[lead] = groups.count
        for _ in 0..<(2 + random.below(4)) {
            guard let school = pool.take(&random) else { break }
            let membership = "m-\(id)-\(school)"
            try emit(SchoolJoinedGroup(membershipId: membership, groupId: id, schoolId: school, role: .member), document: jurisdiction.document)
            members[school] = membership
            groupOfSchool[school] = groups.count
        }
        ungrouped[jurisdiction.id] = pool
        groups.append((id, jurisdiction.id, lead, leadMembership, members, .pilot))
    }

    // MARK: The steady stream

    func step() throws {
        try sealIfYearEnded()
        let roll = random.below(1_000)
        switch roll {
        case 0..<220: try startSecondment()
        case 220..<400: try endSecondment()
        case 400..<540: try spend()
        case 540..<580: try allocate()
        case 580..<610: try earmark()
        case 610..<770: try activity()
        case 770..<790: try assess()
        case 790..<810: try shareCosts()
        case 810..<830: try credential()
        case 830..<860: try headcount()
        case 860..<880: try requestApproval()
        case 880..<900: try decideApproval()
        case 900..<920: try assignRole()
        case 920..<930: try endRole()
        case 930..<945: try joinOrExit(join: true)
        case 945..<960: try joinOrExit(join: false)
        case 960..<965: try changeLead()
        case 965..<970: try changeStatus()
        case 970..<978: try newSchool()
        case 978..<983: try rename()
        case 983..<987: try emit(PersonalDataErased(subjectId: "staff-\(1 + random.below(max(1, freeStaff.count)))"))
        case 987..<990: try closeNewSchool()
        case 990..<993: try newDocument()
        default: try activity()
        }
        // A few corrections, at fixed points: each voids the latest activity (nothing depends on it).
        if corrections < 3, produced * 4 >= options.events * (corrections + 1), lastActivitySeq > 0 {
            corrections += 1
            let jurisdiction = jurisdictions[0]
            try emit(EntryCorrected(targetSeq: Int64(lastActivitySeq), mode: .void, reasonZh: "重复录入，予以作废"), document: jurisdiction.document)
            lastActivitySeq = 0
        }
    }

    /// When the effective dates have moved into a new year, seals the year before for the first
    /// jurisdiction, at the digest of the journal so far (one full verify per year). Effective
    /// dates only advance, so no later generated event falls in a sealed year.
    func sealIfYearEnded() throws {
        let year = try effective().year
        guard year - 1 > sealedYear, let jurisdiction = jurisdictions.first else { return }
        try flush()
        let verified = try JournalVerifier.verify(path: options.out)
        sealedYear = year - 1
        try emit(YearSealed(jurisdictionId: jurisdiction.id, year: sealedYear, basis: .calendar, journalSize: verified.digest.size,
                            journalRootHex: verified.digest.root.hex))
        try flush()
    }

    func startSecondment() throws {
        guard let mover = freeStaff.take(&random) else { return }
        guard let jurisdiction = jurisdictionOf(mover.school), let candidates = schoolsByJurisdiction[jurisdiction], candidates.count > 1 else {
            freeStaff.add(mover)  // nowhere to go: stays available
            return
        }
        var destination = candidates[random.below(candidates.count)]
        if destination == mover.school { destination = candidates[(candidates.firstIndex(of: destination).map { $0 + 1 } ?? 0) % candidates.count] }
        let id = identifier("sec")
        let start = try effective()
        let end = try PartialDate(year: start.year + 1 + random.below(2), month: start.month ?? 7)
        let group = groupOfSchool[mover.school].map { groups[$0].id }
        try emit(SecondmentStarted(secondmentId: id, staffId: mover.staff,
                                   kind: random.pick([.exchangeRotation, .exchangeRotation, .supportTeaching, .shadowLearning, .attachment]),
                                   fromSchoolId: mover.school, toSchoolId: destination, groupId: group, plannedEnd: end,
                                   retainedAtHome: [.establishment, .personnelRelations, .payroll]))
        openSecondments.add((id, mover.staff, mover.school))
    }

    func endSecondment() throws {
        guard let open = openSecondments.take(&random) else { return try startSecondment() }
        let outcome: SecondmentOutcome = random.chance(85) ? .returned : random.pick([.recalled, .extended, .refused])
        let effective = try effective()
        try emit(SecondmentEnded(secondmentId: open.id, outcome: outcome,
                                 newPlannedEnd: outcome == .extended ? try PartialDate(year: effective.year + 1, month: 7) : nil))
        if outcome == .extended { openSecondments.add(open) } else { freeStaff.add((open.staff, open.school)) }
    }

    func allocate() throws {
        guard !groups.isEmpty else { return }
        let group = groups[random.below(groups.count)]
        guard let jurisdiction = jurisdictions.first(where: { $0.id == group.jurisdiction }) else { return }
        let amount = Int64(5 + random.below(56)) * 1_000_000  // 5万–60万元
        let id = identifier("al")
        try emit(FundAllocated(allocationId: id, fiscalYear: try effective().year, fromAuthorityId: jurisdiction.bureau, toSchoolId: group.lead,
                               groupId: group.id, purpose: random.pick([.exchangeTraining, .groupDevelopment, .research]), amountFen: amount,
                               documentId: jurisdiction.documentId), document: jurisdiction.document)
        allocations.append((id, group.lead, amount))
    }

    func earmark() throws {
        guard let index = allocations.indices.randomElementSeeded(&random), allocations[index].available >= 10_000 else { return }
        let amount = allocations[index].available * 4 / 10
        let id = identifier("em")
        try emit(FundEarmarked(earmarkId: id, allocationId: allocations[index].id, amountFen: amount, purpose: .newSchoolOperatingSubsidy))
        allocations[index].available -= amount
        earmarks.append((id, allocations[index].school, amount))
    }

    func spend() throws {
        let fromEarmark = random.chance(25) && !earmarks.isEmpty
        if fromEarmark, let index = earmarks.indices.randomElementSeeded(&random), earmarks[index].available > 0 {
            let amount = Int64(1 + random.below(Int(min(earmarks[index].available, 2_000_000))))
            try emit(ExpenditureRecorded(expenditureId: identifier("ex"), payerSchoolId: earmarks[index].school, category: .newSchoolOperatingSubsidy,
                                         amountFen: amount, earmarkId: earmarks[index].id))
            earmarks[index].available -= amount
        } else if let index = allocations.indices.randomElementSeeded(&random), allocations[index].available > 0 {
            let amount = Int64(1 + random.below(Int(min(allocations[index].available, 3_000_000))))
            try emit(ExpenditureRecorded(expenditureId: identifier("ex"), payerSchoolId: allocations[index].school,
                                         payeeZh: random.chance(30) ? "培训服务机构" : nil, category: random.pick([.exchangeTraining, .groupActivity, .research]),
                                         amountFen: amount, allocationId: allocations[index].id))
            allocations[index].available -= amount
        } else {
            try allocate()
        }
    }

    func activity() throws {
        guard !groups.isEmpty else { return }
        let group = groups[random.below(groups.count)]
        let participants = Array(group.members.keys.sorted().prefix(1 + random.below(3)))
        try emit(GroupActivityHeld(activityId: identifier("act"), groupId: group.id,
                                   kind: random.pick([.workMeeting, .workMeeting, .groupTraining, .classroomShowcase, .famousTeacherOutreach, .classObservationDay]),
                                   hostSchoolId: group.lead, participantSchoolIds: participants, days: 1))
        lastActivitySeq = produced
    }

    func assess() throws {
        guard !groups.isEmpty else { return }
        let group = groups[random.below(groups.count)]
        guard let bureau = jurisdictions.first(where: { $0.id == group.jurisdiction })?.bureau else { return }
        try emit(GroupAssessed(assessmentId: identifier("as"), groupId: group.id, periodLabel: "\(try effective().year)",
                               outcome: random.pick([.excellent, .good, .good, .pass]), assessedBy: [bureau]))
    }

    func shareCosts() throws {
        guard let group = groups.filter({ $0.members.count >= 2 }).randomElementSeeded(&random) else { return }
        let payers = [group.lead] + group.members.keys.sorted().prefix(2)
        let each = Int64(1_000 + random.below(50_000))
        try emit(CostShareApportioned(costShareId: identifier("cs"), groupId: group.id, totalFen: each * Int64(payers.count), disbursingSchoolId: group.lead,
                                      shares: payers.map { CostShareApportioned.Share(schoolId: $0, amountFen: each) }))
    }

    func credential() throws {
        guard let person = freeStaff.pick(&random) else { return }
        try emit(StaffCredentialRecorded(staffId: person.staff, credential: random.pick([.backboneTeacher, .subjectLeader, .specialGradeTeacher]), level: .city))
    }

    func headcount() throws {
        guard let jurisdiction = jurisdictions.randomElementSeeded(&random), let school = schoolsByJurisdiction[jurisdiction.id]?.randomElementSeeded(&random) else { return }
        try emit(HeadcountRecorded(schoolId: school, year: try effective().year, teachers: Int64((staffBySchool[school]?.count ?? 0) + 10 + random.below(40))))
    }

    func requestApproval() throws {
        guard let jurisdiction = jurisdictions.randomElementSeeded(&random), let school = schoolsByJurisdiction[jurisdiction.id]?.randomElementSeeded(&random) else { return }
        let id = identifier("ap")
        try emit(ApprovalRequested(approvalId: id, action: .other, addressedTo: jurisdiction.bureau, requestedBy: school, reasonZh: "调整集团工作安排"))
        pendingApprovals.add((id, jurisdiction.bureau, jurisdiction.document))
    }

    func decideApproval() throws {
        guard let approval = pendingApprovals.take(&random) else { return try requestApproval() }
        try emit(ApprovalDecided(approvalId: approval.id, decision: random.chance(80) ? .granted : .denied, decidedBy: approval.bureau), document: approval.document)
    }

    func assignRole() throws {
        guard !groups.isEmpty, let person = freeStaff.pick(&random) else { return }
        let id = identifier("ra")
        try emit(GroupRoleAssigned(assignmentId: id, groupId: groups[random.below(groups.count)].id, role: random.pick([.councilChair, .councilSecretaryGeneral, .councilMember]), staffId: person.staff))
        openAssignments.add(id)
    }

    func endRole() throws {
        guard let assignment = openAssignments.take(&random) else { return try assignRole() }
        try emit(GroupRoleEnded(assignmentId: assignment))
    }

    func joinOrExit(join: Bool) throws {
        guard !groups.isEmpty else { return }
        let index = random.below(groups.count)
        let group = groups[index]
        if join {
            guard var pool = ungrouped[group.jurisdiction], let school = pool.take(&random) else { return }
            ungrouped[group.jurisdiction] = pool
            let membership = "m-\(group.id)-\(school)-\(nextId)"
            nextId += 1
            try emit(SchoolJoinedGroup(membershipId: membership, groupId: group.id, schoolId: school, role: .member))
            groups[index].members[school] = membership
            groupOfSchool[school] = index
        } else {
            guard let school = group.members.keys.sorted().randomElementSeeded(&random), let membership = group.members[school] else { return }
            try emit(SchoolExitedGroup(membershipId: membership, reason: random.pick([.goalsAchieved, .conditionsChanged, .strategyAdjusted])))
            groups[index].members[school] = nil
            groupOfSchool[school] = nil
            ungrouped[group.jurisdiction]?.add(school)
        }
    }

    func changeLead() throws {
        guard let index = groups.indices.filter({ !groups[$0].members.isEmpty }).randomElementSeeded(&random),
              let newLead = groups[index].members.keys.sorted().randomElementSeeded(&random), let membership = groups[index].members[newLead] else { return }
        let group = groups[index]
        try emit(GroupLeadChanged(groupId: group.id, schoolId: newLead, reasonZh: "核心校调整"))
        groups[index].members[newLead] = nil
        groups[index].members[group.lead] = group.leadMembership
        groups[index].lead = newLead
        groups[index].leadMembership = membership
    }

    func changeStatus() throws {
        guard let index = groups.indices.filter({ groups[$0].status == .pilot }).randomElementSeeded(&random) else { return }
        try emit(GroupStatusChanged(groupId: groups[index].id, status: .regular, reasonZh: "试点期满转为正式运行"))
        groups[index].status = .regular
    }

    func newSchool() throws {
        guard schoolOpeningsLeft > 0 else { return try activity() }
        guard let jurisdiction = jurisdictions.randomElementSeeded(&random) else { return }
        schoolOpeningsLeft -= 1
        let count = schoolsByJurisdiction.values.reduce(0) { $0 + $1.count }
        try registerSchool(index: count + nextId, jurisdiction: jurisdiction)
        nextId += 1
    }

    func rename() throws {
        guard let jurisdiction = jurisdictions.randomElementSeeded(&random), let school = schoolsByJurisdiction[jurisdiction.id]?.randomElementSeeded(&random) else { return }
        try emit(SchoolRenamed(schoolId: school, nameZh: "\(places[random.below(places.count)])学校\(nextId)"))
        nextId += 1
    }

    /// Closes a school registered in the steady stream that has no staff and no group (撤并).
    func closeNewSchool() throws {
        guard schoolClosuresLeft > 0 else { return try activity() }
        guard let jurisdiction = jurisdictions.randomElementSeeded(&random), var pool = ungrouped[jurisdiction.id],
              let school = pool.take(&random) else { return }
        guard staffBySchool[school] == nil, !openSecondments.items.contains(where: { $0.school == school }) else {
            pool.add(school)
            ungrouped[jurisdiction.id] = pool
            return
        }
        try emit(SchoolClosed(schoolId: school, reasonZh: "生源减少，撤并"))
        schoolClosuresLeft -= 1
        ungrouped[jurisdiction.id] = pool
        schoolsByJurisdiction[jurisdiction.id]?.removeAll { $0 == school }
    }

    func newDocument() throws {
        guard let jurisdiction = jurisdictions.randomElementSeeded(&random) else { return }
        let id = identifier("doc")
        try emit(PolicyDocumentRegistered(documentId: id, titleZh: "关于进一步推进集团化办学的通知", kind: .notice, jurisdictionId: jurisdiction.id,
                                          issuerAuthorityId: jurisdiction.bureau, issuedOn: try effective()))
    }

    func jurisdictionOf(_ school: String) -> String? {
        jurisdictionOfSchool[school]
    }
}

extension Collection {
    /// A random element chosen with the generator's seeded sequence.
    func randomElementSeeded(_ random: inout SeededRandom) -> Element? {
        isEmpty ? nil : self[index(startIndex, offsetBy: random.below(count))]
    }
}

let options = parseOptions(Array(CommandLine.arguments.dropFirst()))
do {
    let generator = try Generator(options: options)
    try generator.setUp()
    while !generator.done { try generator.step() }
    try generator.flush()
    print("generate-journal: wrote \(generator.produced) events in \(generator.batches) batches to \(options.out) (seed \(options.seed))")
} catch {
    printError("generate-journal: error: \(error)\n")
    exit(1)
}
