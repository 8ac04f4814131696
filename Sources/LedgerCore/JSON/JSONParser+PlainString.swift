extension JSONParser {
    /// The String whose canonical JSON form is `bytes` between quotes with no escapes, or nil
    /// when the bytes need escaping (a quote, a backslash, a control byte), are not valid
    /// UTF-8, or are not in NFC. Short strings come from the calling thread's string cache, so
    /// a value repeated on every line (an event type, a document number) is built once.
    public static func plainString(_ bytes: UnsafeRawBufferPointer) -> String? {
        guard let raw = bytes.baseAddress else { return "" }
        let start = raw.assumingMemoryBound(to: UInt8.self)
        let count = bytes.count
        let end = start + count
        let table: InternTable? = count <= InternTable.maximumLength ? InternTable.current : nil
        if let table, let cached = table.cachedString(at: start, count: count, end: end) { return cached }
        var ascii = true
        for byte in bytes {
            if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return nil }
            if byte >= 0x80 { ascii = false }
        }
        if !ascii {
            guard let text = String(validating: bytes, as: UTF8.self), TextNormalization.isNFC(text) else { return nil }
            if let table { return table.string(at: start, count: count, end: end) }
            return text
        }
        if let table { return table.string(at: start, count: count, end: end) }
        return String(decoding: bytes, as: UTF8.self)
    }
}
