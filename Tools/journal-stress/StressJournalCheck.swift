import Glibc
import LedgerCore
import LedgerJournal

/// One batch found in the journal, checked against what its worker sent.
struct FoundBatch {
    var run: Int
    var worker: Int
    var batchIndex: Int
    var firstSeq: Int64
    var lastSeq: Int64
    /// Every line the batch marker promises is there, in seq order, and nothing else.
    var isWhole: Bool
    /// The events are exactly the drafts the worker sent for this batch, in order.
    var matchesWhatWasSent: Bool
}

/// Reads a journal back after a kill (or after the workers finish) and checks it the way an
/// auditor would: it verifies, every byte of the file belongs to a whole batch, and each batch
/// is exactly one batch a worker sent.
enum StressJournalCheck {
    /// The batches after `afterSeq`, in journal order. `sent` gives the generator of a
    /// (run, worker) pair.
    static func batches(path: String, afterSeq: Int64, sent: (_ run: Int, _ worker: Int) -> StressBatches) throws -> [FoundBatch] {
        var found: [FoundBatch] = []
        var current: [JournalEntry] = []
        func close() {
            guard let first = current.first else { return }
            let marker = first.line.batch
            let seqs = current.map(\.seq)
            let isWhole = Int64(current.count) == marker.count && seqs == Array(marker.first..<(marker.first + marker.count))
                && current.allSatisfy { $0.line.batch == marker }
            let run = Int(first.event.data["run"]?.integerValue ?? -1)
            let worker = Int(first.event.data["worker"]?.integerValue ?? -1)
            let batchIndex = Int(first.event.data["batch"]?.integerValue ?? -1)
            let expected = run >= 0 && worker >= 0 && batchIndex >= 0 ? sent(run, worker).drafts(ofBatch: batchIndex) : []
            found.append(FoundBatch(run: run, worker: worker, batchIndex: batchIndex, firstSeq: seqs.first ?? 0, lastSeq: seqs.last ?? 0,
                                    isWhole: isWhole, matchesWhatWasSent: current.map(\.event.draft) == expected))
            current.removeAll()
        }
        _ = try JournalReading.scan(path: path, checkChain: true) { entries in
            for entry in entries where entry.seq > afterSeq {
                if let first = current.first, first.line.batch != entry.line.batch { close() }
                current.append(entry)
            }
            return true
        }
        close()
        return found
    }

    /// Whether the file holds nothing but its sound prefix: its size and its newline count
    /// match what verification accepted, so no piece of a batch is left anywhere in it.
    static func fileIsExactlyTheSoundPrefix(path: String, verification: JournalVerification, soundByteCount: Int64) -> Bool {
        // A worker killed before it created the file leaves no journal, which is an empty one.
        guard FileDescriptor.exists(path) else { return soundByteCount == 0 && verification.eventCount == 0 }
        guard let file = try? FileDescriptor.openForReading(path) else { return false }
        defer { file.close() }
        guard let size = try? file.sizeBytes(), size == soundByteCount else { return false }
        var newlines: Int64 = 0
        var offset: Int64 = 0
        var lastByte: UInt8 = 0x0A
        while offset < size {
            guard let chunk = try? file.readBytes(count: 1 << 20, at: offset), !chunk.isEmpty else { return false }
            for byte in chunk where byte == 0x0A { newlines += 1 }
            lastByte = chunk[chunk.count - 1]
            offset += Int64(chunk.count)
        }
        return newlines == verification.eventCount && lastByte == 0x0A
    }
}
