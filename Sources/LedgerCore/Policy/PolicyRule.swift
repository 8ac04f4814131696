/// One rule of a profile: its id, kind, parameters, severity and source sentence.
public struct PolicyRule: Sendable, Equatable {
    public var id: String
    public var kind: RuleKind
    /// Group types the rule applies to (empty: all).
    public var groupTypes: [GroupType]
    /// Groups the rule names (empty: all of the jurisdiction's).
    public var groupIds: [String]
    public var parameters: Parameters
    public var severity: Finding.Severity
    public var quoteZh: String
    public var documentId: String?
    /// The clause of the document the sentence is in (`三、（二）3.`), when the profile gives it.
    public var clauseZh: String?

    /// Typed parameters of the evaluated kinds; the rest keep their JSON.
    public enum Parameters: Sendable, Equatable {
        case groupSize(min: Int64?, max: Int64?, maxWithApproval: Int64?, countsRole: MemberRole?)
        case exitPolicy(minMembershipYears: Int64?, allowedReasons: [ExitReason], consentAuthorityId: String?)
        case ratioMin(metric: String, minimum: Ratio, secondmentKinds: [SecondmentKind])
        case fundMinPerUnit(minimumFen: Int64, newWithinYears: Int64?)
        case recorded(JSONObject)
    }

    /// Decodes a rule; `reader`'s path names it in errors (`data.profile.rules[3]`).
    public init(reading reader: inout PayloadReader) throws(DomainError) {
        id = try reader.string("id")
        kind = try reader.word("kind", as: RuleKindWord.self).kind
        severity = try reader.word("severity", as: SeverityWord.self).severity
        _ = try reader.optionalString("severityReason")
        var source = try reader.object("source")
        quoteZh = try source.requiredText("quoteZh")
        documentId = try source.optionalId("documentId")
        clauseZh = try source.optionalString("clauseZh")
        try source.finishNested()
        groupTypes = []
        groupIds = []
        if try reader.optionalRawObject("appliesTo") != nil {
            var applies = try reader.object("appliesTo")
            if let type = try applies.optionalWord("groupType", as: GroupType.self) { groupTypes = [type] }
            groupIds = try applies.idList("groupIds")
        }
        var params = try reader.object("params")
        switch kind {
        case .groupSize:
            parameters = .groupSize(min: try params.optionalInteger("min", in: 0...10_000), max: try params.optionalInteger("max", in: 0...10_000),
                                    maxWithApproval: try params.optionalInteger("maxWithApproval", in: 0...10_000),
                                    countsRole: try params.optionalWord("countsRole", as: MemberRole.self))
        case .exitPolicy:
            var consentAuthorityId: String?
            if try params.optionalRawObject("consent") != nil {
                var consent = try params.object("consent")
                consentAuthorityId = try consent.optionalId("authorityId")
            }
            parameters = .exitPolicy(minMembershipYears: try params.optionalInteger("minMembershipYears", in: 0...100),
                                     allowedReasons: try params.wordList("allowedReasons", as: ExitReason.self),
                                     consentAuthorityId: consentAuthorityId)
        case .ratioMin:
            var minimum = try params.object("min")
            let ratio = Ratio(numerator: try minimum.integer("num", in: 0...1_000_000), denominator: try minimum.integer("den", in: 1...1_000_000))
            parameters = .ratioMin(metric: try params.string("metric"), minimum: ratio,
                                   secondmentKinds: try params.wordList("secondmentKinds", as: SecondmentKind.self))
        case .fundMinPerUnit:
            var newWithin: Int64?
            if try params.optionalRawObject("eligibility") != nil {
                var eligibility = try params.object("eligibility")
                newWithin = try eligibility.optionalInteger("memberNewWithinYears", in: 0...100)
            }
            parameters = .fundMinPerUnit(minimumFen: try params.fen("min"), newWithinYears: newWithin)
        default:
            parameters = .recorded(try reader.rawObject("params"))
        }
        try reader.finishNested()
    }

    /// Whether the rule concerns `group`.
    public func applies(to group: LedgerState.GroupEntry) -> Bool {
        applies(toGroup: group.groupId, type: group.type)
    }

    /// Whether the rule applies to the group `groupId` of `type`.
    public func applies(toGroup groupId: String, type: GroupType) -> Bool {
        (groupTypes.isEmpty || groupTypes.contains(type)) && (groupIds.isEmpty || groupIds.contains(groupId))
    }
}

/// The kind as a vocabulary word, so an unknown kind is refused with the list of kinds.
struct RuleKindWord: Vocabulary {
    let kind: RuleKind
    init?(rawValue: String) {
        guard let kind = RuleKind(rawValue: rawValue) else { return nil }
        self.kind = kind
    }
    var rawValue: String { kind.rawValue }
    static var allCases: [RuleKindWord] { RuleKind.allCases.map { RuleKindWord(rawValue: $0.rawValue)! } }
}

/// The severity as a vocabulary word.
struct SeverityWord: Vocabulary {
    let severity: Finding.Severity
    init?(rawValue: String) {
        guard let severity = Finding.Severity(rawValue: rawValue) else { return nil }
        self.severity = severity
    }
    var rawValue: String { severity.rawValue }
    static var allCases: [SeverityWord] { Finding.Severity.allCases.map { SeverityWord(rawValue: $0.rawValue)! } }
}
