import Testing

@testable import LedgerCore

/// Wraps raw bytes in quotes, for invalid UTF-8 inside a string.
private func quoted(_ inner: [UInt8]) -> [UInt8] {
    [0x22] + inner + [0x22]
}

private func nestedArrays(_ depth: Int) -> String {
    String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
}

struct JSONParserTests {
    // MARK: - Canonical mode

    static let canonicalRejections: [Rejection] = [
        Rejection("empty input", "", .unexpectedEnd, at: 0),
        Rejection("whitespace before the root", " {}", .whitespace, at: 0),
        Rejection("whitespace after a colon", #"{"a": 1}"#, .whitespace, at: 5, path: "a"),
        Rejection("whitespace after a colon, nested", #"{"data":{"list":[1, 2]}}"#, .whitespace, at: 19, path: "data.list[1]"),
        Rejection("whitespace before a comma", #"{"a":1 ,"b":2}"#, .whitespace, at: 6),
        Rejection("trailing newline", "{}\n", .whitespace, at: 2),
        Rejection("unsorted keys", #"{"b":1,"a":2}"#, .keysOutOfOrder, at: 7, path: "a"),
        Rejection("keys sorted by UTF-16 rather than code point", #"{"😀":1,"～":2}"#, .keysOutOfOrder, at: 10, path: "～"),
        Rejection("duplicate keys", #"{"a":1,"a":2}"#, .duplicateKey, at: 7, path: "a"),
        Rejection("duplicate keys, nested", #"{"data":{"id":1,"id":2}}"#, .duplicateKey, at: 16, path: "data.id"),
        Rejection("escaped solidus", #"["\/"]"#, .nonCanonicalEscape, at: 2, path: "[0]"),
        Rejection("\\u escape of a printable character", #""\u0041""#, .nonCanonicalEscape, at: 1),
        Rejection("uppercase hex in a control escape", #""\u001F""#, .nonCanonicalEscape, at: 1),
        Rejection("\\u escape of a non-control character", #""caf\u00e9""#, .nonCanonicalEscape, at: 4),
        Rejection("\\u escape where a short escape exists", #""\u000a""#, .nonCanonicalEscape, at: 1),
        Rejection("\\u escape of a quote", #""\u0022""#, .nonCanonicalEscape, at: 1),
        Rejection("surrogate pair escape", #""\ud83d\ude00""#, .nonCanonicalEscape, at: 1),
        Rejection("escaped line separator", #""\u2028""#, .nonCanonicalEscape, at: 1),
        Rejection("unknown escape", #""\x41""#, .invalidEscape, at: 1),
        Rejection("short \\u escape", #""\u12""#, .invalidEscape, at: 1),
        Rejection("raw tab in a string", "\"a\tb\"", .controlCharacterInString, at: 2),
        Rejection("raw NUL in a key", [0x7B, 0x22, 0x00, 0x22, 0x3A, 0x31, 0x7D], .controlCharacterInString, at: 2),
        Rejection("fraction", "1.0", .floatingPointNumber, at: 0),
        Rejection("exponent", "1e3", .floatingPointNumber, at: 0),
        Rejection("fraction deep inside", #"{"data":{"list":[1,2.5]}}"#, .floatingPointNumber, at: 19, path: "data.list[1]"),
        Rejection("negative zero", "-0", .nonCanonicalNumber, at: 0),
        Rejection("leading zero", "01", .nonCanonicalNumber, at: 0),
        Rejection("plus sign", "+1", .unexpectedByte, at: 0),
        Rejection("minus without digits", "[-]", .unexpectedByte, at: 2, path: "[0]"),
        Rejection("2^53", "9007199254740992", .integerOutOfRange, at: 0),
        Rejection("-2^53", #"{"n":-9007199254740992}"#, .integerOutOfRange, at: 5, path: "n"),
        Rejection("beyond Int64", "[123456789012345678901234567890]", .integerOutOfRange, at: 1, path: "[0]"),
        Rejection("overlong encoding", quoted([0xC0, 0x80]), .invalidUTF8, at: 1),
        Rejection("overlong three-byte encoding", quoted([0x61, 0xE0, 0x80, 0xAF]), .invalidUTF8, at: 2),
        Rejection("surrogate code point encoded in UTF-8", quoted([0xED, 0xA0, 0x80]), .invalidUTF8, at: 1),
        Rejection("truncated sequence", quoted([0xE4, 0xB8]), .invalidUTF8, at: 1),
        Rejection("truncated at end of input", [0x22, 0xE4, 0xB8], .invalidUTF8, at: 1),
        Rejection("byte 0xFF", quoted([0x61, 0xFF]), .invalidUTF8, at: 2),
        Rejection("lone continuation byte", quoted([0x80]), .invalidUTF8, at: 1),
        Rejection("code point above U+10FFFF", quoted([0xF4, 0x90, 0x80, 0x80]), .invalidUTF8, at: 1),
        Rejection("invalid UTF-8 in a nested key", [0x7B, 0x22, 0x61, 0x22, 0x3A, 0x7B, 0x22, 0xFF, 0x22, 0x3A, 0x31, 0x7D, 0x7D], .invalidUTF8, at: 7, path: "a"),
        Rejection("non-ASCII byte outside a string", [0x5B, 0xFF, 0x5D], .unexpectedByte, at: 1, path: "[0]"),
        Rejection("decomposed é", "\"e\u{301}\"", .notNFC, at: 0),
        Rejection("decomposed key", "{\"a\":{\"e\u{301}\":1}}", .notNFC, at: 6, path: "a"),
        Rejection("depth 17", nestedArrays(17), .depthLimitExceeded, at: 16, path: String(repeating: "[0]", count: 16)),
        Rejection("depth 17 in objects", String(repeating: #"{"k":"#, count: 17) + "1" + String(repeating: "}", count: 17),
                  .depthLimitExceeded, at: 80, path: Array(repeating: "k", count: 16).joined(separator: ".")),
        Rejection("trailing bytes", "{}x", .trailingBytes, at: 2),
        Rejection("two values", "{}{}", .trailingBytes, at: 2),
        Rejection("trailing comma in an array", "[1,]", .unexpectedByte, at: 3, path: "[1]"),
        Rejection("trailing comma in an object", #"{"a":1,}"#, .unexpectedByte, at: 7),
        Rejection("missing comma", "[1x]", .unexpectedByte, at: 2),
        Rejection("missing colon", #"{"a"1}"#, .unexpectedByte, at: 4, path: "a"),
        Rejection("single-quoted key", "{'a':1}", .unexpectedByte, at: 1),
        Rejection("unterminated string", #""abc"#, .unexpectedEnd, at: 4),
        Rejection("unterminated object", #"{"a":1"#, .unexpectedEnd, at: 6),
        Rejection("missing value at the end", #"{"a":"#, .unexpectedEnd, at: 5, path: "a"),
        Rejection("truncated literal", "tru", .unexpectedEnd, at: 3),
        Rejection("misspelled literal", "[nul]", .unexpectedByte, at: 4, path: "[0]"),
        Rejection("capitalised literal", "True", .unexpectedByte, at: 0),
        Rejection("byte order mark", [0xEF, 0xBB, 0xBF, 0x7B, 0x7D], .unexpectedByte, at: 0),
    ]

    @Test("parseCanonical rejects every deviation with the exact kind, offset and path", arguments: canonicalRejections)
    func canonicalRejection(_ rejection: Rejection) {
        #expect(throws: JSONParseError.self) { try JSONParser.parseCanonical(rejection.bytes) }
        do {
            _ = try JSONParser.parseCanonical(rejection.bytes)
        } catch {
            #expect(error.kind == rejection.kind)
            #expect(error.byteOffset == rejection.offset)
            #expect(error.path == rejection.path)
            #expect(!error.message.isEmpty)
        }
    }

    @Test("parseCanonical accepts canonical text and builds the expected tree")
    func canonicalAcceptance() throws {
        let prefix = #"{"a":[1,-2,"x\n",true,false,null,{}],"b":{"c":"邵阳〔2023〕"},"é":"\u001f/"#
        // \u007f is not canonical; the raw DEL character is.
        #expect(throws: JSONParseError.self) { try JSONParser.parseCanonical(Array((prefix + #"\u007f"}"#).utf8)) }
        let canonical = Array((prefix + "\u{7F}\"}").utf8)
        let value = try JSONParser.parseCanonical(canonical)
        #expect(value["a"]?.arrayValue?.count == 7)
        #expect(value["a"]?.arrayValue?[2] == "x\n")
        #expect(value["b"]?["c"] == "邵阳〔2023〕")
        #expect(value["é"] == "\u{1F}/\u{7F}")
        #expect(CanonicalJSON.encode(value) == canonical)
    }

    @Test("the buffer and array entry points agree, and an empty buffer is unexpectedEnd")
    func bufferEntryPoint() throws {
        let bytes = Array(#"{"k":[1,2]}"#.utf8)
        let fromBuffer = try bytes.withUnsafeBytes { try JSONParser.parseCanonical($0) }
        #expect(fromBuffer == (try JSONParser.parseCanonical(bytes)))
        let empty = UnsafeRawBufferPointer(start: nil, count: 0)
        #expect(throws: JSONParseError(kind: .unexpectedEnd, byteOffset: 0, message: "expected a value, found end of input (the input is empty)")) {
            try JSONParser.parseCanonical(empty)
        }
    }

    @Test("a slice of a larger buffer parses as just that slice")
    func sliceOfBuffer() throws {
        let bytes = Array(#"["short"]trailing garbage"#.utf8)
        let value = try bytes.withUnsafeBytes { buffer in
            try JSONParser.parseCanonical(UnsafeRawBufferPointer(rebasing: buffer[0..<9]))
        }
        #expect(value == ["short"])
    }

    @Test("depth exactly at the limit is accepted, one more is not")
    func depthLimit() throws {
        #expect(try JSONParser.parseCanonical(Array(nestedArrays(16).utf8)) != .null)
        let shallow = JSONLimits(maxDepth: 2)
        #expect(try JSONParser.parseCanonical(Array("[[]]".utf8), limits: shallow) == [[]])
        #expect(throws: JSONParseError.self) { try JSONParser.parseCanonical(Array("[[[]]]".utf8), limits: shallow) }
        #expect(try JSONParser.parseCanonical(Array("1".utf8), limits: JSONLimits(maxDepth: 0)) == 1)
    }

    @Test("integer limits: ±(2^53−1) pass, and a custom limit applies")
    func integerLimits() throws {
        #expect(try JSONParser.parseCanonical(Array("9007199254740991".utf8)) == .integer(9_007_199_254_740_991))
        #expect(try JSONParser.parseCanonical(Array("-9007199254740991".utf8)) == .integer(-9_007_199_254_740_991))
        #expect(try JSONParser.parseCanonical(Array("0".utf8)) == 0)
        let small = JSONLimits(maxIntegerMagnitude: 100)
        #expect(try JSONParser.parseCanonical(Array("[100,-100]".utf8), limits: small) == [100, -100])
        do {
            _ = try JSONParser.parseCanonical(Array("[101]".utf8), limits: small)
            Issue.record("expected integerOutOfRange")
        } catch {
            #expect(error.kind == .integerOutOfRange)
            #expect(error.message == "integer 101 exceeds the limit 100")
        }
        let wide = JSONLimits(maxIntegerMagnitude: .max)
        #expect(try JSONParser.parseCanonical(Array("9223372036854775807".utf8), limits: wide) == .integer(.max))
        #expect(try JSONParser.parseCanonical(Array("-9223372036854775807".utf8), limits: wide) == .integer(-.max))
        #expect(throws: JSONParseError.self) { try JSONParser.parseCanonical(Array("9223372036854775808".utf8), limits: wide) }
    }

    @Test("messages say what was expected and what was found")
    func messages() {
        func error(_ text: String) -> JSONParseError? {
            do {
                _ = try JSONParser.parseCanonical(Array(text.utf8))
                return nil
            } catch {
                return error
            }
        }
        #expect(error(#"{"a":1x}"#)?.message == "expected ',' or '}' after object member, found 'x'")
        #expect(error("9007199254740992")?.message == "integer 9007199254740992 exceeds the limit 9007199254740991")
        #expect(error("-9007199254740992")?.message == "integer -9007199254740992 is below the limit -9007199254740991")
        #expect(error(#"{"a":[1,2.5]}"#)?.message.contains("floating-point") == true)
        #expect(error(#"{"a":[1,2.5]}"#)?.description == "floating-point numbers are not allowed, found 2.5; only integers can be stored (at a[1], byte 8)")
        #expect(error(#"{"b":1,"a":2}"#)?.message == #"key "a" must come before "b"; canonical keys are sorted by UTF-8 bytes"#)
        #expect(error("{} ")?.description.hasSuffix("(at the root, byte 2)") == true)
    }

    @Test("paths quote keys that would make a dotted path ambiguous")
    func quotedPathComponents() {
        for (text, path) in [
            (#"{"a.b":[1.5]}"#, #"["a.b"][0]"#),
            (#"{"":{"x":1.5}}"#, #"[""].x"#),
            (#"{"x":{"[0]":1.5}}"#, #"x["[0]"]"#),
            (#"{"学校":{"名":1.5}}"#, "学校.名"),
        ] {
            do {
                _ = try JSONParser.parseCanonical(Array(text.utf8))
                Issue.record("expected an error for \(text)")
            } catch {
                #expect(error.path == path, "\(text)")
            }
        }
    }

    // MARK: - Input mode

    @Test("parseInput accepts JSON as people write it and returns the canonical tree")
    func inputAcceptance() throws {
        let text = "\n\t{ \"b\" : 1 ,\r\n \"a\" : [ 1 , \"\\/\" , \"\\u4e2d\" , \"\\ud83d\\ude00\" , \"\\uD83D\\uDE00\" , -0 ] } \n"
        let value = try JSONParser.parseInput(Array(text.utf8))
        #expect(CanonicalJSON.encode(value) == Array(#"{"a":[1,"/","中","😀","😀",0],"b":1}"#.utf8))
    }

    @Test("parseInput normalises strings and keys to NFC")
    func inputNormalisation() throws {
        let escaped = try JSONParser.parseInput(Array(#"{"cafe\u0301":"e\u0301t\u00e9"}"#.utf8))
        #expect(CanonicalJSON.encode(escaped) == Array("{\"caf\u{E9}\":\"\u{E9}t\u{E9}\"}".utf8))
        let raw = try JSONParser.parseInput(Array("[\"\u{304B}\u{3099}\"]".utf8))
        #expect(raw == ["\u{304C}"])
        #expect(CanonicalJSON.encode(raw) == Array("[\"\u{304C}\"]".utf8))
    }

    @Test("parseInput sorts keys, and sorting reveals duplicates at their second occurrence")
    func inputDuplicates() {
        for (text, offset, path) in [
            (#"{"b":1,"a":2,"b":3}"#, 13, "b"),
            (#"{"a":1,"a":2}"#, 7, "a"),
            (#"{"z":{"y":1,"x":2,"y":3,"x":4}}"#, 18, "z.y"),
            ("{\"\u{E9}\":1,\"e\u{301}\":2}", 8, "\u{E9}"),
            (#"{"caf\u00e9":1, "cafe\u0301":2}"#, 16, "caf\u{E9}"),
        ] {
            do {
                _ = try JSONParser.parseInput(Array(text.utf8))
                Issue.record("expected duplicateKey for \(text)")
            } catch {
                #expect(error.kind == .duplicateKey, "\(text)")
                #expect(error.byteOffset == offset, "\(text)")
                #expect(error.path == path, "\(text)")
            }
        }
    }

    static let inputRejections: [Rejection] = [
        Rejection("lone high surrogate", #""\ud800""#, .loneSurrogate, at: 1),
        Rejection("high surrogate then a letter", #"["ab\ud800x"]"#, .loneSurrogate, at: 4, path: "[0]"),
        Rejection("high surrogate then a non-surrogate escape", #""\ud800\u0041""#, .loneSurrogate, at: 1),
        Rejection("two high surrogates", #""\ud800\ud800""#, .loneSurrogate, at: 1),
        Rejection("lone low surrogate", #""\udc00""#, .loneSurrogate, at: 1),
        Rejection("fraction", #"{"amount": 12.50}"#, .floatingPointNumber, at: 11, path: "amount"),
        Rejection("exponent", "[1E5]", .floatingPointNumber, at: 1, path: "[0]"),
        Rejection("negative fraction", "-0.0", .floatingPointNumber, at: 0),
        Rejection("2^53", "  9007199254740992", .integerOutOfRange, at: 2),
        Rejection("leading zero", "[007]", .nonCanonicalNumber, at: 1, path: "[0]"),
        Rejection("duplicate keys", #"{"a":1, "a":2}"#, .duplicateKey, at: 8, path: "a"),
        Rejection("byte order mark", [0xEF, 0xBB, 0xBF, 0x7B, 0x7D], .unexpectedByte, at: 0),
        Rejection("trailing bytes", "{} x", .trailingBytes, at: 3),
        Rejection("whitespace only", " \n ", .unexpectedEnd, at: 3),
        Rejection("raw newline in a string", "\"a\nb\"", .controlCharacterInString, at: 2),
        Rejection("invalid UTF-8", quoted([0xC3, 0x28]), .invalidUTF8, at: 1),
        Rejection("depth 17", nestedArrays(17), .depthLimitExceeded, at: 16, path: String(repeating: "[0]", count: 16)),
        Rejection("unknown escape", #""\a""#, .invalidEscape, at: 1),
        Rejection("bad hex digit", #""\u00g0""#, .invalidEscape, at: 1),
        Rejection("comment", "[1 /* two */]", .unexpectedByte, at: 3),
        Rejection("trailing comma", "[1, ]", .unexpectedByte, at: 4, path: "[1]"),
        Rejection("NaN", "NaN", .unexpectedByte, at: 0),
    ]

    @Test("parseInput still rejects what the journal cannot store", arguments: inputRejections)
    func inputRejection(_ rejection: Rejection) {
        do {
            let value = try JSONParser.parseInput(rejection.bytes)
            Issue.record("accepted \(value)")
        } catch {
            #expect(error.kind == rejection.kind)
            #expect(error.byteOffset == rejection.offset)
            #expect(error.path == rejection.path)
        }
    }

    @Test("the byte order mark error says so")
    func byteOrderMarkMessage() {
        do {
            _ = try JSONParser.parseInput([0xEF, 0xBB, 0xBF, 0x7B, 0x7D])
        } catch {
            #expect(error.message.contains("byte order mark"))
        }
    }

    /// A special byte at any offset of a string is seen (a control byte refused, a backslash or
    /// a quote leaving the document to the parser or ending the string early), and plain or
    /// quick-NFC bytes anywhere are taken, for the whole length. (Written for a word-at-a-time
    /// reading of plain bytes, which it caught dropping the control-byte or the backslash test;
    /// that reading saved 0.35% of a replay's instructions and was left out.)
    @Test func aSpecialByteIsSeenAtEveryOffsetOfAString() {
        let limits = JSONLimits(maxDepth: 15)
        let filler = Array("abcdefghijklmnopqrstuvwxyz0123".utf8)
        let cases: [(inserted: [UInt8], taken: Bool)] = [
            ([0x01], false), ([0x1F], false), ([0x00], false), ([0x5C, 0x6E], false), ([0x22], false),
            ([0x20], true), ([0x7F], true), ([0x21, 0x23, 0x5B, 0x5D], true), (Array("中".utf8), true), (Array("〔".utf8), true),
        ]
        for (inserted, taken) in cases {
            for offset in 0...filler.count {
                var text = filler
                text.insert(contentsOf: inserted, at: offset)
                let document = Array(#"{"a":""#.utf8) + text + Array(#"","b":1}"#.utf8)
                let checked = document.withUnsafeBytes { JSONParser.checkedCanonicalPrefix($0, limits: limits) }
                let parsed = try? document.withUnsafeBytes { try JSONParser.parseCanonicalPrefix($0, limits: limits) }
                if taken {
                    #expect(checked == document.count, "\(inserted) at \(offset)")
                } else {
                    #expect(checked == nil, "\(inserted) at \(offset)")
                }
                if let checked { #expect(parsed?.byteCount == checked, "\(inserted) at \(offset)") }
            }
        }
    }

    /// The check that builds nothing (verification's, for `data`) may leave a document to the
    /// parser, but never accepts one the parser refuses, and it takes plain documents.
    @Test("checkedCanonicalPrefix never accepts what the strict parser refuses")
    func checkNeverAcceptsWhatTheParserRefuses() {
        let seed = UInt64.random(in: 0...UInt64.max)
        var generator = CanonicalJSONTests.SeededGenerator(seed: seed)
        let limits = JSONLimits(maxDepth: 15)
        var accepted = 0
        var mutatedAccepted = 0
        for _ in 0..<400 {
            let document = CanonicalJSON.encode(.object(["k": CanonicalJSONTests.RandomJSON.value(depth: 2, using: &generator)])) + Array(#","next":1}"#.utf8)
            var candidates = [document]
            for _ in 0..<30 {
                var mutated = document
                let position = Int.random(in: 0..<mutated.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: mutated[position] ^= UInt8(1 << Int.random(in: 0..<8, using: &generator))
                case 1: mutated.remove(at: position)
                default: mutated.insert([0x20, 0x22, 0x5C, 0x30, 0x2C, 0x7D, 0x2E, 0x2D, 0xC3, 0xED].randomElement(using: &generator)!, at: position)
                }
                candidates.append(mutated)
            }
            for (index, candidate) in candidates.enumerated() {
                candidate.withUnsafeBytes { buffer in
                    guard let checked = JSONParser.checkedCanonicalPrefix(buffer, limits: limits) else { return }
                    if index == 0 { accepted += 1 } else { mutatedAccepted += 1 }
                    let parsed = try? JSONParser.parseCanonicalPrefix(buffer, limits: limits)
                    #expect(parsed?.byteCount == checked, "seed \(seed): checked \(checked) bytes of \(String(decoding: candidate, as: UTF8.self))")
                }
            }
        }
        #expect(accepted > 50 && mutatedAccepted > 0, "seed \(seed): \(accepted) documents and \(mutatedAccepted) mutations checked")
        // Plain documents (no escapes, quick-NFC text) are always taken.
        let plain = Array(#"{"a":[1,-2,0,true,false,null,"学校 s7301",{}],"b":{"c":"〔中〕，"},"d":[]}"#.utf8)
        #expect(plain.withUnsafeBytes { JSONParser.checkedCanonicalPrefix($0, limits: limits) } == plain.count)
        // Refused, or left to the parser, never accepted: each of these the parser refuses.
        for refused in [#"{"b":1,"a":2}"#, #"{"a":1,"a":2}"#, #"{"a": 1}"#, #"{"a":01}"#, #"{"a":-0}"#, #"{"a":1.5}"#, #"{"a":1e3}"#,
                        #"{"a":"\#u{1}"}"#, #"{"a":tru}"#, #"{"a":[1,]}"#, #"{"a":9007199254740992}"#, #"{"a":"e\#u{301}"}"#] {
            let bytes = Array(refused.utf8)
            #expect(bytes.withUnsafeBytes { JSONParser.checkedCanonicalPrefix($0, limits: limits) } == nil, "\(refused)")
            #expect((try? bytes.withUnsafeBytes { try JSONParser.parseCanonicalPrefix($0, limits: limits) }) == nil, "\(refused)")
        }
        for invalidUTF8: [UInt8] in [[0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE4, 0xB8], [0xFF]] {
            let bytes = Array(#"{"a":""#.utf8) + invalidUTF8 + Array(#""}"#.utf8)
            #expect(bytes.withUnsafeBytes { JSONParser.checkedCanonicalPrefix($0, limits: limits) } == nil, "\(invalidUTF8)")
        }
        let deep = Array((String(repeating: "[", count: 16) + String(repeating: "]", count: 16)).utf8)
        #expect(deep.withUnsafeBytes { JSONParser.checkedCanonicalPrefix($0, limits: limits) } == nil)
        #expect((try? deep.withUnsafeBytes { try JSONParser.parseCanonicalPrefix($0, limits: limits) }) == nil)
        for leftToTheParser in [#"{"a":"say \"hi\""}"#, #"{"a":"é"}"#] {
            let bytes = Array(leftToTheParser.utf8)
            #expect(bytes.withUnsafeBytes { JSONParser.checkedCanonicalPrefix($0, limits: limits) } == nil, "\(leftToTheParser)")
            #expect((try? bytes.withUnsafeBytes { try JSONParser.parseCanonicalPrefix($0, limits: limits) }) != nil, "\(leftToTheParser)")
        }
    }

    @Test("lenient input and canonical text give the same value")
    func modesAgree() throws {
        var generator = CanonicalJSONTests.SeededGenerator(seed: 99)
        for _ in 0..<200 {
            let value = CanonicalJSONTests.RandomJSON.value(depth: 1, using: &generator)
            let canonical = CanonicalJSON.encode(value)
            // Spread the text out: a space after every structural comma and colon outside strings.
            #expect(try JSONParser.parseInput(JSONParserTests.loosened(canonical)) == value)
        }
    }

    /// Adds whitespace around structural characters, tracking strings so their content is untouched.
    static func loosened(_ bytes: [UInt8]) -> [UInt8] {
        var result: [UInt8] = [0x20]
        var inString = false
        var escaped = false
        for byte in bytes {
            result.append(byte)
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
            } else if byte == UInt8(ascii: "\"") {
                inString = true
            } else if [UInt8(ascii: ","), UInt8(ascii: ":"), UInt8(ascii: "["), UInt8(ascii: "{")].contains(byte) {
                result.append(contentsOf: [0x0D, 0x0A, 0x09])
            }
        }
        result.append(0x0A)
        return result
    }
}

extension JSONParserTests {
    /// One input the parser must reject, with exactly where and why.
    struct Rejection: Sendable, CustomTestStringConvertible {
        let name: String
        let bytes: [UInt8]
        let kind: JSONParseError.Kind
        let offset: Int
        let path: String

        init(_ name: String, _ text: String, _ kind: JSONParseError.Kind, at offset: Int, path: String = "") {
            self.init(name, Array(text.utf8), kind, at: offset, path: path)
        }

        init(_ name: String, _ bytes: [UInt8], _ kind: JSONParseError.Kind, at offset: Int, path: String = "") {
            self.name = name
            self.bytes = bytes
            self.kind = kind
            self.offset = offset
            self.path = path
        }

        var testDescription: String { name }
    }
}
