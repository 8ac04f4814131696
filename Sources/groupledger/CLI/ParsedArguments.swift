import LedgerJournal
import LedgerReports

/// Arguments parsed against a `CommandSpec`.
struct ParsedArguments {
    /// Option values by option name (`--journal` → `x.jsonl`); flags map to "".
    private(set) var values: [String: String] = [:]
    /// Positional arguments in order.
    private(set) var positionals: [String] = []
    /// Whether `--help` or `-h` was given.
    private(set) var wantsHelp = false
    /// Every value of each option, in order (for the options that may repeat).
    private(set) var repeated: [String: [String]] = [:]
    /// Options that may be given more than once.
    static let repeatable: Set<String> = ["--known-at"]

    /// Parses `arguments` (the words after the command's own words).
    /// - Throws: `UsageError` for unknown options, missing values, repeats and extra positionals.
    init(_ arguments: [String], spec: CommandSpec) throws(UsageError) {
        var index = 0
        var onlyPositionals = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if onlyPositionals || argument == "-" || !argument.hasPrefix("-") {
                positionals.append(argument)
                continue
            }
            if argument == "--" {
                onlyPositionals = true
                continue
            }
            if argument == "--help" || argument == "-h" {
                wantsHelp = true
                continue
            }
            var name = argument
            var inlineValue: String?
            if let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                inlineValue = String(argument[argument.index(after: equals)...])
            }
            guard let option = spec.options.first(where: { $0.name == name }) else {
                throw UsageError.unknownOption(name, suggestion: Self.closest(to: name, among: spec.options.map(\.name)), spec: spec)
            }
            guard values[name] == nil || Self.repeatable.contains(name) else {
                throw UsageError(message: "option '\(name)' was given more than once", spec: spec)
            }
            if option.valueName == nil {
                guard inlineValue == nil else { throw UsageError(message: "option '\(name)' takes no value", spec: spec) }
                values[name] = ""
                continue
            }
            if let inlineValue {
                values[name] = inlineValue
                repeated[name, default: []].append(inlineValue)
            } else if index < arguments.count {
                values[name] = arguments[index]
                repeated[name, default: []].append(arguments[index])
                index += 1
            } else {
                throw UsageError(message: "missing value for '\(name) \(option.valueName ?? "")'", spec: spec)
            }
        }
        if !wantsHelp && positionals.count > spec.maxPositionals {
            let extra = positionals[spec.maxPositionals]
            throw UsageError(message: "unexpected argument '\(extra)'", spec: spec)
        }
    }

    /// Replaces an option's value (a name resolved to its id, for instance).
    mutating func replace(_ name: String, with value: String) {
        values[name] = value
        repeated[name] = [value]
    }

    /// The value of an option, if given.
    func value(_ name: String) -> String? { values[name] }

    /// Every value given for a repeatable option.
    func values(_ name: String) -> [String] { repeated[name] ?? [] }

    /// Whether a flag was given.
    func flag(_ name: String) -> Bool { values[name] != nil }

    /// A whole-number option in `range`, if given.
    func integer(_ name: String, in range: ClosedRange<Int64>, spec: CommandSpec) throws(UsageError) -> Int64? {
        guard let text = values[name] else { return nil }
        guard let value = Int64(text), range.contains(value) else {
            let bound = range.upperBound == Int64.max ? "≥ \(range.lowerBound)" : "in \(range.lowerBound)–\(range.upperBound)"
            throw UsageError(message: "the value '\(text)' is invalid for '\(name)': expected a whole number \(bound)", spec: spec)
        }
        return value
    }

    /// An option restricted to a few words, e.g. `--format text|json`.
    func choice(_ name: String, among choices: [String], default defaultValue: String, spec: CommandSpec) throws(UsageError) -> String {
        guard let text = values[name] else { return defaultValue }
        guard choices.contains(text) else {
            throw UsageError(message: "the value '\(text)' is invalid for '\(name)': expected one of \(choices.joined(separator: ", "))", spec: spec)
        }
        return text
    }

    /// Whether `--format json` was given (`text`, the default, otherwise; anything else is a usage error).
    func wantsJSON(spec: CommandSpec) throws(UsageError) -> Bool {
        try choice("--format", among: ["text", "json"], default: "text", spec: spec) == "json"
    }

    /// The language of text output: `--lang zh|en`, Chinese when not given.
    func language(spec: CommandSpec) throws(UsageError) -> Language {
        Language(rawValue: try choice("--lang", among: Language.allCases.map(\.rawValue), default: Language.zh.rawValue, spec: spec)) ?? .zh
    }

    /// What `--no-checkpoint` and `--read-only` allow.
    var checkpointPolicy: StateCheckpoint.Policy {
        flag("--no-checkpoint") ? .ignore : flag("--read-only") ? .readOnly : .readWrite
    }

    /// The candidate with the smallest edit distance to `word`, if it is close enough.
    static func closest(to word: String, among candidates: [String]) -> String? {
        let scored = candidates.map { ($0, editDistance(Array(word), Array($0))) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= max(2, word.count / 3) else { return nil }
        return best.0
    }

    private static func editDistance(_ left: [Character], _ right: [Character]) -> Int {
        var previous = Array(0...right.count)
        for (leftIndex, leftCharacter) in left.enumerated() {
            var current = [leftIndex + 1]
            for (rightIndex, rightCharacter) in right.enumerated() {
                current.append(min(previous[rightIndex + 1] + 1, current[rightIndex] + 1,
                                   previous[rightIndex] + (leftCharacter == rightCharacter ? 0 : 1)))
            }
            previous = current
        }
        return previous[right.count]
    }
}
