import Dispatch
import Glibc
import LedgerCore

/// A batch's lines encoded in parallel, each with a placeholder `prev` (64 zeros) and the
/// SHA-256 state of its leaf hash up to that `prev`; `JournalWriter` then fills in the chain.
struct BatchEncoding {
    /// One line within its part's bytes.
    struct Line {
        /// Where the line starts and ends (before its `\n`) in the part's bytes.
        var start: Int
        var end: Int
        /// Where its `prev` hex digits start in the part's bytes.
        var prevOffset: Int
        /// SHA-256 of `0x00` and the line's bytes before `prev`: the leaf hash's first part.
        var hasherBeforePrev: SHA256
    }

    /// A run of consecutive lines encoded by one worker, each followed by `\n`.
    struct Part {
        var bytes: [UInt8] = []
        var lines: [Line] = []
    }

    /// The parts in order; their bytes concatenated are the batch with placeholder `prev`s.
    var parts: [Part]

    /// Below this many events a batch is encoded on the calling thread.
    static let parallelThreshold = 64

    /// Encodes `drafts` as the lines of `batch`, recorded at `recorded`.
    static func encode(_ drafts: [EventDraft], batch: BatchMarker, recorded: UTCTimestamp) -> BatchEncoding {
        let workers = drafts.count < parallelThreshold ? 1 : min(8, max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))))
        let results = Parts(count: workers)
        defer { results.deallocate() }
        let work = { @Sendable (worker: Int) in
            let lower = drafts.count * worker / workers
            let upper = drafts.count * (worker + 1) / workers
            var part = Part()
            part.bytes.reserveCapacity((upper - lower) * 400)
            part.lines.reserveCapacity(upper - lower)
            for index in lower..<upper {
                let event = RecordedEvent(seq: batch.first + Int64(index), recorded: recorded, draft: drafts[index])
                let start = part.bytes.count
                let prevOffset = JournalLine(event: event, batch: batch, prev: .zero).encodeLocatingPrev(into: &part.bytes)
                var hasher = SHA256()
                hasher.update(byte: 0x00)
                part.bytes.withUnsafeBytes { hasher.update(UnsafeRawBufferPointer(rebasing: $0[start..<prevOffset])) }
                part.lines.append(Line(start: start, end: part.bytes.count, prevOffset: prevOffset, hasherBeforePrev: hasher))
                part.bytes.append(0x0A)
            }
            results.slots[worker] = part
        }
        if workers == 1 {
            work(0)
        } else {
            DispatchQueue.concurrentPerform(iterations: workers, execute: work)
        }
        return BatchEncoding(parts: Array(results.slots))
    }

    /// The workers' results, one slot each; each worker writes only its own.
    private struct Parts: @unchecked Sendable {
        let slots: UnsafeMutableBufferPointer<Part>

        init(count: Int) {
            slots = .allocate(capacity: count)
            slots.initialize(repeating: Part())
        }

        func deallocate() {
            _ = slots.deinitialize()
            slots.deallocate()
        }
    }
}
