import Glibc
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
    private var index = 0
    /// Where `data` lies, when `dataHandling` is `locate` and the quick check took it.
    private var dataRange: Range<Int>?

    private init(_ bytes: UnsafeRawBufferPointer, dataHandling: DataHandling) {
        self.bytes = bytes
        self.dataHandling = dataHandling
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
    /// `dataLimits`), or, when that check cannot decide, `data` built and no range. For replays,
    /// which read the payload straight from the bytes.
    static func decodeLocatingData(_ bytes: UnsafeRawBufferPointer) -> (line: JournalLine, dataRange: Range<Int>?)? {
        var decoder = FastLineDecoder(bytes, dataHandling: .locate)
        guard let line = decoder.line() else { return nil }
        return (line, decoder.dataRange)
    }

    /// The limits `data` is parsed and checked under: the line's, one level down.
    static let dataLimits = JSONLimits(maxDepth: JournalLimits.json.maxDepth - 1, maxIntegerMagnitude: JournalLimits.json.maxIntegerMagnitude)

    private mutating func line() -> JournalLine? {
        guard literal(#"{"actor":{"id":"#), let actorIdentifier = string() else { return nil }
        var actor = Actor(id: actorIdentifier)
        if literal(#","onBehalfOf":"#) { guard let value = string() else { return nil }; actor.onBehalfOf = value }
        if literal(#","role":"#) { guard let value = string() else { return nil }; actor.role = value }
        guard literal("}") else { return nil }
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
              literal(#","type":"#), let type = string(),
              literal(#","v":"#), let version = integer(),
              literal("}"), index == bytes.count
        else { return nil }
        guard seq >= 1, count >= 1, count <= Int64(JournalLimits.maxBatchEvents), first >= 1, first <= seq, seq <= first + count - 1
        else { return nil }
        let draft = EventDraft(type: type, version: version, effective: effective, actor: actor, authority: authority, data: data)
        do { try draft.validate() } catch { return nil }
        return JournalLine(event: RecordedEvent(seq: seq, recorded: recorded, draft: draft),
                           batch: BatchMarker(first: first, count: count), prev: prev)
    }

    /// Consumes `text` if the bytes at the cursor are exactly it.
    private mutating func literal(_ text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard index + count <= bytes.count,
              memcmp(bytes.baseAddress! + index, text.utf8Start, count) == 0 else { return false }
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
    private mutating func dataObject() -> JSONObject? {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else { return nil }
        let limits = Self.dataLimits
        if dataHandling != .build, let byteCount = JSONParser.checkedCanonicalPrefix(UnsafeRawBufferPointer(rebasing: bytes[index...]), limits: limits) {
            if dataHandling == .locate { dataRange = index..<(index + byteCount) }
            index += byteCount
            return JSONObject()
        }
        guard let (value, byteCount) = try? JSONParser.parseCanonicalPrefix(UnsafeRawBufferPointer(rebasing: bytes[index...]), limits: limits),
              case .object(let object) = value
        else { return nil }
        index += byteCount
        return dataHandling == .check ? JSONObject() : object
    }

    /// The effective date's bytes up to the closing quote, parsed in place.
    private mutating func partialDate() -> PartialDate? {
        guard let run = asciiRun(maxCount: 10), let date = PartialDate.parse(bytes: run) else { return nil }
        index += run.count
        return date
    }

    private mutating func timestamp() -> UTCTimestamp? {
        guard let run = asciiRun(maxCount: 20), let instant = UTCTimestamp.parse(bytes: run) else { return nil }
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
