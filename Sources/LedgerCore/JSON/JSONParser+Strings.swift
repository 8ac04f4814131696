extension JSONParser.Engine {
    /// Parses a string at the cursor (which is on the opening quote). Most strings in a journal
    /// are short printable ASCII, so that case is settled here in a few instructions and
    /// everything else (non-ASCII, escapes, errors) goes to the general path.
    @inline(__always)
    mutating func parseString() throws(JSONParseError) -> String {
        let contentStart = position + 1
        let stop = skipPlainASCII(from: contentStart)
        guard stop < end, base[stop] == UInt8(ascii: "\"") else {
            return try parseGeneralString(resumingAt: stop)
        }
        position = stop + 1
        lastStringIsVerbatim = true
        let length = stop - contentStart
        if length <= JSONParser.InternTable.maximumLength {
            return internTable.string(at: base + contentStart, count: length, end: base + end)
        }
        return JSONParser.Engine.makeString(base + contentStart, count: length)
    }

    /// Parses any string, validating UTF-8 and running the NFC quick check in the same pass.
    /// The bytes before `resumeIndex` are known to be printable ASCII. A string without escapes
    /// becomes a String straight from the input bytes; only escapes go through `scratch`.
    @inline(never)
    private mutating func parseGeneralString(resumingAt resumeIndex: Int) throws(JSONParseError) -> String {
        let quote = position
        let contentStart = quote + 1
        var index = resumeIndex
        var runStart = contentStart
        var usesScratch = false
        var isQuickNFC = true
        while true {
            index = skipPlainASCII(from: index)
            guard index < end else {
                throw failure(.unexpectedEnd, at: index, "expected '\"' to end the string, found end of input")
            }
            let byte = base[index]
            if byte < 0x80 {
                if byte >= 0x20 && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") {
                    index += 1
                    continue
                }
                if byte == UInt8(ascii: "\"") {
                    break
                }
                if byte == UInt8(ascii: "\\") {
                    if !usesScratch {
                        scratch.removeAll(keepingCapacity: true)
                        usesScratch = true
                    }
                    scratch.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: index - runStart))
                    index = try decodeEscape(at: index, isQuickNFC: &isQuickNFC)
                    runStart = index
                    continue
                }
                throw failure(
                    .controlCharacterInString, at: index,
                    "control character U+00\(JSONParser.Engine.hexadecimalDigits(byte)) must be escaped inside a string"
                )
            }
            let scalar = try decodeMultibyte(at: &index)
            if isQuickNFC && !TextNormalization.isQuickNFC(scalar) {
                isQuickNFC = false
            }
        }
        position = index + 1
        lastStringIsVerbatim = !usesScratch
        let length = index - contentStart
        if !usesScratch && isQuickNFC && length <= JSONParser.InternTable.maximumLength {
            return internTable.string(at: base + contentStart, count: length, end: base + end)
        }
        let string: String
        if usesScratch {
            scratch.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: index - runStart))
            string = String(decoding: scratch, as: UTF8.self)
        } else {
            string = JSONParser.Engine.makeString(base + contentStart, count: length)
        }
        if isQuickNFC {
            return string
        }
        if !isStrict {
            lastStringIsVerbatim = false
            return TextNormalization.nfcByFoundation(string)
        }
        if TextNormalization.isNFCByComparison(string) {
            return string
        }
        throw failure(
            .notNFC, at: quote,
            "string \(quoted(string)) is not in Unicode Normalization Form C; its NFC form is \(quoted(TextNormalization.nfcByFoundation(string)))"
        )
    }

    /// A String from bytes already validated as UTF-8. Small strings are built in place, which
    /// skips the intermediate work `String(decoding:as:)` does for them.
    static func makeString(_ start: UnsafePointer<UInt8>, count: Int) -> String {
        if count <= 15 {
            return String(unsafeUninitializedCapacity: count) { target in
                guard let targetBase = target.baseAddress else { return 0 }
                targetBase.initialize(from: start, count: count)
                return count
            }
        }
        return String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
    }

    /// Skips bytes that need no attention inside a string (printable ASCII other than `"` and `\`)
    /// eight at a time, returning the offset of the first byte that does, or of the last few
    /// bytes of the input. Each test below flags a byte that matches exactly at the lowest flagged
    /// position (borrows only create false flags above a true one), which is all that is needed.
    @inline(__always)
    private mutating func skipPlainASCII(from start: Int) -> Int {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highBits: UInt64 = 0x8080_8080_8080_8080
        var index = start
        while index &+ 8 <= end {
            let word = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
            let quotes = word ^ (ones &* 0x22)
            let backslashes = word ^ (ones &* 0x5C)
            let controls = (word &- ones &* 0x20) & ~word
            let zeroQuote = (quotes &- ones) & ~quotes
            let zeroBackslash = (backslashes &- ones) & ~backslashes
            let flags = (word | controls | zeroQuote | zeroBackslash) & highBits
            if flags != 0 {
                return index &+ flags.trailingZeroBitCount >> 3
            }
            index &+= 8
        }
        return index
    }

    /// Validates one multi-byte UTF-8 sequence starting at `index` (RFC 3629: no overlong forms,
    /// no surrogates, nothing above U+10FFFF), advances past it and returns its scalar value.
    /// Every failure is reported at the sequence's first byte.
    @inline(__always)
    private mutating func decodeMultibyte(at index: inout Int) throws(JSONParseError) -> UInt32 {
        let start = index
        let lead = base[start]
        guard let (length, lowest, highest) = JSONParser.utf8Sequence(lead: lead) else {
            throw invalidLeadByte(at: start)
        }
        guard start + 1 < end else {
            throw truncatedSequence(at: start, length: length)
        }
        let second = base[start + 1]
        guard second >= lowest && second <= highest else {
            throw invalidSecondByte(second, at: start, length: length)
        }
        var scalar = UInt32(lead & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)) << 6 | UInt32(second & 0x3F)
        var offset = 2
        while offset < length {
            guard start + offset < end, base[start + offset] & 0xC0 == 0x80 else {
                throw truncatedSequence(at: start, length: length)
            }
            scalar = scalar << 6 | UInt32(base[start + offset] & 0x3F)
            offset += 1
        }
        index = start + length
        return scalar
    }

    /// Decodes the escape whose backslash is at `backslash`, appends its bytes to `scratch`
    /// and returns the offset just past it. Escape errors point at the backslash.
    private mutating func decodeEscape(at backslash: Int, isQuickNFC: inout Bool) throws(JSONParseError) -> Int {
        guard backslash + 1 < end else {
            throw failure(.unexpectedEnd, at: backslash + 1, "expected an escape character after '\\', found end of input")
        }
        let code = base[backslash + 1]
        let decoded: UInt8
        switch code {
        case UInt8(ascii: "\""): decoded = UInt8(ascii: "\"")
        case UInt8(ascii: "\\"): decoded = UInt8(ascii: "\\")
        case UInt8(ascii: "b"): decoded = 0x08
        case UInt8(ascii: "f"): decoded = 0x0C
        case UInt8(ascii: "n"): decoded = 0x0A
        case UInt8(ascii: "r"): decoded = 0x0D
        case UInt8(ascii: "t"): decoded = 0x09
        case UInt8(ascii: "/"):
            if isStrict {
                throw failure(.nonCanonicalEscape, at: backslash, "'\\/' is not canonical; write '/' unescaped")
            }
            decoded = UInt8(ascii: "/")
        case UInt8(ascii: "u"):
            return try decodeUnicodeEscape(at: backslash, isQuickNFC: &isQuickNFC)
        default:
            throw failure(
                .invalidEscape, at: backslash,
                "'\\' followed by \(describeByte(at: backslash + 1)) is not a JSON escape; expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX"
            )
        }
        scratch.append(decoded)
        return backslash + 2
    }

    /// `\uXXXX`: in canonical text only lowercase `\u00xx` for controls without a short escape;
    /// in lenient input any code point, with astral characters as a surrogate pair.
    private mutating func decodeUnicodeEscape(at backslash: Int, isQuickNFC: inout Bool) throws(JSONParseError) -> Int {
        let (unit, isLowercase) = try readHexQuad(at: backslash + 2, backslash: backslash)
        let written = excerpt(from: backslash, to: backslash + 6)
        if isStrict {
            if unit >= 0x20 {
                let advice: String
                switch unit {
                case 0x22: advice = "write \\\" instead"
                case 0x5C: advice = "write \\\\ instead"
                default: advice = "only control characters U+0000–U+001F are escaped; write the character itself as UTF-8"
                }
                throw failure(.nonCanonicalEscape, at: backslash, "'\(written)' is not canonical; \(advice)")
            }
            if let short = JSONParser.Engine.shortEscape(for: UInt8(unit)) {
                throw failure(.nonCanonicalEscape, at: backslash, "'\(written)' is not canonical; write '\\\(short)' instead")
            }
            if !isLowercase {
                throw failure(.nonCanonicalEscape, at: backslash, "'\(written)' is not canonical; hex digits must be lowercase")
            }
            scratch.append(UInt8(unit))
            return backslash + 6
        }
        var scalar = unit
        var next = backslash + 6
        if unit >= 0xD800 && unit <= 0xDBFF {
            var low: UInt32?
            if next + 1 < end && base[next] == UInt8(ascii: "\\") && base[next + 1] == UInt8(ascii: "u") {
                let (candidate, _) = try readHexQuad(at: next + 2, backslash: next)
                if candidate >= 0xDC00 && candidate <= 0xDFFF {
                    low = candidate
                }
            }
            guard let low else {
                throw failure(.loneSurrogate, at: backslash, "'\(written)' is a high surrogate not followed by a low surrogate escape (\\udc00–\\udfff)")
            }
            scalar = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
            next += 6
        } else if unit >= 0xDC00 && unit <= 0xDFFF {
            throw failure(.loneSurrogate, at: backslash, "'\(written)' is a low surrogate without a preceding high surrogate")
        }
        if isQuickNFC && !TextNormalization.isQuickNFC(scalar) {
            isQuickNFC = false
        }
        appendUTF8(scalar)
        return next
    }

    private mutating func readHexQuad(at start: Int, backslash: Int) throws(JSONParseError) -> (value: UInt32, isLowercase: Bool) {
        var value: UInt32 = 0
        var isLowercase = true
        for offset in start..<(start + 4) {
            guard offset < end else {
                throw failure(.unexpectedEnd, at: offset, "expected 4 hex digits after '\\u', found end of input")
            }
            let byte = base[offset]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"):
                digit = byte - UInt8(ascii: "A") + 10
                isLowercase = false
            default:
                throw failure(.invalidEscape, at: backslash, "expected 4 hex digits after '\\u', found \(describeByte(at: offset))")
            }
            value = value << 4 | UInt32(digit)
        }
        return (value, isLowercase)
    }

    static func shortEscape(for byte: UInt8) -> Character? {
        switch byte {
        case 0x08: return "b"
        case 0x09: return "t"
        case 0x0A: return "n"
        case 0x0C: return "f"
        case 0x0D: return "r"
        default: return nil
        }
    }

    private mutating func appendUTF8(_ scalar: UInt32) {
        if scalar < 0x80 {
            scratch.append(UInt8(scalar))
        } else if scalar < 0x800 {
            scratch.append(0xC0 | UInt8(scalar >> 6))
            scratch.append(0x80 | UInt8(scalar & 0x3F))
        } else if scalar < 0x10000 {
            scratch.append(0xE0 | UInt8(scalar >> 12))
            scratch.append(0x80 | UInt8(scalar >> 6 & 0x3F))
            scratch.append(0x80 | UInt8(scalar & 0x3F))
        } else {
            scratch.append(0xF0 | UInt8(scalar >> 18))
            scratch.append(0x80 | UInt8(scalar >> 12 & 0x3F))
            scratch.append(0x80 | UInt8(scalar >> 6 & 0x3F))
            scratch.append(0x80 | UInt8(scalar & 0x3F))
        }
    }

    @inline(never)
    private mutating func invalidLeadByte(at offset: Int) -> JSONParseError {
        let byte = base[offset]
        let reason: String
        switch byte {
        case 0x80...0xBF: reason = "a continuation byte cannot start a character"
        case 0xC0, 0xC1: reason = "it can only begin an overlong encoding"
        default: reason = "it never occurs in UTF-8"
        }
        return failure(.invalidUTF8, at: offset, "invalid UTF-8: byte 0x\(JSONParser.Engine.hexadecimalDigits(byte)) in a string; \(reason)")
    }

    @inline(never)
    private mutating func invalidSecondByte(_ second: UInt8, at offset: Int, length: Int) -> JSONParseError {
        guard second & 0xC0 == 0x80 else {
            return truncatedSequence(at: offset, length: length)
        }
        let reason: String
        switch base[offset] {
        case 0xE0, 0xF0: reason = "overlong encoding"
        case 0xED: reason = "encoded UTF-16 surrogate (U+D800–U+DFFF)"
        default: reason = "code point above U+10FFFF"
        }
        return failure(.invalidUTF8, at: offset, "invalid UTF-8 in a string: \(reason)")
    }

    @inline(never)
    private mutating func truncatedSequence(at offset: Int, length: Int) -> JSONParseError {
        failure(
            .invalidUTF8, at: offset,
            "invalid UTF-8 in a string: byte 0x\(JSONParser.Engine.hexadecimalDigits(base[offset])) starts a \(length)-byte sequence that is cut short"
        )
    }
}

extension JSONParser {
    /// For a UTF-8 lead byte of a multi-byte sequence: the sequence's length and the range its
    /// second byte must fall in (RFC 3629: that range is what rules out overlong forms,
    /// surrogates and scalars above U+10FFFF). Nil for a byte that cannot lead one.
    @inline(__always)
    static func utf8Sequence(lead: UInt8) -> (length: Int, lowest: UInt8, highest: UInt8)? {
        switch lead {
        case 0xC2...0xDF: return (2, 0x80, 0xBF)
        case 0xE0: return (3, 0xA0, 0xBF)
        case 0xE1...0xEC, 0xEE, 0xEF: return (3, 0x80, 0xBF)
        case 0xED: return (3, 0x80, 0x9F)
        case 0xF0: return (4, 0x90, 0xBF)
        case 0xF1...0xF3: return (4, 0x80, 0xBF)
        case 0xF4: return (4, 0x80, 0x8F)
        default: return nil
        }
    }
}
