public import LedgerCore

/// Reading the journal as domain events and folding them into state.
extension JournalReading {
    /// Calls `visit` with each event of the journal's sound part, decoded to its typed payload.
    /// - Throws: `JournalError` naming the line and field of an event the domain refuses, or of
    ///   a damaged line.
    public static func replayDomain(path: String, _ visit: (DomainEventRecord) throws -> Void) throws {
        let result = try scan(path: path, checkChain: false) { entries in
            for entry in entries {
                try visit(try domainRecord(entry, path: path))
            }
            return true
        }
        if case .corrupt = result.tail, let error = error(for: result.tail, path: path) { throw error }
    }

    /// One entry as a domain record, or the journal error naming its line and field.
    static func domainRecord(_ entry: JournalEntry, path: String) throws(JournalError) -> DomainEventRecord {
        do {
            return try DomainEventRecord(entry.event)
        } catch {
            throw JournalError(.invalidInput, path: path, lineNumber: entry.seq, byteOffset: entry.byteOffset,
                               field: error.field, message: error.message)
        }
    }

    /// The state of the journal at `path` as known at `knownAt`.
    /// - Throws: `JournalError` for a refused or damaged line.
    public static func state(path: String, knownAt: KnownAt = .latest) throws -> LedgerState {
        try fold(path: path, knownAt: knownAt, observe: nil)
    }

    /// The journal's corrections, found by an envelope-only scan (cheap: payloads are decoded
    /// only for the corrections themselves).
    public static func corrections(path: String) throws -> [DomainEventRecord] {
        var corrections: [DomainEventRecord] = []
        let result = try scan(path: path, checkChain: false) { entries in
            for entry in entries where entry.event.type == EntryCorrected.eventType {
                corrections.append(try domainRecord(entry, path: path))
            }
            return true
        }
        if case .corrupt = result.tail, let error = error(for: result.tail, path: path) { throw error }
        return corrections
    }

    /// Folds the journal once: corrections are found by an envelope-only scan, then every
    /// event is decoded and folded in a single pass.
    static func fold(path: String, knownAt: KnownAt, observe: ((LedgerState, DomainEventRecord) -> Void)?) throws -> LedgerState {
        let corrections = try corrections(path: path)
        do {
            return try Projector.build(corrections: corrections, knownAt: knownAt, observe: observe) { visit in
                try replayDomain(path: path, visit)
            }
        } catch let error as DomainError {
            throw JournalError(.invalidInput, path: path, field: error.field, message: error.message)
        }
    }
}
