import LedgerCore
import LedgerJournal
import LedgerReports

/// `groupledger explain`: the chain of events and approvals behind a fact.
enum ExplainCommand: Command {
    static let spec = CommandSpec(
        path: ["explain"],
        summary: "Show the events and approvals behind a fact: a school's membership of a group, an allocation, or everything a 文号 authorised.",
        usage: "explain (--school ID --group ID [--as-of DATE] | --allocation ID | --document 文号 | --seqs S1,S2) [--lang zh|en] [--no-checkpoint] [--read-only] [--journal PATH] [--format text|json]",
        options: [
            .init(name: "--school", valueName: "ID|NAME", help: "With --group: why the school is (or was) a member."),
            .init(name: "--group", valueName: "ID|NAME", help: "See --school."),
            .init(name: "--as-of", valueName: "DATE", help: "With --school and --group: the date the membership is judged at."),
            .init(name: "--allocation", valueName: "ID", help: "An allocation: its decision and what was earmarked and spent from it."),
            .init(name: "--document", valueName: "文号|ID", help: "A document: every event that cites it."),
            .init(name: "--seqs", valueName: "S1,S2", help: "The events behind a report cell: its evidence seqs (comma- or space-separated)."),
            CommonOptions.language,
            CommonOptions.noCheckpoint, CommonOptions.readOnly, CommonOptions.journal, CommonOptions.format,
        ],
        maxPositionals: 0, discussion: "Every event is shown with its seq, authority and change; approvals cited are shown with their request and decision.")

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode {
        let path = context.journalPath(arguments)
        let language = try arguments.language(spec: spec)
        let json = try arguments.wantsJSON(spec: spec)
        let state = try JournalReading.state(path: path)
        var seqs: Set<Int64> = []
        var headline: String
        if let schoolQuery = arguments.value("--school"), let groupQuery = arguments.value("--group") {
            let school = try EntityNames.resolve(schoolQuery, in: state, path: path)
            let groupId = try EntityNames.resolve(groupQuery, in: state, path: path)
            var asOf: PartialDate?
            if let text = arguments.value("--as-of") {
                guard let date = try? PartialDate(parsing: text) else { throw UsageError(message: "the value '\(text)' is invalid for '--as-of'", spec: spec) }
                asOf = date
            }
            let day = asOf?.firstDayNumber
            let memberships = state.membershipTimeline(ofSchool: school).filter { $0.groupId == groupId }
            let current = memberships.first { $0.isMember(onDay: day) }
            let schoolName = state.schools[school]?.name(onDay: day) ?? school
            let groupName = state.groups[groupId]?.nameZh ?? groupId
            let when = asOf.map { language.choose(" as of \(language.date($0))", "（截至\(language.date($0))）") } ?? ""
            headline = current.map { membership in
                let role = language.word(membership.role(onDay: day))
                return language.choose("\(schoolName) is a member of \(groupName) (\(role))\(when)", "\(schoolName)是\(groupName)的\(role)\(when)")
            } ?? language.choose("\(schoolName) is not a member of \(groupName)\(when)", "\(schoolName)不是\(groupName)的成员\(when)")
            if let group = state.groups[groupId] {
                if let stamp = group.proposedStamp { seqs.insert(stamp.seq) }
                if let stamp = group.establishedStamp { seqs.insert(stamp.seq) }
                for change in group.statusChanges { seqs.insert(change.stamp.seq) }
            }
            for membership in memberships {
                seqs.insert(membership.joined.seq)
                for role in membership.roles { seqs.insert(role.stamp.seq) }
                if let exit = membership.exit { seqs.insert(exit.stamp.seq) }
            }
        } else if let allocation = arguments.value("--allocation") {
            guard let entry = state.allocations[allocation] else {
                throw JournalError(.outOfRange, path: path, field: "--allocation", message: "no allocation \"\(allocation)\"")
            }
            headline = language.choose(
                "allocation \(allocation): \(Money.yuan(entry.payload.amountFen)), earmarked \(Money.yuan(entry.earmarkedFen)), "
                    + "spent directly \(Money.yuan(entry.spentFen)), free \(Money.yuan(entry.availableFen))",
                "拨款 \(allocation)：\(Money.yuan(entry.payload.amountFen))，专项 \(Money.yuan(entry.earmarkedFen))，"
                    + "直接支出 \(Money.yuan(entry.spentFen))，可用 \(Money.yuan(entry.availableFen))")
            seqs.insert(entry.stamp.seq)
            for earmark in state.earmarks.values where earmark.payload.allocationId == allocation {
                seqs.insert(earmark.stamp.seq)
                for position in state.expenditurePositions(earmarkId: earmark.payload.earmarkId) { seqs.insert(state.expenditures.values[position].stamp.seq) }
            }
            for position in state.expenditurePositions(allocationId: allocation) { seqs.insert(state.expenditures.values[position].stamp.seq) }
        } else if let query = arguments.value("--document") {
            let documentId = try EntityNames.resolve(query, in: state, path: path)
            guard let document = state.documents[documentId] else {
                throw JournalError(.outOfRange, path: path, field: "--document", message: "\"\(query)\" is not a registered document")
            }
            headline = "\(document.payload.docNumber?.normalized ?? documentId) \(document.payload.titleZh)" + language.choose(": everything it authorised", "：据此记录的全部事项")
            let number = document.payload.docNumber?.normalized
            try JournalReading.replayDomain(path: path) { record in
                if let cited = record.authority?.document, cited == documentId || cited == number { seqs.insert(record.seq) }
            }
        } else if let list = arguments.value("--seqs") {
            let words = list.split(whereSeparator: { $0 == "," || $0 == " " })
            for word in words {
                guard let seq = Int64(word), seq >= 1, seq <= state.lastSeq else {
                    throw UsageError(message: "the value '\(word)' is invalid for '--seqs': expected seqs in 1–\(state.lastSeq)", spec: spec)
                }
                seqs.insert(seq)
            }
            headline = language.choose("the events behind seqs \(seqs.sorted().map(String.init).joined(separator: ", "))",
                                       "序号 \(seqs.sorted().map(String.init).joined(separator: "、")) 所依据的事件")
        } else {
            throw UsageError(message: "give --school and --group, --allocation, --document or --seqs", spec: spec)
        }
        // Approvals the chosen events cite: their requests and decisions belong to the chain.
        try JournalReading.replayDomain(path: path) { record in
            guard seqs.contains(record.seq) else { return }
            var cited: [String] = record.authority?.approval.map { [$0] } ?? []
            if let approval = record.event.payload.jsonObject["approvalId"]?.stringValue { cited.append(approval) }
            for id in cited {
                if let approval = state.approvals[id] {
                    seqs.insert(approval.requestStamp.seq)
                    if let decision = approval.decisionStamp { seqs.insert(decision.seq) }
                }
            }
        }
        let register = try? PersonalDataRegister.load(path: PersonalDataRegister.path(forJournal: path))
        var output = json ? "" : headline + "\n"
        try AuditWalk.walk(path: path, through: seqs.max() ?? 0, including: { seqs.contains($0.seq) }) { entry in
            output += json ? String(decoding: CanonicalJSON.encode(entry.json), as: UTF8.self) + "\n" : "\n" + entry.text(language) { register?.name(of: $0) }
        }
        context.console.out(output)
        return .success
    }
}
