import ChildProcess
import Foundation
import Glibc
import Testing

/// `ChildProcess`, which every test here uses to run the built executables.
@Suite("Starting child processes")
struct ChildProcessTests {
    @Test func capturesBothStreamsPastAPipesCapacityWithInputFedAtOnce() throws {
        // 300 KB of input through `cat` while it writes 300 KB to stdout and 200 KB to stderr:
        // with a pipe's 64 KiB capacity, this would block if the streams were served in turn.
        let input = Array(repeating: Array("一行中文 line\n".utf8), count: 20_000).flatMap { $0 }
        let result = try ChildProcess.run("/bin/sh", ["-c", "cat; head -c 200000 /dev/zero >&2; exit 7"], input: input)
        #expect(result.standardOutput == input)
        #expect(result.standardError == Array(repeating: 0, count: 200_000))
        #expect(result.termination.exitStatus == 7 && result.termination.signal == nil && result.status == 7)
    }

    @Test func runsInTheGivenDirectoryWithTheGivenEnvironment() throws {
        let directory = FileManager.default.temporaryDirectory.resolvingSymlinksInPath().path
        let result = try ChildProcess.run("/bin/sh", ["-c", "pwd; printf '%s' \"$GREETING\"; printf '%s' \"$HOME\""],
                                          directory: directory, environment: ["GREETING": "你好"])
        #expect(result.outputText == directory + "\n你好")
        #expect(result.status == 0)
    }

    @Test func reportsTheSignalThatEndedAChild() throws {
        let child = try ChildProcess.start("/bin/sh", ["-c", "echo started; exec sleep 30"])
        child.send(SIGKILL)
        let result = try child.finish()
        #expect(result.termination.signal == SIGKILL && result.termination.exitStatus == nil)
        #expect(result.status == 128 + SIGKILL)
    }

    @Test func aChildThatStopsReadingItsInputDoesNotStopThisProcess() throws {
        // `true` exits without reading: writing the rest gets EPIPE, not a SIGPIPE here.
        let result = try ChildProcess.run("/bin/true", [], input: Array(repeating: 65, count: 1_000_000))
        #expect(result.status == 0)
        // And the child does not inherit this process's ignored SIGPIPE (bit 13 of SigIgn).
        let status = try ChildProcess.run("/bin/cat", ["/proc/self/status"]).outputText
        let ignored = try #require(status.split(separator: "\n").first { $0.hasPrefix("SigIgn:") }?.split(separator: "\t").last)
        let mask = try #require(UInt64(ignored.trimmingCharacters(in: .whitespaces), radix: 16))
        #expect(mask & (1 << (UInt64(SIGPIPE) - 1)) == 0)
    }

    @Test func aMissingExecutableIsAnErrorNamingIt() {
        #expect(throws: ChildProcess.SpawnError.self) { try ChildProcess.run("/nonexistent/tool", []) }
    }

    @Test func severalChildrenFinishTogether() throws {
        let children = try (0..<4).map { index in
            try ChildProcess.start("/bin/sh", ["-c", "yes \(index) | head -c 100000"])
        }
        let results = try ChildProcess.finish(children)
        for (index, result) in results.enumerated() {
            #expect(result.outputText == String(repeating: "\(index)\n", count: 50_000))
        }
    }
}
