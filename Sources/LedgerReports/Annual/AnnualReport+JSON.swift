public import LedgerCore

/// The report as JSON (schema `groupledger.report.annual/1`, documented in the README): the same
/// figures as every other format, with money in integer fen beside its yuan text.
extension AnnualReport {
    /// The whole report as one JSON value.
    public var json: JSONValue {
        let periodValue: JSONValue = .object(JSONObject(uniqueKeysWithValues: [
            ("basis", .string(period.basis.rawValue)), ("year", .integer(Int64(period.year))), ("label", .string(period.label)),
            ("start", .string(period.start.description)), ("end", .string(period.last.description)),
        ]))
        return .object(JSONObject(uniqueKeysWithValues: [
            ("schema", .string("groupledger.report.annual/1")), ("period", periodValue),
            ("digest", .object(JSONObject(uniqueKeysWithValues: [("size", .integer(digest.size)), ("root", .string(digest.rootHex))]))),
            ("jurisdictions", .array(jurisdictions.map(\.json))),
        ]))
    }
}

extension JurisdictionSummary {
    var json: JSONValue {
        var members: [(String, JSONValue)] = [
            ("jurisdictionId", .string(jurisdictionId)), ("nameZh", .string(nameZh)),
            ("figures", .array(figures.map(\.json))), ("groups", .array(groups.map(\.json))),
        ]
        if let profileText { members.append(("profile", .string(profileText))) }
        return .object(JSONObject(uniqueKeysWithValues: members))
    }
}

extension GroupSummary {
    var json: JSONValue {
        var members: [(String, JSONValue)] = [
            ("groupId", .string(groupId)), ("nameZh", .string(nameZh)), ("type", .string(type.rawValue)), ("synthetic", .bool(synthetic)),
            ("figures", .array(figures.map(\.json))), ("compliance", .array(compliance.map(\.json))),
            ("membersOverYear", .array(memberCounts.map { point in
                let civil = CivilDate.civil(dayNumber: point.day)
                let date = "\(civil.year)-\(civil.month < 10 ? "0" : "")\(civil.month)-\(civil.day < 10 ? "0" : "")\(civil.day)"
                return .object(JSONObject(uniqueKeysWithValues: [("date", .string(date)), ("count", .integer(Int64(point.count)))]))
            })),
        ]
        if let status { members.append(("status", .string(status.rawValue))) }
        if let leadNameZh { members.append(("leadNameZh", .string(leadNameZh))) }
        return .object(JSONObject(uniqueKeysWithValues: members))
    }
}

extension ReportFigure {
    /// `{section, measure, labelZh, labelEn, unit, value, yuan?, numerator?, denominator?, status?, evidenceSeqs, detail?, target?}`.
    var json: JSONValue {
        var members: [(String, JSONValue)] = [
            ("section", .string(section)), ("measure", .string(measure)), ("labelZh", .string(labelZh)), ("labelEn", .string(labelEn)),
            ("evidenceSeqs", .array(evidenceSeqs.map { .integer($0) })),
        ]
        switch value {
        case .count(let count): members += [("unit", .string("count")), ("value", .integer(Int64(count)))]
        case .fen(let fen): members += [("unit", .string("fen")), ("value", .integer(fen)), ("yuan", .string(ReportMoney.yuan(fen)))]
        case .ratio(let numerator, let denominator):
            members += [("unit", .string("ratio")), ("numerator", .integer(numerator)), ("denominator", .integer(denominator)),
                        ("value", .string(value.plain))]
        case .text(let text): members += [("unit", .string("text")), ("value", .string(text))]
        }
        if let status { members.append(("status", .string(status.rawValue))) }
        if let detail, !detail.isEmpty { members.append(("detail", .string(detail))) }
        if case .ratio(let numerator, let denominator)? = target {
            members.append(("target", .object(JSONObject(uniqueKeysWithValues: [("numerator", .integer(numerator)), ("denominator", .integer(denominator))]))))
        }
        return .object(JSONObject(uniqueKeysWithValues: members))
    }
}

extension ComplianceRow {
    /// `{ruleId, requirement, actual, status, severity, evidenceSeqs, quoteZh, clauseZh?}`.
    var json: JSONValue {
        var members: [(String, JSONValue)] = [
            ("ruleId", .string(ruleId)), ("requirement", .string(requirement)), ("actual", .string(actual)), ("status", .string(status.rawValue)),
            ("severity", .string(severity.rawValue)), ("evidenceSeqs", .array(evidenceSeqs.map { .integer($0) })), ("quoteZh", .string(quoteZh)),
        ]
        if let clauseZh { members.append(("clauseZh", .string(clauseZh))) }
        return .object(JSONObject(uniqueKeysWithValues: members))
    }
}
