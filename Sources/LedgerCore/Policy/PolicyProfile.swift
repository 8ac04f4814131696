/// A jurisdiction's policy profile (Journal/profiles/<id>.json), adopted by a
/// `PolicyProfileAdopted` event: its rules, each quoting its source sentence.
public struct PolicyProfile: Sendable, Equatable {
    public var profileId: String
    public var jurisdictionId: String
    public var version: Int64
    public var rules: [PolicyRule]
    /// Whether a school may belong to several groups at once (`vocabulary.allowMultiMembership`);
    /// nil when the profile does not say.
    public var allowsMultiMembership: Bool?

    /// Decodes and type-checks a profile document; errors name the rule and parameter
    /// (`data.profile.rules[3].params.min`).
    public init(_ object: JSONObject, path: String = "data.profile") throws(DomainError) {
        var reader = PayloadReader(object, path: path)
        profileId = try reader.id("profileId")
        version = try reader.integer("version", in: 1...1_000_000)
        var jurisdiction = try reader.object("jurisdiction")
        jurisdictionId = try jurisdiction.id("id")
        var rules: [PolicyRule] = []
        var seen: Set<String> = []
        for var ruleReader in try reader.objectList("rules") {
            let rule = try PolicyRule(reading: &ruleReader)
            guard seen.insert(rule.id).inserted else { throw DomainError(field: "\(path).rules", "rule \(rule.id) appears twice") }
            rules.append(rule)
        }
        self.rules = rules
        if try reader.optionalRawObject("vocabulary") != nil {
            var vocabulary = try reader.object("vocabulary")
            allowsMultiMembership = try vocabulary.optionalBool("allowMultiMembership")
        }
        // The remaining sections (calendar, vocabulary, sources, assumptions) are documents
        // for people and reports; they are kept in the event as adopted.
    }
}
