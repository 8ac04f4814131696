public import LedgerCore

/// Renders policy findings for people and for jq.
public enum FindingsText {
    /// One block per finding: rule, status, severity, subject, message, evidence and the source sentence.
    /// Labels in `language`; the subject and the message are the evaluator's words.
    public static func text(_ findings: [Finding], language: Language) -> String {
        guard !findings.isEmpty else { return language.choose("no findings", "没有发现") + "\n" }
        return findings.map { finding in
            var text = "\(finding.ruleId)  \(language.word(finding.status))  (\(language.word(finding.severity)))  \(finding.subject)"
            if let period = finding.period { text += "  \(period)" }
            text += "\n  \(finding.message)\n"
            if !finding.evidenceSeqs.isEmpty {
                text += "  " + language.choose("evidence seq ", "证据序号 ") + finding.evidenceSeqs.map(String.init).joined(separator: ", ") + "\n"
            }
            text += "  「\(finding.quoteZh)」\n"
            return text
        }.joined(separator: "\n")
    }

    /// One JSON object per finding.
    public static func json(_ finding: Finding) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("ruleId", .string(finding.ruleId)), ("status", .string(finding.status.rawValue)), ("severity", .string(finding.severity.rawValue)),
            ("subject", .string(finding.subject)), ("message", .string(finding.message)),
            ("evidenceSeqs", .array(finding.evidenceSeqs.map { .integer($0) })), ("quoteZh", .string(finding.quoteZh)),
        ]
        if let period = finding.period { members.append(("period", .string(period))) }
        return .object(JSONObject(uniqueKeysWithValues: members))
    }
}
