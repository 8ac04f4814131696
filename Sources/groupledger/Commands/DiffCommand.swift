import LedgerCore
import LedgerJournal
import LedgerReports

/// `groupledger diff`: what the ledger said at one point against another.
enum DiffCommand: Command {
    static let spec = CommandSpec(
        path: ["diff"],
        summary: "Compare what the ledger said at two points of transaction time, so backdated entries and corrections show.",
        usage: "diff --known-at A --known-at B [--as-of DATE] [--lang zh|en] [--no-checkpoint] [--read-only] [--journal PATH] [--format text|json]",
        options: [
            .init(name: "--known-at", valueName: "SEQ|TIME", help: "A point of transaction time (a seq or a UTC time); give it twice."),
            .init(name: "--as-of", valueName: "DATE", help: "The effective date the rosters are compared at (default: the latest)."),
            CommonOptions.language, CommonOptions.noCheckpoint, CommonOptions.readOnly, CommonOptions.journal, CommonOptions.format,
        ],
        maxPositionals: 0,
        discussion: "Lists each group whose roster as of DATE differs, then the events recorded between A and B (marking backdated ones and corrections). "
            + "With --format json: one object {from, to, asOf?, recorded: [...], groups: [...]}; the fields are listed in the README.")

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode {
        let path = context.journalPath(arguments)
        let points = arguments.values("--known-at")
        guard points.count == 2 else { throw UsageError(message: "give --known-at twice (A and B)", spec: spec) }
        let json = try arguments.wantsJSON(spec: spec)  // a bad value is refused before anything is read
        let language = try arguments.language(spec: spec)
        let cuts = try points.map { text throws(UsageError) -> KnownAt in
            if let seq = Int64(text), seq >= 0 { return .seq(seq) }
            guard let instant = try? UTCTimestamp(parsing: text) else {
                throw UsageError(message: "the value '\(text)' is invalid for '--known-at': expected a seq or a UTC time YYYY-MM-DDTHH:MM:SSZ", spec: spec)
            }
            return .recorded(instant)
        }
        var asOf: PartialDate?
        if let text = arguments.value("--as-of") {
            guard let date = try? PartialDate(parsing: text) else {
                throw UsageError(message: "the value '\(text)' is invalid for '--as-of': expected YYYY, YYYY-MM or YYYY-MM-DD", spec: spec)
            }
            asOf = date
        }
        let day = asOf?.firstDayNumber
        let before = try JournalReading.state(path: path, knownAt: cuts[0])
        let after = try JournalReading.state(path: path, knownAt: cuts[1])
        let comparison = Comparison(before: before, after: after, day: day)
        // The rosters come from the two states; the events in between are streamed after them,
        // so a diff across a million events never holds those events.
        var output = StreamingOutput(context.console)
        if json {
            func encoded(_ value: JSONValue) -> String { String(decoding: CanonicalJSON.encode(value), as: UTF8.self) }
            // Members in canonical (sorted) order, as every other JSON the CLI prints.
            output.write("{" + (arguments.value("--as-of").map { "\"asOf\":" + encoded(.string($0)) + "," } ?? "")
                + "\"from\":" + encoded(comparison.point(points[0], before)) + ",\"groups\":" + encoded(comparison.groupsJSON) + ",\"recorded\":[")
        } else {
            let rosters = asOf.map { language.choose(", rosters as of \(language.date($0))", "，名单截至\(language.date($0))") } ?? ""
            output.write(language.choose("known at \(points[0]) (\(before.lastSeq) events) → known at \(points[1]) (\(after.lastSeq) events)",
                                         "截至 \(points[0])（\(before.lastSeq)条事件）→ 截至 \(points[1])（\(after.lastSeq)条事件）") + rosters + "\n")
            output.write("\n" + language.choose("groups whose roster differs: ", "名单有变化的集团：") + "\(comparison.groups.count)\n")
            for group in comparison.groups {
                var lines: [String] = []
                if group.statusBefore != group.statusAfter {
                    lines.append(language.choose("status ", "状态 ") + "\(group.statusBefore.map(language.word) ?? "-") → \(group.statusAfter.map(language.word) ?? "-")")
                }
                lines += group.added.map { "+ \($0.schoolNameZh) (\(language.word($0.role)), \(language.seq($0.membership.joined.seq)))" }
                lines += group.removed.map { "− \($0.schoolNameZh) (\(language.word($0.role)))" }
                output.write("  \(group.nameZh) (\(group.groupId)): " + lines.joined(separator: "; ") + "\n")
            }
            output.write("\n" + language.choose("recorded in between:", "期间记录的事件：") + "\n")
        }
        var count = 0
        try JournalReading.replayDomain(path: path) { record in
            guard cuts[1].includes(record) && !cuts[0].includes(record) else { return }
            let entry = Comparison.Recorded(record, after: after)
            if json {
                output.write((count == 0 ? "" : ",") + String(decoding: CanonicalJSON.encode(entry.json), as: UTF8.self))
            } else {
                var marks: [String] = []
                if entry.backdated {
                    marks.append(language.choose("backdated: effective \(record.effective), recorded \(language.recorded(record.recorded))",
                                                 "补记：生效 \(language.date(record.effective))，记录于 \(language.recorded(record.recorded))"))
                }
                if entry.correction { marks.append(language.choose("correction", "更正")) }
                output.write("  seq \(record.seq) \(record.event.typeName): \(entry.change)" + (marks.isEmpty ? "" : "  [\(marks.joined(separator: "; "))]") + "\n")
            }
            count += 1
        }
        if json {
            output.write("],\"to\":" + String(decoding: CanonicalJSON.encode(comparison.point(points[1], after)), as: UTF8.self) + "}\n")
        } else {
            output.write(language.choose("(\(count) event\(count == 1 ? "" : "s") recorded in between)", "（期间共记录\(count)条事件）") + "\n")
        }
        output.flush()
        return .success
    }

    /// The rosters that differ between the two points, and how one event recorded in between is shown.
    struct Comparison {
        /// An event recorded between the two points, marked as backdated and as a correction.
        struct Recorded {
            var record: DomainEventRecord
            var change: String
            var backdated: Bool
            var correction: Bool

            init(_ record: DomainEventRecord, after: LedgerState) {
                self.record = record
                change = ChangeText.describe(record, before: after)
                // Backdated: it takes effect on or before the day it was recorded, so a report run
                // between A and B for that date would have said something else.
                backdated = record.effective.endDayNumber <= Int(record.recorded.secondsSinceEpoch / 86_400)
                if case .entryCorrected = record.event { correction = true } else { correction = false }
            }

            /// `{seq, type, recorded, effective, change, backdated, correction}`.
            var json: JSONValue {
                .object(JSONObject(uniqueKeysWithValues: [
                    ("seq", .integer(record.seq)), ("type", .string(record.event.typeName)),
                    ("recorded", .string(record.recorded.description)), ("effective", .string(record.effective.description)),
                    ("change", .string(change)), ("backdated", .bool(backdated)), ("correction", .bool(correction)),
                ]))
            }
        }

        /// A group whose status or members as of the day differ.
        struct GroupChange {
            var groupId: String
            var nameZh: String
            var statusBefore: GroupStatus?
            var statusAfter: GroupStatus?
            var added: [LedgerState.MemberView]
            var removed: [LedgerState.MemberView]
        }

        var groups: [GroupChange]

        init(before: LedgerState, after: LedgerState, day: Int?) {
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

        /// `{knownAt, lastSeq}`.
        func point(_ text: String, _ state: LedgerState) -> JSONValue {
            .object(JSONObject(uniqueKeysWithValues: [("knownAt", .string(text)), ("lastSeq", .integer(state.lastSeq))]))
        }

        /// `[{groupId, nameZh, statusBefore?, statusAfter?, added: [{schoolId, nameZh, role, seq}], removed: [{schoolId, nameZh, role}]}]`.
        var groupsJSON: JSONValue {
            func member(_ view: LedgerState.MemberView, withSeq: Bool) -> JSONValue {
                var members: [(String, JSONValue)] = [
                    ("schoolId", .string(view.membership.schoolId)), ("nameZh", .string(view.schoolNameZh)), ("role", .string(view.role.rawValue)),
                ]
                if withSeq { members.append(("seq", .integer(view.membership.joined.seq))) }
                return .object(JSONObject(uniqueKeysWithValues: members))
            }
            return .array(groups.map { group in
                var fields: [(String, JSONValue)] = [("groupId", .string(group.groupId)), ("nameZh", .string(group.nameZh))]
                if let status = group.statusBefore { fields.append(("statusBefore", .string(status.rawValue))) }
                if let status = group.statusAfter { fields.append(("statusAfter", .string(status.rawValue))) }
                fields.append(("added", .array(group.added.map { member($0, withSeq: true) })))
                fields.append(("removed", .array(group.removed.map { member($0, withSeq: false) })))
                return .object(JSONObject(uniqueKeysWithValues: fields))
            })
        }
    }
}
