import LedgerCore
import LedgerJournal

/// `groupledger digest`: prints the journal's size and Merkle root.
enum DigestCommand: Command {
    static let spec = CommandSpec(
        path: ["digest"],
        summary: "Print the journal's size and RFC 6962 Merkle root, to publish outside the journal.",
        usage: "digest [--no-checkpoint] [--read-only] [--journal PATH] [--format text|json]",
        options: [CommonOptions.noCheckpoint, CommonOptions.readOnly, CommonOptions.journal, CommonOptions.format],
        maxPositionals: 0,
        discussion: """
        Text output is SIZE:ROOTHEX, the form `verify --digest` accepts. JSON output is
        {"size": N, "root": "<hex>"}. The digest covers the sound part of the journal; a
        damaged journal has no digest (exit 1), a torn tail is left out with a warning.
        """
    )

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode {
        let path = context.journalPath(arguments)
        let json = try arguments.wantsJSON(spec: spec)
        let result = try JournalVerifier.verify(path: path)
        if let problem = JournalReading.error(for: result.tail, path: path) {
            guard problem.code == .tornTail else { throw problem }
            context.console.error("groupledger: warning: \(problem.description)\n")
        }
        if json {
            var output = JSONText()
            output.add("size", result.digest.size)
            output.add("root", result.digest.root.hex)
            context.console.out(output.text + "\n")
        } else {
            context.console.out("\(result.digest)\n")
        }
        return .success
    }
}
