import Testing
import LedgerCore
@testable import LedgerJournal

@Suite("Ledger sessions: checked appends against a state kept in memory")
struct LedgerSessionTests {
    static func authority(_ id: String) throws -> EventDraft {
        let line = #"{"type":"AuthorityRegistered","v":1,"effective":"2024","actor":{"id":"admin1","role":"LedgerAdmin"},"data":{"authorityId":"\#(id)","nameZh":"教育局\#(id)","kind":"EducationBureau","level":"County","jurisdictionId":"sy"}}"#
        return try #require(try EventDraftInput.drafts(from: Array(line.utf8)).first)
    }

    @Test func keepsItsStateCurrentAndNoticesAnotherWriter() throws {
        let directory = TemporaryDirectory()
        let path = directory.file("ledger.jsonl")
        let session = try LedgerSession(path: path, clock: Fixtures.clock)
        try session.append([try Self.authority("a1"), try Self.authority("a2")])
        let afterFirst = try session.state
        #expect(afterFirst.lastSeq == 2 && afterFirst.authorities["a2"] != nil)
        // Another process appends behind the session's back.
        try LedgerAppender.append([try Self.authority("a3")], to: path, clock: Fixtures.clock)
        // The session's write is refused by expect-seq, it rebuilds, checks again and appends.
        let receipt = try session.append([try Self.authority("a4")])
        #expect(receipt.firstSeq == 4)
        #expect(try session.state.authorities.keys.sorted() == ["a1", "a2", "a3", "a4"])
        // A duplicate the other writer made is refused against the rebuilt state.
        try LedgerAppender.append([try Self.authority("a5")], to: path, clock: Fixtures.clock)
        let before = try Fixtures.bytes(path)
        #expect {
            try session.append([try Self.authority("a5")])
        } throws: { error in
            (error as? JournalError)?.message == "event 1 of the batch (AuthorityRegistered): authority \"a5\" is already registered; nothing was appended"
        }
        #expect(try Fixtures.bytes(path) == before)
        // After the refusal the state it keeps is rebuilt on next use, and equals a fresh fold.
        let kept = try session.state
        #expect(kept.authorities == (try JournalReading.state(path: path)).authorities)
        #expect(kept.lastSeq == 5)
    }
}
