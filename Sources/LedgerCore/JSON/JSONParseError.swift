/// Why a parse failed, and where.
public struct JSONParseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The category of failure, so callers and tests can react without parsing the message.
    public enum Kind: Sendable, Equatable {
        /// The input ended where more was required (including empty input).
        case unexpectedEnd
        /// A byte that cannot appear at this point of the grammar.
        case unexpectedByte
        /// Bytes inside a string that are not well-formed UTF-8.
        case invalidUTF8
        /// A backslash sequence that JSON does not define, or a malformed `\u` escape.
        case invalidEscape
        /// A `\u` escape of a UTF-16 surrogate that is not part of a valid pair.
        case loneSurrogate
        /// A number with a fraction or exponent; the journal stores integers only.
        case floatingPointNumber
        /// An integer whose magnitude exceeds `JSONLimits.maxIntegerMagnitude`.
        case integerOutOfRange
        /// A number spelled in a non-canonical way: leading zeros or `-0`.
        case nonCanonicalNumber
        /// An object key that occurs twice (after NFC normalisation, for lenient input).
        case duplicateKey
        /// Canonical text only: object keys not in ascending UTF-8 byte order.
        case keysOutOfOrder
        /// Canonical text only: a valid escape that the canonical form spells differently.
        case nonCanonicalEscape
        /// Canonical text only: a string or key that is not in Unicode Normalization Form C.
        case notNFC
        /// Canonical text only: whitespace outside strings.
        case whitespace
        /// Objects and arrays nested deeper than `JSONLimits.maxDepth`.
        case depthLimitExceeded
        /// Something other than whitespace after the complete value.
        case trailingBytes
        /// A raw U+0000–U+001F byte inside a string.
        case controlCharacterInString
    }

    /// The category of failure.
    public var kind: Kind
    /// 0-based offset into the parsed bytes where the problem is.
    public var byteOffset: Int
    /// Where in the document: "" at the root, then keys joined with "." and array indexes in [],
    /// like `data.members[2].schoolId`; keys that are empty or contain `.`, `[` or `]` appear as `["key"]`.
    public var path: String
    /// Human text saying what was expected and what was found.
    public var message: String

    /// Creates an error; the parser is the usual source.
    public init(kind: Kind, byteOffset: Int, path: String = "", message: String) {
        self.kind = kind
        self.byteOffset = byteOffset
        self.path = path
        self.message = message
    }

    /// The message followed by the path and the byte offset.
    public var description: String {
        let location = path.isEmpty ? "at the root" : "at \(path)"
        return "\(message) (\(location), byte \(byteOffset))"
    }
}

extension JSONParseError {
    /// The same error seen from the object that holds it under `key`.
    /// Out of line so the recursive parser's frames stay small.
    @inline(never)
    func inside(key: String) -> JSONParseError {
        var error = self
        error.path = JSONParseError.join(JSONParseError.pathComponent(forKey: key), path)
        return error
    }

    /// The same error seen from the array that holds it at `index`.
    @inline(never)
    func inside(index: Int) -> JSONParseError {
        var error = self
        error.path = JSONParseError.join("[\(index)]", path)
        return error
    }

    /// Plain keys read naturally in a dotted path; anything that would make the path ambiguous is quoted.
    static func pathComponent(forKey key: String) -> String {
        let isPlain = !key.isEmpty && !key.utf8.contains { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: "]") }
        if isPlain {
            return key
        }
        var quoted: [UInt8] = [UInt8(ascii: "[")]
        CanonicalJSON.encode(string: key, into: &quoted)
        quoted.append(UInt8(ascii: "]"))
        return String(decoding: quoted, as: UTF8.self)
    }

    private static func join(_ head: String, _ tail: String) -> String {
        if tail.isEmpty {
            return head
        }
        // Bracketed components (indexes and quoted keys) attach without a dot.
        if tail.utf8.first == UInt8(ascii: "[") {
            return head + tail
        }
        return head + "." + tail
    }
}
