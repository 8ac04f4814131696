/// A byte string to find in large buffers (Boyer–Moore–Horspool): the search skips up to the
/// pattern's length per step, so finding the few corrections in a journal reads a fraction of
/// its bytes. (Glibc's `memmem` is a GNU extension Swift does not import.)
struct BytePattern {
    let bytes: [UInt8]
    /// How far the window may move when its last byte is a given byte.
    private let skip: [Int]

    init(_ bytes: [UInt8]) {
        precondition(!bytes.isEmpty, "an empty pattern")
        self.bytes = bytes
        var skip = [Int](repeating: bytes.count, count: 256)
        for index in 0..<(bytes.count - 1) { skip[Int(bytes[index])] = bytes.count - 1 - index }
        self.skip = skip
    }

    /// The offset of the first occurrence in `haystack` at or after `start`, or nil.
    func firstOffset(in haystack: UnsafeRawBufferPointer, from start: Int = 0) -> Int? {
        let count = bytes.count
        guard haystack.count >= count else { return nil }
        let last = count - 1
        let lastByte = bytes[last]
        return bytes.withUnsafeBufferPointer { pattern in
            skip.withUnsafeBufferPointer { skip in
                var position = start
                while position + count <= haystack.count {
                    let byte = haystack[position + last]
                    if byte == lastByte {
                        var matched = last - 1
                        while matched >= 0, haystack[position + matched] == pattern[matched] { matched -= 1 }
                        if matched < 0 { return position }
                    }
                    position += skip[Int(byte)]
                }
                return nil
            }
        }
    }
}
