import Foundation
import Testing

@Suite("The shipped journal")
struct ShippedJournalTests {
    static let shipped = CLI.packageRoot.appendingPathComponent("Journal/ledger.jsonl").path

    @Test func verifiesAndRebuildsByteForByteFromItsSource() throws {
        let scratch = Scratch()
        let verify = try CLI.run(["verify", "--journal", Self.shipped], in: scratch.path)
        #expect(verify.status == 0, "\(verify.standardOutput)\(verify.standardError)")
        let list = CLI.packageRoot.appendingPathComponent("Journal/source/batches.tsv").path
        let rebuilt = try CLI.run(["import", list, "--journal", "rebuilt.jsonl"], in: scratch.path)
        #expect(rebuilt.status == 0, "\(rebuilt.standardError)")
        #expect(try scratch.bytes("rebuilt.jsonl") == Data(contentsOf: URL(fileURLWithPath: Self.shipped)))
    }

    @Test func holdsTheFiveJurisdictionsWithExactNamesAndPlannedGroupsAsProposals() throws {
        let scratch = Scratch()
        let state = try CLI.run(["state", "--journal", Self.shipped, "--format", "json"], in: scratch.path)
        #expect(state.status == 0, "\(state.standardError)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(state.standardOutput.utf8)) as? [String: Any])
        let groups = try #require(json["groups"] as? [[String: Any]])
        #expect(Set(groups.compactMap { $0["jurisdictionId"] as? String }) == ["zh", "bs", "xp", "sy", "zy"])
        let names = Set(groups.compactMap { $0["nameZh"] as? String })
        #expect(names.contains("邵阳县芙蓉学校教育集团"))
        #expect(names.contains("张掖中学教育集团"))
        // 邵阳县's groups are planned (拟成立): proposals, not established facts, except where the
        // synthetic part of the journal establishes one.
        let shaoyang = groups.filter { $0["jurisdictionId"] as? String == "sy" }
        #expect(shaoyang.contains { $0["status"] as? String == "Proposed" })
        // 蚌山区 names no schools: its groups are synthetic, and marked so.
        let bengshan = groups.filter { $0["jurisdictionId"] as? String == "bs" }
        #expect(!bengshan.isEmpty && bengshan.allSatisfy { $0["synthetic"] as? Bool == true })
        let log = try CLI.run(["log", "--journal", Self.shipped, "--format", "json"], in: scratch.path)
        #expect(log.standardOutput.contains("邵教发〔2023〕50号"))
        #expect(log.standardOutput.contains("张教发〔2024〕79 号"))  // as printed, beside the normalised form
        #expect(log.standardOutput.contains(#""inferred":["issuedOn"]"#))
    }

    @Test func outputsCanShowDocumentedOrSyntheticFactsAlone() throws {
        let scratch = Scratch()
        func groups(_ facts: String) throws -> [[String: Any]] {
            let output = try CLI.run(["state", "--journal", Self.shipped, "--facts", facts, "--format", "json"], in: scratch.path)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [String: Any])
            return try #require(json["groups"] as? [[String: Any]])
        }
        let documented = try groups("documented")
        let synthetic = try groups("synthetic")
        #expect(!documented.isEmpty && documented.allSatisfy { $0["synthetic"] as? Bool == false })
        #expect(!synthetic.isEmpty && synthetic.allSatisfy { $0["synthetic"] as? Bool == true })
        #expect(documented.count + synthetic.count == (try groups("all")).count)
        let funds = try CLI.run(["state", "--journal", Self.shipped, "--view", "funds", "--facts", "documented", "--lang", "en"], in: scratch.path)
        #expect(funds.standardOutput == "Allocations (0)\n\nBy school and fiscal year (0)\n")
        let views = try CLI.run(["state", "--journal", Self.shipped, "--view", "secondments,funds,approvals", "--lang", "en"], in: scratch.path)
        #expect(views.standardOutput.contains("Secondments as of the latest record"))
        #expect(views.standardOutput.contains("500000.00元; earmarked 200000.00元"))
        #expect(views.standardOutput.contains("Approvals ("))
        let bad = try CLI.run(["state", "--journal", Self.shipped, "--view", "people"], in: scratch.path)
        #expect(bad.status == 64)
    }
}
