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
        // Most strings (ids, words, Chinese names) need no escape: copy them straight in,
        // without the writer's temporary storage.
        let plain: Bool? = string.utf8.withContiguousStorageIfAvailable { bytes in
            guard let base = bytes.baseAddress else {
                buffer.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: "\"")])
                return true
            }
            guard CanonicalWriter.endOfPlainRun(base, from: 0, length: bytes.count) == bytes.count else { return false }
            buffer.append(UInt8(ascii: "\""))
            buffer.append(contentsOf: bytes)
            buffer.append(UInt8(ascii: "\""))
            return true
        }
        if plain == true { return }
        withWriter { writer in
            writer.write(string: string)
            writer.append(to: &buffer)
        }
    }

    /// Appends the decimal digits of `integer` to `buffer`.
    public static func encode(integer: Int64, into buffer: inout [UInt8]) {
        if integer < 0 { buffer.append(UInt8(ascii: "-")) }
        var remaining = integer.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &digits) { raw in
            // Written from the right end of 24 bytes (UInt64.max has 20 digits).
            var index = raw.count
            repeat {
                index &-= 1
                raw[index] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: remaining % 10)
                remaining /= 10
            } while remaining > 0
            buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[index...]))
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
