import ChildProcess
import Foundation
import Testing
import LedgerCore
import LedgerJournal

/// The crash and concurrency tests with real processes, at CI size: `journal-stress`
/// (Tools/journal-stress) SIGKILLs an appending process at random moments, and runs four
/// processes appending at once. `Tools/crash-test.sh` runs the full-size crash test.
@Suite("Processes: killed mid-append, and appending at once")
struct ProcessReliabilityTests {
    static let executable: URL = {
        let besideTests = Bundle.main.bundleURL.appendingPathComponent("journal-stress")
        if FileManager.default.isExecutableFile(atPath: besideTests.path) { return besideTests }
        return CLI.packageRoot.appendingPathComponent(".build/debug/journal-stress")
    }()

    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let result = try ChildProcess.run(executable.path, arguments, standardError: .inherit)
        return (result.status, result.outputText)
    }

    /// The number after `label: ` in the tool's output.
    static func figure(_ label: String, in output: String) -> Int? {
        output.split(separator: "\n").first { $0.hasPrefix(label + ": ") }.flatMap { Int($0.dropFirst(label.count + 2)) }
    }

    /// One `append` per batch, and `append(contentsOf:)` eight batches at a time (each batch
    /// acknowledged from its callback, the next encoded while the one before is fsynced).
    @Test(arguments: [false, true])
    func everyAcknowledgedBatchSurvivesSIGKILLWholeAndNoPartialBatchIsVisible(pipelined: Bool) throws {
        let scratch = Scratch()
        let seed = ProcessInfo.processInfo.environment["GROUPLEDGER_TEST_SEED"] ?? "7"
        let result = try Self.run(["crash", "--trials", "16", "--seed", seed, "--trials-per-journal", "8", "--max-batch-events", "400",
                                   "--min-delay-ms", "20", "--max-delay-ms", "400", "--directory", scratch.path, "--keep"]
                                  + (pipelined ? ["--pipelined"] : []))
        #expect(result.status == 0, "seed \(seed): \(result.output)")
        #expect(Self.figure("trials", in: result.output) == 16)
        #expect(result.output.contains("appended through append(contentsOf:)") == pipelined)
        #expect(Self.figure("lost", in: result.output) == 0, "seed \(seed): \(result.output)")
        #expect(Self.figure("partial", in: result.output) == 0, "seed \(seed): \(result.output)")
        #expect((Self.figure("acknowledged batches", in: result.output) ?? 0) > 0, "no trial lived long enough to acknowledge a batch")
        // Independently of the tool: both journals it left verify and hold only whole batches.
        for name in ["crash-1.jsonl", "crash-2.jsonl"] where FileManager.default.fileExists(atPath: scratch.path + "/" + name) {
            let verification = try JournalVerifier.verify(path: scratch.path + "/" + name)
            #expect(verification.isSound, "\(name): \(verification.tail)")
        }
    }

    @Test func theCrashCheckReportsLossWhenAcknowledgedBytesDisappear() throws {
        // The checker must be able to fail: cutting 100 bytes off after each kill loses the
        // last acknowledged batch of every trial that acknowledged one.
        let result = try Self.run(["crash", "--trials", "4", "--seed", "3", "--max-batch-events", "50", "--min-delay-ms", "150",
                                   "--max-delay-ms", "300", "--self-test-cut-bytes", "100"])
        #expect(result.status == 1)
        #expect((Self.figure("lost", in: result.output) ?? 0) > 0, "\(result.output)")
        #expect(Self.figure("partial", in: result.output) == 0, "recovery moves the cut batch aside, so none is visible in part")
    }

    @Test func fourProcessesAppending2500TimesEachGive10000EventsGapFreeWithAValidChain() throws {
        let scratch = Scratch()
        let journal = scratch.path + "/concurrent.jsonl"
        let result = try Self.run(["concurrency", "--processes", "4", "--appends", "2500", "--journal", journal])
        #expect(result.status == 0, "\(result.output)")
        #expect(Self.figure("events", in: result.output) == 10_000)
        // Checked here too, from the journal alone.
        let verification = try JournalVerifier.verify(path: journal)
        #expect(verification.isSound && verification.eventCount == 10_000)
        var seqs: [Int64] = []
        var nextIndexByWorker: [Int64: Int64] = [:]
        var inOrder = true
        _ = try JournalReading.scan(path: journal, checkChain: true) { entries in
            for entry in entries {
                seqs.append(entry.seq)
                let worker = entry.event.data["worker"]?.integerValue ?? -1
                let index = entry.event.data["batch"]?.integerValue ?? -1
                if index != nextIndexByWorker[worker, default: 0] || entry.line.batch.count != 1 { inOrder = false }
                nextIndexByWorker[worker] = index + 1
            }
            return true
        }
        #expect(seqs == Array(1...10_000))
        #expect(inOrder, "each process's appends must appear in the order it made them")
        #expect(nextIndexByWorker == [0: 2_500, 1: 2_500, 2: 2_500, 3: 2_500])
    }

    @Test func fourCLIAppendersAtOnceAllSucceedWithoutExpectSeq() throws {
        // Each `groupledger append` checks its batch against the journal's state and writes with
        // an expected seq; another process appending in between must cost a re-check, not a failure.
        let scratch = Scratch()
        let directory = scratch.path
        let failures = NSLock()
        nonisolated(unsafe) var failed: [String] = []
        DispatchQueue.concurrentPerform(iterations: 4) { worker in
            for index in 0..<15 {
                let line = Events.line(worker * 100 + index)
                let result = try? CLI.run(["append", "--journal", "shared.jsonl"], in: directory, input: line + "\n")
                if result?.status != 0 {
                    failures.lock()
                    failed.append("worker \(worker) append \(index): \(result?.standardError ?? "did not run")")
                    failures.unlock()
                }
            }
        }
        #expect(failed.isEmpty, "\(failed)")
        let verification = try JournalVerifier.verify(path: scratch.path + "/shared.jsonl")
        #expect(verification.isSound && verification.eventCount == 60)
    }

    @Test func concurrentRegisterChangesAreNeverLost() throws {
        // Each change reads, modifies and replaces the register file; unserialised, two at once
        // lose one (and a lost erasure would bring erased details back).
        let scratch = Scratch()
        let directory = scratch.path
        DispatchQueue.concurrentPerform(iterations: 4) { worker in
            for index in 0..<10 {
                _ = try? CLI.run(["register", "put", "--subject", "staff-\(worker)-\(index)", "--name", "教师\(worker)\(index)"], in: directory)
            }
        }
        let register = try scratch.text("Journal/ledger.register.jsonl")
        #expect(register.split(separator: "\n").count == 40)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory + "/Journal") == ["ledger.register.jsonl"])
    }
}
