import Foundation
import Testing

/// `state` through the checkpoint beside the journal: the same answers as a full replay, and
/// never trusted when it does not cover exactly the journal as it is.
@Suite("State checkpoints")
struct CheckpointTests {
    static let dates = ["2021-03-01", "2022-09-01", "2023-06-15", "2024-09-01", "2025-12-31"]

    /// Each date's `state` (text and JSON), through whatever checkpoint there is, against `--no-checkpoint`.
    static func expectSameAnswers(_ scratch: Scratch, journal: String, _ comment: String) throws {
        for date in dates {
            for format in ["text", "json"] {
                let arguments = ["state", "--as-of", date, "--format", format, "--journal", journal]
                let through = try CLI.run(arguments, in: scratch.path)
                let replayed = try CLI.run(arguments + ["--no-checkpoint"], in: scratch.path)
                #expect(through.status == 0 && replayed.status == 0, "\(through.standardError)\(replayed.standardError)")
                #expect(through.standardOutput == replayed.standardOutput, "\(comment): state --as-of \(date) --format \(format)")
            }
        }
    }

    @Test func theCheckpointGivesTheReplaysAnswersAndIsRebuiltWhenStale() throws {
        let scratch = Scratch()
        #expect(try GeneratorTests.generate(["--events", "3000", "--seed", "11", "--out", "j.jsonl"], in: scratch.path) == 0)
        let checkpoint = scratch.path + "/j.jsonl.checkpoint"
        #expect(!FileManager.default.fileExists(atPath: checkpoint))
        // --read-only and --no-checkpoint write nothing.
        _ = try CLI.run(["state", "--journal", "j.jsonl", "--read-only"], in: scratch.path)
        _ = try CLI.run(["state", "--journal", "j.jsonl", "--no-checkpoint"], in: scratch.path)
        #expect(!FileManager.default.fileExists(atPath: checkpoint))
        _ = try CLI.run(["state", "--journal", "j.jsonl"], in: scratch.path)
        let written = try scratch.bytes("j.jsonl.checkpoint")
        #expect(String(decoding: written.prefix(200), as: UTF8.self).contains(#""format":"groupledger.state-checkpoint/3""#))
        try Self.expectSameAnswers(scratch, journal: "j.jsonl", "fresh checkpoint")
        #expect(try scratch.bytes("j.jsonl.checkpoint") == written, "a valid checkpoint is used, not rewritten")

        // An append makes it stale: the answer includes the new event and the checkpoint is rebuilt.
        let school = #"{"type":"SchoolRegistered","v":1,"effective":"2025-06-01","actor":{"id":"admin1","role":"LedgerAdmin"},"data":{"schoolId":"new-school","nameZh":"新建示范学校","stage":"Primary","administeredBy":"j1-edu","jurisdictionId":"j1"}}"#
        let appended = try CLI.run(["append", "--journal", "j.jsonl"], in: scratch.path, input: school + "\n")
        #expect(appended.status == 0, "\(appended.standardError)")
        let after = try CLI.run(["state", "--journal", "j.jsonl", "--format", "json"], in: scratch.path)
        #expect(after.standardOutput.contains("新建示范学校"))
        #expect(try scratch.bytes("j.jsonl.checkpoint") != written)
        try Self.expectSameAnswers(scratch, journal: "j.jsonl", "rebuilt checkpoint")
    }

    @Test func aDamagedOrForeignCheckpointIsNeverUsed() throws {
        let scratch = Scratch()
        #expect(try GeneratorTests.generate(["--events", "1500", "--seed", "12", "--out", "a.jsonl"], in: scratch.path) == 0)
        #expect(try GeneratorTests.generate(["--events", "1500", "--seed", "13", "--out", "b.jsonl"], in: scratch.path) == 0)
        _ = try CLI.run(["state", "--journal", "a.jsonl"], in: scratch.path)
        _ = try CLI.run(["state", "--journal", "b.jsonl"], in: scratch.path)
        let good = try scratch.bytes("a.jsonl.checkpoint")
        let url = URL(fileURLWithPath: scratch.path + "/a.jsonl.checkpoint")
        // A school renamed inside the snapshot (still valid JSON): the snapshot's hash differs.
        var text = String(decoding: good, as: UTF8.self)
        let name = try #require(text.range(of: "示范学校") ?? text.range(of: "学校"))
        text.replaceSubrange(name, with: "伪造学校")
        try Data(text.utf8).write(to: url)
        try Self.expectSameAnswers(scratch, journal: "a.jsonl", "edited snapshot")
        // Another journal's checkpoint, and a cut one, are not used either.
        try scratch.bytes("b.jsonl.checkpoint").write(to: url)
        try Self.expectSameAnswers(scratch, journal: "a.jsonl", "foreign checkpoint")
        try Data(good.prefix(good.count / 2)).write(to: url)
        try Self.expectSameAnswers(scratch, journal: "a.jsonl", "truncated checkpoint")
        // Deleting it changes no answer.
        try FileManager.default.removeItem(at: url)
        try Self.expectSameAnswers(scratch, journal: "a.jsonl", "no checkpoint")
    }

    /// The checkpoint is written from the replay that folds the state, the lines hashed as they
    /// are decoded: its size and root are the journal's digest, byte for byte what a second
    /// pass gave. A journal whose chain does not check (a `prev` changed) or that ends in a torn
    /// append still gets the replay's answers, and no checkpoint.
    @Test func theCheckpointIsWrittenFromTheReplayOnlyWhenTheChainChecks() throws {
        let scratch = Scratch()
        #expect(try GeneratorTests.generate(["--events", "2000", "--seed", "14", "--out", "j.jsonl"], in: scratch.path) == 0)
        let clean = try scratch.bytes("j.jsonl")
        _ = try CLI.run(["state", "--journal", "j.jsonl"], in: scratch.path)
        let header = try #require(String(decoding: try scratch.bytes("j.jsonl.checkpoint"), as: UTF8.self).split(separator: "\n").first)
        let digest = try CLI.run(["digest", "--format", "json", "--journal", "j.jsonl"], in: scratch.path)
        let published = try #require(try JSONSerialization.jsonObject(with: Data(digest.standardOutput.utf8)) as? [String: Any])
        let written = try #require(try JSONSerialization.jsonObject(with: Data(header.utf8)) as? [String: Any])
        #expect(written["size"] as? Int == 2000 && published["size"] as? Int == 2000)
        #expect(written["root"] as? String == published["root"] as? String)
        #expect(written["byteLength"] as? Int == clean.count)

        // One hex digit of line 900's prev changed: the line still decodes, the chain breaks there.
        var lines = clean.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        let line = String(decoding: lines[899], as: UTF8.self)
        let prevValue = try #require(line.range(of: #""prev":""#)).upperBound
        let digit = line[prevValue]
        let changed = line.replacingCharacters(in: prevValue...prevValue, with: digit == "0" ? "1" : "0")
        lines[899] = Data(changed.utf8)[...]
        try Data(lines.joined(separator: [UInt8(ascii: "\n")])).write(to: URL(fileURLWithPath: scratch.path + "/j.jsonl"))
        try FileManager.default.removeItem(atPath: scratch.path + "/j.jsonl.checkpoint")
        #expect(try CLI.run(["verify", "--journal", "j.jsonl"], in: scratch.path).status != 0, "the chain is broken")
        try Self.expectSameAnswers(scratch, journal: "j.jsonl", "broken chain")
        #expect(!FileManager.default.fileExists(atPath: scratch.path + "/j.jsonl.checkpoint"))

        // The clean journal with half a line appended: the sound part's answers, no checkpoint.
        try (clean + Data(#"{"actor":{"id":"admin1","#.utf8)).write(to: URL(fileURLWithPath: scratch.path + "/j.jsonl"))
        try Self.expectSameAnswers(scratch, journal: "j.jsonl", "torn tail")
        #expect(!FileManager.default.fileExists(atPath: scratch.path + "/j.jsonl.checkpoint"))
    }
}

/// Every reading command accepts `--no-checkpoint` and `--read-only`, gives the same answer
/// with either, and writes nothing beside the journal under `--read-only` or when the
/// journal's folder is read-only (mode 0555, which binds root too).
@Suite("Reading commands write nothing")
struct ReadOnlyReadingTests {
    /// The reading commands, with arguments that succeed on the shipped journal.
    static let commands: [[String]] = [
        ["state"], ["state", "--as-of", "2024-09-01", "--view", "groups"], ["state", "--view", "funds,secondments"],
        ["findings", "--all"], ["log", "--from", "1", "--to", "20"], ["replay", "--to", "30"], ["history", "sy-g1"],
        ["explain", "--school", "sy-m05", "--group", "sy-g1"], ["diff", "--known-at", "262", "--known-at", "329"],
        ["funds", "trace", "--group", "蚌山区示例教育集团一"], ["report", "annual", "--year", "2025", "--format", "md"],
        ["digest"], ["verify"], ["prove", "inclusion", "--seq", "5"], ["prove", "consistency", "--old", "10"],
    ]

    /// Names, sizes and contents of every file in `directory`.
    static func listing(_ directory: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory) {
            files[name] = try Data(contentsOf: URL(fileURLWithPath: directory + "/" + name))
        }
        return files
    }

    @Test func readingCommandsWriteNothingWhenAskedOrWhenTheFolderIsReadOnly() throws {
        let scratch = Scratch()
        let folder = scratch.path + "/journal"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: AuditCommandTests.shipped, toPath: folder + "/ledger.jsonl")
        let journal = folder + "/ledger.jsonl"
        let before = try Self.listing(folder)
        for command in Self.commands {
            let replayed = try CLI.run(command + ["--no-checkpoint", "--journal", journal], in: scratch.path)
            #expect(replayed.status == 0, "\(command): \(replayed.standardError)")
            let readOnly = try CLI.run(command + ["--read-only", "--journal", journal], in: scratch.path)
            #expect(readOnly.status == 0, "\(command): \(readOnly.standardError)")
            #expect(readOnly.standardOutput == replayed.standardOutput, "\(command)")
            #expect(try Self.listing(folder) == before, "\(command) --read-only wrote beside the journal")
        }
        // A read-only folder: no flag needed, nothing written, the same answers.
        chmod(folder, 0o555)
        defer { chmod(folder, 0o750) }
        for command in Self.commands {
            let plain = try CLI.run(command + ["--journal", journal], in: scratch.path)
            let replayed = try CLI.run(command + ["--no-checkpoint", "--journal", journal], in: scratch.path)
            #expect(plain.status == 0, "\(command): \(plain.standardError)")
            #expect(plain.standardOutput == replayed.standardOutput, "\(command)")
            #expect(try Self.listing(folder) == before, "\(command) wrote into a read-only folder")
        }
        // The same folder made writable again: `state` writes its checkpoint (so the checks above could fail).
        chmod(folder, 0o750)
        _ = try CLI.run(["state", "--journal", journal], in: scratch.path)
        #expect(FileManager.default.fileExists(atPath: journal + ".checkpoint"))
    }
}
