import LedgerCore
import Testing

@Suite("Roster snapshots (what a checkpoint stores)")
struct RosterSnapshotTests {
    /// A snapshot of a generated history restores every roster table exactly, and the memberships'
    /// per-group and per-school order (all of them and the open ones), which the views rely on.
    /// A random seed each run, and one that once left a school with every membership exited
    /// (its open list empty in the fold, absent from the snapshot).
    @Test(arguments: [UInt64.random(in: 0...UInt64.max), 6_213_218_268_254_427_878])
    func aSnapshotRestoresTheRosterTablesExactly(seed: UInt64) throws {
        let state = try Projector.build(try GeneratedHistory.records(count: 3_000, seed: seed))
        let restored = try LedgerState(rosterSnapshot: state.encodedRosterSnapshot)
        #expect(restored.lastSeq == state.lastSeq, "seed \(seed)")
        #expect(restored.authorities == state.authorities, "seed \(seed)")
        #expect(restored.documents == state.documents && restored.documentsByNumber == state.documentsByNumber, "seed \(seed)")
        #expect(restored.schools == state.schools, "seed \(seed)")
        #expect(restored.groups == state.groups, "seed \(seed)")
        #expect(restored.memberships == state.memberships, "seed \(seed)")
        #expect(restored.membershipPositionsByGroup == state.membershipPositionsByGroup, "seed \(seed)")
        #expect(restored.membershipPositionsBySchool == state.membershipPositionsBySchool, "seed \(seed)")
        #expect(restored.openMembershipsByGroup == state.openMembershipsByGroup, "seed \(seed)")
        #expect(restored.openMembershipsBySchool == state.openMembershipsBySchool, "seed \(seed)")
        #expect(state.memberships.count > 100, "seed \(seed)")
        // The other tables are not in a snapshot.
        #expect(restored.secondments.isEmpty && restored.allocations.isEmpty && restored.staff.isEmpty)
    }

    /// Renames, a closure with its merger, an exit and a proposal survive the round trip.
    @Test func renamesClosuresExitsAndProposalsSurvive() throws {
        let lines = Scenario.base + [
            #"{"type":"SchoolRenamed","v":1,"effective":"2024-02-01",\#(Scenario.clerk),"data":{"schoolId":"sy-m04","nameZh":"黄塘镇中心完小"}}"#,
            #"{"type":"SchoolClosed","v":1,"effective":"2025-07-01",\#(Scenario.clerk),"data":{"schoolId":"sy-m04","mergedIntoSchoolId":"sy-c1"}}"#,
        ]
        let state = try Projector.build(try Scenario.records(lines))
        #expect(state.schools["sy-m04"]?.renames.count == 1 && state.schools["sy-m04"]?.closed?.payload == "sy-c1")
        let restored = try LedgerState(rosterSnapshot: state.encodedRosterSnapshot)
        #expect(restored.schools == state.schools && restored.groups == state.groups && restored.memberships == state.memberships)
        #expect(restored.schools["sy-m04"]?.name(onDay: Scenario.day("2024-03-01")) == "黄塘镇中心完小")
    }

    /// Every cut of a snapshot, and a changed byte at many places, is refused or restores
    /// something; it never crashes. A refusal names the byte.
    @Test func aDamagedSnapshotIsRefusedWithItsByteOffset() throws {
        let state = try Projector.build(try GeneratedHistory.records(count: 200, seed: 1))
        let snapshot = state.encodedRosterSnapshot
        let encoded = snapshot.bytes
        #expect(encoded == CanonicalJSON.encode(try JSONParser.parseCanonical(encoded)), "the snapshot is canonical JSON")
        #expect(encoded[snapshot.secondHalfOffset - 1] == UInt8(ascii: ","))
        func load(_ bytes: [UInt8], secondHalfOffset: Int = snapshot.secondHalfOffset) throws(DomainError) -> LedgerState {
            try LedgerState(rosterSnapshot: LedgerState.RosterSnapshot(bytes: bytes, secondHalfOffset: secondHalfOffset))
        }
        // A second-half offset that is not where the first half ends is refused.
        #expect(throws: DomainError.self) { try load(encoded, secondHalfOffset: snapshot.secondHalfOffset + 1) }
        #expect(throws: DomainError.self) { try load(encoded, secondHalfOffset: snapshot.secondHalfOffset - 1) }
        #expect(throws: DomainError.self) { try load(Array("{}".utf8), secondHalfOffset: 1) }
        #expect(throws: DomainError.self) { try load(Array("[1,5,[],[],[],[],[]]".utf8), secondHalfOffset: 14) }  // format 1 is not read
        #expect(throws: Never.self) { try load(Array("[2,5,[],[],[],[],[]]".utf8), secondHalfOffset: 14) }
        for cut in stride(from: 0, to: encoded.count - 1, by: max(1, encoded.count / 400)) {
            #expect(throws: DomainError.self, "cut at \(cut)") { try load(Array(encoded[..<cut])) }
        }
        var refused = 0
        for position in stride(from: 0, to: encoded.count, by: max(1, encoded.count / 400)) {
            var changed = encoded
            changed[position] = changed[position] == UInt8(ascii: "[") ? UInt8(ascii: "{") : UInt8(ascii: "[")
            do { _ = try load(changed) } catch {
                refused += 1
                #expect(error.message.contains("at byte "), "\(error.message)")
            }
        }
        #expect(refused > 300)
        let restored = try load(encoded)
        #expect(restored.schools == state.schools && restored.groups == state.groups && restored.memberships == state.memberships)
    }
}
