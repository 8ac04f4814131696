public import LedgerCore
import Dispatch
import Glibc

/// Where a scan starts: the beginning of the file, or the end of a batch already known.
public struct ScanStart: Sendable {
    /// The offset of the first byte to read.
    public var byteOffset: Int64
    /// The seq the first line must have.
    public var nextSeq: Int64
    /// The leaf hash of the line before the first (zero at the beginning).
    public var prev: SHA256Digest
    /// The recorded time of the line before, which later lines may not precede.
    public var lastRecorded: UTCTimestamp?

    /// Creates a start position.
    public init(byteOffset: Int64, nextSeq: Int64, prev: SHA256Digest, lastRecorded: UTCTimestamp?) {
        self.byteOffset = byteOffset
        self.nextSeq = nextSeq
        self.prev = prev
        self.lastRecorded = lastRecorded
    }

    /// The beginning of the file.
    public static let beginning = ScanStart(byteOffset: 0, nextSeq: 1, prev: .zero, lastRecorded: nil)
}

/// What a scan found.
public struct JournalScanResult: Sendable {
    /// The number of events in the sound prefix (its last seq).
    public var soundEventCount: Int64
    /// The size of the sound prefix in bytes: where the next batch will be written.
    public var soundByteCount: Int64
    /// The leaf hash of the last sound line (the next line's `prev`), when chain checking is on.
    public var lastLeafHash: SHA256Digest
    /// The recorded time of the last sound line.
    public var lastRecorded: UTCTimestamp?
    /// How the file ends after the sound prefix.
    public var tail: JournalTailState
    /// Whether the caller stopped the scan before the end (then `tail` says nothing).
    public var stoppedEarly: Bool
}

/// Scans a journal file line by line and decides, for each line, whether the journal is still
/// sound; hands out only complete batches.
///
/// The rules are those of `Journal/FORMAT.md` § Reading: every line must decode in canonical
/// form, carry the next seq and a consistent batch, and (with `checkChain`) a `prev` equal to
/// the leaf hash of the line before. A failure in the last, unfinished batch that a crash
/// can produce (no final newline, NUL-filled blocks, the file ending inside a batch) is a torn
/// tail; any other failure is corruption at the first line that shows it.
public struct JournalScanner {
    private let file: FileDescriptor
    private let start: ScanStart
    private let endOffset: Int64?
    private let checkChain: Bool

    /// Creates a scanner of the bytes up to `endOffset` (the end of the file when nil). With
    /// `checkChain`, every line is hashed and its `prev` checked.
    public init(file: FileDescriptor, start: ScanStart = .beginning, endOffset: Int64? = nil, checkChain: Bool) {
        self.file = file
        self.start = start
        self.endOffset = endOffset
        self.checkChain = checkChain
    }

    /// Runs the scan, calling `onBatch` with each complete batch in order; `onBatch` returns
    /// false to stop early.
    /// - Throws: `SystemCallError` when reading fails, or whatever `onBatch` throws.
    public func run(onBatch: ([JournalEntry]) throws -> Bool) throws -> JournalScanResult {
        try run(output: .entries) { state in try onBatch(state.pending) }
    }

    /// Runs the scan like `run(onBatch:)` but keeps no decoded entries: each complete batch is
    /// handed out as its lines' leaf hashes (what verification needs). Every line is still
    /// decoded in full, and released on the worker thread that decoded it.
    /// - Precondition: the scanner checks the chain (there are no leaf hashes otherwise).
    public func runHashingLeaves(onLeafHashes: ([SHA256Digest]) throws -> Bool) throws -> JournalScanResult {
        precondition(checkChain, "leaf hashes are computed only when the chain is checked")
        return try run(output: .leafHashes) { state in try onLeafHashes(state.pendingLeafHashes) }
    }

    /// Runs the scan like `run(onBatch:)`, but hands out each line's typed domain record (or
    /// the domain's refusal), decoded on the worker threads, instead of its entry: a fold needs
    /// the record alone, and the entry's envelope would be built, moved and freed for nothing.
    /// The batch's lines are lent to be changed in place, so a fold moves each record out
    /// instead of copying it (and retaining every string it holds) only to drop it.
    func runTakingDomainRecords(onBatch: (inout [DomainLine]) throws -> Bool) throws -> JournalScanResult {
        try run(output: .domainRecords) { state in try state.withPendingDomainLines(onBatch) }
    }

    private func run(output: ScanOutput, handOut: (inout ScanState) throws -> Bool) throws -> JournalScanResult {
        var state = ScanState(start: start, checkChain: checkChain)
        var stoppedEarly = false
        /// Chunks decoding in the background, oldest first.
        var decodingInBackground: [DecodeJob] = []

        /// Applies the checks that link lines (seq, batch, prev), in order, to a decoded chunk,
        /// and hands out complete batches. Returns false to stop reading.
        func consume(_ job: DecodeJob) throws -> Bool {
            job.wait()
            for index in job.slices.indices {
                switch state.consume(job.slices[index], &job.decoded[index]) {
                case .continue:
                    continue
                case .finished:
                    return false
                case .batchComplete:
                    // The batch is handed out, then cleared in place: unless the caller kept the
                    // array, its buffer is reused for the next batch instead of reallocated.
                    let keepGoing = try handOut(&state)
                    state.clearPending()
                    if !keepGoing {
                        stoppedEarly = true
                        return false
                    }
                }
            }
            return true
        }

        // Decoding and hashing a line depend on that line alone, so they run on every core. Large
        // chunks are decoded in the background (in the reader's buffers) while earlier chunks'
        // lines are checked in order here, and this thread decodes what is left of a chunk
        // when it would otherwise wait for it (see `DecodeJob`); small ones are decoded and
        // checked in place.
        //
        // Two chunks decode ahead of the one being checked: with one, the workers sat idle
        // whenever they finished a chunk before this thread had folded the one before (about a
        // fifth of the cores' time in a replay). The reader keeps one more buffer than there are
        // chunks in flight, so no chunk's bytes are reused while a job reads them.
        let lookahead = 2
        let progress = JournalProgress.observer
        let totalBytes = progress == nil ? 0 : (endOffset ?? ((try? file.sizeBytes()) ?? 0))
        // The jobs hold the buffers, so bytes a job reads stay allocated until it has finished,
        // even when the reader stops early or throws.
        let buffers = ChunkBuffers(count: lookahead + 1)
        let storage = DecodedLineStorage()
        let scanActors = ActorMemo()
        try LineReader(file: file, startOffset: start.byteOffset, endOffset: endOffset, firstLineNumber: start.nextSeq)
            .forEachChunk(into: buffers) { slices in
            if let progress, let last = slices.last { progress(last.byteOffset + last.byteCount + 1, totalBytes) }
            let large = slices.count >= DecodedLine.parallelThreshold
            if large {
                decodingInBackground.append(DecodeJob(slices, inBackground: true, holding: buffers, storage: storage, scanActors: scanActors,
                                                      checkChain: checkChain, output: output))
            }
            // Check the oldest chunks until at most `lookahead` are in flight (all of them before
            // a small chunk, which is checked here, in order).
            while decodingInBackground.count > (large ? lookahead : 0) {
                guard try consume(decodingInBackground.removeFirst()) else {
                    // Dropped undecoded: a decoder still on one holds it, and its buffers, until done.
                    decodingInBackground.removeAll()
                    return false
                }
            }
            if large { return true }
            return try consume(DecodeJob(slices, inBackground: false, holding: nil, storage: storage, scanActors: scanActors,
                                         checkChain: checkChain, output: output))
        }
        for job in decodingInBackground {
            guard try consume(job) else { break }
        }
        let tail = stoppedEarly ? .clean : state.finish()
        return JournalScanResult(soundEventCount: state.soundEventCount, soundByteCount: state.soundByteCount,
                                 lastLeafHash: state.soundLeafHash, lastRecorded: state.soundRecorded,
                                 tail: tail, stoppedEarly: stoppedEarly)
    }
}

/// What a scan hands out for each line.
enum ScanOutput {
    /// Only leaf hashes (verification).
    case leafHashes
    /// The decoded entries.
    case entries
    /// Each line's typed domain record (or the domain's refusal), without its entry.
    case domainRecords
}

/// One chunk of lines being decoded, in blocks that any thread may claim: the background
/// decoders (see `DecodeJob.decoders`) and, while it waits for the chunk, the scanning thread.
///
/// Why the scanning thread helps rather than leaving decoding to a pool: on two cores, a fold
/// (which runs on the scanning thread) and two decoding threads made three runnable threads,
/// and the fold, the replay's critical path at 10M events, was preempted a third of the time
/// (23 s wall for 17 s of fold). With one decoder per core but one, the fold keeps its core,
/// and whenever it has to wait for a chunk it decodes that chunk's remaining blocks itself, so
/// no core idles when decoding is the slower side either.
final class DecodeJob: @unchecked Sendable {
    let slices: [LineSlice]
    /// The decoded lines, parallel to `slices`; each is written once, by the thread that
    /// claimed its block, and read by the scanning thread only after `wait()`.
    let decoded: UnsafeMutableBufferPointer<DecodedLine>
    /// Where `decoded` lies (it may be longer), taken from `storage` and given back on release.
    private let storageBuffer: UnsafeMutableBufferPointer<DecodedLine>
    private let storage: DecodedLineStorage
    private let checkChain: Bool
    private let output: ScanOutput
    private let claims: BlockClaims
    private let done = DispatchSemaphore(value: 0)
    private var waited = false
    /// The reader's buffers, which `slices` point into, kept alive while this job exists (a
    /// background decoder holds the job until it returns).
    private let buffers: ChunkBuffers?
    private let scanActors: ActorMemo

    /// Lines per claim: small enough that the last claims of a chunk end close together on
    /// both threads, large enough that claiming costs nothing measurable (~40 claims a chunk).
    static let blockLines = 64

    /// A background decoder: a serial queue, and the actors its jobs have read, which only
    /// that queue touches (so they carry from job to job, and scan to scan, unlocked).
    struct Decoder {
        let queue: DispatchQueue
        let actors: ActorMemo
    }

    /// Decoders, one per core but one, each running the jobs' `work()` in the order the jobs
    /// were made (at least one, so a one-core machine still reads ahead).
    static let decoders: [Decoder] = {
        let cores = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        return (0..<max(1, min(7, cores - 1))).map { Decoder(queue: DispatchQueue(label: "groupledger.decode.\($0)"), actors: ActorMemo()) }
    }()

    /// A job for `slices`; with `inBackground`, the decoders start on it now, holding `buffers`
    /// (the reader leaves a chunk's bytes in place until the callback after the one that
    /// handed it out returns, and the scan waits for this job within that next callback).
    /// Otherwise `wait()` decodes it all on the calling thread.
    /// `scanActors` are the actors the scanning thread has read, for the blocks it decodes.
    init(_ slices: [LineSlice], inBackground: Bool, holding buffers: ChunkBuffers?, storage: DecodedLineStorage,
         scanActors: ActorMemo, checkChain: Bool, output: ScanOutput) {
        self.slices = slices
        self.scanActors = scanActors
        self.storage = storage
        self.buffers = buffers
        self.checkChain = checkChain
        self.output = output
        // Left uninitialized: each slot is initialized once, by the thread that decodes its line
        // (every block is decoded before the job is released; see `deinit`).
        storageBuffer = storage.take(count: slices.count)
        decoded = UnsafeMutableBufferPointer(rebasing: storageBuffer[0..<slices.count])
        claims = BlockClaims(blockCount: (slices.count + Self.blockLines - 1) / Self.blockLines)
        guard inBackground else { return }
        for decoder in Self.decoders { decoder.queue.async { self.work(actors: decoder.actors) } }
    }

    /// Decodes blocks until none is left to claim, remembering actors in `actors` (the calling
    /// thread's own) when it decodes domain records.
    private func work(actors: ActorMemo) {
        var memo = EnvelopeMemo(actors: output == .domainRecords ? actors : nil)
        while let block = claims.claim() {
            let lower = block * Self.blockLines
            for index in lower..<min(slices.count, lower + Self.blockLines) {
                (decoded.baseAddress! + index).initialize(to: DecodedLine.decodeOne(slices[index], checkChain: checkChain, output: output, memo: &memo))
            }
            if claims.finish() { done.signal() }
        }
    }

    /// Helps decode what no decoder has claimed yet, then waits until every line is decoded.
    func wait() {
        guard !waited else { return }
        work(actors: scanActors)
        // Zero blocks: nothing signals (a chunk always has a line, so this is defensive).
        if claims.blockCount > 0 { done.wait() }
        waited = true
    }

    deinit {
        // No decoder still runs: each holds the job until its `work()` returns. Every slot was
        // initialized: a background job's decoders claim blocks until none is left, and the
        // scan waits for (so decodes) every other job as soon as it makes it.
        precondition(claims.allFinished, "a decode job is released with lines not decoded")
        decoded.deinitialize()
        storage.giveBack(storageBuffer)
    }
}

/// A line decoded (and hashed) on its own, before the checks that link it to its neighbours.
///
/// One enum holds what the line gave besides its links, rather than an optional field for each
/// kind of output: every line's `DecodedLine` is written by a decoder and moved by the scan, and
/// with the entry, the error and the domain record side by side it was 745 bytes a line.
struct DecodedLine: Sendable {
    /// What a line gave besides its links.
    enum Content: Sendable {
        /// Nothing (not decoded, only hashed, or already moved out).
        case nothing
        /// Why the line does not decode.
        case failed(LineDecodingError)
        /// The entry, built on a worker thread; the scan moves it out (no copy) when it accepts it.
        case entry(JournalEntry)
        /// The line's domain record, for `.domainRecords`.
        case domain(DomainLine)
    }

    /// The fields that link the line to its neighbours, copied out so the checks touch no
    /// reference-counted values.
    var links: LineLinks?
    /// The entry, the domain record or the error.
    var content: Content

    /// Below this many lines a chunk is decoded on the calling thread, in place.
    static let parallelThreshold = 512

    /// Why the line does not decode, when it does not.
    var error: LineDecodingError? {
        if case .failed(let error) = content { return error }
        return nil
    }

    /// Moves the content out, leaving `.nothing`.
    mutating func takeContent() -> Content {
        var taken = Content.nothing
        swap(&taken, &content)
        return taken
    }

    static func decodeOne(_ slice: LineSlice, checkChain: Bool, output: ScanOutput, memo: inout EnvelopeMemo) -> DecodedLine {
        // Unterminated, overlong and NUL-holding lines are judged by the scan without decoding.
        guard slice.isTerminated, !slice.isOverlong else { return DecodedLine(links: nil, content: .nothing) }
        if output == .domainRecords, let decoded = decodeDomainFromBytes(slice, checkChain: checkChain, memo: &memo) { return decoded }
        do {
            // Verification reads only the envelope: `data` is checked, not built.
            let line = try output == .leafHashes ? JournalLine.decodeEnvelope(slice.bytes) : JournalLine.decode(slice.bytes)
            let leafHash = checkChain ? MerkleTree.leafHash(slice.bytes) : nil
            let links = LineLinks(seq: line.seq, batch: line.batch, recorded: line.event.recorded, prev: line.prev, leafHash: leafHash)
            switch output {
            case .leafHashes:
                return DecodedLine(links: links, content: .nothing)
            case .entries:
                return DecodedLine(links: links, content: .entry(JournalEntry(line: line, byteOffset: slice.byteOffset,
                                                                               byteCount: Int(slice.byteCount), leafHash: leafHash)))
            case .domainRecords:
                // The domain's refusal, if any, is the line's to report; the scan's checks go on.
                let record = Result { () throws(DomainError) in try DomainEventRecord(line.event) }
                let hints = (try? record.get()).map { LookupHints(for: $0.event) } ?? .none
                return DecodedLine(links: links, content: .domain(DomainLine(record: record, seq: line.seq, byteOffset: slice.byteOffset,
                                                                              leafHash: leafHash, hints: hints)))
            }
        } catch {
            return DecodedLine(links: nil, content: .failed(error))
        }
    }
}

extension DecodedLine {
    /// The line with its domain record read straight from the bytes of `data` (no JSON tree),
    /// or nil to take the general path: when the quick canonical check cannot decide, when
    /// the line does not decode, or when the domain refuses the event (that path then gives
    /// the error, from the same decoders as always).
    fileprivate static func decodeDomainFromBytes(_ slice: LineSlice, checkChain: Bool, memo: inout EnvelopeMemo) -> DecodedLine? {
        guard let (record, batch, prev) = FastLineDecoder.decodeDomainRecord(slice.bytes, memo: &memo) else { return nil }
        let leafHash = checkChain ? MerkleTree.leafHash(slice.bytes) : nil
        let links = LineLinks(seq: record.seq, batch: batch, recorded: record.recorded, prev: prev, leafHash: leafHash)
        // Hashed here, on a decoding thread, rather than by the fold, which is the slower side.
        let hints = LookupHints(for: record.event)
        // Moved, not copied: a copy of a record retains every string in it, and releasing the
        // original releases them again.
        return DecodedLine(links: links, content: .domain(DomainLine(record: .success(consume record), seq: links.seq,
                                                                     byteOffset: slice.byteOffset, leafHash: leafHash, hints: hints)))
    }
}

/// A line's typed domain record, or the domain's refusal, with where the line is.
struct DomainLine: Sendable {
    /// Taken (set to nil) by the fold that consumes it.
    var record: Result<DomainEventRecord, DomainError>?
    /// The line's seq (= line number).
    var seq: Int64
    /// The 0-based byte offset of the line's first byte.
    var byteOffset: Int64
    /// The line's leaf hash, when the scan checks the chain.
    var leafHash: SHA256Digest?
    /// The ids the record's fold looks up, hashed (`.none` for a refused line).
    var hints: LookupHints
}

/// A line's seq, batch, recorded time and prev: plain values.
struct LineLinks: Sendable {
    var seq: Int64
    var batch: BatchMarker
    var recorded: UTCTimestamp
    var prev: SHA256Digest
    var leafHash: SHA256Digest?
}

/// The scan's state machine, separate from I/O so every transition is plain code.
struct ScanState {
    enum Step {
        case `continue`
        case finished
        /// The pending lines form a complete batch; hand out `pending`, then `clearPending()`.
        case batchComplete
    }

    let checkChain: Bool
    // The sound prefix: everything up to the end of the last complete batch.
    private(set) var soundEventCount: Int64
    private(set) var soundByteCount: Int64
    private(set) var soundLeafHash: SHA256Digest
    private(set) var soundRecorded: UTCTimestamp?
    // The batch being read.
    /// The lines of the batch being read (a complete batch after `.batchComplete`).
    private(set) var pending: [JournalEntry] = []
    /// The leaf hashes of the batch being read, when entries are not kept.
    private(set) var pendingLeafHashes: [SHA256Digest] = []
    /// The domain records of the batch being read, for `.domainRecords`.
    private var pendingDomainLines: [DomainLine] = []
    /// How many lines the batch being read has so far, and where the last one starts.
    private var pendingCount = 0
    private var pendingLast: (seq: Int64, byteOffset: Int64)?
    private var pendingBatch: BatchMarker?
    private var lastLeafHash: SHA256Digest
    private var lastRecorded: UTCTimestamp?
    private var lastLineEnd: Int64
    private var lastLineNumber: Int64
    // After a NUL-filled line: where the suspected crash garbage started.
    private var garbage: (lineNumber: Int64, byteOffset: Int64)?
    private var outcome: JournalTailState?

    init(start: ScanStart, checkChain: Bool) {
        self.checkChain = checkChain
        soundEventCount = start.nextSeq - 1
        soundByteCount = start.byteOffset
        soundLeafHash = start.prev
        soundRecorded = start.lastRecorded
        lastLeafHash = start.prev
        lastRecorded = start.lastRecorded
        lastLineEnd = start.byteOffset
        lastLineNumber = start.nextSeq - 1
    }

    mutating func consume(_ slice: LineSlice, _ decoded: inout DecodedLine) -> Step {
        lastLineNumber = slice.lineNumber
        lastLineEnd = slice.byteOffset + slice.byteCount + (slice.isTerminated ? 1 : 0)
        if !slice.isTerminated {
            outcome = .torn(torn(problemLineNumber: slice.lineNumber, problemByteOffset: slice.byteOffset,
                                 completeLineCount: slice.lineNumber - (soundEventCount + 1),
                                 reason: "the last line has no newline (\(slice.byteCount) bytes): an append did not finish"))
            return .finished
        }
        if garbage != nil { return consumeAfterGarbage(slice, &decoded) }
        // A line that decoded is canonical, and canonical JSON never holds a raw NUL.
        if decoded.links == nil && slice.containsNUL {
            garbage = (slice.lineNumber, slice.byteOffset)
            return .continue
        }
        if slice.isOverlong {
            return fail(slice, field: nil, "line is \(slice.byteCount) bytes, over the limit of \(JournalLimits.maxLineBytes)")
        }
        if let error = decoded.error {
            let offset = slice.byteOffset + Int64(error.offsetInLine ?? 0)
            return fail(slice, byteOffset: offset, field: error.field, error.message)
        }
        guard let line = decoded.links else { return fail(slice, field: nil, "line could not be read") }
        let expectedSeq = soundEventCount + Int64(pendingCount) + 1
        guard line.seq == expectedSeq else {
            return fail(slice, field: "seq", "expected \(expectedSeq), found \(line.seq)")
        }
        if let batch = pendingBatch {
            guard line.batch == batch else {
                return fail(slice, field: "batch", "expected {first \(batch.first), count \(batch.count)} like the lines before it in its batch, found {first \(line.batch.first), count \(line.batch.count)}")
            }
            guard line.recorded == lastRecorded else {
                return fail(slice, field: "recorded", "expected \(lastRecorded.map(\.description) ?? "?"), the time of its batch, found \(line.recorded)")
            }
        } else {
            guard line.batch.first == line.seq else {
                return fail(slice, field: "batch", "a batch must start at this line: expected first \(line.seq), found \(line.batch.first)")
            }
            if let lastRecorded, line.recorded < lastRecorded {
                return fail(slice, field: "recorded", "goes back in time: \(line.recorded) is before \(lastRecorded) on the line before")
            }
        }
        if checkChain {
            guard line.prev == lastLeafHash else {
                let previous = slice.lineNumber - 1
                let message = previous == 0
                    ? "expected \(lastLeafHash.hex) (64 zeros on line 1), found \(line.prev.hex)"
                    : "does not match the leaf hash of line \(previous): expected \(lastLeafHash.hex), found \(line.prev.hex); line \(previous) was changed after line \(slice.lineNumber) was written, or this line's prev was"
                return fail(slice, field: "prev", message)
            }
            lastLeafHash = line.leafHash ?? MerkleTree.leafHash(slice.bytes)
        }
        lastRecorded = line.recorded
        pendingBatch = line.batch
        // Move the entry out of the decode buffer rather than copy it (a copy retains every field).
        switch decoded.takeContent() {
        case .entry(let entry): pending.append(consume entry)
        case .domain(let domainLine): pendingDomainLines.append(consume domainLine)
        case .nothing, .failed:
            if checkChain, let leafHash = line.leafHash { pendingLeafHashes.append(leafHash) }
        }
        pendingCount += 1
        pendingLast = (line.seq, slice.byteOffset)
        guard line.seq == line.batch.last else { return .continue }
        pendingBatch = nil
        soundEventCount = line.seq
        soundByteCount = lastLineEnd
        soundLeafHash = lastLeafHash
        soundRecorded = lastRecorded
        return .batchComplete
    }

    /// Lends the batch's domain lines to `body` to change in place (before `clearPending()`
    /// empties them).
    mutating func withPendingDomainLines(_ body: (inout [DomainLine]) throws -> Bool) rethrows -> Bool {
        try body(&pendingDomainLines)
    }

    /// Empties `pending` after a complete batch was handed out, keeping its buffer.
    mutating func clearPending() {
        pending.removeAll(keepingCapacity: true)
        pendingLeafHashes.removeAll(keepingCapacity: true)
        pendingDomainLines.removeAll(keepingCapacity: true)
        pendingCount = 0
        pendingLast = nil
    }

    /// After a NUL-filled line, the rest of the file must look like the remains of the same
    /// unfinished batch; a line that decodes as part of a later batch proves damage instead.
    private mutating func consumeAfterGarbage(_ slice: LineSlice, _ decoded: inout DecodedLine) -> Step {
        if lastLineEnd - soundByteCount > Int64(JournalLimits.maxBatchBytes) {
            return failAtGarbage("NUL bytes start a region longer than any batch; this is damage, not an unfinished append")
        }
        if decoded.links == nil && (slice.containsNUL || slice.isOverlong) { return .continue }
        if let line = decoded.links {
            if line.batch.first == soundEventCount + 1 { return .continue }
            return failAtGarbage("contains NUL bytes, yet line \(slice.lineNumber) after it continues the journal (seq \(line.seq)); this is damage, not an unfinished append")
        }
        return failAtGarbage("contains NUL bytes and line \(slice.lineNumber) after it is not part of an unfinished append; this is damage")
    }

    private mutating func failAtGarbage(_ message: String) -> Step {
        guard let garbage else { return .finished }
        outcome = .corrupt(JournalProblem(lineNumber: garbage.lineNumber, byteOffset: garbage.byteOffset, field: nil, message: message))
        return .finished
    }

    private mutating func fail(_ slice: LineSlice, byteOffset: Int64? = nil, field: String?, _ message: String) -> Step {
        outcome = .corrupt(JournalProblem(lineNumber: slice.lineNumber, byteOffset: byteOffset ?? slice.byteOffset,
                                          field: field, message: message))
        return .finished
    }

    private func torn(problemLineNumber: Int64, problemByteOffset: Int64, completeLineCount: Int64, reason: String) -> TornTail {
        TornTail(byteOffset: soundByteCount, byteCount: lastLineEnd - soundByteCount, firstLineNumber: soundEventCount + 1,
                 completeLineCount: completeLineCount, problemLineNumber: problemLineNumber,
                 problemByteOffset: problemByteOffset, reason: reason)
    }

    /// The tail state once the whole file has been read.
    func finish() -> JournalTailState {
        if let outcome { return outcome }
        if let garbage {
            return .torn(torn(problemLineNumber: garbage.lineNumber, problemByteOffset: garbage.byteOffset,
                              completeLineCount: lastLineNumber - soundEventCount,
                              reason: "line \(garbage.lineNumber) contains NUL bytes, as blocks a crash left unwritten do, and no complete batch follows"))
        }
        if let batch = pendingBatch, let last = pendingLast {
            return .torn(torn(problemLineNumber: last.seq, problemByteOffset: last.byteOffset,
                              completeLineCount: Int64(pendingCount),
                              reason: "the file ends inside a batch: it has lines \(batch.first)–\(last.seq) of \(batch.first)–\(batch.last)"))
        }
        return .clean
    }
}
