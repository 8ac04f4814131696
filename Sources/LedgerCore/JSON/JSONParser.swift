/// Parses JSON text.
///
/// Both entry points share one parser; the mode only switches which deviations from the
/// canonical form are errors (canonical) and which are accepted and normalised (input).
public enum JSONParser {
    /// Strict: accepts exactly the canonical bytes and nothing else, so for every accepted input
    /// `CanonicalJSON.encode(result)` equals the input byte for byte.
    public static func parseCanonical(_ bytes: UnsafeRawBufferPointer, limits: JSONLimits = .journal) throws(JSONParseError) -> JSONValue {
        try parse(bytes, isStrict: true, limits: limits)
    }

    /// Strict parse of an array of bytes; see `parseCanonical(_:limits:)` for buffers.
    public static func parseCanonical(_ bytes: [UInt8], limits: JSONLimits = .journal) throws(JSONParseError) -> JSONValue {
        let result = bytes.withUnsafeBytes { buffer in
            Result { () throws(JSONParseError) -> JSONValue in try parse(buffer, isStrict: true, limits: limits) }
        }
        return try result.get()
    }

    /// Strict parse of the value at the start of `bytes`, which may be followed by anything:
    /// returns the value and how many bytes it took. For a canonical document embedded in a
    /// larger one (a journal line's `data`), without a separate scan for its end.
    public static func parseCanonicalPrefix(_ bytes: UnsafeRawBufferPointer, limits: JSONLimits) throws(JSONParseError) -> (value: JSONValue, byteCount: Int) {
        try parse(bytes, isStrict: true, limits: limits, wholeInput: false)
    }

    /// Lenient: RFC 8259 JSON as people and scripts write it (whitespace, any key order, any valid
    /// escape), normalising every string and key to NFC; still rejects invalid UTF-8, lone
    /// surrogates, duplicate keys, floating point, out-of-range integers, excessive depth,
    /// trailing bytes and a byte order mark.
    public static func parseInput(_ bytes: UnsafeRawBufferPointer, limits: JSONLimits = .journal) throws(JSONParseError) -> JSONValue {
        try parse(bytes, isStrict: false, limits: limits)
    }

    /// Lenient parse of an array of bytes; see `parseInput(_:limits:)` for buffers.
    public static func parseInput(_ bytes: [UInt8], limits: JSONLimits = .journal) throws(JSONParseError) -> JSONValue {
        let result = bytes.withUnsafeBytes { buffer in
            Result { () throws(JSONParseError) -> JSONValue in try parse(buffer, isStrict: false, limits: limits) }
        }
        return try result.get()
    }

    private static func parse(_ bytes: UnsafeRawBufferPointer, isStrict: Bool, limits: JSONLimits) throws(JSONParseError) -> JSONValue {
        try parse(bytes, isStrict: isStrict, limits: limits, wholeInput: true).value
    }

    private static func parse(_ bytes: UnsafeRawBufferPointer, isStrict: Bool, limits: JSONLimits,
                              wholeInput: Bool) throws(JSONParseError) -> (value: JSONValue, byteCount: Int) {
        guard let base = bytes.baseAddress, bytes.count > 0 else {
            throw JSONParseError(kind: .unexpectedEnd, byteOffset: 0, message: "expected a value, found end of input (the input is empty)")
        }
        // The container stacks start in stack memory: typical lines never touch the heap for them.
        let result = withUnsafeTemporaryAllocation(of: JSONValue.self, capacity: 32) { values in
            withUnsafeTemporaryAllocation(of: JSONObject.Member.self, capacity: 24) { members in
                withUnsafeTemporaryAllocation(of: Int.self, capacity: isStrict ? 0 : 32) { keyOffsets in
                    Result { () throws(JSONParseError) -> (value: JSONValue, byteCount: Int) in
                        var engine = Engine(
                            base: base.assumingMemoryBound(to: UInt8.self),
                            end: bytes.count,
                            isStrict: isStrict,
                            limits: limits,
                            stackStorage: (values, members, keyOffsets)
                        )
                        guard wholeInput else { return (try engine.parseValue(depth: 1), engine.position) }
                        return (try engine.parseDocument(), bytes.count)
                    }
                }
            }
        }
        return try result.get()
    }
}

extension JSONParser {
    /// The parser proper: a cursor over raw bytes plus reusable scratch storage.
    struct Engine: ~Copyable {
        let base: UnsafePointer<UInt8>
        let end: Int
        let isStrict: Bool
        let limits: JSONLimits
        var position = 0
        /// Elements of all open arrays.
        var valueStack: Stack<JSONValue>
        /// Members of all open objects.
        var memberStack: Stack<JSONObject.Member>
        /// Where each key in `memberStack` began (input mode only), to report duplicates found after sorting.
        var keyOffsetStack: Stack<Int>
        /// Recently created short strings, shared across parses on this thread.
        let internTable = InternTable.current
        /// Decoded bytes of the current string when it contains escapes.
        var scratch: [UInt8] = []
        /// Whether the last string parsed is byte for byte its source text (no escapes, no
        /// normalisation), so keys can be ordered by comparing the input bytes directly.
        var lastStringIsVerbatim = true

        init(
            base: UnsafePointer<UInt8>,
            end: Int,
            isStrict: Bool,
            limits: JSONLimits,
            stackStorage: (
                values: UnsafeMutableBufferPointer<JSONValue>,
                members: UnsafeMutableBufferPointer<JSONObject.Member>,
                keyOffsets: UnsafeMutableBufferPointer<Int>
            )
        ) {
            self.base = base
            self.end = end
            self.isStrict = isStrict
            self.limits = limits
            valueStack = Stack(initialStorage: stackStorage.values)
            memberStack = Stack(initialStorage: stackStorage.members)
            keyOffsetStack = Stack(initialStorage: stackStorage.keyOffsets)
        }

        mutating func parseDocument() throws(JSONParseError) -> JSONValue {
            if end >= 3 && base[0] == 0xEF && base[1] == 0xBB && base[2] == 0xBF {
                throw failure(
                    .unexpectedByte, at: 0,
                    "the input starts with a UTF-8 byte order mark (EF BB BF); save it as UTF-8 without a BOM"
                )
            }
            skipWhitespace()
            let value = try parseValue(depth: 1)
            skipWhitespace()
            if position < end {
                if isStrict && Engine.isWhitespace(base[position]) {
                    throw failure(.whitespace, at: position, "expected end of input after the value, found \(describeByte(at: position)); canonical JSON has no whitespace")
                }
                throw failure(.trailingBytes, at: position, "expected end of input after the value, found \(describeByte(at: position))")
            }
            return value
        }

        /// `depth` is the depth a container starting here would have.
        mutating func parseValue(depth: Int) throws(JSONParseError) -> JSONValue {
            guard position < end else {
                throw failure(.unexpectedEnd, at: position, "expected a value, found end of input")
            }
            switch base[position] {
            case UInt8(ascii: "\""):
                return .string(try parseString())
            case UInt8(ascii: "{"):
                return try parseObject(depth: depth)
            case UInt8(ascii: "["):
                return try parseArray(depth: depth)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                return .integer(try parseInteger())
            case UInt8(ascii: "t"):
                try expectLiteral("true")
                return .bool(true)
            case UInt8(ascii: "f"):
                try expectLiteral("false")
                return .bool(false)
            case UInt8(ascii: "n"):
                try expectLiteral("null")
                return .null
            default:
                throw unexpected("a value")
            }
        }

        mutating func parseArray(depth: Int) throws(JSONParseError) -> JSONValue {
            try checkDepth(depth)
            position += 1
            skipWhitespace()
            if position < end && base[position] == UInt8(ascii: "]") {
                position += 1
                return .array([])
            }
            let stackStart = valueStack.count
            var index = 0
            while true {
                let element: JSONValue
                do {
                    element = try parseValue(depth: depth + 1)
                } catch {
                    throw error.inside(index: index)
                }
                valueStack.push(consume element)
                skipWhitespace()
                guard position < end else {
                    throw failure(.unexpectedEnd, at: position, "expected ',' or ']' after array element, found end of input")
                }
                let byte = base[position]
                position += 1
                if byte == UInt8(ascii: ",") {
                    skipWhitespace()
                    index += 1
                    continue
                }
                if byte == UInt8(ascii: "]") {
                    break
                }
                position -= 1
                throw unexpected("',' or ']' after array element")
            }
            return .array(valueStack.popArray(from: stackStart))
        }

        mutating func parseObject(depth: Int) throws(JSONParseError) -> JSONValue {
            try checkDepth(depth)
            position += 1
            skipWhitespace()
            if position < end && base[position] == UInt8(ascii: "}") {
                position += 1
                return .object(JSONObject())
            }
            let stackStart = memberStack.count
            var isSorted = true
            var previousKeyOffset = 0
            var previousKeyLength = 0
            var previousKeyIsVerbatim = false
            while true {
                guard position < end, base[position] == UInt8(ascii: "\"") else {
                    throw unexpected("'\"' to begin an object key")
                }
                let keyOffset = position
                let key = try parseString()
                let keyLength = position - keyOffset - 2
                let keyIsVerbatim = lastStringIsVerbatim
                if isSorted && memberStack.count > stackStart {
                    let order: Int
                    if keyIsVerbatim && previousKeyIsVerbatim {
                        order = UTF8Order.compare(
                            UnsafeBufferPointer(start: base + previousKeyOffset + 1, count: previousKeyLength),
                            UnsafeBufferPointer(start: base + keyOffset + 1, count: keyLength)
                        )
                    } else {
                        order = memberStack.withElement(at: memberStack.count - 1) { UTF8Order.compare($0.key, key) }
                    }
                    if order == 0 {
                        throw duplicateKeyError(key, at: keyOffset)
                    }
                    if order > 0 {
                        if isStrict {
                            throw keysOutOfOrderError(key, at: keyOffset)
                        }
                        isSorted = false
                    }
                }
                previousKeyOffset = keyOffset
                previousKeyLength = keyLength
                previousKeyIsVerbatim = keyIsVerbatim
                skipWhitespace()
                guard position < end, base[position] == UInt8(ascii: ":") else {
                    throw unexpected("':' after object key").inside(key: keyText(at: keyOffset))
                }
                position += 1
                skipWhitespace()
                let value: JSONValue
                do {
                    value = try parseValue(depth: depth + 1)
                } catch {
                    // Re-read rather than keep `key` alive past the push below, which would cost
                    // a retain and release per member on the success path.
                    throw error.inside(key: keyText(at: keyOffset))
                }
                memberStack.push(JSONObject.Member(key: consume key, value: consume value))
                if !isStrict {
                    keyOffsetStack.push(keyOffset)
                }
                skipWhitespace()
                guard position < end else {
                    throw failure(.unexpectedEnd, at: position, "expected ',' or '}' after object member, found end of input")
                }
                let byte = base[position]
                position += 1
                if byte == UInt8(ascii: ",") {
                    skipWhitespace()
                    continue
                }
                if byte == UInt8(ascii: "}") {
                    break
                }
                position -= 1
                throw unexpected("',' or '}' after object member")
            }
            if !isSorted {
                let offsets = keyOffsetStack.popArray(from: stackStart)
                let members = try sortedCheckingDuplicates(memberStack.popArray(from: stackStart), keyOffsets: offsets)
                return .object(JSONObject(sortedUniqueMembers: members))
            }
            if !isStrict {
                keyOffsetStack.removeTop(from: stackStart)
            }
            let storage = JSONObject.Storage.make(count: memberStack.count - stackStart) { target in
                memberStack.moveTop(from: stackStart, to: target)
            }
            return .object(JSONObject(storage: storage))
        }

        /// Lenient input only: puts members into canonical order; a duplicate is reported at its
        /// second occurrence, choosing the earliest such occurrence in the text.
        private mutating func sortedCheckingDuplicates(_ members: [JSONObject.Member], keyOffsets: [Int]) throws(JSONParseError) -> [JSONObject.Member] {
            let order = members.indices.sorted { left, right in
                let comparison = UTF8Order.compare(members[left].key, members[right].key)
                return comparison != 0 ? comparison < 0 : left < right
            }
            var duplicate: Int?
            var rank = 1
            while rank < order.count {
                if UTF8Order.compare(members[order[rank - 1]].key, members[order[rank]].key) == 0 {
                    let second = order[rank]
                    if duplicate.map({ keyOffsets[second] < keyOffsets[$0] }) ?? true {
                        duplicate = second
                    }
                }
                rank += 1
            }
            if let duplicate {
                let key = members[duplicate].key
                throw duplicateKeyError(key, at: keyOffsets[duplicate])
            }
            return order.map { members[$0] }
        }

        /// The key whose opening quote is at `offset`, read again for an error message.
        private mutating func keyText(at offset: Int) -> String {
            let resume = position
            defer { position = resume }
            position = offset
            return (try? parseString()) ?? ""
        }

        private mutating func checkDepth(_ depth: Int) throws(JSONParseError) {
            if depth > limits.maxDepth {
                throw depthError(depth)
            }
        }

        private mutating func expectLiteral(_ literal: StaticString) throws(JSONParseError) {
            let start = position
            let count = literal.utf8CodeUnitCount
            let expected = literal.utf8Start
            var index = 0
            while index < count {
                guard start + index < end else {
                    throw failure(.unexpectedEnd, at: start + index, "expected '\(literal)', found end of input")
                }
                if base[start + index] != expected[index] {
                    throw failure(.unexpectedByte, at: start + index, "expected '\(literal)', found \(describeByte(at: start + index))")
                }
                index += 1
            }
            position = start + count
        }

        /// Whitespace is skipped only for lenient input; in canonical mode the next check fails on it
        /// and `unexpected` turns that into a `whitespace` error, so the strict path costs nothing.
        @inline(__always)
        mutating func skipWhitespace() {
            if isStrict {
                return
            }
            while position < end && Engine.isWhitespace(base[position]) {
                position += 1
            }
        }

        @inline(__always)
        static func isWhitespace(_ byte: UInt8) -> Bool {
            byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
        }
    }
}
