import Foundation
import Testing

/// `history`, `replay` and `explain` describe only the events they show, `replay --to` and
/// `explain` stop reading after the last seq they show, and `history` resolves names from the
/// roster; these tests hold what they print to an independent reading of the journal.
@Suite("Audit queries read only what they show")
struct AuditQueryTests {
    static let shipped = AuditCommandTests.shipped

    /// The seqs of the shipped events whose `data` holds `id` as a string value (nested ones
    /// too) or whose authority cites it, then the corrections of any of them, in seq order:
    /// read with Foundation's JSON, not the tool's.
    static func seqsTouching(_ id: String) throws -> [Int64] {
        func holds(_ value: Any) -> Bool {
            switch value {
            case let text as String: return text == id
            case let items as [Any]: return items.contains(where: holds)
            case let object as [String: Any]: return object.values.contains(where: holds)
            default: return false
            }
        }
        var touching: [Int64] = []
        for line in try String(contentsOfFile: shipped, encoding: .utf8).split(separator: "\n") {
            let event = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let seq = try #require(event["seq"] as? Int)
            let data = try #require(event["data"] as? [String: Any])
            let authority = event["authority"] as? [String: Any]
            let corrects = event["type"] as? String == "EntryCorrected" && (data["targetSeq"] as? Int).map { touching.contains(Int64($0)) } == true
            if holds(data) || authority?["approval"] as? String == id || authority?["document"] as? String == id || corrects {
                touching.append(Int64(seq))
            }
        }
        return touching
    }

    /// The seqs of `history … --format json`'s lines.
    static func seqs(ofJSONLines output: String) throws -> [Int64] {
        try output.split(separator: "\n").map { line in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            return Int64(try #require(object["seq"] as? Int))
        }
    }

    // Ids the roster holds (a school, a group) and ids only the full state knows (staff, an
    // allocation, an approval, an earmark, a secondment).
    @Test(arguments: ["zh-s01", "sy-g1", "staff-bs-0001", "alloc-bs-2025-0001", "ap-zh-g02-form", "earmark-bs-2025-0001", "sec-bs-0001"])
    func historyOfAnIdShowsEveryEventThatHoldsIt(id: String) throws {
        let scratch = Scratch()
        let expected = try Self.seqsTouching(id)
        #expect(!expected.isEmpty, "the shipped journal mentions \(id)")
        let result = try CLI.run(["history", id, "--format", "json", "--journal", Self.shipped], in: scratch.path)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(try Self.seqs(ofJSONLines: result.standardOutput) == expected)
    }

    @Test func historyOfAnUnknownIdPrintsNothingButTheError() throws {
        let scratch = Scratch()
        // It looks like an id, so its events were held until the full state could say.
        let result = try CLI.run(["history", "nothing-here", "--journal", Self.shipped], in: scratch.path)
        #expect(result.status == 1)
        #expect(result.standardOutput.isEmpty)
        #expect(result.standardError.contains("nothing is registered as \"nothing-here\""))
    }

    @Test func historyFindsAnAliasThatLooksLikeAnId() throws {
        let scratch = Scratch()
        let aliased = #"{"type":"AuthorityRegistered","v":1,"effective":"2024-09-01","actor":{"id":"admin1","role":"LedgerAdmin"},"authority":{"document":"邵教发〔2023〕50号"},"data":{"aliasesZh":["town-office"],"authorityId":"auth-9","nameZh":"黄塘镇教育办9","kind":"EducationBureau","level":"County","jurisdictionId":"sy"}}"#
        let appended = try CLI.run(["append", "-", "--journal", "Journal/ledger.jsonl"], in: scratch.path,
                                   input: Events.lines(0..<3) + aliased + "\n" + Events.line(10) + "\n")
        #expect(appended.status == 0, "\(appended.standardError)")
        let byAlias = try CLI.run(["history", "town-office", "--format", "json", "--journal", "Journal/ledger.jsonl"], in: scratch.path)
        #expect(byAlias.status == 0, "\(byAlias.standardError)")
        #expect(try Self.seqs(ofJSONLines: byAlias.standardOutput) == [4])
        let byId = try CLI.run(["history", "auth-9", "--format", "json", "--journal", "Journal/ledger.jsonl"], in: scratch.path)
        #expect(byId.standardOutput == byAlias.standardOutput)
    }

    @Test func replayToASeqReadsNoFurther() throws {
        let scratch = Scratch()
        // The shipped journal with line 320 cut short: a full replay stops there with an error,
        // but the events up to 12 print as from the whole journal.
        var lines = try String(contentsOfFile: Self.shipped, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        lines[319] = #"{"broken":"#
        try scratch.write(lines.joined(separator: "\n"), to: "Journal/ledger.jsonl")
        let upTo12 = try CLI.run(["replay", "--from", "1", "--to", "12", "--read-only"], in: scratch.path)
        #expect(upTo12.status == 0, "\(upTo12.standardError)")
        #expect(upTo12.standardOutput == (try AuditCommandTests.golden("replay-1-12.zh.txt")))
        let whole = try CLI.run(["replay", "--from", "1", "--read-only"], in: scratch.path)
        #expect(whole.status == 1)
        #expect(whole.standardError.contains("line 320"))
    }

    @Test func replayAndExplainShowTheSameBlocksAsAWholeReplay() throws {
        let scratch = Scratch()
        let whole = try CLI.run(["replay", "--format", "json", "--journal", Self.shipped], in: scratch.path)
        #expect(whole.status == 0, "\(whole.standardError)")
        let lines = whole.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.count == 329)
        let slice = try CLI.run(["replay", "--from", "150", "--to", "160", "--format", "json", "--journal", Self.shipped], in: scratch.path)
        #expect(slice.standardOutput == lines[149..<160].map { $0 + "\n" }.joined())
        let explained = try CLI.run(["explain", "--seqs", "298,5,303", "--format", "json", "--journal", Self.shipped], in: scratch.path)
        #expect(explained.status == 0, "\(explained.standardError)")
        // With the approval request and decision that seq 303 cites.
        #expect(explained.standardOutput == [5, 298, 301, 302, 303].map { lines[$0 - 1] + "\n" }.joined())
    }

    @Test func logFromASeqShowsTheSameLinesAsAWholeLog() throws {
        let scratch = Scratch()
        let whole = try CLI.run(["log", "--format", "json", "--journal", Self.shipped], in: scratch.path)
        let lines = whole.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.count == 329)
        // The first line, a batch's first and second lines, a batch's last, the last line.
        for from in [1, 2, 8, 9, 39, 300, 329] {
            let result = try CLI.run(["log", "--from", String(from), "--format", "json", "--journal", Self.shipped], in: scratch.path)
            #expect(result.status == 0, "\(result.standardError)")
            #expect(result.standardOutput == lines[(from - 1)...].map { $0 + "\n" }.joined(), "--from \(from)")
        }
        let beyond = try CLI.run(["log", "--from", "400", "--journal", Self.shipped], in: scratch.path)
        #expect(beyond.status == 0)
        #expect(beyond.standardOutput.isEmpty)
    }

    @Test func logFromASeqReadsNoLineBeforeItsBatch() throws {
        let scratch = Scratch()
        // Line 5 cut short: the log from line 1 stops there with the error; the log from 300
        // reads from its batch on and shows its lines as in the whole journal.
        let original = try String(contentsOfFile: Self.shipped, encoding: .utf8)
        var lines = original.split(separator: "\n", omittingEmptySubsequences: false)
        lines[4] = #"{"broken":"#
        try scratch.write(lines.joined(separator: "\n"), to: "Journal/ledger.jsonl")
        let fromStart = try CLI.run(["log", "--read-only"], in: scratch.path)
        #expect(fromStart.status == 1)
        #expect(fromStart.standardError.contains("line 5"))
        let from300 = try CLI.run(["log", "--from", "300", "--format", "json"], in: scratch.path)
        #expect(from300.status == 0, "\(from300.standardError)")
        #expect(from300.standardOutput == original.split(separator: "\n")[299...].map { $0 + "\n" }.joined())
    }
}
