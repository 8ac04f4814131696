import Foundation
import Testing
@testable import LedgerCore
@testable import LedgerJournal

/// A replay warms the cache for the records ahead of the one it folds (`LookupHints`): the
/// hints must name the tables and ids the fold looks up, the addresses must be where those
/// lookups read, and the blocks the replay warms in must fold every record once, in order.
@Suite("Warming the cache ahead of the fold")
struct FoldWarmingTests {
    static let shippedPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Journal/ledger.jsonl").path

    static let shippedRecords: [DomainEventRecord] = DomainBytesDecodingTests.shippedLines.map { line in
        try! DomainBytesDecodingTests.general(line)!.get()
    }

    /// The ids of `table` in `state`, by their hash.
    static func idsByHash(_ table: LookupHints.Table, in state: LedgerState) -> [UInt64: String] {
        let keys: [String] = switch table {
        case .schools: state.schools.keys
        case .groups: state.groups.keys
        case .staff: state.staff.keys
        case .secondments: state.secondments.keys
        case .activities: state.activities.keys
        case .expenditures: state.expenditures.keys
        case .allocations: state.allocations.keys
        case .earmarks: state.earmarks.keys
        case .approvals: state.approvals.keys
        case .roleAssignments: state.roleAssignments.keys
        case .costShares: state.costShares.keys
        case .assessments: state.assessments.keys
        case .memberships: state.memberships.keys
        }
        return Dictionary(keys.map { (KeyIndex.hash($0), $0) }, uniquingKeysWith: { first, _ in first })
    }

    @Test func everyHintNamesAnIdOfItsTableInTheFoldedState() throws {
        let state = try Projector.build(Self.shippedRecords)
        var hinted = 0
        var tablesSeen: Set<UInt8> = []
        // A voided event's ids may be in no table.
        for record in Self.shippedRecords where state.corrected[record.seq] == nil {
            let hints = LookupHints(for: record.event)
            for index in 0..<hints.count {
                let (table, hash) = hints[index]
                // Every id an event names is in the state once the journal is folded (it is
                // valid), so a hint whose hash no id of its table has names the wrong table or id.
                #expect(Self.idsByHash(table, in: state)[hash] != nil, "seq \(record.seq) (\(record.event.typeName)): hint \(index) in \(table)")
                hinted += 1
                tablesSeen.insert(table.rawValue)
            }
        }
        #expect(hinted > Self.shippedRecords.count / 2)
        #expect(tablesSeen.count >= 10, "the shipped journal exercises most tables: \(tablesSeen.sorted())")
    }

    @Test func secondmentHintsAreItsIdsInTheOrderTheFoldLooksThemUp() throws {
        let payload = SecondmentStarted(secondmentId: "sec-9", staffId: "staff-3", kind: .exchangeRotation, fromSchoolId: "s1",
                                        toSchoolId: "s2", plannedEnd: try PartialDate(parsing: "2025-07"))
        let hints = LookupHints(for: .secondmentStarted(payload))
        #expect(hints.count == 4)
        #expect(hints[0] == (.secondments, KeyIndex.hash("sec-9")))
        #expect(hints[1] == (.staff, KeyIndex.hash("staff-3")))
        #expect(hints[2] == (.schools, KeyIndex.hash("s1")))
        #expect(hints[3] == (.schools, KeyIndex.hash("s2")))
        // A host outside the ledger's schools names no school: one hint fewer.
        let external = SecondmentStarted(secondmentId: "sec-9", staffId: "staff-3", kind: .supportTeaching, fromSchoolId: "s1",
                                         toExternalHostZh: "外县学校", plannedEnd: try PartialDate(parsing: "2025-07"))
        #expect(LookupHints(for: .secondmentStarted(external)).count == 3)
        // Rare events get none.
        let authority = try #require(Self.shippedRecords.first { if case .authorityRegistered = $0.event { true } else { false } })
        #expect(LookupHints(for: authority.event).count == 0)
    }

    @Test func warmingAddressesAreTheBucketAndTheEntryALookupReads() throws {
        let state = try Projector.build(Self.shippedRecords)
        var checked = 0
        for position in state.schools.indices {
            let id = state.schools.values[position].entryKey
            let hash = KeyIndex.hash(id)
            let (first, last) = try #require(state.schools.entryAddresses(hash: hash))
            // The entry a lookup finds (positions differ only when 32 bits of two hashes agree).
            let found = try #require(state.schools.index(forKey: id))
            state.schools.values.withUnsafeBytes { bytes in
                let stride = MemoryLayout<LedgerState.SchoolEntry>.stride
                #expect(first == bytes.baseAddress! + found * stride, "\(id)")
                #expect(last == bytes.baseAddress! + found * stride + stride - 1, "\(id)")
            }
            let bucket = try #require(state.schools.bucketAddress(hash: hash))
            state.schools.positions.buckets.withUnsafeBytes { buckets in
                #expect(bucket >= buckets.baseAddress! && bucket < buckets.baseAddress! + buckets.count, "\(id)")
            }
            checked += 1
        }
        #expect(checked == state.schools.count && checked > 10)
        #expect(LedgerState().schools.bucketAddress(hash: 1) == nil)
        #expect(LedgerState().schools.entryAddresses(hash: 1) == nil)
        var addresses: [UnsafeRawPointer] = []
        for record in Self.shippedRecords {
            state.appendWarmingAddresses(for: LookupHints(for: record.event), entries: true, to: &addresses)
        }
        #expect(addresses.count > Self.shippedRecords.count / 2)
        #expect(LedgerState.readEach(addresses) >= 0)
    }

    @Test func theReplayWarmingInBlocksFoldsEveryRecordOnceInOrder() throws {
        // The shipped journal has batches of 1 to 45 lines: shorter than a block, a block
        // exactly (8), between blocks (9, 15, 18) and several blocks (32, 45).
        var folded: [Int64] = []
        let warmed = try JournalReading.fold(path: Self.shippedPath, knownAt: .latest, observe: { _, record in folded.append(record.seq) })
        let plain = try Projector.build(Self.shippedRecords)
        // `observe` sees every record but those a correction replaces or voids.
        #expect(folded == Self.shippedRecords.map(\.seq).filter { plain.corrected[$0] == nil })
        #expect(!plain.corrected.isEmpty)
        #expect(warmed == plain)
    }
}
