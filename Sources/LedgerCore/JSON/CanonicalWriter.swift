/// The canonical encoder's output buffer.
///
/// Writing through a raw pointer into storage reserved up front avoids the capacity and
/// uniqueness checks `Array.append` makes for every byte; the bytes are copied into an array
/// once at the end.
struct CanonicalWriter: ~Copyable {
    private var storage: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var count = 0
    /// False while `storage` is the caller's temporary (stack) memory, which must not be freed here.
    private var ownsStorage = false

    init(initialStorage: UnsafeMutableBufferPointer<UInt8>) {
        if let base = initialStorage.baseAddress, initialStorage.count > 0 {
            storage = base
            capacity = initialStorage.count
        } else {
            capacity = 256
            storage = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
            ownsStorage = true
        }
    }

    deinit {
        if ownsStorage {
            storage.deallocate()
        }
    }

    /// The bytes written so far, as a new array.
    func makeArray() -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: count) { target, initializedCount in
            if let targetBase = target.baseAddress {
                targetBase.initialize(from: storage, count: count)
            }
            initializedCount = count
        }
    }

    /// Appends the bytes written so far to `buffer`.
    func append(to buffer: inout [UInt8]) {
        buffer.append(contentsOf: UnsafeBufferPointer(start: storage, count: count))
    }

    mutating func write(_ value: JSONValue) {
        switch value {
        case .null:
            writeASCII("null")
        case .bool(let bool):
            writeASCII(bool ? "true" : "false")
        case .integer(let integer):
            write(integer: integer)
        case .string(let string):
            write(string: string)
        case .array(let elements):
            reserve(2)
            appendReserved(UInt8(ascii: "["))
            var isFirst = true
            for element in elements {
                if !isFirst {
                    reserve(1)
                    appendReserved(UInt8(ascii: ","))
                }
                isFirst = false
                write(element)
            }
            reserve(1)
            appendReserved(UInt8(ascii: "]"))
        case .object(let object):
            reserve(1)
            appendReserved(UInt8(ascii: "{"))
            object.storage.withMembers { members in
                for index in 0..<members.count {
                    if index > 0 {
                        reserve(1)
                        appendReserved(UInt8(ascii: ","))
                    }
                    write(string: members[index].key)
                    reserve(1)
                    appendReserved(UInt8(ascii: ":"))
                    write(members[index].value)
                }
            }
            reserve(1)
            appendReserved(UInt8(ascii: "}"))
        }
    }

    /// A quoted string with Python's escapes: the short forms JSON has, `\u00xx` in lowercase for
    /// the other control characters, and every other character as raw UTF-8.
    mutating func write(string: String) {
        // Native strings expose their bytes directly; only a string without contiguous UTF-8 needs a copy.
        let written: Void? = string.utf8.withContiguousStorageIfAvailable { bytes in
            write(utf8: bytes)
        }
        if written == nil {
            var copy = string
            copy.withUTF8 { bytes in
                write(utf8: bytes)
            }
        }
    }

    private mutating func write(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        // Worst case: every byte becomes a six-byte `\u00xx` escape, plus the quotes.
        reserve(bytes.count &* 6 &+ 2)
        // A local cursor: stores through `storage` could alias `self.count`, which would
        // otherwise force a reload and store of `count` for every byte.
        var output = storage + count
        output.pointee = UInt8(ascii: "\"")
        output += 1
        if let input = bytes.baseAddress {
            let length = bytes.count
            var index = 0
            while index < length {
                let runStart = index
                index = CanonicalWriter.endOfPlainRun(input, from: index, length: length)
                if index > runStart {
                    output.initialize(from: input + runStart, count: index &- runStart)
                    output += index &- runStart
                }
                if index < length {
                    output = CanonicalWriter.writeEscape(for: input[index], at: output)
                    index &+= 1
                }
            }
        }
        output.pointee = UInt8(ascii: "\"")
        output += 1
        count = output - storage
    }

    /// The offset of the first byte from `start` on that must be escaped (a control character,
    /// `"` or `\`), or `length`. Eight bytes at a time; each test flags a matching byte exactly
    /// at the lowest flagged position, which is the only one used.
    @inline(__always)
    static func endOfPlainRun(_ input: UnsafePointer<UInt8>, from start: Int, length: Int) -> Int {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highBits: UInt64 = 0x8080_8080_8080_8080
        var index = start
        while index &+ 8 <= length {
            let word = UInt64(littleEndian: UnsafeRawPointer(input + index).loadUnaligned(as: UInt64.self))
            let quotes = word ^ (ones &* 0x22)
            let backslashes = word ^ (ones &* 0x5C)
            let controls = (word &- ones &* 0x20) & ~word
            let zeroQuote = (quotes &- ones) & ~quotes
            let zeroBackslash = (backslashes &- ones) & ~backslashes
            let flags = (controls | zeroQuote | zeroBackslash) & highBits
            if flags != 0 {
                return index &+ flags.trailingZeroBitCount >> 3
            }
            index &+= 8
        }
        while index < length {
            let byte = input[index]
            if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                return index
            }
            index &+= 1
        }
        return index
    }

    /// Writes the escape for `byte` at `output` and returns the position after it.
    private static func writeEscape(for byte: UInt8, at output: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        output[0] = UInt8(ascii: "\\")
        let short: UInt8
        switch byte {
        case UInt8(ascii: "\""): short = UInt8(ascii: "\"")
        case UInt8(ascii: "\\"): short = UInt8(ascii: "\\")
        case 0x08: short = UInt8(ascii: "b")
        case 0x0C: short = UInt8(ascii: "f")
        case 0x0A: short = UInt8(ascii: "n")
        case 0x0D: short = UInt8(ascii: "r")
        case 0x09: short = UInt8(ascii: "t")
        default:
            output[1] = UInt8(ascii: "u")
            output[2] = UInt8(ascii: "0")
            output[3] = UInt8(ascii: "0")
            output[4] = lowercaseHexadecimalDigit(byte >> 4)
            output[5] = lowercaseHexadecimalDigit(byte & 0x0F)
            return output + 6
        }
        output[1] = short
        return output + 2
    }

    /// Decimal digits; `magnitude` keeps `Int64.min` from overflowing.
    mutating func write(integer: Int64) {
        reserve(20)
        if integer < 0 {
            appendReserved(UInt8(ascii: "-"))
        }
        var remaining = integer.magnitude
        var digitCount = 0
        var probe = remaining
        repeat {
            digitCount &+= 1
            probe /= 10
        } while probe > 0
        var index = count &+ digitCount
        count = index
        repeat {
            index &-= 1
            storage[index] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: remaining % 10)
            remaining /= 10
        } while remaining > 0
    }

    private static func lowercaseHexadecimalDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") &+ nibble : UInt8(ascii: "a") &+ nibble &- 10
    }

    private mutating func writeASCII(_ text: StaticString) {
        reserve(text.utf8CodeUnitCount)
        (storage + count).initialize(from: text.utf8Start, count: text.utf8CodeUnitCount)
        count &+= text.utf8CodeUnitCount
    }

    /// Stores a byte into space `reserve` has guaranteed.
    @inline(__always)
    private mutating func appendReserved(_ byte: UInt8) {
        storage[count] = byte
        count &+= 1
    }

    @inline(__always)
    private mutating func reserve(_ extra: Int) {
        if capacity &- count < extra {
            grow(toHold: count &+ extra)
        }
    }

    private mutating func grow(toHold required: Int) {
        var newCapacity = capacity &* 2
        while newCapacity < required {
            newCapacity &*= 2
        }
        let newStorage = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newStorage.initialize(from: storage, count: count)
        if ownsStorage {
            storage.deallocate()
        }
        storage = newStorage
        capacity = newCapacity
        ownsStorage = true
    }
}
