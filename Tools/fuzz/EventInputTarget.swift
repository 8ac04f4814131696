// libFuzzer target: the events the CLI accepts (`groupledger append` input, JSON Lines of
// drafts), through everything an append runs before writing: input parsing, envelope
// validation, the event type's payload decoding, and the domain state's checks. Built and
// run by Tools/fuzz.sh; not part of the package.
//
// Besides "never crashes", it checks that every accepted draft can be stored: encoded as a
// journal line it decodes back to the same draft, within the line limit or refused by it.
import LedgerCore
@testable import LedgerJournal

@_cdecl("LLVMFuzzerTestOneInput")
public func eventInputTestOneInput(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = [UInt8](UnsafeRawBufferPointer(start: start, count: count))
    guard let drafts = try? EventDraftInput.drafts(from: bytes) else { return 0 }
    guard let recorded = try? UTCTimestamp(parsing: "2025-01-10T02:00:00Z") else { preconditionFailure("a fixed valid time") }
    var state = LedgerState()
    var prev = SHA256Digest.zero
    for (index, draft) in drafts.enumerated() {
        do { try draft.validate() } catch { preconditionFailure("EventDraftInput returned a draft that does not validate: \(error)") }
        let seq = Int64(index + 1)
        let line = JournalLine(event: RecordedEvent(seq: seq, recorded: recorded, draft: draft),
                               batch: BatchMarker(first: 1, count: Int64(drafts.count)), prev: prev)
        let encoded = line.encoded()
        if encoded.count <= JournalLimits.maxLineBytes {
            let decoded = encoded.withUnsafeBytes { try? JournalLine.decode($0) }
            precondition(decoded == line, "an accepted draft does not read back as itself once stored")
        }
        prev = MerkleTree.leafHash(encoded)
        guard let event = try? EventCatalog.decode(draft) else { continue }
        let record = DomainEventRecord(seq: seq, recorded: recorded, effective: draft.effective, actor: draft.actor,
                                       authority: draft.authority, event: event)
        _ = PolicyEvaluator.onAppend(record, state: state)
        try? state.apply(record)
    }
    return 0
}
