import LedgerCore

/// Encoding a journal line to its canonical bytes and decoding it back strictly.
extension JournalLine {
    /// The keys the ledger assigns, which input may not set.
    public static let ledgerKeys = ["batch", "prev", "recorded", "seq"]

    /// The canonical bytes of the line, without the trailing `\n`.
    public func encoded() -> [UInt8] {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(512)
        encode(into: &buffer)
        return buffer
    }

    /// Appends the canonical bytes of the line (without `\n`) to `buffer`.
    ///
    /// The envelope's keys are fixed ASCII words, so they are written directly in canonical
    /// (sorted) order: actor, authority, batch, data, effective, prev, recorded, seq, type, v.
    /// Values go through `CanonicalJSON`, the one escaping rule. A test checks the result
    /// against the generic encoder for random lines.
    public func encode(into buffer: inout [UInt8]) {
        var recordedText: [UInt8] = []
        event.recorded.appendText(to: &recordedText)
        Self.encodeLocatingPrev(event.draft, seq: event.seq, recordedText: recordedText, batch: batch, prev: prev, into: &buffer)
    }

    /// Appends the canonical bytes like `encode(into:)`, returning where in `buffer` the 64 hex
    /// digits of `prev` start: a batch is encoded in parallel with a placeholder `prev`, and
    /// the chain then fills in each line's real one.
    /// It takes the line's parts rather than a `JournalLine`, so a batch's drafts are encoded
    /// where they are, without copying each one into a line first; `recordedText` is the text
    /// of the recorded time, which every line of a batch shares.
    @discardableResult
    static func encodeLocatingPrev(_ draft: EventDraft, seq: Int64, recordedText: [UInt8], batch: BatchMarker, prev: SHA256Digest,
                                   into buffer: inout [UInt8]) -> Int {
        Self.append(#"{"actor":{"id":"#, to: &buffer)
        CanonicalJSON.encode(string: draft.actor.id, into: &buffer)
        if let onBehalfOf = draft.actor.onBehalfOf {
            Self.append(#","onBehalfOf":"#, to: &buffer)
            CanonicalJSON.encode(string: onBehalfOf, into: &buffer)
        }
        if let role = draft.actor.role {
            Self.append(#","role":"#, to: &buffer)
            CanonicalJSON.encode(string: role, into: &buffer)
        }
        buffer.append(UInt8(ascii: "}"))
        if let authority = draft.authority {
            Self.append(#","authority":{"#, to: &buffer)
            // Keys in canonical order; a comma before every member but the first.
            var separator = false
            func member(_ key: StaticString, _ value: String?) {
                guard let value else { return }
                if separator { buffer.append(UInt8(ascii: ",")) }
                Self.append(key, to: &buffer)
                CanonicalJSON.encode(string: value, into: &buffer)
                separator = true
            }
            member(#""approval":"#, authority.approval)
            member(#""clause":"#, authority.clause)
            member(#""document":"#, authority.document)
            buffer.append(UInt8(ascii: "}"))
        }
        Self.append(#","batch":{"count":"#, to: &buffer)
        CanonicalJSON.encode(integer: batch.count, into: &buffer)
        Self.append(#","first":"#, to: &buffer)
        CanonicalJSON.encode(integer: batch.first, into: &buffer)
        Self.append(#"},"data":"#, to: &buffer)
        CanonicalJSON.encode(.object(draft.data), into: &buffer)
        Self.append(#","effective":""#, to: &buffer)
        draft.effective.appendText(to: &buffer)
        Self.append(#"","prev":""#, to: &buffer)
        let prevOffset = buffer.count
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 2 * SHA256Digest.byteCount) { hex in
            prev.writeHex(to: UnsafeMutableRawPointer(hex.baseAddress!))
            buffer.append(contentsOf: hex)
        }
        Self.append(#"","recorded":""#, to: &buffer)
        buffer.append(contentsOf: recordedText)
        Self.append(#"","seq":"#, to: &buffer)
        CanonicalJSON.encode(integer: seq, into: &buffer)
        Self.append(#","type":"#, to: &buffer)
        CanonicalJSON.encode(string: draft.type, into: &buffer)
        Self.append(#","v":"#, to: &buffer)
        CanonicalJSON.encode(integer: draft.version, into: &buffer)
        buffer.append(UInt8(ascii: "}"))
        return prevOffset
    }

    /// Appends fixed ASCII bytes (an envelope key and its punctuation).
    @inline(__always)
    static func append(_ text: StaticString, to buffer: inout [UInt8]) {
        buffer.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }


    /// Decodes one line (without its `\n`), accepting only the canonical form.
    /// - Throws: `LineDecodingError` with the field and the byte offset within the line.
    public static func decode(_ bytes: UnsafeRawBufferPointer) throws(LineDecodingError) -> JournalLine {
        if let line = FastLineDecoder.decode(bytes) { return line }
        return try decodeGeneric(bytes)
    }

    /// Decodes one line like `decode(_:)`, accepting and refusing exactly the same lines, but
    /// returns it with an empty `data` (checked to be canonical, not built): for verification.
    static func decodeEnvelope(_ bytes: UnsafeRawBufferPointer) throws(LineDecodingError) -> JournalLine {
        if let line = FastLineDecoder.decodeEnvelope(bytes) { return line }
        var line = try decodeGeneric(bytes)
        line.event.draft.data = JSONObject()
        return line
    }

    /// The generic decoder: the whole line through the strict JSON parser, then the envelope
    /// rules. Slower than the fast path but the source of every precise error message.
    static func decodeGeneric(_ bytes: UnsafeRawBufferPointer) throws(LineDecodingError) -> JournalLine {
        let value: JSONValue
        do {
            value = try JSONParser.parseCanonical(bytes, limits: JournalLimits.json)
        } catch {
            throw LineDecodingError(field: error.path.isEmpty ? nil : error.path, offsetInLine: error.byteOffset,
                                    message: error.message)
        }
        guard let object = value.objectValue else {
            throw LineDecodingError(field: nil, offsetInLine: 0, message: "expected a JSON object, found \(EventDraft.kindName(value))")
        }
        let draft: EventDraft
        do {
            draft = try EventDraft(fields: object, ledgerKeys: ledgerKeys)
        } catch {
            throw LineDecodingError(field: error.field, offsetInLine: nil, message: error.message)
        }
        // The ledger's own members, in one pass (the draft's were read above).
        var seqValue: JSONValue?
        var batchValue: JSONValue?
        var prevValue: JSONValue?
        var recordedValue: JSONValue?
        for (key, member) in object {
            switch key {
            case "batch": batchValue = member
            case "prev": prevValue = member
            case "recorded": recordedValue = member
            case "seq": seqValue = member
            default: continue
            }
        }
        guard let seqValue else { throw LineDecodingError(field: "seq", offsetInLine: nil, message: "missing") }
        guard let seq = seqValue.integerValue else {
            throw LineDecodingError(field: "seq", offsetInLine: nil, message: "expected an integer, found \(EventDraft.kindName(seqValue))")
        }
        guard seq >= 1 else { throw LineDecodingError(field: "seq", offsetInLine: nil, message: "expected a seq ≥ 1, found \(seq)") }
        guard let batchObject = batchValue?.objectValue, batchObject.count == 2,
              let first = batchObject["first"]?.integerValue, let count = batchObject["count"]?.integerValue
        else {
            throw LineDecodingError(field: "batch", offsetInLine: nil, message: "expected {\"count\": N, \"first\": SEQ}")
        }
        guard count >= 1, count <= Int64(JournalLimits.maxBatchEvents), first >= 1, first <= seq, seq <= first + count - 1 else {
            throw LineDecodingError(field: "batch", offsetInLine: nil,
                                    message: "batch {first \(first), count \(count)} does not contain seq \(seq) or is over the limit of \(JournalLimits.maxBatchEvents)")
        }
        guard let prevText = prevValue?.stringValue, let prev = SHA256Digest(hex: prevText) else {
            throw LineDecodingError(field: "prev", offsetInLine: nil, message: "expected 64 lowercase hex digits")
        }
        guard let recordedText = recordedValue?.stringValue else {
            throw LineDecodingError(field: "recorded", offsetInLine: nil, message: "expected a UTC time string")
        }
        let recorded: UTCTimestamp
        do { recorded = try UTCTimestamp(parsing: recordedText) } catch {
            throw LineDecodingError(field: "recorded", offsetInLine: nil, message: error.message)
        }
        return JournalLine(event: RecordedEvent(seq: seq, recorded: recorded, draft: draft),
                           batch: BatchMarker(first: first, count: count), prev: prev)
    }
}

/// Why a line could not be decoded: the field (if known), the offset within the line (if
/// known) and what was wrong. The reader adds the file, line number and file offset.
public struct LineDecodingError: Error, Equatable, Sendable {
    /// The field path, e.g. `effective` or `data.members[2]`.
    public var field: String?
    /// The 0-based offset within the line where parsing stopped.
    public var offsetInLine: Int?
    /// What was wrong.
    public var message: String
}
