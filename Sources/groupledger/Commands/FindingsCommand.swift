import LedgerCore
import LedgerJournal
import LedgerReports

/// `groupledger findings`: what the policy profiles say about the recorded history.
enum FindingsCommand: Command {
    static let spec = CommandSpec(
        path: ["findings"],
        summary: "Show policy findings: rules of each jurisdiction's profile judged against the journal.",
        usage: "findings [--school-year YYYY] [--jurisdiction ID|NAME] [--all] [--strict] [--lang zh|en] [--no-checkpoint] [--read-only] [--journal PATH] [--format text|json]",
        options: [
            .init(name: "--school-year", valueName: "YYYY", help: "Judge periodic rules for the school year starting 1 September YYYY (default: every year with data)."),
            .init(name: "--jurisdiction", valueName: "ID|NAME", help: "Only this jurisdiction's groups: an id, an authority's name, or a place (湛河区)."),
            .init(name: "--all", valueName: nil, help: "Also show rules that are met."),
            .init(name: "--strict", valueName: nil, help: "Exit 1 when any rule is not met."),
            CommonOptions.language, CommonOptions.noCheckpoint, CommonOptions.readOnly, CommonOptions.journal, CommonOptions.format,
        ],
        maxPositionals: 0,
        discussion: """
        Findings are derived on replay, never stored. A rule of severity block refuses an event
        at append time unless it cites a granted PolicyException approval; everything else is
        reported here, with exit status 0 unless --strict is given.
        """)

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode {
        let path = context.journalPath(arguments)
        let json = try arguments.wantsJSON(spec: spec)
        let language = try arguments.language(spec: spec)
        let years = try arguments.integer("--school-year", in: 1900...2100, spec: spec).map { [Int($0)] }
        let (state, all) = try JournalReading.findings(path: path, schoolYears: years)
        var findings = arguments.flag("--all") ? all : all.filter { $0.status != .met }
        if let jurisdiction = try arguments.value("--jurisdiction").map({ try EntityNames.jurisdiction($0, in: state, path: path) }) {
            findings = findings.filter { finding in
                let id = finding.subject.split(separator: " ").last.map(String.init) ?? ""
                let groupId = state.groups[id]?.groupId ?? state.memberships[id]?.groupId
                return groupId.flatMap { state.groups[$0]?.jurisdictionId } == jurisdiction
            }
        }
        if json {
            context.console.out(findings.map { String(decoding: CanonicalJSON.encode(FindingsText.json($0)), as: UTF8.self) + "\n" }.joined())
        } else {
            context.console.out(FindingsText.text(findings, language: language))
        }
        return arguments.flag("--strict") && findings.contains { $0.status == .notMet } ? .failure : .success
    }
}
