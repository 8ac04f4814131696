/// Checking that bytes are canonical JSON without building the value: what `verify` needs for
/// a line's `data`, which it never reads.
extension JSONParser {
    /// The byte count of the canonical value at the start of `bytes`, checked without building
    /// it; nil when the bytes there are not canonical JSON, or use what this check leaves to the
    /// parser (escapes, characters outside the NFC quick check, integers over 16 digits).
    ///
    /// It never accepts what `parseCanonicalPrefix(_:limits:)` refuses: a nil is no verdict, and
    /// the caller then parses, which decides and gives the precise error. A test holds the two
    /// to that on generated and mutated documents.
    public static func checkedCanonicalPrefix(_ bytes: UnsafeRawBufferPointer, limits: JSONLimits) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        var checker = CanonicalChecker(base: base.assumingMemoryBound(to: UInt8.self), end: bytes.count, limits: limits)
        guard checker.value(depth: 1) else { return nil }
        return checker.position
    }
}

/// A cursor that accepts a conservative subset of canonical JSON and builds nothing.
private struct CanonicalChecker {
    let base: UnsafePointer<UInt8>
    let end: Int
    let limits: JSONLimits
    var position = 0

    init(base: UnsafePointer<UInt8>, end: Int, limits: JSONLimits) {
        self.base = base
        self.end = end
        self.limits = limits
    }

    /// `depth` is the depth a container starting here would have (as in the parser).
    mutating func value(depth: Int) -> Bool {
        guard position < end else { return false }
        switch base[position] {
        case UInt8(ascii: "\""): return string() != nil
        case UInt8(ascii: "{"): return object(depth: depth)
        case UInt8(ascii: "["): return array(depth: depth)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return integer()
        case UInt8(ascii: "t"): return literal("true")
        case UInt8(ascii: "f"): return literal("false")
        case UInt8(ascii: "n"): return literal("null")
        default: return false
        }
    }

    private mutating func object(depth: Int) -> Bool {
        guard depth <= limits.maxDepth else { return false }
        position += 1
        if position < end, base[position] == UInt8(ascii: "}") {
            position += 1
            return true
        }
        var previousKey: UnsafeBufferPointer<UInt8>?
        while true {
            guard position < end, base[position] == UInt8(ascii: "\""), let key = string() else { return false }
            // Keys strictly ascending by their bytes: sorted, and no duplicates.
            if let previousKey, UTF8Order.compare(previousKey, key) >= 0 { return false }
            previousKey = key
            guard position < end, base[position] == UInt8(ascii: ":") else { return false }
            position += 1
            guard value(depth: depth + 1), position < end else { return false }
            let byte = base[position]
            position += 1
            if byte == UInt8(ascii: "}") { return true }
            guard byte == UInt8(ascii: ",") else { return false }
        }
    }

    private mutating func array(depth: Int) -> Bool {
        guard depth <= limits.maxDepth else { return false }
        position += 1
        if position < end, base[position] == UInt8(ascii: "]") {
            position += 1
            return true
        }
        while true {
            guard value(depth: depth + 1), position < end else { return false }
            let byte = base[position]
            position += 1
            if byte == UInt8(ascii: "]") { return true }
            guard byte == UInt8(ascii: ",") else { return false }
        }
    }

    /// A string without escapes whose UTF-8 is valid and passes the NFC quick check; its
    /// content bytes. The cursor is on the opening quote.
    private mutating func string() -> UnsafeBufferPointer<UInt8>? {
        let start = position + 1
        var index = start
        while index < end {
            let byte = base[index]
            if byte < 0x80 {
                if byte == UInt8(ascii: "\"") {
                    position = index + 1
                    return UnsafeBufferPointer(start: base + start, count: index - start)
                }
                // Control bytes are refused; a backslash is left to the parser.
                guard byte >= 0x20, byte != UInt8(ascii: "\\") else { return nil }
                index += 1
                continue
            }
            guard let scalar = scalar(at: &index), TextNormalization.isQuickNFC(scalar) else { return nil }
        }
        return nil
    }

    /// The scalar of the well-formed UTF-8 sequence at `index` (advanced past it); nil for an
    /// ill-formed one, by the parser's own bounds (`JSONParser.utf8Sequence`).
    private func scalar(at index: inout Int) -> UInt32? {
        let lead = base[index]
        guard let (length, lowest, highest) = JSONParser.utf8Sequence(lead: lead), index + length <= end else { return nil }
        let second = base[index + 1]
        guard second >= lowest, second <= highest else { return nil }
        var scalar = UInt32(lead & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)) << 6 | UInt32(second & 0x3F)
        for offset in 2..<max(2, length) {
            let byte = base[index + offset]
            guard byte & 0xC0 == 0x80 else { return nil }
            scalar = scalar << 6 | UInt32(byte & 0x3F)
        }
        index += length
        return scalar
    }

    private mutating func integer() -> Bool {
        let bytes = UnsafeRawBufferPointer(start: base, count: end)
        guard let (_, next) = JSONParser.canonicalInteger(in: bytes, at: position, maxMagnitude: limits.maxIntegerMagnitude) else { return false }
        // A fraction or exponent makes it a floating-point number, which the parser refuses.
        if next < end, base[next] == UInt8(ascii: ".") || base[next] == UInt8(ascii: "e") || base[next] == UInt8(ascii: "E") { return false }
        position = next
        return true
    }

    private mutating func literal(_ text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard position + count <= end else { return false }
        for offset in 0..<count where base[position + offset] != text.utf8Start[offset] { return false }
        position += count
        return true
    }
}
