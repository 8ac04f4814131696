/// Canonical scalars read in place from a larger canonical document: what the journal line's
/// fast decoder and the checkpoint's snapshot reader share.
extension JSONParser {
    /// The canonical string starting at `index` (its opening quote), and the index after its
    /// closing quote. Plain strings (no escapes) are taken directly once their UTF-8 is valid
    /// and in NFC; anything with an escape goes through the strict parser, which checks the
    /// one escaping rule. Nil when the bytes there are not a canonical string.
    public static func canonicalString(in bytes: UnsafeRawBufferPointer, at index: Int) -> (text: String, end: Int)? {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
        var end = index + 1
        var plain = true
        while end < bytes.count {
            let byte = bytes[end]
            if byte == UInt8(ascii: "\"") { break }
            if byte == UInt8(ascii: "\\") { plain = false }
            end += byte == UInt8(ascii: "\\") ? 2 : 1
        }
        guard end < bytes.count else { return nil }
        if plain {
            guard let text = plainString(UnsafeRawBufferPointer(rebasing: bytes[(index + 1)..<end])) else { return nil }
            return (text, end + 1)
        }
        guard case .string(let text)? = try? parseCanonical(UnsafeRawBufferPointer(rebasing: bytes[index...end])) else { return nil }
        return (text, end + 1)
    }

    /// The canonical integer (`0` or `-?[1-9][0-9]*`, magnitude at most `maxMagnitude`) starting
    /// at `index`, and the index after it. Nil when the bytes there are not one.
    public static func canonicalInteger(in bytes: UnsafeRawBufferPointer, at index: Int, maxMagnitude: Int64) -> (value: Int64, end: Int)? {
        var position = index
        let negative = position < bytes.count && bytes[position] == UInt8(ascii: "-")
        if negative { position += 1 }
        let digitsStart = position
        var value: Int64 = 0
        while position < bytes.count, bytes[position] >= 0x30, bytes[position] <= 0x39, position - digitsStart < 16 {
            value = value * 10 + Int64(bytes[position] - 0x30)
            position += 1
        }
        let digitCount = position - digitsStart
        guard digitCount > 0, position == bytes.count || !(bytes[position] >= 0x30 && bytes[position] <= 0x39),
              bytes[digitsStart] != 0x30 || digitCount == 1, !(negative && value == 0), value <= maxMagnitude
        else { return nil }
        return (negative ? -value : value, position)
    }
}
