import Foundation
import Testing
import LedgerCore
import LedgerJournal

@Suite("The groupledger command line")
struct CLICommandTests {
    @Test func appendPrintsTheSeqsAndWritesTheDefaultJournal() throws {
        let scratch = Scratch()
        let first = try CLI.run(["append"], in: scratch.path, input: Events.lines(0..<3))
        #expect(first.status == 0)
        #expect(first.standardOutput == "appended 3 events as seq 1–3 to Journal/ledger.jsonl, recorded 2025-01-10T02:00:00Z (on disk)\n")
        #expect(first.standardError == "")
        try scratch.write(Events.lines(3..<4), to: "more.jsonl")
        let second = try CLI.run(["append", "--format", "json", "more.jsonl"], in: scratch.path)
        #expect(second.standardOutput == #"{"first": 4, "last": 4, "count": 1, "recorded": "2025-01-10T02:00:00Z"}"# + "\n")
        let journal = try scratch.text("Journal/ledger.jsonl")
        #expect(journal.split(separator: "\n").count == 4)
        #expect(journal.contains("黄塘镇教育办"))
    }

    @Test func expectSeqRefusalSaysBothNumbersAndChangesNothing() throws {
        let scratch = Scratch()
        _ = try CLI.run(["append", "--journal", "j.jsonl"], in: scratch.path, input: Events.lines(0..<2))
        let before = try scratch.bytes("j.jsonl")
        let refused = try CLI.run(["append", "--journal", "j.jsonl", "--expect-seq", "1"], in: scratch.path, input: Events.lines(2..<3))
        #expect(refused.status == 1)
        #expect(refused.standardOutput == "")
        #expect(refused.standardError == "groupledger: error: j.jsonl: expected the journal's last seq to be 1, but it is 2; nothing was appended\n")
        #expect(try scratch.bytes("j.jsonl") == before)
        let accepted = try CLI.run(["append", "--journal", "j.jsonl", "--expect-seq", "2"], in: scratch.path, input: Events.lines(2..<3))
        #expect(accepted.status == 0)
    }

    @Test func badInputNamesTheFileLineAndFieldAndWritesNothing() throws {
        let scratch = Scratch()
        _ = try CLI.run(["append"], in: scratch.path, input: Events.lines(0..<1))
        let before = try scratch.bytes("Journal/ledger.jsonl")
        try scratch.write(Events.line(1) + "\n" + Events.line(2, effective: "2024-02-30") + "\n", to: "bad.jsonl")
        let result = try CLI.run(["append", "bad.jsonl"], in: scratch.path)
        #expect(result.status == 1)
        let offset = Events.line(1).utf8.count + 1
        #expect(result.standardError == "groupledger: error: bad.jsonl line 2 (byte \(offset)): effective: 2024-02-30 does not exist (2024-02 has 29 days)\n")
        #expect(try scratch.bytes("Journal/ledger.jsonl") == before)
        let fromStandardInput = try CLI.run(["append"], in: scratch.path, input: #"{"type":"X","v":1,"effective":"2024","actor":{"id":"a"},"data":{"amountFen":12.5}}"#)
        #expect(fromStandardInput.status == 1)
        #expect(fromStandardInput.standardError.hasPrefix("groupledger: error: <stdin> line 1 (byte "))
        #expect(fromStandardInput.standardError.contains("data.amountFen"))
        #expect(try scratch.bytes("Journal/ledger.jsonl") == before)
    }

    @Test(arguments: [
        (["frobnicate"], "groupledger: error: unknown command 'frobnicate'\n  See 'groupledger --help'.\n"),
        (["verfy"], "groupledger: error: unknown command 'verfy'; did you mean 'verify'?\n  See 'groupledger --help'.\n"),
        (["log", "--jornal", "x"], "groupledger: error: unknown option '--jornal'; did you mean '--journal'?\nUsage: groupledger log [--no-checkpoint] [--read-only] [--journal PATH] [--from SEQ] [--to SEQ] [--lang zh|en] [--format text|json]\n  See 'groupledger log --help'.\n"),
        (["append", "--expect-seq", "-1"], "groupledger: error: the value '-1' is invalid for '--expect-seq': expected a whole number in 0–9007199254740991\nUsage: groupledger append [--journal PATH] [--expect-seq N] [--wait MILLISECONDS] [--format text|json] [FILE|-]\n  See 'groupledger append --help'.\n"),
        (["append", "--expect-seq"], "groupledger: error: missing value for '--expect-seq N'\nUsage: groupledger append [--journal PATH] [--expect-seq N] [--wait MILLISECONDS] [--format text|json] [FILE|-]\n  See 'groupledger append --help'.\n"),
        (["verify", "--digest", "12"], "groupledger: error: the value '12' is invalid for '--digest': expected SIZE:ROOTHEX (a whole number, a colon, 64 lowercase hex digits)\nUsage: groupledger verify [--no-checkpoint] [--read-only] [--journal PATH] [--digest SIZE:ROOTHEX] [--format text|json]\n  See 'groupledger verify --help'.\n"),
        (["log", "--format", "xml"], "groupledger: error: the value 'xml' is invalid for '--format': expected one of text, json\nUsage: groupledger log [--no-checkpoint] [--read-only] [--journal PATH] [--from SEQ] [--to SEQ] [--lang zh|en] [--format text|json]\n  See 'groupledger log --help'.\n"),
        (["prove"], "groupledger: error: 'prove' needs a subcommand: prove inclusion, prove consistency\n  See 'groupledger --help'.\n"),
        (["prove", "inclusion"], "groupledger: error: missing '--seq N'\nUsage: groupledger prove inclusion --seq N [--size M] [--no-checkpoint] [--read-only] [--journal PATH] [--format text|json]\n  See 'groupledger prove inclusion --help'.\n"),
        (["digest", "extra"], "groupledger: error: unexpected argument 'extra'\nUsage: groupledger digest [--no-checkpoint] [--read-only] [--journal PATH] [--format text|json]\n  See 'groupledger digest --help'.\n"),
    ])
    func usageErrorsExitWith64AndSayWhatIsWrong(arguments: [String], expected: String) throws {
        let scratch = Scratch()
        let result = try CLI.run(arguments, in: scratch.path)
        #expect(result.status == 64)
        #expect(result.standardOutput == "")
        #expect(result.standardError == expected)
    }

    @Test func everyCommandHasHelp() throws {
        let scratch = Scratch()
        let overview = try CLI.run(["--help"], in: scratch.path)
        #expect(overview.status == 0)
        for command in ["append", "log", "verify", "digest", "prove inclusion", "prove consistency", "recover", "state"] {
            #expect(overview.standardOutput.contains("  " + command + " "))
            let help = try CLI.run(command.split(separator: " ").map(String.init) + ["--help"], in: scratch.path)
            #expect(help.status == 0)
            #expect(help.standardOutput.hasPrefix("OVERVIEW: "))
            #expect(help.standardOutput.contains("USAGE: groupledger \(command)"))
        }
    }

    @Test func verifyDigestAndProveAgreeAndCatchTampering() throws {
        let scratch = Scratch()
        _ = try CLI.run(["append"], in: scratch.path, input: Events.lines(0..<3))
        let digestText = try CLI.run(["digest"], in: scratch.path)
        #expect(digestText.status == 0)
        let published = digestText.standardOutput.trimmingCharacters(in: .newlines)
        let digest = try #require(JournalDigest(parsing: published))
        #expect(digest.size == 3)
        let digestJSON = try CLI.run(["digest", "--format", "json"], in: scratch.path)
        #expect(digestJSON.standardOutput == #"{"size": 3, "root": "\#(digest.root.hex)"}"# + "\n")
        let ok = try CLI.run(["verify"], in: scratch.path)
        #expect(ok.status == 0)
        #expect(ok.standardOutput == "ok: Journal/ledger.jsonl is sound: 3 events, digest \(published)\n")

        _ = try CLI.run(["append"], in: scratch.path, input: Events.lines(3..<5))
        #expect(try CLI.run(["verify", "--digest", published], in: scratch.path).status == 0)
        let proofOutput = try CLI.run(["prove", "consistency", "--old", "3", "--format", "json"], in: scratch.path)
        let proof = try #require(try JSONSerialization.jsonObject(with: Data(proofOutput.standardOutput.utf8)) as? [String: Any])
        #expect(proof["old"] as? Int == 3 && proof["new"] as? Int == 5)
        #expect(proof["oldRoot"] as? String == digest.root.hex)
        let path = try #require(proof["path"] as? [String]).compactMap { SHA256Digest(hex: $0) }
        let newRootText = try #require(proof["newRoot"] as? String)
        let newRoot = try #require(SHA256Digest(hex: newRootText))
        #expect(MerkleProofs.verifyConsistency(oldSize: 3, newSize: 5, oldRoot: digest.root, newRoot: newRoot, path: path))
        let inclusionOutput = try CLI.run(["prove", "inclusion", "--seq", "2", "--size", "3", "--format", "json"], in: scratch.path)
        let inclusion = try #require(try JSONSerialization.jsonObject(with: Data(inclusionOutput.standardOutput.utf8)) as? [String: Any])
        #expect(Set(inclusion.keys) == ["seq", "size", "leaf", "path", "root"])
        #expect(inclusion["root"] as? String == digest.root.hex)

        // Edit line 2 so that it still parses: verify names line 3, whose prev no longer matches.
        var text = try scratch.text("Journal/ledger.jsonl")
        let range = try #require(text.range(of: "auth-1"))
        text.replaceSubrange(range, with: "auth-9")
        try scratch.write(text, to: "Journal/ledger.jsonl")
        let tampered = try CLI.run(["verify"], in: scratch.path)
        #expect(tampered.status == 1)
        #expect(tampered.standardOutput.hasPrefix("FAILED: Journal/ledger.jsonl line 3 (byte "))
        #expect(tampered.standardOutput.contains("prev: does not match the leaf hash of line 2"))
        let tamperedJSON = try CLI.run(["verify", "--format", "json"], in: scratch.path)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(tamperedJSON.standardOutput.utf8)) as? [String: Any])
        #expect(report["sound"] as? Bool == false)
        #expect((report["problem"] as? [String: Any])?["line"] as? Int == 3)
    }

    @Test func logShowsWholeBatchesAndRecoverMovesATornTail() throws {
        let scratch = Scratch()
        _ = try CLI.run(["append"], in: scratch.path, input: Events.lines(0..<2))
        _ = try CLI.run(["append"], in: scratch.path, input: Events.lines(2..<4))
        let whole = try scratch.bytes("Journal/ledger.jsonl")
        let json = try CLI.run(["log", "--format", "json", "--from", "2", "--to", "3"], in: scratch.path)
        let lines = String(decoding: whole, as: UTF8.self).split(separator: "\n").map(String.init)
        #expect(json.standardOutput == lines[1] + "\n" + lines[2] + "\n")
        let text = try CLI.run(["log", "--to", "1", "--lang", "en"], in: scratch.path)
        #expect(text.standardOutput == """
            seq 1  AuthorityRegistered v1
              recorded     2025-01-10 10:00:00 Beijing time (UTC+8)
              effective    2024-09-01
              recorded by  admin1 (LedgerAdmin)
              authority    邵教发〔2023〕50号
              data         {"authorityId":"auth-0","jurisdictionId":"sy","kind":"EducationBureau","level":"County","nameZh":"黄塘镇教育办0"}

            """)
        // Cut the last batch in the middle of its second line.
        let cut = whole.count - 40
        try Data(whole[0..<cut]).write(to: URL(fileURLWithPath: scratch.path + "/Journal/ledger.jsonl"))
        let log = try CLI.run(["log", "--format", "json"], in: scratch.path)
        #expect(log.status == 0)
        #expect(log.standardOutput == lines[0] + "\n" + lines[1] + "\n")
        #expect(log.standardError.hasPrefix("groupledger: warning: Journal/ledger.jsonl line 4 (byte "))
        let refused = try CLI.run(["append"], in: scratch.path, input: Events.lines(9..<10))
        #expect(refused.status == 1)
        let boundary = lines[0].utf8.count + lines[1].utf8.count + 2
        #expect(refused.standardError.hasPrefix("groupledger: error: Journal/ledger.jsonl line 3 (byte \(boundary)): refusing to append: the journal ends in a torn tail of \(cut - boundary) bytes from byte \(boundary)"))
        let recovered = try CLI.run(["recover"], in: scratch.path)
        #expect(recovered.status == 0)
        #expect(recovered.standardOutput.hasPrefix("moved \(cut - boundary) bytes (1 complete line of an unfinished batch, from line 3) from byte \(boundary) of Journal/ledger.jsonl to Journal/ledger.jsonl.torn-\(boundary)\n"))
        #expect(try scratch.bytes("Journal/ledger.jsonl.torn-\(boundary)") == whole[boundary..<cut])
        #expect(try CLI.run(["verify"], in: scratch.path).status == 0)
        let again = try CLI.run(["recover"], in: scratch.path)
        #expect(again.standardOutput == "nothing to recover: Journal/ledger.jsonl ends with a whole batch (2 events)\n")
    }

    @Test func twoProcessesAppendingAtOnceGiveAGapFreeValidJournal() throws {
        let scratch = Scratch()
        let appendsPerProcess = 25
        // Erasure records may repeat, so every process can append the same batch.
        let erasure = #"{"type":"PersonalDataErased","v":1,"effective":"2025-01","actor":{"id":"admin1","role":"LedgerAdmin"},"data":{"subjectId":"staff-0001"}}"#
        try scratch.write(erasure + "\n" + erasure + "\n", to: "batch.jsonl")
        let directory = scratch.path
        let group = DispatchGroup()
        let failures = FailureCounter()
        for _ in 0..<2 {
            DispatchQueue.global().async(group: group) {
                for _ in 0..<appendsPerProcess {
                    let result = try? CLI.run(["append", "--wait", "30000", "batch.jsonl"], in: directory)
                    if result?.status != 0 { failures.increment() }
                }
            }
        }
        group.wait()
        #expect(failures.count == 0)
        let verify = try CLI.run(["verify"], in: scratch.path)
        #expect(verify.status == 0)
        #expect(verify.standardOutput.contains("is sound: \(2 * appendsPerProcess * 2) events"))
    }
}

/// A thread-safe counter for failures seen on background queues.
final class FailureCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func increment() { lock.lock(); value += 1; lock.unlock() }
    var count: Int { lock.lock(); defer { lock.unlock() }; return value }
}
