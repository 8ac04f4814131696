// Error construction lives apart from the grammar so the hot paths stay short; none of this
// runs unless the parse is already failing. The helpers are `mutating` although they change
// nothing: that passes the engine by reference, where a non-mutating call would make every
// caller reserve room in its stack frame for a copy of the engine.

extension JSONParser.Engine {
    /// An error at `offset`; enclosing containers add their path components as it propagates.
    /// Error construction is kept out of line here and below: inlined, its string buffers
    /// would enlarge the stack frames of the recursive parsing functions.
    @inline(never)
    mutating func failure(_ kind: JSONParseError.Kind, at offset: Int, _ message: String) -> JSONParseError {
        JSONParseError(kind: kind, byteOffset: offset, path: "", message: message)
    }

    /// The error for whatever sits at the cursor when `expected` was required there.
    @inline(never)
    mutating func unexpected(_ expected: String) -> JSONParseError {
        guard position < end else {
            return failure(.unexpectedEnd, at: position, "expected \(expected), found end of input")
        }
        if isStrict && JSONParser.Engine.isWhitespace(base[position]) {
            return failure(.whitespace, at: position, "expected \(expected), found \(describeByte(at: position)); canonical JSON has no whitespace")
        }
        return failure(.unexpectedByte, at: position, "expected \(expected), found \(describeByte(at: position))")
    }

    /// A key seen twice in one object, reported at its second occurrence.
    @inline(never)
    mutating func duplicateKeyError(_ key: String, at offset: Int) -> JSONParseError {
        failure(.duplicateKey, at: offset, "duplicate key \(quoted(key))").inside(key: key)
    }

    /// Canonical text only: `key` sorts before the key just before it on the member stack.
    @inline(never)
    mutating func keysOutOfOrderError(_ key: String, at offset: Int) -> JSONParseError {
        let previous = memberStack.withElement(at: memberStack.count - 1) { $0.key }
        return failure(
            .keysOutOfOrder, at: offset,
            "key \(quoted(key)) must come before \(quoted(previous)); canonical keys are sorted by UTF-8 bytes"
        ).inside(key: key)
    }

    /// A container opened at the cursor would be nested `depth` deep.
    @inline(never)
    mutating func depthError(_ depth: Int) -> JSONParseError {
        failure(.depthLimitExceeded, at: position, "nesting depth \(depth) exceeds the limit \(limits.maxDepth)")
    }

    /// A byte as a reader would want to see it: the character when printable, else its hex value.
    @inline(never)
    mutating func describeByte(at offset: Int) -> String {
        guard offset < end else { return "end of input" }
        return JSONParser.Engine.describe(byte: base[offset])
    }

    static func describe(byte: UInt8) -> String {
        switch byte {
        case 0x20: return "a space"
        case 0x0A: return "a line feed"
        case 0x0D: return "a carriage return"
        case 0x09: return "a tab"
        case 0x21...0x7E: return "'\(Character(Unicode.Scalar(byte)))'"
        default: return "byte 0x\(hexadecimalDigits(byte))"
        }
    }

    static func hexadecimalDigits(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF".utf8)
        return String(decoding: [digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]], as: UTF8.self)
    }

    /// A key or string shown in messages exactly as canonical JSON would write it.
    @inline(never)
    mutating func quoted(_ string: String) -> String {
        var bytes: [UInt8] = []
        CanonicalJSON.encode(string: string, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The source text of `start..<end` for messages, shortened when long.
    @inline(never)
    mutating func excerpt(from start: Int, to stop: Int) -> String {
        let limit = 40
        let clippedStop = min(stop, end, start + limit)
        let text = String(decoding: UnsafeBufferPointer(start: base + start, count: clippedStop - start), as: UTF8.self)
        return clippedStop < min(stop, end) ? text + "…" : text
    }
}
