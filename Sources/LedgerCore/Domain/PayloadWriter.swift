/// Builds a payload's JSON members; optional values that are absent are left out, empty lists
/// too, so a payload written and read back is the same payload.
public struct PayloadWriter {
    private(set) var members: [(String, JSONValue)] = []

    /// Creates an empty writer.
    public init() {}

    /// The payload as a JSON object.
    public var object: JSONObject { JSONObject(uniqueKeysWithValues: members) }

    /// Writes a string when present.
    public mutating func string(_ key: String, _ value: String?) {
        if let value { members.append((key, .string(value))) }
    }

    /// Writes an integer when present.
    public mutating func integer(_ key: String, _ value: Int64?) {
        if let value { members.append((key, .integer(value))) }
    }

    /// Writes a boolean when present.
    public mutating func bool(_ key: String, _ value: Bool?) {
        if let value { members.append((key, .bool(value))) }
    }

    /// Writes a partial date when present.
    public mutating func date(_ key: String, _ value: PartialDate?) {
        if let value { members.append((key, .string(value.description))) }
    }

    /// Writes a 文号 when present (normalised).
    public mutating func docNumber(_ key: String, _ value: DocumentNumber?) {
        if let value { members.append((key, .string(value.normalized))) }
    }

    /// Writes a vocabulary word when present.
    public mutating func word<Word: Vocabulary>(_ key: String, _ value: Word?) {
        if let value { members.append((key, .string(value.rawValue))) }
    }

    /// Writes a list of strings unless empty.
    public mutating func strings(_ key: String, _ values: [String]) {
        if !values.isEmpty { members.append((key, .array(values.map { .string($0) }))) }
    }

    /// Writes a list of words unless empty.
    public mutating func words<Word: Vocabulary>(_ key: String, _ values: [Word]) {
        if !values.isEmpty { members.append((key, .array(values.map { .string($0.rawValue) }))) }
    }

    /// Writes a nested object when present.
    public mutating func object(_ key: String, _ value: JSONObject?) {
        if let value { members.append((key, .object(value))) }
    }

    /// Writes a list of nested objects unless empty.
    public mutating func objects(_ key: String, _ values: [JSONObject]) {
        if !values.isEmpty { members.append((key, .array(values.map { .object($0) }))) }
    }

    /// Writes the provenance members (nothing for a documented fact).
    public mutating func provenance(_ value: Provenance) {
        if value.synthetic { members.append(("synthetic", .bool(true))) }
        strings("inferred", value.inferred)
        string("noteZh", value.noteZh)
        string("adjustmentZh", value.adjustmentZh)
    }
}
