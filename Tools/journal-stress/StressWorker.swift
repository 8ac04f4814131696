import Glibc
import LedgerCore
import LedgerJournal

/// The appending process: appends its batches one after another and, after each append has
/// returned (after fsync), writes `ack WORKER BATCH FIRSTSEQ LASTSEQ` on standard output in one
/// `write(2)`, so a kill leaves either the whole acknowledgement in the pipe or none of it.
/// With `pipelined`, it hands `append(contentsOf:)` eight batches at a time and acknowledges
/// each batch from its callback, which runs once that batch is on disk.
enum StressWorker {
    /// Batches per `append(contentsOf:)` call when pipelined.
    static let batchesPerPipelinedCall = 8

    static func run(journal: String, batches: StressBatches, batchCount: Int, pipelined: Bool = false) -> Int32 {
        let writer = JournalWriter(path: journal, clock: SystemClock(), lockWaitMilliseconds: 600_000)
        if pipelined {
            for first in stride(from: 0, to: batchCount, by: batchesPerPipelinedCall) {
                let indexes = first..<min(batchCount, first + batchesPerPipelinedCall)
                var acknowledgedIndex = first
                do {
                    try writer.append(contentsOf: indexes.map { batches.drafts(ofBatch: $0) }) { receipt in
                        writeAll(STDOUT_FILENO, "ack \(batches.worker) \(acknowledgedIndex) \(receipt.firstSeq) \(receipt.lastSeq)\n")
                        acknowledgedIndex += 1
                    }
                } catch {
                    writeAll(STDERR_FILENO, "journal-stress worker \(batches.worker): batch \(acknowledgedIndex): \(error)\n")
                    return 1
                }
            }
            return 0
        }
        for index in 0..<batchCount {
            do {
                let receipt = try writer.append(batches.drafts(ofBatch: index))
                writeAll(STDOUT_FILENO, "ack \(batches.worker) \(index) \(receipt.firstSeq) \(receipt.lastSeq)\n")
            } catch {
                writeAll(STDERR_FILENO, "journal-stress worker \(batches.worker): batch \(index): \(error)\n")
                return 1
            }
        }
        return 0
    }
}

/// Writes `text` to a file descriptor, all of it.
func writeAll(_ descriptor: Int32, _ text: String) {
    var bytes = Array(text.utf8)
    var written = 0
    while written < bytes.count {
        let count = bytes.withUnsafeMutableBytes { write(descriptor, $0.baseAddress! + written, $0.count - written) }
        if count < 0 && errno == EINTR { continue }
        if count <= 0 { return }
        written += count
    }
}
