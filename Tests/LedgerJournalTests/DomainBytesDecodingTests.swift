import Foundation
import Testing
import LedgerCore
@testable import LedgerJournal

/// A replay reads each payload straight from the checked bytes of `data`
/// (`EventCatalog.decode(typeIndex:version:actor:issuer:authority:checkedData:limits:)`); these tests hold it to the general path,
/// which builds the JSON tree first, on the shipped journal and on mutations of it.
@Suite("Domain records read from bytes")
struct DomainBytesDecodingTests {
    static let shippedLines: [[UInt8]] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Journal/ledger.jsonl")
        let bytes = [UInt8](try! Data(contentsOf: url))
        return bytes.split(separator: UInt8(ascii: "\n")).map(Array.init)
    }()

    /// The record through the general path, or its refusal; nil when the line does not decode.
    static func general(_ line: [UInt8]) -> Result<DomainEventRecord, DomainError>? {
        guard let decoded = try? line.withUnsafeBytes({ try JournalLine.decode($0) }) else { return nil }
        return Result { () throws(DomainError) in try DomainEventRecord(decoded.event) }
    }

    /// The record read from the bytes of `data`, or its refusal; nil when the fast line decoder
    /// does not take the line or its quick check cannot decide `data` (the general path is used).
    static func fromBytes(_ line: [UInt8]) -> Result<DomainEventRecord, DomainError>? {
        line.withUnsafeBytes { bytes in
            guard let (decoded, range) = FastLineDecoder.decodeLocatingData(bytes), let range else { return nil }
            #expect(decoded.event.draft.data.isEmpty, "data located, not built")
            let event = decoded.event
            guard let typeIndex = DomainEvent.typeNamesByIndex.firstIndex(of: event.type) else { return nil }
            return Result { () throws(DomainError) in
                let payload = try EventCatalog.decode(typeIndex: typeIndex, version: event.version, actor: event.actor,
                                                      issuer: event.actor.role.flatMap(IssuerRole.init(rawValue:)), authority: event.authority,
                                                      checkedData: UnsafeRawBufferPointer(rebasing: bytes[range]), limits: FastLineDecoder.dataLimits)
                return DomainEventRecord(seq: event.seq, recorded: event.recorded, effective: event.effective, actor: event.actor,
                                         authority: event.authority, event: payload)
            }
        }
    }

    static func agree(_ left: Result<DomainEventRecord, DomainError>, _ right: Result<DomainEventRecord, DomainError>) -> Bool {
        switch (left, right) {
        case (.success(let one), .success(let other)): one == other
        case (.failure(let one), .failure(let other)): one.field == other.field && one.message == other.message
        default: false
        }
    }

    @Test func everyShippedLineDecodesFromItsBytesToTheSameRecord() throws {
        var fromBytesCount = 0
        for (index, line) in Self.shippedLines.enumerated() {
            let general = try #require(Self.general(line), "line \(index + 1) decodes")
            guard let fast = Self.fromBytes(line) else { continue }
            fromBytesCount += 1
            #expect(Self.agree(fast, general), "line \(index + 1)")
            #expect((try? fast.get()) != nil, "line \(index + 1) is a valid event")
        }
        // Lines with escapes in `data` take the general path; nearly all are read from bytes.
        #expect(fromBytesCount >= Self.shippedLines.count * 9 / 10, "\(fromBytesCount) of \(Self.shippedLines.count)")
    }

    @Test func mutatedDataGivesTheSameRecordOrTheSameRefusal() {
        let seed = TestRandom.seedFromEnvironment(default: UInt64.random(in: 0...UInt64.max))
        var generator = TestRandom(seed: seed)
        let alphabet = Array(#"{}[]",:0123456789-aeftnlrsuz\ é中"#.utf8)
        var compared = 0
        var refusedByBoth = 0
        for line in Self.shippedLines {
            guard let range = line.withUnsafeBytes({ FastLineDecoder.decodeLocatingData($0)?.dataRange }) else { continue }
            for _ in 0..<20 {
                var mutated = line
                // Inside `data`, so the envelope stays valid and the payload is what changes.
                let position = range.lowerBound + 1 + Int(generator.next() % UInt64(range.count - 1))
                switch generator.next() % 3 {
                case 0: mutated[position] ^= UInt8(1 << (generator.next() % 8))
                case 1: mutated.remove(at: position)
                default: mutated.insert(alphabet[Int(generator.next() % UInt64(alphabet.count))], at: position)
                }
                guard let fast = Self.fromBytes(mutated) else { continue }
                guard let general = Self.general(mutated) else {
                    Issue.record("seed \(seed): the fast decoder took a line the general one refuses: \(String(decoding: mutated, as: UTF8.self))")
                    continue
                }
                compared += 1
                if case .failure = general { refusedByBoth += 1 }
                #expect(Self.agree(fast, general), "seed \(seed): \(String(decoding: mutated, as: UTF8.self))")
            }
        }
        // Both outcomes occur: mutations that keep a valid payload (a digit) and ones refused.
        #expect(compared > refusedByBoth && refusedByBoth > 0, "seed \(seed): compared \(compared), refused \(refusedByBoth)")
    }

    /// The record a replay reads straight from the line's bytes (no draft, no type or role
    /// string built), with its batch and prev; nil when that path leaves the line to the
    /// general one.
    static func direct(_ line: [UInt8]) -> (record: DomainEventRecord, batch: BatchMarker, prev: SHA256Digest)? {
        var memo = EnvelopeMemo()
        return direct(line, memo: &memo)
    }

    /// `direct(_:)` with `memo` carried from line to line, as a decoding thread carries it.
    static func direct(_ line: [UInt8], memo: inout EnvelopeMemo) -> (record: DomainEventRecord, batch: BatchMarker, prev: SHA256Digest)? {
        line.withUnsafeBytes { FastLineDecoder.decodeDomainRecord($0, memo: &memo) }
    }

    @Test func everyShippedLineIsReadDirectlyToTheGeneralPathsRecord() throws {
        var directCount = 0
        // As a replay reads them: one memo, actors included, for every line.
        var memo = EnvelopeMemo(actors: ActorMemo())
        for (index, line) in Self.shippedLines.enumerated() {
            let decoded = try line.withUnsafeBytes { try JournalLine.decode($0) }
            let general = try #require(Self.general(line)).get()
            guard let direct = Self.direct(line, memo: &memo) else { continue }
            directCount += 1
            #expect(direct.record == general, "line \(index + 1)")
            #expect(direct.batch == decoded.batch && direct.prev == decoded.prev, "line \(index + 1)")
        }
        #expect(directCount >= Self.shippedLines.count * 9 / 10, "\(directCount) of \(Self.shippedLines.count)")
    }

    /// Anywhere in the line, envelope included: whatever the direct path reads, the general
    /// path reads to the same record; whatever the general path refuses, the direct path leaves
    /// to it (so the refusal is named as ever).
    @Test func mutatedLinesAreReadDirectlyOnlyToTheGeneralPathsRecord() {
        let seed = TestRandom.seedFromEnvironment(default: UInt64.random(in: 0...UInt64.max))
        var generator = TestRandom(seed: seed)
        let alphabet = Array(#"{}[]",:0123456789-aeftnlrsuzACGRS\ é\#u{01}中"#.utf8)
        var read = 0
        // One memo for every line, the originals' actors remembered before their mutations come
        // (a mutated actor must never be taken for the remembered one).
        var memo = EnvelopeMemo(actors: ActorMemo())
        for line in Self.shippedLines {
            _ = Self.direct(line, memo: &memo)
            for _ in 0..<20 {
                var mutated = line
                let position = Int(generator.next() % UInt64(mutated.count))
                switch generator.next() % 3 {
                case 0: mutated[position] ^= UInt8(1 << (generator.next() % 8))
                case 1: mutated.remove(at: position)
                default: mutated.insert(alphabet[Int(generator.next() % UInt64(alphabet.count))], at: position)
                }
                let alone = Self.direct(mutated)
                let direct = Self.direct(mutated, memo: &memo)
                #expect(direct?.record == alone?.record, "seed \(seed): the memo changed the reading of \(String(decoding: mutated, as: UTF8.self))")
                guard let direct else { continue }
                guard case .success(let general)? = Self.general(mutated) else {
                    Issue.record("seed \(seed): the direct path read a line the general one refuses: \(String(decoding: mutated, as: UTF8.self))")
                    continue
                }
                read += 1
                #expect(direct.record == general, "seed \(seed): \(String(decoding: mutated, as: UTF8.self))")
            }
        }
        // Some mutations keep the line valid (a digit in a date or an amount).
        #expect(read > 0, "seed \(seed)")
    }

    /// A role the type does not allow, and a type the catalogue does not know, are matched from
    /// the bytes and left to the general path, which names the field.
    @Test func aRoleOrTypeTheCatalogueRefusesIsLeftToTheGeneralPath() throws {
        let line = try #require(Self.shippedLines.first { String(decoding: $0, as: UTF8.self).contains(#""type":"SchoolRegistered""#) })
        let text = String(decoding: line, as: UTF8.self)
        let role = try #require(IssuerRole.allCases.first { !SchoolRegistered.issuerRoles.contains($0) })
        let roleStart = try #require(text.range(of: #""role":""#))
        let roleEnd = try #require(text[roleStart.upperBound...].firstIndex(of: "\""))
        let otherRole = Array(text.replacingCharacters(in: roleStart.upperBound..<roleEnd, with: role.rawValue).utf8)
        #expect(Self.direct(otherRole) == nil)
        #expect(try Self.refusalOnGeneralPath(otherRole).field == "actor.role")
        let unknownType = Array(text.replacingOccurrences(of: #""type":"SchoolRegistered""#, with: #""type":"SchoolRegistrated""#).utf8)
        #expect(Self.direct(unknownType) == nil)
        #expect(try Self.refusalOnGeneralPath(unknownType).field == "type")
    }

    /// The general path's refusal of a line it decodes.
    static func refusalOnGeneralPath(_ line: [UInt8]) throws -> DomainError {
        guard case .failure(let error)? = general(line) else { throw RefusalExpected() }
        return error
    }

    /// The refusal of `line`, which both paths decode and refuse alike.
    static func refusalOnBothPaths(_ line: [UInt8]) throws -> DomainError {
        let fast = try #require(fromBytes(line))
        let general = try #require(Self.general(line))
        #expect(agree(fast, general))
        guard case .failure(let error) = fast else { throw RefusalExpected() }
        return error
    }

    struct RefusalExpected: Error {}

    @Test func anUnknownOrMissingFieldIsNamedAsOnTheGeneralPath() throws {
        let line = try #require(Self.shippedLines.first { String(decoding: $0, as: UTF8.self).contains(#""type":"SchoolRegistered""#) })
        let text = String(decoding: line, as: UTF8.self)
        // `schoolId` becomes `schoolIe`: still sorted, now unknown, and `schoolId` is missing.
        let renamed = Array(text.replacingOccurrences(of: #""schoolId":"#, with: #""schoolIe":"#).utf8)
        let error = try Self.refusalOnBothPaths(renamed)
        #expect(error.field == "data.schoolId")
        #expect(error.message == "missing")
    }

    /// An optional member that is present must hold its type: `null` is refused, not read as
    /// absent, on both paths (the readers locate an optional before they build it).
    @Test func anOptionalMemberWrittenAsNullIsRefusedNamingIt() throws {
        let line = try #require(Self.shippedLines.first { String(decoding: $0, as: UTF8.self).contains(#""groupId":"bs-syn-g1","kind":"ManagementDispatch""#) })
        let text = String(decoding: line, as: UTF8.self)
        let nulled = Array(text.replacingOccurrences(of: #""groupId":"bs-syn-g1""#, with: #""groupId":null"#).utf8)
        let error = try Self.refusalOnBothPaths(nulled)
        #expect(error.field == "data.groupId")
        #expect(error.message == "expected an id of lowercase letters, digits and '-' (at most 64), found null")
    }

    /// A shipped line of `type` with its `data` replaced by `data` (canonical: members sorted).
    static func line(ofType type: String, data: String) throws -> [UInt8] {
        let line = try #require(shippedLines.first { String(decoding: $0, as: UTF8.self).contains(#""type":"\#(type)""#) })
        let text = String(decoding: line, as: UTF8.self)
        let start = try #require(text.range(of: #""data":"#)).upperBound
        let end = try #require(text.range(of: #","effective":"#)).lowerBound
        return Array(text.replacingCharacters(in: start..<end, with: data).utf8)
    }

    /// A shipped line with its `effective` and `recorded` texts replaced.
    static func line(effective: String, recorded: String) throws -> [UInt8] {
        let text = String(decoding: try #require(shippedLines.first), as: UTF8.self)
        let effectiveValue = try #require(text.firstMatch(of: /"effective":"([^"]*)"/)).1
        let recordedValue = try #require(text.firstMatch(of: /"recorded":"([^"]*)"/)).1
        return Array(text.replacingOccurrences(of: #""effective":"\#(effectiveValue)""#, with: #""effective":"\#(effective)""#)
            .replacingOccurrences(of: #""recorded":"\#(recordedValue)""#, with: #""recorded":"\#(recorded)""#).utf8)
    }

    /// A decoding thread reuses the recorded time and effective date it parsed on the line
    /// before only for byte-identical text: a run of lines decoded with one memo gives each
    /// line's own values (the ones a fresh decoder gives), however their texts share a prefix,
    /// differ in a last digit, or fail to parse in between.
    @Test func theEnvelopeMemoReusesOnlyIdenticalTexts() throws {
        let texts: [(effective: String, recorded: String)] = [
            ("2024-07", "2026-01-01T04:17:00Z"), ("2024-07", "2026-01-01T04:17:00Z"), ("2024-07-01", "2026-01-01T04:17:01Z"),
            ("2024-07", "2026-01-01T04:17:00Z"), ("2024", "2026-01-01T04:17:00Z"), ("2024-07-02", "2026-01-01T04:17:00Z"),
            ("2024-02-30", "2026-01-01T04:17:00Z"), ("2024-07-02", "2026-02-30T04:17:00Z"), ("2024-07-02", "2026-01-01T04:17:00Z"),
            ("2025", "2027-01-01T04:17:00Z"), ("2024-07-02", "2026-01-01T04:17:00Z"),
        ]
        var memo = EnvelopeMemo()
        var decodedCount = 0
        for (index, text) in texts.enumerated() {
            let line = try Self.line(effective: text.effective, recorded: text.recorded)
            let shared = line.withUnsafeBytes { FastLineDecoder.decodeDomainRecord($0, memo: &memo) }
            let fresh = Self.direct(line)
            #expect(shared?.record == fresh?.record, "line \(index + 1): \(text)")
            guard let record = shared?.record else { continue }
            decodedCount += 1
            #expect(record.effective == (try PartialDate(parsing: text.effective)), "line \(index + 1)")
            #expect(record.recorded.description == text.recorded, "line \(index + 1)")
        }
        // Two texts are not dates (30 February), so two lines are left to the general path.
        #expect(decodedCount == texts.count - 2)
    }

    /// A shipped line with its actor object (from `{` through the first `}`) replaced by `actor`,
    /// in which `ROLE` stands for the line's own role.
    static func line(actor: String) throws -> [UInt8] {
        let text = String(decoding: try #require(shippedLines.first), as: UTF8.self)
        let start = try #require(text.range(of: #"{"actor":"#)).upperBound
        let end = try #require(text[start...].firstIndex(of: "}"))
        let role = try #require(text.firstMatch(of: /"role":"([^"]*)"/)).1
        return Array(text.replacingCharacters(in: start...end, with: actor.replacingOccurrences(of: "ROLE", with: String(role))).utf8)
    }

    /// A decoding thread reuses an actor it read and checked only for byte-identical bytes: a run
    /// of lines decoded with one memo gives each line the actor a fresh decoder gives, or leaves
    /// it to the general path just as a fresh decoder does, whether the actor repeats, differs
    /// only in its last byte, holds a `}` inside its id, or is refused; and a journal with more
    /// actors than the memo keeps still reads every one of them.
    @Test func theActorMemoReusesOnlyIdenticalActors() throws {
        let actors = [
            #"{"id":"clerk-1","role":"ROLE"}"#, #"{"id":"clerk-1","role":"ROLE"}"#, #"{"id":"clerk-2","role":"ROLE"}"#,
            #"{"id":"clerk-1","onBehalfOf":"sy-edu","role":"ROLE"}"#, #"{"id":"clerk-1}","role":"ROLE"}"#,
            #"{"id":"clerk-1}","role":"ROLE"}"#, #"{"id":"clerk-1"}"#, #"{"id":"clerk-1\u0001","role":"ROLE"}"#,
            #"{"id":"clerk-1\u0001","role":"ROLE"}"#, #"{"id":" clerk-1","role":"ROLE"}"#, #"{"id":"clerk-1","role":"ROLE"}"#,
        ] + (0..<600).map { #"{"id":"clerk-\#($0 % 300)","role":"ROLE"}"# }
        var memo = EnvelopeMemo(actors: ActorMemo())
        var readCount = 0
        for (index, actor) in actors.enumerated() {
            let line = try Self.line(actor: actor)
            let shared = Self.direct(line, memo: &memo)
            let fresh = Self.direct(line)
            #expect(shared?.record == fresh?.record, "line \(index + 1): \(actor)")
            // The payload is the shipped one, so the direct path leaves a line only when refused.
            #expect(shared?.record == (try? Self.general(line)?.get()), "line \(index + 1): \(actor)")
            if shared != nil { readCount += 1 }
        }
        // Refused by the domain on both paths: the id with a `}` (twice; the envelope accepts it,
        // and the memo must not keep it), the missing role, the control character (twice) and
        // the leading space. Every other actor is read, the 300 beyond the memo's keeping too.
        #expect(readCount == actors.count - 6)
    }

    /// The direct path matches a line's type against the catalogue's names and checks no more
    /// about it, so every name there must be one the envelope's rule accepts.
    @Test func everyCatalogueTypeNameIsAValidTypeName() {
        for name in DomainEvent.typeNamesByIndex {
            #expect(throws: Never.self, "\(name)") { try EventDraft.validateType(name) }
        }
    }

    /// The payload readers convert ids, words, dates, integers and lists of strings straight from
    /// the checked bytes, and leave whatever they cannot convert to the general path: each
    /// payload here is read to the same record, or refused naming the same field with the same
    /// message, on both paths.
    @Test(arguments: [
        // Accepted: every kind of member the byte readers convert, and an empty list.
        ("SecondmentStarted", #"{"fromSchoolId":"s1","kind":"ExchangeRotation","plannedEnd":"2024-04","retainedAtHome":["Establishment","Payroll"],"secondmentId":"sec-x","staffId":"st-1","toSchoolId":"s2"}"#, nil),
        ("SecondmentStarted", #"{"fromSchoolId":"s1","kind":"SupportTeaching","plannedEnd":"2024","retainedAtHome":[],"secondmentId":"sec-x","staffId":"st-1","toExternalHostZh":"某县教研室"}"#, nil),
        ("GroupActivityHeld", #"{"activityId":"a-1","days":3,"groupId":"g1","hostSchoolId":"s1","kind":"WorkMeeting","participantSchoolIds":["s2","s3"],"themeZh":"例会"}"#, nil),
        ("ExpenditureRecorded", #"{"amountFen":1050000,"category":"GroupActivity","expenditureId":"e-1","payerSchoolId":"s1","synthetic":true}"#, nil),
        // Refused: a value of the wrong type or outside its vocabulary or range, in each reader.
        ("SecondmentStarted", #"{"fromSchoolId":"s1","kind":"ExchangeRotation","plannedEnd":"2024-04","retainedAtHome":["Establishment",1],"secondmentId":"sec-x","staffId":"st-1","toSchoolId":"s2"}"#, "data.retainedAtHome[1]"),
        ("SecondmentStarted", #"{"fromSchoolId":"s1","kind":"ExchangeRotation","plannedEnd":"2024-04","retainedAtHome":["Nothing"],"secondmentId":"sec-x","staffId":"st-1","toSchoolId":"s2"}"#, "data.retainedAtHome[0]"),
        ("SecondmentStarted", #"{"fromSchoolId":"s1","kind":"ExchangeRotation","plannedEnd":"2024-04","retainedAtHome":"Payroll","secondmentId":"sec-x","staffId":"st-1","toSchoolId":"s2"}"#, "data.retainedAtHome"),
        ("SecondmentStarted", #"{"fromSchoolId":"s1","kind":"Exchange","plannedEnd":"2024-04","secondmentId":"sec-x","staffId":"st-1","toSchoolId":"s2"}"#, "data.kind"),
        ("SecondmentStarted", #"{"fromSchoolId":"s1","kind":["SupportTeaching"],"plannedEnd":"2024-04","secondmentId":"sec-x","staffId":"st-1","toSchoolId":"s2"}"#, "data.kind"),
        ("SecondmentStarted", #"{"fromSchoolId":"s1","kind":"SupportTeaching","plannedEnd":"2024-13","secondmentId":"sec-x","staffId":"st-1","toSchoolId":"s2"}"#, "data.plannedEnd"),
        ("SecondmentStarted", #"{"fromSchoolId":"s1","kind":"SupportTeaching","plannedEnd":"2024-04","secondmentId":"Sec-X","staffId":"st-1","toSchoolId":"s2"}"#, "data.secondmentId"),
        ("SecondmentStarted", #"{"fromSchoolId":"s1","groupId":7,"kind":"SupportTeaching","plannedEnd":"2024-04","secondmentId":"sec-x","staffId":"st-1","toSchoolId":"s2"}"#, "data.groupId"),
        ("GroupActivityHeld", #"{"activityId":"a-1","days":0,"groupId":"g1","hostSchoolId":"s1","kind":"WorkMeeting"}"#, "data.days"),
        ("GroupActivityHeld", #"{"activityId":"a-1","days":"2","groupId":"g1","hostSchoolId":"s1","kind":"WorkMeeting"}"#, "data.days"),
        ("GroupActivityHeld", #"{"activityId":"a-1","groupId":"g1","hostSchoolId":"s1","kind":"WorkMeeting","participantSchoolIds":["s2",["s3"]]}"#, "data.participantSchoolIds[1]"),
        ("GroupActivityHeld", #"{"activityId":"a-1","groupId":"g1","hostSchoolId":"s1","kind":"WorkMeeting","participantSchoolIds":["s2","S3"]}"#, "data.participantSchoolIds[1]"),
        ("ExpenditureRecorded", #"{"amountFen":0,"category":"GroupActivity","expenditureId":"e-1","payerSchoolId":"s1"}"#, "data.amountFen"),
        ("ExpenditureRecorded", #"{"amountFen":-5,"category":"GroupActivity","expenditureId":"e-1","payerSchoolId":"s1"}"#, "data.amountFen"),
        ("ExpenditureRecorded", #"{"amountFen":true,"category":"GroupActivity","expenditureId":"e-1","payerSchoolId":"s1"}"#, "data.amountFen"),
        ("ExpenditureRecorded", #"{"amountFen":100,"category":"GroupActivity","expenditureId":"e-1","payerSchoolId":"s1","synthetic":false}"#, "data.synthetic"),
    ] as [(String, String, String?)])
    func eachByteReaderAgreesWithTheGeneralPath(type: String, data: String, refusedField: String?) throws {
        let line = try Self.line(ofType: type, data: data)
        let fast = try #require(Self.fromBytes(line), "the quick check takes the payload")
        let general = try #require(Self.general(line))
        #expect(Self.agree(fast, general))
        switch fast {
        case .success(let record):
            #expect(refusedField == nil, "accepted, yet \(refusedField ?? "") should be refused")
            // Written back, the record gives the same payload (every member was read), but for an
            // empty list, which the writer leaves out.
            let written = String(decoding: CanonicalJSON.encode(.object(record.event.payload.jsonObject)), as: UTF8.self)
            #expect(written == data.replacingOccurrences(of: #""retainedAtHome":[],"#, with: ""))
        case .failure(let error):
            #expect(error.field == refusedField, "\(error.field): \(error.message)")
        }
    }

    /// The shipped journal written to `directory` (its path), and its records decoded the
    /// general way.
    static func shippedJournal(in directory: TemporaryDirectory) throws -> (path: String, records: [DomainEventRecord]) {
        let path = directory.file("ledger.jsonl")
        var bytes: [UInt8] = []
        for line in shippedLines { bytes += line + [UInt8(ascii: "\n")] }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return (path, try shippedLines.map { line in try #require(general(line)).get() })
    }

    /// A line the domain refuses stops a replay with an error naming that line, its byte
    /// offset and the field, whether the line took the path from the bytes or the general one
    /// (the record travels from the decoding thread to the fold without its entry).
    @Test(arguments: [false, true])
    func aRefusedLineStopsTheReplayNamingItsLineOffsetAndField(generalPath: Bool) throws {
        let index = try #require(Self.shippedLines.firstIndex { String(decoding: $0, as: UTF8.self).contains(#""type":"SchoolRegistered""#) })
        var text = String(decoding: Self.shippedLines[index], as: UTF8.self).replacingOccurrences(of: #""schoolId":"#, with: #""schoolIe":"#)
        // An escaped quote in a name is canonical, and the quick check leaves it to the strict parser.
        if generalPath { text = text.replacingOccurrences(of: #""nameZh":""#, with: #""nameZh":"\"x\""#) }
        let changed = Array(text.utf8)
        #expect((Self.fromBytes(changed) == nil) == generalPath)
        let directory = TemporaryDirectory()
        let path = directory.file("ledger.jsonl")
        var bytes: [UInt8] = []
        for (position, line) in Self.shippedLines.enumerated() { bytes += (position == index ? changed : line) + [UInt8(ascii: "\n")] }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let offset = Self.shippedLines[..<index].reduce(0) { $0 + $1.count + 1 }
        do {
            _ = try JournalReading.state(path: path)
            Issue.record("expected line \(index + 1) to be refused")
        } catch let error as JournalError {
            #expect(error.lineNumber == Int64(index + 1))
            #expect(error.byteOffset == Int64(offset))
            #expect(error.field == "data.schoolId")
            #expect(error.message == "missing")
        }
    }

    @Test func aReplayEqualsTheFoldOfRecordsDecodedTheGeneralWay() throws {
        let directory = TemporaryDirectory()
        let (path, records) = try Self.shippedJournal(in: directory)
        #expect(try JournalReading.state(path: path) == Projector.build(records))
    }
}
