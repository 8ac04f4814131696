/// The type of each folded event by seq, which a correction is checked and decoded against.
///
/// A state folded event by event (appends, tests) may be asked about any earlier seq, so it
/// keeps every seq's type: a byte each. A replay knows every correction before its fold (the
/// journal survey finds them), so it can keep only the types of the seqs they target: a live
/// replay does (see `Projector.build`), as those bytes were the largest table that grew with
/// the journal rather than with the bureau (10 MB of a 10M-event live state).
extension LedgerState {
    /// The event types a state keeps (see the extension's comment).
    struct EventTypes: Sendable, Equatable {
        /// Every seq's type (as `DomainEvent.typeIndex`) by seq − 1, unless `targets` is set.
        private(set) var all: [UInt8] = []
        /// The only seqs whose types are kept, ascending, when the state was told them.
        private var targets: [Int64]?
        /// The index in `targets` of the next one the fold will reach.
        private var nextTarget = 0
        /// The types of the seqs in `targets` folded so far.
        private var targetTypes: [Int64: UInt8] = [:]

        /// Keeps only the types of `seqs` from now on.
        /// - Precondition: no event has been recorded yet.
        mutating func keepOnly(_ seqs: some Sequence<Int64>) {
            precondition(all.isEmpty && targetTypes.isEmpty, "which event types to keep is decided before the fold")
            targets = Set(seqs).sorted()
            nextTarget = 0
        }

        /// Records the type of the event at `seq`, the next seq folded.
        mutating func record(seq: Int64, typeIndex: UInt8) {
            guard let targets else {
                all.append(typeIndex)
                return
            }
            // Seqs arrive in order, so the next target is the only one to compare with.
            while nextTarget < targets.count, targets[nextTarget] < seq { nextTarget += 1 }
            if nextTarget < targets.count, targets[nextTarget] == seq { targetTypes[seq] = typeIndex }
        }

        /// The type index of the event at `seq` (1-based, already recorded).
        /// - Precondition: the state keeps that seq's type (every seq's, or `seq` is a target).
        func typeIndex(ofSeq seq: Int64) -> UInt8 {
            guard targets != nil else { return all[Int(seq - 1)] }
            guard let typeIndex = targetTypes[seq] else {
                preconditionFailure("the type of seq \(seq) was not kept: the fold was told only the corrections' targets")
            }
            return typeIndex
        }

        /// How many types are kept.
        var count: Int { targets == nil ? all.count : targetTypes.count }

        /// Reserves room for `count` more types (when every seq's is kept).
        mutating func reserveCapacity(adding count: Int) {
            if targets == nil { all.reserveCapacity(all.count + count) }
        }

        /// Estimated heap bytes (for `tableSizes`).
        var estimatedBytes: Int {
            all.capacity + (targets?.count ?? 0) * MemoryLayout<Int64>.stride + targetTypes.capacity * 2 * MemoryLayout<Int64>.stride
        }
    }

    /// The stored type name of the event at `seq` (1-based; at most `lastSeq`).
    /// - Precondition: the state keeps that seq's type: every state folded event by event
    ///   does; a live replay keeps those its corrections target.
    public func eventType(ofSeq seq: Int64) -> String {
        DomainEvent.typeNamesByIndex[Int(eventTypes.typeIndex(ofSeq: seq))]
    }
}
