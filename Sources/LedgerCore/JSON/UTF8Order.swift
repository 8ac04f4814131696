/// Byte-wise comparison of strings.
///
/// Swift's `<` and `==` on String follow canonical equivalence, but the journal's contract is
/// about bytes: keys sort by their UTF-8 bytes (as Python's `sort_keys` does by code point) and
/// two strings are the same only when their bytes are.
enum UTF8Order {
    /// Negative, zero or positive as `left` sorts before, equal to, or after `right`.
    static func compare(_ left: String, _ right: String) -> Int {
        let contiguous = left.utf8.withContiguousStorageIfAvailable { leftBytes in
            right.utf8.withContiguousStorageIfAvailable { rightBytes in
                compare(leftBytes, rightBytes)
            }
        }
        if let outer = contiguous, let result = outer {
            return result
        }
        return compare(Array(left.utf8), Array(right.utf8))
    }

    /// True when both strings have identical UTF-8 bytes.
    static func equal(_ left: String, _ right: String) -> Bool {
        left.utf8.count == right.utf8.count && compare(left, right) == 0
    }

    /// Lexicographic comparison of two byte buffers; a proper prefix sorts first.
    @inline(__always)
    static func compare(_ left: UnsafeBufferPointer<UInt8>, _ right: UnsafeBufferPointer<UInt8>) -> Int {
        let shared = min(left.count, right.count)
        var index = 0
        while index < shared {
            let leftByte = left[index]
            let rightByte = right[index]
            if leftByte != rightByte {
                return Int(leftByte) - Int(rightByte)
            }
            index += 1
        }
        return left.count - right.count
    }

    private static func compare(_ left: [UInt8], _ right: [UInt8]) -> Int {
        left.withUnsafeBufferPointer { leftBytes in
            right.withUnsafeBufferPointer { rightBytes in
                compare(leftBytes, rightBytes)
            }
        }
    }
}
