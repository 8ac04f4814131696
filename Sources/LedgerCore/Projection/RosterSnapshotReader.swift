/// A cursor over the canonical JSON bytes of a roster snapshot that decodes its positional
/// arrays straight into values, without building a JSON tree first: a cold `state` at a
/// million events spent most of its time building and freeing that tree.
///
/// It accepts only what `CanonicalJSON` writes (no whitespace, canonical numbers and strings);
/// strings with escapes and embedded payload objects go through the strict parser.
struct RosterSnapshotReader {
    private let bytes: UnsafeRawBufferPointer
    private(set) var index = 0

    init(_ bytes: UnsafeRawBufferPointer, at index: Int = 0) {
        self.bytes = bytes
        self.index = min(max(0, index), bytes.count)
    }

    /// A refusal naming the byte offset and what was expected there.
    func failure(_ expected: String) -> DomainError {
        let found = index < bytes.count ? "'\(Character(Unicode.Scalar(bytes[index])))'" : "the end"
        return DomainError(field: "snapshot", "expected \(expected) at byte \(index), found \(found)")
    }

    /// Consumes `byte` or throws.
    mutating func expect(_ byte: UInt8, _ what: String) throws(DomainError) {
        guard index < bytes.count, bytes[index] == byte else { throw failure(what) }
        index += 1
    }

    /// Whether the cursor is at the end of the bytes.
    var isAtEnd: Bool { index == bytes.count }

    /// `[` element `,` element … `]`.
    mutating func array<Element>(_ element: (inout RosterSnapshotReader) throws(DomainError) -> Element) throws(DomainError) -> [Element] {
        try expect(UInt8(ascii: "["), "'['")
        var elements: [Element] = []
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return elements
        }
        while true {
            elements.append(try element(&self))
            guard index < bytes.count else { throw failure("',' or ']'") }
            let byte = bytes[index]
            index += 1
            if byte == UInt8(ascii: "]") { return elements }
            guard byte == UInt8(ascii: ",") else {
                index -= 1
                throw failure("',' or ']'")
            }
        }
    }

    /// The separator between positional fields.
    mutating func comma() throws(DomainError) {
        try expect(UInt8(ascii: ","), "','")
    }

    /// `null` (consumed, true) or anything else (untouched, false).
    mutating func null() -> Bool {
        guard index + 4 <= bytes.count, bytes[index] == UInt8(ascii: "n"), bytes[index + 1] == UInt8(ascii: "u"),
              bytes[index + 2] == UInt8(ascii: "l"), bytes[index + 3] == UInt8(ascii: "l") else { return false }
        index += 4
        return true
    }

    /// A value, or nil for `null`.
    mutating func optional<Value>(_ value: (inout RosterSnapshotReader) throws(DomainError) -> Value) throws(DomainError) -> Value? {
        if null() { return nil }
        return try value(&self)
    }

    /// `true` or `false`.
    mutating func bool() throws(DomainError) -> Bool {
        if index + 4 <= bytes.count, bytes[index] == UInt8(ascii: "t") { index += 4; return true }
        if index + 5 <= bytes.count, bytes[index] == UInt8(ascii: "f") { index += 5; return false }
        throw failure("true or false")
    }

    /// A canonical integer.
    mutating func integer() throws(DomainError) -> Int64 {
        guard let (value, end) = JSONParser.canonicalInteger(in: bytes, at: index, maxMagnitude: JSONLimits.journal.maxIntegerMagnitude)
        else { throw failure("an integer") }
        index = end
        return value
    }

    /// A canonical string (see `JSONParser.canonicalString`).
    mutating func string() throws(DomainError) -> String {
        guard let (text, end) = JSONParser.canonicalString(in: bytes, at: index) else { throw failure("a canonical string") }
        index = end
        return text
    }

    /// A string naming a word of a vocabulary.
    mutating func word<Word: Vocabulary>() throws(DomainError) -> Word {
        let start = index
        let text = try string()
        guard let word = Word(rawValue: text) else {
            index = start
            throw failure("a \(Word.self)")
        }
        return word
    }

    /// A partial date written as a string.
    mutating func date() throws(DomainError) -> PartialDate {
        let start = index
        let text = try string()
        do { return try PartialDate(parsing: text) } catch {
            index = start
            throw failure("a date")
        }
    }

    /// An embedded JSON object (a payload in its journal form), parsed by the strict parser.
    mutating func object() throws(DomainError) -> JSONObject {
        guard let (value, byteCount) = try? JSONParser.parseCanonicalPrefix(UnsafeRawBufferPointer(rebasing: bytes[index...]), limits: .journal),
              case .object(let object) = value else { throw failure("an object") }
        index += byteCount
        return object
    }

    /// A payload object decoded by its type.
    mutating func payload<Payload: EventPayload>(_ field: String) throws(DomainError) -> Payload {
        let start = index
        var reader = PayloadReader(try object(), path: field)
        do {
            return try Payload(reading: &reader, version: Payload.currentVersion)
        } catch {
            throw DomainError(field: "snapshot", "\(error.field) of the payload at byte \(start): \(error.message)")
        }
    }
}
