/// Escaping of text for an output format whose special characters are all ASCII (Markdown
/// cells, CSV cells, HTML), done on the UTF-8 bytes in one pass.
///
/// Why bytes rather than `Character`s or `replacingOccurrences`: UTF-8 never uses an ASCII
/// byte inside a multi-byte character, so each ASCII byte is a character of its own and the
/// rest can be copied as written. Walking `Character`s pays for grapheme breaking, and would
/// miss a `<` followed by a combining mark (one `Character`, still markup to a browser);
/// a chain of `replacingOccurrences` copies the text once per pattern through `NSString`,
/// which was a fifth of `report annual --format md` at 1M events.
enum ASCIIEscaping {
    /// What to do with one byte.
    enum Rewrite {
        /// Copy the byte as written.
        case keep
        /// Write this instead of the byte.
        case replace(StaticString)
    }

    /// `text` with each byte rewritten as `rewrite` says, given the byte and the one after it
    /// (0 at the end); `text` itself, uncopied, when every byte is kept.
    static func escaped(_ text: String, _ rewrite: (_ byte: UInt8, _ next: UInt8) -> Rewrite) -> String {
        var utf8 = text
        let rewritten = utf8.withUTF8 { bytes -> String? in
            var copiedUpTo = 0
            var output: [UInt8] = []
            for index in bytes.indices {
                let next = index + 1 < bytes.count ? bytes[index + 1] : 0
                guard case .replace(let replacement) = rewrite(bytes[index], next) else { continue }
                if output.isEmpty { output.reserveCapacity(bytes.count + 16) }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copiedUpTo..<index]))
                replacement.withUTF8Buffer { output.append(contentsOf: $0) }
                copiedUpTo = index + 1
            }
            guard copiedUpTo > 0 else { return nil }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copiedUpTo...]))
            return String(decoding: output, as: UTF8.self)
        }
        return rewritten ?? text
    }
}
