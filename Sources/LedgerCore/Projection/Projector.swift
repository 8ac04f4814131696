/// How far into transaction time a projection looks: the whole journal, up to a seq, or up
/// to a recorded time. Independent of `--as-of`, which picks the effective date.
public enum KnownAt: Sendable, Equatable {
    /// Everything recorded.
    case latest
    /// Events with seq ≤ this.
    case seq(Int64)
    /// Events recorded at or before this instant.
    case recorded(UTCTimestamp)

    /// Whether `record` is inside the cut.
    public func includes(_ record: DomainEventRecord) -> Bool {
        switch self {
        case .latest: return true
        case .seq(let seq): return record.seq <= seq
        case .recorded(let instant): return record.recorded <= instant
        }
    }
}

/// Builds `LedgerState` from the journal's events with corrections in force: a voided event
/// has no effect, a superseded one has its replacement's. The originals stay in the journal.
///
/// The caller supplies `replay`, which calls its argument with every record in seq order (for
/// the CLI, a streaming scan of the journal); it is called twice: once to collect corrections,
/// once to fold.
public enum Projector {
    /// A correction in force.
    struct Correction {
        var correctionSeq: Int64
        var replacement: JSONObject?
    }

    /// The state as known at `knownAt`, with the corrections already known: `replay` is called
    /// once. (Finding corrections needs only each line's type, which the journal layer reads
    /// far more cheaply than a typed payload.) `eventCountsByTypeIndex`, when known, sizes the
    /// state's tables before the fold (see `LedgerState.reserveCapacity`); `retention` says how
    /// much history it keeps. `corrections` must hold every correction `replay` gives: a live
    /// state keeps the event types of their targets only (see `LedgerState.EventTypes`).
    public static func build(corrections: [DomainEventRecord], knownAt: KnownAt = .latest,
                             eventCountsByTypeIndex: [Int]? = nil, retention: LedgerState.Retention = .full,
                             observe: ((LedgerState, DomainEventRecord) -> Void)? = nil,
                             replay: (_ visit: (DomainEventRecord) throws -> Void) throws -> Void) throws -> LedgerState {
        try build(corrections: corrections, knownAt: knownAt, eventCountsByTypeIndex: eventCountsByTypeIndex, retention: retention,
                  observe: observe) { folding in
            try replay { record in try folding.fold(record) }
        }
    }

    /// Builds the state like `build(corrections:knownAt:eventCountsByTypeIndex:observe:replay:)`,
    /// lending the fold to `replay`, which calls `fold` with every record in seq order and may
    /// warm the cache for records ahead of it (`Folding.warmBuckets(for:)`).
    public static func build(corrections: [DomainEventRecord], knownAt: KnownAt = .latest,
                             eventCountsByTypeIndex: [Int]? = nil, retention: LedgerState.Retention = .full,
                             observe: ((LedgerState, DomainEventRecord) -> Void)? = nil,
                             folding replay: (inout Folding) throws -> Void) throws -> LedgerState {
        var inForce: [Int64: Correction] = [:]
        for record in corrections where knownAt.includes(record) {
            guard case .entryCorrected(let correction) = record.event else { continue }
            inForce[correction.targetSeq] = Correction(correctionSeq: record.seq, replacement: correction.replacement)
        }
        var folding = Folding(inForce: inForce, knownAt: knownAt, observe: observe)
        folding.state = LedgerState(retention: retention)
        // Every correction the fold meets is in `inForce` (see `LedgerState.EventTypes`).
        if retention == .live { folding.state.eventTypes.keepOnly(inForce.keys) }
        if let eventCountsByTypeIndex { folding.state.reserveCapacity(eventCountsByTypeIndex: eventCountsByTypeIndex) }
        try replay(&folding)
        return folding.state
    }

    /// A fold in progress: the state and the corrections in force, lent to a replay.
    public struct Folding {
        /// The state so far.
        public internal(set) var state = LedgerState()
        let inForce: [Int64: Correction]
        let knownAt: KnownAt
        let observe: ((LedgerState, DomainEventRecord) -> Void)?
        /// The buffer `warm` gathers addresses in, kept to be reused.
        private var warmingAddresses: [UnsafeRawPointer] = []

        init(inForce: [Int64: Correction], knownAt: KnownAt, observe: ((LedgerState, DomainEventRecord) -> Void)?) {
            self.inForce = inForce
            self.knownAt = knownAt
            self.observe = observe
        }

        /// Folds the next record (one the fold's `knownAt` leaves out is skipped).
        public mutating func fold(_ record: DomainEventRecord) throws {
            guard knownAt.includes(record) else { return }
            // Most journals have no corrections: then no record pays for hashing its seq.
            try state.fold(record, correction: inForce.isEmpty ? nil : inForce[record.seq], observe: observe)
        }

        /// Warms the cache for records ahead of the next one (see `LookupHints`): reads the
        /// buckets of the ids `bucketHints` give and the entries of those `entryHints` give
        /// (whose buckets should have been warmed before), all loads at once.
        ///
        /// Mutating only so that it reads the state where it lies: called on a fold lent to a
        /// closure, a non-mutating method copied the whole state (retaining every table).
        public mutating func warm(buckets bucketHints: [LookupHints], entries entryHints: [LookupHints]) {
            warmingAddresses.removeAll(keepingCapacity: true)
            for hints in bucketHints { state.appendWarmingAddresses(for: hints, entries: false, to: &warmingAddresses) }
            for hints in entryHints { state.appendWarmingAddresses(for: hints, entries: true, to: &warmingAddresses) }
            LedgerState.keepWarmingLoads(LedgerState.readEach(warmingAddresses))
        }
    }

    /// Folds like `build(corrections:…)`, calling `visit` for every event with the state before
    /// it and the seq of the correction in force for it, if any (for replays and histories).
    /// `eventCountsByTypeIndex`, when known, sizes the state's tables before the walk.
    public static func walk(corrections: [DomainEventRecord], eventCountsByTypeIndex: [Int]? = nil,
                            replay: (_ visit: (DomainEventRecord) throws -> Void) throws -> Void,
                            visit: (LedgerState, DomainEventRecord, Int64?) throws -> Void) throws -> LedgerState {
        var inForce: [Int64: Correction] = [:]
        for record in corrections {
            guard case .entryCorrected(let correction) = record.event else { continue }
            inForce[correction.targetSeq] = Correction(correctionSeq: record.seq, replacement: correction.replacement)
        }
        var state = LedgerState()
        if let eventCountsByTypeIndex { state.reserveCapacity(eventCountsByTypeIndex: eventCountsByTypeIndex) }
        // `replay` calls its argument synchronously, so `visit` never outlives this call.
        try withoutActuallyEscaping(visit) { visit in
            try replay { record in
                let correction = inForce[record.seq]
                try state.fold(record, correction: correction) { before, record in try visit(before, record, correction?.correctionSeq) }
            }
        }
        return state
    }

    /// The state as known at `knownAt`.
    /// - Throws: `DomainError` (with the seq in its message) when the history does not fold.
    /// - Parameter observe: called with the state before each event is folded, and the event
    ///   as folded (after corrections), e.g. to derive policy findings on replay.
    public static func build(knownAt: KnownAt = .latest, retention: LedgerState.Retention = .full,
                             observe: ((LedgerState, DomainEventRecord) -> Void)? = nil,
                             replay: (_ visit: (DomainEventRecord) throws -> Void) throws -> Void) throws -> LedgerState {
        var corrections: [Int64: Correction] = [:]
        try replay { record in
            guard knownAt.includes(record), case .entryCorrected(let correction) = record.event else { return }
            corrections[correction.targetSeq] = Correction(correctionSeq: record.seq, replacement: correction.replacement)
        }
        var state = LedgerState(retention: retention)
        if retention == .live { state.eventTypes.keepOnly(corrections.keys) }
        try replay { record in
            guard knownAt.includes(record) else { return }
            try state.fold(record, correction: corrections[record.seq], observe: observe)
        }
        return state
    }

    /// The state from records already in memory (tests, small journals).
    public static func build(_ records: [DomainEventRecord], knownAt: KnownAt = .latest,
                             retention: LedgerState.Retention = .full) throws -> LedgerState {
        try build(knownAt: knownAt, retention: retention) { visit in
            for record in records { try visit(record) }
        }
    }
}

extension LedgerState {
    /// Folds one record like `fold(_:correction:)`, first calling `observe` with the state
    /// before it when no correction is in force (the observers judge events as recorded).
    ///
    /// Why a mutating method: the builders' closures capture the state as a variable, and
    /// passing a captured variable to a closure copies it (a retain and a release of each of
    /// its ~30 tables per event, a fifth of `report annual`); `self` here is borrowed in place.
    mutating func fold(_ record: DomainEventRecord, correction: Projector.Correction?,
                       observe: ((LedgerState, DomainEventRecord) -> Void)?) throws {
        if let observe, correction == nil { observe(self, record) }
        try fold(record, correction: correction)
    }

    /// Folds one record like `fold(_:correction:)`, first calling `visit` with the state before
    /// it (whatever correction is in force).
    mutating func fold(_ record: DomainEventRecord, correction: Projector.Correction?,
                       visit: (LedgerState, DomainEventRecord) throws -> Void) throws {
        try visit(self, record)
        try fold(record, correction: correction)
    }

    /// Folds one record with its correction (if any) in force.
    mutating func fold(_ record: DomainEventRecord, correction: Projector.Correction?) throws {
        guard let correction else {
            try apply(record)
            return
        }
        guard let replacement = correction.replacement else {
            // Voided: the event keeps its seq but has no effect.
            lastSeq = record.seq
            eventTypes.record(seq: record.seq, typeIndex: record.event.typeIndex)
            return
        }
        let type = record.event.typeName
        var draft = EventDraft(type: type, version: EventCatalog.payloadType(named: type)?.currentVersion ?? 1,
                               effective: record.effective, actor: record.actor, authority: record.authority, data: replacement)
        draft.data = replacement
        var replaced = record
        do {
            replaced.event = try EventCatalog.decode(draft)
        } catch {
            throw DomainError(field: "data.replacement", "seq \(correction.correctionSeq): \(error.description)")
        }
        do {
            try apply(replaced)
        } catch {
            throw DomainError(field: error.field, "seq \(record.seq) as superseded by seq \(correction.correctionSeq): \(error.message)")
        }
    }
}
