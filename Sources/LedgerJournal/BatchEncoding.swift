import Dispatch
import Glibc
import LedgerCore

/// A batch's drafts validated and encoded in parallel, each line with a placeholder `prev`
/// (64 zeros) and the SHA-256 state of its leaf hash up to that `prev`; `JournalWriter` then
/// fills in the chain.
///
/// The batch is cut into parts of consecutive lines. Worker threads encode the parts while the
/// calling thread receives them in order and chains each one as soon as it is ready, so the
/// sequential chain runs beside the encoding instead of after it.
enum BatchEncoding {
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

    /// A run of consecutive lines, each followed by `\n`.
    struct Part {
        var bytes: [UInt8] = []
        var lines: [Line] = []
        /// The first draft of the part that failed validation (its 0-based index in the batch)
        /// and why; the part's lines stop before it.
        var invalid: (index: Int, error: EnvelopeError)?
    }

    /// Below this many events a batch is encoded on the calling thread.
    static let parallelThreshold = 64

    /// Lines per part when encoding in parallel: small enough that the chain starts early,
    /// large enough that handing a part over costs little against encoding it.
    static let linesPerPart = 64

    /// Validates and encodes `drafts` as the lines of `batch`, recorded at `recorded`, and calls
    /// `consume` on the calling thread with each part in order (their bytes concatenated are
    /// the batch with placeholder `prev`s). A part holding an invalid draft ends before it and
    /// says so in `invalid`; since parts arrive in order, the first such part names the batch's
    /// first invalid draft. If `consume` throws, the remaining parts are still encoded (and
    /// dropped) before the error is rethrown, so no worker outlives the call.
    static func encode<Failure: Error>(_ drafts: [EventDraft], batch: BatchMarker, recorded: UTCTimestamp,
                                       consume: (Part) throws(Failure) -> Void) throws(Failure)
    {
        var recordedText: [UInt8] = []
        recorded.appendText(to: &recordedText)
        let cores = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        guard drafts.count >= parallelThreshold, cores > 1 else {
            try consume(encodePart(drafts, 0..<drafts.count, batch: batch, recordedText: recordedText))
            return
        }
        let partCount = (drafts.count + linesPerPart - 1) / linesPerPart
        let workers = min(8, cores, partCount)
        let slots = Slots(count: partCount)
        let group = DispatchGroup()
        for worker in 0..<workers {
            // Interleaved, so parts finish roughly in the order the chain needs them.
            DispatchQueue.global().async(group: group) { [recordedText] in
                for index in stride(from: worker, to: partCount, by: workers) {
                    let lines = (index * linesPerPart)..<min(drafts.count, (index + 1) * linesPerPart)
                    slots.parts[index] = encodePart(drafts, lines, batch: batch, recordedText: recordedText)
                    slots.ready[index].signal()
                }
            }
        }
        defer {
            group.wait()
            slots.deallocate()
        }
        for index in 0..<partCount {
            slots.ready[index].wait()
            let part = slots.parts[index]
            slots.parts[index] = Part()
            try consume(part)
        }
    }

    /// Validates and encodes the lines at `range` of the batch as one part.
    private static func encodePart(_ drafts: [EventDraft], _ range: Range<Int>, batch: BatchMarker, recordedText: [UInt8]) -> Part {
        var part = Part()
        part.bytes.reserveCapacity(range.count * 400)
        part.lines.reserveCapacity(range.count)
        for index in range {
            // Validated here, beside the encoding, rather than in a pass of its own on the
            // calling thread: this compiler copies an array element (a retain of each of its
            // strings) to call a method on it, and the copy for encoding is made anyway.
            let draft = drafts[index]
            do throws(EnvelopeError) { try draft.validate() } catch {
                part.invalid = (index, error)
                break
            }
            let start = part.bytes.count
            let prevOffset = JournalLine.encodeLocatingPrev(draft, seq: batch.first + Int64(index), recordedText: recordedText,
                                                            batch: batch, prev: .zero, into: &part.bytes)
            var hasher = SHA256()
            hasher.update(byte: 0x00)
            part.bytes.withUnsafeBytes { hasher.update(UnsafeRawBufferPointer(rebasing: $0[start..<prevOffset])) }
            part.lines.append(Line(start: start, end: part.bytes.count, prevOffset: prevOffset, hasherBeforePrev: hasher))
            part.bytes.append(0x0A)
        }
        return part
    }

    /// The workers' results and a semaphore per part; each part's slot is written by one
    /// worker before it signals, and read by the calling thread only after it waited.
    private struct Slots: @unchecked Sendable {
        let parts: UnsafeMutableBufferPointer<Part>
        let ready: [DispatchSemaphore]

        init(count: Int) {
            parts = .allocate(capacity: count)
            parts.initialize(repeating: Part())
            ready = (0..<count).map { _ in DispatchSemaphore(value: 0) }
        }

        func deallocate() {
            _ = parts.deinitialize()
            parts.deallocate()
        }
    }
}
