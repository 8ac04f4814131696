import Foundation
import Testing
import LedgerCore
@testable import LedgerJournal

/// The fuzz targets' properties (Tools/fuzz/*Target.swift), checked on their seeds and on
/// Tools/fuzz/regressions/: every input a fuzzer found crashing, and edge cases by hand.
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    static let fuzzFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Tools/fuzz")

    /// Every input of a target: its seeds and its regressions, by name.
    static func inputs(_ target: String) throws -> [(name: String, bytes: [UInt8])] {
        var result: [(String, [UInt8])] = []
        for folder in ["seeds", "regressions"] {
            let directory = fuzzFolder.appendingPathComponent(folder + "/" + target)
            for name in try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() {
                result.append(("\(folder)/\(target)/\(name)", Array(try Data(contentsOf: directory.appendingPathComponent(name)))))
            }
        }
        return result
    }

    @Test func lineDecoderInputsDecodeCanonicallyOrAreRefusedAndBothDecodersAgree() throws {
        let inputs = try Self.inputs("line-decoder")
        #expect(inputs.count >= 30)
        var decoded = 0
        for (name, bytes) in inputs {
            bytes.withUnsafeBytes { buffer in
                let fast = FastLineDecoder.decode(buffer)
                let generic = try? JournalLine.decodeGeneric(buffer)
                if let fast { #expect(generic == fast, "\(name): the fast decoder accepted what the generic one refuses or reads differently") }
                if let line = fast ?? generic {
                    #expect(line.encoded() == bytes, "\(name): decoded but not canonical")
                    decoded += 1
                }
            }
        }
        #expect(decoded >= 24, "the seeds are real journal lines and must decode")
    }

    @Test func acceptedEventInputIsStoredAndReadBackAsItself() throws {
        let recorded = try UTCTimestamp(parsing: "2025-01-10T02:00:00Z")
        var accepted = 0
        for (name, bytes) in try Self.inputs("event-input") {
            guard let drafts = try? EventDraftInput.drafts(from: bytes) else { continue }
            var state = LedgerState()
            var prev = SHA256Digest.zero
            for (index, draft) in drafts.enumerated() {
                #expect(throws: Never.self, "\(name)") { try draft.validate() }
                let line = JournalLine(event: RecordedEvent(seq: Int64(index + 1), recorded: recorded, draft: draft),
                                       batch: BatchMarker(first: 1, count: Int64(drafts.count)), prev: prev)
                let encoded = line.encoded()
                let back = encoded.withUnsafeBytes { try? JournalLine.decode($0) }
                #expect(back == line, "\(name): event \(index + 1) does not read back as itself")
                prev = MerkleTree.leafHash(encoded)
                guard let event = try? EventCatalog.decode(draft) else { continue }
                let record = DomainEventRecord(seq: Int64(index + 1), recorded: recorded, effective: draft.effective, actor: draft.actor,
                                               authority: draft.authority, event: event)
                _ = PolicyEvaluator.onAppend(record, state: state)
                try? state.apply(record)
            }
            accepted += 1
        }
        #expect(accepted >= 15, "the seeds are valid inputs")
    }
}
