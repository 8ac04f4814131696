/// A jurisdiction's policy profile (Journal/profiles/<id>.json), adopted by a
/// `PolicyProfileAdopted` event: its rules, each quoting its source sentence.
public struct PolicyProfile: Sendable, Equatable {
    public var profileId: String
    public var jurisdictionId: String
    public var version: Int64
    public var rules: [PolicyRule] {
        didSet { onAppendRuleIndices = Self.onAppendRuleIndices(of: rules) }
    }
    /// The positions in `rules` of the rules judged when an event is appended (recorded
    /// parameters, a kind in `PolicyEvaluator.onAppendKinds`), in order: `findings` judges every
    /// event of the journal, and most profiles have no such rule, so an event whose profile has
    /// none is done with before any rule is read (at 10M events, reading and copying each rule
    /// for every event took 0.5 s, and the lookups around it 2.7 s more).
    public private(set) var onAppendRuleIndices: [Int] = []
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
        onAppendRuleIndices = Self.onAppendRuleIndices(of: rules)
        if try reader.optionalRawObject("vocabulary") != nil {
            var vocabulary = try reader.object("vocabulary")
            allowsMultiMembership = try vocabulary.optionalBool("allowMultiMembership")
        }
        // The remaining sections (calendar, vocabulary, sources, assumptions) are documents
        // for people and reports; they are kept in the event as adopted.
    }

    /// The positions of `rules`' on-append rules.
    private static func onAppendRuleIndices(of rules: [PolicyRule]) -> [Int] {
        rules.indices.filter { index in
            guard case .recorded = rules[index].parameters else { return false }
            return PolicyEvaluator.onAppendKinds.contains(rules[index].kind)
        }
    }
}
