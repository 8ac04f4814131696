import Testing
import LedgerCore
@testable import LedgerJournal

@Suite("Journal line codec")
struct JournalLineCodecTests {
    static let texts = ["邵阳县芙蓉学校", "黄塘中学", "〔2023〕", "a\"b", "back\\slash", "tab\there", "新\n行", "\u{1}", "😀", "Café", ""]

    static func randomText(_ generator: inout TestRandom) -> String {
        texts[Int(generator.next() % UInt64(texts.count))] + String(generator.next() % 1000)
    }

    static func randomLine(_ generator: inout TestRandom) -> JournalLine {
        var data: [(String, JSONValue)] = []
        for index in 0..<Int(generator.next() % 6) {
            let value: JSONValue = switch generator.next() % 4 {
            case 0: .integer(Int64(generator.next() % 2_000_000) - 1_000_000)
            case 1: .string(randomText(&generator))
            case 2: .array([.bool(true), .null, .string(randomText(&generator))])
            default: .object(JSONObject(uniqueKeysWithValues: [("nested\(index)", .integer(7))]))
            }
            data.append(("k\(generator.next() % 100)_\(index)", value))
        }
        let actor = Actor(id: "clerk\(generator.next() % 9)", role: generator.next() % 2 == 0 ? "BureauClerk" : nil,
                          onBehalfOf: generator.next() % 2 == 0 ? "sy-edu" : nil)
        let authority: Authority? = switch generator.next() % 4 {
        case 0: nil
        case 1: Authority(document: "邵教发〔2023〕50号")
        case 2: Authority(approval: "ap-\(generator.next() % 50)")
        default: Authority(document: "新教发〔2018〕24号", approval: "ap-1", clause: "五、第一阶段 1.")
        }
        let effective = ["2024", "2024-07", "2023-11-14"][Int(generator.next() % 3)]
        let first = Int64(generator.next() % 1000) + 1
        let count = Int64(generator.next() % 5) + 1
        let draft = EventDraft(type: "SchoolJoinedGroup", version: Int64(generator.next() % 3) + 1,
                               effective: try! PartialDate(parsing: effective), actor: actor, authority: authority,
                               data: JSONObject(uniqueKeysWithValues: data))
        return JournalLine(event: RecordedEvent(seq: first + Int64(generator.next() % UInt64(count)),
                                                recorded: UTCTimestamp(secondsSinceEpoch: 1_736_000_000 + Int64(generator.next() % 10_000_000)),
                                                draft: draft),
                           batch: BatchMarker(first: first, count: count), prev: MerkleTree.leafHash(Array(effective.utf8)))
    }

    @Test func theEnvelopeEncoderEqualsTheGenericCanonicalEncoderAndRoundTrips() throws {
        let seed = UInt64.random(in: 0...UInt64.max)
        print("JournalLineCodecTests seed \(seed)")
        var generator = TestRandom(seed: seed)
        for _ in 0..<2_000 {
            let line = Self.randomLine(&generator)
            var members = line.event.draft.jsonMembers()
            members += [
                ("batch", .object(JSONObject(uniqueKeysWithValues: [("count", .integer(line.batch.count)), ("first", .integer(line.batch.first))]))),
                ("prev", .string(line.prev.hex)), ("recorded", .string(line.event.recorded.description)), ("seq", .integer(line.seq)),
            ]
            let generic = CanonicalJSON.encode(.object(JSONObject(uniqueKeysWithValues: members)))
            let bytes = line.encoded()
            #expect(bytes == generic, "seed \(seed)")
            let decoded = try bytes.withUnsafeBytes { try JournalLine.decode($0) }
            #expect(decoded == line, "seed \(seed)")
        }
    }

    @Test func theFastDecoderTakesEveryValidLineAndNeverAcceptsWhatTheGenericDecoderRefuses() throws {
        let seed = UInt64.random(in: 0...UInt64.max)
        print("fast decoder seed \(seed)")
        var generator = TestRandom(seed: seed)
        var mutatedAccepted = 0
        for _ in 0..<400 {
            let line = Self.randomLine(&generator)
            let bytes = line.encoded()
            let fast = bytes.withUnsafeBytes { FastLineDecoder.decode($0) }
            #expect(fast == line, "seed \(seed): the fast path must take every valid line")
            var envelope = line
            envelope.event.draft.data = JSONObject()
            #expect(bytes.withUnsafeBytes { FastLineDecoder.decodeEnvelope($0) } == envelope, "seed \(seed): the envelope path too")
            for _ in 0..<25 {
                var mutated = bytes
                let position = Int(generator.next() % UInt64(mutated.count))
                switch generator.next() % 3 {
                case 0: mutated[position] ^= UInt8(1 << (generator.next() % 8))
                case 1: mutated.remove(at: position)
                default: mutated.insert([0x20, 0x22, 0x5C, 0x30, 0x2C, 0x7D][Int(generator.next() % 6)], at: position)
                }
                let fastResult = mutated.withUnsafeBytes { FastLineDecoder.decode($0) }
                let genericResult = mutated.withUnsafeBytes { buffer in Result { try JournalLine.decodeGeneric(buffer) } }
                if let fastResult {
                    mutatedAccepted += 1
                    #expect((try? genericResult.get()) == fastResult, "seed \(seed): fast accepted \(String(decoding: mutated, as: UTF8.self))")
                }
                // Verification's decoder accepts and refuses exactly what the full one does.
                let envelopeResult = mutated.withUnsafeBytes { buffer in Result { try JournalLine.decodeEnvelope(buffer) } }
                #expect((try? envelopeResult.get()) != nil ? (try? genericResult.get()) != nil : (try? genericResult.get()) == nil,
                        "seed \(seed): envelope decoding disagrees on \(String(decoding: mutated, as: UTF8.self))")
                if let envelopeLine = try? envelopeResult.get(), var genericLine = try? genericResult.get() {
                    genericLine.event.draft.data = JSONObject()
                    #expect(envelopeLine == genericLine, "seed \(seed)")
                }
            }
        }
        // Some mutations keep a line valid (a digit changed in data); both paths must agree on those.
        #expect(mutatedAccepted > 0)
    }

    /// Lines that parse as JSON but break the envelope: the field and message are pinned.
    @Test(arguments: [
        (#"{"actor":{"id":"a"},"batch":{"count":1,"first":1},"data":{},"effective":"2024","prev":"0000000000000000000000000000000000000000000000000000000000000000","recorded":"2025-01-10T02:00:00Z","seq":1,"type":"X","v":1,"extra":1}"#,
         "extra" as String?, #"key "extra" must come before "v"; canonical keys are sorted by UTF-8 bytes"#),
        (#"{"actor":{"id":"a"},"batch":{"count":1,"first":1},"data":{},"effective":"2024","prev":"0000000000000000000000000000000000000000000000000000000000000000","recorded":"2025-01-10T02:00:00Z","seq":1,"type":"X","v":1,"zz":1}"#,
         "zz", "unknown field; expected actor, authority, data, effective, type, v"),
        (#"{"actor":{"id":"a"},"batch":{"count":1,"first":2},"data":{},"effective":"2024","prev":"0000000000000000000000000000000000000000000000000000000000000000","recorded":"2025-01-10T02:00:00Z","seq":1,"type":"X","v":1}"#,
         "batch", "batch {first 2, count 1} does not contain seq 1 or is over the limit of 10000"),
        (#"{"actor":{"id":"a"},"batch":{"count":1,"first":1},"data":{},"effective":"2024","prev":"0000000000000000000000000000000000000000000000000000000000000000","recorded":"2025-01-10T02:00:00+08:00","seq":1,"type":"X","v":1}"#,
         "recorded", "expected a UTC time YYYY-MM-DDTHH:MM:SSZ, found \"2025-01-10T02:00:00+08:00\""),
        (#"{"actor":{"id":"a"},"batch":{"count":1,"first":1},"data":{},"effective":"2024","prev":"00","recorded":"2025-01-10T02:00:00Z","seq":1,"type":"X","v":1}"#,
         "prev", "expected 64 lowercase hex digits"),
        (#"{"actor":{"id":"a"},"batch":{"count":1,"first":1},"data":{},"effective":"2024","prev":"0000000000000000000000000000000000000000000000000000000000000000","recorded":"2025-01-10T02:00:00Z","type":"X","v":1}"#,
         "seq", "missing"),
        (#"{"actor":{"id":"a"},"batch":{"count":1,"first":1},"data":{},"effective":"2024-13","prev":"0000000000000000000000000000000000000000000000000000000000000000","recorded":"2025-01-10T02:00:00Z","seq":1,"type":"X","v":1}"#,
         "effective", "month 13 is outside 01–12"),
    ])
    func refusesLinesThatBreakTheEnvelope(line: String, field: String?, message: String) {
        do {
            _ = try Array(line.utf8).withUnsafeBytes { try JournalLine.decode($0) }
            Issue.record("expected \(line) to be refused")
        } catch let error as LineDecodingError {
            #expect(error.field == field)
            #expect(error.message == message)
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }
}
