import LedgerCore
import LedgerJournal
import LedgerReports

/// `groupledger replay`: steps through the journal, one block per event.
enum ReplayCommand: Command {
    static let spec = CommandSpec(
        path: ["replay"],
        summary: "Step through the journal: who recorded what, when, on what authority, what it changed, and the findings raised.",
        usage: "replay [--from SEQ] [--to SEQ] [--lang zh|en] [--no-checkpoint] [--read-only] [--journal PATH] [--format text|json]",
        options: [
            .init(name: "--from", valueName: "SEQ", help: "First seq to show (the state is still folded from seq 1)."),
            .init(name: "--to", valueName: "SEQ", help: "Last seq to show."),
            CommonOptions.language,
            CommonOptions.noCheckpoint, CommonOptions.readOnly, CommonOptions.journal, CommonOptions.format,
        ],
        maxPositionals: 0,
        discussion: "--format json prints one object per event: {seq, type, recorded, effective, actor, authority?, change, findings, correctedBy?}.")

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode {
        let path = context.journalPath(arguments)
        let from = try arguments.integer("--from", in: 1...JournalLimits.maxSeq, spec: spec) ?? 1
        let to = try arguments.integer("--to", in: 1...JournalLimits.maxSeq, spec: spec) ?? JournalLimits.maxSeq
        let language = try arguments.language(spec: spec)
        let json = try arguments.wantsJSON(spec: spec)
        let register = try? PersonalDataRegister.load(path: PersonalDataRegister.path(forJournal: path))
        var output = ""
        var first = true
        try AuditWalk.walk(path: path, through: to, including: { $0.seq >= from }) { entry in
            if json {
                output += String(decoding: CanonicalJSON.encode(entry.json), as: UTF8.self) + "\n"
            } else {
                output += (first ? "" : "\n") + entry.text(language) { register?.name(of: $0) }
                first = false
            }
            if output.utf8.count > 1 << 20 {
                context.console.out(output)
                output = ""
            }
        }
        context.console.out(output)
        return .success
    }
}
