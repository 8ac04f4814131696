import Foundation
import Testing
import LedgerCore
@testable import LedgerJournal

/// The survey before a replay reads each line's type from the line's end; these tests hold it
/// to the types and corrections that decoding every line gives.
@Suite("Journal survey")
struct JournalSurveyTests {
    @Test func countsEveryShippedLineByTheTypeItDecodesTo() throws {
        let directory = TemporaryDirectory()
        let (path, records) = try DomainBytesDecodingTests.shippedJournal(in: directory)
        var expected = Array(repeating: 0, count: DomainEvent.typeNamesByIndex.count)
        for record in records { expected[Int(record.event.typeIndex)] += 1 }

        let survey = try JournalSurvey.survey(path: path)
        #expect(survey.eventCountsByTypeIndex == expected)
        #expect(survey.eventCountsByTypeIndex.reduce(0, +) == records.count)
        let corrections = records.filter { $0.event.typeName == EntryCorrected.eventType }
        #expect(!corrections.isEmpty, "the shipped journal holds corrections")
        #expect(survey.corrections == corrections)
    }

    /// A large journal is surveyed in parts split at line starts; however it is split (into
    /// more parts than lines too), the counts and the corrections, in seq order, are the same.
    @Test func surveyingInPartsGivesTheSameSurvey() throws {
        let directory = TemporaryDirectory()
        let (path, _) = try DomainBytesDecodingTests.shippedJournal(in: directory)
        let whole = try JournalSurvey.survey(path: path, parts: 1)
        #expect(!whole.corrections.isEmpty)
        let lineCount = whole.eventCountsByTypeIndex.reduce(0, +)
        for parts in [2, 3, 7, lineCount + 5] {
            let split = try JournalSurvey.survey(path: path, parts: parts)
            #expect(split.eventCountsByTypeIndex == whole.eventCountsByTypeIndex, "\(parts) parts")
            #expect(split.corrections == whole.corrections, "\(parts) parts")
        }
    }

    @Test func readsTheTypeOnlyFromACanonicalEnding() {
        let matcher = TypeNameMatcher()
        func index(_ text: String) -> Int? {
            Array(text.utf8).withUnsafeBytes { matcher.typeIndex(endingLine: $0) }
        }
        let staff = DomainEvent.typeNamesByIndex.firstIndex(of: StaffRegistered.eventType)
        #expect(staff != nil)
        #expect(index(#"{"data":{"type":"EntryCorrected"},"seq":1,"type":"StaffRegistered","v":1}"#) == staff)
        #expect(index(#"{"seq":1,"type":"StaffRegistered","v":12}"#) == staff)
        #expect(index(#""type":"StaffRegistered","v":1}"#) == staff)
        // Anything else is left to the replay, which reports it.
        for text in [
            #"{"seq":1,"type":"StaffRegistered","v":1} "#, #"{"seq":1,"type":"StaffRegistered","v":}"#,
            #"{"seq":1,"type":"StaffRegistered", "v":1}"#, #"{"seq":1,"type":"StaffRegisteredX","v":1}"#,
            #"{"seq":1,"kind":"StaffRegistered","v":1}"#, #"{"seq":1,"type":"","v":1}"#,
            #"StaffRegistered","v":1}"#, #"","v":1}"#, "}", "", #"{"seq":1,"type":"Staff\u0052egistered","v":1}"#,
        ] {
            #expect(index(text) == nil, "\(text)")
        }
    }

    @Test func aCutBySeqIsSizedByItsShareOfTheEvents() throws {
        let survey = JournalSurvey(corrections: [], eventCountsByTypeIndex: [10, 0, 30, 60])
        #expect(survey.eventCounts(before: .latest) == [10, 0, 30, 60])
        #expect(survey.eventCounts(before: .seq(50)) == [5, 0, 15, 30])
        #expect(survey.eventCounts(before: .seq(0)) == [0, 0, 0, 0])
        #expect(survey.eventCounts(before: .seq(1_000)) == [10, 0, 30, 60])
        #expect(survey.eventCounts(before: .recorded(try UTCTimestamp(parsing: "2025-01-01T00:00:00Z"))) == nil)
        #expect(JournalSurvey(corrections: [], eventCountsByTypeIndex: [0, 0]).eventCounts(before: .seq(5)) == nil)
    }

    @Test func tablesSizedFromTheSurveyGiveTheSameState() throws {
        let records = try DomainBytesDecodingTests.shippedLines.map { line in try #require(DomainBytesDecodingTests.general(line)).get() }
        var counts = Array(repeating: 0, count: DomainEvent.typeNamesByIndex.count)
        for record in records { counts[Int(record.event.typeIndex)] += 1 }
        let plain = try Projector.build(records)
        // Exact counts and counts far too high (and, below, far too few) fold to the same state.
        for scale in [1, 50] {
            let sized = try Projector.build(corrections: records.filter { $0.event.typeName == EntryCorrected.eventType },
                                            eventCountsByTypeIndex: counts.map { $0 * scale }) { visit in
                for record in records { try visit(record) }
            }
            #expect(sized == plain)
        }
        var reserved = LedgerState()
        reserved.reserveCapacity(eventCountsByTypeIndex: counts.map { $0 * 50 })
        let staffIndex = try #require(DomainEvent.typeNamesByIndex.firstIndex(of: StaffRegistered.eventType))
        #expect(counts[staffIndex] > 0)
        #expect(reserved.staff.capacity >= counts[staffIndex] * 50)
        let tooFew = try Projector.build(corrections: records.filter { $0.event.typeName == EntryCorrected.eventType },
                                         eventCountsByTypeIndex: [1]) { visit in
            for record in records { try visit(record) }
        }
        #expect(tooFew == plain)
    }
}
