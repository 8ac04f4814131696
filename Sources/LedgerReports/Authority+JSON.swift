public import LedgerCore

extension Authority {
    /// `{document?, approval?, clause?}`: the members the README documents for every command's JSON.
    public var json: JSONValue {
        var fields: [(String, JSONValue)] = []
        if let document { fields.append(("document", .string(document))) }
        if let approval { fields.append(("approval", .string(approval))) }
        if let clause { fields.append(("clause", .string(clause))) }
        return .object(JSONObject(uniqueKeysWithValues: fields))
    }
}
