import LedgerCore
import Testing

@Suite("Roster snapshots (what a checkpoint stores)")
struct RosterSnapshotTests {
    /// A snapshot of a generated history restores every roster table exactly, and the memberships'
    /// per-group and per-school order, which the views rely on.
    @Test func aSnapshotRestoresTheRosterTablesExactly() throws {
        let seed = UInt64.random(in: 0...UInt64.max)
        let state = try Projector.build(try GeneratedHistory.records(count: 3_000, seed: seed))
        let encoded = CanonicalJSON.encode(state.rosterSnapshot)
        let restored = try LedgerState(rosterSnapshot: try JSONParser.parseCanonical(encoded))
        #expect(restored.lastSeq == state.lastSeq, "seed \(seed)")
        #expect(restored.authorities == state.authorities, "seed \(seed)")
        #expect(restored.documents == state.documents && restored.documentsByNumber == state.documentsByNumber, "seed \(seed)")
        #expect(restored.schools == state.schools, "seed \(seed)")
        #expect(restored.groups == state.groups, "seed \(seed)")
        #expect(restored.memberships == state.memberships, "seed \(seed)")
        #expect(restored.membershipsByGroup == state.membershipsByGroup, "seed \(seed)")
        #expect(restored.membershipsBySchool == state.membershipsBySchool, "seed \(seed)")
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
        let restored = try LedgerState(rosterSnapshot: try JSONParser.parseCanonical(CanonicalJSON.encode(state.rosterSnapshot)))
        #expect(restored.schools == state.schools && restored.groups == state.groups && restored.memberships == state.memberships)
        #expect(restored.schools["sy-m04"]?.name(onDay: Scenario.day("2024-03-01")) == "黄塘镇中心完小")
    }

    @Test func aDamagedSnapshotIsRefusedByMember() throws {
        #expect(throws: DomainError.self) { try LedgerState(rosterSnapshot: .object(JSONObject())) }
        let state = try Projector.build(try GeneratedHistory.records(count: 200, seed: 1))
        guard case .object(var root) = state.rosterSnapshot else { Issue.record("not an object"); return }
        root["memberships"] = .array([.object(JSONObject(uniqueKeysWithValues: [("membershipId", .string("m"))]))])
        #expect(throws: DomainError.self) { try LedgerState(rosterSnapshot: .object(root)) }
    }
}
