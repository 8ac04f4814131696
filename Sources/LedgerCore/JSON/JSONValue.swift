/// A JSON value restricted to what the journal stores: no floating point.
public enum JSONValue: Equatable, Sendable {
    /// JSON `null`.
    case null
    /// JSON `true` or `false`.
    case bool(Bool)
    /// An integer; canonical lines keep its magnitude within `JSONLimits.maxIntegerMagnitude`.
    case integer(Int64)
    /// A string; canonical lines require it to be in Unicode Normalization Form C.
    case string(String)
    /// An ordered list of values.
    case array([JSONValue])
    /// An object whose members are kept in canonical key order.
    case object(JSONObject)

    /// Strings compare by their UTF-8 bytes, not by Swift's canonical equivalence,
    /// because two canonically equivalent strings still encode to different journal bytes.
    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null):
            return true
        case let (.bool(left), .bool(right)):
            return left == right
        case let (.integer(left), .integer(right)):
            return left == right
        case let (.string(left), .string(right)):
            return UTF8Order.equal(left, right)
        case let (.array(left), .array(right)):
            return left == right
        case let (.object(left), .object(right)):
            return left == right
        default:
            return false
        }
    }
}

extension JSONValue {
    /// The string payload, or nil for any other kind of value.
    public var stringValue: String? {
        if case .string(let string) = self { return string }
        return nil
    }

    /// The integer payload, or nil for any other kind of value.
    public var integerValue: Int64? {
        if case .integer(let integer) = self { return integer }
        return nil
    }

    /// The object payload, or nil for any other kind of value.
    public var objectValue: JSONObject? {
        if case .object(let object) = self { return object }
        return nil
    }

    /// The array payload, or nil for any other kind of value.
    public var arrayValue: [JSONValue]? {
        if case .array(let array) = self { return array }
        return nil
    }

    /// The boolean payload, or nil for any other kind of value.
    public var boolValue: Bool? {
        if case .bool(let bool) = self { return bool }
        return nil
    }

    /// True only for `null`.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The member named `key` when this value is an object; nil otherwise or when absent.
    public subscript(key: String) -> JSONValue? {
        objectValue?[key]
    }
}

extension JSONValue: CustomStringConvertible {
    /// The canonical JSON text, so logs and test failures show exactly what the journal would store.
    public var description: String {
        String(decoding: CanonicalJSON.encode(self), as: UTF8.self)
    }
}
