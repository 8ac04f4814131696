// groupledger-bench: measures the journal engine and prints figures. Not a test.
//
//   swift run -c release groupledger-bench [--events N] [--batch N] [--dir PATH] [--runs N] [--from-journal PATH]
//   swift run -c release groupledger-bench --state-size-of PATH [--full]
//
// With --from-journal, the appended events are the first N events of that journal (a generated
// one, so the lines are real domain events), written through the engine in batches of --batch;
// Tools/bench-vs-sqlite.py loads the same lines into SQLite with the same batching.
//
// With --state-size-of, it only replays that journal into the state once and prints the
// state's size table by table (entries and estimated bytes) with the process's peak RSS: the
// state `state` folds (no history: `LedgerState.Retention.live`), or with --full the state
// reports fold (every history entry).
//
// Measures durable append (validation, encoding, hashing, write, fsync) in batches, reading
// and decoding every line, and full verification, on a journal of N events (~350-byte lines).
import Foundation
import Glibc
import LedgerCore
import LedgerJournal

struct Options {
    var events = 1_000_000
    var batch = 1_000
    var runs = 3
    var directory = NSTemporaryDirectory() + "groupledger-bench"
    /// Reuse a journal left by an earlier run (`--keep`) instead of measuring appends.
    var reuse = false
    var keep = false
    /// Append these events (the first `events` of a journal) instead of synthetic ones.
    var sourceJournal: String?
    /// Which phases to run: components, append, pipelined, read, verify (all by default).
    var phases: Set<String> = ["components", "append", "pipelined", "read", "verify"]
    /// Only print the size of this journal's state.
    var stateSizeOf: String?
    /// With `stateSizeOf`: the full state's size, history included.
    var fullState = false

    static let usage = """
        usage: groupledger-bench [--events N] [--batch N] [--runs N] [--dir PATH] [--phases components,append,pipelined,read,verify]
                                 [--from-journal PATH] [--keep] [--reuse]
               groupledger-bench --state-size-of PATH [--full]
        """

    /// Parses the arguments; nil (after printing why and the usage) when they are not valid.
    init?(_ arguments: [String]) {
        var index = 0
        func refuse(_ message: String) {
            FileHandle.standardError.write(Data("groupledger-bench: \(message)\n\(Self.usage)\n".utf8))
        }
        func number(_ text: String, _ option: String) -> Int? {
            guard let value = Int(text), value > 0 else { refuse("\(option) takes a positive whole number, found '\(text)'"); return nil }
            return value
        }
        while index < arguments.count {
            let option = arguments[index]
            if option == "--reuse" { reuse = true; index += 1; continue }
            if option == "--keep" { keep = true; index += 1; continue }
            if option == "--full" { fullState = true; index += 1; continue }
            if option == "--help" || option == "-h" { print(Self.usage); exit(0) }
            let known = ["--events", "--batch", "--runs", "--dir", "--phases", "--from-journal", "--state-size-of"]
            guard known.contains(option) else { refuse("unknown option '\(option)'"); return nil }
            guard index + 1 < arguments.count else { refuse("\(option) needs a value"); return nil }
            let value = arguments[index + 1]
            switch option {
            case "--events": guard let number = number(value, option) else { return nil }; events = number
            case "--batch": guard let number = number(value, option) else { return nil }; batch = number
            case "--runs": guard let number = number(value, option) else { return nil }; runs = number
            case "--dir": directory = value
            case "--phases": phases = Set(value.split(separator: ",").map(String.init))
            case "--from-journal": sourceJournal = value
            default: stateSizeOf = value
            }
            index += 2
        }
    }
}

/// CPU seconds (user + system) used by this process so far, all threads.
func processCPUSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}

/// CPU time of the last `seconds` call, to show how many cores a phase kept busy.
nonisolated(unsafe) var lastCPUSeconds = 0.0

func seconds(_ body: () throws -> Void) rethrows -> Double {
    var start = timespec()
    clock_gettime(CLOCK_MONOTONIC, &start)
    let cpuStart = processCPUSeconds()
    try body()
    lastCPUSeconds = processCPUSeconds() - cpuStart
    var end = timespec()
    clock_gettime(CLOCK_MONOTONIC, &end)
    return Double(end.tv_sec - start.tv_sec) + Double(end.tv_nsec - start.tv_nsec) / 1e9
}

func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

func summary(_ values: [Double]) -> String {
    let sorted = values.sorted()
    return String(format: "median %.3f s (min %.3f, max %.3f, %d runs; last run used %.2f s CPU)", median(values), sorted.first!,
                  sorted.last!, values.count, lastCPUSeconds)
}

let schools = ["邵阳县芙蓉学校", "黄塘中学", "塘渡口镇二完小", "湛河区实验小学", "张掖中学", "新平县第一小学"]
let roles = ["member", "lead", "member", "member"]

/// Events of ~350 bytes on average once in the journal, as the targets assume: a third carry
/// a document number, a few a Chinese name.
func draft(_ index: Int) -> EventDraft {
    var data: [(String, JSONValue)] = [
        ("groupId", .string("sy-g\(index % 97)")), ("schoolId", .string("sy-s\(index % 9973)")),
        ("role", .string(roles[index % roles.count])),
    ]
    if index % 4 == 0 { data.append(("nameZh", .string(schools[index % schools.count]))) }
    if index % 5 == 0 { data.append(("amountFen", .integer(Int64(index) * 37))) }
    return EventDraft(
        type: index % 3 == 0 ? "SchoolJoinedGroup" : "StaffSecondmentStarted", version: 1,
        effective: try! PartialDate(parsing: index % 2 == 0 ? "2024-09-01" : "2024-09"),
        actor: Actor(id: "clerk\(index % 50)", role: "BureauClerk"),
        authority: index % 3 == 0 ? Authority(document: "邵教发〔2023〕50号") : nil,
        data: JSONObject(uniqueKeysWithValues: data)
    )
}

guard let options = Options(Array(CommandLine.arguments.dropFirst())) else { exit(2) }

if let journal = options.stateSizeOf {
    var state = LedgerState()
    let retention: LedgerState.Retention = options.fullState ? .full : .live
    let elapsed = try seconds { state = try JournalReading.state(path: journal, retention: retention) }
    // VmHWM, not getrusage's ru_maxrss: the latter keeps the peak of the process before exec
    // (a Python parent holding the journal's lines, in Tools/bench-vs-sqlite.py).
    let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
    let peakKB = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") }
        .flatMap { Double($0.split(separator: " ").dropFirst().first ?? "") } ?? 0
    let sizes = state.tableSizes()
    let totalBytes = sizes.reduce(0) { $0 + $1.estimatedBytes }
    print(String(format: "%@ state of %lld events, folded in %.2f s; peak RSS %.0f MB; tables about %.0f MB:",
                 options.fullState ? "full" : "live (no history)", state.lastSeq, elapsed, peakKB / 1024, Double(totalBytes) / 1e6))
    for size in sizes where size.count > 0 {
        print(String(format: "  %@ %10d entries %9.1f MB %7.0f bytes/entry", size.name.padding(toLength: 22, withPad: " ", startingAt: 0),
                     size.count, Double(size.estimatedBytes) / 1e6, Double(size.estimatedBytes) / Double(size.count)))
    }
    exit(0)
}
do {
    try FileManager.default.createDirectory(atPath: options.directory, withIntermediateDirectories: true)
} catch {
    FileHandle.standardError.write(Data("groupledger-bench: cannot use --dir \(options.directory) for the benchmark's journal: \(error.localizedDescription)\n".utf8))
    exit(1)
}
let path = options.directory + "/bench.jsonl"
let clock = FixedClock(try! UTCTimestamp(parsing: "2025-01-10T02:00:00Z"))
print("groupledger-bench: \(options.events) events, batches of \(options.batch), \(options.runs) runs, in \(options.directory)")

/// Seconds for `count` appends of `sizeBytes` bytes to a new file, each a `pwrite` and an
/// `fsync`: what the disk allows with no encoding, hashing or locking.
func rawWriteSeconds(count: Int, sizeBytes: Int) -> Double {
    let raw = options.directory + "/fsync.bin"
    unlink(raw)
    let descriptor = open(raw, O_RDWR | O_CREAT, 0o640)
    let line = [UInt8](repeating: 0x61, count: sizeBytes)
    let elapsed = seconds {
        for index in 0..<count {
            _ = line.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, off_t(index * sizeBytes)) }
            fsync(descriptor)
        }
    }
    close(descriptor)
    unlink(raw)
    return elapsed
}

// Baseline: the raw fsync rate of this disk (one 350-byte write + fsync each).
print(String(format: "raw write+fsync:            %8.0f fsyncs/s", 2_000 / rawWriteSeconds(count: 2_000, sizeBytes: 350)))

// Per-line costs of the pieces, on one representative line, to see where time goes.
if options.phases.contains("components") {
    let line = JournalLine(event: RecordedEvent(seq: 123_456, recorded: clock.instant, draft: draft(7)),
                           batch: BatchMarker(first: 123_000, count: 1_000), prev: .zero).encoded()
    let count = 200_000
    var sink = 0
    let parse = try line.withUnsafeBytes { buffer in
        try seconds { for _ in 0..<count { if case .object(let object) = try JSONParser.parseCanonical(buffer) { sink &+= object.count } } }
    }
    let decode = try line.withUnsafeBytes { buffer in
        try seconds { for _ in 0..<count { sink &+= Int(try JournalLine.decode(buffer).seq) } }
    }
    let decoded = try line.withUnsafeBytes { try JournalLine.decode($0) }
    var buffer: [UInt8] = []
    let encode = seconds { for _ in 0..<count { buffer.removeAll(keepingCapacity: true); decoded.encode(into: &buffer); sink &+= buffer.count } }
    let hash = line.withUnsafeBytes { bytes in seconds { for _ in 0..<count { sink &+= Int(MerkleTree.leafHash(bytes).bytes[0]) } } }
    func rate(_ elapsed: Double) -> String { String(format: "%9.0f lines/s  %6.2f µs/line", Double(count) / elapsed, elapsed / Double(count) * 1e6) }
    print("per line (\(line.count) bytes): parseCanonical \(rate(parse))")
    print("                     JournalLine.decode \(rate(decode))")
    print("                     JournalLine.encode \(rate(encode))")
    print("                     leaf hash          \(rate(hash))   (sink \(sink % 10))")
}

let drafts = (0..<options.batch).map(draft)

/// The source journal's events as drafts (the ledger assigns seq, recorded, batch and prev
/// again), read in order a slice at a time: holding 10M decoded events (about 6 GB) would
/// measure this machine's memory pressure rather than the engine.
struct SourceDrafts {
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private var start = 0
    private var atEnd = false

    init(path: String) {
        descriptor = open(path, O_RDONLY)
        precondition(descriptor >= 0, "cannot open \(path)")
    }

    func close() { _ = Glibc.close(descriptor) }

    /// Up to `count` more drafts (fewer only at the end of the journal).
    mutating func next(_ count: Int) throws -> [EventDraft] {
        var result: [EventDraft] = []
        result.reserveCapacity(count)
        while result.count < count {
            if let newline = buffer[start...].firstIndex(of: 0x0A) {
                let line = try buffer.withUnsafeBytes { try JournalLine.decode(UnsafeRawBufferPointer(rebasing: $0[start..<newline])) }
                result.append(line.event.draft)
                start = newline + 1
                continue
            }
            if atEnd { break }
            buffer.removeFirst(start)
            start = 0
            var chunk = [UInt8](repeating: 0, count: 8 << 20)
            let read = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if read <= 0 { atEnd = true } else { buffer += chunk[0..<read] }
        }
        return result
    }
}

/// Appends `options.events` events in batches and returns the seconds spent inside `append`
/// (reading the source is not timed); `lastCPUSeconds` is set to the CPU time of the appends.
/// With `pipelined`, each slice of batches goes through `append(contentsOf:)`, which encodes a
/// batch while the one before is written and fsynced; otherwise one `append` per batch.
func timedAppends(to writer: JournalWriter, pipelined: Bool = false) throws -> Double {
    var elapsed = 0.0
    var cpu = 0.0
    var written = 0
    var source = options.sourceJournal.map(SourceDrafts.init(path:))
    defer { source?.close() }
    while written < options.events {
        // A slice of whole batches at a time, cut before the clock starts.
        let sliceCount = min(options.events - written, max(options.batch, 100_000 / options.batch * options.batch))
        let slice = try source?.next(sliceCount) ?? []
        precondition(source == nil || slice.count == sliceCount, "\(options.sourceJournal ?? "") has fewer than \(options.events) events")
        let batches: [[EventDraft]] = stride(from: 0, to: sliceCount, by: options.batch).map { offset in
            let count = min(options.batch, sliceCount - offset)
            if source == nil { return count == drafts.count ? drafts : Array(drafts[0..<count]) }
            return Array(slice[offset..<(offset + count)])
        }
        elapsed += try seconds {
            if pipelined {
                var acknowledged = 0
                try writer.append(contentsOf: batches) { _ in acknowledged += 1 }
                precondition(acknowledged == batches.count)
            } else {
                for batch in batches { try writer.append(batch) }
            }
        }
        cpu += lastCPUSeconds
        written += sliceCount
    }
    lastCPUSeconds = cpu
    return elapsed
}

// The ceiling for durable batches on this disk: one write + fsync per batch of the same size.
do {
    let raw = options.directory + "/batches.bin"
    unlink(raw)
    let descriptor = open(raw, O_RDWR | O_CREAT, 0o640)
    let batchBytes = [UInt8](repeating: 0x61, count: options.batch * 350)
    let batches = max(1, min(options.events / options.batch, 1000))
    let elapsed = seconds {
        for index in 0..<batches {
            _ = batchBytes.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, off_t(index * batchBytes.count)) }
            fsync(descriptor)
        }
    }
    close(descriptor)
    unlink(raw)
    print(String(format: "raw write+fsync, batch %5d: %8.0f events/s of 350 bytes (no encoding or hashing)", options.batch,
                 Double(batches * options.batch) / elapsed))
}
var appendTimes: [Double] = []
let reusing = options.reuse && FileManager.default.fileExists(atPath: path)
for _ in 0..<(reusing || !options.phases.contains("append") ? 0 : options.runs) {
    unlink(path)
    let writer = JournalWriter(path: path, clock: clock)
    appendTimes.append(try timedAppends(to: writer))
    writer.close()
}
var status = stat()
stat(path, &status)
let sizeBytes = Int64(status.st_size)
if !appendTimes.isEmpty {
    print(String(format: "durable append, batch %5d: %8.0f events/s   %@   (%.0f bytes/line)", options.batch,
                 Double(options.events) / median(appendTimes), summary(appendTimes), Double(sizeBytes) / Double(options.events)))
}
// One event per fsync against the disk's ceiling for the same writes: as many, of the lines'
// mean size, into a new file, right after the last run (the 2,000 writes of 350 bytes above
// are a quick look at the disk; the rate of the same writes is the fair comparison).
if !appendTimes.isEmpty && options.batch == 1 {
    let lineBytes = Int((Double(sizeBytes) / Double(options.events)).rounded())
    let rawRate = Double(options.events) / rawWriteSeconds(count: options.events, sizeBytes: lineBytes)
    print(String(format: "raw write+fsync, same writes: %8.0f fsyncs/s (%d writes of %d bytes); the last append run at %.2fx", rawRate,
                 options.events, lineBytes, Double(options.events) / appendTimes[appendTimes.count - 1] / rawRate))
}
// The same batches through `append(contentsOf:)`: each still written and fsynced on its own
// before it is acknowledged, with the next one encoded meanwhile. The file must come out
// byte-identical to the one-by-one appends' (the bench's clock gives both the same times).
var pipelinedTimes: [Double] = []
// Read only when the pipelined phase runs: at 10M events it is 4 GB, held to the end of the
// process (a run of the append phase alone peaked at 4.1 GB and took 27 s longer for it).
let oneByOne = appendTimes.isEmpty || reusing || !options.phases.contains("pipelined") ? nil : try Data(contentsOf: URL(fileURLWithPath: path))
for _ in 0..<(reusing || !options.phases.contains("pipelined") ? 0 : options.runs) {
    unlink(path)
    let writer = JournalWriter(path: path, clock: clock)
    pipelinedTimes.append(try timedAppends(to: writer, pipelined: true))
    writer.close()
    if let oneByOne {
        let pipelined = try Data(contentsOf: URL(fileURLWithPath: path))
        precondition(pipelined == oneByOne, "pipelined appends wrote other bytes")
    }
}
if !pipelinedTimes.isEmpty {
    print(String(format: "durable append, batch %5d, pipelined: %8.0f events/s   %@", options.batch,
                 Double(options.events) / median(pipelinedTimes), summary(pipelinedTimes)))
}

var readTimes: [Double] = []
for _ in 0..<(options.phases.contains("read") ? options.runs : 0) {
    var count = 0
    readTimes.append(try seconds {
        _ = try JournalReading.scan(path: path, checkChain: false) { entries in
            count += entries.count
            return true
        }
    })
    precondition(count == options.events)
}
if !readTimes.isEmpty { print(String(format: "read + decode:              %8.0f lines/s    %@", Double(options.events) / median(readTimes), summary(readTimes))) }

var verifyTimes: [Double] = []
for _ in 0..<(options.phases.contains("verify") ? options.runs : 0) {
    var verification: JournalVerification?
    verifyTimes.append(try seconds { verification = try JournalVerifier.verify(path: path) })
    precondition(verification?.isSound == true)
}
if !verifyTimes.isEmpty { print(String(format: "verify (chain + Merkle root): %6.0f lines/s    %@", Double(options.events) / median(verifyTimes), summary(verifyTimes))) }
if !options.keep { unlink(path) }
