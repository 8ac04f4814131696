/// A command line that does not fit the command's spec: exit code 64 (EX_USAGE).
struct UsageError: Error {
    /// What is wrong, e.g. "unknown option '--jornal'; did you mean '--journal'?".
    let message: String
    /// The command it concerns, for the usage line.
    let spec: CommandSpec?

    /// An unknown option, with a suggestion when one is close.
    static func unknownOption(_ name: String, suggestion: String?, spec: CommandSpec) -> UsageError {
        let hint = suggestion.map { "; did you mean '\($0)'?" } ?? ""
        return UsageError(message: "unknown option '\(name)'\(hint)", spec: spec)
    }
}
