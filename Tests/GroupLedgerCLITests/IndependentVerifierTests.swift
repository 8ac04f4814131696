import ChildProcess
import Foundation
import Testing

/// `Tools/verify_journal.py`, the auditor's standard-library verifier, against journals made
/// by the tool and tampered copies of them.
@Suite("The independent verifier")
struct IndependentVerifierTests {
    static func python(_ arguments: [String], in directory: String) throws -> (status: Int32, output: String) {
        let script = arguments.first == "--packet" ? "verify_journal.py" : CLI.packageRoot.appendingPathComponent("Tools/verify_journal.py").path
        let result = try ChildProcess.run("/usr/bin/env", ["python3", script] + arguments, directory: directory, standardError: .inherit)
        return (result.status, result.outputText)
    }

    @Test func agreesWithTheToolOnTheShippedJournalAndItsProofs() throws {
        let scratch = Scratch()
        let shipped = CLI.packageRoot.appendingPathComponent("Journal/ledger.jsonl").path
        let digest = try CLI.run(["digest", "--journal", shipped], in: scratch.path).standardOutput.trimmingCharacters(in: .newlines)
        try scratch.write(try CLI.run(["prove", "inclusion", "--seq", "123", "--journal", shipped, "--format", "json"], in: scratch.path).standardOutput,
                          to: "inclusion.json")
        try scratch.write(try CLI.run(["prove", "consistency", "--old", "100", "--journal", shipped, "--format", "json"], in: scratch.path).standardOutput,
                          to: "consistency.json")
        let result = try Self.python([shipped, "--digest", digest, "--inclusion", "inclusion.json", "--consistency", "consistency.json"], in: scratch.path)
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output == "ok: \(shipped) is sound: \(digest.split(separator: ":")[0]) events, digest \(digest)\n")
    }

    @Test func namesTheFirstBadLineOfTamperedCopies() throws {
        let scratch = Scratch()
        _ = try CLI.run(["append"], in: scratch.path, input: Events.lines(0..<2))
        _ = try CLI.run(["append"], in: scratch.path, input: Events.lines(2..<4))
        _ = try CLI.run(["append"], in: scratch.path, input: Events.lines(4..<6))
        let published = try CLI.run(["digest"], in: scratch.path).standardOutput.trimmingCharacters(in: .newlines)
        let lines = try scratch.text("Journal/ledger.jsonl").split(separator: "\n").map(String.init)
        func check(_ tampered: [String], expecting prefix: String, digest: Bool = false) throws {
            try scratch.write(tampered.joined(separator: "\n") + "\n", to: "tampered.jsonl")
            let result = try Self.python(["tampered.jsonl"] + (digest ? ["--digest", published] : []), in: scratch.path)
            #expect(result.status == 1, "\(result.output)")
            #expect(result.output.hasPrefix("FAILED: tampered.jsonl " + prefix), "\(result.output)")
        }
        var edited = lines
        edited[2] = edited[2].replacingOccurrences(of: "黄塘镇教育办2", with: "黄塘镇教育办9")
        try check(edited, expecting: "line 4: prev does not match the leaf hash of line 3")
        var deleted = lines
        deleted.remove(at: 3)
        try check(deleted, expecting: "line 4: seq: expected 4, found 5")
        var reordered = lines
        reordered.swapAt(1, 2)
        try check(reordered, expecting: "line 2: seq: expected 2, found 3")
        // A forged history: the same first batch, then different batches appended by the tool
        // with a recomputed chain. Only the published digest catches it.
        let forged = Scratch()
        try forged.write(lines[0] + "\n" + lines[1] + "\n", to: "Journal/ledger.jsonl")
        _ = try CLI.run(["append"], in: forged.path, input: Events.lines(7..<11))
        let forgedLines = try forged.text("Journal/ledger.jsonl").split(separator: "\n").map(String.init)
        try scratch.write(forgedLines.joined(separator: "\n") + "\n", to: "forged.jsonl")
        #expect(try Self.python(["forged.jsonl"], in: scratch.path).status == 0)
        let caught = try Self.python(["forged.jsonl", "--digest", published], in: scratch.path)
        #expect(caught.status == 1)
        #expect(caught.output.contains("history up to line 6 was rewritten"))
        // And the tool's own verify agrees.
        #expect(try CLI.run(["verify", "--journal", "forged.jsonl", "--digest", published], in: scratch.path).status == 1)
    }
}

@Suite("Audit packets")
struct AuditPacketTests {
    @Test func anExportedPacketVerifiesOfflineAndATamperedOneDoesNot() throws {
        let scratch = Scratch()
        let shipped = CLI.packageRoot.appendingPathComponent("Journal/ledger.jsonl").path
        let export = try CLI.run(["export", "--jurisdiction", "zy", "--out", "packet", "--journal", shipped], in: scratch.path)
        #expect(export.status == 0, "\(export.standardError)")
        let digest = try CLI.run(["digest", "--journal", shipped], in: scratch.path).standardOutput.trimmingCharacters(in: .newlines)
        let (status, text) = try IndependentVerifierTests.python(["--packet", "."], in: scratch.path + "/packet")
        #expect(status == 0, "\(text)")
        #expect(text.hasSuffix("each included in the journal of digest \(digest)\n"))
        let events = try scratch.text("packet/events.jsonl")
        #expect(events.contains("张教发〔2024〕79号") && !events.contains("邵教发"))
        // Change one event: the packet no longer verifies.
        try scratch.write(events.replacingOccurrences(of: "张掖中学教育集团", with: "张掖中学教育集团二"), to: "packet/events.jsonl")
        let tampered = try IndependentVerifierTests.python(["--packet", "."], in: scratch.path + "/packet")
        #expect(tampered.status == 1)
        #expect(tampered.output.contains("the line was changed"))
    }
}
