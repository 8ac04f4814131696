import ChildProcess
import Foundation
import Glibc
import LedgerCore
import LedgerJournal

/// The crash test: a worker process appends batches and is killed with SIGKILL at a random
/// moment, many times. After each kill the journal is recovered if needed and verified, and
/// every batch whose append was acknowledged must be there, whole, exactly as sent, in order.
struct CrashTrials {
    var trials = 200
    var seed: UInt64 = 1
    /// A fresh journal every this many trials, so verifying after each kill stays cheap.
    var trialsPerJournal = 4
    var maxBatchEvents = 2_000
    var minimumDelayMilliseconds = 5
    var maximumDelayMilliseconds = 250
    var directory: String?
    var keep = false
    /// Workers append through `append(contentsOf:)` (`--pipelined`).
    var pipelined = false
    /// For checking the checker: after each kill, cut this many bytes off the journal, as a
    /// disk that lost acknowledged data would. The run must then report losses.
    var selfTestCutBytes = 0

    /// Figures of a run; `lost` and `partial` must be 0.
    struct Figures {
        var trials = 0
        var acknowledged = 0
        var presentNotAcknowledged = 0
        var tornTailsMoved = 0
        var eventsChecked: Int64 = 0
        var lost = 0
        var partial = 0
        /// Verification failures, events not as sent or out of order, file bytes outside the sound prefix.
        var otherFailures: [String] = []
    }

    func run(executable: String, progress: (String) -> Void) throws -> Figures {
        let directory = self.directory ?? NSTemporaryDirectory() + "journal-stress-crash-\(getpid())"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { if !keep && self.directory == nil { try? FileManager.default.removeItem(atPath: directory) } }
        var random = SplitMix(seed: seed)
        var figures = Figures()
        var journal = ""
        var published = JournalDigest(size: 0, root: MerkleTree.emptyRoot)
        for trial in 0..<trials {
            if trial % trialsPerJournal == 0 {
                journal = directory + "/crash-\(trial / trialsPerJournal + 1).jsonl"
                unlink(journal)
                published = JournalDigest(size: 0, root: MerkleTree.emptyRoot)
            }
            let delayMilliseconds = minimumDelayMilliseconds + Int(random.next() % UInt64(maximumDelayMilliseconds - minimumDelayMilliseconds + 1))
            let acknowledgements = try runAndKill(executable: executable, journal: journal, trial: trial, afterMilliseconds: delayMilliseconds)
            figures.trials += 1
            figures.acknowledged += acknowledgements.count
            if selfTestCutBytes > 0, let size = try? FileDescriptor.openForReading(journal).sizeBytes(), size > 0 {
                truncate(journal, off_t(max(0, size - Int64(selfTestCutBytes))))
            }

            // Recover if needed, then verify against the digest taken after the previous trial:
            // every earlier acknowledged batch must still be there, unchanged.
            // (A worker killed before it created the file leaves no journal: an empty one.)
            var soundByteCount: Int64 = 0
            if FileDescriptor.exists(journal) {
                let recovery = try JournalRecovery.recover(path: journal)
                if recovery.tornTail != nil { figures.tornTailsMoved += 1 }
                soundByteCount = recovery.byteCount
            }
            let verification = try JournalVerifier.verify(path: journal, against: published)
            if !verification.isSound {
                figures.otherFailures.append("trial \(trial): verify failed: \(verification.tail) \(verification.digestProblem ?? "")")
            }
            if !StressJournalCheck.fileIsExactlyTheSoundPrefix(path: journal, verification: verification, soundByteCount: soundByteCount) {
                figures.partial += 1
                figures.otherFailures.append("trial \(trial): the file holds bytes outside its whole batches")
            }
            let found = try StressJournalCheck.batches(path: journal, afterSeq: published.size) { run, worker in
                StressBatches(seed: seed, run: run, worker: worker, maxBatchEvents: maxBatchEvents, fixedSize: false)
            }
            // Present: batches 0, 1, …, m-1 of this trial, in order, each whole and as sent.
            for (position, batch) in found.enumerated() {
                figures.eventsChecked += batch.lastSeq - batch.firstSeq + 1
                if !batch.isWhole || !batch.matchesWhatWasSent {
                    figures.partial += 1
                    figures.otherFailures.append("trial \(trial): batch at seq \(batch.firstSeq)–\(batch.lastSeq) is not whole or not as sent")
                }
                if batch.run != trial || batch.worker != 0 || batch.batchIndex != position {
                    figures.otherFailures.append("trial \(trial): found batch \(batch.batchIndex) of run \(batch.run) at position \(position)")
                }
            }
            for acknowledgement in acknowledgements {
                let present = found.contains {
                    $0.batchIndex == acknowledgement.batchIndex && $0.firstSeq == acknowledgement.firstSeq && $0.lastSeq == acknowledgement.lastSeq
                }
                if !present {
                    figures.lost += 1
                    figures.otherFailures.append("trial \(trial): acknowledged batch \(acknowledgement.batchIndex) (seq \(acknowledgement.firstSeq)–\(acknowledgement.lastSeq)) is missing")
                }
            }
            // The worker appends one batch at a time, so at most the last one can be present
            // without its acknowledgement (killed between fsync and the write to the pipe).
            let unacknowledged = found.count - acknowledgements.count
            if unacknowledged > 1 || unacknowledged < 0 && figures.lost == 0 {
                figures.otherFailures.append("trial \(trial): \(found.count) batches present, \(acknowledgements.count) acknowledged")
            }
            figures.presentNotAcknowledged += max(0, unacknowledged)
            published = verification.digest
            if (trial + 1) % 50 == 0 { progress("after \(trial + 1) trials: \(figures.acknowledged) acknowledged, \(figures.lost) lost, \(figures.partial) partial") }
        }
        return figures
    }

    struct Acknowledgement {
        var batchIndex: Int
        var firstSeq: Int64
        var lastSeq: Int64
    }

    /// Starts a worker, kills it with SIGKILL after `afterMilliseconds`, and returns the
    /// acknowledgements it wrote before it died (whole lines only).
    private func runAndKill(executable: String, journal: String, trial: Int, afterMilliseconds: Int) throws -> [Acknowledgement] {
        let worker = try ChildProcess.start(executable, ["worker", "--journal", journal, "--seed", String(seed), "--run", String(trial),
                                                         "--worker", "0", "--batches", "1000000", "--max-batch-events", String(maxBatchEvents)]
                                                + (pipelined ? ["--pipelined"] : []),
                                            standardError: .inherit)
        usleep(UInt32(afterMilliseconds * 1_000))
        worker.send(SIGKILL)
        let text = try worker.finish().outputText
        var acknowledgements: [Acknowledgement] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
            let fields = line.split(separator: " ")
            guard fields.count == 5, fields[0] == "ack", let index = Int(fields[2]), let first = Int64(fields[3]), let last = Int64(fields[4]) else { continue }
            acknowledgements.append(Acknowledgement(batchIndex: index, firstSeq: first, lastSeq: last))
        }
        return acknowledgements
    }
}

/// SplitMix64, for the kill delays.
struct SplitMix {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xbf58_476d_1ce4_e5b9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94d0_49bb_1331_11eb
        return mixed ^ (mixed >> 31)
    }
}
