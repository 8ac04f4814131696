import Testing

@testable import LedgerCore

/// The canonical encoder, the value types, and the encode/parse round trip.
struct CanonicalJSONTests {
    // MARK: - The contract, pinned by Python

    @Test("matches Python's json.dumps byte for byte", arguments: CanonicalJSONTests.pythonPinned.indices)
    func matchesPython(index: Int) throws {
        let (name, value, expected) = CanonicalJSONTests.pythonPinned[index]
        let expectedBytes = Array(expected.utf8)
        #expect(CanonicalJSON.encode(value) == expectedBytes, "\(name)")
        #expect(try JSONParser.parseCanonical(expectedBytes) == value, "\(name)")
    }

    // MARK: - Round trips

    @Test("hand-written values round-trip byte for byte", arguments: CanonicalJSONTests.handWritten)
    func handWrittenRoundTrip(value: JSONValue) throws {
        let bytes = CanonicalJSON.encode(value)
        let parsed = try JSONParser.parseCanonical(bytes)
        #expect(parsed == value)
        #expect(CanonicalJSON.encode(parsed) == bytes)
        // Canonical text is also acceptable input, and lenient parsing changes nothing in it.
        #expect(try JSONParser.parseInput(bytes) == value)
    }

    @Test("every control character has Python's escape")
    func controlCharacterEscapes() {
        let short: [UInt8: String] = [0x08: "\\b", 0x09: "\\t", 0x0A: "\\n", 0x0C: "\\f", 0x0D: "\\r"]
        for code in UInt8(0)..<0x20 {
            let value = JSONValue.string(String(UnicodeScalar(code)))
            let digits = String(code, radix: 16)
            let escape = short[code] ?? "\\u00" + (digits.count == 1 ? "0" + digits : digits)
            #expect(CanonicalJSON.encode(value) == Array("\"\(escape)\"".utf8), "U+00\(digits)")
        }
    }

    @Test("characters that must not be escaped are written raw")
    func rawCharacters() {
        for text in ["/", "\u{7F}", "\u{2028}", "\u{2029}", "é", "中", "😀", "〔〕", "，"] {
            #expect(CanonicalJSON.encode(.string(text)) == Array("\"\(text)\"".utf8), "\(text)")
        }
    }

    @Test("canonical lines never contain a newline or NUL byte")
    func noNewlineOrNullByte() {
        let value: JSONValue = ["a\nb": "\u{0}\n\r", "list": ["\n", "\u{0}"]]
        let bytes = CanonicalJSON.encode(value)
        #expect(!bytes.contains(0x0A))
        #expect(!bytes.contains(0x00))
    }

    @Test("encode(_:into:) appends, and encode(string:into:) writes one quoted string")
    func appendingForms() {
        var buffer = Array("prefix:".utf8)
        CanonicalJSON.encode(["b": 1, "a": [true, .null]], into: &buffer)
        #expect(String(decoding: buffer, as: UTF8.self) == #"prefix:{"a":[true,null],"b":1}"#)
        var quoted: [UInt8] = []
        CanonicalJSON.encode(string: "say \"hi\"\n", into: &quoted)
        #expect(String(decoding: quoted, as: UTF8.self) == #""say \"hi\"\n""#)
    }

    /// The direct forms (plain strings copied in, integers without the writer) must write
    /// exactly what the general encoder writes, escapes at any position included.
    @Test("encode(string:into:) and encode(integer:into:) write what the general encoder writes")
    func directFormsMatchTheWriter() {
        var strings = ["", "a", "s7301", "邵阳县芙蓉学校", "exactly8", "sixteen-bytes-ab", "\"", "\\", "\u{1F}", "\u{7F}", "é中\u{0}"]
        for position in 0..<20 {
            var bytes = Array(repeating: UInt8(ascii: "x"), count: 20)
            for escaped: UInt8 in [0x22, 0x5C, 0x0A, 0x01] {
                bytes[position] = escaped
                strings.append(String(decoding: bytes, as: UTF8.self))
            }
        }
        for string in strings {
            var direct = Array("prefix".utf8)
            CanonicalJSON.encode(string: string, into: &direct)
            #expect(direct == Array("prefix".utf8) + CanonicalJSON.encode(.string(string)), "\(string.debugDescription)")
        }
        var generator = SystemRandomNumberGenerator()
        let integers: [Int64] = [0, 1, -1, 9, 10, -10, 99, 100, .max, .min, .max - 1, .min + 1, 9_007_199_254_740_991]
            + (0..<200).map { _ in Int64.random(in: .min ... .max, using: &generator) >> Int64.random(in: 0...62, using: &generator) }
        for integer in integers {
            var direct = Array("x".utf8)
            CanonicalJSON.encode(integer: integer, into: &direct)
            #expect(direct == Array("x".utf8) + CanonicalJSON.encode(.integer(integer)), "\(integer)")
        }
    }

    @Test("integers are written in plain decimal, including Int64's extremes")
    func integerSpelling() {
        #expect(CanonicalJSON.encode(.integer(0)) == Array("0".utf8))
        #expect(CanonicalJSON.encode(.integer(-1)) == Array("-1".utf8))
        #expect(CanonicalJSON.encode(.integer(9_007_199_254_740_991)) == Array("9007199254740991".utf8))
        // Outside the journal's limit, but the encoder must still not trap.
        #expect(CanonicalJSON.encode(.integer(.min)) == Array("-9223372036854775808".utf8))
        #expect(CanonicalJSON.encode(.integer(.max)) == Array("9223372036854775807".utf8))
    }

    @Test("a long value grows the encoder's buffer beyond its initial size")
    func longValue() throws {
        let long = String(repeating: "邵阳\u{1}\"", count: 2_000)
        let value: JSONValue = ["text": .string(long), "list": .array((0..<500).map { .integer(Int64($0)) })]
        let bytes = CanonicalJSON.encode(value)
        #expect(bytes.count > 20_000)
        #expect(try JSONParser.parseCanonical(bytes) == value)
    }

    @Test("seeded random values round-trip byte for byte", arguments: CanonicalJSONTests.randomSeeds)
    func randomRoundTrip(seed: UInt64) throws {
        print("CanonicalJSONTests.randomRoundTrip seed: \(seed)")
        var generator = SeededGenerator(seed: seed)
        for _ in 0..<300 {
            let value = RandomJSON.value(depth: 1, using: &generator)
            let bytes = CanonicalJSON.encode(value)
            let parsed = try JSONParser.parseCanonical(bytes)
            #expect(parsed == value, "seed \(seed)")
            #expect(CanonicalJSON.encode(parsed) == bytes, "seed \(seed)")
        }
    }

    // MARK: - JSONObject

    @Test("keys are ordered by UTF-8 bytes: Z < a < é < 中 < ～ < 😀")
    func keyOrder() {
        let object = JSONObject(uniqueKeysWithValues: [("😀", 1), ("中", 2), ("é", 3), ("a", 4), ("Z", 5), ("～", 6)])
        #expect(object.keys == ["Z", "a", "é", "中", "～", "😀"])
    }

    @Test("insertions and removals keep canonical order")
    func objectMutation() {
        var object = JSONObject()
        for key in ["m", "b", "z", "a", "é", "B", "中", "aa"] {
            object[key] = .string(key)
        }
        #expect(object.keys == ["B", "a", "aa", "b", "m", "z", "é", "中"])
        object["m"] = nil
        object["a"] = nil
        object["missing"] = nil
        #expect(object.keys == ["B", "aa", "b", "z", "é", "中"])
        object["b"] = .integer(2)
        #expect(object["b"] == .integer(2))
        #expect(object.count == 6)
        #expect(object["a"] == nil)
        #expect(Array(object).map(\.key) == object.keys)
        #expect(object.members.map(\.key) == object.keys)
        #expect(CanonicalJSON.encode(.object(object)) == Array(#"{"B":"B","aa":"aa","b":2,"z":"z","é":"é","中":"中"}"#.utf8))
    }

    @Test("objects are values: changing a copy leaves the original alone")
    func objectValueSemantics() {
        let original: JSONObject = ["a": 1, "b": 2]
        var copy = original
        copy["a"] = 10
        copy["c"] = 3
        #expect(original["a"] == 1)
        #expect(original.count == 2)
        #expect(copy.keys == ["a", "b", "c"])
        #expect(original != copy)
    }

    @Test("building and emptying a large object in random order keeps it sorted")
    func largeObject() {
        var generator = SeededGenerator(seed: 7)
        let keys = (0..<2_000).map { "key-\($0)" }.shuffled(using: &generator)
        var object = JSONObject()
        let empty = JSONObject()
        for (position, key) in keys.enumerated() {
            object[key] = .integer(Int64(position))
        }
        #expect(object.count == keys.count)
        #expect(object.keys == keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        #expect(empty.isEmpty && JSONObject().isEmpty)
        let snapshot = object
        for key in keys.prefix(1_500) {
            object[key] = nil
        }
        #expect(object.count == 500)
        #expect(snapshot.count == 2_000)
        #expect(object.keys == Array(keys.suffix(500)).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
    }

    @Test("changing an object taken from a parsed value leaves the value alone")
    func parsedObjectCopyOnWrite() throws {
        let value = try JSONParser.parseCanonical(Array(#"{"a":1,"b":{"c":2}}"#.utf8))
        var object = try #require(value.objectValue)
        object["a"] = 10
        object["z"] = 26
        object["b"] = nil
        #expect(CanonicalJSON.encode(value) == Array(#"{"a":1,"b":{"c":2}}"#.utf8))
        #expect(CanonicalJSON.encode(.object(object)) == Array(#"{"a":10,"z":26}"#.utf8))
    }

    @Test("keys are distinct by bytes, so NFC and NFD spellings are different keys")
    func keysCompareByBytes() {
        var object = JSONObject()
        object["\u{E9}"] = 1
        object["e\u{301}"] = 2
        #expect(object.count == 2)
        #expect(object["\u{E9}"] == 1)
        #expect(object["e\u{301}"] == 2)
        #expect(JSONValue.string("\u{E9}") != JSONValue.string("e\u{301}"))
    }

    @Test("accessors return payloads only for the matching kind")
    func accessors() {
        let value: JSONValue = ["s": "text", "i": 7, "b": true, "n": .null, "a": [1], "o": ["k": "v"]]
        #expect(value["s"]?.stringValue == "text")
        #expect(value["i"]?.integerValue == 7)
        #expect(value["b"]?.boolValue == true)
        #expect(value["n"]?.isNull == true)
        #expect(value["a"]?.arrayValue == [1])
        #expect(value["o"]?["k"] == "v")
        #expect(value["o"]?.objectValue?.keys == ["k"])
        #expect(value["s"]?.integerValue == nil)
        #expect(value["i"]?.stringValue == nil)
        #expect(value["missing"] == nil)
        #expect(JSONValue.string("x")["k"] == nil)
        #expect(value.description.hasPrefix(#"{"a":[1],"b":true"#))
    }

    // MARK: - Text normalisation

    @Test("isNFC and nfc, on both the quick path and Foundation's")
    func normalization() {
        #expect(TextNormalization.isNFC("plain ASCII"))
        #expect(TextNormalization.isNFC("邵阳县芙蓉学校教育集团〔〕，"))
        #expect(TextNormalization.isNFC("caf\u{E9}"))
        #expect(!TextNormalization.isNFC("cafe\u{301}"))
        #expect(!TextNormalization.isNFC("\u{304B}\u{3099}"))  // か + combining voiced mark composes to が
        #expect(TextNormalization.isNFC("\u{3042}\u{3099}"))  // あ has no voiced form, so nothing composes
        #expect(!TextNormalization.isNFC("中\u{0301}\u{302A}"))  // marks out of canonical order (230 before 218)
        #expect(TextNormalization.isNFC("中\u{302A}\u{0301}"))
        #expect(TextNormalization.nfc("cafe\u{301}").utf8.elementsEqual("caf\u{E9}".utf8))
        #expect(TextNormalization.nfc("\u{304B}\u{3099}").utf8.elementsEqual("\u{304C}".utf8))
        #expect(TextNormalization.nfc("中\u{0301}\u{302A}").utf8.elementsEqual("中\u{302A}\u{0301}".utf8))
        #expect(TextNormalization.nfc("邵阳") == "邵阳")
        // Compatibility characters are left alone: NFC is not NFKC.
        #expect(TextNormalization.isNFC("ＡＢＣ\u{FB01}"))
    }

    @Test("the quick-check ranges exclude the CJK tone marks U+302A–U+302F")
    func quickCheckRanges() {
        #expect(TextNormalization.isQuickNFC(0x3029))
        for scalar in UInt32(0x302A)...0x302F {
            #expect(!TextNormalization.isQuickNFC(scalar))
        }
        #expect(TextNormalization.isQuickNFC(0x3030))
        #expect(TextNormalization.isQuickNFC(0x4E00) && TextNormalization.isQuickNFC(0x9FFF))
        #expect(TextNormalization.isQuickNFC(0x3400) && TextNormalization.isQuickNFC(0x4DBF))
        #expect(TextNormalization.isQuickNFC(0xFF01) && TextNormalization.isQuickNFC(0xFF60))
        #expect(!TextNormalization.isQuickNFC(0xFF61))
        #expect(!TextNormalization.isQuickNFC(0x00E9))
    }
}

// MARK: - Fixtures

extension CanonicalJSONTests {
    /// (description, value, canonical bytes) produced by
    /// `json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")`
    /// in Python 3.11; the values and the expected text were generated together by one script.
    static let pythonPinned: [(String, JSONValue, String)] = [
        (
            "Chinese text and full-width punctuation",
            ["name": "邵阳县芙蓉学校教育集团", "document": "邵教发〔2023〕50号", "punctuation": "，。：；！？（）【】「」", "count": 3] as JSONValue,
            ##"{"count":3,"document":"邵教发〔2023〕50号","name":"邵阳县芙蓉学校教育集团","punctuation":"，。：；！？（）【】「」"}"##
        ),
        (
            "all 32 control characters",
            ["controls": "\u{0}\u{1}\u{2}\u{3}\u{4}\u{5}\u{6}\u{7}\u{8}\u{9}\u{A}\u{B}\u{C}\u{D}\u{E}\u{F}\u{10}\u{11}\u{12}\u{13}\u{14}\u{15}\u{16}\u{17}\u{18}\u{19}\u{1A}\u{1B}\u{1C}\u{1D}\u{1E}\u{1F}"] as JSONValue,
            ##"{"controls":"\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e\u000f\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f"}"##
        ),
        (
            "quote, backslash, slash, DEL, line and paragraph separators, astral characters",
            ["specials": "\"\\/\u{7F}\u{2028}\u{2029}\u{1F600}\u{20000}"] as JSONValue,
            ##"{"specials":"\"\\/\##u{7F}\##u{2028}\##u{2029}\##u{1F600}\##u{20000}"}"##
        ),
        (
            "integers at the limits",
            [0, -1, 1, 9007199254740991, -9007199254740991] as JSONValue,
            ##"[0,-1,1,9007199254740991,-9007199254740991]"##
        ),
        (
            "empty containers, literals and the empty key",
            ["": "", "a": [], "b": [:], "c": [[]], "d": .null, "e": true, "f": false] as JSONValue,
            ##"{"":"","a":[],"b":{},"c":[[]],"d":null,"e":true,"f":false}"##
        ),
        (
            "keys in code point order, not UTF-16 order",
            ["Z": 1, "a": 2, "\u{E9}": 3, "中": 4, "\u{1F600}": 5, "～": 6, "\u{FFFD}": 7, "~": 8] as JSONValue,
            ##"{"Z":1,"a":2,"~":8,"\##u{E9}":3,"中":4,"～":6,"\##u{FFFD}":7,"\##u{1F600}":5}"##
        ),
        (
            "sixteen levels of nesting",
            [[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]] as JSONValue,
            ##"[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]"##
        ),
        (
            "escapes in keys",
            ["tab\u{9}key": "line\u{A}break", "quote\"key": "back\\slash", "b\u{8}f\u{C}": "\u{1F}\u{0}"] as JSONValue,
            ##"{"b\bf\f":"\u001f\u0000","quote\"key":"back\\slash","tab\tkey":"line\nbreak"}"##
        ),
        (
            "a journal event",
            ["actor": ["id": "clerk7", "onBehalfOf": "sy-edu", "role": "BureauClerk"], "authority": ["document": "邵教发〔2023〕50号"], "batch": ["count": 3, "first": 12], "data": ["groupId": "sy-g1", "membershipId": "m-sy-g1-sy-m05", "role": "member", "schoolId": "sy-m05"], "effective": "2024-09-01", "seq": 14, "type": "SchoolJoinedGroup", "v": 1] as JSONValue,
            ##"{"actor":{"id":"clerk7","onBehalfOf":"sy-edu","role":"BureauClerk"},"authority":{"document":"邵教发〔2023〕50号"},"batch":{"count":3,"first":12},"data":{"groupId":"sy-g1","membershipId":"m-sy-g1-sy-m05","role":"member","schoolId":"sy-m05"},"effective":"2024-09-01","seq":14,"type":"SchoolJoinedGroup","v":1}"##
        ),
        (
            "a top-level string",
            "plain" as JSONValue,
            ##""plain""##
        ),
        (
            "a top-level integer",
            -42 as JSONValue,
            ##"-42"##
        ),
        (
            "top-level null",
            .null as JSONValue,
            ##"null"##
        ),
    ]

    /// Fixed seeds, plus one fresh seed per run; every seed is printed, so a failure can be replayed.
    static let randomSeeds: [UInt64] = {
        var system = SystemRandomNumberGenerator()
        return [1, 0x5EED, 20_240_901, system.next() >> 16]
    }()

    static let handWritten: [JSONValue] = [
        "邵阳县芙蓉学校教育集团",
        ["document": "邵教发〔2023〕50号", "punctuation": "，。：；！？（）【】"],
        .string(String((0..<32).map { Character(UnicodeScalar(UInt8($0))) })),
        "\"\\/\u{7F}\u{2028}\u{2029}😀𠀀",
        ["tab\tkey": "line\nbreak", "": ""],
        [.integer(9_007_199_254_740_991), .integer(-9_007_199_254_740_991), 0, -1, 1],
        [],
        [:],
        "",
        [[], [:], [[]], ["": [:]]],
        CanonicalJSONTests.nested(depth: 16),
        CanonicalJSONTests.nestedObjects(depth: 16),
        true, false, .null,
    ]

    /// Arrays nested `depth` deep around a 1.
    static func nested(depth: Int) -> JSONValue {
        var value: JSONValue = 1
        for _ in 0..<depth {
            value = [value]
        }
        return value
    }

    /// Objects nested `depth` deep, each under the key "k".
    static func nestedObjects(depth: Int) -> JSONValue {
        var value: JSONValue = "leaf"
        for _ in 0..<depth {
            value = ["k": value]
        }
        return value
    }
}

// Shared with JSONParserTests; nested so they cannot collide with other test files' helpers.
extension CanonicalJSONTests {
    /// SplitMix64: small, fast, and the same sequence on every platform for a given seed.
    struct SeededGenerator: RandomNumberGenerator {
        private var state: UInt64

        init(seed: UInt64) {
            state = seed
        }

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var mixed = state
            mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
            mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
            return mixed ^ (mixed >> 31)
        }
    }

    /// Random canonical values: NFC strings drawn from characters that stress the encoder, integers
    /// near the limits, and nesting up to the journal's depth limit.
    enum RandomJSON {
        /// No combining marks, so any concatenation stays in NFC.
        static let pieces: [String] = (0..<32).map { String(UnicodeScalar(UInt8($0))) } + [
            "a", "Z", "0", " ", "\"", "\\", "/", "~", "\u{7F}", "\u{80}", "é", "ß", "中", "邵", "〔", "〕", "，",
            "\u{2028}", "\u{2029}", "\u{FFFD}", "～", "😀", "𠀀", "key", "学校", "sy-m05",
        ]

        static func string(using generator: inout SeededGenerator) -> String {
            let length = Int.random(in: 0...10, using: &generator)
            return (0..<length).map { _ in pieces.randomElement(using: &generator) ?? "" }.joined()
        }

        static func integer(using generator: inout SeededGenerator) -> Int64 {
            let limit: Int64 = 9_007_199_254_740_991
            switch Int.random(in: 0..<4, using: &generator) {
            case 0: return Int64.random(in: -limit...limit, using: &generator)
            case 1: return [0, -1, 1, limit, -limit, limit - 1, -limit + 1].randomElement(using: &generator) ?? 0
            default: return Int64.random(in: -1000...1000, using: &generator)
            }
        }

        static func value(depth: Int, using generator: inout SeededGenerator) -> JSONValue {
            let containerAllowed = depth <= JSONLimits.journal.maxDepth
            switch Int.random(in: 0..<(containerAllowed ? 8 : 5), using: &generator) {
            case 0: return .null
            case 1: return .bool(Bool.random(using: &generator))
            case 2: return .integer(integer(using: &generator))
            case 3, 4: return .string(string(using: &generator))
            case 5: return .array((0..<Int.random(in: 0...4, using: &generator)).map { _ in value(depth: depth + 1, using: &generator) })
            default:
                var object = JSONObject()
                for _ in 0..<Int.random(in: 0...5, using: &generator) {
                    object[string(using: &generator)] = value(depth: depth + 1, using: &generator)
                }
                return .object(object)
            }
        }
    }
}
