public import LedgerCore

/// One event as an auditor reads it in `replay` and `history`: who recorded what, when (in
/// Beijing time), when it takes effect, on what authority, what it changed, what the policy
/// rules said, and whether a later correction voided or superseded it.
public struct ReplayEntry: Sendable {
    public var record: DomainEventRecord
    public var change: String
    public var findings: [Finding]
    public var correctedBy: Int64?

    /// Creates an entry.
    public init(record: DomainEventRecord, change: String, findings: [Finding], correctedBy: Int64?) {
        self.record = record
        self.change = change
        self.findings = findings
        self.correctedBy = correctedBy
    }

    /// The text block, labels in `language`; `names` gives a person's registered name.
    public func text(_ language: Language, names: (String) -> String?) -> String {
        let record = self.record
        var text = "seq \(record.seq)  \(record.event.typeName)\n"
        let rows: [(Label, String)] = [
            (.recorded, language.recorded(record.recorded)),
            (.effective, language.date(record.effective)),
            (.actor, EventText.actorText(record.actor, language: language, names: names)),
        ]
        let width = language.labelWidth([.recorded, .effective, .actor, .authority, .change, .finding, .corrects, .correctedBy])
        func row(_ label: String, _ value: String) -> String { "  " + DisplayWidth.padded(label, to: width) + value + "\n" }
        for (label, value) in rows { text += row(language.label(label), value) }
        if let authority = record.authority { text += row(language.label(.authority), EventText.authorityText(authority, language: language)) }
        text += row(language.label(.change), change)
        for finding in findings {
            text += row(language.label(.finding), "\(finding.ruleId) \(language.word(finding.status)) (\(language.word(finding.severity))): \(finding.message)")
        }
        if case .entryCorrected(let correction) = record.event {
            text += row(language.label(.corrects), "\(correction.targetSeq)")
        }
        if let correctedBy {
            text += row(language.label(.correctedBy), "\(correctedBy)")
        }
        return text
    }

    /// The JSON object: `{seq, type, v, recorded, effective, actor, authority?, change, findings, correctedBy?}`.
    public var json: JSONValue {
        var actor: [(String, JSONValue)] = [("id", .string(record.actor.id))]
        if let role = record.actor.role { actor.append(("role", .string(role))) }
        if let onBehalfOf = record.actor.onBehalfOf { actor.append(("onBehalfOf", .string(onBehalfOf))) }
        var members: [(String, JSONValue)] = [
            ("seq", .integer(record.seq)), ("type", .string(record.event.typeName)),
            ("recorded", .string(record.recorded.description)), ("effective", .string(record.effective.description)),
            ("actor", .object(JSONObject(uniqueKeysWithValues: actor))), ("change", .string(change)),
            ("findings", .array(findings.map(FindingsText.json))),
        ]
        if let authority = record.authority { members.append(("authority", authority.json)) }
        if let correctedBy { members.append(("correctedBy", .integer(correctedBy))) }
        return .object(JSONObject(uniqueKeysWithValues: members))
    }
}
