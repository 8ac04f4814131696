import LedgerCore

/// The batches a stress worker appends, derived from (seed, run, worker, batch index) alone, so
/// the driver can regenerate exactly what was sent and compare it with what the journal holds.
struct StressBatches {
    let seed: UInt64
    /// The trial (crash test) or 0 (concurrency).
    let run: Int
    /// Which of the concurrent workers.
    let worker: Int
    /// The largest batch, in events; each batch has 1…this many (all this many when `fixedSize`).
    let maxBatchEvents: Int
    let fixedSize: Bool

    /// The number of events in batch `index` (0-based).
    func eventCount(ofBatch index: Int) -> Int {
        fixedSize ? maxBatchEvents : 1 + Int(mix(UInt64(index), salt: 1) % UInt64(maxBatchEvents))
    }

    /// The drafts of batch `index`.
    func drafts(ofBatch index: Int) -> [EventDraft] {
        (0..<eventCount(ofBatch: index)).map { draft(batch: index, index: $0) }
    }

    /// One event: who sent it and where it belongs, padded with Chinese text of varying length
    /// so lines differ in size and cross page boundaries at different places.
    func draft(batch: Int, index: Int) -> EventDraft {
        let paddingCharacters = Int(mix(UInt64(batch) << 20 | UInt64(index), salt: 2) % 200)
        let data = JSONObject(uniqueKeysWithValues: [
            ("run", .integer(Int64(run))), ("worker", .integer(Int64(worker))),
            ("batch", .integer(Int64(batch))), ("index", .integer(Int64(index))),
            ("noteZh", .string("压力测试：集团化办学记录" + String(repeating: "校", count: paddingCharacters))),
        ])
        return EventDraft(type: "StressRecordAppended", version: 1, effective: Self.effective,
                          actor: Actor(id: "stress-\(worker)", role: "BureauClerk", onBehalfOf: "sy-edu"),
                          authority: Authority(document: "邵教发〔2023〕50号"), data: data)
    }

    private static let effective: PartialDate = {
        guard let date = try? PartialDate(parsing: "2024-09-01") else { preconditionFailure("a fixed valid date") }
        return date
    }()

    /// SplitMix64 of the inputs: deterministic, well spread.
    private func mix(_ value: UInt64, salt: UInt64) -> UInt64 {
        var state = seed &+ UInt64(run) &* 0x9e37_79b9_7f4a_7c15 &+ UInt64(worker) &* 0xbf58_476d_1ce4_e5b9
            &+ value &* 0x94d0_49bb_1331_11eb &+ salt
        state = (state ^ (state >> 30)) &* 0xbf58_476d_1ce4_e5b9
        state = (state ^ (state >> 27)) &* 0x94d0_49bb_1331_11eb
        return state ^ (state >> 31)
    }
}
