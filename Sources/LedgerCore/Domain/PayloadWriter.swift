/// Builds a payload's JSON members; optional values that are absent are left out, empty lists
/// too, so a payload written and read back is the same payload.
///
/// A writer made by `init(seeking:)` collects nothing: it only notes whether any string value
/// written (nested ones included) is the text sought, which is how `EventPayload.mentions(_:)`
/// answers without building the object.
public struct PayloadWriter {
    private(set) var members: [(String, JSONValue)] = []
    /// The text sought, in a search; nil when the writer collects members.
    private let sought: String?
    /// Whether a string value equal to `sought` was written.
    private(set) var found = false

    /// Creates an empty writer.
    public init() {
        sought = nil
    }

    /// Creates a writer that collects nothing and notes whether a string value is `text`.
    init(seeking text: String) {
        sought = text
    }

    /// In a search, notes whether `value` is the text sought and returns true (nothing is to
    /// be collected); otherwise false.
    private mutating func seek(_ value: @autoclosure () -> String) -> Bool {
        guard let sought else { return false }
        if !found, value() == sought { found = true }
        return true
    }

    /// In a search, notes whether any string in `value` is the text sought and returns true.
    private mutating func seek(_ value: JSONValue) -> Bool {
        guard sought != nil else { return false }
        switch value {
        case .string(let text): _ = seek(text)
        case .array(let items): for item in items { _ = seek(item) }
        case .object(let object): for (_, member) in object { _ = seek(member) }
        case .integer, .bool, .null: break
        }
        return true
    }

    /// The payload as a JSON object.
    public var object: JSONObject { JSONObject(uniqueKeysWithValues: members) }

    /// Writes a string when present.
    public mutating func string(_ key: String, _ value: String?) {
        guard let value, !seek(value) else { return }
        members.append((key, .string(value)))
    }

    /// Writes an integer when present.
    public mutating func integer(_ key: String, _ value: Int64?) {
        guard let value, sought == nil else { return }
        members.append((key, .integer(value)))
    }

    /// Writes a boolean when present.
    public mutating func bool(_ key: String, _ value: Bool?) {
        guard let value, sought == nil else { return }
        members.append((key, .bool(value)))
    }

    /// Writes a partial date when present.
    public mutating func date(_ key: String, _ value: PartialDate?) {
        guard let value, !seek(value.description) else { return }
        members.append((key, .string(value.description)))
    }

    /// Writes a 文号 when present (normalised).
    public mutating func docNumber(_ key: String, _ value: DocumentNumber?) {
        guard let value, !seek(value.normalized) else { return }
        members.append((key, .string(value.normalized)))
    }

    /// Writes a vocabulary word when present.
    public mutating func word<Word: Vocabulary>(_ key: String, _ value: Word?) {
        guard let value, !seek(value.rawValue) else { return }
        members.append((key, .string(value.rawValue)))
    }

    /// Writes a list of strings unless empty.
    public mutating func strings(_ key: String, _ values: [String]) {
        guard !values.isEmpty else { return }
        if sought != nil {
            for value in values { _ = seek(value) }
            return
        }
        members.append((key, .array(values.map { .string($0) })))
    }

    /// Writes a list of words unless empty.
    public mutating func words<Word: Vocabulary>(_ key: String, _ values: [Word]) {
        guard !values.isEmpty else { return }
        if sought != nil {
            for value in values { _ = seek(value.rawValue) }
            return
        }
        members.append((key, .array(values.map { .string($0.rawValue) })))
    }

    /// Writes a nested object when present.
    public mutating func object(_ key: String, _ value: JSONObject?) {
        guard let value, !seek(.object(value)) else { return }
        members.append((key, .object(value)))
    }

    /// Writes a list of nested objects unless empty.
    public mutating func objects(_ key: String, _ values: [JSONObject]) {
        guard !values.isEmpty else { return }
        if sought != nil {
            for value in values { _ = seek(.object(value)) }
            return
        }
        members.append((key, .array(values.map { .object($0) })))
    }

    /// Writes the provenance members (nothing for a documented fact).
    public mutating func provenance(_ value: Provenance) {
        if value.synthetic { members.append(("synthetic", .bool(true))) }
        strings("inferred", value.inferred)
        string("noteZh", value.noteZh)
        string("adjustmentZh", value.adjustmentZh)
    }
}
