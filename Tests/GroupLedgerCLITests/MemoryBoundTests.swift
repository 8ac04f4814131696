import ChildProcess
import Foundation
import Testing

/// The audit commands hold the folded state, never all the events: from a 12,000- to a
/// 30,000-event journal, a streaming command's peak memory grows about as much as `state`'s
/// (the fold alone), not by the events as well. Keeping every decoded event costs about 580
/// bytes an event over the state (measured with `diff` made to keep them); the bound allows the
/// state's growth plus 512 bytes a line, room for `export`'s per-line leaf hashes and Merkle
/// levels.
///
/// Both journals are larger than what the reading pipeline holds at once (the chunk being
/// folded, two decoding ahead and their buffers: about 4 MiB of lines; 12,000 events are about
/// 4.7 MB). With a smaller journal, the pipeline's own constant size counted as growth: from
/// 2,000 events, `export` once grew 21.6 MB against the state's 12.4 MB, over the bound, after
/// the second decoding chunk was added. From 12,000: state +8.1–8.3 MB, `export` +7.7–12 MB,
/// the others +3.3–9.5 MB. A coarse check; `Tools/audit-at-scale.sh` measures 1M events.
@Suite("Memory stays bounded by the state")
struct MemoryBoundTests {
    /// Runs the built `groupledger` and returns its peak resident memory in KiB. A small Python
    /// parent runs it and reads `RUSAGE_CHILDREN`, which covers that one child exactly. Not
    /// `wait4` here: `posix_spawn` runs a child in its parent's memory until `exec`, and Linux
    /// counts the peak of that memory (this whole test process's) as the child's.
    static func peakMemoryKilobytes(_ arguments: [String]) throws -> Int {
        let result = try ChildProcess.run("/usr/bin/env", ["python3", "-c", """
            import resource, subprocess, sys
            code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
            print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss if code == 0 else -code)
            """, CLI.executable.path] + arguments, standardError: .inherit)
        let kilobytes = try #require(Int(result.outputText.trimmingCharacters(in: .whitespacesAndNewlines)))
        try #require(kilobytes > 0, "groupledger \(arguments.joined(separator: " ")) failed with status \(-kilobytes)")
        return kilobytes
    }

    @Test func streamingCommandsGrowWithTheStateNotTheEvents() throws {
        let scratch = Scratch()
        for (events, name) in [(12_000, "small.jsonl"), (30_000, "large.jsonl")] {
            #expect(try GeneratorTests.generate(["--events", String(events), "--seed", "5", "--out", name], in: scratch.path) == 0)
        }
        // LAST stands for the journal's last seq.
        func withJournal(_ name: String, last: Int, _ command: [String]) -> [String] {
            command.map { $0 == "LAST" ? String(last) : $0 } + ["--journal", scratch.path + "/" + name]
        }
        // The smallest of three runs: the peak depends a little on when the background decoder's
        // chunks are freed, which varies under the load of the other tests running in parallel
        // (`export` has about 1 MB to spare here; under the full suite's load, the smaller of two
        // runs once came out 2.2 MB over).
        func peak(_ arguments: [String]) throws -> Int {
            try (0..<3).map { _ in try Self.peakMemoryKilobytes(arguments) }.min()!
        }
        func growth(_ command: [String], last: Int) throws -> Int {
            let small = try peak(withJournal("small.jsonl", last: 12_000, command))
            let large = try peak(withJournal("large.jsonl", last: last, command))
            return large - small
        }
        let stateGrowth = try growth(["state", "--no-checkpoint"], last: 30_000)  // the fold itself, not the checkpoint
        #expect(stateGrowth > 0)
        for command in [["diff", "--known-at", "1", "--known-at", "LAST"], ["history", "g1"], ["replay"], ["log"], ["verify"],
                        ["export", "--jurisdiction", "j1", "--out", "PACKET"]] {
            let resolved = command.map { $0 == "PACKET" ? scratch.path + "/packet-\(UUID().uuidString)" : $0 }
            let commandGrowth = try growth(resolved, last: 30_000)
            // 18,000 more lines at 512 bytes each, in KiB: room for per-line hashes and the
            // passes' buffers, not for the events.
            let perLineKilobytes = Double(18_000 * 512) / 1024
            #expect(Double(commandGrowth) <= Double(stateGrowth) + perLineKilobytes,
                    "groupledger \(command.joined(separator: " ")) grew \(commandGrowth) KiB from 12,000 to 30,000 events; state grew \(stateGrowth) KiB")
        }
    }
}
