import Foundation
import Glibc
import Testing
import LedgerCore
@testable import LedgerJournal

/// What a writer hands back to the page cache after fsync (see `PageCacheTrail`): only its own
/// fsynced bytes, behind a kept tail, in steps; and the journal it writes is the same either way.
@Suite("Page cache trail")
struct PageCacheTrailTests {
    @Test func releasesInStepsBehindTheKeptTailFromTheFirstWrite() {
        var trail = PageCacheTrail(keptBytes: 100, stepBytes: 50, alignmentBytes: 1)
        // The first write sets where releasing may start: the bytes before it are not this writer's.
        #expect(trail.synchronized(1_000..<1_120) == nil)
        #expect(trail.releasedUpTo == 1_000)
        // 1_000..<1_040 fell behind the kept 100 bytes: less than a step.
        #expect(trail.synchronized(1_120..<1_140) == nil)
        #expect(trail.synchronized(1_140..<1_150) == 1_000..<1_050)
        #expect(trail.releasedUpTo == 1_050)
        // A large write releases everything but the kept tail at once.
        #expect(trail.synchronized(1_150..<2_000) == 1_050..<1_900)
        #expect(trail.synchronized(2_000..<2_049) == nil)
        #expect(trail.synchronized(2_049..<2_050) == 1_900..<1_950)
    }

    @Test func releasedRangesEndOnAnAlignedBoundary() {
        var trail = PageCacheTrail(keptBytes: 1_000, stepBytes: 4_096, alignmentBytes: 4_096)
        // 8_000 bytes fell behind, aligned down to 4_096: less than a step past 100.
        #expect(trail.synchronized(100..<9_000) == nil)
        #expect(trail.synchronized(9_000..<13_000) == 100..<8_192)
        #expect(trail.synchronized(13_000..<16_000) == 8_192..<12_288)
        #expect(trail.synchronized(16_000..<17_000) == nil)
    }

    @Test func theJournalWritersTrailKeepsTheLast64MiB() {
        var trail = PageCacheTrail.journalWriter
        #expect(trail.keptBytes == 64 << 20 && trail.stepBytes == 8 << 20 && trail.alignmentBytes == 2 << 20)
        #expect(trail.synchronized(0..<(72 << 20) - 1) == nil)
        #expect(trail.synchronized(((72 << 20) - 1)..<(72 << 20)) == 0..<(8 << 20))
    }

    /// Appends `batchCount` batches of 30 events after a starting journal, through `storage`,
    /// keeping 8 KiB and releasing 64 KiB at a time, on 64 KiB boundaries; returns the journal's path and the size it
    /// had before.
    static func appendBatches(_ batchCount: Int, in directory: TemporaryDirectory, storage: FaultInjectingStorage) throws -> (path: String, startBytes: Int) {
        let path = directory.file("ledger.jsonl")
        let before = try Fixtures.journal(at: path, batchSizes: [2, 3])
        let writer = JournalWriter(path: path, clock: Fixtures.clock, calls: storage,
                                   cacheTrail: PageCacheTrail(keptBytes: 8 << 10, stepBytes: 64 << 10, alignmentBytes: 64 << 10))
        for batch in 0..<batchCount {
            try writer.append((0..<30).map { Fixtures.draft(100 + batch * 30 + $0) })
        }
        return (path, before.count)
    }

    @Test func aWriterReleasesOnlyItsOwnFsyncedBytesAndWritesTheSameJournal() throws {
        let directory = TemporaryDirectory()
        let storage = FaultInjectingStorage()
        let (path, startBytes) = try Self.appendBatches(40, in: directory, storage: storage)
        let bytes = try Fixtures.bytes(path)

        // The same appends with nothing released give the same bytes.
        let plainDirectory = TemporaryDirectory()
        let plainPath = plainDirectory.file("ledger.jsonl")
        _ = try Fixtures.journal(at: plainPath, batchSizes: [2, 3])
        let plain = JournalWriter(path: plainPath, clock: Fixtures.clock)
        for batch in 0..<40 { try plain.append((0..<30).map { Fixtures.draft(100 + batch * 30 + $0) }) }
        #expect(bytes == (try Fixtures.bytes(plainPath)))

        // Contiguous ranges from the writer's first byte, each a step or more, never into the kept tail.
        let released = storage.releasedRanges
        #expect(released.count >= 2)
        #expect(released.first?.lowerBound == Int64(startBytes))
        for (earlier, later) in zip(released, released.dropFirst()) { #expect(earlier.upperBound == later.lowerBound) }
        for range in released { #expect(range.count >= 64 << 10 && range.upperBound % (64 << 10) == 0) }
        // Released up to the kept tail, less than a step and an alignment short of it.
        let keptStart: Int64 = Int64(bytes.count) - (8 << 10)
        let releasedEnd: Int64 = released.last!.upperBound
        #expect(releasedEnd <= keptStart)
        #expect(keptStart - releasedEnd < Int64(2 * (64 << 10)))
        #expect(try Fixtures.scan(path).soundEventCount == 5 + 40 * 30)
    }

    @Test func nothingIsReleasedForABatchWhoseFsyncFailed() throws {
        let directory = TemporaryDirectory()
        let storage = FaultInjectingStorage()
        let path = directory.file("ledger.jsonl")
        _ = try Fixtures.journal(at: path, batchSizes: [2, 3])
        let writer = JournalWriter(path: path, clock: Fixtures.clock, calls: storage,
                                   cacheTrail: PageCacheTrail(keptBytes: 1, stepBytes: 1, alignmentBytes: 1))
        try writer.append((0..<30).map { Fixtures.draft(100 + $0) })
        #expect(storage.releasedRanges.count == 1)
        storage.onSynchronize = { _ in EIO }
        #expect(throws: JournalError.self) { try writer.append((0..<30).map { Fixtures.draft(200 + $0) }) }
        #expect(storage.releasedRanges.count == 1)
    }

    /// The advice is taken: on a disk-backed file system the released pages leave the cache and
    /// the kept tail stays (tmpfs has no disk to drop pages to, so it is not judged there).
    @Test func releasedPagesLeaveTheCacheAndTheKeptTailStays() throws {
        let directory = TemporaryDirectory()
        guard try Self.fileSystemType(of: directory.path) != "tmpfs" else { return }
        let storage = FaultInjectingStorage()
        let (path, _) = try Self.appendBatches(40, in: directory, storage: storage)
        let resident = try Self.residentPages(path)
        let pageBytes = Int64(sysconf(Int32(_SC_PAGESIZE)))
        let released = try #require(storage.releasedRanges.last.map { storage.releasedRanges.first!.lowerBound..<$0.upperBound })
        // Whole pages inside the released ranges are gone (ranges end on boundaries no cached
        // folio straddles); the last page of the file stays.
        let firstWholePage = Int((released.lowerBound + pageBytes - 1) / pageBytes)
        let endWholePage = Int(released.upperBound / pageBytes)
        #expect(endWholePage - firstWholePage >= 4)
        let stillCached = (firstWholePage..<endWholePage).filter { resident[$0] }
        #expect(stillCached.isEmpty, "pages \(stillCached) of \(firstWholePage)..<\(endWholePage) were released but are still cached")
        #expect(resident[resident.count - 1])
    }

    /// The type of the file system `path` is on, from the longest mount point above it in
    /// `/proc/self/mounts`.
    static func fileSystemType(of path: String) throws -> String {
        let mounts = try String(contentsOfFile: "/proc/self/mounts", encoding: .utf8)
        var best: (mountPoint: String, type: String) = ("", "")
        for line in mounts.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count >= 3 else { continue }
            let mountPoint = String(fields[1])
            let inside = mountPoint == "/" || path == mountPoint || path.hasPrefix(mountPoint + "/")
            if inside && mountPoint.count > best.mountPoint.count { best = (mountPoint, String(fields[2])) }
        }
        return best.type
    }

    /// Which of the file's pages are in the page cache (`mincore` of a mapping).
    static func residentPages(_ path: String) throws -> [Bool] {
        let descriptor = open(path, O_RDONLY)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        var status = stat()
        try #require(fstat(descriptor, &status) == 0)
        let size = Int(status.st_size)
        let pageBytes = Int(sysconf(Int32(_SC_PAGESIZE)))
        let mapping = try #require(mmap(nil, size, PROT_READ, MAP_SHARED, descriptor, 0))
        try #require(mapping != MAP_FAILED)
        defer { munmap(mapping, size) }
        var vector = [UInt8](repeating: 0, count: (size + pageBytes - 1) / pageBytes)
        try #require(mincore(mapping, size, &vector) == 0)
        return vector.map { $0 & 1 == 1 }
    }
}
