import LedgerCore
import LedgerJournal

/// What every command is given: the process environment and the console.
struct CommandContext {
    /// The journal used when neither `--journal` nor `GROUPLEDGER_JOURNAL` is given.
    static let defaultJournalPath = "Journal/ledger.jsonl"

    /// The process environment (read once, passed in so tests can set it).
    let environment: [String: String]
    /// Where output goes.
    let console: Console

    /// The journal path: `--journal`, else `GROUPLEDGER_JOURNAL`, else `Journal/ledger.jsonl`.
    func journalPath(_ arguments: ParsedArguments) -> String {
        arguments.value("--journal") ?? environment["GROUPLEDGER_JOURNAL"] ?? Self.defaultJournalPath
    }

    /// A file of the tool's `Tools/` folder: beside the journal's project (the journal lives in
    /// `<project>/Journal/`), else beside the executable's build folder.
    static func toolsPath(for journalPath: String, file: String) -> String {
        let journalDirectory = FileDescriptor.parentDirectory(of: journalPath)
        for candidate in [journalDirectory + "/../Tools/" + file, "Tools/" + file, executableDirectory() + "/../../../Tools/" + file,
                          executableDirectory() + "/../../Tools/" + file] where FileDescriptor.exists(candidate) {
            return candidate
        }
        return "Tools/" + file
    }

    private static func executableDirectory() -> String {
        FileDescriptor.parentDirectory(of: CommandLine.arguments.first ?? ".")
    }

    /// The clock appends use: fixed at `GROUPLEDGER_CLOCK` when set (for reproducible
    /// journals and tests), the system clock otherwise.
    func clock(spec: CommandSpec) throws(UsageError) -> any LedgerClock {
        guard let text = environment["GROUPLEDGER_CLOCK"] else { return SystemClock() }
        do {
            return FixedClock(try UTCTimestamp(parsing: text))
        } catch {
            throw UsageError(message: "GROUPLEDGER_CLOCK: \(error.message)", spec: spec)
        }
    }
}

/// A subcommand of `groupledger`.
protocol Command {
    /// Its options and help.
    static var spec: CommandSpec { get }
    /// Runs it; returns the exit code. Throws `UsageError` or `JournalError` for the caller to report.
    static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode
}

/// Options several commands share, declared once.
enum CommonOptions {
    static let journal = CommandSpec.Option(name: "--journal", valueName: "PATH",
                                            help: "The journal file (default: $GROUPLEDGER_JOURNAL, else Journal/ledger.jsonl).")
    static let format = CommandSpec.Option(name: "--format", valueName: "text|json", help: "Output for people (text, the default) or for jq (json).")
    static let language = CommandSpec.Option(name: "--lang", valueName: "zh|en",
                                             help: "Labels and dates of text output: zh (default, dates as 2024年9月1日) or en. Times are shown in Beijing time.")
    static let noCheckpoint = CommandSpec.Option(name: "--no-checkpoint", valueName: nil,
                                                 help: "Replay the whole journal; neither read nor write the checkpoint beside it.")
    static let readOnly = CommandSpec.Option(name: "--read-only", valueName: nil,
                                             help: "Write nothing beside the journal (a valid checkpoint is still read).")
    static let wait = CommandSpec.Option(name: "--wait", valueName: "MILLISECONDS",
                                         help: "How long to wait for another writer's lock (default 10000).")
}
