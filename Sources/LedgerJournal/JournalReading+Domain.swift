public import LedgerCore

/// Reading the journal as domain events and folding them into state.
extension JournalReading {
    /// Calls `visit` with each event of the journal's sound part, decoded to its typed payload.
    /// - Throws: `JournalError` naming the line and field of an event the domain refuses, or of
    ///   a damaged line.
    public static func replayDomain(path: String, _ visit: (DomainEventRecord) throws -> Void) throws {
        // Typed payloads are decoded on the scan's worker threads, beside the lines.
        let result = try withScanner(path: path, checkChain: false) { scanner in
            try scanner.runTakingDomainRecords { entries in
                for index in entries.indices {
                    try visit(try takeDomainRecord(&entries[index], path: path))
                }
                return true
            }
        }
        if case .corrupt = result.tail, let error = error(for: result.tail, path: path) { throw error }
    }

    /// Moves the domain record out of `entry` (or decodes it), or throws the journal error
    /// naming its line and field.
    static func takeDomainRecord(_ entry: inout JournalEntry, path: String) throws(JournalError) -> DomainEventRecord {
        var taken: Result<DomainEventRecord, DomainError>?
        swap(&taken, &entry.domainRecord)
        return try record(taken, of: entry, path: path)
    }

    /// One entry as a domain record, or the journal error naming its line and field.
    static func domainRecord(_ entry: JournalEntry, path: String) throws(JournalError) -> DomainEventRecord {
        try record(entry.domainRecord, of: entry, path: path)
    }

    /// `decoded` (or, when the scan did not decode it, `entry`'s event decoded now) as a record.
    private static func record(_ decoded: Result<DomainEventRecord, DomainError>?, of entry: JournalEntry,
                               path: String) throws(JournalError) -> DomainEventRecord {
        do {
            return try (decoded ?? Result { () throws(DomainError) in try DomainEventRecord(entry.event) }).get()
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

    /// The journal's corrections, in seq order, found without decoding the journal (see
    /// `JournalSurvey`).
    public static func corrections(path: String) throws -> [DomainEventRecord] {
        try JournalSurvey.survey(path: path).corrections
    }

    /// Folds the journal once: corrections and event counts are found by a scan of the lines'
    /// endings, then every event is decoded and folded in a single pass.
    static func fold(path: String, knownAt: KnownAt, observe: ((LedgerState, DomainEventRecord) -> Void)?) throws -> LedgerState {
        let survey = try JournalSurvey.survey(path: path)
        do {
            return try Projector.build(corrections: survey.corrections, knownAt: knownAt,
                                       eventCountsByTypeIndex: survey.eventCounts(before: knownAt), observe: observe) { visit in
                try replayDomain(path: path, visit)
            }
        } catch let error as DomainError {
            throw JournalError(.invalidInput, path: path, field: error.field, message: error.message)
        }
    }
}
