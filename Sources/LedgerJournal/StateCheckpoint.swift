import Dispatch
import Glibc
public import LedgerCore

/// A derived file beside the journal (`<journal>.checkpoint`) holding the roster part of the
/// state as of the journal's last whole batch, so `state` answers from a cold process without
/// replaying the journal.
///
/// It is never trusted blindly. Before use it must cover exactly the journal as it is now: its
/// byte length equals the journal's size, the line that ends there decodes with the covered
/// size as its seq and hashes to the recorded last leaf, the recorded Merkle frontier folds to
/// the recorded root, and the snapshot's SHA-256 matches. That check reads one line and the
/// checkpoint, not the journal's prefix: full verification stays `verify`'s job. Anything else
/// (missing, damaged, stale after an append, from another journal) means a full replay, after
/// which the checkpoint is written again unless the caller is read-only. Deleting it changes
/// no answer. Format: one canonical JSON header line, then one canonical JSON snapshot line,
/// whose two halves (authorities, documents and schools; groups and memberships) are decoded
/// on two threads from the offset the header gives.
///
/// The header also samples where batches end (`batchEnds`: a line that ends a batch, about
/// every `batchEndSpacing` lines, as `[seq, byteOffset]`), so `log --from` starts counting
/// lines there rather than at byte 0 (see `JournalReading.scan(path:fromBatchHolding:)`).
public enum StateCheckpoint {
    /// What a reading command may do with checkpoints.
    public enum Policy: Sendable {
        /// Use a valid checkpoint; write one after a full replay.
        case readWrite
        /// Use a valid checkpoint; never write (`--read-only`, or a read-only folder).
        case readOnly
        /// Ignore checkpoints: always replay the journal (`--no-checkpoint`).
        case ignore
    }

    /// Why a checkpoint was not used.
    public enum Rejection: Error, Equatable, Sendable {
        case missing
        case damaged(String)
        case stale(String)
    }

    /// The checkpoint's path for a journal.
    public static func path(forJournal journalPath: String) -> String { journalPath + ".checkpoint" }

    static let format = "groupledger.state-checkpoint/3"

    /// About how many lines apart the header's batch ends are: a few MB of lines to count
    /// past one, and a header of some 30 KB at 10M events.
    public static let batchEndSpacing: Int64 = 8_192

    /// Where a line lies: its seq and the 0-based offset of its first byte.
    public struct LinePosition: Equatable, Sendable {
        /// The line's seq (= line number).
        public var seq: Int64
        /// The 0-based offset of the line's first byte.
        public var byteOffset: Int64

        /// Creates a position.
        public init(seq: Int64, byteOffset: Int64) {
            self.seq = seq
            self.byteOffset = byteOffset
        }
    }

    /// The batch ends sampled in a checkpoint's header, when the header is whole (its frontier
    /// folds to its root) and the journal still holds the prefix it covers: at least its
    /// bytes, the covered last line unchanged. Appends since do not matter (the journal only
    /// grows, and the positions are before them); the snapshot is not read. Nil otherwise.
    /// Each position is still to be checked against the line found there before use.
    public static func batchEnds(journalPath: String) -> [LinePosition]? {
        let checkpointPath = path(forJournal: journalPath)
        guard FileDescriptor.exists(checkpointPath) else { return nil }
        do {
            let file = try FileDescriptor.openForReading(checkpointPath)
            defer { file.close() }
            // The header is the first line: read in blocks until its newline.
            var header: [UInt8] = []
            while true {
                let block = try file.readBytes(count: 65_536, at: Int64(header.count))
                if let newline = block.firstIndex(of: UInt8(ascii: "\n")) {
                    header += block[..<newline]
                    break
                }
                guard !block.isEmpty, header.count + block.count <= 16 << 20 else { return nil }
                header += block
            }
            guard case .object(let fields) = try header.withUnsafeBytes({ try JSONParser.parseCanonical($0) }),
                  let (size, byteLength, lastLeaf) = checkedCoverage(fields),
                  case .array(let values)? = fields["batchEnds"],
                  try mismatch(journalPath: journalPath, size: size, byteLength: byteLength, lastLeaf: lastLeaf, allowingAppends: true) == nil
            else { return nil }
            var positions: [LinePosition] = []
            for value in values {
                guard case .array(let pair) = value, pair.count == 2, case .integer(let seq) = pair[0], case .integer(let offset) = pair[1],
                      seq >= 1, seq <= size, offset >= 0, offset < byteLength, positions.last.map({ $0.seq < seq && $0.byteOffset < offset }) ?? true
                else { return nil }
                positions.append(LinePosition(seq: seq, byteOffset: offset))
            }
            return positions
        } catch {
            return nil
        }
    }

    /// The size, byte length and last leaf a header covers, when its format is this one and its
    /// frontier folds to its root; nil otherwise.
    private static func checkedCoverage(_ header: JSONObject) -> (size: Int64, byteLength: Int64, lastLeaf: SHA256Digest)? {
        guard header["format"]?.stringValue == format, case .integer(let size)? = header["size"], case .integer(let byteLength)? = header["byteLength"],
              let root = header["root"]?.stringValue.flatMap({ SHA256Digest(hex: $0) }),
              let lastLeaf = header["lastLeaf"]?.stringValue.flatMap({ SHA256Digest(hex: $0) }),
              case .array(let frontierValues)? = header["frontier"] else { return nil }
        let hashes = frontierValues.compactMap { $0.stringValue.flatMap { SHA256Digest(hex: $0) } }
        guard hashes.count == frontierValues.count, let frontier = MerkleFrontier(size: Int(size), hashes: hashes), frontier.root() == root
        else { return nil }
        return (size, byteLength, lastLeaf)
    }

    /// The roster state from a valid checkpoint, or why there is none.
    public static func load(journalPath: String) -> Result<LedgerState, Rejection> {
        let checkpointPath = path(forJournal: journalPath)
        guard FileDescriptor.exists(checkpointPath) else { return .failure(.missing) }
        do {
            let file = try FileDescriptor.openForReading(checkpointPath)
            defer { file.close() }
            let bytes = try file.readBytes(count: Int(try file.sizeBytes()), at: 0)
            guard let newline = bytes.firstIndex(of: UInt8(ascii: "\n")), bytes.last == UInt8(ascii: "\n") else {
                return .failure(.damaged("not two lines"))
            }
            // The header and the snapshot are read in place: the snapshot is most of a cold
            // `state`'s memory, so it is never copied.
            return try bytes.withUnsafeBytes { buffer throws -> Result<LedgerState, Rejection> in
                let headerBytes = UnsafeRawBufferPointer(rebasing: buffer[..<newline])
                let snapshotBytes = UnsafeRawBufferPointer(rebasing: buffer[(newline + 1)..<(buffer.count - 1)])
                return try load(header: try JSONParser.parseCanonical(headerBytes), snapshotBytes: snapshotBytes, journalPath: journalPath)
            }
        } catch {
            return .failure(.damaged("\(error)"))
        }
    }

    private static func load(header value: JSONValue, snapshotBytes: UnsafeRawBufferPointer, journalPath: String) throws -> Result<LedgerState, Rejection> {
        guard case .object(let header) = value else { return .failure(.damaged("header")) }
        guard let snapshotHash = header["snapshotSha256"]?.stringValue.flatMap({ SHA256Digest(hex: $0) }),
              case .integer(let secondHalfOffset)? = header["secondHalfOffset"], secondHalfOffset > 0, secondHalfOffset < snapshotBytes.count
        else {
            return .failure(.damaged("header fields"))
        }
        guard let (size, byteLength, lastLeaf) = checkedCoverage(header) else {
            return .failure(.damaged("header fields, or a frontier that does not fold to the root"))
        }
        guard SHA256.hash(snapshotBytes) == snapshotHash else { return .failure(.damaged("the snapshot's hash differs")) }
        if let problem = try mismatch(journalPath: journalPath, size: size, byteLength: byteLength, lastLeaf: lastLeaf) {
            return .failure(.stale(problem))
        }
        let state = try decodeInParallel(snapshotBytes, secondHalfOffset: Int(secondHalfOffset))
        guard state.lastSeq == size else { return .failure(.damaged("the snapshot covers seq \(state.lastSeq), the header \(size)")) }
        return .success(state)
    }

    /// The snapshot's two halves decoded on two threads (they are independent tables; each
    /// half checks that it ends exactly where the other begins).
    static func decodeInParallel(_ bytes: UnsafeRawBufferPointer, secondHalfOffset: Int) throws(DomainError) -> LedgerState {
        let halves = Halves(bytes)
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            let bytes = halves.bytes
            if index == 0 {
                halves.first = Result { () throws(DomainError) in try LedgerState.RosterFirstHalf(snapshot: bytes, secondHalfOffset: secondHalfOffset) }
            } else {
                halves.second = Result { () throws(DomainError) in try LedgerState.RosterSecondHalf(snapshot: bytes, secondHalfOffset: secondHalfOffset) }
            }
        }
        guard let first = halves.first, let second = halves.second else { preconditionFailure("both halves are decoded") }
        return LedgerState(try first.get(), try second.get())
    }

    /// The bytes both decoding threads read (valid for the whole call), and where each leaves
    /// its half; each writes only its own.
    private final class Halves: @unchecked Sendable {
        let bytes: UnsafeRawBufferPointer
        var first: Result<LedgerState.RosterFirstHalf, DomainError>?
        var second: Result<LedgerState.RosterSecondHalf, DomainError>?

        init(_ bytes: UnsafeRawBufferPointer) {
            self.bytes = bytes
        }
    }

    /// Why the journal is not the one the checkpoint covers, or nil when it is exactly that (or,
    /// `allowingAppends`, that followed by more lines).
    static func mismatch(journalPath: String, size: Int64, byteLength: Int64, lastLeaf: SHA256Digest,
                         allowingAppends: Bool = false) throws -> String? {
        let journal = try FileDescriptor.openForReading(journalPath)
        defer { journal.close() }
        let journalBytes = try journal.sizeBytes()
        guard journalBytes == byteLength || (allowingAppends && journalBytes > byteLength) else {
            return "the journal has \(journalBytes) bytes; the checkpoint covers \(byteLength)"
        }
        guard size > 0 else { return byteLength == 0 ? nil : "an empty checkpoint for a non-empty journal" }
        // The last line: back from its newline to the one before it (lines are at most the line limit).
        let window = Int(min(byteLength, Int64(JournalLimits.maxLineBytes) + 1))
        let tail = try journal.readBytes(count: window, at: byteLength - Int64(window))
        guard tail.last == UInt8(ascii: "\n") else { return "the journal does not end with a newline" }
        let start = tail[..<(tail.count - 1)].lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
        guard start > 0 || Int64(window) == byteLength else { return "the last line is longer than the limit" }
        let line = Array(tail[start..<(tail.count - 1)])
        guard MerkleTree.leafHash(line) == lastLeaf else { return "the last line's hash differs from the checkpoint's" }
        let decoded = try line.withUnsafeBytes { bytes in try JournalLine.decode(bytes) }
        guard decoded.seq == size else { return "the last line is seq \(decoded.seq); the checkpoint covers \(size)" }
        return nil
    }

    /// Writes the checkpoint of `state` from the scan that folded it, with its chain checked,
    /// and the frontier of its lines' leaf hashes: the state, the size and the frontier then
    /// describe the same prefix, whatever was appended since. Throws, writing nothing, unless
    /// the scan read the whole file clean (no torn tail) up to the state's last seq.
    /// `batchEnds` are lines that end batches, in seq order (see `batchEndSpacing`).
    static func write(_ state: LedgerState, scan: JournalScanResult, frontier: MerkleFrontier, batchEnds: [LinePosition],
                      journalPath: String) throws {
        guard case .clean = scan.tail, scan.soundEventCount == state.lastSeq, Int64(frontier.size) == scan.soundEventCount else {
            throw JournalError(.invalidInput, path: journalPath,
                               message: "the replay did not read the journal whole and clean (a torn tail, or lines appended meanwhile); no checkpoint written")
        }
        let encoded = state.encodedRosterSnapshot
        let snapshot = encoded.bytes
        let header: JSONValue = .object(JSONObject(uniqueKeysWithValues: [
            ("format", .string(format)), ("size", .integer(scan.soundEventCount)), ("byteLength", .integer(scan.soundByteCount)),
            ("root", .string(frontier.root().hex)), ("frontier", .array(frontier.hashes.map { .string($0.hex) })),
            ("lastLeaf", .string(scan.lastLeafHash.hex)), ("snapshotSha256", .string(SHA256.hash(snapshot).hex)),
            ("secondHalfOffset", .integer(Int64(encoded.secondHalfOffset))),
            ("batchEnds", .array(batchEnds.map { .array([.integer($0.seq), .integer($0.byteOffset)]) })),
        ]))
        do {
            try AtomicFile.replace(path(forJournal: journalPath), with: CanonicalJSON.encode(header) + [UInt8(ascii: "\n")] + snapshot + [UInt8(ascii: "\n")])
        } catch {
            throw JournalError(error)
        }
    }
}
