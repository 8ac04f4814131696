/// The members of a canonical JSON object located in its bytes, each value built only when it
/// is asked for: how a replay reads a payload without first building the whole JSON tree.
///
/// Only for bytes that `JSONParser.checkedCanonicalPrefix` accepted as one object: their
/// strings hold no escapes and are NFC, their keys are sorted and unique, so locating needs no
/// checks and a value built here equals what the parser builds from the same bytes. The bytes
/// are borrowed: a `CanonicalMembers` must not outlive the buffer it was made from, which is
/// why only `withMembers(ofChecked:_:)` makes one.
struct CanonicalMembers {
    /// Where one member's key and value lie, as offsets into the object's bytes.
    private struct Member {
        var keyStart: Int32
        var keyCount: Int32
        var valueStart: Int32
        var valueCount: Int32
    }

    private let base: UnsafePointer<UInt8>
    /// The members, in memory `withMembers` lends for the call: an array here cost an
    /// allocation per payload, and a retain and release each time a reader looked at it.
    private let members: UnsafeMutablePointer<Member>
    /// The number of members.
    let count: Int
    /// The limits the bytes were checked under, for the nested values parsed on demand.
    private let limits: JSONLimits

    /// Calls `body` with the members of the object `bytes` holds, checked to be canonical by
    /// `JSONParser.checkedCanonicalPrefix(_:limits:)` under `limits`.
    static func withMembers<Result, Failure: Error>(ofChecked bytes: UnsafeRawBufferPointer, limits: JSONLimits,
                                                    _ body: (CanonicalMembers) throws(Failure) -> Result) throws(Failure) -> Result {
        precondition(bytes.count >= 2 && bytes.count <= Int(Int32.max), "a checked object is at least {}")
        // A member with its separator takes at least 5 bytes (`"":0,`), after the `{`.
        let capacity = (bytes.count - 1) / 5
        return try withUnsafeTemporaryAllocation(of: Member.self, capacity: max(1, capacity)) { (buffer) throws(Failure) -> Result in
            try body(CanonicalMembers(bytes, limits: limits, storage: buffer))
        }
    }

    private init(_ bytes: UnsafeRawBufferPointer, limits: JSONLimits, storage: UnsafeMutableBufferPointer<Member>) {
        base = bytes.baseAddress!.assumingMemoryBound(to: UInt8.self)
        self.limits = limits
        members = storage.baseAddress!
        count = Self.locateMembers(of: base, into: storage)
    }

    /// Writes where each member of the object at `base` lies into `storage`; returns how many.
    private static func locateMembers(of base: UnsafePointer<UInt8>, into storage: UnsafeMutableBufferPointer<Member>) -> Int {
        var position = 1
        var count = 0
        guard base[position] != UInt8(ascii: "}") else { return 0 }
        while true {
            // At a key's opening quote; checked strings hold no escapes, so the next quote ends it.
            let keyStart = position + 1
            let keyEnd = Self.closingQuote(base, after: keyStart)
            let valueStart = keyEnd + 2
            let valueEnd = Self.valueEnd(base, at: valueStart)
            precondition(count < storage.count, "a checked object has at most one member per 5 bytes")
            (storage.baseAddress! + count).initialize(to: Member(keyStart: Int32(keyStart), keyCount: Int32(keyEnd - keyStart),
                                                    valueStart: Int32(valueStart), valueCount: Int32(valueEnd - valueStart)))
            count += 1
            position = valueEnd + 1
            if base[valueEnd] == UInt8(ascii: "}") { return count }
        }
    }

    /// The key of the member at `index` (0-based, canonical order).
    func key(at index: Int) -> String {
        let member = members[index]
        return String(decoding: UnsafeBufferPointer(start: base + Int(member.keyStart), count: Int(member.keyCount)), as: UTF8.self)
    }

    /// The index and value of the member named `key`, or nil when there is none.
    func indexedValue(forKey key: String) -> (index: Int, value: JSONValue)? {
        guard let found = index(forKey: key) else { return nil }
        return (found, value(at: found))
    }

    /// The index of the member named `key`, or nil when there is none; its value is not built.
    func index(forKey key: String) -> Int? {
        let find = { (wanted: UnsafeBufferPointer<UInt8>) -> Int? in
            for index in 0..<count where Int(members[index].keyCount) == wanted.count
                && ShortByteComparison.equal(base + Int(members[index].keyStart), wanted.baseAddress!, count: wanted.count) {
                return index
            }
            return nil
        }
        // The keys are literals, whose bytes are read in place; `withUTF8` needs a copy of the
        // string (a retain and a release per member a payload reads).
        if let found = key.utf8.withContiguousStorageIfAvailable(find) { return found }
        var copy = key
        return copy.withUTF8(find)
    }

    /// The index of the member named `key` and its value's bytes as written (a string's with
    /// its quotes), or nil when there is none; nothing is built.
    func located(forKey key: String) -> (index: Int, value: UnsafeRawBufferPointer)? {
        guard let found = index(forKey: key) else { return nil }
        let member = members[found]
        return (found, UnsafeRawBufferPointer(start: base + Int(member.valueStart), count: Int(member.valueCount)))
    }

    /// The largest integer magnitude the bytes were checked under.
    var integerMagnitudeLimit: Int64 { limits.maxIntegerMagnitude }

    /// The value of the member at `index`, built now.
    private func value(at index: Int) -> JSONValue {
        let member = members[index]
        let start = base + Int(member.valueStart)
        let count = Int(member.valueCount)
        switch start[0] {
        case UInt8(ascii: "\""):
            return .string(String(decoding: UnsafeBufferPointer(start: start + 1, count: count - 2), as: UTF8.self))
        case UInt8(ascii: "t"):
            return .bool(true)
        case UInt8(ascii: "f"):
            return .bool(false)
        case UInt8(ascii: "n"):
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let bytes = UnsafeRawBufferPointer(start: start, count: count)
            guard let (number, end) = JSONParser.canonicalInteger(in: bytes, at: 0, maxMagnitude: limits.maxIntegerMagnitude), end == count else {
                preconditionFailure("a checked canonical integer did not parse")
            }
            return .integer(number)
        default:
            // Nested containers are rarer: the parser builds them from their bytes, one level
            // deeper than the object (the checked bytes are within that depth).
            let bytes = UnsafeRawBufferPointer(start: start, count: count)
            let nested = JSONLimits(maxDepth: limits.maxDepth - 1, maxIntegerMagnitude: limits.maxIntegerMagnitude)
            guard let (value, byteCount) = try? JSONParser.parseCanonicalPrefix(bytes, limits: nested), byteCount == count else {
                preconditionFailure("checked canonical bytes did not parse")
            }
            return value
        }
    }

    /// The offset of the quote that closes the string whose content starts at `start`.
    private static func closingQuote(_ base: UnsafePointer<UInt8>, after start: Int) -> Int {
        var index = start
        while base[index] != UInt8(ascii: "\"") { index += 1 }
        return index
    }

    /// The offset just past the value starting at `start` (at the `,` or `}` that follows it).
    private static func valueEnd(_ base: UnsafePointer<UInt8>, at start: Int) -> Int {
        switch base[start] {
        case UInt8(ascii: "\""):
            return closingQuote(base, after: start + 1) + 1
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            // Brackets inside strings do not count; checked strings hold no escaped quotes.
            var depth = 0
            var index = start
            var inString = false
            while true {
                let byte = base[index]
                if inString {
                    if byte == UInt8(ascii: "\"") { inString = false }
                } else if byte == UInt8(ascii: "\"") {
                    inString = true
                } else if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") {
                    depth += 1
                } else if byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") {
                    depth -= 1
                    if depth == 0 { return index + 1 }
                }
                index += 1
            }
        default:
            // A number or a literal: up to the separator.
            var index = start
            while base[index] != UInt8(ascii: ","), base[index] != UInt8(ascii: "}") { index += 1 }
            return index
        }
    }
}
