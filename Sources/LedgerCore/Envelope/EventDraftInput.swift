/// Turns append input (JSON Lines of events without `seq`, `recorded`, `batch` or `prev`)
/// into validated drafts, naming the line, byte and field of the first problem.
public enum EventDraftInput {
    /// The longest input line, in bytes. Input may carry whitespace and escapes the journal's
    /// canonical form drops, so it is allowed more than a journal line.
    public static let maxLineBytes = 1_048_576

    /// What input may not set, and why.
    static let refusedKeys: [String: String] = [
        "seq": "is assigned by the ledger when appending; remove it from the input",
        "recorded": "is set by the ledger's clock when appending; remove it from the input",
        "prev": "is computed by the ledger when appending; remove it from the input",
        "batch": "is assigned by the ledger when appending; remove it from the input",
    ]

    /// Parses every non-blank line of `bytes` as one event.
    /// - Throws: `InputLineError` for the first bad line; nothing is returned in part.
    public static func drafts(from bytes: [UInt8]) throws(InputLineError) -> [EventDraft] {
        var drafts: [EventDraft] = []
        var lineStart = 0
        var lineNumber: Int64 = 1
        while lineStart < bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count && bytes[lineEnd] != 0x0A { lineEnd += 1 }
            var contentEnd = lineEnd
            if contentEnd > lineStart && bytes[contentEnd - 1] == 0x0D { contentEnd -= 1 }  // tolerate CRLF input
            if let draft = try draft(bytes, lineStart..<contentEnd, lineNumber: lineNumber) { drafts.append(draft) }
            lineStart = lineEnd + 1
            lineNumber += 1
        }
        return drafts
    }

    private static func draft(_ bytes: [UInt8], _ range: Range<Int>, lineNumber: Int64) throws(InputLineError) -> EventDraft? {
        let offset = Int64(range.lowerBound)
        if bytes[range].allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return nil }  // blank lines separate nothing; skip them
        guard range.count <= maxLineBytes else {
            throw InputLineError(lineNumber: lineNumber, byteOffset: offset, field: nil,
                                 message: "line is \(range.count) bytes, over the input limit of \(maxLineBytes)")
        }
        let value: JSONValue
        do {
            value = try bytes.withUnsafeBytes { buffer in
                try JSONParser.parseInput(UnsafeRawBufferPointer(rebasing: buffer[range]), limits: .journal)
            }
        } catch let error as JSONParseError {
            throw InputLineError(lineNumber: lineNumber, byteOffset: offset + Int64(error.byteOffset),
                                 field: error.path.isEmpty ? nil : error.path, message: error.message)
        } catch {
            throw InputLineError(lineNumber: lineNumber, byteOffset: offset, field: nil, message: "\(error)")
        }
        guard let object = value.objectValue else {
            throw InputLineError(lineNumber: lineNumber, byteOffset: offset, field: nil,
                                 message: "expected one event as a JSON object, found \(EventDraft.kindName(value))")
        }
        do {
            return try EventDraft(fields: object, refusedKeys: refusedKeys)
        } catch {
            throw InputLineError(lineNumber: lineNumber, byteOffset: offset, field: error.field, message: error.message)
        }
    }
}

/// A bad line of append input.
public struct InputLineError: Error, Equatable, Sendable {
    /// The 1-based line number in the input.
    public var lineNumber: Int64
    /// The 0-based byte offset in the input.
    public var byteOffset: Int64
    /// The field, when known.
    public var field: String?
    /// Expected against found.
    public var message: String
}
