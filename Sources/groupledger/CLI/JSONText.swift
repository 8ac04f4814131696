import LedgerCore

/// Builds the JSON objects the CLI prints, with members in the documented order
/// (`{"size": 3, "root": "…"}`), so the output reads like the reference in the README.
struct JSONText {
    private var members: [String] = []

    /// Adds a string member.
    mutating func add(_ key: String, _ value: String) {
        members.append(Self.quoted(key) + ": " + Self.quoted(value))
    }

    /// Adds an integer member.
    mutating func add(_ key: String, _ value: Int64) {
        members.append(Self.quoted(key) + ": " + String(value))
    }

    /// Adds a boolean member.
    mutating func add(_ key: String, _ value: Bool) {
        members.append(Self.quoted(key) + ": " + (value ? "true" : "false"))
    }

    /// Adds an array of strings.
    mutating func add(_ key: String, strings: [String]) {
        members.append(Self.quoted(key) + ": [" + strings.map(Self.quoted).joined(separator: ", ") + "]")
    }

    /// Adds a nested object.
    mutating func add(_ key: String, object: JSONText) {
        members.append(Self.quoted(key) + ": " + object.text)
    }

    /// The object's text on one line.
    var text: String { "{" + members.joined(separator: ", ") + "}" }

    /// A JSON string literal, escaped by the journal's one escaping rule.
    static func quoted(_ text: String) -> String {
        var bytes: [UInt8] = []
        CanonicalJSON.encode(string: text, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}
