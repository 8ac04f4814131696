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

    /// The journal's corrections, found without decoding the journal: the sound prefix (its
    /// end located from the tail) is searched for the bytes `"type":"EntryCorrected"`, and only
    /// the lines that hold them are decoded. A canonical line always holds those bytes when it
    /// is a correction (the envelope's keys are written unescaped); a line whose `data` merely
    /// contains them decodes to another type and is skipped. Lines past the sound prefix (a
    /// torn tail) are never searched, so an unfinished correction is never in force.
    public static func corrections(path: String) throws -> [DomainEventRecord] {
        guard FileDescriptor.exists(path) else { return [] }
        let file: FileDescriptor
        do { file = try FileDescriptor.openForReading(path) } catch { throw JournalError(error) }
        defer { file.close() }
        var corrections: [DomainEventRecord] = []
        let pattern = BytePattern(Array(#""type":"EntryCorrected""#.utf8))
        do {
            let size = try JournalLock.stableSize(file)
            let soundEnd = try JournalTailLocator.locate(file, sizeBytes: size).soundByteCount
            try LineReader(file: file, endOffset: soundEnd).forEachChunk { slices in
                // A chunk's lines lie back to back in the reader's buffer: search it as one run.
                guard let first = slices.first?.bytes.baseAddress, let last = slices.last, let lastBase = last.bytes.baseAddress else { return true }
                let run = UnsafeRawBufferPointer(start: first, count: first.distance(to: lastBase) + last.bytes.count)
                var from = 0
                var sliceIndex = 0
                while let hit = pattern.firstOffset(in: run, from: from) {
                    // The line holding the hit: slices are in order, so search forward only.
                    while sliceIndex < slices.count, first.distance(to: slices[sliceIndex].bytes.baseAddress!) + slices[sliceIndex].bytes.count < hit {
                        sliceIndex += 1
                    }
                    guard sliceIndex < slices.count else { break }
                    let slice = slices[sliceIndex]
                    if let line = try? JournalLine.decode(slice.bytes), line.event.type == EntryCorrected.eventType {
                        let entry = JournalEntry(line: line, byteOffset: slice.byteOffset, byteCount: Int(slice.byteCount), leafHash: nil)
                        corrections.append(try domainRecord(entry, path: path))
                    }
                    from = first.distance(to: slice.bytes.baseAddress!) + slice.bytes.count
                    sliceIndex += 1
                }
                return true
            }
        } catch let error as SystemCallError {
            throw JournalError(error)
        }
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
