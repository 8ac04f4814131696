import Foundation
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

    /// A clock that, the first `interferences` times the session asks it for the time (once
    /// per check), lets another writer append first: the session's write then finds the
    /// journal moved on, as with other processes appending at the same moment.
    final class InterferingClock: LedgerClock, @unchecked Sendable {
        private let lock = NSLock()
        private let path: String
        private let name = "other-" + UUID().uuidString.prefix(8).lowercased()
        private var remaining: Int
        private var appended = 0

        init(path: String, interferences: Int) {
            self.path = path
            remaining = interferences
        }

        func now() -> UTCTimestamp {
            lock.lock()
            defer { lock.unlock() }
            if remaining > 0 {
                remaining -= 1
                appended += 1
                _ = try? LedgerAppender.append([try LedgerSessionTests.authority("\(name)-\(appended)")], to: path, clock: Fixtures.clock)
            }
            return Fixtures.clock.instant
        }
    }

    @Test func anAppendWithoutExpectSeqOutlastsOtherWritersInsteadOfFailing() throws {
        let directory = TemporaryDirectory()
        let path = directory.file("ledger.jsonl")
        try LedgerAppender.append([try Self.authority("first")], to: path, clock: Fixtures.clock)
        // Eight other appends land between this session's check and its write, more than any
        // fixed number of retries would absorb.
        let session = try LedgerSession(path: path, clock: InterferingClock(path: path, interferences: 8))
        let receipt = try session.append([try Self.authority("mine")])
        #expect(receipt.firstSeq == 10)
        let state = try JournalReading.state(path: path)
        #expect(state.lastSeq == 10 && state.authorities["mine"] != nil && state.authorities.count == 10)
        #expect(try JournalVerifier.verify(path: path).isSound)
    }

    @Test func anAppendThatNeverGetsItsTurnFailsAfterTheWaitLikeALock() throws {
        let directory = TemporaryDirectory()
        let path = directory.file("ledger.jsonl")
        let session = try LedgerSession(path: path, clock: InterferingClock(path: path, interferences: .max), lockWaitMilliseconds: 100)
        #expect {
            try session.append([try Self.authority("mine")])
        } throws: { error in
            let error = error as? JournalError
            return error?.code == .locked && error?.message.hasPrefix("other processes kept appending while this batch was being checked (") == true
                && error?.message.hasSuffix(" ms); nothing was appended; try again, or raise --wait") == true
        }
        #expect(try JournalReading.state(path: path).authorities["mine"] == nil)
        // With --expect-seq the caller asked for exactly one try: the mismatch is reported as is.
        let strict = try LedgerSession(path: path, clock: InterferingClock(path: path, interferences: 1))
        let last = try JournalReading.state(path: path).lastSeq
        #expect {
            try strict.append([try Self.authority("mine")], expectSeq: last)
        } throws: { error in
            (error as? JournalError)?.code == .expectSeqMismatch
        }
    }
}
