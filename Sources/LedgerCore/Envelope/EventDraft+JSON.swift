/// Reading and writing the envelope fields of a draft as JSON members.
///
/// The same code reads a caller's input line and a journal line, so the two cannot drift apart;
/// the journal passes the ledger-assigned keys it handles itself in `ledgerKeys`.
extension EventDraft {
    /// The member keys a draft owns, in canonical order.
    public static let draftKeys = ["actor", "authority", "data", "effective", "type", "v"]

    /// Decodes and validates the draft members of `object`.
    ///
    /// - Parameter ledgerKeys: keys the caller handles itself (the journal's `seq`, `prev` …).
    ///   Any other key not in `draftKeys` is refused.
    /// - Parameter refusedKeys: keys that are refused with a specific reason (input may not set
    ///   what the ledger assigns).
    /// - Throws: `EnvelopeError` naming the first bad field.
    public init(fields object: JSONObject, ledgerKeys: [String] = [], refusedKeys: [String: String] = [:]) throws(EnvelopeError) {
        // One pass over the members (they are in canonical order); no keyed lookups.
        var type: String?
        var version: Int64?
        var effective: PartialDate?
        var actor: Actor?
        var authority: Authority?
        var data: JSONObject?
        for (key, value) in object {
            switch key {
            case "actor": actor = try Self.decodeActor(value)
            case "authority": authority = try Self.decodeAuthority(value)
            case "data":
                guard let object = value.objectValue else {
                    throw EnvelopeError(field: "data", "expected an object, found \(Self.kindName(value))")
                }
                data = object
            case "effective":
                guard let text = value.stringValue else { throw EnvelopeError(field: key, "expected a string, found \(Self.kindName(value))") }
                do { effective = try PartialDate(parsing: text) } catch { throw EnvelopeError(field: "effective", error.message) }
            case "type":
                guard let text = value.stringValue else { throw EnvelopeError(field: key, "expected a string, found \(Self.kindName(value))") }
                type = text
            case "v":
                guard let integer = value.integerValue else {
                    throw EnvelopeError(field: "v", "expected an integer schema version, found \(Self.kindName(value))")
                }
                version = integer
            default:
                if ledgerKeys.contains(key) { continue }
                if let reason = refusedKeys[key] { throw EnvelopeError(field: key, reason) }
                throw EnvelopeError(field: key, "unknown field; expected \(Self.draftKeys.joined(separator: ", "))")
            }
        }
        guard let type else { throw EnvelopeError(field: "type", "missing") }
        guard let version else { throw EnvelopeError(field: "v", "missing") }
        guard let effective else { throw EnvelopeError(field: "effective", "missing") }
        guard let actor else { throw EnvelopeError(field: "actor", "missing") }
        guard let data else { throw EnvelopeError(field: "data", "missing") }
        self.init(type: type, version: version, effective: effective, actor: actor, authority: authority, data: data)
        try validate()
    }

    /// Checks the envelope rules that do not depend on the type's payload schema.
    /// - Throws: `EnvelopeError` naming the first bad field.
    public func validate() throws(EnvelopeError) {
        try Self.validateEnvelope(type: type, version: version, actor: actor, authority: authority)
    }

    /// Checks an envelope's parts as `validate()` checks a draft's, for a decoder that reads
    /// them without building a draft (a replay's, which builds no `data` object either).
    public static func validateEnvelope(type: String, version: Int64, actor: Actor, authority: Authority?) throws(EnvelopeError) {
        try validateType(type)
        try validateVersion(version)
        try validateActor(actor)
        if let authority { try validateAuthority(authority) }
    }

    /// Checks a type name as `validateEnvelope` does.
    /// - Throws: `EnvelopeError` for the field `type`.
    public static func validateType(_ type: String) throws(EnvelopeError) {
        var typeText = type
        let typeIsValid = typeText.withUTF8 { bytes in
            guard let first = bytes.first, first >= UInt8(ascii: "A"), first <= UInt8(ascii: "Z"),
                  bytes.count <= EnvelopeLimits.maxTypeBytes else { return false }
            return bytes.allSatisfy { Self.isASCIIAlphanumeric($0) }
        }
        guard typeIsValid else {
            throw EnvelopeError(field: "type", "expected an UpperCamelCase name of 1–\(EnvelopeLimits.maxTypeBytes) ASCII letters and digits, found \"\(type)\"")
        }
    }

    /// Checks a schema version as `validateEnvelope` does.
    /// - Throws: `EnvelopeError` for the field `v`.
    public static func validateVersion(_ version: Int64) throws(EnvelopeError) {
        guard EnvelopeLimits.versions.contains(version) else {
            throw EnvelopeError(field: "v", "schema version \(version) is outside \(EnvelopeLimits.versions.lowerBound)–\(EnvelopeLimits.versions.upperBound)")
        }
    }

    /// Checks an actor as `validateEnvelope` does. Separate so that a decoder which has already
    /// checked these very bytes (a replay's memo of actors) need not check them again.
    /// - Throws: `EnvelopeError` naming the first bad field.
    public static func validateActor(_ actor: Actor) throws(EnvelopeError) {
        try Self.checkIdentifier(actor.id, field: "actor.id")
        if let role = actor.role { try Self.checkIdentifier(role, field: "actor.role") }
        if let onBehalfOf = actor.onBehalfOf { try Self.checkIdentifier(onBehalfOf, field: "actor.onBehalfOf") }
    }

    /// Checks an authority as `validateEnvelope` does.
    /// - Throws: `EnvelopeError` naming the first bad field.
    public static func validateAuthority(_ authority: Authority) throws(EnvelopeError) {
        guard authority.document != nil || authority.approval != nil else {
            throw EnvelopeError(field: "authority", "expected a document, an approval or both")
        }
        if let document = authority.document { try Self.checkText(document, field: "authority.document") }
        if let approval = authority.approval { try Self.checkIdentifier(approval, field: "authority.approval") }
        if let clause = authority.clause { try Self.checkText(clause, field: "authority.clause") }
    }

    /// The draft's members, in canonical key order, ready to be merged with the ledger's.
    public func jsonMembers() -> [(String, JSONValue)] {
        var actorMembers: [(String, JSONValue)] = [("id", .string(actor.id))]
        if let role = actor.role { actorMembers.append(("role", .string(role))) }
        if let onBehalfOf = actor.onBehalfOf { actorMembers.append(("onBehalfOf", .string(onBehalfOf))) }
        var members: [(String, JSONValue)] = [("actor", .object(JSONObject(uniqueKeysWithValues: actorMembers)))]
        if let authority {
            var authorityMembers: [(String, JSONValue)] = []
            if let document = authority.document { authorityMembers.append(("document", .string(document))) }
            if let approval = authority.approval { authorityMembers.append(("approval", .string(approval))) }
            if let clause = authority.clause { authorityMembers.append(("clause", .string(clause))) }
            members.append(("authority", .object(JSONObject(uniqueKeysWithValues: authorityMembers))))
        }
        members.append(("data", .object(data)))
        members.append(("effective", .string(effective.description)))
        members.append(("type", .string(type)))
        members.append(("v", .integer(version)))
        return members
    }

    private static func decodeActor(_ value: JSONValue) throws(EnvelopeError) -> Actor {
        guard let object = value.objectValue else {
            throw EnvelopeError(field: "actor", "expected an object {\"id\", \"role\", \"onBehalfOf\"}, found \(kindName(value))")
        }
        var actor = Actor(id: "")
        var hasIdentifier = false
        for (key, member) in object {
            let text = try memberString(member, key, prefix: "actor")
            switch key {
            case "id":
                actor.id = text
                hasIdentifier = true
            case "onBehalfOf": actor.onBehalfOf = text
            case "role": actor.role = text
            default: throw EnvelopeError(field: "actor.\(key)", "unknown field; expected id, onBehalfOf, role")
            }
        }
        guard hasIdentifier else { throw EnvelopeError(field: "actor.id", "missing") }
        return actor
    }

    private static func decodeAuthority(_ value: JSONValue) throws(EnvelopeError) -> Authority {
        guard let object = value.objectValue else {
            throw EnvelopeError(field: "authority", "expected an object {\"document\", \"approval\", \"clause\"}, found \(kindName(value))")
        }
        var authority = Authority()
        for (key, member) in object {
            let text = try memberString(member, key, prefix: "authority")
            switch key {
            case "approval": authority.approval = text
            case "clause": authority.clause = text
            case "document": authority.document = text
            default: throw EnvelopeError(field: "authority.\(key)", "unknown field; expected approval, clause, document")
            }
        }
        return authority
    }

    private static func memberString(_ value: JSONValue, _ key: String, prefix: String) throws(EnvelopeError) -> String {
        guard let text = value.stringValue else {
            throw EnvelopeError(field: "\(prefix).\(key)", "expected a string, found \(kindName(value))")
        }
        return text
    }

    private static func checkIdentifier(_ text: String, field: String) throws(EnvelopeError) {
        let count = text.utf8.count
        guard count > 0, count <= EnvelopeLimits.maxIdentifierBytes else {
            throw EnvelopeError(field: field, "expected 1–\(EnvelopeLimits.maxIdentifierBytes) bytes, found \(count)")
        }
        try checkNoControlOrPadding(text, field: field)
    }

    private static func checkText(_ text: String, field: String) throws(EnvelopeError) {
        let count = text.utf8.count
        guard count > 0, count <= EnvelopeLimits.maxAuthorityTextBytes else {
            throw EnvelopeError(field: field, "expected 1–\(EnvelopeLimits.maxAuthorityTextBytes) bytes, found \(count)")
        }
        try checkNoControlOrPadding(text, field: field)
    }

    private static func checkNoControlOrPadding(_ text: String, field: String) throws(EnvelopeError) {
        // Ids and document numbers are compared byte for byte; invisible differences would
        // make "the same" document two documents.
        var utf8 = text
        let (hasControl, firstByte, lastByte) = utf8.withUTF8 { bytes in
            (bytes.contains { $0 < 0x20 || $0 == 0x7F }, bytes.first ?? 0, bytes.last ?? 0)
        }
        if hasControl {
            throw EnvelopeError(field: field, "contains a control character")
        }
        // ASCII ends are checked on the bytes; only a non-ASCII end needs Unicode properties.
        let paddedStart = firstByte < 0x80 ? firstByte == 0x20 : text.unicodeScalars.first.map(Self.isWhitespace) == true
        let paddedEnd = lastByte < 0x80 ? lastByte == 0x20 : text.unicodeScalars.last.map(Self.isWhitespace) == true
        if paddedStart || paddedEnd {
            throw EnvelopeError(field: field, "has leading or trailing whitespace: \"\(text)\"")
        }
    }

    /// The non-ASCII White_Space code points of Unicode (U+0085, U+00A0, U+1680, U+2000–U+200A,
    /// U+2028, U+2029, U+202F, U+205F and the ideographic space U+3000), listed so the check
    /// needs no property tables.
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    private static func isASCIIAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }

    /// A word for the kind of a JSON value, for error messages.
    public static func kindName(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool: return "a boolean"
        case .integer: return "an integer"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}
