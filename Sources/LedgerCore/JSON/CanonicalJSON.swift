/// Writes the canonical bytes of a value.
///
/// The output is exactly Python's
/// `json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")`,
/// provided the value itself is canonical: every string in NFC and every integer within
/// `JSONLimits.maxIntegerMagnitude`. The encoder writes what it is given rather than silently
/// repairing it; values produced by `JSONParser` always qualify, and a writer that builds values
/// by hand can confirm them by parsing the encoded bytes with `JSONParser.parseCanonical`.
public enum CanonicalJSON {
    /// The canonical bytes of `value`.
    public static func encode(_ value: JSONValue) -> [UInt8] {
        withWriter { writer in
            writer.write(value)
            return writer.makeArray()
        }
    }

    /// Appends the canonical bytes of `value` to `buffer`.
    public static func encode(_ value: JSONValue, into buffer: inout [UInt8]) {
        withWriter { writer in
            writer.write(value)
            writer.append(to: &buffer)
        }
    }

    /// Appends one quoted, escaped string to `buffer`.
    public static func encode(string: String, into buffer: inout [UInt8]) {
        withWriter { writer in
            writer.write(string: string)
            writer.append(to: &buffer)
        }
    }

    /// Runs `body` with a writer whose first 2 KiB live on the stack, enough for typical lines.
    private static func withWriter<Result>(_ body: (inout CanonicalWriter) -> Result) -> Result {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 2048) { initialStorage in
            var writer = CanonicalWriter(initialStorage: initialStorage)
            return body(&writer)
        }
    }
}
