import LedgerCore

/// Rotation and money figures of a group.
extension AnnualReport.Builder {
    func rotationFigures(_ group: LedgerState.GroupEntry, compliance: [ComplianceRow], profile: PolicyProfile?) -> [ReportFigure] {
        var ratioRule: (id: String, kinds: [SecondmentKind], minimum: Ratio)?
        for rule in profile?.rules ?? [] where rule.applies(to: group) {
            if case .ratioMin(let metric, let minimum, let kinds) = rule.parameters, metric == "rotationRatio" || metric == "staffExchangeRatio" {
                ratioRule = (rule.id, kinds, minimum)
                break
            }
        }
        let members = state.members(ofGroup: group.groupId, onDay: period.startDay).map(\.membership.schoolId)
        let headcounts = members.compactMap { state.headcounts[$0]?[period.year] }
        let missing = members.filter { state.headcounts[$0]?[period.year] == nil }.map(schoolName)
        let total = headcounts.reduce(Int64(0)) { $0 + $1.teachers }
        let moves = members.flatMap { school in
            startedSecondments(fromHomeSchool: school) { entry in
                ratioRule?.kinds.isEmpty ?? true || ratioRule!.kinds.contains(entry.payload.kind)
            }
        }
        let rotated = Set(moves.map(\.payload.staffId))
        let backbone = rotated.filter { id in state.staff[id]?.credentials.contains { $0.credential == .backboneTeacher } ?? false }
        func status(_ ruleId: String?) -> Finding.Status? { ruleId.flatMap { id in compliance.first { $0.ruleId == id }?.status } }
        let kindsText = ratioRule.map { rule in rule.kinds.isEmpty ? "" : "（" + rule.kinds.map { Language.zh.word($0) }.joined(separator: "、") + "）" } ?? ""
        var figures = [
            ReportFigure(section: "rotation", measure: "teachers", labelZh: "成员校教师总数", labelEn: "teachers in member schools",
                         value: missing.isEmpty ? .count(Int(total)) : .text("—"),
                         status: missing.isEmpty ? nil : .insufficientData, evidenceSeqs: [],
                         detail: missing.isEmpty ? nil : "缺少教师数：" + missing.joined(separator: "、")),
            ReportFigure(section: "rotation", measure: "rotated", labelZh: "交流轮岗教师" + kindsText, labelEn: "teachers rotated out",
                         value: .count(rotated.count), evidenceSeqs: moves.map(\.stamp.seq)),
        ]
        if missing.isEmpty && total > 0 {
            figures.append(ReportFigure(section: "rotation", measure: "rotationRatio", labelZh: "交流轮岗比例", labelEn: "rotation ratio",
                                        value: .ratio(numerator: Int64(rotated.count), denominator: total), status: status(ratioRule?.id),
                                        evidenceSeqs: moves.map(\.stamp.seq), detail: ratioRule.map { "规则 \($0.id)：不低于 \($0.minimum.text)" },
                                        target: ratioRule.map { .ratio(numerator: $0.minimum.numerator, denominator: $0.minimum.denominator) }))
        }
        if !rotated.isEmpty {
            let backboneRule = profile?.rules.first { $0.id.hasSuffix("-07") && $0.kind == .ratioMin }?.id
            figures.append(ReportFigure(section: "rotation", measure: "backboneShare", labelZh: "骨干教师占交流人数比例", labelEn: "backbone share of those rotated",
                                        value: .ratio(numerator: Int64(backbone.count), denominator: Int64(rotated.count)), status: status(backboneRule),
                                        evidenceSeqs: moves.filter { backbone.contains($0.payload.staffId) }.map(\.stamp.seq)))
        }
        return figures
    }

    func fundFigures(_ group: LedgerState.GroupEntry) -> [ReportFigure] {
        // The period's fiscal year only (the index holds no other).
        let allocations = allocationsByGroup[group.groupId] ?? []
        let earmarks = allocations.flatMap { earmarksByAllocation[$0.payload.allocationId] ?? [] }
            .filter { $0.stamp.effective.firstDayNumber < period.endDay }
        // Paid from one of the allocations or from one of their earmarks by the end of the
        // period, each expenditure once.
        var seen: Set<String> = []
        let spending = (allocations.map(\.payload.allocationId) + earmarks.map(\.payload.earmarkId))
            .flatMap(expenditures(fromSource:))
            .filter { $0.stamp.effective.firstDayNumber < period.endDay && seen.insert($0.payload.expenditureId).inserted }
        let allocated = allocations.reduce(Int64(0)) { $0 + $1.payload.amountFen }
        let earmarked = earmarks.reduce(Int64(0)) { $0 + $1.payload.amountFen }
        let spent = spending.reduce(Int64(0)) { $0 + $1.payload.amountFen }
        var figures = [
            ReportFigure(section: "funds", measure: "allocated", labelZh: "拨付（\(period.year)财年）", labelEn: "allocated (fiscal year \(period.year))",
                         value: .fen(allocated), evidenceSeqs: allocations.map(\.stamp.seq),
                         detail: allocations.map { described("\($0.payload.allocationId) \($0.payload.fromAuthorityId)→\(schoolName($0.payload.toSchoolId))", seq: $0.stamp.seq) }
                            .joined(separator: "；")),
            ReportFigure(section: "funds", measure: "earmarked", labelZh: "专项预留", labelEn: "earmarked", value: .fen(earmarked),
                         evidenceSeqs: earmarks.map(\.stamp.seq),
                         detail: earmarks.sorted { $0.stamp.seq < $1.stamp.seq }
                            .map { "\($0.payload.earmarkId) \(Language.zh.word($0.payload.purpose))" + ($0.payload.beneficiarySchoolId.map { " → " + schoolName($0) } ?? "") }
                            .joined(separator: "；")),
        ]
        for category in FundPurpose.allCases {
            let ofCategory = spending.filter { $0.payload.category == category }
            guard !ofCategory.isEmpty else { continue }
            figures.append(ReportFigure(section: "funds", measure: "spent.\(category.rawValue)", labelZh: "支出：\(Language.zh.word(category))",
                                        labelEn: "spent: \(category.rawValue)", value: .fen(ofCategory.reduce(0) { $0 + $1.payload.amountFen }),
                                        evidenceSeqs: ofCategory.map(\.stamp.seq)))
        }
        figures.append(ReportFigure(section: "funds", measure: "spent", labelZh: "支出合计", labelEn: "spent in all", value: .fen(spent),
                                    evidenceSeqs: spending.map(\.stamp.seq)))
        figures.append(ReportFigure(section: "funds", measure: "remaining", labelZh: "年末结余", labelEn: "remaining at the end", value: .fen(allocated - spent),
                                    evidenceSeqs: allocations.map(\.stamp.seq) + spending.map(\.stamp.seq)))
        let costShares = state.costShares.values
        let shares = (costSharePositionsByGroup[group.groupId] ?? []).map { costShares[Int($0)] }.filter { period.contains($0.stamp.effective) }
        if !shares.isEmpty {
            var bySchool: [String: Int64] = [:]
            for share in shares { for part in share.payload.shares { bySchool[part.schoolId, default: 0] += part.amountFen } }
            figures.append(ReportFigure(section: "costShares", measure: "costShares", labelZh: "成员校分摊", labelEn: "cost shares",
                                        value: .fen(shares.reduce(0) { $0 + $1.payload.totalFen }), evidenceSeqs: shares.map(\.stamp.seq),
                                        detail: bySchool.sorted { $0.key < $1.key }.map { "\(schoolName($0.key)) \(ReportMoney.yuan($0.value))" }.joined(separator: "，")))
        }
        return figures
    }
}
