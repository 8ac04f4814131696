import Foundation
import Testing

@Suite("The shipped journal")
struct ShippedJournalTests {
    @Test func verifiesAndRebuildsByteForByteFromItsInputs() throws {
        let shipped = CLI.packageRoot.appendingPathComponent("Journal/ledger.jsonl").path
        let scratch = Scratch()
        let verify = try CLI.run(["verify", "--journal", shipped], in: scratch.path)
        #expect(verify.status == 0, "\(verify.standardOutput)\(verify.standardError)")
        let rebuilt = scratch.path + "/rebuilt.jsonl"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [CLI.packageRoot.appendingPathComponent("Tools/make-shipped-journal.sh").path, rebuilt]
        process.environment = ProcessInfo.processInfo.environment.merging(["GROUPLEDGER_BINARY": CLI.executable.path]) { $1 }
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: rebuilt)) == Data(contentsOf: URL(fileURLWithPath: shipped)))
    }
}
