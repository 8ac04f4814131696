public import LedgerCore

/// Renders policy findings for people and for jq.
public enum FindingsText {
    /// One block per finding: rule, status, severity, subject, message, evidence and the source sentence.
    public static func text(_ findings: [Finding]) -> String {
        guard !findings.isEmpty else { return "no findings\n" }
        return findings.map { finding in
            var text = "\(finding.ruleId)  \(finding.status.rawValue)  (\(finding.severity.rawValue))  \(finding.subject)"
            if let period = finding.period { text += "  \(period)" }
            text += "\n  \(finding.message)\n"
            if !finding.evidenceSeqs.isEmpty { text += "  evidence seq \(finding.evidenceSeqs.map(String.init).joined(separator: ", "))\n" }
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
