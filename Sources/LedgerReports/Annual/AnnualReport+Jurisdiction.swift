import LedgerCore

/// A jurisdiction's own figures: its groups by type and status, coverage of its schools, its
/// plan against what was established by phase, and adjustments recorded after a seal.
extension AnnualReport.Builder {
    func jurisdictionFigures(_ id: String, groups: [LedgerState.GroupEntry]) -> [ReportFigure] {
        var figures: [ReportFigure] = []
        let established = groups.filter { ($0.establishedStamp?.effective.firstDayNumber ?? Int.max) <= lastDay }
        for type in GroupType.allCases {
            let ofType = established.filter { $0.type == type }
            guard !ofType.isEmpty else { continue }
            figures.append(ReportFigure(section: "groups", measure: "type.\(type.rawValue)", labelZh: "集团数：\(type.labelZh)", labelEn: "groups: \(type.rawValue)",
                                        value: .count(ofType.count), evidenceSeqs: ofType.compactMap { $0.establishedStamp?.seq },
                                        detail: ofType.map(\.nameZh).joined(separator: "、")))
        }
        for status in GroupStatus.allCases {
            let ofStatus = groups.filter { $0.status(onDay: lastDay) == status }
            guard !ofStatus.isEmpty else { continue }
            let seqs = ofStatus.flatMap { group in
                [group.proposedStamp?.seq, group.establishedStamp?.seq].compactMap { $0 } + group.statusChanges.map(\.stamp.seq)
            }
            figures.append(ReportFigure(section: "groups", measure: "status.\(status.rawValue)", labelZh: "年末状态：\(Language.zh.word(status))",
                                        labelEn: "status at the end: \(status.rawValue)", value: .count(ofStatus.count), evidenceSeqs: seqs,
                                        detail: ofStatus.map(\.nameZh).joined(separator: "、")))
        }
        figures += coverageFigures(id)
        figures += planFigures(groups)
        return figures
    }

    /// Schools of the jurisdiction open on the last day, and how many were in a group (any, and tight-type).
    func coverageFigures(_ id: String) -> [ReportFigure] {
        let schools = state.schools.values.filter { school in
            school.payload.jurisdictionId == id && school.stamp.effective.firstDayNumber <= lastDay
                && !(school.closed.map { $0.stamp.effective.firstDayNumber <= lastDay } ?? false)
        }
        guard !schools.isEmpty else { return [] }
        func covered(_ include: (LedgerState.GroupEntry) -> Bool) -> [LedgerState.MembershipEntry] {
            schools.compactMap { school in
                state.membershipTimeline(ofSchool: school.payload.schoolId).first { membership in
                    guard membership.isMember(onDay: lastDay), let group = state.groups[membership.groupId] else { return false }
                    let status = group.status(onDay: lastDay)
                    return include(group) && status != nil && status != .proposed && status != .dissolved && status != .withdrawn
                }
            }
        }
        let inGroup = covered { _ in true }
        let inTight = covered { $0.type == .tight }
        let total = Int64(schools.count)
        return [
            ReportFigure(section: "coverage", measure: "schools", labelZh: "辖区学校数", labelEn: "schools in the jurisdiction", value: .count(schools.count),
                         evidenceSeqs: schools.map(\.stamp.seq)),
            ReportFigure(section: "coverage", measure: "inGroup", labelZh: "参加集团的学校比例", labelEn: "share of schools in a group",
                         value: .ratio(numerator: Int64(inGroup.count), denominator: total), evidenceSeqs: inGroup.map(\.joined.seq)),
            ReportFigure(section: "coverage", measure: "inTightGroup", labelZh: "参加紧密型集团的学校比例", labelEn: "share of schools in a tight-type group",
                         value: .ratio(numerator: Int64(inTight.count), denominator: total), evidenceSeqs: inTight.map(\.joined.seq)),
        ]
    }

    /// Per phase of the plan (GroupProposed's phase): groups planned, and how many were established by the end.
    func planFigures(_ groups: [LedgerState.GroupEntry]) -> [ReportFigure] {
        let planned = groups.filter { $0.proposal != nil }
        let phases = Dictionary(grouping: planned) { $0.proposal?.phaseLabelZh ?? "—" }
        return phases.keys.sorted().flatMap { phase -> [ReportFigure] in
            let inPhase = phases[phase]!.sorted { $0.groupId < $1.groupId }
            let done = inPhase.filter { ($0.establishedStamp?.effective.firstDayNumber ?? Int.max) <= lastDay }
            return [
                ReportFigure(section: "plan", measure: "planned.\(phase)", labelZh: "计划组建：\(phase)", labelEn: "planned: \(phase)", value: .count(inPhase.count),
                             evidenceSeqs: inPhase.compactMap { $0.proposedStamp?.seq }, detail: inPhase.map(\.nameZh).joined(separator: "、")),
                ReportFigure(section: "plan", measure: "established.\(phase)", labelZh: "已组建：\(phase)", labelEn: "established: \(phase)",
                             value: .ratio(numerator: Int64(done.count), denominator: Int64(inPhase.count)),
                             evidenceSeqs: done.compactMap { $0.establishedStamp?.seq }, detail: done.map(\.nameZh).joined(separator: "、")),
            ]
        }
    }

    /// Events effective in a sealed period recorded after the seal: each an explicit adjustment.
    func adjustmentFigures(jurisdictionId: String) -> [ReportFigure] {
        let adjustments = inputs.adjustments.filter { $0.jurisdictionId == jurisdictionId }
        guard !adjustments.isEmpty else { return [] }
        return [ReportFigure(section: "adjustments", measure: "adjustments", labelZh: "封账后调整", labelEn: "adjustments after the seal",
                             value: .count(adjustments.count), evidenceSeqs: adjustments.map(\.seq),
                             detail: adjustments.map { described("\($0.type)：\($0.reasonZh)（封账 seq \($0.sealSeq) 之后）", seq: $0.seq) }.joined(separator: "；"))]
    }
}
