import Testing
@testable import LedgerCore

@Suite("Append input: events without the ledger's fields")
struct EventDraftInputTests {
    static let good = #"{"type":"SchoolJoinedGroup","v":1,"effective":"2024-09","actor":{"id":"clerk7","role":"BureauClerk","onBehalfOf":"sy-edu"},"authority":{"document":"邵教发〔2023〕50号"},"data":{"schoolId":"sy-m05"}}"#

    @Test func readsEveryEnvelopeField() throws {
        let drafts = try EventDraftInput.drafts(from: Array((Self.good + "\n\n  \n" + Self.good + "\r\n").utf8))
        #expect(drafts.count == 2)
        let draft = try #require(drafts.first)
        #expect(draft.type == "SchoolJoinedGroup")
        #expect(draft.version == 1)
        #expect(draft.effective.description == "2024-09")
        #expect(draft.actor == Actor(id: "clerk7", role: "BureauClerk", onBehalfOf: "sy-edu"))
        #expect(draft.authority == Authority(document: "邵教发〔2023〕50号"))
        #expect(draft.data["schoolId"] == .string("sy-m05"))
    }

    @Test func normalisesTextToNFC() throws {
        // "é" written decomposed (e + U+0301) is stored composed.
        let line = #"{"type":"X","v":1,"effective":"2024","actor":{"id":"a"},"data":{"name":"Cafe\u0301"}}"#
        let draft = try #require(try EventDraftInput.drafts(from: Array(line.utf8)).first)
        #expect(draft.data["name"] == .string("Caf\u{E9}"))
    }

    /// One bad input per row: the line, the field the error must name, and its message.
    @Test(arguments: [
        (#"{"v":1,"effective":"2024","actor":{"id":"a"},"data":{}}"#, "type", "missing"),
        (#"{"type":"schoolJoined","v":1,"effective":"2024","actor":{"id":"a"},"data":{}}"#, "type",
         "expected an UpperCamelCase name of 1–64 ASCII letters and digits, found \"schoolJoined\""),
        (#"{"type":"X","v":0,"effective":"2024","actor":{"id":"a"},"data":{}}"#, "v", "schema version 0 is outside 1–65535"),
        (#"{"type":"X","v":"1","effective":"2024","actor":{"id":"a"},"data":{}}"#, "v", "expected an integer schema version, found a string"),
        (#"{"type":"X","v":1,"effective":"2024-02-30","actor":{"id":"a"},"data":{}}"#, "effective", "2024-02-30 does not exist (2024-02 has 29 days)"),
        (#"{"type":"X","v":1,"effective":"2024年7月","actor":{"id":"a"},"data":{}}"#, "effective", "expected YYYY, YYYY-MM or YYYY-MM-DD, found \"2024年7月\""),
        (#"{"type":"X","v":1,"effective":"2024","actor":"clerk7","data":{}}"#, "actor", "expected an object {\"id\", \"role\", \"onBehalfOf\"}, found a string"),
        (#"{"type":"X","v":1,"effective":"2024","actor":{"role":"BureauClerk"},"data":{}}"#, "actor.id", "missing"),
        (#"{"type":"X","v":1,"effective":"2024","actor":{"id":""},"data":{}}"#, "actor.id", "expected 1–128 bytes, found 0"),
        (#"{"type":"X","v":1,"effective":"2024","actor":{"id":" a"},"data":{}}"#, "actor.id", "has leading or trailing whitespace: \" a\""),
        (#"{"type":"X","v":1,"effective":"2024","actor":{"id":"a","name":"张三"},"data":{}}"#, "actor.name", "unknown field; expected id, onBehalfOf, role"),
        (#"{"type":"X","v":1,"effective":"2024","actor":{"id":"a"},"authority":{},"data":{}}"#, "authority", "expected a document, an approval or both"),
        (#"{"type":"X","v":1,"effective":"2024","actor":{"id":"a"},"authority":{"clause":"一"},"data":{}}"#, "authority", "expected a document, an approval or both"),
        (#"{"type":"X","v":1,"effective":"2024","actor":{"id":"a"},"data":[]}"#, "data", "expected an object, found an array"),
        (#"{"type":"X","v":1,"effective":"2024","actor":{"id":"a"}}"#, "data", "missing"),
        (#"{"type":"X","v":1,"effective":"2024","actor":{"id":"a"},"data":{},"seq":3}"#, "seq", "is assigned by the ledger when appending; remove it from the input"),
        (#"{"type":"X","v":1,"effective":"2024","actor":{"id":"a"},"data":{},"recorded":"2025-01-01T00:00:00Z"}"#, "recorded", "is set by the ledger's clock when appending; remove it from the input"),
        (#"{"type":"X","v":1,"effective":"2024","actor":{"id":"a"},"data":{},"prev":"00"}"#, "prev", "is computed by the ledger when appending; remove it from the input"),
        (#"{"type":"X","v":1,"effective":"2024","actor":{"id":"a"},"data":{},"note":"x"}"#, "note", "unknown field; expected actor, authority, data, effective, type, v"),
    ])
    func refusesABadEventNamingTheField(line: String, field: String, message: String) {
        let input = Self.good + "\n" + line + "\n"
        #expect(throws: InputLineError(lineNumber: 2, byteOffset: Int64(Self.good.utf8.count + 1), field: field, message: message)) {
            try EventDraftInput.drafts(from: Array(input.utf8))
        }
    }

    @Test func reportsJSONErrorsAtTheirByteOffset() {
        let input = Self.good + "\n" + #"{"type":"X","v":1.5}"#
        let lineStart = Int64(Self.good.utf8.count + 1)
        do {
            _ = try EventDraftInput.drafts(from: Array(input.utf8))
            Issue.record("expected an error")
        } catch {
            #expect(error.lineNumber == 2)
            #expect(error.field == "v")
            #expect(error.byteOffset == lineStart + 16)  // the number's first byte
        }
    }

    @Test func aDraftEncodesBackToTheMembersItWasReadFrom() throws {
        let draft = try #require(try EventDraftInput.drafts(from: Array(Self.good.utf8)).first)
        let object = JSONObject(uniqueKeysWithValues: draft.jsonMembers())
        let again = try EventDraft(fields: object)
        #expect(again == draft)
    }
}
