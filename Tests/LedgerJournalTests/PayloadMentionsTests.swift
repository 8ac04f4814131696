import Testing
import LedgerCore
@testable import LedgerJournal

/// `EventPayload.mentions(_:)` answers "is this text one of the payload's string values" without
/// building the JSON object (`history` asks it of every event); these tests hold it to the
/// object it stands for, on every payload of the shipped journal.
@Suite("A payload's mentions")
struct PayloadMentionsTests {
    /// Every string value in `value`, nested ones included (keys are not values).
    static func stringValues(in value: JSONValue, into found: inout Set<String>) {
        switch value {
        case .string(let text): found.insert(text)
        case .array(let items): for item in items { stringValues(in: item, into: &found) }
        case .object(let object): for (_, member) in object { stringValues(in: member, into: &found) }
        case .integer, .bool, .null: break
        }
    }

    /// Every key in `value`, nested ones included.
    static func keys(in value: JSONValue, into found: inout Set<String>) {
        switch value {
        case .array(let items): for item in items { keys(in: item, into: &found) }
        case .object(let object):
            for (key, member) in object {
                found.insert(key)
                keys(in: member, into: &found)
            }
        case .string, .integer, .bool, .null: break
        }
    }

    @Test func aPayloadMentionsExactlyTheStringValuesOfItsObject() throws {
        let records = DomainBytesDecodingTests.shippedLines.compactMap { try? DomainBytesDecodingTests.general($0)?.get() }
        #expect(records.count == DomainBytesDecodingTests.shippedLines.count)
        var everyValue: Set<String> = []
        for record in records { Self.stringValues(in: .object(record.event.payload.jsonObject), into: &everyValue) }
        // A spread of other payloads' values: every 29th in sorted order.
        let others = everyValue.sorted().enumerated().filter { $0.offset % 29 == 0 }.map(\.element)
        var typesSeen: Set<UInt8> = []
        var mentioned = 0
        for record in records {
            let payload = record.event.payload
            let object = JSONValue.object(payload.jsonObject)
            var values: Set<String> = []
            Self.stringValues(in: object, into: &values)
            var keys: Set<String> = []
            Self.keys(in: object, into: &keys)
            // Its own values, others', its keys (never values unless also one) and near misses:
            // each value with a byte more or a character less, and the empty string.
            var candidates = values.union(others).union(keys)
            for value in values {
                candidates.insert(value + "x")
                candidates.insert(String(value.dropLast()))
            }
            candidates.insert("")
            for text in candidates {
                let expected = values.contains(text)
                #expect(payload.mentions(text) == expected, "seq \(record.seq) \(record.event.typeName): \"\(text)\" should \(expected ? "" : "not ")be mentioned")
                if expected { mentioned += 1 }
            }
            typesSeen.insert(record.event.typeIndex)
        }
        // The shipped journal has all but one of the catalogue's types, with nested objects
        // (profiles, shares) and lists of ids and words.
        #expect(typesSeen.count >= 30, "\(typesSeen.count) types")
        #expect(mentioned > 1000, "\(mentioned)")
    }
}
