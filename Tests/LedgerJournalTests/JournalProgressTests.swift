import Synchronization
import Testing
@testable import LedgerJournal

@Suite("Scan progress")
struct JournalProgressTests {
    @Test func aScanReportsRisingProgressEndingAtTheFileSize() throws {
        let directory = TemporaryDirectory()
        let path = directory.file("ledger.jsonl")
        let bytes = try Fixtures.journal(at: path, batchSizes: Array(repeating: 1000, count: 8))
        let totalBytes = Int64(bytes.count)
        #expect(totalBytes > 2 << 20, "the journal must span several 1 MiB chunks")
        let reports = Mutex<[Int64]>([])
        // Other tests scan at the same time and report to the same observer; keep this file's
        // reports, recognised by its size.
        JournalProgress.install { readBytes, total in
            if total == totalBytes { reports.withLock { $0.append(readBytes) } }
        }
        defer { JournalProgress.install(nil) }
        _ = try JournalReading.scan(path: path, checkChain: true) { _ in true }
        let seen = reports.withLock { $0 }
        #expect(seen.count >= 3)
        #expect(seen == seen.sorted())
        #expect(seen.last == totalBytes)
    }
}
