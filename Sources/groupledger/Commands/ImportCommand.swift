import LedgerCore
import LedgerJournal

/// `groupledger import`: builds a journal from batch files listed with their recorded times.
enum ImportCommand: Command {
    static let spec = CommandSpec(
        path: ["import"],
        summary: "Append a list of batch files, each as one atomic batch at its listed recorded time (how the shipped journal is built).",
        usage: "import BATCHES.tsv [--journal PATH] [--format text|json]",
        options: [CommonOptions.journal, CommonOptions.format],
        maxPositionals: 1,
        discussion: """
        BATCHES.tsv lists, one per line, a recorded UTC time and a batch file (relative to the
        list), separated by a tab; lines starting with # are comments. Each file is JSON Lines
        append input, checked like `append`. The recorded times make the result the same bytes
        on every machine: `groupledger import Journal/source/batches.tsv --journal /tmp/x.jsonl`
        rebuilds Journal/ledger.jsonl exactly.
        """)

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode {
        guard let list = arguments.positionals.first else { throw UsageError(message: "missing BATCHES.tsv", spec: spec) }
        let path = context.journalPath(arguments)
        let json = try arguments.wantsJSON(spec: spec)
        let directory = FileDescriptor.parentDirectory(of: list)
        var batches = 0
        var events: Int64 = 0
        // One session for all batches: the state is built once and kept current.
        var session: LedgerSession?
        let clock = SettableClock(UTCTimestamp(secondsSinceEpoch: 0))
        for (index, line) in String(decoding: try InputFile.read(list), as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t").map(String.init)
            guard fields.count == 2, let recorded = try? UTCTimestamp(parsing: fields[0]) else {
                throw JournalError(.invalidInput, path: list, lineNumber: Int64(index + 1),
                                   message: "expected a UTC time YYYY-MM-DDTHH:MM:SSZ, a tab and a file name, found \"\(line)\"")
            }
            let file = directory + "/" + fields[1]
            let drafts: [EventDraft]
            do {
                drafts = try EventDraftInput.drafts(from: try InputFile.read(file))
            } catch let error as InputLineError {
                throw JournalError(.invalidInput, path: file, lineNumber: error.lineNumber, byteOffset: error.byteOffset,
                                   field: error.field, message: error.message)
            }
            let receipt: AppendReceipt
            do {
                clock.set(recorded)
                let open = try session ?? LedgerSession(path: path, clock: clock)
                session = open
                receipt = try open.append(drafts)
            } catch var error as JournalError {
                error.message = "\(file): \(error.message)"
                throw error
            }
            batches += 1
            events += receipt.lastSeq - receipt.firstSeq + 1
        }
        if json {
            var object = JSONText()
            object.add("journal", path)
            object.add("events", Int64(events))
            object.add("batches", Int64(batches))
            context.console.out(object.text + "\n")
        } else {
            context.console.out("imported \(events) events in \(batches) batches into \(path)\n")
        }
        return .success
    }
}
