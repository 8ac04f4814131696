/// The declared shape of a command: its options, positionals and help text.
struct CommandSpec: Sendable {
    /// One option, e.g. `--journal PATH`.
    struct Option: Sendable {
        /// The name with its dashes, e.g. `--journal`.
        let name: String
        /// The placeholder for its value, or nil for a flag.
        let valueName: String?
        /// One line of help.
        let help: String
    }

    /// The command's words, e.g. `["prove", "inclusion"]`.
    let path: [String]
    /// One line saying what it does.
    let summary: String
    /// The usage line after `groupledger`.
    let usage: String
    /// Options it accepts (besides `--help`).
    let options: [Option]
    /// How many positional arguments it accepts at most.
    let maxPositionals: Int
    /// Extra paragraphs shown by `--help`.
    let discussion: String

    /// The full `--help` text.
    var helpText: String {
        var text = "OVERVIEW: \(summary)\n\nUSAGE: groupledger \(usage)\n"
        if !options.isEmpty {
            text += "\nOPTIONS:\n"
            let rendered = options.map { option in (option.valueName.map { "\(option.name) \($0)" } ?? option.name, option.help) }
            let width = (rendered.map { $0.0.count }.max() ?? 0) + 2
            for (label, help) in rendered {
                text += "  " + label + String(repeating: " ", count: width - label.count) + help + "\n"
            }
            text += "  --help" + String(repeating: " ", count: max(2, width - 6)) + "Show this help.\n"
        }
        if !discussion.isEmpty { text += "\n" + discussion + "\n" }
        return text
    }
}
