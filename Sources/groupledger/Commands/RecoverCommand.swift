import LedgerCore
import LedgerJournal

/// `groupledger recover`: moves a torn tail aside.
enum RecoverCommand: Command {
    static let spec = CommandSpec(
        path: ["recover"],
        summary: "Move a torn tail (an append cut short by a crash) into a file beside the journal.",
        usage: "recover [--journal PATH] [--wait MILLISECONDS] [--format text|json]",
        options: [CommonOptions.journal, CommonOptions.wait, CommonOptions.format],
        maxPositionals: 0,
        discussion: """
        Nothing is deleted: the torn bytes go to <journal>.torn-<byteOffset>, and the journal is
        left as its sound prefix of whole batches. A journal damaged in any other way is left
        untouched (exit 1): recover does not guess.
        """
    )

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode {
        let path = context.journalPath(arguments)
        let wait = try arguments.integer("--wait", in: 0...3_600_000, spec: spec) ?? 10_000
        let json = try arguments.wantsJSON(spec: spec)
        let report = try JournalRecovery.recover(path: path, lockWaitMilliseconds: Int(wait))
        if json {
            var object = JSONText()
            object.add("journal", path)
            object.add("recovered", report.movedTo != nil)
            object.add("events", Int64(report.eventCount))
            object.add("sizeBytes", Int64(report.byteCount))
            if let tail = report.tornTail, let movedTo = report.movedTo {
                object.add("movedTo", movedTo)
                object.add("tornByteOffset", Int64(tail.byteOffset))
                object.add("tornSizeBytes", Int64(tail.byteCount))
                object.add("tornFirstLineNumber", Int64(tail.firstLineNumber))
                object.add("reason", tail.reason)
            }
            context.console.out(object.text + "\n")
            return .success
        }
        guard let tail = report.tornTail, let movedTo = report.movedTo else {
            context.console.out("nothing to recover: \(path) ends with a whole batch (\(report.eventCount) events)\n")
            return .success
        }
        let lines = tail.completeLineCount == 1 ? "1 complete line" : "\(tail.completeLineCount) complete lines"
        context.console.out("""
            moved \(tail.byteCount) bytes (\(lines) of an unfinished batch, from line \(tail.firstLineNumber)) from byte \(tail.byteOffset) of \(path) to \(movedTo)
            reason: \(tail.reason)
            the journal now holds \(report.eventCount) events in \(report.byteCount) bytes

            """)
        return .success
    }
}
