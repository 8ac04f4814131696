import LedgerCore
import LedgerJournal

/// `groupledger append`: appends JSON Lines of events as one atomic batch.
enum AppendCommand: Command {
    static let spec = CommandSpec(
        path: ["append"],
        summary: "Append events to the journal as one atomic batch and print the seqs assigned.",
        usage: "append [--journal PATH] [--expect-seq N] [--wait MILLISECONDS] [--format text|json] [FILE|-]",
        options: [
            CommonOptions.journal,
            .init(name: "--expect-seq", valueName: "N", help: "Refuse unless the journal's last seq is N (0 when empty)."),
            CommonOptions.wait,
            CommonOptions.format,
        ],
        maxPositionals: 1,
        discussion: """
        Input is JSON Lines, one event per line, with the fields type, v, effective, actor,
        data and (optional) authority; the ledger adds seq, recorded, batch and prev. Every
        event is checked before anything is written (its payload against Journal/EVENTS.md,
        its actor's role, and its consistency with the journal's state); the command returns
        after fsync.
        The recorded time comes from the system clock, or from GROUPLEDGER_CLOCK
        (YYYY-MM-DDTHH:MM:SSZ) when set.
        """
    )

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode {
        let path = context.journalPath(arguments)
        let expectSeq = try arguments.integer("--expect-seq", in: 0...JournalLimits.maxSeq, spec: spec)
        let wait = try arguments.integer("--wait", in: 0...3_600_000, spec: spec) ?? 10_000
        let json = try arguments.wantsJSON(spec: spec)
        let clock = try context.clock(spec: spec)
        let source = arguments.positionals.first ?? "-"
        let input = try InputFile.read(source)
        let drafts: [EventDraft]
        do {
            drafts = try EventDraftInput.drafts(from: input)
        } catch {
            throw JournalError(.invalidInput, path: InputFile.displayName(source), lineNumber: error.lineNumber,
                               byteOffset: error.byteOffset, field: error.field, message: error.message)
        }
        let receipt = try LedgerAppender.append(drafts, to: path, clock: clock, expectSeq: expectSeq, lockWaitMilliseconds: Int(wait))
        let count = receipt.lastSeq - receipt.firstSeq + 1
        if json {
            var json = JSONText()
            json.add("first", receipt.firstSeq)
            json.add("last", receipt.lastSeq)
            json.add("count", count)
            json.add("recorded", receipt.recorded.description)
            context.console.out(json.text + "\n")
        } else {
            let seqs = count == 1 ? "seq \(receipt.firstSeq)" : "seq \(receipt.firstSeq)–\(receipt.lastSeq)"
            context.console.out("appended \(count) event\(count == 1 ? "" : "s") as \(seqs) to \(path), recorded \(receipt.recorded) (on disk)\n")
        }
        return .success
    }
}
