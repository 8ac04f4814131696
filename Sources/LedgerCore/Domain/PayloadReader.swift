/// Reads a payload's members with one typed accessor per value type of Journal/EVENTS.md,
/// each throwing a `DomainError` that names the field and the value found. `finish()` refuses
/// members nobody read, so a misspelt field is an error, not silently ignored.
public struct PayloadReader {
    /// What is read: an object's members, or one list item read under any key (so a list
    /// item needs no object of its own around it).
    private enum Source {
        case object(JSONObject)
        case item(JSONValue)
        /// An object's members still in its checked canonical bytes (a replay's payloads).
        case members(CanonicalMembers)
    }

    private let source: Source
    private let path: String
    // Which members were read, by their index in canonical order: a bit mask for the first
    // 64 (every payload), the rest listed. Replays read millions of payloads, and a set of key
    // strings cost a hash of every key read.
    private var readMask: UInt64 = 0
    private var readBeyond64: [Int] = []

    /// Creates a reader of `object`; `path` prefixes field names in errors (`data`, `data.shares[1]`).
    public init(_ object: JSONObject, path: String = "data") {
        self.source = .object(object)
        self.path = path
    }

    /// Creates a reader of members located in checked canonical bytes; it must not outlive
    /// them (see `EventCatalog.decode(typeIndex:version:actor:issuer:authority:checkedData:limits:)`, the one caller).
    init(_ members: CanonicalMembers) {
        self.source = .members(members)
        self.path = "data"
    }

    private init(item: JSONValue) {
        self.source = .item(item)
        self.path = ""
    }

    private func field(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    private mutating func value(_ key: String) -> JSONValue? {
        switch source {
        case .item(let value):
            return value
        case .object(let object):
            guard let (index, value) = object.indexedValue(forKey: key) else { return nil }
            markRead(index)
            return value
        case .members(let members):
            guard let (index, value) = members.indexedValue(forKey: key) else { return nil }
            markRead(index)
            return value
        }
    }

    /// Whether the payload has a member `key`: located, not built (building a present
    /// optional's value only to compare it with nil built it twice).
    private func has(_ key: String) -> Bool {
        switch source {
        case .item: true
        case .object(let object): object.indexedValue(forKey: key) != nil
        case .members(let members): members.index(forKey: key) != nil
        }
    }

    private mutating func markRead(_ index: Int) {
        if index < 64 { readMask |= 1 << UInt64(index) } else { readBeyond64.append(index) }
    }

    /// A member as a replay's checked bytes hold it, before any value is built.
    private enum CheckedMember {
        /// The payload is not read from checked bytes: only the general accessors can tell.
        case unknown
        /// There is no such member.
        case absent
        /// A string, its content (between the quotes: checked strings hold no escapes, are
        /// valid UTF-8 and NFC, so these are exactly the string's bytes).
        case string(UnsafeRawBufferPointer)
        /// Any other value, as written.
        case other(UnsafeRawBufferPointer)
    }

    /// Member `key` located in checked bytes, and marked read when present. The typed accessors
    /// below convert a `.string` or `.other` straight from its bytes (a replay reads millions
    /// of payloads, and building a JSON value, then a String, then matching it cost more than
    /// the rest of the decoding); whatever they cannot convert, they leave to the general
    /// path, which reads the member again and gives the error. So both paths accept the same
    /// payloads with the same values (tests compare them on every shipped line and mutations).
    private mutating func checkedMember(_ key: String) -> CheckedMember {
        guard case .members(let members) = source else { return .unknown }
        guard let (index, value) = members.located(forKey: key) else { return .absent }
        markRead(index)
        guard value[0] == UInt8(ascii: "\"") else { return .other(value) }
        return .string(UnsafeRawBufferPointer(rebasing: value[1..<(value.count - 1)]))
    }

    /// The items of member `key`'s array in checked bytes, each converted by `convert` from a
    /// string's content; nil (for the general path) unless the member is an array of strings
    /// that all convert. An absent member reads as empty, as on the general path.
    private mutating func checkedStringList<Item>(_ key: String, _ convert: (UnsafeRawBufferPointer) -> Item?) -> [Item]? {
        let bytes: UnsafeRawBufferPointer
        switch checkedMember(key) {
        case .unknown, .string: return nil
        case .absent: return []
        case .other(let value): bytes = value
        }
        guard bytes[0] == UInt8(ascii: "[") else { return nil }
        // Counted first, so the array is allocated once at its size (the state keeps it).
        var quotes = 0
        for byte in bytes where byte == UInt8(ascii: "\"") { quotes += 1 }
        let itemCount = quotes / 2
        // A checked array of strings is `[]` or `["…","…"]`: the quotes and the separators
        // account for every byte but the contents; anything else (numbers, nesting) is not one.
        var failed = false
        let items = [Item](unsafeUninitializedCapacity: itemCount) { buffer, initialized in
            var position = 1
            while initialized < itemCount {
                guard bytes[position] == UInt8(ascii: "\"") else { failed = true; return }
                var end = position + 1
                while bytes[end] != UInt8(ascii: "\"") { end += 1 }
                guard let item = convert(UnsafeRawBufferPointer(rebasing: bytes[(position + 1)..<end])) else { failed = true; return }
                (buffer.baseAddress! + initialized).initialize(to: item)
                initialized += 1
                position = end + 2
            }
            // Every item was a string: the last one's closing quote is followed by `]`.
            if position - 1 != bytes.count - 1 && !(itemCount == 0 && bytes.count == 2) { failed = true }
        }
        return failed ? nil : items
    }

    private mutating func required(_ key: String) throws(DomainError) -> JSONValue {
        guard let value = value(key) else { throw DomainError(field: field(key), "missing") }
        return value
    }

    private func found(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): return "\"\(text)\""
        case .integer(let number): return String(number)
        case .bool(let flag): return flag ? "true" : "false"
        case .null: return "null"
        default: return EventDraft.kindName(value)
        }
    }

    // MARK: Strings

    /// Any string of 1–2000 bytes.
    public mutating func string(_ key: String) throws(DomainError) -> String {
        try text(key, maxBytes: 2000)
    }

    /// An optional string of 1–2000 bytes.
    public mutating func optionalString(_ key: String) throws(DomainError) -> String? {
        has(key) ? try string(key) : nil
    }

    /// An Id: `[a-z0-9][a-z0-9-]{0,63}`.
    public mutating func id(_ key: String) throws(DomainError) -> String {
        if case .string(let content) = checkedMember(key), Self.isIdentifier(content) { return String(decoding: content, as: UTF8.self) }
        let value = try required(key)
        guard let text = value.stringValue, Self.isIdentifier(text) else {
            throw DomainError(field: field(key), "expected an id of lowercase letters, digits and '-' (at most 64), found \(found(value))")
        }
        return text
    }

    /// An optional Id.
    public mutating func optionalId(_ key: String) throws(DomainError) -> String? {
        switch checkedMember(key) {
        case .absent: return nil
        case .string(let content) where Self.isIdentifier(content): return String(decoding: content, as: UTF8.self)
        default: return has(key) ? try id(key) : nil
        }
    }

    /// A list of Ids (absent reads as empty).
    public mutating func idList(_ key: String) throws(DomainError) -> [String] {
        if let ids = checkedStringList(key, { Self.isIdentifier($0) ? String(decoding: $0, as: UTF8.self) : nil }) { return ids }
        return try list(key) { (reader, itemKey) throws(DomainError) in try reader.id(itemKey) }
    }

    /// A Chinese name: 1–200 bytes, no leading or trailing whitespace.
    public mutating func nameZh(_ key: String) throws(DomainError) -> String {
        let name = try text(key, maxBytes: 200)
        if let first = name.unicodeScalars.first, let last = name.unicodeScalars.last,
           first.properties.isWhitespace || last.properties.isWhitespace {
            throw DomainError(field: field(key), "has leading or trailing whitespace: \"\(name)\"")
        }
        return name
    }

    /// An optional Chinese name.
    public mutating func optionalNameZh(_ key: String) throws(DomainError) -> String? {
        if case .absent = checkedMember(key) { return nil }
        return has(key) ? try nameZh(key) : nil
    }

    /// A list of Chinese names (absent reads as empty).
    public mutating func nameList(_ key: String) throws(DomainError) -> [String] {
        try list(key) { (reader, itemKey) throws(DomainError) in try reader.nameZh(itemKey) }
    }

    /// A free text of 1–2000 bytes.
    public mutating func optionalText(_ key: String) throws(DomainError) -> String? {
        if case .absent = checkedMember(key) { return nil }
        return has(key) ? try text(key, maxBytes: 2000) : nil
    }

    /// A required free text of 1–2000 bytes.
    public mutating func requiredText(_ key: String) throws(DomainError) -> String {
        try text(key, maxBytes: 2000)
    }

    private mutating func text(_ key: String, maxBytes: Int) throws(DomainError) -> String {
        let text: String
        if case .string(let content) = checkedMember(key) {
            text = String(decoding: content, as: UTF8.self)
        } else {
            let value = try required(key)
            guard let string = value.stringValue else { throw DomainError(field: field(key), "expected a string, found \(found(value))") }
            text = string
        }
        let count = text.utf8.count
        guard count >= 1, count <= maxBytes else {
            throw DomainError(field: field(key), "expected 1–\(maxBytes) bytes, found \(count)")
        }
        return text
    }

    /// A 文号, normalised.
    public mutating func docNumber(_ key: String) throws(DomainError) -> DocumentNumber {
        let text = try string(key)
        return try DocumentNumber(parsing: text, field: field(key))
    }

    /// An optional 文号.
    public mutating func optionalDocNumber(_ key: String) throws(DomainError) -> DocumentNumber? {
        has(key) ? try docNumber(key) : nil
    }

    // MARK: Numbers, dates, flags

    /// A partial date.
    public mutating func partialDate(_ key: String) throws(DomainError) -> PartialDate {
        if case .string(let content) = checkedMember(key), let date = PartialDate.parse(bytes: content) { return date }
        let value = try required(key)
        guard let text = value.stringValue else { throw DomainError(field: field(key), "expected a date string, found \(found(value))") }
        do { return try PartialDate(parsing: text) } catch { throw DomainError(field: field(key), error.message) }
    }

    /// An optional partial date.
    public mutating func optionalPartialDate(_ key: String) throws(DomainError) -> PartialDate? {
        switch checkedMember(key) {
        case .absent: return nil
        case .string(let content): if let date = PartialDate.parse(bytes: content) { return date }
        default: break
        }
        return has(key) ? try partialDate(key) : nil
    }

    /// An integer within `range`.
    public mutating func integer(_ key: String, in range: ClosedRange<Int64>) throws(DomainError) -> Int64 {
        if let number = checkedInteger(key), range.contains(number) { return number }
        let value = try required(key)
        guard let number = value.integerValue else { throw DomainError(field: field(key), "expected an integer, found \(found(value))") }
        guard range.contains(number) else {
            throw DomainError(field: field(key), "\(number) is outside \(range.lowerBound)–\(range.upperBound)")
        }
        return number
    }

    /// An optional integer within `range`.
    public mutating func optionalInteger(_ key: String, in range: ClosedRange<Int64>) throws(DomainError) -> Int64? {
        if case .absent = checkedMember(key) { return nil }
        return has(key) ? try integer(key, in: range) : nil
    }

    /// An amount in fen: a positive integer (money is never floating point).
    public mutating func fen(_ key: String) throws(DomainError) -> Int64 {
        if let number = checkedInteger(key), number >= 1 { return number }
        let value = try required(key)
        guard let number = value.integerValue else {
            throw DomainError(field: field(key), "expected a whole number of fen, found \(found(value))")
        }
        guard number >= 1 else { throw DomainError(field: field(key), "expected a positive amount in fen, found \(number)") }
        return number
    }

    /// Member `key`'s integer read from checked bytes, or nil (for the general path).
    private mutating func checkedInteger(_ key: String) -> Int64? {
        guard case .other(let value) = checkedMember(key), value[0] == UInt8(ascii: "-") || (value[0] >= UInt8(ascii: "0") && value[0] <= UInt8(ascii: "9")),
              case .members(let members) = source,
              let (number, end) = JSONParser.canonicalInteger(in: value, at: 0, maxMagnitude: members.integerMagnitudeLimit), end == value.count
        else { return nil }
        return number
    }

    /// A year, 1900–2100.
    public mutating func year(_ key: String) throws(DomainError) -> Int {
        Int(try integer(key, in: Int64(PartialDate.acceptedYears.lowerBound)...Int64(PartialDate.acceptedYears.upperBound)))
    }

    /// A boolean.
    public mutating func bool(_ key: String) throws(DomainError) -> Bool {
        let value = try required(key)
        guard let flag = value.boolValue else { throw DomainError(field: field(key), "expected true or false, found \(found(value))") }
        return flag
    }

    /// An optional boolean (absent reads as nil).
    public mutating func optionalBool(_ key: String) throws(DomainError) -> Bool? {
        if case .absent = checkedMember(key) { return nil }
        return has(key) ? try bool(key) : nil
    }

    // MARK: Vocabularies, lists, objects

    /// One word of a closed vocabulary.
    public mutating func word<Word: Vocabulary>(_ key: String, as type: Word.Type = Word.self) throws(DomainError) -> Word {
        if case .string(let content) = checkedMember(key), let word = Word(utf8: content) { return word }
        let value = try required(key)
        guard let text = value.stringValue, let word = Word(rawValue: text) else {
            throw DomainError(field: field(key), "expected one of \(Word.allCases.map(\.rawValue).joined(separator: ", ")), found \(found(value))")
        }
        return word
    }

    /// An optional word.
    public mutating func optionalWord<Word: Vocabulary>(_ key: String, as type: Word.Type = Word.self) throws(DomainError) -> Word? {
        switch checkedMember(key) {
        case .absent: return nil
        case .string(let content): if let word = Word(utf8: content) { return word }
        default: break
        }
        return has(key) ? try word(key, as: type) : nil
    }

    /// A list of words (absent reads as empty).
    public mutating func wordList<Word: Vocabulary>(_ key: String, as type: Word.Type = Word.self) throws(DomainError) -> [Word] {
        if let words = checkedStringList(key, { Word(utf8: $0) }) { return words }
        return try list(key) { (reader, itemKey) throws(DomainError) in try reader.word(itemKey, as: type) }
    }

    /// A nested object, read by its own reader.
    public mutating func object(_ key: String) throws(DomainError) -> PayloadReader {
        let value = try required(key)
        guard let nested = value.objectValue else { throw DomainError(field: field(key), "expected an object, found \(found(value))") }
        return PayloadReader(nested, path: field(key))
    }

    /// The raw nested object, for payloads that carry a document (a profile, a replacement).
    public mutating func rawObject(_ key: String) throws(DomainError) -> JSONObject {
        let value = try required(key)
        guard let nested = value.objectValue else { throw DomainError(field: field(key), "expected an object, found \(found(value))") }
        return nested
    }

    /// An optional raw object.
    public mutating func optionalRawObject(_ key: String) throws(DomainError) -> JSONObject? {
        has(key) ? try rawObject(key) : nil
    }

    /// A list of objects, each read by its own reader (absent reads as empty).
    public mutating func objectList(_ key: String) throws(DomainError) -> [PayloadReader] {
        guard let value = value(key) else { return [] }
        guard let items = value.arrayValue else { throw DomainError(field: field(key), "expected an array, found \(found(value))") }
        var readers: [PayloadReader] = []
        for (index, item) in items.enumerated() {
            guard let nested = item.objectValue else {
                throw DomainError(field: "\(field(key))[\(index)]", "expected an object, found \(found(item))")
            }
            readers.append(PayloadReader(nested, path: "\(field(key))[\(index)]"))
        }
        return readers
    }

    private mutating func list<Item>(_ key: String, _ read: (inout PayloadReader, String) throws(DomainError) -> Item) throws(DomainError) -> [Item] {
        guard let value = value(key) else { return [] }
        guard let items = value.arrayValue else { throw DomainError(field: field(key), "expected an array, found \(found(value))") }
        var result: [Item] = []
        for (index, item) in items.enumerated() {
            var single = PayloadReader(item: item)
            do {
                result.append(try read(&single, "item"))
            } catch {
                throw DomainError(field: "\(field(key))[\(index)]", error.message)
            }
        }
        return result
    }

    /// Reads the provenance members and refuses any member not read.
    public mutating func finish() throws(DomainError) -> Provenance {
        // Every member already read (as in nearly every payload): no provenance member is
        // there to read, and none is unknown; the four lookups below would each find nothing.
        if let count = memberCount, count < 64, readMask == (UInt64(1) << UInt64(count)) - 1 { return Provenance() }
        var provenance = Provenance()
        if let synthetic = try optionalBool("synthetic") {
            guard synthetic else { throw DomainError(field: field("synthetic"), "write true or leave it out") }
            provenance.synthetic = true
        }
        provenance.inferred = try list("inferred") { (reader, itemKey) throws(DomainError) in try reader.string(itemKey) }
        provenance.noteZh = try optionalText("noteZh")
        provenance.adjustmentZh = try optionalText("adjustmentZh")
        try finishNested()
        return provenance
    }

    /// How many members the object has (nil for a list item, which is not an object).
    private var memberCount: Int? {
        switch source {
        case .item: nil
        case .object(let object): object.count
        case .members(let members): members.count
        }
    }

    /// Refuses any member not read (for nested objects, which carry no provenance).
    public func finishNested() throws(DomainError) {
        guard let count = memberCount else { return }
        for index in 0..<count where !(index < 64 ? readMask & (1 << UInt64(index)) != 0 : readBeyond64.contains(index)) {
            let key = switch source {
            case .object(let object): object.key(at: index)
            case .members(let members): members.key(at: index)
            case .item: ""
            }
            throw DomainError(field: field(key), "unknown field")
        }
    }

    /// Whether `text` is an Id.
    public static func isIdentifier(_ text: String) -> Bool {
        // Over the string's own contiguous bytes: every id of every replayed payload passes
        // here (native strings need no copy; a bridged one is copied once).
        var text = text
        return text.withUTF8 { isIdentifier(UnsafeRawBufferPointer($0)) }
    }

    /// Whether `bytes` are the UTF-8 of an Id.
    static func isIdentifier(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let first = bytes.first, bytes.count <= 64, isLowerAlphanumeric(first) else { return false }
        for byte in bytes where !(isLowerAlphanumeric(byte) || byte == UInt8(ascii: "-")) { return false }
        return true
    }

    private static func isLowerAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }
}
