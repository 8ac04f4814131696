import LedgerCore
import LedgerJournal
import LedgerReports

/// `groupledger diff`: what the ledger said at one point against another.
enum DiffCommand: Command {
    static let spec = CommandSpec(
        path: ["diff"],
        summary: "Compare what the ledger said at two points of transaction time, so backdated entries and corrections show.",
        usage: "diff --known-at A --known-at B [--as-of DATE] [--journal PATH]",
        options: [
            .init(name: "--known-at", valueName: "SEQ|TIME", help: "A point of transaction time (a seq or a UTC time); give it twice."),
            .init(name: "--as-of", valueName: "DATE", help: "The effective date the rosters are compared at (default: the latest)."),
            CommonOptions.journal,
        ],
        maxPositionals: 0,
        discussion: "Lists the events recorded between A and B (marking backdated ones and corrections), then each group whose roster as of DATE differs.")

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode {
        let path = context.journalPath(arguments)
        let points = arguments.values("--known-at")
        guard points.count == 2 else { throw UsageError(message: "give --known-at twice (A and B)", spec: spec) }
        let cuts = try points.map { text throws(UsageError) -> KnownAt in
            if let seq = Int64(text), seq >= 0 { return .seq(seq) }
            guard let instant = try? UTCTimestamp(parsing: text) else {
                throw UsageError(message: "the value '\(text)' is invalid for '--known-at': expected a seq or a UTC time YYYY-MM-DDTHH:MM:SSZ", spec: spec)
            }
            return .recorded(instant)
        }
        var day: Int?
        if let text = arguments.value("--as-of") {
            guard let date = try? PartialDate(parsing: text) else {
                throw UsageError(message: "the value '\(text)' is invalid for '--as-of': expected YYYY, YYYY-MM or YYYY-MM-DD", spec: spec)
            }
            day = date.firstDayNumber
        }
        let before = try JournalReading.state(path: path, knownAt: cuts[0])
        let after = try JournalReading.state(path: path, knownAt: cuts[1])
        var between: [DomainEventRecord] = []
        try JournalReading.replayDomain(path: path) { record in
            if cuts[1].includes(record) && !cuts[0].includes(record) { between.append(record) }
        }
        var text = "known at \(points[0]) (\(before.lastSeq) events) → known at \(points[1]) (\(after.lastSeq) events)"
            + (arguments.value("--as-of").map { ", rosters as of \($0)" } ?? "") + "\n"
        text += "\nrecorded in between: \(between.count)\n"
        for record in between {
            let recordedDay = Int(record.recorded.secondsSinceEpoch / 86_400)
            var marks: [String] = []
            if record.effective.endDayNumber <= recordedDay { marks.append("backdated: effective \(record.effective), recorded \(record.recorded)") }
            if case .entryCorrected = record.event { marks.append("correction") }
            text += "  seq \(record.seq) \(record.event.payload.typeName): \(ChangeText.describe(record, before: after))"
                + (marks.isEmpty ? "" : "  [\(marks.joined(separator: "; "))]") + "\n"
        }
        var changed = 0
        var rosters = ""
        for groupId in Set(before.groups.keys).union(after.groups.keys).sorted() {
            let statusBefore = before.groups[groupId]?.status(onDay: day)
            let statusAfter = after.groups[groupId]?.status(onDay: day)
            let membersBefore = Dictionary(uniqueKeysWithValues: before.members(ofGroup: groupId, onDay: day).map { ($0.membership.membershipId, $0) })
            let membersAfter = Dictionary(uniqueKeysWithValues: after.members(ofGroup: groupId, onDay: day).map { ($0.membership.membershipId, $0) })
            var lines: [String] = []
            if statusBefore != statusAfter { lines.append("status \(statusBefore?.rawValue ?? "-") → \(statusAfter?.rawValue ?? "-")") }
            for (id, member) in membersAfter.sorted(by: { $0.key < $1.key }) where membersBefore[id] == nil {
                lines.append("+ \(member.schoolNameZh) (\(member.role.rawValue.lowercased()), seq \(member.membership.joined.seq))")
            }
            for (id, member) in membersBefore.sorted(by: { $0.key < $1.key }) where membersAfter[id] == nil {
                lines.append("− \(member.schoolNameZh) (\(member.role.rawValue.lowercased()))")
            }
            guard !lines.isEmpty else { continue }
            changed += 1
            rosters += "  \((after.groups[groupId] ?? before.groups[groupId])?.nameZh ?? groupId) (\(groupId)): " + lines.joined(separator: "; ") + "\n"
        }
        text += "\ngroups whose roster differs: \(changed)\n" + rosters
        context.console.out(text)
        return .success
    }
}
