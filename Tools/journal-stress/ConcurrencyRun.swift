import ChildProcess
import Foundation
import Glibc
import LedgerCore
import LedgerJournal

/// The concurrency test: several processes append to one journal at once, each its own
/// numbered events one batch at a time; afterwards the journal must hold every event once,
/// gap-free, each process's events in the order it sent them, with a valid chain.
struct ConcurrencyRun {
    var processes = 4
    var appendsPerProcess = 2_500
    var seed: UInt64 = 1
    var journal: String?

    struct Figures {
        var processes = 0
        var appends = 0
        var acknowledged = 0
        var events: Int64 = 0
        var gapFree = false
        var chainValid = false
        var eachProcessInOrder = false
        var seconds = 0.0
        var failures: [String] = []
    }

    func run(executable: String) throws -> Figures {
        let journal = self.journal ?? NSTemporaryDirectory() + "journal-stress-concurrency-\(getpid()).jsonl"
        unlink(journal)
        defer { if self.journal == nil { unlink(journal) } }
        var figures = Figures(processes: processes, appends: processes * appendsPerProcess)
        let started = DispatchTime.now().uptimeNanoseconds
        var workers: [ChildProcess] = []
        for worker in 0..<processes {
            workers.append(try ChildProcess.start(executable, ["worker", "--journal", journal, "--seed", String(seed), "--run", "0",
                                                               "--worker", String(worker), "--batches", String(appendsPerProcess),
                                                               "--max-batch-events", "1", "--fixed-size"],
                                                  standardError: .inherit))
        }
        // All at once: a worker blocked on a full pipe while it holds the journal's lock must
        // not wait for a reader that waits for another worker.
        for (worker, result) in try ChildProcess.finish(workers).enumerated() {
            if result.status != 0 { figures.failures.append("worker \(worker) exited with status \(result.status)") }
            figures.acknowledged += result.outputText.split(separator: "\n").filter { $0.hasPrefix("ack ") }.count
        }
        figures.seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9

        let verification = try JournalVerifier.verify(path: journal)
        figures.events = verification.eventCount
        figures.chainValid = verification.isSound
        let found = try StressJournalCheck.batches(path: journal, afterSeq: 0) { run, worker in
            StressBatches(seed: seed, run: run, worker: worker, maxBatchEvents: 1, fixedSize: true)
        }
        // Gap-free: the batches cover seqs 1…N one after another, N = every append.
        var nextSeq: Int64 = 1
        var gapFree = true
        for batch in found {
            if batch.firstSeq != nextSeq || !batch.isWhole { gapFree = false }
            nextSeq = batch.lastSeq + 1
        }
        figures.gapFree = gapFree && nextSeq - 1 == Int64(figures.appends) && verification.eventCount == Int64(figures.appends)
        var nextBatch = [Int](repeating: 0, count: processes)
        var inOrder = true
        for batch in found {
            guard (0..<processes).contains(batch.worker), batch.batchIndex == nextBatch[batch.worker], batch.matchesWhatWasSent else {
                inOrder = false
                figures.failures.append("seq \(batch.firstSeq): worker \(batch.worker) batch \(batch.batchIndex) out of order or not as sent")
                break
            }
            nextBatch[batch.worker] += 1
        }
        figures.eachProcessInOrder = inOrder && nextBatch.allSatisfy { $0 == appendsPerProcess }
        return figures
    }
}
