import Foundation
import Testing

/// `replay` and `history` on the shipped journal, against golden files (regenerate one with the
/// command in its test, after checking the difference by eye).
@Suite("Audit commands on the shipped journal")
struct AuditCommandTests {
    static let shipped = CLI.packageRoot.appendingPathComponent("Journal/ledger.jsonl").path

    static func golden(_ name: String) throws -> String {
        String(decoding: try Data(contentsOf: CLI.packageRoot.appendingPathComponent("Tests/GroupLedgerCLITests/Golden/\(name)")), as: UTF8.self)
    }

    @Test(arguments: [
        (["replay", "--from", "1", "--to", "12"], "replay-1-12.zh.txt"),
        (["replay", "--from", "295", "--to", "305", "--lang", "en"], "replay-295-305.en.txt"),
        (["replay", "--from", "298", "--to", "303", "--format", "json"], "replay-298-303.jsonl"),
        (["history", "黄塘中学", "--lang", "en"], "history-huangtang.en.txt"),
    ])
    func matchesTheGoldenOutput(arguments: [String], golden: String) throws {
        let scratch = Scratch()
        let result = try CLI.run(arguments + ["--journal", Self.shipped], in: scratch.path)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput == (try Self.golden(golden)), "groupledger \(arguments.joined(separator: " ")) differs from Golden/\(golden)")
    }

    @Test func aReplayShowsTheCorrectionBesideWhatItCorrects() throws {
        let output = try Self.golden("replay-295-305.en.txt")
        #expect(output.contains("seq 298  GroupActivityHeld"))
        #expect(output.contains("corrected by seq  303"))
        #expect(output.contains("corrects seq      298"))
        #expect(output.contains("Beijing time (UTC+8)"))
        #expect(try Self.golden("replay-1-12.zh.txt").contains("（北京时间）"))
    }

    @Test func historyTakesNamesAndDocumentNumbersAndRefusesAmbiguousOnes() throws {
        let scratch = Scratch()
        let byNumber = try CLI.run(["history", "邵教发〔2023〕 50号", "--journal", Self.shipped, "--format", "json"], in: scratch.path)
        #expect(byNumber.status == 0)
        #expect(byNumber.standardOutput.split(separator: "\n").count > 50)
        let ambiguous = try CLI.run(["history", "平顶山市湛河区实验小学教育集团", "--journal", Self.shipped], in: scratch.path)
        #expect(ambiguous.status == 1)
        #expect(ambiguous.standardError.contains("is ambiguous: it names zh-g01 (group), zh-g2018-shiyan (group); give one of the ids"))
        let unknown = try CLI.run(["history", "不存在学校", "--journal", Self.shipped], in: scratch.path)
        #expect(unknown.standardError.contains("nothing is registered as \"不存在学校\""))
    }
}
