import LedgerJournal

/// Dispatches `groupledger <command> …` and is the one place that prints errors and picks
/// exit codes.
enum GroupLedgerCLI {
    /// Every command, in the order `--help` lists them.
    static var commands: [any Command.Type] {
        [
            AppendCommand.self, LogCommand.self, VerifyCommand.self, DigestCommand.self,
            ProveInclusionCommand.self, ProveConsistencyCommand.self, RecoverCommand.self, StateCommand.self,
            FormGroupCommand.self, JoinCommand.self, ExitCommand.self, SecondCommand.self, EndSecondmentCommand.self,
            AllocateCommand.self, EarmarkCommand.self, SpendCommand.self,
            RegisterPutCommand.self, RegisterEraseCommand.self, RegisterShowCommand.self, FindingsCommand.self, ImportCommand.self,
            ReplayCommand.self, HistoryCommand.self, FundsTraceCommand.self, DiffCommand.self, ExplainCommand.self, ExportCommand.self,
            ReportAnnualCommand.self, SealCommand.self,
        ]
    }

    static let version = "0.1.0"

    /// Runs the command line `arguments` (without the program name) and returns the exit code.
    static func run(_ arguments: [String], environment: [String: String], console: Console = Console()) -> Int32 {
        let context = CommandContext(environment: environment, console: console)
        guard let first = arguments.first, first != "--help", first != "-h", first != "help" || arguments.count == 1 else {
            if arguments.first == "help", arguments.count > 1 {
                return run(Array(arguments.dropFirst()) + ["--help"], environment: environment, console: console)
            }
            console.out(overview)
            return ExitCode.success.rawValue
        }
        if first == "--version" {
            console.out("groupledger \(version)\n")
            return ExitCode.success.rawValue
        }
        // The command whose words match the most leading arguments.
        let match = commands
            .filter { Array(arguments.prefix($0.spec.path.count)) == $0.spec.path }
            .max { $0.spec.path.count < $1.spec.path.count }
        guard let command = match else {
            let group = commands.filter { $0.spec.path.first == first }
            if !group.isEmpty {
                let names = group.map { $0.spec.path.joined(separator: " ") }.joined(separator: ", ")
                if arguments.contains("--help") || arguments.contains("-h") {
                    console.out(group.map { $0.spec.helpText }.joined(separator: "\n"))
                    return ExitCode.success.rawValue
                }
                return usageFailure("'\(first)' needs a subcommand: \(names)", usage: nil, console: console)
            }
            let suggestion = ParsedArguments.closest(to: first, among: commands.map { $0.spec.path[0] })
            let hint = suggestion.map { "; did you mean '\($0)'?" } ?? ""
            return usageFailure("unknown command '\(first)'\(hint)", usage: nil, console: console)
        }
        let spec = command.spec
        do {
            let parsed = try ParsedArguments(Array(arguments.dropFirst(spec.path.count)), spec: spec)
            if parsed.wantsHelp {
                console.out(spec.helpText)
                return ExitCode.success.rawValue
            }
            guard let progress = ProgressLine.forTerminal(label: "reading " + context.journalPath(parsed), environment: environment) else {
                return try command.run(parsed, context: context).rawValue
            }
            progress.install()
            defer { progress.uninstall() }
            return try command.run(parsed, context: context).rawValue
        } catch let error as UsageError {
            return usageFailure(error.message, usage: error.spec ?? spec, console: console)
        } catch let error as JournalError {
            console.error("groupledger: error: \(error.description)\n")
            return ExitCode.failure.rawValue
        } catch {
            console.error("groupledger: error: \(error)\n")
            return ExitCode.failure.rawValue
        }
    }

    private static func usageFailure(_ message: String, usage spec: CommandSpec?, console: Console) -> Int32 {
        var text = "groupledger: error: \(message)\n"
        if let spec {
            text += "Usage: groupledger \(spec.usage)\n  See 'groupledger \(spec.path.joined(separator: " ")) --help'.\n"
        } else {
            text += "  See 'groupledger --help'.\n"
        }
        console.error(text)
        return ExitCode.usage.rawValue
    }

    static var overview: String {
        var text = """
        OVERVIEW: GroupLedger, a verifiable record ledger for school groups (集团化办学).

        USAGE: groupledger <command> [options]

        COMMANDS:

        """
        let rendered = commands.map { ($0.spec.path.joined(separator: " "), $0.spec.summary) }
        let width = (rendered.map { $0.0.count }.max() ?? 0) + 2
        for (name, summary) in rendered {
            text += "  " + name + String(repeating: " ", count: width - name.count) + summary + "\n"
        }
        text += """

        The journal is Journal/ledger.jsonl unless --journal or GROUPLEDGER_JOURNAL says otherwise.
        Exit status: 0 success, 1 failure or integrity problem, 64 usage error.
        See 'groupledger <command> --help' for a command's options.

        """
        return text
    }
}
