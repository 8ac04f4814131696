import LedgerCore
import LedgerJournal
import LedgerReports

/// `groupledger log`: prints events, as text blocks or as the stored JSON lines.
enum LogCommand: Command {
    static let spec = CommandSpec(
        path: ["log"],
        summary: "Print the journal's events, oldest first.",
        usage: "log [--no-checkpoint] [--read-only] [--journal PATH] [--from SEQ] [--to SEQ] [--lang zh|en] [--format text|json]",
        options: [
            CommonOptions.noCheckpoint, CommonOptions.readOnly, CommonOptions.journal,
            .init(name: "--from", valueName: "SEQ", help: "First seq to print (default 1)."),
            .init(name: "--to", valueName: "SEQ", help: "Last seq to print (default: the last)."),
            CommonOptions.language,
            CommonOptions.format,
        ],
        maxPositionals: 0,
        discussion: """
        --format json prints each event's line exactly as stored (one JSON object per line).
        Only whole batches are shown; a torn tail is reported on stderr and not shown.
        """
    )

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode {
        let path = context.journalPath(arguments)
        let from = try arguments.integer("--from", in: 1...JournalLimits.maxSeq, spec: spec) ?? 1
        let to = try arguments.integer("--to", in: 1...JournalLimits.maxSeq, spec: spec) ?? JournalLimits.maxSeq
        guard from <= to else { throw UsageError(message: "--from \(from) is after --to \(to)", spec: spec) }
        let json = try arguments.wantsJSON(spec: spec)
        let language = try arguments.language(spec: spec)
        // Names come from the personal-data register beside the journal; ids show otherwise.
        let register = try? PersonalDataRegister.load(path: PersonalDataRegister.path(forJournal: path))
        var output = ""
        var first = true
        // The checkpoint's sampled batch ends, when it has them, spare counting the lines before
        // `from` from byte 0; `--no-checkpoint` counts them all.
        let result = try JournalReading.scan(path: path, fromBatchHolding: from,
                                             usingCheckpoint: arguments.checkpointPolicy != .ignore) { entries in
            for entry in entries where entry.seq >= from && entry.seq <= to {
                if json {
                    output += String(decoding: entry.line.encoded(), as: UTF8.self) + "\n"
                } else {
                    output += (first ? "" : "\n") + EventText.block(entry.event, language: language) { register?.name(of: $0) }
                    first = false
                }
                if output.utf8.count > 1 << 20 {
                    context.console.out(output)
                    output = ""
                }
            }
            return (entries.last?.seq ?? 0) < to
        }
        context.console.out(output)
        if let error = JournalReading.error(for: result.tail, path: path) {
            if case .corrupt = result.tail {
                throw error
            }
            context.console.error("groupledger: warning: \(error.description)\n")
        }
        return .success
    }
}
