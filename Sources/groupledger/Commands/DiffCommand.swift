import LedgerCore
import LedgerJournal
import LedgerReports

/// `groupledger diff`: what the ledger said at one point against another.
enum DiffCommand: Command {
    static let spec = CommandSpec(
        path: ["diff"],
        summary: "Compare what the ledger said at two points of transaction time, so backdated entries and corrections show.",
        usage: "diff --known-at A --known-at B [--as-of DATE] [--journal PATH] [--format text|json]",
        options: [
            .init(name: "--known-at", valueName: "SEQ|TIME", help: "A point of transaction time (a seq or a UTC time); give it twice."),
            .init(name: "--as-of", valueName: "DATE", help: "The effective date the rosters are compared at (default: the latest)."),
            CommonOptions.journal, CommonOptions.format,
        ],
        maxPositionals: 0,
        discussion: "Lists the events recorded between A and B (marking backdated ones and corrections), then each group whose roster as of DATE differs. "
            + "With --format json: one object {from, to, asOf?, recorded: [...], groups: [...]}; the fields are listed in the README.")

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode {
        let path = context.journalPath(arguments)
        let points = arguments.values("--known-at")
        guard points.count == 2 else { throw UsageError(message: "give --known-at twice (A and B)", spec: spec) }
        _ = try arguments.choice("--format", among: ["text", "json"], default: "text", spec: spec)  // reject a bad value before reading
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
        let comparison = Comparison(before: before, after: after, between: between, day: day)
        if try arguments.choice("--format", among: ["text", "json"], default: "text", spec: spec) == "json" {
            context.console.out(String(decoding: CanonicalJSON.encode(comparison.json(points: points, asOf: arguments.value("--as-of"))), as: UTF8.self) + "\n")
            return .success
        }
        var text = "known at \(points[0]) (\(before.lastSeq) events) → known at \(points[1]) (\(after.lastSeq) events)"
            + (arguments.value("--as-of").map { ", rosters as of \($0)" } ?? "") + "\n"
        text += "\nrecorded in between: \(comparison.recorded.count)\n"
        for entry in comparison.recorded {
            var marks: [String] = []
            if entry.backdated { marks.append("backdated: effective \(entry.record.effective), recorded \(entry.record.recorded)") }
            if entry.correction { marks.append("correction") }
            text += "  seq \(entry.record.seq) \(entry.record.event.payload.typeName): \(entry.change)"
                + (marks.isEmpty ? "" : "  [\(marks.joined(separator: "; "))]") + "\n"
        }
        text += "\ngroups whose roster differs: \(comparison.groups.count)\n"
        for group in comparison.groups {
            var lines: [String] = []
            if group.statusBefore != group.statusAfter { lines.append("status \(group.statusBefore?.rawValue ?? "-") → \(group.statusAfter?.rawValue ?? "-")") }
            lines += group.added.map { "+ \($0.schoolNameZh) (\($0.role.rawValue.lowercased()), seq \($0.membership.joined.seq))" }
            lines += group.removed.map { "− \($0.schoolNameZh) (\($0.role.rawValue.lowercased()))" }
            text += "  \(group.nameZh) (\(group.groupId)): " + lines.joined(separator: "; ") + "\n"
        }
        context.console.out(text)
        return .success
    }

    /// What changed between the two points, computed once and rendered as text or JSON.
    struct Comparison {
        struct Recorded {
            var record: DomainEventRecord
            var change: String
            var backdated: Bool
            var correction: Bool
        }
        struct GroupChange {
            var groupId: String
            var nameZh: String
            var statusBefore: GroupStatus?
            var statusAfter: GroupStatus?
            var added: [LedgerState.MemberView]
            var removed: [LedgerState.MemberView]
        }
        var before: LedgerState
        var after: LedgerState
        var recorded: [Recorded]
        var groups: [GroupChange]

        init(before: LedgerState, after: LedgerState, between: [DomainEventRecord], day: Int?) {
            self.before = before
            self.after = after
            recorded = between.map { record in
                let recordedDay = Int(record.recorded.secondsSinceEpoch / 86_400)
                var correction = false
                if case .entryCorrected = record.event { correction = true }
                // Backdated: it takes effect on or before the day it was recorded, so a report run
                // between A and B for that date would have said something else.
                return Recorded(record: record, change: ChangeText.describe(record, before: after),
                                backdated: record.effective.endDayNumber <= recordedDay, correction: correction)
            }
            groups = Set(before.groups.keys).union(after.groups.keys).sorted().compactMap { groupId in
                let membersBefore = Dictionary(uniqueKeysWithValues: before.members(ofGroup: groupId, onDay: day).map { ($0.membership.membershipId, $0) })
                let membersAfter = Dictionary(uniqueKeysWithValues: after.members(ofGroup: groupId, onDay: day).map { ($0.membership.membershipId, $0) })
                let change = GroupChange(
                    groupId: groupId, nameZh: (after.groups[groupId] ?? before.groups[groupId])?.nameZh ?? groupId,
                    statusBefore: before.groups[groupId]?.status(onDay: day), statusAfter: after.groups[groupId]?.status(onDay: day),
                    added: membersAfter.filter { membersBefore[$0.key] == nil }.sorted { $0.key < $1.key }.map(\.value),
                    removed: membersBefore.filter { membersAfter[$0.key] == nil }.sorted { $0.key < $1.key }.map(\.value))
                return change.statusBefore == change.statusAfter && change.added.isEmpty && change.removed.isEmpty ? nil : change
            }
        }

        /// `{from: {knownAt, lastSeq}, to: {knownAt, lastSeq}, asOf?, recorded: [{seq, type, recorded, effective, change, backdated, correction}],
        /// groups: [{groupId, nameZh, statusBefore?, statusAfter?, added: [{schoolId, nameZh, role, seq}], removed: [{schoolId, nameZh, role}]}]}`.
        func json(points: [String], asOf: String?) -> JSONValue {
            func point(_ text: String, _ state: LedgerState) -> JSONValue {
                .object(JSONObject(uniqueKeysWithValues: [("knownAt", .string(text)), ("lastSeq", .integer(state.lastSeq))]))
            }
            func member(_ view: LedgerState.MemberView, withSeq: Bool) -> JSONValue {
                var members: [(String, JSONValue)] = [
                    ("schoolId", .string(view.membership.schoolId)), ("nameZh", .string(view.schoolNameZh)), ("role", .string(view.role.rawValue)),
                ]
                if withSeq { members.append(("seq", .integer(view.membership.joined.seq))) }
                return .object(JSONObject(uniqueKeysWithValues: members))
            }
            var members: [(String, JSONValue)] = [("from", point(points[0], before)), ("to", point(points[1], after))]
            if let asOf { members.append(("asOf", .string(asOf))) }
            members.append(("recorded", .array(recorded.map { entry in
                .object(JSONObject(uniqueKeysWithValues: [
                    ("seq", .integer(entry.record.seq)), ("type", .string(entry.record.event.payload.typeName)),
                    ("recorded", .string(entry.record.recorded.description)), ("effective", .string(entry.record.effective.description)),
                    ("change", .string(entry.change)), ("backdated", .bool(entry.backdated)), ("correction", .bool(entry.correction)),
                ]))
            })))
            members.append(("groups", .array(groups.map { group in
                var fields: [(String, JSONValue)] = [("groupId", .string(group.groupId)), ("nameZh", .string(group.nameZh))]
                if let status = group.statusBefore { fields.append(("statusBefore", .string(status.rawValue))) }
                if let status = group.statusAfter { fields.append(("statusAfter", .string(status.rawValue))) }
                fields.append(("added", .array(group.added.map { member($0, withSeq: true) })))
                fields.append(("removed", .array(group.removed.map { member($0, withSeq: false) })))
                return .object(JSONObject(uniqueKeysWithValues: fields))
            })))
            return .object(JSONObject(uniqueKeysWithValues: members))
        }
    }
}
