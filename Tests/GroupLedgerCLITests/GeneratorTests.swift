import ChildProcess
import Foundation
import LedgerCore
import LedgerJournal
import Testing

/// `Tools/generate-journal`: valid, deterministic journals with every event type.
@Suite("The journal generator")
struct GeneratorTests {
    static let generator: URL = {
        let beside = Bundle.main.bundleURL.appendingPathComponent("generate-journal")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        return CLI.packageRoot.appendingPathComponent(".build/debug/generate-journal")
    }()

    static func generate(_ arguments: [String], in directory: String) throws -> Int32 {
        try ChildProcess.run(generator.path, arguments, directory: directory, standardOutput: .discard, standardError: .inherit).status
    }

    @Test func writesAValidDeterministicJournalWithEveryEventType() throws {
        let scratch = Scratch()
        #expect(try Self.generate(["--events", "6000", "--seed", "42", "--out", "a.jsonl"], in: scratch.path) == 0)
        #expect(try Self.generate(["--events", "6000", "--seed", "42", "--out", "b.jsonl"], in: scratch.path) == 0)
        #expect(try scratch.bytes("a.jsonl") == scratch.bytes("b.jsonl"))
        #expect(try Self.generate(["--events", "6000", "--seed", "43", "--out", "c.jsonl"], in: scratch.path) == 0)
        #expect(try scratch.bytes("a.jsonl") != scratch.bytes("c.jsonl"))
        let verify = try CLI.run(["verify", "--journal", "a.jsonl"], in: scratch.path)
        #expect(verify.standardOutput.hasPrefix("ok: a.jsonl is sound: 6000 events"))
        let types = Set(try scratch.text("a.jsonl").split(separator: "\n").compactMap { line -> String? in
            guard let range = line.range(of: #""type":""#, options: .backwards) else { return nil }  // the envelope's, after data
            return String(line[range.upperBound...].prefix { $0 != "\"" })
        })
        #expect(types.count == EventCatalog.eventTypes.count, "missing: \(Set(EventCatalog.eventTypes).subtracting(types))")
        // Every event passed the domain checks when generated; a fresh fold agrees.
        #expect(try CLI.run(["state", "--journal", "a.jsonl", "--format", "json"], in: scratch.path).status == 0)
        #expect(try Self.generate(["--events", "10", "--out", "a.jsonl"], in: scratch.path) == 64)  // refuses to append to a journal
    }

    /// A fold that keeps no history (what `state` uses for groups and schools) accepts the
    /// generator's every event type and holds the same roster, people, funds and approvals as a
    /// full fold; `state --format json` prints the same bytes either way (a history view makes
    /// it fold in full).
    @Test func aLiveFoldOfAGeneratedJournalHoldsWhatAFullFoldHolds() throws {
        let scratch = Scratch()
        #expect(try Self.generate(["--events", "8000", "--seed", "5", "--out", "a.jsonl"], in: scratch.path) == 0)
        let path = scratch.path + "/a.jsonl"
        let full = try JournalReading.state(path: path, retention: .full)
        let live = try JournalReading.state(path: path, retention: .live)
        #expect(full.secondments.count > 500 && full.activities.count > 100 && full.expenditures.count > 100)
        #expect(full.costShares.count > 0 && full.assessments.count > 0)
        #expect(live.secondmentRows.count == 0 && live.activityRows.count == 0 && live.expenditureRows.count == 0)
        #expect(live.authorities == full.authorities && live.documents == full.documents && live.schools == full.schools)
        #expect(live.campuses == full.campuses && live.groups == full.groups && live.memberships == full.memberships)
        #expect(live.staff == full.staff && live.roleAssignments == full.roleAssignments && live.headcounts == full.headcounts)
        #expect(live.allocationRows == full.allocationRows && live.earmarkRows == full.earmarkRows && live.approvalRows == full.approvalRows)
        #expect(live.corrected == full.corrected && live.lastSeq == 8000 && !full.corrected.isEmpty)
        for seq in full.corrected.keys { #expect(live.eventType(ofSeq: seq) == full.eventType(ofSeq: seq)) }
        let roster = try CLI.run(["state", "--no-checkpoint", "--journal", "a.jsonl", "--format", "json"], in: scratch.path)
        let folded = try CLI.run(["state", "--no-checkpoint", "--journal", "a.jsonl", "--format", "json", "--view", "groups,schools,secondments"],
                                 in: scratch.path)
        #expect(roster.status == 0 && folded.status == 0)
        #expect(roster.standardOutput == folded.standardOutput)
    }

    /// The schools are a province's however long the journal: the steady stream opens and
    /// closes at most a twentieth of the registered schools each (it once opened one school in
    /// every 125 events, 90,000 schools at 10M events for a province of 10,000).
    @Test func theSteadyStreamKeepsTheSchoolCountNearTheRegisteredOne() throws {
        let scratch = Scratch()
        #expect(try Self.generate(["--events", "12000", "--schools", "40", "--out", "a.jsonl"], in: scratch.path) == 0)
        let lines = try scratch.text("a.jsonl").split(separator: "\n")
        func count(_ type: String) -> Int { lines.filter { $0.hasSuffix(#""type":"\#(type)","v":1}"#) }.count }
        #expect(lines.count == 12000)
        #expect(count("SchoolRegistered") >= 40)
        #expect(count("SchoolRegistered") <= 42, "a twentieth of 40 schools may open: \(count("SchoolRegistered") - 40) did")
        #expect(count("SchoolClosed") <= 2)
        #expect(count("SecondmentStarted") > 1000, "the stream still runs: \(count("SecondmentStarted")) secondments")
    }
}
