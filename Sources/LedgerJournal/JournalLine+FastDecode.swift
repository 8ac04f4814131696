import LedgerCore

/// The fast path for decoding a journal line: the envelope is read straight from the bytes in
/// its fixed canonical key order, and only string values and `data` go through the strict
/// JSON parser. It accepts a line only if every byte is canonical, so it never accepts what
/// the generic decoder refuses; on any deviation it returns nil and the caller falls back to
/// the generic decoder, which produces the precise error. A test checks that the two agree on
/// random and mutated lines.
struct FastLineDecoder {
    /// What becomes of `data`.
    private enum DataHandling {
        /// Built into the line.
        case build
        /// Checked to be canonical but not built: the line comes back with an empty `data`.
        case check
        /// Like `check`, with where its bytes lie; when the quick check cannot decide (escapes,
        /// rare text), built as with `build` instead.
        case locate
    }

    private let bytes: UnsafeRawBufferPointer
    private let dataHandling: DataHandling
    /// Whether the role and type are located (see `name()`) rather than built.
    private let locatesNames: Bool
    private var index = 0
    /// Recorded times and effective dates parsed before, on this thread (see `EnvelopeMemo`).
    private var memo: EnvelopeMemo
    /// Where `data` lies, when `dataHandling` is `locate` and the quick check took it.
    private var dataRange: Range<Int>?

    private init(_ bytes: UnsafeRawBufferPointer, dataHandling: DataHandling, locatesNames: Bool = false, memo: EnvelopeMemo = EnvelopeMemo()) {
        self.bytes = bytes
        self.dataHandling = dataHandling
        self.locatesNames = locatesNames
        self.memo = memo
    }

    /// The decoded line, or nil when the line is not a well-formed canonical envelope.
    static func decode(_ bytes: UnsafeRawBufferPointer) -> JournalLine? {
        var decoder = FastLineDecoder(bytes, dataHandling: .build)
        return decoder.line()
    }

    /// The line with an empty `data` once the whole line, `data` included, is checked to be
    /// canonical; nil like `decode`. For verification, which reads only the envelope.
    static func decodeEnvelope(_ bytes: UnsafeRawBufferPointer) -> JournalLine? {
        var decoder = FastLineDecoder(bytes, dataHandling: .check)
        return decoder.line()
    }

    /// The line, accepted and refused like `decode`, with either an empty `data` and the range
    /// of its checked canonical bytes (for `JSONParser.checkedCanonicalPrefix` under
    /// `dataLimits`), or, when that check cannot decide, `data` built and no range. The tests'
    /// view of what `decodeDomainRecord` reads the payload from.
    static func decodeLocatingData(_ bytes: UnsafeRawBufferPointer) -> (line: JournalLine, dataRange: Range<Int>?)? {
        var decoder = FastLineDecoder(bytes, dataHandling: .locate)
        guard let line = decoder.line() else { return nil }
        return (line, decoder.dataRange)
    }

    /// The line's domain record with the fields that link it to its neighbours, read straight
    /// from the bytes for a replay: no draft, no `data` object and no type or role string is
    /// built. Nil when `decode` would refuse the line, when the quick check of `data` cannot
    /// decide, or when the domain refuses the event; the general path then decodes the line
    /// and says why. A record it returns equals the general path's (a test holds it to that).
    /// `memo` carries the texts parsed on earlier lines of the same thread to the next.
    static func decodeDomainRecord(_ bytes: UnsafeRawBufferPointer, memo: inout EnvelopeMemo)
        -> (record: DomainEventRecord, batch: BatchMarker, prev: SHA256Digest)?
    {
        var decoder = FastLineDecoder(bytes, dataHandling: .locate, locatesNames: true, memo: memo)
        defer { memo = decoder.memo }
        return decoder.domainRecord()
    }

    /// The limits `data` is parsed and checked under: the line's, one level down.
    static let dataLimits = JSONLimits(maxDepth: JournalLimits.json.maxDepth - 1, maxIntegerMagnitude: JournalLimits.json.maxIntegerMagnitude)

    /// Issuer roles by their names' bytes.
    private static let roles = NameTable(IssuerRole.allCases.map { (name: $0.rawValue, value: $0) })

    /// A role or type: its text when built, else where its bytes lie.
    private enum Name {
        case built(String)
        case located(Range<Int>)
    }

    /// `data`: built, or checked and located (in `dataRange`).
    private enum DataObject {
        case built(JSONObject)
        case located
    }

    /// An envelope's fields, read in canonical key order. The actor's role is in `role`, not
    /// yet in `actor`.
    private struct Envelope {
        var actor: Actor
        var role: Name?
        /// Where the actor object lies.
        var actorRange: Range<Int>
        /// The memo's entry (the actor, checked, and its issuer role) when the actor came from
        /// the memo; `role` is then nil.
        var remembered: ActorMemo.Entry?
        var authority: Authority?
        var batch: BatchMarker
        var data: DataObject
        var effective: PartialDate
        var prev: SHA256Digest
        var recorded: UTCTimestamp
        var seq: Int64
        var type: Name
        var version: Int64
    }

    private mutating func line() -> JournalLine? {
        guard var envelope = envelope(), case .built(let type) = envelope.type else { return nil }
        if let role = envelope.role {
            guard case .built(let text) = role else { return nil }
            envelope.actor.role = text
        }
        let data = if case .built(let object) = envelope.data { object } else { JSONObject() }
        let draft = EventDraft(type: type, version: envelope.version, effective: envelope.effective, actor: envelope.actor,
                               authority: envelope.authority, data: data)
        do { try draft.validate() } catch { return nil }
        return JournalLine(event: RecordedEvent(seq: envelope.seq, recorded: envelope.recorded, draft: draft),
                           batch: envelope.batch, prev: envelope.prev)
    }

    private mutating func domainRecord() -> (record: DomainEventRecord, batch: BatchMarker, prev: SHA256Digest)? {
        guard var envelope = envelope(), let dataRange, case .located(let typeRange) = envelope.type,
              let typeIndex = TypeNameMatcher.typeIndexes.value(named: UnsafeRawBufferPointer(rebasing: bytes[typeRange]))
        else { return nil }
        var issuer: IssuerRole?
        do {
            if let remembered = envelope.remembered {
                issuer = remembered.issuer
            } else {
                if let role = envelope.role {
                    // The role's own static text: the same string, with no reference count to share.
                    guard case .located(let range) = role, let match = Self.roles.value(named: UnsafeRawBufferPointer(rebasing: bytes[range]))
                    else { return nil }
                    envelope.actor.role = match.rawValue
                    issuer = match
                }
                try EventDraft.validateActor(envelope.actor)
                memo.actors?.remember(ActorMemo.Entry(actor: envelope.actor, issuer: issuer), for: envelope.actorRange, in: bytes)
            }
            // The type is one of the catalog's names (matched above), each a valid type name (a
            // test holds the catalog to that), so only the version is left to check.
            try EventDraft.validateVersion(envelope.version)
            if let authority = envelope.authority { try EventDraft.validateAuthority(authority) }
            let event = try EventCatalog.decode(typeIndex: typeIndex, version: envelope.version, actor: envelope.actor, issuer: issuer,
                                                authority: envelope.authority,
                                                checkedData: UnsafeRawBufferPointer(rebasing: bytes[dataRange]), limits: Self.dataLimits)
            // The actor and authority are moved into the record, not copied (a copy retains
            // each of their strings, and dropping the envelope releases them again).
            var actor = Actor(id: "")
            swap(&actor, &envelope.actor)
            var authority: Authority?
            swap(&authority, &envelope.authority)
            let record = DomainEventRecord(seq: envelope.seq, recorded: envelope.recorded, effective: envelope.effective,
                                           actor: actor, authority: authority, event: event)
            return (record, envelope.batch, envelope.prev)
        } catch {
            return nil
        }
    }

    private mutating func envelope() -> Envelope? {
        guard literal(#"{"actor":"#) else { return nil }
        let actorStart = index
        let actor: Actor
        var role: Name?
        let remembered = locatesNames ? memo.actors?.lookup(bytes, at: index) : nil
        if let remembered {
            actor = remembered.entry.actor
            index = remembered.end
        } else {
            guard literal(#"{"id":"#), let actorIdentifier = string() else { return nil }
            var read = Actor(id: actorIdentifier)
            if literal(#","onBehalfOf":"#) { guard let value = string() else { return nil }; read.onBehalfOf = value }
            if literal(#","role":"#) { guard let value = name() else { return nil }; role = value }
            guard literal("}") else { return nil }
            actor = read
        }
        let actorRange = actorStart..<index
        var authority: Authority?
        if literal(#","authority":{"#) {
            var value = Authority()
            var separator = false
            if literal(#""approval":"#) {
                guard let text = string() else { return nil }
                value.approval = text
                separator = true
            }
            if literal(separator ? #","clause":"# : #""clause":"#) {
                guard let text = string() else { return nil }
                value.clause = text
                separator = true
            }
            if literal(separator ? #","document":"# : #""document":"#) {
                guard let text = string() else { return nil }
                value.document = text
                separator = true
            }
            guard separator, literal("}") else { return nil }
            authority = value
        }
        guard literal(#","batch":{"count":"#), let count = integer(), literal(#","first":"#), let first = integer(),
              literal(#"},"data":"#), let data = dataObject(),
              literal(#","effective":""#), let effective = partialDate(),
              literal(#"","prev":""#), let prev = digest(),
              literal(#"","recorded":""#), let recorded = timestamp(),
              literal(#"","seq":"#), let seq = integer(),
              literal(#","type":"#), let type = name(),
              literal(#","v":"#), let version = integer(),
              literal("}"), index == bytes.count
        else { return nil }
        guard seq >= 1, count >= 1, count <= Int64(JournalLimits.maxBatchEvents), first >= 1, first <= seq, seq <= first + count - 1
        else { return nil }
        return Envelope(actor: actor, role: role, actorRange: actorRange, remembered: remembered?.entry, authority: authority,
                        batch: BatchMarker(first: first, count: count), data: data,
                        effective: effective, prev: prev, recorded: recorded, seq: seq, type: type, version: version)
    }

    /// A role or type name: built as `string()` does, or, when `locatesNames`, located without
    /// building it, provided it is printable ASCII with no escape (which every role and type is;
    /// anything else is nil, and the caller falls back to the general path).
    private mutating func name() -> Name? {
        guard locatesNames else { return string().map(Name.built) }
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
        let start = index + 1
        var end = start
        while end < bytes.count, bytes[end] != UInt8(ascii: "\"") {
            guard bytes[end] >= 0x20, bytes[end] < 0x7F, bytes[end] != UInt8(ascii: "\\") else { return nil }
            end += 1
        }
        guard end < bytes.count else { return nil }
        index = end + 1
        return .located(start..<end)
    }

    /// Consumes `text` if the bytes at the cursor are exactly it.
    private mutating func literal(_ text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard index + count <= bytes.count,
              ShortByteComparison.equal(bytes.baseAddress! + index, text.utf8Start, count: count) else { return false }
        index += count
        return true
    }

    /// A canonical string value (see `JSONParser.canonicalString`).
    private mutating func string() -> String? {
        guard let (text, end) = JSONParser.canonicalString(in: bytes, at: index) else { return nil }
        index = end
        return text
    }

    /// A canonical integer within the I-JSON limit.
    private mutating func integer() -> Int64? {
        guard let (value, end) = JSONParser.canonicalInteger(in: bytes, at: index, maxMagnitude: JournalLimits.json.maxIntegerMagnitude)
        else { return nil }
        index = end
        return value
    }

    /// The `data` object, parsed by the strict parser at depth 2, which also finds its end.
    private mutating func dataObject() -> DataObject? {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else { return nil }
        let limits = Self.dataLimits
        if dataHandling != .build, let byteCount = JSONParser.checkedCanonicalPrefix(UnsafeRawBufferPointer(rebasing: bytes[index...]), limits: limits) {
            if dataHandling == .locate { dataRange = index..<(index + byteCount) }
            index += byteCount
            return .located
        }
        guard let (value, byteCount) = try? JSONParser.parseCanonicalPrefix(UnsafeRawBufferPointer(rebasing: bytes[index...]), limits: limits),
              case .object(let object) = value
        else { return nil }
        index += byteCount
        return dataHandling == .check ? .located : .built(object)
    }

    /// The effective date's bytes up to the closing quote, parsed in place.
    private mutating func partialDate() -> PartialDate? {
        guard let run = asciiRun(maxCount: 10), let date = memo.effective.value(for: run, parse: PartialDate.parse(bytes:)) else { return nil }
        index += run.count
        return date
    }

    private mutating func timestamp() -> UTCTimestamp? {
        guard let run = asciiRun(maxCount: 20), let instant = memo.recorded.value(for: run, parse: UTCTimestamp.parse(bytes:)) else { return nil }
        index += run.count
        return instant
    }

    /// 64 lowercase hex digits, parsed in place.
    private mutating func digest() -> SHA256Digest? {
        guard index + 64 <= bytes.count, let value = SHA256Digest(hexBytes: UnsafeRawBufferPointer(rebasing: bytes[index..<(index + 64)]))
        else { return nil }
        index += 64
        return value
    }

    /// The bytes from the cursor up to (not including) a quote, at most `maxCount` of them; the
    /// cursor does not move (the caller advances it once the bytes parse).
    private func asciiRun(maxCount: Int) -> UnsafeRawBufferPointer? {
        var end = index
        while end < bytes.count, end - index < maxCount, bytes[end] != UInt8(ascii: "\"") { end += 1 }
        guard end < bytes.count, bytes[end] == UInt8(ascii: "\"") else { return nil }
        return UnsafeRawBufferPointer(rebasing: bytes[index..<end])
    }
}
