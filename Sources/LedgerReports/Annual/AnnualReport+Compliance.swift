import LedgerCore

/// The compliance matrix: one row per rule of the profile in force that applies to the group.
extension AnnualReport.Builder {
    func complianceRows(_ group: LedgerState.GroupEntry, profile: PolicyProfile) -> [ComplianceRow] {
        let byRule = Dictionary(grouping: findingsByGroup[group.groupId] ?? []) { $0.ruleId }
        return profile.rules.filter { $0.applies(to: group) }.map { rule in
            let findings = byRule[rule.id] ?? []
            let status: Finding.Status
            let actual: String
            if findings.isEmpty {
                status = .notApplicable
                actual = rule.kind == .descriptive ? "descriptive: nothing to judge" : "no event in the period that this rule judges"
            } else {
                // The worst verdict stands for the row: one breach is a breach.
                let order: [Finding.Status] = [.notMet, .insufficientData, .waived, .met, .notApplicable]
                status = order.first { wanted in findings.contains { $0.status == wanted } } ?? .notApplicable
                let messages = findings.filter { $0.status == status }.map(\.message)
                actual = uniqueInOrder(messages).joined(separator: "; ")
            }
            return ComplianceRow(ruleId: rule.id, requirement: requirement(rule), actual: actual, status: status, severity: rule.severity,
                                 evidenceSeqs: Array(Set(findings.flatMap(\.evidenceSeqs))).sorted(), quoteZh: rule.quoteZh, clauseZh: rule.clauseZh)
        }
    }

    /// The rule's kind and parameters in words: `groupSize max 6 (8 with approval)`.
    func requirement(_ rule: PolicyRule) -> String {
        switch rule.parameters {
        case .groupSize(let minimum, let maximum, let withApproval, let role):
            var parts: [String] = []
            if let minimum { parts.append("min \(minimum)") }
            if let maximum { parts.append("max \(maximum)") }
            if let withApproval { parts.append("\(withApproval) with approval") }
            return "groupSize " + parts.joined(separator: ", ") + (role.map { " (counting \($0.rawValue))" } ?? "")
        case .exitPolicy(let years, let reasons, let consent):
            var parts: [String] = []
            if let years { parts.append("after \(years) year(s) at least") }
            if !reasons.isEmpty { parts.append("reasons " + reasons.map(\.rawValue).joined(separator: "/")) }
            if let consent { parts.append("consent of \(consent)") }
            return "exitPolicy " + parts.joined(separator: ", ")
        case .ratioMin(let metric, let minimum, let kinds):
            return "\(metric) ≥ \(minimum.text)" + (kinds.isEmpty ? "" : " (" + kinds.map(\.rawValue).joined(separator: ", ") + ")")
        case .fundMinPerUnit(let minimumFen, let years):
            return "fundMinPerUnit ≥ \(ReportMoney.wanYuan(minimumFen) ?? ReportMoney.yuan(minimumFen) + "元") per unit" + (years.map { ", members new within \($0) years" } ?? "")
        case .recorded(let parameters):
            let text = String(decoding: CanonicalJSON.encode(.object(parameters)), as: UTF8.self)
            return rule.kind.rawValue + (parameters.isEmpty ? "" : " " + text)
        }
    }
}

/// Messages in first-seen order without repeats.
private func uniqueInOrder(_ messages: [String]) -> [String] {
    var seen: Set<String> = []
    return messages.filter { seen.insert($0).inserted }
}
